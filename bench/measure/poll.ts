// One poll cycle over many feeds on loopback HTTP servers that answer after a fixed delay (see
// bench/feed-servers.ts: a quarter 304, a quarter the same bytes, half changed bytes around the same
// items), through the real fetcher (address guard on, 127.0.0.1 allowed) and the real scheduler
// (pollOnce over an SQLite store) at the configured concurrency. A first cycle reads every feed (its
// backlog is remembered, the validators and body hashes kept); the second cycle, a day later, is timed.
import { silentLogger } from '../../src/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, DEFAULT_POLLING, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import { emptyHeldIndex, pollOnce, type CycleReport } from '../../src/scheduler';
import type { Corpus } from '../corpus';
import { startFeedServers } from '../feed-servers';

export interface PollOptions {
  feeds: number;
  delayMs: number;
  /** Fetches in flight; default: the configured default (config polling.concurrency). */
  concurrency?: number;
  hosts?: number;
  itemsPerFeed: number;
}

export interface PollResult {
  feeds: number;
  items_per_feed: number;
  concurrency: number;
  per_host_concurrency: number;
  hosts: number;
  delay_ms: number;
  cycle_s: number;
  ideal_s: number;
  ok: number;
  not_modified: number;
  failed: number;
  /** Feed bodies parsed in the timed cycle, and the most documents it held at once. */
  parsed: number;
  peak_documents: number;
  first_error: string | null;
  warmup_s: number;
}

export async function measurePoll(corpus: Corpus, opts: PollOptions): Promise<PollResult> {
  const servers = await startFeedServers(corpus, opts);
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-poll-'));
  const store = await openStore({ path: join(dir, 'poll.sqlite') });
  try {
    const concurrency = opts.concurrency ?? DEFAULT_POLLING.concurrency;
    const feeds = servers.urls.map((url) => ({ url, intervalMs: 10 * 60_000, fetchFullArticle: false, name: null }));
    const base: MoonshotConfig = {
      ...DEFAULT_CONFIG, feeds, watch: corpus.watch, allowHosts: ['127.0.0.1'],
      polling: { ...DEFAULT_POLLING, concurrency, jitterMs: 0 },
    };
    let config = base;
    const deps = {
      store, config: () => config, owner: 'bench', log: silentLogger(),
      deliver: async () => undefined, notifyAdmin: async () => undefined, random: () => 0,
      // As a running bot holds it: the second cycle folds against the first one's index without reloading it.
      duplicates: emptyHeldIndex(),
    };
    const start = Date.UTC(2026, 10, 20, 8);
    // Warm-up: every feed's first read, at no less than the default concurrency so it does not dominate the run.
    config = { ...base, polling: { ...base.polling, concurrency: Math.max(concurrency, DEFAULT_POLLING.concurrency) } };
    const w0 = performance.now();
    await pollOnce(deps, new Date(start));
    const warmup_s = (performance.now() - w0) / 1000;
    config = base;
    servers.setCycle(1);
    const t0 = performance.now();
    const report: CycleReport = await pollOnce(deps, new Date(start + 86_400_000));
    const cycle_s = (performance.now() - t0) / 1000;
    const count = (s: string): number => report.polled.filter((p) => p.status === s).length;
    return {
      feeds: opts.feeds, items_per_feed: opts.itemsPerFeed, concurrency, per_host_concurrency: base.polling.perHostConcurrency, hosts: servers.hosts, delay_ms: opts.delayMs,
      cycle_s, ideal_s: (opts.feeds * opts.delayMs) / 1000 / concurrency,
      ok: count('ok'), not_modified: count('not-modified'), failed: count('failed') + count('paused-now'),
      parsed: report.parsed ?? NaN, peak_documents: report.peakDocuments ?? NaN,
      first_error: report.polled.find((p) => p.error)?.error ?? null, warmup_s,
    };
  } finally {
    await store.close();
    await servers.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
