import { mkdtempSync, rmSync } from 'node:fs';
import { memoryLogger, type MemoryLog } from '../../src/log';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { composeDigest } from '../../src/digest/compose';
import { Outbox, type OutboxOptions } from '../../src/chat/outbox';
import { slackDestination, slackWebhookDestination } from '../../src/chat/slack';
import { discordDestination, discordWebhookDestination } from '../../src/chat/discord';
import { consoleDestination } from '../../src/chat/console';
import type { Destination } from '../../src/chat/destination';
import { botIdentity, destinationFor } from '../../src/chat/deliver';
import { parseConfig } from '../../src/config';
import { conflictingInput, mentionInput, oversizedInput } from '../digest/fixtures';
import { discordStandIn, slackStandIn, type StandIn } from './standins';

let dir: string;
let file: string;
let store: Store;
let slack: StandIn;
let discord: StandIn & { threads: Set<string> };
let destinations: Destination[];
let logs: string[];
let logged: MemoryLog;

/** A digest of one message per destination (news on a company nobody watches: no thread of sources). */
const oneMessageInput = (): ReturnType<typeof conflictingInput> => ({ ...conflictingInput(), events: [], newFigures: [], confirmed: [], conflicts: [] });

const quiet = (extra: OutboxOptions = {}): OutboxOptions => ({ log: logged.log, backoffMs: 5, maxBackoffMs: 20, ...extra });
const slackTo = (channel = 'C0FUNDING'): Destination => slackDestination({ channel, token: 'xoxb-test', slackApiUrl: `${slack.url}/api/` });
const discordTo = (channelId = '1111'): Destination => discordDestination({ channelId, token: 'test-token', api: `${discord.url}/api` });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moonshot-outbox-'));
  file = join(dir, 'moonshot.sqlite');
  store = await openStore({ path: file });
  [slack, discord] = await Promise.all([slackStandIn(), discordStandIn()]);
  destinations = [slackTo(), discordTo()];
  logged = memoryLogger();
  logs = logged.lines;
});

afterEach(async () => {
  for (const d of destinations) await d.close?.();
  await store.close();
  await Promise.all([slack.close(), discord.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('posting a digest', () => {
  it('reaches Slack through the WebClient and Discord through REST, conflicts and all', async () => {
    const outbox = new Outbox(store, destinations, quiet());
    const report = await outbox.deliver(composeDigest(conflictingInput()), destinations);
    expect(report).toEqual({ sent: 4, pending: 0, failed: 0, paused: [] });

    // The headline in the channel, the sources as a reply in its thread.
    expect(slack.posted).toHaveLength(2);
    const [s, reply] = slack.posted;
    expect(s.channel).toBe('C0FUNDING');
    expect(s.thread_ts).toBeUndefined();
    expect(s.unfurl_links).toBe(false);
    const slackText = JSON.stringify(s.blocks);
    expect(slackText).toContain("Sources disagree on Moonshot AI's lead investor");
    expect(slackText).toContain('Sequoia China');
    expect(slackText).toContain('Meituan Longzhu');
    expect(slackText).toContain('$500M, Series C');
    expect(reply.thread_ts).toBe('1763800000.000001');
    expect(JSON.stringify(reply.blocks)).toContain('Sequoia China led the round.');

    expect(discord.posted).toHaveLength(2);
    const [d, inThread] = discord.posted;
    expect(discord.requests[0].path).toBe('/api/v10/channels/1111/messages');
    expect(d.allowed_mentions).toEqual({ parse: [] });
    expect(d.enforce_nonce).toBe(true);
    expect(JSON.stringify(d.embeds)).toContain('**$2B, Series C**');
    const firstId = '1300000000000000001';
    expect(discord.requests[1].path).toBe(`/api/v10/channels/1111/messages/${firstId}/threads`);
    expect(discord.threads.has(firstId)).toBe(true);
    expect(inThread.channel_id).toBe(firstId);
    expect(JSON.stringify(inThread.embeds)).toContain('Sequoia China led the round.');
  });

  it('never lets feed text mention anyone on either platform', async () => {
    await new Outbox(store, destinations, quiet()).deliver(composeDigest(mentionInput()), destinations);
    const slackBody = JSON.stringify(slack.posted);
    expect(slackBody).not.toMatch(/<!channel>|<!here>|<@U123>|<@&1>/);
    expect(slackBody).toContain('&lt;@U123&gt;');
    const discordBody = JSON.stringify(discord.posted);
    expect(discordBody).not.toMatch(/@everyone|@here|<@U123>|<@&1>/);
    expect(discord.posted[0].allowed_mentions).toEqual({ parse: [] });
  });

  it('posts an oversized digest as several messages, in order, nothing lost', async () => {
    const digest = composeDigest(oversizedInput(12, 12));
    const report = await new Outbox(store, destinations, quiet()).deliver(digest, destinations);
    expect(report.pending).toBe(0);
    expect(slack.posted.length).toBeGreaterThan(1);
    // At most three messages in the channel (the default cap); the rest of the digest and its sources in the thread.
    const inChannel = slack.posted.filter((m) => !m.thread_ts);
    expect(inChannel).toHaveLength(3);
    expect(inChannel.map((m) => /part (\d+) of/.exec(String(m.text))?.[1])).toEqual(['1', '2', '3']);
    expect(new Set(slack.posted.filter((m) => m.thread_ts).map((m) => m.thread_ts))).toEqual(new Set([slack.posted[0].thread_ts ?? '1763800000.000001']));
    // Each figure's sentence once in the sources, in the thread.
    const threadText = discord.posted.filter((m) => /\*\* · the sources/.test(String(m.content))).map((m) => JSON.stringify(m));
    for (let c = 0; c < 12; c++) for (let f = 0; f < 12; f++) expect(threadText.filter((t) => t.includes(`Figure ${c}-${f}:`))).toHaveLength(1);
    expect(discord.posted.filter((m) => m.channel_id === '1111')).toHaveLength(3);
  });

  it('posts the sources in the channel when the bot may not open a thread there', async () => {
    discord.forbidThreads = true;
    const report = await new Outbox(store, [destinations[1]], quiet()).deliver(composeDigest(conflictingInput()), [destinations[1]]);
    expect(report).toEqual({ sent: 2, pending: 0, failed: 0, paused: [] });
    expect(discord.posted.map((m) => m.channel_id)).toEqual(['1111', '1111']);
    expect(JSON.stringify(discord.posted[1].embeds)).toContain('Sequoia China led the round.');
  });

  it('also posts through incoming webhooks and to the console', async () => {
    const printed: string[] = [];
    const config = parseConfig('identity:\n  name: Funding Desk\n  avatarUrl: https://img.example/desk.png', 'hooks.yml', {});
    const hooks = [
      slackWebhookDestination(`${slack.url}/services/T1/B2/secret`, undefined, config.identity),
      discordWebhookDestination(`${discord.url}/api/webhooks/2222/secret-token`, undefined, config.identity),
      consoleDestination((t) => printed.push(t)),
    ];
    const report = await new Outbox(store, hooks, quiet()).deliver(composeDigest(conflictingInput()), hooks);
    // Webhooks have no threads: the sources follow the headline in the channel.
    expect(report.sent).toBe(5);
    expect(slack.posted[0].channel).toBeUndefined();
    expect(discord.requests[0].path).toBe('/api/webhooks/2222/secret-token?wait=true');
    expect(discord.posted[0].nonce).toBeUndefined();
    expect(discord.posted[0].allowed_mentions).toEqual({ parse: [] });
    expect(printed.join('')).toContain('CONFLICT · Lead investor');
    // Under the bot's name and picture, not the webhook's own.
    for (const m of discord.posted) expect([m.username, m.avatar_url]).toEqual(['Funding Desk', 'https://img.example/desk.png']);
    for (const m of slack.posted) expect([m.username, m.icon_url]).toEqual(['Funding Desk', 'https://img.example/desk.png']);
  });

  it('posts through a Discord webhook with the bot account\'s own avatar when none is configured', async () => {
    const secrets = { slackBotToken: null, slackSigningSecret: null, slackAppToken: null, discordToken: 'bot-token', discordApplicationId: null };
    const identity = await botIdentity(undefined, secrets, true, `${discord.url}/api`);
    expect(identity).toEqual({ name: 'Moonshot', avatarUrl: 'https://cdn.discordapp.com/avatars/1300000000000000042/a1b2c3d4.png?size=256' });
    const hook = destinationFor({ id: 'hook', platform: 'discord-webhook', channel: null, webhook: `${discord.url}/api/webhooks/2222/secret-token` }, secrets, { identity });
    await new Outbox(store, [hook], quiet()).deliver(composeDigest(conflictingInput()), [hook]);
    expect(discord.posted[0]).toMatchObject({ username: 'Moonshot', avatar_url: identity.avatarUrl });
    // Without a webhook to post through, Discord is not asked.
    const before = discord.requests.length;
    expect(await botIdentity(undefined, secrets, false, `${discord.url}/api`)).toEqual({ name: 'Moonshot', avatarUrl: null });
    expect(discord.requests.length).toBe(before);
  });
});

describe('surviving a crash', () => {
  it('sends a message queued before the crash exactly once after the restart', async () => {
    const digest = composeDigest(conflictingInput());
    let before: Outbox | null = new Outbox(store, destinations, quiet({ owner: 'first' }));
    expect(await before.enqueue(destinations[0], digest)).toBe(2);
    expect(await before.enqueue(destinations[1], digest)).toBe(2);
    before = null; // the process dies between composing and sending
    void before;
    await store.close();

    store = await openStore({ path: file });
    const after = new Outbox(store, [slackTo(), discordTo()], quiet({ owner: 'second' }));
    expect(await after.drain()).toEqual({ sent: 4, pending: 0, failed: 0, paused: [] });
    expect(await after.drain()).toEqual({ sent: 0, pending: 0, failed: 0, paused: [] });
    // The scheduler composing the same digest again after the restart queues nothing new.
    expect(await after.enqueue(slackTo(), digest)).toBe(0);
    expect(await after.drain()).toEqual({ sent: 0, pending: 0, failed: 0, paused: [] });
    expect(slack.posted).toHaveLength(2);
    expect(discord.posted).toHaveLength(2);
    const [rec] = (await store.keys('outbox:sent:slack:')).map((k) => k);
    expect(await store.get<{ remoteId: string }>(rec)).toMatchObject({ remoteId: '1763800000.000001' });
  });

  it('lets only one of two instances send a message', async () => {
    const digest = composeDigest(conflictingInput());
    const a = new Outbox(store, destinations, quiet({ owner: 'a' }));
    const other = await openStore({ path: file });
    const b = new Outbox(other, [slackTo(), discordTo()], quiet({ owner: 'b' }));
    await a.enqueue(destinations[0], digest);
    await a.enqueue(destinations[1], digest);
    await Promise.all([a.drain(), b.drain()]);
    await other.close();
    expect(slack.posted).toHaveLength(2);
    expect(discord.posted).toHaveLength(2);
  });

  it('on Discord, a message sent just before a crash is not posted twice (nonce)', async () => {
    const outbox = new Outbox(store, destinations, quiet());
    await outbox.deliver(composeDigest(oneMessageInput()), [destinations[1]]);
    // Pretend the process died after Discord accepted the message but before `sent` was written.
    const [sentKey] = await store.keys('outbox:sent:discord:');
    const recKey = sentKey.replace('outbox:sent:', 'outbox:msg:');
    const rec = await store.get<Record<string, unknown>>(recKey);
    await store.delete(sentKey);
    await store.set(recKey, { ...rec, state: 'pending' });
    expect((await new Outbox(store, destinations, quiet({ owner: 'restarted' })).drain()).sent).toBe(1);
    expect(discord.requests).toHaveLength(2);
    expect(discord.posted).toHaveLength(1);
  });
});

describe('when the platform pushes back', () => {
  it('waits out a 429 Retry-After on both platforms, then sends', async () => {
    slack.script.push({ status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } });
    discord.script.push({ status: 429, headers: { 'retry-after': '2' }, body: { message: 'You are being rate limited.', retry_after: 2, global: false } });
    const report = await new Outbox(store, destinations, quiet()).deliver(composeDigest(oneMessageInput()), destinations);
    expect(report.sent).toBe(2);
    expect(slack.requests).toHaveLength(2);
    expect(discord.requests).toHaveLength(2);
    expect(logs.filter((l) => /rate limited, waiting 2\.\d s as asked/.test(l))).toHaveLength(2);
  });

  it('retries a 5xx with backoff, and leaves the rest queued, in order, when it persists', async () => {
    discord.script.push({ status: 500, body: { message: 'oops' } }, { status: 503, body: { message: 'busy' } });
    const outbox = new Outbox(store, destinations, quiet({ retries: 3 }));
    expect((await outbox.deliver(composeDigest(oneMessageInput()), [destinations[1]])).sent).toBe(1);
    expect(discord.requests).toHaveLength(3);

    // Now a longer outage: three 502s per drain, two digests waiting.
    discord.script.push({ status: 502 }, { status: 502 }, { status: 502 });
    const first = composeDigest({ ...oneMessageInput(), until: '2026-11-23T08:00:00.000Z' });
    const second = composeDigest({ ...oneMessageInput(), until: '2026-11-24T08:00:00.000Z' });
    await outbox.enqueue(destinations[1], first);
    await outbox.enqueue(destinations[1], second);
    expect(await outbox.drain()).toEqual({ sent: 0, pending: 2, failed: 0, paused: [] });
    expect(logs.some((l) => /gave up after 3 tries, left queued/.test(l))).toBe(true);
    expect(await outbox.drain()).toEqual({ sent: 2, pending: 0, failed: 0, paused: [] });
    expect(discord.posted.map((m) => (m.embeds as { timestamp?: string }[]).at(-1)?.timestamp)).toEqual([
      '2026-11-22T08:00:00.000Z', '2026-11-23T08:00:00.000Z', '2026-11-24T08:00:00.000Z']);
  });

  it('pauses a channel that keeps answering 403 or 404, and says why', async () => {
    const outbox = new Outbox(store, destinations, quiet({ pauseAfter: 3 }));
    for (let i = 0; i < 3; i++) discord.script.push({ status: 403, body: { message: 'Missing Access', code: 50001 } });
    for (let i = 0; i < 3; i++) slack.script.push({ status: 200, body: { ok: false, error: 'channel_not_found' } });
    await outbox.enqueue(destinations[0], composeDigest(oneMessageInput()));
    await outbox.enqueue(destinations[1], composeDigest(oneMessageInput()));
    await outbox.drain();
    await outbox.drain();
    const third = await outbox.drain();
    expect(third.paused.sort()).toEqual(['discord:1111', 'slack:C0FUNDING']);
    expect(logs.find((l) => l.startsWith('outbox: pausing discord:1111'))).toMatch(/out of reach 3 times in a row \(last: Discord answered 403/);
    expect(logs.find((l) => l.startsWith('outbox: pausing slack:C0FUNDING'))).toMatch(/channel_not_found/);
    const asked = discord.requests.length + slack.requests.length;
    expect((await outbox.drain()).pending).toBe(2);
    expect(discord.requests.length + slack.requests.length).toBe(asked);

    await outbox.resume('discord:1111');
    await outbox.resume('slack:C0FUNDING');
    expect((await outbox.drain()).sent).toBe(2);
  });

  it('splits a message the platform refuses into smaller ones and delivers them in its place, in order', async () => {
    slack.script.push({ status: 200, body: { ok: false, error: 'msg_blocks_too_long' } });
    discord.script.push({ status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    const outbox = new Outbox(store, destinations, quiet());
    const digest = composeDigest(conflictingInput());
    await outbox.enqueue(destinations[0], digest);
    await outbox.enqueue(destinations[1], digest);
    await outbox.enqueue(destinations[0], composeDigest({ ...conflictingInput(), until: '2026-11-23T08:00:00.000Z' }));
    const report = await outbox.drain();
    expect(report).toMatchObject({ pending: 0, failed: 0 });
    // Slack: the refused headline as two messages, then its thread, then the next digest.
    expect(slack.posted).toHaveLength(5);
    const all = slack.posted.slice(0, 3).map((m) => JSON.stringify(m.blocks)).join('');
    for (const text of ['🌙 Moonshot digest', "Sources disagree on Moonshot AI's lead investor", 'Tiny Robotics', 'Sequoia China led the round.']) expect(all).toContain(text);
    expect(slack.posted[2].thread_ts).toBe(String(slack.posted[2].thread_ts));
    // Discord: the same, the thread on the first half.
    expect(discord.posted).toHaveLength(3);
    expect(discord.posted[2].channel_id).toBe('1300000000000000001');
    expect(logs.filter((l) => /refused \(.*\); sending it as 2 smaller messages/.test(l))).toHaveLength(2);
  });

  it('tells the admins about a message refused even at its smallest, keeps it as failed and moves on', async () => {
    for (let i = 0; i < 20; i++) slack.script.push({ status: 200, body: { ok: false, error: 'invalid_blocks' } });
    const notices: string[] = [];
    const outbox = new Outbox(store, destinations, quiet({ onUndeliverable: async (n) => { notices.push(n); } }));
    await outbox.enqueue(destinations[0], composeDigest(oneMessageInput()));
    const report = await outbox.drain();
    expect(report.sent).toBe(0);
    expect(report.failed).toBeGreaterThan(0);
    expect(notices.length).toBe(report.failed);
    expect(notices[0]).toMatch(/^A digest message for Slack channel C0FUNDING was refused by the platform \(Slack said invalid_blocks\) even when split small/);
    slack.script.length = 0;
    await outbox.enqueue(destinations[0], composeDigest({ ...oneMessageInput(), until: '2026-11-23T08:00:00.000Z' }));
    expect((await outbox.drain()).sent).toBe(1);
  });

});
