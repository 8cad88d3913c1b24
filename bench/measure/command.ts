// `/moonshot valuation <company>` answered by the real handler over a copy of the bench's store
// (bench/bot-store.ts: 100,000 articles, about 530,000 facts, recorded by the real Ledger from the
// pipeline's own output), warm and cold. Cold is the first question after a poll recorded a new fact on the company: the real
// scheduler (`pollOnce`) reads a loopback feed with one new article on it, records it and works the
// company's answers out, as the running bot does; then the question is timed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fact } from '../../src/types';
import { DEFAULT_CONFIG, DEFAULT_POLLING, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import { Ledger } from '../../src/ledger';
import { emptyHeldIndex, pollOnce } from '../../src/scheduler';
import { silentLogger } from '../../src/log';
import { commandDeps, runText } from '../../src/commands';
import type { LedgerBatch } from '../fill-store';
import { copyStore } from '../bot-store';

export interface CommandResult {
  facts: number;
  runs: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Answers that found a figure (the rest said none is known, which is also an answer). */
  answered: number;
  /** First questions after a poll recorded a new fact on the company asked about. */
  cold_runs: number;
  cold_p50_ms: number;
  cold_p99_ms: number;
  /** Each of them, in the order asked (ms). */
  cold_ms: number[];
  /** The polls before them, each recording one article and working its company's answers out. */
  cold_poll_ms_p50: number;
  /** Ledger.record's cost per fact through the real store, on a sample written to a store of its own. */
  record_ms_per_fact: number;
}

export const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const sortedOf = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

/** An article of our own on `company`, different each time (a round size, a valuation, a lead), as an RSS item. */
function item(company: string, i: number, published: Date): string {
  const size = 110 + 37 * i;
  const leads = ['Orrin Partners', 'Kestrel Row Capital', 'Bellweather Fund', 'Tamsin Ventures', 'Corrib Growth', 'Hollin Capital'];
  const title = `${company} takes in $${size} million, note ${i}`;
  const body = `${company} has raised $${size} million in new funding led by ${leads[i % leads.length]}, at a valuation of $${(3 + i / 10).toFixed(1)} billion, `
    + `according to filing number ${1000 + i * 7}. The round, its ${i + 2}th this decade, drew interest from ${i % 5 + 2} other firms.`;
  return `<item><title>${title}</title><link>https://bench.example/cold/${i}</link><guid>cold-${i}</guid><pubDate>${published.toUTCString()}</pubDate><description>${body}</description></item>`;
}

/** On a copy of the store at `file` (the cold questions' polls write to it), from `at` on. */
export async function measureCommand(file: string, base: LedgerBatch, watch: MoonshotConfig['watch'], facts: number, runs: number, coldRuns: number, at: Date): Promise<CommandResult> {
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-cmd-'));
  try {
    return await measureOn(dir, file, base, watch, facts, runs, coldRuns, at);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureOn(dir: string, file: string, base: LedgerBatch, watch: MoonshotConfig['watch'], facts: number, runs: number, coldRuns: number, at: Date): Promise<CommandResult> {
  // What one poll's recording costs, through the real store: a sample of the facts, timed.
  const sampleStore = await openStore({ path: join(dir, 'sample.sqlite') });
  const sampleFacts = base.facts.slice(0, 300);
  const sampleIds = new Set(sampleFacts.map((f) => f.articleId));
  const t0 = performance.now();
  await new Ledger(sampleStore, watch).record({ articles: base.articles.filter((a) => sampleIds.has(a.id)), facts: sampleFacts, events: [] }, at);
  const record_ms_per_fact = (performance.now() - t0) / Math.max(1, sampleFacts.length);
  await sampleStore.close();

  const path = join(dir, 'moonshot.sqlite');
  copyStore(file, path);

  let feedBody = '';
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(feedBody);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const store = await openStore({ path });
  try {
    const feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    const config: MoonshotConfig = {
      ...DEFAULT_CONFIG, watch, allowHosts: ['127.0.0.1'], subscriptions: [],
      feeds: [{ url: feedUrl, intervalMs: 10 * 60_000, fetchFullArticle: false, name: null }],
      polling: { ...DEFAULT_POLLING, jitterMs: 0 },
    };
    let now = at;
    const deps = commandDeps(store, () => config, { now: () => now });
    const actor = { platform: 'cli' as const, userId: 'bench' };
    const place = { platform: 'cli' as const, channel: null };
    // Ask about the companies the ledger knows most about first: the heaviest answers.
    const counts = new Map<string, number>();
    for (const f of base.facts as Fact[]) counts.set(f.company, (counts.get(f.company) ?? 0) + 1);
    const asked = watch.map((w) => w.name).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
    const ask = async (company: string): Promise<{ ms: number; answered: boolean }> => {
      const t = performance.now();
      const reply = await runText(`valuation ${company}`, actor, place, deps);
      return { ms: performance.now() - t, answered: reply.kind === 'answer' };
    };

    for (let i = 0; i < asked.length; i++) await ask(asked[i]);
    const warm: number[] = [];
    let answered = 0;
    for (let i = 0; i < runs; i++) {
      const r = await ask(asked[i % asked.length]);
      warm.push(r.ms);
      if (r.answered) answered++;
    }

    const cold: number[] = [];
    const polls: number[] = [];
    // The duplicate index held across polls, as the running bot holds it: loaded by the first poll only.
    const bot = { store, config: () => config, owner: 'bench', log: silentLogger(), deliver: async () => undefined, notifyAdmin: async () => undefined, random: () => 0, duplicates: emptyHeldIndex() };
    for (let i = 0; i < coldRuns; i++) {
      const company = asked[i % asked.length];
      now = new Date(at.getTime() + (i + 1) * 3_600_000);
      feedBody = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench Wire</title><link>https://bench.example/</link>${item(company, i, new Date(now.getTime() - 600_000))}</channel></rss>`;
      const t = performance.now();
      const report = await pollOnce(bot, now);
      polls.push(performance.now() - t);
      if (report.facts === 0) throw new Error(`the cold step's poll ${i} read no fact on ${company}: ${report.polled.map((p) => p.error ?? p.status).join(', ')}`);
      cold.push((await ask(company)).ms);
    }
    const w = sortedOf(warm);
    const c = sortedOf(cold);
    return {
      facts, runs, p50_ms: quantile(w, 0.5), p99_ms: quantile(w, 0.99), max_ms: w[w.length - 1], answered,
      cold_runs: coldRuns, cold_ms: cold.map((x) => Math.round(x * 10) / 10), cold_p50_ms: quantile(c, 0.5), cold_p99_ms: quantile(c, 0.99), cold_poll_ms_p50: quantile(sortedOf(polls), 0.5),
      record_ms_per_fact,
    };
  } finally {
    await store.close();
    await new Promise((ok) => server.close(ok));
  }
}
