// What is new on one company between two readings of its facts (before a digest's window, and at its
// end), by round: a new round, a new figure for a known round, a round closed after talks, a new
// disagreement inside a round; and new company-level figures (total raised, revenue, cash). Rounds are
// matched across the two readings by the facts they share, not by id: the rounds stage owns ids.
import { ROUND_METRICS, type Basis, type Conflict, type Fact, type Metric, type Money, type Round } from '../types';
import { investorKey, sameInvestorKey } from '../facts/conflicts';
import type { FigureSource, LedgerFigure } from '../types';
import { roundLabel, monthOf } from './round-label';
import { agree, mergeFigures, type StoredFact } from './figures';
import type { CompanyRounds } from './index';

export interface RoundNews {
  newFigures: LedgerFigure[];
  confirmed: LedgerFigure[];
  conflicts: Conflict[];
}

/** What a figure says, to tell the same figure from another: its amount and basis, or its investor
 *  (by facts/conflicts' investorKey). Both readings it compares are made now, from the stored facts:
 *  no key of it is kept, so a store written before reads alike. */
const valueKey = (f: { amount?: { value: number; currency: string }; basis?: string; name?: string }): string =>
  f.amount ? [f.amount.currency, f.amount.value, f.basis ?? ''].join(':') : `name:${investorKey(f.name ?? '')}`;

/** A round's figures as the digest lists them, each with the facts that back it. */
interface RoundFigure { value: string; figure: LedgerFigure; facts: StoredFact[] }

function figureOf(r: Round, metric: Metric, backing: StoredFact[], extra: Partial<LedgerFigure>): RoundFigure | null {
  if (!backing.length) return null;
  const bySource = new Map<string, FigureSource>();
  for (const { fact } of backing) {
    if (!bySource.has(fact.articleId)) bySource.set(fact.articleId, { source: fact.source, url: fact.url, articleId: fact.articleId, quote: fact.quote, published: fact.published ?? null });
  }
  const figure: LedgerFigure = {
    company: r.company, metric, when: 'current', status: r.status === 'talks' ? 'talks' : 'reported', round: roundLabel(r),
    sources: [...bySource.values()], firstSeen: backing.map((f) => f.firstSeen).sort()[0], ...extra,
  };
  return { value: valueKey(figure), figure, facts: backing };
}

/** Whether two investor names are one (facts/conflicts' sameInvestor), asked once per pair of names: a
 *  round's figures compare every investor it names with every investor fact of it, and the same few
 *  names come back in every fact. */
export function investorMatcher(): (a: string, b: string) => boolean {
  const keys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let k = keys.get(name);
    if (k === undefined) keys.set(name, (k = investorKey(name)));
    return k;
  };
  const pairs = new Map<string, Map<string, boolean>>();
  return (a, b) => {
    let row = pairs.get(a);
    if (!row) pairs.set(a, (row = new Map()));
    let same = row.get(b);
    if (same === undefined) row.set(b, (same = sameInvestorKey(keyOf(a), keyOf(b))));
    return same;
  };
}

/** What a fact says, without who said it and where (article, outlet, link, sentence). */
const statement = (f: Fact): string => JSON.stringify([f.company, f.metric, f.amount ?? null, f.name ?? null, f.basis ?? null, f.round ?? null,
  f.when, f.status, f.published ?? null, f.refDate ?? null, f.confidence ?? null, f.roundId ?? null]);

/**
 * Whether a fact agrees with a round's figure: `agree` with the figure as a claim of an article of its
 * own. The rule compares what claims say, not who said them, so it is asked once per statement: a
 * round's coverage repeats the same few statements in source after source.
 */
export function figureAgreement(figure: { amount: Money; basis?: Basis }): (f: Fact) => boolean {
  const held = new Map<string, boolean>();
  return (f) => {
    const k = statement(f);
    let yes = held.get(k);
    if (yes === undefined) held.set(k, (yes = agree({ ...f, ...figure, articleId: '\u0000consensus' }, f)));
    return yes;
  };
}

/** The current facts of each round, by round id. */
function factsByRound(facts: StoredFact[]): Map<string, StoredFact[]> {
  const out = new Map<string, StoredFact[]>();
  for (const f of facts) {
    if (!f.fact.roundId || f.fact.when !== 'current') continue;
    const list = out.get(f.fact.roundId);
    if (list) list.push(f); else out.set(f.fact.roundId, [f]);
  }
  return out;
}

/** `mine`: the round's current facts (see factsByRound). */
function roundFigures(r: Round, mine: StoredFact[], sameInvestor: (a: string, b: string) => boolean): RoundFigure[] {
  const out: (RoundFigure | null)[] = [];
  for (const metric of ['round_size', 'valuation'] as const) {
    const fig = r[metric];
    if (!fig) continue;
    const consensus = { amount: fig.amount, ...(fig.basis ? { basis: fig.basis } : {}) };
    const agrees = figureAgreement(consensus);
    out.push(figureOf(r, metric, mine.filter((f) => f.fact.metric === metric && f.fact.amount && agrees(f.fact)), consensus));
  }
  const investors = (metric: 'lead_investor' | 'investor', name: string): StoredFact[] =>
    mine.filter((f) => f.fact.metric === metric && !!f.fact.name && sameInvestor(f.fact.name, name));
  for (const lead of r.lead_investors) out.push(figureOf(r, 'lead_investor', investors('lead_investor', lead.name), { name: lead.name }));
  for (const name of r.investors) out.push(figureOf(r, 'investor', investors('investor', name), { name }));
  return out.filter((x): x is RoundFigure => x !== null);
}

/**
 * A company's reading before a digest's window, reduced to what comparing the window's reading with it
 * asks: which round each fact was in (to match rounds), each round's figures by what they say with the
 * sources behind them, and which disagreements there were. Its facts are not kept, so a digest that
 * works one company out after another holds one whole reading at a time, not two.
 */
export interface PriorReading {
  /** The round each fact placed in one was in, by fact key. */
  roundOf: Map<string, string>;
  rounds: Map<string, Round>;
  /** Per round id, its figures as roundFigures gives them, in that order. */
  figures: Map<string, KnownFigure[]>;
  /** The disagreements, each as disagreementKey gives it. */
  conflicts: Set<string>;
}

/** A figure of a round as far as the comparison reads it: what it says, and who said it (lower-cased). */
export interface KnownFigure { metric: Metric; value: string; sources: Set<string> }

const sourcesOf = (facts: StoredFact[]): Set<string> => new Set(facts.map((f) => f.fact.source.toLowerCase()));

const claimValues = (c: Conflict): string => c.claims.map((cl) => valueKey(cl)).sort().join('\u0000');

/** A disagreement by metric, round (as the reading it is in names it) and the values of its sides. */
const disagreementKey = (c: Conflict, roundId: string | null): string => [c.metric, roundId ?? '', claimValues(c)].join('\u0001');

export function priorReading(before: CompanyRounds): PriorReading {
  const sameInvestor = investorMatcher();
  const byRound = factsByRound(before.facts);
  const figures = new Map(before.rounds.map((r) => [r.id, roundFigures(r, byRound.get(r.id) ?? [], sameInvestor)
    .map((fig): KnownFigure => ({ metric: fig.figure.metric, value: fig.value, sources: sourcesOf(fig.facts) }))]));
  return {
    roundOf: new Map(before.facts.filter((f) => f.fact.roundId).map((f) => [f.key, f.fact.roundId!])),
    rounds: new Map(before.rounds.map((r) => [r.id, r])),
    figures,
    conflicts: new Set(before.conflicts.map((c) => disagreementKey(c, c.roundId ?? null))),
  };
}

const isReading = (x: CompanyRounds | PriorReading): x is CompanyRounds => 'facts' in x;

/** For each round after, the round before that shares most of its facts. */
export function matchRounds(before: CompanyRounds | PriorReading, after: CompanyRounds): Map<string, Round> {
  const beforeRound = isReading(before) ? new Map(before.facts.filter((f) => f.fact.roundId).map((f) => [f.key, f.fact.roundId!])) : before.roundOf;
  const byId = isReading(before) ? new Map(before.rounds.map((r) => [r.id, r])) : before.rounds;
  const votes = new Map<string, Map<string, number>>();
  for (const f of after.facts) {
    const was = beforeRound.get(f.key);
    if (!f.fact.roundId || !was) continue;
    const v = votes.get(f.fact.roundId) ?? new Map<string, number>();
    v.set(was, (v.get(was) ?? 0) + 1);
    votes.set(f.fact.roundId, v);
  }
  const out = new Map<string, Round>();
  for (const [id, v] of votes) {
    const best = [...v].sort((a, b) => b[1] - a[1])[0];
    const r = byId.get(best[0]);
    if (r) out.set(id, r);
  }
  return out;
}

/** What the comparison asks of the reading before: its figures of a round, and whether a disagreement was there. */
interface Before {
  figures(r: Round): KnownFigure[];
  /** Whether the reading had `c`'s disagreement in round `roundId` (null: outside any round). */
  had(c: Conflict, roundId: string | null): boolean;
}

/** A whole reading, asked as the comparison goes: the plain definition priorReading's reductions give. */
function wholeReading(before: CompanyRounds): Before {
  const sameInvestor = investorMatcher();
  return {
    figures: (r) => roundFigures(r, before.facts.filter((f) => f.fact.roundId === r.id && f.fact.when === 'current'), sameInvestor)
      .map((fig) => ({ metric: fig.figure.metric, value: fig.value, sources: sourcesOf(fig.facts) })),
    had: (c, roundId) => before.conflicts.some((b) => b.metric === c.metric && (b.roundId ?? null) === roundId && claimValues(b) === claimValues(c)),
  };
}

function reducedReading(prior: PriorReading): Before {
  return { figures: (r) => prior.figures.get(r.id) ?? [], had: (c, roundId) => prior.conflicts.has(disagreementKey(c, roundId)) };
}

/** What is new in `after` against `before`: a whole reading, or one reduced by priorReading (the same news). */
export function roundDigest(beforeReading: CompanyRounds | PriorReading, after: CompanyRounds, freshKeys: Set<string>): RoundNews {
  const before = isReading(beforeReading) ? wholeReading(beforeReading) : reducedReading(beforeReading);
  const news: RoundNews = { newFigures: [], confirmed: [], conflicts: [] };
  const isFresh = (f: StoredFact): boolean => freshKeys.has(f.key);
  const prior = matchRounds(beforeReading, after);
  const sameInvestor = investorMatcher();
  const afterByRound = factsByRound(after.facts);
  for (const r of after.rounds) {
    if (!after.facts.some((f) => f.fact.roundId === r.id && isFresh(f))) continue;
    const was = prior.get(r.id);
    const known = was ? before.figures(was) : [];
    for (const fig of roundFigures(r, afterByRound.get(r.id) ?? [], sameInvestor)) {
      const then = known.find((k) => k.metric === fig.figure.metric && k.value === fig.value);
      if (!then) { news.newFigures.push(fig.figure); continue; }
      if (fig.facts.some((f) => isFresh(f) && !then.sources.has(f.fact.source.toLowerCase()))) news.confirmed.push(fig.figure);
    }
    if (was?.status === 'talks' && r.status === 'closed') {
      news.newFigures.push({
        company: r.company, metric: 'round_size', name: `closed after talks reported in ${monthOf(was.date)}`, round: roundLabel(r),
        when: 'current', status: 'reported', sources: [], firstSeen: after.facts.filter((f) => f.fact.roundId === r.id && isFresh(f)).map((f) => f.firstSeen).sort()[0] ?? '',
      });
    }
  }
  // Company-level figures, and any round-level fact the stage left outside a round: merged as before.
  const loose = after.facts.filter((f) => !ROUND_METRICS.includes(f.fact.metric) || !f.fact.roundId);
  for (const { facts, ...figure } of mergeFigures(loose)) {
    const fresh = facts.filter(isFresh);
    if (!fresh.length) continue;
    const old = facts.filter((f) => !isFresh(f));
    if (!old.length) news.newFigures.push(figure);
    else {
      const oldSources = new Set(old.map((f) => f.fact.source.toLowerCase()));
      if (fresh.some((f) => !oldSources.has(f.fact.source.toLowerCase()))) news.confirmed.push(figure);
    }
  }
  // A disagreement is news when a fresh fact takes part and it was not there, with the same sides, before.
  const freshArticles = new Set(after.facts.filter(isFresh).map((f) => f.fact.articleId));
  for (const c of after.conflicts) {
    if (!c.claims.some((cl) => cl.articleIds.some((id) => freshArticles.has(id)))) continue;
    // Inside a round, the same disagreement is one in the round it was matched to; a round matched to
    // none had no disagreement before.
    const wasRound = c.roundId ? prior.get(c.roundId)?.id : null;
    const same = wasRound !== undefined && before.had(c, wasRound);
    if (!same) news.conflicts.push(c);
  }
  return news;
}
