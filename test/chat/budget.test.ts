// Large but ordinary digests, delivered whole: the stand-ins refuse what Slack and Discord refuse
// (Slack's ~12,000 characters of block text, Discord's 6,000 a message), so whatever they keep is
// what a channel would see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { composeDigest } from '../../src/digest/compose';
import type { DigestInput, FigureSource } from '../../src/types';
import { silentLogger } from '../../src/log';
import { Outbox } from '../../src/chat/outbox';
import { slackDestination } from '../../src/chat/slack';
import { discordDestination } from '../../src/chat/discord';
import { clipAtoms, DISCORD_ATOMS, SLACK_ATOMS } from '../../src/digest/escape';
import { usd } from '../digest/fixtures';
import { discordStandIn, slackStandIn, type StandIn } from './standins';

let dir: string;
let store: Store;
let slack: StandIn;
let discord: StandIn & { threads: Set<string> };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moonshot-budget-'));
  store = await openStore({ path: join(dir, 'm.sqlite') });
  [slack, discord] = await Promise.all([slackStandIn(), discordStandIn()]);
});
afterEach(async () => {
  await store.close();
  await Promise.all([slack.close(), discord.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** A long link, like the tracking-laden ones real feeds carry (368 characters). */
const longUrl = (i: number): string => `https://news${i % 7}.example/2026/11/21/ai/moonshot-${i}?${'utm_source=feed&utm_medium=rss&'.repeat(10)}id=${i}`.slice(0, 368);

function story(sources: number): DigestInput {
  const refs: FigureSource[] = Array.from({ length: sources }, (_, i) => ({
    source: `Outlet ${i}`, url: longUrl(i), articleId: `a${i}`, published: null,
    quote: `Source ${i} says Moonshot AI raised $2 billion at a $20 billion valuation, in a round the company has not confirmed, according to people familiar.`,
  }));
  return {
    title: 'Moonshot digest', since: '2026-11-21T08:00:00.000Z', until: '2026-11-22T08:00:00.000Z',
    events: [{ id: 'e1', company: 'Moonshot AI', articleIds: refs.map((r) => r.articleId), headline: 'Moonshot AI raises $2B', published: '2026-11-21T10:00:00.000Z',
      articles: refs.map((r) => ({ id: r.articleId, title: `Moonshot AI raises $2B, outlet ${r.source} reports`, url: r.url, source: r.source })) }],
    newFigures: [{ company: 'Moonshot AI', metric: 'round_size', amount: usd(2e9), round: 'Series C', when: 'current', status: 'reported', firstSeen: '2026-11-21T10:00:00.000Z', sources: refs }],
    confirmed: [], conflicts: [], unwatched: [],
  };
}

function companies(n: number): DigestInput {
  const input: DigestInput = { title: 'Moonshot digest', since: '2026-11-21T08:00:00.000Z', until: '2026-11-22T08:00:00.000Z', events: [], newFigures: [], confirmed: [], conflicts: [], unwatched: [] };
  for (let c = 0; c < n; c++) {
    const company = `Company ${c}`;
    const refs: FigureSource[] = [0, 1, 2, 3].map((s) => ({ source: `Outlet ${s}`, url: `https://news${s}.example/2026/11/21/funding/${company.toLowerCase().replace(' ', '-')}-closes-a-new-round-led-by-a-large-fund?ref=rss`, articleId: `a${c}-${s}`, published: null,
      quote: `Outlet ${s} writes that ${company} closed a round of ${c + 1}00 million dollars led by a large fund, the ${c}th such deal this year.` }));
    input.events.push({ id: `e${c}`, company, articleIds: refs.map((r) => r.articleId), headline: `${company} closes a new round`, published: '2026-11-21T09:00:00.000Z',
      articles: refs.map((r) => ({ id: r.articleId, title: `${company} closes a new round`, url: r.url, source: r.source })) });
    for (const metric of ['round_size', 'valuation', 'total_raised'] as const) {
      input.newFigures.push({ company, metric, amount: usd((c + 1) * 1e8 * (metric === 'valuation' ? 10 : 1)), when: 'current', status: 'reported', firstSeen: '2026-11-21T10:00:00.000Z', sources: refs });
    }
  }
  return input;
}

type Block = { type: string; text?: { text: string }; elements?: { text: string }[] };
const slackTexts = (m: Record<string, unknown>): string[] => ((m.blocks ?? []) as Block[]).flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)]);
type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
const discordTexts = (m: Record<string, unknown>): string[] => [String(m.content ?? ''), ...((m.embeds ?? []) as Embed[]).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])];

/** Every `<` opens a whole link or date token, and every `[label](` is closed: nothing cut inside a link. */
function expectWholeSlackLinks(texts: string[]): void {
  for (const t of texts) {
    const opened = (t.match(/</g) ?? []).length;
    expect((t.match(SLACK_ATOMS) ?? []).length).toBe(opened);
  }
}
function expectWholeDiscordLinks(texts: string[]): void {
  for (const t of texts) {
    expect((t.match(/\]\(https?:/g) ?? []).length).toBe((t.match(DISCORD_ATOMS) ?? []).filter((a) => a.startsWith('[')).length);
  }
}

async function deliver(input: DigestInput): Promise<void> {
  const dests = [
    slackDestination({ channel: 'C1', token: 'xoxb-test', slackApiUrl: `${slack.url}/api/` }),
    discordDestination({ channelId: '1111', token: 'bot', api: `${discord.url}/api` }),
  ];
  const report = await new Outbox(store, dests, { log: silentLogger() }).deliver(composeDigest(input), dests);
  for (const d of dests) await d.close?.();
  expect(report).toMatchObject({ pending: 0, failed: 0 });
}

describe('nothing lost, nothing cut', () => {
  it('delivers a story with 60 sources whole: the headline counts the rest, the thread carries every one', async () => {
    await deliver(story(60));
    // Every message was inside Slack's limits (the stand-in refuses the rest) and was kept.
    expect(slack.requests.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(slack.posted.length);
    const [head, ...thread] = slack.posted;
    expect(slackTexts(head).join('\n')).toContain('Outlet 0, Outlet 1 +58 more (thread · `/moonshot sources round_size Moonshot AI`)');
    expect(thread.length).toBeGreaterThan(0);
    expect(thread.every((m) => m.thread_ts === '1763800000.000001')).toBe(true);
    const threadText = thread.flatMap(slackTexts).join('\n');
    for (let i = 0; i < 60; i++) {
      expect(threadText).toContain(`Source ${i} says`);
      expect(threadText).toContain(`<${longUrl(i).replace(/\|/g, '%7C')}|`);
    }
    expectWholeSlackLinks(slack.posted.flatMap(slackTexts));

    const discordText = discord.posted.slice(1).flatMap(discordTexts).join('\n');
    for (let i = 0; i < 60; i++) expect(discordText).toContain(`Source ${i} says`);
    expect(discord.posted.slice(1).every((m) => m.channel_id === '1300000000000000001')).toBe(true);
    expectWholeDiscordLinks(discord.posted.flatMap(discordTexts));
  });

  it('delivers a 30-company digest whole, with at most three messages in the channel', async () => {
    await deliver(companies(30));
    const inChannel = slack.posted.filter((m) => !m.thread_ts);
    expect(inChannel.length).toBeLessThanOrEqual(3);
    const channelText = inChannel.flatMap(slackTexts).join('\n');
    for (let c = 0; c < 30; c++) expect(channelText).toContain(`*Company ${c}*`);
    const everything = slack.posted.flatMap(slackTexts).join('\n');
    for (let c = 0; c < 30; c++) for (let s = 0; s < 4; s++) expect(everything).toContain(`Outlet ${s} writes that Company ${c} closed`);
    expectWholeSlackLinks(slack.posted.flatMap(slackTexts));

    expect(discord.posted.filter((m) => m.channel_id === '1111').length).toBeLessThanOrEqual(3);
    const discordAll = discord.posted.flatMap(discordTexts).join('\n');
    for (let c = 0; c < 30; c++) for (let s = 0; s < 4; s++) expect(discordAll).toContain(`Outlet ${s} writes that Company ${c} closed`);
    expectWholeDiscordLinks(discord.posted.flatMap(discordTexts));
  });

  it('puts what passes the channel cap in the thread, not in more channel messages', async () => {
    const dests = [slackDestination({ channel: 'C1', token: 'xoxb-test', slackApiUrl: `${slack.url}/api/`, maxChannelMessages: 1 })];
    const input = companies(30);
    for (const e of input.events) e.articles = e.articles.map((a, i) => ({ ...a, url: longUrl(i) }));
    const report = await new Outbox(store, dests, { log: silentLogger() }).deliver(composeDigest(input), dests);
    expect(report).toMatchObject({ pending: 0, failed: 0 });
    expect(slack.posted.filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(slack.posted.length).toBeGreaterThan(2);
    expect(new Set(slack.posted.slice(1).map((m) => m.thread_ts))).toEqual(new Set(['1763800000.000001']));
    const all = slack.posted.flatMap(slackTexts).join('\n');
    for (let c = 0; c < 30; c++) expect(all).toContain(`*Company ${c}*`);
  });

  it('cuts a line between links, never inside one', () => {
    const links = Array.from({ length: 20 }, (_, i) => `<${longUrl(i)}|Outlet ${i}>`).join(', ');
    const cut = clipAtoms(links, 3000, SLACK_ATOMS);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut.endsWith('…')).toBe(true);
    expect((cut.match(/</g) ?? []).length).toBe((cut.match(SLACK_ATOMS) ?? []).length);
    const md = Array.from({ length: 20 }, (_, i) => `[Outlet ${i}](${longUrl(i)})`).join(' · ');
    const mdCut = clipAtoms(md, 1024, DISCORD_ATOMS);
    expect(mdCut.length).toBeLessThanOrEqual(1024);
    expect((mdCut.match(/\]\(/g) ?? []).length).toBe((mdCut.match(DISCORD_ATOMS) ?? []).length);
  });
});
