// `/moonshot valuation <company>` answered by the real handler over a real SQLite ledger of about
// 10,000 facts, recorded by the real Ledger from the pipeline's own output over the corpus.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResult } from '../../src/types';
import { DEFAULT_CONFIG, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import { Ledger } from '../../src/ledger';
import { fillLedger } from '../fill-store';
import { commandDeps, runText } from '../../src/commands';

export interface CommandResult {
  facts: number;
  runs: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Answers that found a figure (the rest said none is known, which is also an answer). */
  answered: number;
  /** Ledger.record's cost per fact through the real store (one SQLite commit per key), on a sample. */
  record_ms_per_fact: number;
}

export const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

export async function measureCommand(scan: Omit<ScanResult, 'errors'>, watch: MoonshotConfig['watch'], factCount: number, runs: number): Promise<CommandResult> {
  const facts = scan.facts.slice(0, factCount);
  const ids = new Set(facts.map((f) => f.articleId));
  const articles = scan.articles.filter((a) => ids.has(a.id));
  const events = scan.events.filter((e) => e.articleIds.some((id) => ids.has(id)));
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-cmd-'));
  const at = new Date(Date.UTC(2026, 10, 20));
  // What one poll's recording costs, through the real store: a sample of the facts, timed.
  const sampleStore = await openStore({ path: join(dir, 'sample.sqlite') });
  const sampleFacts = facts.slice(0, 300);
  const sampleIds = new Set(sampleFacts.map((f) => f.articleId));
  const t0 = performance.now();
  await new Ledger(sampleStore, watch).record({ articles: articles.filter((a) => sampleIds.has(a.id)), facts: sampleFacts, events: [] }, at);
  const record_ms_per_fact = (performance.now() - t0) / Math.max(1, sampleFacts.length);
  await sampleStore.close();
  // The ledger the command reads: the same records, written in bulk (see fill-store.ts).
  const path = join(dir, 'ledger.sqlite');
  await fillLedger(path, { articles, facts, events }, watch, articles.length, at);
  const store = await openStore({ path });
  try {
    const config: MoonshotConfig = { ...DEFAULT_CONFIG, watch };
    const deps = commandDeps(store, () => config, { now: () => at });
    const actor = { platform: 'cli' as const, userId: 'bench' };
    const place = { platform: 'cli' as const, channel: null };
    // Ask about the companies the ledger knows most about first: the heaviest answers.
    const counts = new Map<string, number>();
    for (const f of facts) counts.set(f.company, (counts.get(f.company) ?? 0) + 1);
    const asked = watch.map((w) => w.name).sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
    for (let i = 0; i < 5; i++) await runText(`valuation ${asked[i % asked.length]}`, actor, place, deps);
    const times: number[] = [];
    let answered = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const reply = await runText(`valuation ${asked[i % asked.length]}`, actor, place, deps);
      times.push(performance.now() - t);
      if (reply.kind === 'answer') answered++;
    }
    times.sort((a, b) => a - b);
    return { facts: facts.length, runs, p50_ms: quantile(times, 0.5), p99_ms: quantile(times, 0.99), max_ms: times[times.length - 1], answered, record_ms_per_fact };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
