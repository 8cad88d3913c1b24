// Facts to figures: agreeing claims on one company and metric merged into one figure with every
// source behind it. Whether two claims agree is facts/conflicts.ts's decision; this module only asks.
import type { Conflict, Fact, Money } from '../types';
import type { FigureSource, LedgerFigure } from '../digest/types';
import { findConflicts } from '../facts/conflicts';

/** A fact as the ledger holds it: when it was first seen, and whether it came in as a feed's backlog. */
export interface StoredFact {
  key: string;
  fact: Fact;
  /** ISO-8601: the poll that first read it. */
  firstSeen: string;
  /** Read from a feed's existing items when the feed was added: known, but never news. */
  backfill: boolean;
  /**
   * ISO-8601: when the publisher changed the article and this claim was no longer in it. A
   * superseded claim is history: it neither forms figures nor disagrees with its own correction.
   */
  supersededAt?: string;
}

/** A figure with the stored facts behind it (the digest needs their first-seen times). */
export interface Figure extends LedgerFigure {
  facts: StoredFact[];
}

/** Two claims agree when the conflict rule finds nothing between them. */
export function agree(a: Fact, b: Fact): boolean {
  if (a.metric === 'lead_investor' || a.metric === 'investor') return normName(a.name) === normName(b.name);
  return findConflicts([a, b]).length === 0;
}

const normName = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const normRound = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Merges facts into figures. Facts are only merged within one metric, tense (current/past), status
 * (reported/talks) and basis, and never across two named rounds; within those, a fact joins the
 * first figure all of whose facts it agrees with.
 */
export function mergeFigures(facts: StoredFact[]): Figure[] {
  const sorted = [...facts].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.key.localeCompare(b.key));
  const groups = new Map<string, StoredFact[][]>();
  for (const sf of sorted) {
    const f = sf.fact;
    const gk = [f.company.toLowerCase(), f.metric, f.when, f.status, f.basis ?? ''].join('\u0000');
    const clusters = groups.get(gk) ?? [];
    const home = clusters.find((c) => {
      const round = c.map((x) => normRound(x.fact.round)).find(Boolean) ?? '';
      if (round && f.round && normRound(f.round) !== round) return false;
      return c.every((x) => agree(x.fact, f));
    });
    if (home) home.push(sf);
    else clusters.push([sf]);
    groups.set(gk, clusters);
  }
  return [...groups.values()].flat().map(toFigure);
}

function toFigure(cluster: StoredFact[]): Figure {
  const first = cluster[0].fact;
  const bySource = new Map<string, FigureSource>();
  for (const { fact } of cluster) {
    if (!bySource.has(fact.articleId)) {
      bySource.set(fact.articleId, { source: fact.source, url: fact.url, articleId: fact.articleId, quote: fact.quote, published: fact.published ?? null });
    }
  }
  const round = cluster.map((x) => x.fact.round).find(Boolean);
  return {
    company: first.company,
    metric: first.metric,
    ...(first.amount ? { amount: mergeAmounts(cluster.map((x) => x.fact.amount).filter((m): m is Money => !!m)) } : {}),
    ...(first.name ? { name: first.name } : {}),
    ...(first.basis ? { basis: first.basis } : {}),
    ...(round ? { round } : {}),
    when: first.when,
    status: first.status,
    sources: [...bySource.values()],
    firstSeen: cluster.map((x) => x.firstSeen).sort()[0],
    facts: cluster,
  };
}

/** The first amount, its range widened to cover every agreeing amount in the same currency. */
function mergeAmounts(amounts: Money[]): Money {
  const first = amounts[0];
  const same = amounts.filter((m) => m.currency === first.currency);
  const lows = same.map((m) => m.low ?? m.value);
  // A missing `high` is "no upper bound written"; keep it missing unless some source gave one.
  const unbounded = same.every((m) => m.high === null);
  const highs = same.map((m) => m.high ?? m.value);
  return {
    ...first,
    low: Math.min(...lows),
    high: unbounded ? null : Math.max(...highs),
    approx: same.some((m) => m.approx),
  };
}

/** The date a figure speaks for: its newest source's publication, else when we first saw it. */
export function newestDate(f: LedgerFigure): string {
  const dates = f.sources.map((s) => s.published).filter((d): d is string => !!d).sort();
  return dates.at(-1) ?? f.firstSeen;
}

/** Conflicts among a set of facts (everything known on a company), as facts/conflicts.ts judges them. */
export function conflictsAmong(facts: StoredFact[]): Conflict[] {
  return findConflicts(facts.map((f) => f.fact));
}
