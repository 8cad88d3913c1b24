// A digest made by the bot's own poll and ledger, as Slack channels see it through the official
// WebClient against the local stand-in: the headline in rounds, each channel's filters, and the
// admin's preview (only to them, and the digest still to come).
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '@slack/bolt';
import { silentLogger } from '../../src/log';
import { parseConfig, type MoonshotConfig, type Secrets } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { Outbox } from '../../src/chat/outbox';
import { destinationFor, outboxDeliver } from '../../src/chat/deliver';
import { createSlackCommandApp } from '../../src/chat/slack-commands';
import { commandDeps, digestTrigger } from '../../src/commands';
import { Bot, cursorKey, pollOnce, previewDigest, runDigest, type BotDeps } from '../../src/scheduler';
import { startFeedServer, type FeedServer } from '../scheduler/feed-server';
import { discordStandIn, slackStandIn, type StandIn } from './standins';
import { PNG } from 'pngjs';
import { roundsChartPng } from '../../src/chart';

const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const secrets: Secrets = { slackBotToken: 'xoxb-test', slackSigningSecret: null, slackAppToken: null, discordToken: 'bot-token', discordApplicationId: null };

const blocksText = (m: Record<string, unknown>): string =>
  ((m.blocks as { text?: { text: string }; elements?: { text: string }[] }[] | undefined) ?? [])
    .map((b) => b.text?.text ?? (b.elements ?? []).map((e) => e.text).join('\n')).join('\n');

describe('a digest from the ledger, in Slack and Discord', () => {
  let dir: string;
  let store: Store;
  let server: FeedServer;
  let slack: StandIn;
  let discord: StandIn;
  let config: MoonshotConfig;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-digest-rounds-'));
    store = await openStore({ path: join(dir, 'bot.sqlite') });
    server = await startFeedServer();
    slack = await slackStandIn();
    discord = await discordStandIn();
    server.setItems('/wire.xml', [
      { id: 'w1', title: 'Orbital Labs raises $300 million Series B', published: new Date(NOW.getTime() - 3 * HOUR), body: 'Orbital Labs raised $300 million in a Series B round led by Harbor Ventures, valuing the startup at $2 billion.' },
      { id: 'w2', title: 'Tiny Robotics raises $12 million seed round', published: new Date(NOW.getTime() - 3 * HOUR), body: 'Tiny Robotics raised $12 million in a seed round.' },
    ]);
    server.setItems('/ledger.xml', [
      { id: 'l1', title: 'Orbital Labs lands $300 million', published: new Date(NOW.getTime() - 2 * HOUR), body: 'Orbital Labs closed a $300 million Series B led by Pine Capital. Its annual revenue reached $40 million, the company said.' },
    ]);
    config = parseConfig([
      `feeds:\n  - url: ${server.url('/wire.xml')}\n  - url: ${server.url('/ledger.xml')}`,
      'watch: ["Orbital Labs"]',
      'admins: [UADMIN]',
      'subscriptions:',
      '  - id: main\n    platform: slack\n    channel: C0MAIN\n    schedule: "0 9 * * *"\n    alerts: []',
      '  - id: discord\n    platform: discord\n    channel: "2222"\n    schedule: "0 9 * * *"\n    alerts: []',
      `  - id: picky\n    platform: slack\n    channel: C0PICKY\n    schedule: "0 9 * * *"\n    alerts: []\n    filters:\n      excludeSources: ["Test Wire /ledger.xml"]\n      alsoRaising: false`,
      '  - id: big\n    platform: slack\n    channel: C0BIG\n    schedule: "0 9 * * *"\n    alerts: []\n    filters:\n      minRound: 1B\n      alsoRaising: false',
      'allowHosts: [127.0.0.1]',
      'polling:\n  jitter: 0s',
    ].join('\n'), 'digest.yml', {});
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    await slack.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = (outbox: Outbox): BotDeps => ({
    store, config: () => config, owner: 'test', random: () => 0, log: silentLogger(), notifyAdmin: async () => undefined,
    deliver: outboxDeliver(outbox, (s) => destinationFor(s, secrets, { slackApiUrl: `${slack.url}/api/`, discordApi: `${discord.url}/api` }), { drawChart: roundsChartPng }),
  });

  it('says each round in one line, then the company-level figures, two quotes at most and none twice; each channel gets its filters', async () => {
    const d = deps(new Outbox(store, [], { log: silentLogger() }));
    await pollOnce(d, NOW);
    for (const sub of config.subscriptions) await runDigest(d, sub, new Date(NOW.getTime() + 60_000));

    const headline = (channel: string): string => slack.posted.filter((m) => m.channel === channel && !m.thread_ts).map(blocksText).join('\n');
    const main = headline('C0MAIN');
    // One line for the round: name, date, size at valuation, the disputed lead, how many sources.
    expect(main).toMatch(/🆕 \*Series B · Nov 2026 · \$300M at \$2B · led by (Harbor Ventures|Pine Capital) ⚠ disputed: (Pine Capital|Harbor Ventures) \(1 source\) · 2 sources\*/);
    expect(main).toMatch(/Sources disagree on Orbital Labs' Nov 2026 round \(lead investor\)/);
    expect(main).toMatch(/🆕 \*Revenue\*: \$40M/);
    // The round's figures are in its line, not a line each.
    expect(main).not.toMatch(/\*Round\*: \$300M/);
    // The round's two reports are one story, linked once and counted; no quote is only a headline.
    const stories = main.split('\n').filter((l) => l.startsWith('📰'));
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatch(new RegExp(`^📰 <${server.url('/a/w1')}\\|Orbital Labs raises \\$300 million Series B> · .* · 2 sources$`));
    const quotes = main.split('\n').filter((l) => l.startsWith('>_“'));
    expect(quotes.join('\n')).not.toMatch(/“Orbital Labs (raises|lands) \$300 million(| Series B)”/);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThanOrEqual(2);
    expect(new Set(quotes).size).toBe(quotes.length);
    expect(main).toContain('Also raising');
    // Every source with its sentence is in the thread.
    const thread = slack.posted.filter((m) => m.channel === 'C0MAIN' && m.thread_ts).map(blocksText).join('\n');
    expect(thread).toContain('Pine Capital');
    expect(thread).toContain('Harbor Ventures');

    // Discord reads the same line, in the first message's embed.
    const onDiscord = JSON.stringify(discord.posted.filter((m) => m.channel_id === '2222')[0]?.embeds);
    expect(onDiscord).toMatch(/🆕 \*\*Series B · Nov 2026 · \$300M at \$2B · led by/);

    // Leaving a source out leaves out what only it said; the unwatched list is off.
    const picky = headline('C0PICKY');
    expect(picky).toMatch(/Series B · Nov 2026 · \$300M/);
    expect(picky).not.toContain('Revenue');
    expect(picky).not.toContain('ledger.xml');
    expect(picky).not.toContain('Also raising');
    // The round is under the channel's minimum: neither it nor the disagreement inside it is posted;
    // the company's revenue is no round, and stays.
    const big = headline('C0BIG');
    expect(big).not.toMatch(/🆕 \*Series B/);
    expect(big).not.toContain('Sources disagree');
    expect(big).toMatch(/\*Revenue\*: \$40M/);
  });

  it('shows the next digest to the admin only, from chat, and leaves it to come', async () => {
    const outbox = new Outbox(store, [], { log: silentLogger() });
    const bot = new Bot({ ...deps(outbox), config, configFile: null });
    await bot.refresh();
    await bot.pollOnce(NOW);
    const cmdDeps = commandDeps(store, () => bot.baseConfig(), { onChange: () => bot.refresh(), digest: digestTrigger(bot), now: () => new Date(NOW.getTime() + 60_000) });
    const SECRET = 'signing';
    const app: App = createSlackCommandApp({ signingSecret: SECRET, botToken: 'xoxb-test', slackApiUrl: `${slack.url}/api/`, deps: () => cmdDeps });
    const listening = (await app.start(0)) as unknown as Server;
    try {
      const body = new URLSearchParams({
        token: 'legacy', team_id: 'T1', channel_id: 'C0MAIN', user_id: 'UADMIN', command: '/moonshot', text: 'digest preview',
        api_app_id: 'A1', response_url: `${slack.url}/response/1`, trigger_id: '1.2.3',
      }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`http://127.0.0.1:${(listening.address() as AddressInfo).port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` },
        body,
      });
      // Answered in the acknowledgement, or at the response_url once it is done.
      const raw = await res.text();
      const acked = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      for (let i = 0; i < 200 && !acked?.text && !slack.posted.some((m) => m.response_url); i++) await new Promise((r) => setTimeout(r, 25));
      const answer = acked?.text ? acked : slack.posted.find((m) => m.response_url)!;
      expect(answer.response_type).toBe('ephemeral');
      expect(String(answer.text)).toMatch(/Preview \(only you see this; nothing was posted\)/);
      expect(String(answer.text)).toMatch(/Series B · Nov 2026 · \$300M at \$2B/);
    } finally {
      await app.stop();
    }
    // Nothing was posted in the channel and the digest's cursor has not moved: the digest still brings it.
    expect(slack.posted.filter((m) => !m.response_url)).toEqual([]);
    expect(await store.get(cursorKey('main'))).toBeUndefined();
    await bot.digest('main', new Date(NOW.getTime() + 60_000));
    expect(slack.posted.filter((m) => m.channel === 'C0MAIN' && !m.thread_ts).map(blocksText).join('\n')).toMatch(/Series B · Nov 2026 · \$300M at \$2B/);
    await bot.stop();
  });

  it('a weekly digest carries the chart of the company with the most news, on both platforms; a daily one does not unless asked', async () => {
    const sub = (id: string, platform: string, channel: string, schedule: string, extra = ''): string =>
      `  - id: ${id}\n    platform: ${platform}\n    channel: "${channel}"\n    schedule: "${schedule}"\n    alerts: []${extra}`;
    config = parseConfig([
      `feeds:\n  - url: ${server.url('/wire.xml')}\n  - url: ${server.url('/ledger.xml')}`,
      'watch: ["Orbital Labs", "Tiny Robotics"]',
      'subscriptions:',
      sub('weekly', 'slack', 'C0WEEK', '0 9 * * 1'),
      sub('weekly-discord', 'discord', '4444', '0 9 * * MON'),
      sub('daily', 'slack', 'C0DAY', '0 9 * * *'),
      sub('daily-chart', 'slack', 'C0DAYCHART', '0 9 * * 1-5', '\n    chart: always'),
      sub('weekly-quiet', 'slack', 'C0QUIET', '0 9 * * 1', '\n    chart: off'),
      `  - id: hook\n    platform: discord-webhook\n    webhook: ${discord.url}/api/webhooks/5555/hook-token\n    schedule: "30 8 1 * *"\n    alerts: []`,
      'allowHosts: [127.0.0.1]',
      'polling:\n  jitter: 0s',
    ].join('\n'), 'digest.yml', {});
    const d = deps(new Outbox(store, [], { log: silentLogger() }));
    await pollOnce(d, NOW);
    // The preview says what the digest will carry, the chart included.
    expect((await previewDigest(d, config.subscriptions[0], new Date(NOW.getTime() + 60_000)))?.chart?.company).toBe('Orbital Labs');
    expect((await previewDigest(d, config.subscriptions[2], new Date(NOW.getTime() + 60_000)))?.chart).toBeUndefined();
    for (const s of config.subscriptions) await runDigest(d, s, new Date(NOW.getTime() + 60_000));

    // Slack: the digest first, then the chart uploaded to the same channel (files.uploadV2).
    const uploads = slack.posted.filter((m) => m.channel_id);
    expect(uploads.map((m) => m.channel_id).sort()).toEqual(['C0DAYCHART', 'C0WEEK']);
    expect((uploads[0].files as { title: string }[])[0].title).toBe('Orbital Labs: valuations and round sizes');
    const weekly = slack.posted.filter((m) => m.channel === 'C0WEEK' || m.channel_id === 'C0WEEK');
    expect(weekly[0].channel).toBe('C0WEEK');
    expect(weekly[weekly.length - 1].channel_id).toBe('C0WEEK');
    expect(blocksText(weekly[0])).toMatch(/Series B · Nov 2026 · \$300M at \$2B/);

    // Discord: the chart as an attachment shown in its embed, after the digest.
    const onDiscord = discord.posted.filter((m) => m.channel_id === '4444');
    const chart = onDiscord[onDiscord.length - 1];
    expect((chart.embeds as { image: { url: string } }[])[0].image.url).toBe('attachment://orbital-labs-rounds.png');

    // A monthly digest through a webhook: the chart too, under the bot's name.
    const hooked = discord.posted.filter((m) => m.channel_id === '5555');
    expect(hooked[hooked.length - 1]).toMatchObject({ username: 'Moonshot', embeds: [{ image: { url: 'attachment://orbital-labs-rounds.png' } }] });

    // Each file a real PNG of the chart's size, with something drawn on it.
    const pngs = slack.files.concat(discord.files).filter((f) => f.data.subarray(1, 4).toString() === 'PNG');
    expect(pngs).toHaveLength(4);
    for (const f of pngs) {
      const png = PNG.sync.read(f.data);
      expect([png.width, png.height]).toEqual([800, 420]);
      let coloured = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) coloured++;
      expect(coloured).toBeGreaterThan(2000);
    }
  });
});
