// One poll cycle over many feeds on loopback HTTP servers that answer after a fixed delay, a quarter of
// them "304 Not Modified" to a conditional GET, through the real fetcher (address guard on, 127.0.0.1
// allowed) and the real scheduler (pollOnce over an SQLite store) at the configured concurrency.
//
// The feeds are spread over several listening ports: the scheduler limits requests per host, and
// 2,000 feeds on a single host would measure that politeness limit, not the cycle. A first cycle reads
// every feed (its backlog is remembered, the validators kept); the second cycle, a day later, is timed.
import { silentLogger } from '../../src/log';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, DEFAULT_POLLING, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import { emptyHeldIndex, pollOnce, type CycleReport } from '../../src/scheduler';
import { renderFeed, type Corpus } from '../corpus';

export interface PollOptions {
  feeds: number;
  delayMs: number;
  /** Fetches in flight; default: the configured default (config polling.concurrency). */
  concurrency?: number;
  hosts?: number;
  itemsPerFeed?: number;
}

export interface PollResult {
  feeds: number;
  concurrency: number;
  per_host_concurrency: number;
  hosts: number;
  delay_ms: number;
  cycle_s: number;
  ideal_s: number;
  ok: number;
  not_modified: number;
  failed: number;
  first_error: string | null;
  warmup_s: number;
}

interface Listener {
  server: Server;
  origin: string;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Listener> {
  const server = createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function measurePoll(corpus: Corpus, opts: PollOptions): Promise<PollResult> {
  const perFeed = opts.itemsPerFeed ?? 10;
  const bodies = corpus.feeds.map((f) => ({ type: f.contentType, body: Buffer.from(renderFeed({ ...f, items: f.items.slice(0, perFeed) }, new URL(f.url).host)) }));
  const handler: Parameters<typeof createServer>[1] = (req, res) => {
    const n = Number((req.url ?? '').split('/').pop());
    setTimeout(() => {
      if (!Number.isInteger(n)) return void res.writeHead(404).end();
      const b = bodies[n % bodies.length];
      if (n % 4 === 0) {
        // A quarter of the servers keep validators and answer a conditional GET with 304.
        const etag = `"feed-${n}-v1"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        return void res.writeHead(200, { 'content-type': b.type, etag }).end(b.body);
      }
      res.writeHead(200, { 'content-type': b.type }).end(b.body);
    }, opts.delayMs);
  };
  const hostCount = opts.hosts ?? Math.min(50, opts.feeds);
  const listeners = await Promise.all(Array.from({ length: hostCount }, () => listen(handler)));
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-poll-'));
  const store = await openStore({ path: join(dir, 'poll.sqlite') });
  try {
    const concurrency = opts.concurrency ?? DEFAULT_POLLING.concurrency;
    const feeds = Array.from({ length: opts.feeds }, (_, i) => ({
      url: `${listeners[i % hostCount].origin}/feed/${i}`, intervalMs: 30 * 60_000, fetchFullArticle: false, name: null,
    }));
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
    // Warm-up: every feed's first read, at a higher concurrency so it does not dominate the run.
    config = { ...base, polling: { ...base.polling, concurrency: Math.max(concurrency, 32) } };
    const w0 = performance.now();
    await pollOnce(deps, new Date(start));
    const warmup_s = (performance.now() - w0) / 1000;
    config = base;
    const t0 = performance.now();
    const report: CycleReport = await pollOnce(deps, new Date(start + 86_400_000));
    const cycle_s = (performance.now() - t0) / 1000;
    const count = (s: string): number => report.polled.filter((p) => p.status === s).length;
    return {
      feeds: opts.feeds, concurrency, per_host_concurrency: base.polling.perHostConcurrency, hosts: hostCount, delay_ms: opts.delayMs,
      cycle_s, ideal_s: (opts.feeds * opts.delayMs) / 1000 / concurrency,
      ok: count('ok'), not_modified: count('not-modified'), failed: count('failed') + count('paused-now'),
      first_error: report.polled.find((p) => p.error)?.error ?? null, warmup_s,
    };
  } finally {
    await store.close();
    await Promise.all(listeners.map((l) => new Promise((resolve) => { l.server.closeAllConnections(); l.server.close(resolve); })));
    rmSync(dir, { recursive: true, force: true });
  }
}
