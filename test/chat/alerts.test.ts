// Round alerts as a Slack channel sees them: a poll reads a new round of a watched company and, before
// the poll returns, the channel has it (through the official WebClient, against the local stand-in).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log';
import { parseConfig, type MoonshotConfig, type Secrets } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { Outbox } from '../../src/chat/outbox';
import { destinationFor, outboxDeliver } from '../../src/chat/deliver';
import { pollOnce, type BotDeps } from '../../src/scheduler';
import { startFeedServer, type FeedServer } from '../scheduler/feed-server';
import { discordStandIn, slackStandIn, type StandIn } from './standins';

const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const secrets: Secrets = { slackBotToken: 'xoxb-test', slackSigningSecret: null, slackAppToken: null, discordToken: 'discord-test', discordApplicationId: null };

function configFor(feed: string | string[], subs: string): MoonshotConfig {
  return parseConfig([
    `feeds:\n${[feed].flat().map((f) => `  - url: ${f}\n    interval: 1m`).join('\n')}`,
    'watch: ["Orbital Labs"]',
    `subscriptions:\n${subs}`,
    'allowHosts: [127.0.0.1]',
    'polling:\n  jitter: 0s',
  ].join('\n'), 'alerts.yml', {});
}

const text = (m: Record<string, unknown>): string => `${String(m.text)}\n${JSON.stringify(m.blocks)}`;

describe('round alerts', () => {
  let dir: string;
  let store: Store;
  let server: FeedServer;
  let slack: StandIn;
  let discord: StandIn;
  let outbox: Outbox;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-alerts-'));
    store = await openStore({ path: join(dir, 'bot.sqlite') });
    server = await startFeedServer();
    slack = await slackStandIn();
    discord = await discordStandIn();
    outbox = new Outbox(store, [], { log: silentLogger() });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    await slack.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = (config: MoonshotConfig): BotDeps => ({
    store, config: () => config, owner: 'test', random: () => 0, log: silentLogger(), notifyAdmin: async () => undefined,
    deliver: outboxDeliver(outbox, (s) => destinationFor(s, secrets, { slackApiUrl: `${slack.url}/api/`, discordApi: `${discord.url}/api` })),
  });

  it('posts a new round within the poll that read it, once, and not to a channel whose minimum it is under', async () => {
    server.setItems('/feed.xml', [{
      id: 'a1', title: 'Orbital Labs raises $300 million Series B', published: new Date(NOW.getTime() - HOUR),
      body: 'Orbital Labs raised $300 million in a Series B round led by Harbor Ventures, valuing the startup at $2 billion.',
    }]);
    const config = configFor(server.url('/feed.xml'), [
      '  - id: everything\n    platform: slack\n    channel: C0ALL\n    schedule: "0 9 * * *"',
      '  - id: big-only\n    platform: slack\n    channel: C0BIG\n    schedule: "0 9 * * *"\n    filters:\n      minRound: 500M',
      '  - id: quiet\n    platform: slack\n    channel: C0QUIET\n    schedule: "0 9 * * *"\n    alerts: [conflict]',
    ].join('\n'));
    const report = await pollOnce(deps(config), NOW);
    expect(report.alerts).toBe(1);
    const posted = slack.posted.filter((m) => m.channel === 'C0ALL' && !m.thread_ts);
    expect(posted).toHaveLength(1);
    expect(text(posted[0])).toMatch(/New round: Orbital Labs · Series B · Nov 2026 · \$300M at \$2B · led by Harbor Ventures · 1 source/);
    // The story is linked under the title, and the round's line is not said twice.
    expect(text(posted[0])).toContain(`📰 <${server.url('/a/a1')}|Orbital Labs raises $300 million Series B>`);
    expect(text(posted[0]).split('Series B · Nov 2026 · $300M')).toHaveLength(3);
    expect(slack.posted.some((m) => m.channel === 'C0BIG' || m.channel === 'C0QUIET')).toBe(false);

    // A second source on the same round, in the next poll: the round is not new again.
    server.setItems('/feed.xml', [
      { id: 'a1', title: 'Orbital Labs raises $300 million Series B', published: new Date(NOW.getTime() - HOUR), body: 'Orbital Labs raised $300 million in a Series B round led by Harbor Ventures, valuing the startup at $2 billion.' },
      { id: 'a2', title: 'Harbor Ventures leads Orbital Labs round', published: new Date(NOW.getTime() + 30 * 60_000), body: 'Harbor Ventures led the $300 million Series B of Orbital Labs.' },
    ]);
    const before = slack.posted.length;
    const again = await pollOnce(deps(config), new Date(NOW.getTime() + HOUR));
    expect(again.newItems).toBe(1);
    expect(slack.posted.slice(before).filter((m) => text(m).includes('New round'))).toEqual([]);
  });

  it('tells a channel that asked for it when a round in talks is reported closed, in that poll', async () => {
    const talks = { id: 't1', title: 'Orbital Labs in talks to raise $500 million', published: new Date(NOW.getTime() - 2 * HOUR), body: 'Orbital Labs is in talks to raise $500 million at a $4 billion valuation, people familiar with the matter said.' };
    server.setItems('/feed.xml', [talks]);
    const config = configFor(server.url('/feed.xml'), [
      '  - id: closings\n    platform: slack\n    channel: C0CLOSE\n    schedule: "0 9 * * *"\n    alerts: [closed]',
      '  - id: default\n    platform: slack\n    channel: C0DEFAULT\n    schedule: "0 9 * * *"',
    ].join('\n'));
    await pollOnce(deps(config), NOW);
    // Talks are a new round for the default alerts, and no closing yet.
    expect(slack.posted.filter((m) => m.channel === 'C0CLOSE')).toEqual([]);
    expect(slack.posted.filter((m) => m.channel === 'C0DEFAULT' && !m.thread_ts).map(text).join('\n')).toMatch(/New round: Orbital Labs · Round \(in talks\)/);

    server.setItems('/feed.xml', [talks, { id: 't2', title: 'Orbital Labs closes $500 million round', published: new Date(NOW.getTime() + 30 * 60_000), body: 'Orbital Labs has closed its $500 million funding round at a $4 billion valuation.' }]);
    await pollOnce(deps(config), new Date(NOW.getTime() + HOUR));
    const closing = slack.posted.filter((m) => m.channel === 'C0CLOSE' && !m.thread_ts).map(text).join('\n');
    expect(closing).toMatch(/Round closed: Orbital Labs · Round · Nov 2026 · \$500M at \$4B/);
    expect(closing).toMatch(/closed after talks reported in Nov 2026/);
    // The default alerts do not include closings: the channel hears it in its digest.
    expect(slack.posted.filter((m) => m.channel === 'C0DEFAULT' && text(m).includes('Round closed'))).toEqual([]);
  });

  it('a new round whose sources disagree on its lead: one alert for the round, one for the disagreement', async () => {
    server.setItems('/one.xml', [{ id: 'o1', title: 'Orbital Labs raises $300 million Series B', published: new Date(NOW.getTime() - 2 * HOUR), body: 'Orbital Labs raised $300 million in a Series B round led by Harbor Ventures.' }]);
    server.setItems('/two.xml', [{ id: 'p1', title: 'Orbital Labs lands $300 million', published: new Date(NOW.getTime() - HOUR), body: 'Orbital Labs closed a $300 million Series B led by Pine Capital.' }]);
    const config = configFor([server.url('/one.xml'), server.url('/two.xml')], '  - id: main\n    platform: slack\n    channel: C0MAIN\n    schedule: "0 9 * * *"');
    await pollOnce(deps(config), NOW);
    const posts = slack.posted.filter((m) => m.channel === 'C0MAIN' && !m.thread_ts).map(text);
    expect(posts).toHaveLength(2);
    const round = posts.find((p) => p.includes('New round'))!;
    expect(round).toMatch(/Series B · Nov 2026 · \$300M · led by (Harbor Ventures|Pine Capital) ⚠ disputed/);
    expect(round).not.toContain('Sources disagree');
    expect(posts.find((p) => !p.includes('New round'))).toMatch(/Sources disagree on Orbital Labs' Nov 2026 round/);
  });

  it('tells a disagreement under one title, both sides linked, only to the channels whose filters leave it', async () => {
    server.setItems('/one.xml', [{ id: 'o1', title: 'Orbital Labs raises $30 million Series A', published: new Date(NOW.getTime() - 2 * HOUR), body: 'Orbital Labs raised $30 million in a Series A round led by Harbor Ventures.' }]);
    server.setItems('/two.xml', [{ id: 'p1', title: 'Orbital Labs lands $30 million', published: new Date(NOW.getTime() - HOUR), body: 'Orbital Labs closed a $30 million Series A led by Pine Capital.' }]);
    const sub = (id: string, channel: string, extra = ''): string => `  - id: ${id}\n    platform: slack\n    channel: ${channel}\n    schedule: "0 9 * * *"\n    alerts: [conflict]${extra}`;
    const config = configFor([server.url('/one.xml'), server.url('/two.xml')], [
      sub('all', 'C0ALL'),
      sub('big', 'C0BIG', '\n    filters:\n      minRound: 100M'),
      sub('no-two', 'C0NOTWO', '\n    filters:\n      excludeSources: ["Test Wire /two.xml"]'),
      sub('sizes', 'C0SIZES', '\n    filters:\n      metrics: [round_size, valuation]'),
      '  - id: disc\n    platform: discord\n    channel: "123456789012"\n    schedule: "0 9 * * *"\n    alerts: [conflict]',
    ].join('\n'));
    const report = await pollOnce(deps(config), NOW);
    expect(report.alerts).toBe(2);

    const channels = new Set(slack.posted.map((m) => m.channel));
    expect([...channels]).toEqual(['C0ALL']);
    const alert = slack.posted.find((m) => m.channel === 'C0ALL' && !m.thread_ts)!;
    const blocks = alert.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    const title = "⚠️ Sources disagree on Orbital Labs' Nov 2026 round";
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: title, emoji: true } });
    expect(alert.text).toBe(title);
    const body = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text).join('\n');
    // Said once: the title is not repeated below it, and no digest counts stand beside it.
    expect(JSON.stringify(blocks).split('Sources disagree')).toHaveLength(2);
    expect(JSON.stringify(blocks)).not.toMatch(/new figure|0 conflict|1 company/);
    expect(body).toMatch(new RegExp(`\\*Lead investor · Series A, Nov 2026\\*: \\*(Harbor Ventures|Pine Capital)\\* \\(<${server.url('/a/')}[op]1\\|Test Wire /(one|two)\\.xml>\\) vs \\*(Harbor Ventures|Pine Capital)\\* \\(<${server.url('/a/')}[op]1\\|Test Wire /(one|two)\\.xml>\\)`));
    expect(body).toContain(`<${server.url('/a/o1')}|`);
    expect(body).toContain(`<${server.url('/a/p1')}|`);
    // Every side with its sentence, in the thread.
    const thread = slack.posted.filter((m) => m.channel === 'C0ALL' && m.thread_ts).map(text).join('\n');
    expect(thread).toContain('led by Pine Capital');
    expect(thread).toContain('led by Harbor Ventures');

    const d = discord.posted.find((m) => m.channel_id === '123456789012')!;
    expect(d.content).toBe(`**${title}** · the sources are in the thread`);
    const embed = (d.embeds as { title: string; url?: string; description: string }[])[0];
    expect(embed.url).toMatch(/\/a\/[op]1$/);
    expect(embed.description).toContain(`](${server.url('/a/o1')})`);
    expect(embed.description).toContain(`](${server.url('/a/p1')})`);
    expect(embed.description.split('Sources disagree')).toHaveLength(1);

    // Told once: the next poll with nothing new says nothing again.
    const before = slack.posted.length;
    expect((await pollOnce(deps(config), new Date(NOW.getTime() + HOUR))).alerts).toBe(0);
    expect(slack.posted.length).toBe(before);
  });
});
