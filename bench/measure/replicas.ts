// Replicas on one Postgres: a poll cycle over many loopback feeds by one `moonshot run --once` process,
// then by two started together on another fresh database, each its own process at the default
// concurrency. The feeds answer after a fixed delay with a small document (most of them no items, every
// `plantEvery`-th one a new round of a watched company), so the cycle is bound by fetch latency, as
// polling mostly is; the rounds' alerts go to the Slack stand-in (a webhook) and are counted, so a
// message posted twice or not at all shows. The cycle is timed from the bot's own log: from the earliest
// cycle's start to the latest cycle's end line, so process start-up is not counted.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_POLLING } from '../../src/config';
import { slackStandIn } from '../../test/chat/standins';

export interface ReplicasOptions {
  /** A Postgres URL whose user may create databases (each run gets a new one, dropped afterwards). */
  postgresUrl: string;
  feeds: number;
  delayMs: number;
  /** Every this many feeds carries one new round. */
  plantEvery: number;
  /** Most seconds one run (all its processes) may take. */
  deadlineS: number;
  hosts?: number;
}

export interface ReplicaRun {
  replicas: number;
  /** From the earliest cycle start to the latest cycle end, per the bots' logs. */
  cycle_s: number;
  /** feeds × delay / (replicas × concurrency). */
  ideal_s: number;
  /** Feeds each process polled. */
  split: number[];
  /** Planted rounds alerted once, more than once, never. */
  alerted_once: number;
  posted_twice: number;
  missing: number;
  messages: number;
  /** From spawning the first process to the exit of the last. */
  wall_s: number;
  /** CPU seconds each process used (user + system, from /proc; NaN off Linux), start-up included. */
  cpu_s: number[];
  /** CPU seconds the bench process used meanwhile: the feed servers and the Slack stand-in. */
  servers_cpu_s: number;
  load_before: string;
  load_after: string;
}

export interface ReplicasResult {
  feeds: number;
  delay_ms: number;
  concurrency: number;
  hosts: number;
  planted: number;
  one: ReplicaRun;
  two: ReplicaRun;
  speedup: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** Invented company names, one per planted round. */
const company = (i: number): string => `Benchmark Company ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)}`;

export async function measureReplicas(opts: ReplicasOptions): Promise<ReplicasResult> {
  const planted = Math.ceil(opts.feeds / opts.plantEvery);
  const servers = await feedServers(opts);
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-replicas-'));
  try {
    const one = await runReplicas(1, servers, planted, dir, opts);
    const two = await runReplicas(2, servers, planted, dir, opts);
    return {
      feeds: opts.feeds, delay_ms: opts.delayMs, concurrency: DEFAULT_POLLING.concurrency, hosts: servers.hosts, planted,
      one, two, speedup: Math.round((one.cycle_s / two.cycle_s) * 100) / 100,
    };
  } finally {
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Servers { urls: string[]; hosts: number; close(): Promise<void> }

async function feedServers(opts: ReplicasOptions): Promise<Servers> {
  const hosts = opts.hosts ?? Math.min(50, opts.feeds);
  const listeners: { server: Server; origin: string }[] = [];
  for (let h = 0; h < hosts; h++) {
    const server = createServer((req, res) => {
      const n = Number((req.url ?? '').split('/').pop());
      setTimeout(() => {
        if (!Number.isInteger(n)) return void res.writeHead(404).end();
        const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
        // Published now, so a first read counts it as news (within newItemWindow).
        const item = n % opts.plantEvery === 0
          ? (() => {
            const name = company(n / opts.plantEvery);
            const size = 10 + ((n / opts.plantEvery) % 90);
            return `<item><title>${esc(name)} raises $${size} million</title><link>${origin}/story/${n}</link><guid>bench-story-${n}</guid><pubDate>${new Date().toUTCString()}</pubDate>`
              + `<description>${esc(name)} has raised $${size} million in a Series B round led by Example Growth, the company said.</description></item>`;
          })()
          : '';
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench wire ${n}</title><link>${origin}/</link>${item}</channel></rss>`);
      }, opts.delayMs);
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    listeners.push({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }
  return {
    urls: Array.from({ length: opts.feeds }, (_, i) => `${listeners[i % hosts].origin}/feed/${i}`),
    hosts,
    close: async () => { await Promise.all(listeners.map((l) => new Promise((r) => { l.server.closeAllConnections(); l.server.close(r); }))); },
  };
}

async function runReplicas(replicas: number, servers: Servers, planted: number, dir: string, opts: ReplicasOptions): Promise<ReplicaRun> {
  const slack = await slackStandIn();
  const db = await freshDatabase(opts.postgresUrl);
  try {
    const file = join(dir, `moonshot-${replicas}.yml`);
    writeFileSync(file, [
      'feeds:', ...servers.urls.map((u) => `  - ${JSON.stringify(u)}`),
      'watch:', ...Array.from({ length: planted }, (_, i) => `  - ${JSON.stringify(company(i))}`),
      // A digest at the end of --once as well, posted by one of the processes.
      `subscriptions:\n  - id: deals\n    platform: slack-webhook\n    webhook: ${slack.url}/services/T0/B0/bench\n    schedule: "0 9 * * 1-5"\n    alerts: [new_round]`,
      'allowHosts: [127.0.0.1]',
      'polling:\n  jitter: 0s',
      '',
    ].join('\n'));
    const bin = resolve(__dirname, '..', '..', 'bin', 'moonshot.js');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', STORE_URL: db.url, LOG_FORMAT: 'json' };
    const load_before = loadavg().map((x) => x.toFixed(2)).join(' ');
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const runs = await Promise.all(Array.from({ length: replicas }, () => runOnce(bin, file, dir, env, opts.deadlineS)));
    const cpu = process.cpuUsage(cpu0);
    const logs = runs.map((r) => r.lines);
    const wall_s = (performance.now() - t0) / 1000;
    const load_after = loadavg().map((x) => x.toFixed(2)).join(' ');
    const cycles = logs.map(cycleOf);
    const start = Math.min(...cycles.map((c) => c.start));
    const end = Math.max(...cycles.map((c) => c.end));
    const alerts = new Map<string, number>();
    for (const p of slack.posted) {
      const head = (p.blocks as { type?: string }[] | undefined)?.[0]?.type === 'header';
      const m = /^New round: (Benchmark Company \w+) ·/.exec(String(p.text));
      if (head && m) alerts.set(m[1], (alerts.get(m[1]) ?? 0) + 1);
    }
    const counts = Array.from({ length: planted }, (_, i) => alerts.get(company(i)) ?? 0);
    // The same message text twice: an alert (or a digest) posted by both processes.
    const texts = new Map<string, number>();
    for (const p of slack.posted) texts.set(String(p.text), (texts.get(String(p.text)) ?? 0) + 1);
    return {
      replicas,
      cycle_s: Math.round((end - start) / 10) / 100,
      ideal_s: Math.round(((servers.urls.length * opts.delayMs) / (replicas * DEFAULT_POLLING.concurrency)) / 10) / 100,
      split: cycles.map((c) => c.feeds),
      alerted_once: counts.filter((n) => n === 1).length,
      posted_twice: [...texts.values()].filter((n) => n > 1).length + counts.filter((n) => n > 1).length,
      missing: counts.filter((n) => n === 0).length,
      messages: slack.posted.length,
      wall_s: Math.round(wall_s * 100) / 100,
      cpu_s: runs.map((r) => Math.round(r.cpuS * 100) / 100),
      servers_cpu_s: Math.round((cpu.user + cpu.system) / 10_000) / 100,
      load_before, load_after,
    };
  } finally {
    await slack.close();
    await db.drop();
  }
}

/** The cycle's start (its `at`), end (the time of its line) and feeds, from one process's log. */
function cycleOf(log: Record<string, unknown>[]): { start: number; end: number; feeds: number } {
  const line = log.find((l) => typeof l.msg === 'string' && /^poll .*feeds? polled/.test(l.msg));
  // A process that found every feed taken has no cycle line: it polled none.
  if (!line) return { start: Infinity, end: -Infinity, feeds: 0 };
  return { start: Date.parse(String(line.at)), end: Number(line.time), feeds: Number(line.feeds) };
}

/** CPU seconds a process has used so far (utime + stime from /proc/PID/stat), or NaN. */
function cpuOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;

/** `moonshot run --once`: its log lines and the CPU it used, once it has exited 0. */
function runOnce(bin: string, file: string, cwd: string, env: NodeJS.ProcessEnv, deadlineS: number): Promise<{ lines: Record<string, unknown>[]; cpuS: number }> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, [bin, 'run', '--once', '--config', file], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const lines: Record<string, unknown>[] = [];
    let rest = '';
    p.stderr.on('data', (d: Buffer) => {
      const parts = (rest + d.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const x of parts) { try { lines.push(JSON.parse(x) as Record<string, unknown>); } catch { lines.push({ msg: x }); } }
    });
    const killer = setTimeout(() => p.kill('SIGKILL'), deadlineS * 1000);
    // Sampled until it exits: the last reading is at most a tenth of a second short.
    let cpuS = NaN;
    const sampler = setInterval(() => { const c = cpuOf(p.pid); if (Number.isFinite(c)) cpuS = c; }, 100);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(killer);
      clearInterval(sampler);
      if (code === 0) return resolvePromise({ lines, cpuS });
      const last = lines.filter((l) => l.level === 50 || l.level === 40).pop() ?? lines[lines.length - 1];
      reject(new Error(`moonshot run --once ${signal ? `was killed (${signal}) at its ${deadlineS} s deadline` : `exited with ${code}`}: ${JSON.stringify(last ?? {}).slice(0, 300)}`));
    });
  });
}

/** A new database beside the one the URL names; dropped afterwards. */
async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { Client } = await import('pg');
  const name = `moonshot_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    throw new Error(`cannot create a database on the bench's Postgres: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
