// Two `moonshot run` processes on one real Postgres (MOONSHOT_TEST_POSTGRES_URL; .ci/run starts one)
// split a set of loopback feeds between them through the store's claims, and the Slack stand-in gets
// each item's alert once. A replica killed mid-cycle holds only the few feeds it had claimed, and those
// are polled by the other once its claims lapse.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import { startLoopback, type Loopback } from '../helpers/loopback';
import { backends, type StorePlace } from '../helpers/stores';
import { slackStandIn, type StandIn } from '../chat/standins';

const pg = backends().find((b) => b.name === 'Postgres');
const BIN = resolve(__dirname, '..', '..', 'bin', 'moonshot.js');

// Invented companies, one funding round each, one feed each.
const COMPANIES = ['Quillon', 'Brightwater', 'Tarnby', 'Ostrava', 'Kelpie', 'Marlowe', 'Vantor', 'Wexley']
  .flatMap((a) => ['Labs', 'Systems', 'Robotics'].map((b) => `${a} ${b}`));
/** Fetches one replica has in flight at most (polling.concurrency below). */
const CONCURRENCY = 4;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function feedBody(k: number, origin: string): string {
  const name = COMPANIES[k];
  const size = 20 + k;
  const published = new Date().toUTCString();
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire ${k}</title><link>${origin}/</link>`
    + `<item><title>${esc(name)} raises $${size} million</title><link>${origin}/story/${k}</link><guid>story-${k}</guid><pubDate>${published}</pubDate>`
    + `<description>${esc(name)} has raised $${size} million in a Series A round led by Example Ventures, the company said on Tuesday.</description></item>`
    + '</channel></rss>';
}

/** Feeds over three loopback ports; answers wait while `hold` says so. */
interface FeedWorld {
  urls: string[];
  /** Requests per feed number. */
  requests: Map<number, number>;
  /** Requests waiting for their answer now. */
  held(): number;
  hold: boolean;
  release(): void;
  close(): Promise<void>;
}

async function feedWorld(): Promise<FeedWorld> {
  const waiting: (() => void)[] = [];
  const world: FeedWorld = {
    urls: [], requests: new Map(), hold: true,
    held: () => waiting.length,
    release: () => { world.hold = false; for (const w of waiting.splice(0)) w(); },
    close: async () => { await Promise.all(servers.map((s) => s.close())); },
  };
  const answer = (k: number, origin: string, res: ServerResponse): void => {
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedBody(k, origin));
  };
  const servers: Loopback[] = [];
  for (let i = 0; i < 3; i++) {
    const s: Loopback = await startLoopback((req, res) => {
      const k = Number((req.url ?? '').split('/').pop());
      if (!Number.isInteger(k) || k < 0 || k >= COMPANIES.length) return void res.writeHead(404).end();
      world.requests.set(k, (world.requests.get(k) ?? 0) + 1);
      if (world.hold) waiting.push(() => answer(k, s.origin, res));
      else answer(k, s.origin, res);
    });
    servers.push(s);
  }
  world.urls = COMPANIES.map((_, k) => `${servers[k % 3].origin}/feed/${k}`);
  return world;
}

interface Replica {
  child: ChildProcess;
  /** The bot's log lines (JSON). */
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function startReplica(config: string, storeUrl: string, cwd: string): Replica {
  const child = spawn(process.execPath, [BIN, 'run', '--config', config], {
    cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, STORE_URL: storeUrl, LOG_FORMAT: 'json', LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const r: Replica = { child, lines: [], exited: new Promise((res) => child.on('exit', (code) => res(code))) };
  let rest = '';
  child.stderr?.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) { try { r.lines.push(JSON.parse(p) as Record<string, unknown>); } catch { r.lines.push({ msg: p }); } }
  });
  return r;
}

/** Feeds each of a replica's poll cycles read, as its log says. */
const polledBy = (r: Replica): number => r.lines.filter((l) => typeof l.msg === 'string' && /^poll .*feeds? polled/.test(l.msg)).reduce((n, l) => n + Number(l.feeds ?? 0), 0);

/** Waits until `ok` holds, checking every 100 ms; fails with `what` when a replica exits first. */
async function until(what: string, ok: () => boolean, replicas: Replica[]): Promise<void> {
  let gone: string | null = null;
  for (const r of replicas) void r.exited.then((code) => { gone ??= `a replica exited (${code}) before ${what}: ${JSON.stringify(r.lines.slice(-3))}`; });
  while (!ok()) {
    if (gone) throw new Error(gone);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Round alerts the stand-in received per company (an alert's first message, with its header; its
 *  sources follow in a message of their own). */
function alertsPer(slack: StandIn): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of slack.posted) {
    const head = (p.blocks as { type?: string }[] | undefined)?.[0]?.type === 'header';
    const c = COMPANIES.find((name) => String(p.text).startsWith(`New round: ${name} ·`));
    if (head && c) out.set(c, (out.get(c) ?? 0) + 1);
  }
  return out;
}

if (pg) {
  describe('replicas: two `moonshot run` processes on one Postgres', () => {
    let dir: string;
    let place: StorePlace;
    let feeds: FeedWorld;
    let slack: StandIn;
    const running: Replica[] = [];

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'moonshot-replicas-'));
      place = await pg.place();
      feeds = await feedWorld();
      slack = await slackStandIn();
    });
    afterEach(async () => {
      for (const r of running.splice(0)) {
        if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
        await r.exited;
      }
      feeds.release();
      await feeds.close();
      await slack.close();
      await place.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const configFile = (lease = '5m'): string => {
      const file = join(dir, 'moonshot.yml');
      writeFileSync(file, [
        'feeds:', ...feeds.urls.map((u) => `  - url: ${u}\n    interval: 10m`),
        'watch:', ...COMPANIES.map((c) => `  - ${JSON.stringify(c)}`),
        // Alerts only: the digest's schedule does not come round during the test.
        `subscriptions:\n  - id: deals\n    platform: slack-webhook\n    webhook: ${slack.url}/services/T0/B0/replicas\n    schedule: "0 0 1 1 *"\n    alerts: [new_round]`,
        'allowHosts: [127.0.0.1]',
        `polling:\n  jitter: 0s\n  concurrency: ${CONCURRENCY}\n  perHostConcurrency: ${CONCURRENCY}\n  claimLease: ${lease}`,
      ].join('\n'));
      return file;
    };
    const start = (file: string): Replica => {
      const r = startReplica(file, place.url!, dir);
      running.push(r);
      return r;
    };
    const stop = async (r: Replica): Promise<void> => {
      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
    };

    it('split the feeds, each polled once in the cycle, and post each item once', async () => {
      const file = configFile();
      const [a, b] = [start(file), start(file)];
      // One replica fetches at most CONCURRENCY feeds at once: more answers waiting means both are polling.
      await until('both replicas fetch', () => feeds.held() > CONCURRENCY, [a, b]);
      feeds.release();
      await until('every company alerted', () => alertsPer(slack).size === COMPANIES.length, [a, b]);
      await until('both cycles logged', () => polledBy(a) + polledBy(b) === COMPANIES.length, [a, b]);
      await Promise.all([stop(a), stop(b)]);

      expect(polledBy(a)).toBeGreaterThan(0);
      expect(polledBy(b)).toBeGreaterThan(0);
      expect([...feeds.requests.values()]).toEqual(COMPANIES.map(() => 1));
      expect(feeds.requests.size).toBe(COMPANIES.length);
      expect(COMPANIES.map((c) => alertsPer(slack).get(c))).toEqual(COMPANIES.map(() => 1));
    }, 120_000);

    it('a replica killed mid-cycle strands only the feeds it had claimed, and only until their claims lapse', async () => {
      const file = configFile('2s');
      const a = start(file);
      await until('the first replica fetches', () => feeds.held() === CONCURRENCY, [a]);
      a.child.kill('SIGKILL');
      await a.exited;
      const takenByA = [...feeds.requests.keys()];
      const { Client } = await import('pg');
      const db = new Client({ connectionString: place.url! });
      await db.connect();
      const claims = (await db.query("SELECT count(*)::int AS n FROM moonshot_claims WHERE key LIKE 'moonshot:poll:%'")).rows[0] as { n: number };
      await db.end();
      feeds.release();

      const b = start(file);
      await until('every company alerted', () => alertsPer(slack).size === COMPANIES.length, [b]);
      await stop(b);

      expect(polledBy(a)).toBe(0);
      expect(polledBy(b)).toBe(COMPANIES.length);
      // The killed replica had claimed a few feeds ahead of its fetches, never the whole list.
      expect(takenByA).toHaveLength(CONCURRENCY);
      expect(claims.n).toBeGreaterThanOrEqual(CONCURRENCY);
      expect(claims.n).toBeLessThanOrEqual(2 * CONCURRENCY);
      for (const k of takenByA) expect(feeds.requests.get(k)).toBe(2);
      expect(COMPANIES.map((c) => alertsPer(slack).get(c))).toEqual(COMPANIES.map(() => 1));
    }, 120_000);
  });
} else {
  describe.skip('replicas on one Postgres (MOONSHOT_TEST_POSTGRES_URL not set)', () => { it('runs two moonshot run processes on a real Postgres', () => undefined); });
}
