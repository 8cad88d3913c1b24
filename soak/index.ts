// The soak: the real bot (scheduler, ledger, outbox, SQLite store) against a chaotic feed server and
// chat stand-ins that fail at random, for --minutes N (default 10). It plants new items with a unique
// token in the sentence that carries the figure, and at the end counts how many delivered messages
// carry each token, per subscription: each must be exactly one. It also samples resident memory and
// reports its slope after warm-up. Prints a summary; exits 1 when a check fails.
import pino from 'pino';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { parseConfig } from '../src/config';
import { openStore } from '../src/store';
import { Bot } from '../src/scheduler';
import { Ledger } from '../src/ledger';
import { Outbox } from '../src/chat/outbox';
import { destinationFor, outboxDeliver } from '../src/chat/deliver';

const args = process.argv.slice(2);
const minutesArg = args.indexOf('--minutes');
const MINUTES = minutesArg >= 0 ? Number(args[minutesArg + 1]) : 10;
/** --snapshots DIR: heap snapshots when warm-up ends and at the end, to tell what grew. */
const snapshotsArg = args.indexOf('--snapshots');
const SNAPSHOTS = snapshotsArg >= 0 ? args[snapshotsArg + 1] : null;
if (!Number.isFinite(MINUTES) || MINUTES <= 0 || (snapshotsArg >= 0 && !SNAPSHOTS)) {
  process.stderr.write('usage: npm run soak -- [--minutes N] [--snapshots DIR]\n');
  process.exit(2);
}
const RUN_MS = MINUTES * 60_000;
/** After planting stops: time for the last digests and retries to go out. */
const GRACE_MS = 75_000;
const FEEDS = 4;
const PLANT_EVERY_MS = 2500;
const rand = Math.random;
const chance = (p: number): boolean => rand() < p;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ planted items
/** Six-letter names from two-letter syllables: none is part of another, none is an English word we use. */
const SYL = ['ba', 'ko', 'du', 'ri', 'ze', 'mo', 'tu', 'la', 'vi', 'ne', 'so', 'gu', 'pe', 'xa', 'jo', 'fi'];
const names: string[] = [];
for (const a of SYL) for (const b of SYL) for (const c of SYL) names.push(`${a[0].toUpperCase()}${a[1]}${b}${c}`);
names.sort(() => rand() - 0.5);
const PLANTS = Math.min(names.length, Math.ceil(RUN_MS / PLANT_EVERY_MS) + 5);
const companies = names.slice(0, PLANTS).map((n) => `${n} AI`);

interface Planted { n: number; company: string; token: string; feeds: number[]; link: string; published: Date }
const planted: Planted[] = [];
const feedItems: Planted[][] = Array.from({ length: FEEDS }, () => []);

function itemXml(p: Planted, origin: string, guidSalt: string): string {
  const body = `${p.company} raised $${(p.n % 90) + 10} million in new funding, filing ${p.token} shows.`;
  return `<item><title>${p.company} gets new money</title><link>${origin}${p.link}</link><guid>${origin}${p.link}${guidSalt}</guid><pubDate>${p.published.toUTCString()}</pubDate><description>${body}</description></item>`;
}

// ------------------------------------------------------------------ chaotic feed server
const feedStats = { requests: 0, errors: 0, slow: 0, garbage: 0, ok: 0 };
async function startFeeds(): Promise<{ origin: string; server: Server }> {
  let origin = '';
  const server = createServer((req, res) => {
    feedStats.requests++;
    const i = Number(/\/feed(\d+)\.xml/.exec(req.url ?? '')?.[1] ?? -1);
    if (!(i >= 0 && i < FEEDS)) { res.writeHead(404); res.end(); return; }
    if (chance(0.1)) { feedStats.errors++; res.writeHead(chance(0.5) ? 500 : 503); res.end('oops'); return; }
    if (chance(0.05)) { feedStats.garbage++; res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end(chance(0.5) ? '<rss><channel><item><title>half' : '\u0000\u0001garbage{{{'); return; }
    // Duplicates: items repeated, sometimes with a fresh guid (the link still names them), shuffled.
    const items = [...feedItems[i]];
    if (items.length && chance(0.3)) items.push(items[Math.floor(rand() * items.length)]);
    items.sort(() => rand() - 0.5);
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Soak Wire ${i}</title><link>${origin}/</link>${items
      .map((p) => itemXml(p, origin, chance(0.1) ? `#v${Math.floor(rand() * 1e6)}` : '')).join('')}</channel></rss>`;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    if (chance(0.05)) {
      feedStats.slow++;
      const cut = Math.floor(xml.length / 2);
      res.write(xml.slice(0, cut));
      setTimeout(() => res.end(xml.slice(cut)), 1500 + rand() * 1500);
      return;
    }
    feedStats.ok++;
    res.end(xml);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, server };
}

// ------------------------------------------------------------------ chat stand-ins
interface Chat { origin: string; server: Server; kept: string[]; failures: number; rateLimited: number }
async function startChat(kind: 'slack' | 'discord'): Promise<Chat> {
  const chat: Chat = { origin: '', server: null as unknown as Server, kept: [], failures: 0, rateLimited: 0 };
  const read = async (req: IncomingMessage): Promise<string> => { const c: Buffer[] = []; for await (const x of req) c.push(x as Buffer); return Buffer.concat(c).toString('utf8'); };
  const nonces = new Map<string, string>();
  chat.server = createServer((req, res) => {
    void read(req).then((raw) => {
      if (chance(0.2)) {
        chat.rateLimited++;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0.3' });
        res.end(kind === 'slack' ? '{"ok":false,"error":"ratelimited"}' : '{"message":"You are being rate limited.","retry_after":0.3,"global":false}');
        return;
      }
      if (chance(0.2)) { chat.failures++; res.writeHead(500, { 'content-type': 'application/json' }); res.end('{"message":"boom"}'); return; }
      let text: string;
      if (kind === 'slack') text = [...new URLSearchParams(raw).values()].join('\n');
      else {
        text = raw;
        // Discord keeps one message per nonce when enforce_nonce is set.
        const nonce = (JSON.parse(raw) as { nonce?: string }).nonce;
        if (nonce && nonces.has(nonce)) { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ id: nonces.get(nonce), channel_id: '42' })); return; }
        if (nonce) nonces.set(nonce, String(chat.kept.length + 1));
      }
      chat.kept.push(text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(kind === 'slack' ? { ok: true, channel: 'C1', ts: `1.${chat.kept.length}` } : { id: String(chat.kept.length), channel_id: '42' }));
    });
  });
  await new Promise<void>((r) => chat.server.listen(0, '127.0.0.1', () => r()));
  chat.origin = `http://127.0.0.1:${(chat.server.address() as AddressInfo).port}`;
  return chat;
}

// ------------------------------------------------------------------ the run
function slope(samples: { t: number; mb: number }[]): number {
  const n = samples.length;
  if (n < 3) return 0;
  const mt = samples.reduce((s, x) => s + x.t, 0) / n;
  const mm = samples.reduce((s, x) => s + x.mb, 0) / n;
  const num = samples.reduce((s, x) => s + (x.t - mt) * (x.mb - mm), 0);
  const den = samples.reduce((s, x) => s + (x.t - mt) ** 2, 0);
  return den ? num / den : 0; // MB per minute (t in minutes)
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-soak-'));
  const { origin, server: feedServer } = await startFeeds();
  const slack = await startChat('slack');
  const discord = await startChat('discord');
  const yml = [
    'feeds:', ...Array.from({ length: FEEDS }, (_, i) => `  - url: ${origin}/feed${i}.xml\n    interval: 3s`),
    `watch: ${JSON.stringify(companies)}`,
    'subscriptions:',
    // Every minute: the digest claim is per subscription and minute (several instances firing one cron
    // tick post once), so a finer schedule would only skip ticks.
    '  - id: soak-slack\n    platform: slack\n    channel: C1\n    schedule: "* * * * *"',
    '  - id: soak-discord\n    platform: discord\n    channel: "42"\n    schedule: "* * * * *"',
    'allowHosts: [127.0.0.1]',
    'polling:\n  jitter: 1s\n  backoff:\n    initial: 2s\n    max: 10s\n    factor: 2\n  pauseAfterFailures: 1000',
  ].join('\n');
  const config = parseConfig(yml, 'soak.yml', { SLACK_BOT_TOKEN: 'xoxb-soak', DISCORD_TOKEN: 'soak-token' });
  const store = await openStore({ path: join(dir, 'soak.sqlite'), sweepEveryMs: 30_000 });
  const logs = { lines: 0, errors: 0 };
  // The bot's logger, counting lines and those at error level (or above).
  const log = pino({ base: undefined }, {
    write(line: string) {
      logs.lines++;
      if ((JSON.parse(line) as { level: number }).level >= 50) logs.errors++;
      if (process.env.SOAK_VERBOSE) process.stderr.write(line);
    },
  });
  const outbox = new Outbox(store, [], { log, backoffMs: 200, maxBackoffMs: 2000, retries: 3, maxRateLimitWaitMs: 5000 });
  const deliver = outboxDeliver(outbox, (sub) => destinationFor(sub, config.secrets, { slackApiUrl: `${slack.origin}/api/`, discordApi: discord.origin }));
  const bot = new Bot({ config, configFile: null, store, deliver, log, notifyAdmin: async (t) => log.warn({ notice: t }, 'admin notice'), pollTick: '*/3 * * * * *' });

  let crashed: unknown = null;
  process.on('uncaughtException', (e) => { crashed = e; });
  process.on('unhandledRejection', (e) => { crashed = e; });

  const t0 = Date.now();
  bot.start();
  const drainTimer = setInterval(() => { void outbox.drain().catch((err: unknown) => log.error({ err }, 'drain error')); }, 2000);
  const samples: { t: number; mb: number }[] = [];
  const heap: { t: number; mb: number }[] = [];
  // Where resident memory goes besides the JS heap: buffers (external) and V8's reserved heap.
  const external: { t: number; mb: number }[] = [];
  const heapTotal: { t: number; mb: number }[] = [];
  // `npm run soak` caps V8's young generation at 2 × 2 MB (--max-semi-space-size=2). Left to itself V8
  // doubles it, up to 2 × 16 MB, whenever enough survives a scavenge, and at the soak's pace it does
  // so every few minutes: up to 32 MB of resident memory that is bounded, holds nothing, and would
  // read as a leak. Capped, it is at full size within the warm-up. The bot runs with V8's defaults.
  // Every 30 s (with --expose-gc, as `npm run soak` runs it): a full collection first, then a sample.
  // V8 lets garbage pile up between major collections and grows its reserved heap meanwhile, so raw
  // resident memory climbs for a long while even when nothing is retained; after a full collection
  // it shows what the process actually keeps.
  const settled: { t: number; mb: number }[] = [];
  const settledHeap: { t: number; mb: number }[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  let ticks = 0;
  // V8's spaces when warm-up ends and at the end: which one grows, when the heap reserved does.
  const spaces = (): Map<string, number> => new Map(getHeapSpaceStatistics().map((x) => [x.space_name, x.space_size / 1e6]));
  let warmSpaces: Map<string, number> | null = null;
  const sampler = setInterval(() => {
    if (!warmSpaces && Date.now() - t0 >= Math.min(2, MINUTES / 4) * 60_000) {
      warmSpaces = spaces();
      if (SNAPSHOTS) writeHeapSnapshot(join(SNAPSHOTS, 'warm.heapsnapshot'));
    }
    if (gc && ++ticks % 15 === 0) {
      gc();
      const g = process.memoryUsage();
      const t = (Date.now() - t0) / 60_000;
      settled.push({ t, mb: g.rss / 1e6 });
      settledHeap.push({ t, mb: g.heapUsed / 1e6 });
    }
    const m = process.memoryUsage();
    const t = (Date.now() - t0) / 60_000;
    samples.push({ t, mb: m.rss / 1e6 });
    heap.push({ t, mb: m.heapUsed / 1e6 });
    external.push({ t, mb: m.external / 1e6 });
    heapTotal.push({ t, mb: m.heapTotal / 1e6 });
  }, 2000);

  // Plant after the first polls, so every planted item is news (not a new feed's backlog).
  await sleep(8000);
  let n = 0;
  const plantTimer = setInterval(() => {
    if (n >= PLANTS || Date.now() - t0 > RUN_MS) return;
    const p: Planted = { n, company: companies[n], token: `zq${String(n).padStart(4, '0')}zq`, feeds: [], link: `/story/${n}`, published: new Date() };
    // Usually one feed, sometimes two (the same story syndicated).
    const first = Math.floor(rand() * FEEDS);
    p.feeds = chance(0.25) ? [first, (first + 1) % FEEDS] : [first];
    for (const f of p.feeds) feedItems[f].push(p);
    // Feeds keep their newest 30 items.
    for (const f of p.feeds) if (feedItems[f].length > 30) feedItems[f].shift();
    planted.push(p);
    n++;
  }, PLANT_EVERY_MS);

  const progress = setInterval(() => {
    const mins = ((Date.now() - t0) / 60_000).toFixed(1);
    process.stderr.write(`soak ${mins}/${MINUTES} min: ${planted.length} planted, slack ${slack.kept.length} msgs, discord ${discord.kept.length} msgs, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`);
  }, 30_000);

  while (Date.now() - t0 < RUN_MS && !crashed) await sleep(500);
  clearInterval(plantTimer);
  await sleep(GRACE_MS);
  clearInterval(progress);
  clearInterval(sampler);
  clearInterval(drainTimer);
  await bot.stop();
  await outbox.drain().catch(() => undefined);
  const pending = (await outbox.pending()).length;
  // Where each token that did not reach a channel got stuck: never read, or read and not posted.
  const ledger = new Ledger(store, config.watch);
  const whereStuck = async (kept: string[]): Promise<string[]> => {
    const out: string[] = [];
    for (const p of planted.filter((x) => !kept.some((m) => m.includes(x.token))).slice(0, 8)) {
      const facts = await ledger.facts(p.company, { superseded: true });
      const seen = facts.length ? `in the ledger since ${facts[0].firstSeen.slice(11, 19)}${facts[0].backfill ? ' as backlog' : ''}` : 'never read';
      out.push(`${p.token} (${p.company}, planted ${p.published.toISOString().slice(11, 19)} in feed ${p.feeds.join('+')}): ${seen}`);
    }
    return out;
  };
  const stuck = { slack: await whereStuck(slack.kept), discord: await whereStuck(discord.kept) };
  await store.close();
  await new Promise((r) => feedServer.close(r));
  slack.server.closeAllConnections(); slack.server.close();
  discord.server.closeAllConnections(); discord.server.close();
  rmSync(dir, { recursive: true, force: true });

  // Exactly once per subscription: messages carrying each token.
  const check = (kept: string[]): { missing: string[]; repeated: string[] } => {
    const missing: string[] = [];
    const repeated: string[] = [];
    for (const p of planted) {
      const c = kept.filter((m) => m.includes(p.token)).length;
      if (c === 0) missing.push(p.token);
      if (c > 1) repeated.push(`${p.token}×${c}`);
    }
    return { missing, repeated };
  };
  const endSpaces = spaces();
  if (SNAPSHOTS) writeHeapSnapshot(join(SNAPSHOTS, 'end.heapsnapshot'));
  const spaceGrowth = warmSpaces
    ? [...endSpaces].map(([name, mb]) => [name, mb - (warmSpaces?.get(name) ?? 0)] as const).filter(([, d]) => Math.abs(d) >= 0.5)
      .map(([name, d]) => `${name} ${d >= 0 ? '+' : ''}${d.toFixed(1)}`).join(', ') || 'none over 0.5 MB'
    : 'n/a';
  const s = check(slack.kept);
  const d = check(discord.kept);
  const warm = Math.min(2, MINUTES / 4);
  const after = samples.filter((x) => x.t >= warm);
  const mbPerMin = slope(after);
  const rss = after.map((x) => x.mb);
  const heapSlope = slope(heap.filter((x) => x.t >= warm));
  const externalSlope = slope(external.filter((x) => x.t >= warm));
  const heapTotalSlope = slope(heapTotal.filter((x) => x.t >= warm));
  const settledAfter = settled.filter((x) => x.t >= warm);
  // Growth that is warm-up (V8 sizing its spaces, SQLite's page cache, JIT code) slows down; a leak does not.
  const secondHalf = settled.filter((x) => x.t >= MINUTES / 2);
  const secondHalfSlope = secondHalf.length >= 3 ? slope(secondHalf) : NaN;
  const settledSlope = settledAfter.length >= 3 ? slope(settledAfter) : NaN;
  const settledHeapSlope = settledAfter.length >= 3 ? slope(settledHeap.filter((x) => x.t >= warm)) : NaN;
  // A slope over a few minutes mostly measures warm-up (JIT, caches): judged only on longer runs.
  // Judged on memory after full collections when there are such samples (see the sampler), else raw.
  const judgeMemory = MINUTES - warm >= 3;
  const judged = Number.isFinite(settledSlope) ? settledSlope : mbPerMin;
  const memoryOk = !judgeMemory || judged < 2;
  const ok = !crashed && s.missing.length === 0 && s.repeated.length === 0 && d.missing.length === 0 && d.repeated.length === 0 && memoryOk;

  const out = [
    `moonshot soak: ${MINUTES} min (+${Math.round(GRACE_MS / 1000)} s grace)`,
    `  crash: ${crashed ? String(crashed) : 'none'}`,
    `  feeds: ${feedStats.requests} requests (${feedStats.errors} 5xx, ${feedStats.garbage} garbage, ${feedStats.slow} slow bodies)`,
    `  planted: ${planted.length} items (${planted.filter((p) => p.feeds.length > 1).length} in two feeds)`,
    `  slack: ${slack.kept.length} messages kept, ${slack.rateLimited} × 429, ${slack.failures} × 500; missing ${s.missing.length}, repeated ${s.repeated.length}${s.missing.length ? ` (${s.missing.slice(0, 5).join(', ')})` : ''}${s.repeated.length ? ` (${s.repeated.slice(0, 5).join(', ')})` : ''}`,
    `  discord: ${discord.kept.length} messages kept, ${discord.rateLimited} × 429, ${discord.failures} × 500; missing ${d.missing.length}, repeated ${d.repeated.length}${d.missing.length ? ` (${d.missing.slice(0, 5).join(', ')})` : ''}${d.repeated.length ? ` (${d.repeated.slice(0, 5).join(', ')})` : ''}`,
    ...stuck.slack.map((l) => `    slack missing ${l}`),
    ...stuck.discord.map((l) => `    discord missing ${l}`),
    `  outbox: ${pending} still pending at the end`,
    `  memory: rss ${rss.length ? `${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MB` : 'n/a'} after ${warm} min warm-up; raw slope ${mbPerMin.toFixed(2)} MB/min over ${after.length} samples (heap used ${heapSlope.toFixed(2)}, heap reserved ${heapTotalSlope.toFixed(2)}, external ${externalSlope.toFixed(2)} MB/min)`,
    Number.isFinite(settledSlope)
      ? `  memory after full collections: rss ${Math.min(...settledAfter.map((x) => x.mb)).toFixed(0)}–${Math.max(...settledAfter.map((x) => x.mb)).toFixed(0)} MB, slope ${settledSlope.toFixed(2)} MB/min over ${settledAfter.length} samples (heap used ${settledHeapSlope.toFixed(2)} MB/min; second half ${secondHalfSlope.toFixed(2)} MB/min)${judgeMemory ? (memoryOk ? ' (flat)' : ' (GROWING)') : ' (run too short to judge; not checked)'}`
      : `  memory: judged on the raw slope${judgeMemory ? (memoryOk ? ' (flat)' : ' (GROWING)') : ' (run too short to judge; not checked)'}; run with node --expose-gc to judge after full collections`,
    `  heap spaces since warm-up (MB): ${spaceGrowth}`,
    `  log: ${logs.lines} lines, ${logs.errors} at error level`,
    `  result: ${ok ? 'PASS' : 'FAIL'}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (err) => { process.stderr.write(`soak: ${err instanceof Error ? err.message : String(err)}\n`); process.exit(1); });
