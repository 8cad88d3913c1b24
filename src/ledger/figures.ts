// Facts to figures: agreeing claims on one company and metric merged into one figure with every
// source behind it. Whether two claims agree is facts/conflicts.ts's decision; this module only asks.
import type { Fact, Money } from '../types';
import type { FigureSource, LedgerFigure } from '../types';
import { findConflicts, investorKey, sameInvestor, sameInvestorKey, widenedRange } from '../facts/conflicts';
import { roundKey } from '../facts/rounds';

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

/** A figure, with the stored facts behind it when it was merged from them (not when read from a summary). */
export interface Figure extends LedgerFigure {
  facts?: StoredFact[];
}

/** A figure merged from facts: the facts behind it always there. */
export interface MergedFigure extends LedgerFigure {
  facts: StoredFact[];
}

/** Two claims agree when the conflict rule finds nothing between them; two investors, when facts/conflicts takes them for one. */
export function agree(a: Fact, b: Fact): boolean {
  if (a.metric === 'lead_investor' || a.metric === 'investor') return sameInvestor(a.name ?? '', b.name ?? '');
  return findConflicts([a, b]).length === 0;
}
const normRound = (s: string | undefined): string => (s ? roundKey(s) : '');

/** Widened ranges of a cluster's members per unit and round key: the two highest lows and two lowest
 *  highs, each from a different article, which is all a newcomer's agreement with every member needs
 *  (one article never contradicts itself; rounds told apart by name are not compared). */
interface Bound { v: number; article: string | null; v2: number }
interface RangeAgg { lo: Bound; hi: Bound }

/** A cluster being built: its facts and what deciding a newcomer's agreement needs, kept as it grows. */
class Cluster {
  readonly facts: StoredFact[] = [];
  round = '';
  /** Investor metrics: the investor keys of the names held (facts/conflicts' investorKey). */
  private readonly names = new Set<string>();
  private readonly aggs = new Map<string, RangeAgg>();

  /** Whether `f` agrees with every fact held, as `agree` would answer pair by pair. */
  accepts(f: Fact): boolean {
    if (f.metric === 'lead_investor' || f.metric === 'investor') {
      const k = investorKey(f.name ?? '');
      for (const n of this.names) if (!sameInvestorKey(n, k)) return false;
      return true;
    }
    if (f.when !== 'current' || !f.amount) return true;
    const r = widenedRange(f.amount);
    if (!r) return true;
    const rk = f.round ? roundKey(f.round) : null;
    for (const [k, agg] of this.aggs) {
      const sep = k.indexOf('\u0000');
      if (k.slice(0, sep) !== r.unit) continue;
      const xrk = k.slice(sep + 1);
      if (rk !== null && xrk !== '' && xrk !== rk) continue;
      const maxLow = agg.lo.article !== f.articleId ? agg.lo.v : agg.lo.v2;
      const minHigh = agg.hi.article !== f.articleId ? agg.hi.v : agg.hi.v2;
      if (maxLow > r.high || r.low > minHigh) return false;
    }
    return true;
  }

  add(sf: StoredFact): void {
    const f = sf.fact;
    if (f.metric === 'lead_investor' || f.metric === 'investor') this.names.add(investorKey(f.name ?? ''));
    this.facts.push(sf);
    if (!this.round && f.round) this.round = normRound(f.round);
    if (f.when !== 'current' || !f.amount || f.metric === 'lead_investor' || f.metric === 'investor') return;
    const r = widenedRange(f.amount);
    if (!r) return;
    const k = `${r.unit}\u0000${f.round ? roundKey(f.round) : ''}`;
    let agg = this.aggs.get(k);
    if (!agg) this.aggs.set(k, (agg = { lo: { v: -Infinity, article: null, v2: -Infinity }, hi: { v: Infinity, article: null, v2: Infinity } }));
    bump(agg.lo, -r.low, f.articleId, -1);
    bump(agg.hi, r.high, f.articleId, 1);
  }
}

/** Keeps the best and second best (from another article) bound; `sign` -1 keeps maxima, 1 minima. */
function bump(b: Bound, raw: number, article: string, sign: 1 | -1): void {
  const v = sign === -1 ? -raw : raw;
  const better = (x: number, y: number): boolean => (sign === -1 ? x > y : x < y);
  if (b.article === article) {
    if (better(v, b.v)) b.v = v;
  } else if (b.article === null || better(v, b.v)) {
    if (b.article !== null) b.v2 = b.v;
    b.v = v;
    b.article = article;
  } else if (better(v, b.v2)) b.v2 = v;
}

/**
 * Merges facts into figures. Facts are only merged within one metric, tense (current/past), status
 * (reported/talks) and basis, and never across two named rounds; within those, a fact joins the
 * first figure all of whose facts it agrees with. Each cluster keeps the bounds of its members'
 * ranges, so a newcomer is checked against a cluster at once, not against each of its facts.
 */
export function mergeFigures(facts: StoredFact[]): MergedFigure[] {
  const sorted = [...facts].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.key.localeCompare(b.key));
  const groups = new Map<string, Cluster[]>();
  for (const sf of sorted) {
    const f = sf.fact;
    const gk = [f.company.toLowerCase(), f.metric, f.when, f.status, f.basis ?? ''].join('\u0000');
    let clusters = groups.get(gk);
    if (!clusters) groups.set(gk, (clusters = []));
    const round = f.round ? normRound(f.round) : '';
    let home = clusters.find((c) => !(c.round && round && round !== c.round) && c.accepts(f));
    if (!home) clusters.push((home = new Cluster()));
    home.add(sf);
  }
  return [...groups.values()].flat().map((c) => toFigure(c.facts));
}

function toFigure(cluster: StoredFact[]): MergedFigure {
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
