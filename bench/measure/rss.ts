// Peak resident memory of a bot process whose store holds N articles and their facts: on a copy of the
// bench's store (bench/bot-store.ts), a fresh child process (bench/child-rss.ts) opens it, works with
// it as the bot does, and reports process.resourceUsage().maxRSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WatchedCompany } from '../../src/types';
import { copyStore, type BotStore } from '../bot-store';

export interface RssResult {
  articles: number;
  facts: number;
  rss_mb: number;
  /** The child's peak before it opened the store (Node, tsx and the project's modules). */
  start_mb: number;
  store_file_mb: number;
  fill_s: number;
  child_work_s: number;
  /** False when the child's deadline passed before it finished its work (the peak is then a floor). */
  complete: boolean;
  steps: { step: string; s: number; rss_mb: number }[];
}

interface ChildReport {
  rss_mb: number;
  start_mb: number;
  work_s: number;
  complete: boolean;
  steps: { step: string; s: number; rss_mb: number }[];
}

/**
 * The child on a copy of the store at `file`, its "now" an hour after the store's last day: the digest's
 * window (a day) holds the last copy, some 7,000 articles and 38,000 facts on every company, far more
 * than a real day brings.
 */
export async function measureRss(file: string, filled: BotStore, watch: WatchedCompany[], seed: number, deadlineS: number): Promise<RssResult> {
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-rss-'));
  try {
    const path = join(dir, 'moonshot.sqlite');
    copyStore(file, path);
    const watchFile = join(dir, 'watch.json');
    writeFileSync(watchFile, JSON.stringify(watch));
    const now = new Date(Date.parse(filled.at) + 3_600_000).toISOString();
    const child = await runChild([resolve(__dirname, '..', 'child-rss.ts'), path, watchFile, String(seed), String(deadlineS), now], deadlineS + 10);
    const fileMb = (statSync(path).size + (statOr0(`${path}-wal`))) / 1048576;
    return {
      articles: filled.articles, facts: filled.facts, rss_mb: child.rss_mb, start_mb: child.start_mb,
      store_file_mb: Math.round(fileMb * 10) / 10, fill_s: filled.seconds, child_work_s: child.work_s,
      complete: child.complete, steps: child.steps,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const statOr0 = (p: string): number => {
  try { return statSync(p).size; } catch { return 0; }
};

/** The peak resident set of a process so far, from Linux's /proc (VmHWM), in MB; null elsewhere. */
function peakOf(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs the child and takes its report. The child stops itself at its deadline, but only between
 * awaits: a long synchronous step can overrun it, so past `killAfterS` it is stopped from here and
 * the peak watched from outside (/proc) stands in for its report.
 */
function runChild(args: string[], killAfterS: number): Promise<ChildReport> {
  const runner = resolve(__dirname, '..', '..', 'bin', 'run-ts.js');
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, [runner, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let watched = 0;
    let killed = false;
    const t0 = performance.now();
    const watch = setInterval(() => { if (p.pid) watched = Math.max(watched, peakOf(p.pid) ?? 0); }, 200);
    const killer = setTimeout(() => { killed = true; p.kill('SIGKILL'); }, killAfterS * 1000);
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', reject);
    p.on('close', (code) => {
      clearInterval(watch);
      clearTimeout(killer);
      if (killed && watched > 0) {
        return resolvePromise({ rss_mb: Math.round(watched * 10) / 10, start_mb: NaN, work_s: (performance.now() - t0) / 1000, complete: false, steps: [{ step: 'stopped from outside at the deadline', s: killAfterS, rss_mb: watched }] });
      }
      if (code !== 0) return reject(new Error(`the memory child exited with ${code}: ${err.trim().split('\n')[0] ?? ''}`));
      try {
        const report = JSON.parse(out.trim().split('\n').pop() ?? '') as ChildReport;
        resolvePromise({ ...report, rss_mb: Math.max(report.rss_mb, Math.round(watched * 10) / 10) });
      } catch {
        reject(new Error(`the memory child printed no report: ${out.slice(0, 200)}`));
      }
    });
  });
}
