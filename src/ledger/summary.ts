// A company's answers as the questions read them, without its facts: its rounds, current answers and
// conflicts (the rounds stage's), the company-level figures over time, the metrics known, and the few
// facts each answer links to. Bounded by the company's rounds, not by how many sources reported them,
// so it can be kept, and read back in one row, however large the company's coverage grows.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Conflict, CurrentAnswer, Fact, LedgerFigure, Metric, Round } from '../types';
import { mergeFigures, type StoredFact } from './figures';

const COMPANY_LEVEL: readonly Metric[] = ['total_raised', 'revenue', 'cash_reserves'];

/** What an answer's link needs of a fact, and what picks the facts an answer links to. */
export type LinkFact = Pick<Fact, 'metric' | 'when' | 'roundId' | 'source' | 'url' | 'published'>;

/** Links an answer gives at most (see commands/format's factLinks). */
export const LINKS_PER_ANSWER = 5;

export interface CompanySummary {
  rounds: Round[];
  current: CurrentAnswer[];
  conflicts: Conflict[];
  /** Company-level figures (total raised, revenue, cash), oldest first, each dated by its text or earliest source. */
  series: { date: string; figure: LedgerFigure }[];
  /** Every metric some live fact gives. */
  metrics: Metric[];
  /**
   * The current facts any answer can link to, in the order of the company's facts: for each metric,
   * the newest ones with distinct links of each round and of all rounds together. Filtered by metric
   * and round and cut to the newest distinct links, they give what the same filter gives over all facts.
   */
  links: LinkFact[];
}

export function summaryOf(view: { facts: StoredFact[]; rounds: Round[]; current: CurrentAnswer[]; conflicts: Conflict[] }): CompanySummary {
  const series = mergeFigures(view.facts.filter((f) => COMPANY_LEVEL.includes(f.fact.metric) && f.fact.when === 'current'))
    .map(({ facts, ...figure }) => ({
      date: facts.map((f) => f.fact.refDate).filter((d): d is string => !!d).sort()[0]
        ?? figure.sources.map((s) => s.published).filter((d): d is string => !!d).sort()[0] ?? figure.firstSeen,
      figure,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return {
    rounds: view.rounds, current: view.current, conflicts: view.conflicts, series,
    metrics: [...new Set(view.facts.map((f) => f.fact.metric))],
    links: linkFacts(view.facts.map((f) => f.fact)),
  };
}

/** Newest first as factLinks orders them; equal dates keep the facts' order. */
const newestFirst = (a: { f: Fact }, b: { f: Fact }): number => (b.f.published ?? '').localeCompare(a.f.published ?? '');

function linkFacts(facts: Fact[]): LinkFact[] {
  const indexed = facts.map((f, i) => ({ f, i })).filter(({ f }) => f.when === 'current' && f.url);
  const groups = new Map<string, { f: Fact; i: number }[]>();
  for (const x of indexed) {
    for (const k of [`${x.f.metric}\u0000*`, `${x.f.metric}\u0000${x.f.roundId ?? ''}`]) {
      const g = groups.get(k);
      if (g) g.push(x); else groups.set(k, [x]);
    }
  }
  const keep = new Set<number>();
  for (const g of groups.values()) {
    const seen = new Set<string>();
    for (const x of [...g].sort(newestFirst)) {
      if (seen.has(x.f.url!)) continue;
      seen.add(x.f.url!);
      keep.add(x.i);
      if (seen.size >= LINKS_PER_ANSWER) break;
    }
  }
  return [...keep].sort((a, b) => a - b).map((i) => {
    const { metric, when, roundId, source, url, published } = facts[i];
    return { metric, when, ...(roundId ? { roundId } : {}), source, url, published: published ?? null };
  });
}

let rules: string | null = null;

/**
 * The code a summary was worked out by: a hash of the rounds stage's modules and of the facts rules
 * they ask (the source or the build next to this module). A summary made by other code is not read,
 * so a changed rule applies to everything already known without anyone remembering to say so. Where
 * the modules cannot be read, a summary holds for this process only.
 */
export function rulesFingerprint(): string {
  if (rules) return rules;
  try {
    const h = createHash('sha1');
    for (const dir of ['rounds', 'facts']) {
      const base = join(__dirname, '..', dir);
      for (const f of readdirSync(base).filter((x) => /\.(ts|js)$/.test(x)).sort()) h.update(f).update(readFileSync(join(base, f)));
    }
    rules = h.digest('hex').slice(0, 16);
  } catch {
    rules = `process ${randomUUID()}`;
  }
  return rules;
}
