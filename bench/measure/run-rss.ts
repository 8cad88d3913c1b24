// Peak resident memory of the real bot, `moonshot run --once` in a process of its own, through its
// first cycle over many loopback feeds (bench/feed-servers.ts) at the default concurrency, with no
// chat tokens and no subscriptions (the cycle is what is measured). Watched from outside through
// Linux's VmHWM, the kernel's own high-water mark of the process's resident set. Given a store file
// (bench/bot-store.ts), the bot starts on a copy of it, as a bot restarted on a full store does.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Corpus } from '../corpus';
import { startFeedServers } from '../feed-servers';
import { botNodeArgs } from '../bot-node-args';
import { copyStore } from '../bot-store';

export interface RunRssResult {
  feeds: number;
  items_per_feed: number;
  peak_rss_mb: number;
  /** From spawning the process to its exit. */
  run_s: number;
  /** From spawning the process to the end of its first poll (its cycle's log line). */
  first_poll_s: number;
  /** Articles already in the store the bot started on (0: an empty store). */
  stored_articles: number;
  /** The cycle's own line from the bot's log (feeds polled, read, items). */
  cycle: string;
}

export async function measureRunRss(corpus: Corpus, opts: { feeds: number; itemsPerFeed: number; delayMs: number; deadlineS: number; store?: { file: string; articles: number } }): Promise<RunRssResult> {
  const servers = await startFeedServers(corpus, opts);
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-run-'));
  try {
    if (opts.store) copyStore(opts.store.file, join(dir, 'bot.sqlite'));
    const file = join(dir, 'moonshot.yml');
    writeFileSync(file, [
      'feeds:', ...servers.urls.map((u) => `  - ${JSON.stringify(u)}`),
      'watch:', ...corpus.watch.map((w) => `  - ${JSON.stringify([w.name, ...w.aliases].join('|'))}`),
      'allowHosts: [127.0.0.1]',
      `store:\n  path: ${JSON.stringify(join(dir, 'bot.sqlite'))}`,
      '',
    ].join('\n'));
    const bin = resolve(__dirname, '..', '..', 'bin', 'moonshot.js');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
    const t0 = performance.now();
    const { code, peak, err, firstPollAt, killed } = await watched(spawn(process.execPath, [...botNodeArgs(), bin, 'run', '--once', '--config', file], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] }), opts.deadlineS);
    const run_s = (performance.now() - t0) / 1000;
    // Stopped at its deadline (a machine too busy to finish): the peak so far is a floor, and said so.
    if (killed) {
      return {
        feeds: opts.feeds, items_per_feed: opts.itemsPerFeed, peak_rss_mb: Math.round(peak * 10) / 10, run_s, first_poll_s: NaN,
        stored_articles: opts.store?.articles ?? 0, cycle: `stopped at its deadline of ${Math.round(opts.deadlineS)} s before its first cycle ended: the peak is a floor`,
      };
    }
    if (code !== 0) throw new Error(`moonshot run --once exited with ${code}: ${err.trim().split('\n').pop() ?? ''}`);
    const cycle = /poll [^"]*: \d+ feeds? polled[^"]*/.exec(err)?.[0] ?? 'no cycle line in its log';
    return {
      feeds: opts.feeds, items_per_feed: opts.itemsPerFeed, peak_rss_mb: Math.round(peak * 10) / 10, run_s,
      first_poll_s: (firstPollAt - t0) / 1000, stored_articles: opts.store?.articles ?? 0, cycle,
    };
  } finally {
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function watched(p: ReturnType<typeof spawn>, deadlineS: number): Promise<{ code: number | null; peak: number; err: string; firstPollAt: number; killed: boolean }> {
  return new Promise((resolvePromise, reject) => {
    let peak = 0;
    let err = '';
    let firstPollAt = NaN;
    const sample = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) / 1024);
      } catch { /* gone, or not Linux */ }
    };
    const timer = setInterval(sample, 100);
    let killed = false;
    const killer = setTimeout(() => { killed = true; p.kill('SIGKILL'); }, deadlineS * 1000);
    p.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      // The cycle's own line is written as the poll ends.
      if (Number.isNaN(firstPollAt) && / feeds? polled/.test(err.slice(-d.length - 40))) firstPollAt = performance.now();
      if (err.length > 1_000_000) err = err.slice(-200_000);
    });
    p.on('error', reject);
    p.on('exit', () => sample());
    p.on('close', (code) => {
      clearInterval(timer);
      clearTimeout(killer);
      if (peak === 0) return reject(new Error('could not read the process\'s peak memory (/proc/PID/status VmHWM: Linux only)'));
      resolvePromise({ code, peak, err, firstPollAt, killed });
    });
  });
}
