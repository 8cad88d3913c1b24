// What is new on one company between two readings of its facts (before a digest's window, and at its
// end), by round: a new round, a new figure for a known round, a round closed after talks, a new
// disagreement inside a round; and new company-level figures (total raised, revenue, cash). Rounds are
// matched across the two readings by the facts they share, not by id: the rounds stage owns ids.
import { ROUND_METRICS, type Conflict, type Metric, type Round } from '../types';
import { investorKey, sameInvestor } from '../facts/conflicts';
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

function roundFigures(r: Round, facts: StoredFact[]): RoundFigure[] {
  const mine = facts.filter((f) => f.fact.roundId === r.id && f.fact.when === 'current');
  const out: (RoundFigure | null)[] = [];
  for (const metric of ['round_size', 'valuation'] as const) {
    const fig = r[metric];
    if (!fig) continue;
    const consensus = { amount: fig.amount, ...(fig.basis ? { basis: fig.basis } : {}) };
    const backing = mine.filter((f) => f.fact.metric === metric && f.fact.amount && agree({ ...f.fact, ...consensus, articleId: '\u0000consensus' }, f.fact));
    out.push(figureOf(r, metric, backing, consensus));
  }
  for (const lead of r.lead_investors) {
    out.push(figureOf(r, 'lead_investor', mine.filter((f) => f.fact.metric === 'lead_investor' && !!f.fact.name && sameInvestor(f.fact.name, lead.name)), { name: lead.name }));
  }
  for (const name of r.investors) {
    out.push(figureOf(r, 'investor', mine.filter((f) => f.fact.metric === 'investor' && !!f.fact.name && sameInvestor(f.fact.name, name)), { name }));
  }
  return out.filter((x): x is RoundFigure => x !== null);
}

/** For each round after, the round before that shares most of its facts. */
export function matchRounds(before: CompanyRounds, after: CompanyRounds): Map<string, Round> {
  const beforeRound = new Map(before.facts.filter((f) => f.fact.roundId).map((f) => [f.key, f.fact.roundId!]));
  const byId = new Map(before.rounds.map((r) => [r.id, r]));
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

const claimValues = (c: Conflict): string => c.claims.map((cl) => valueKey(cl)).sort().join('\u0000');

export function roundDigest(before: CompanyRounds, after: CompanyRounds, freshKeys: Set<string>): RoundNews {
  const news: RoundNews = { newFigures: [], confirmed: [], conflicts: [] };
  const isFresh = (f: StoredFact): boolean => freshKeys.has(f.key);
  const prior = matchRounds(before, after);
  for (const r of after.rounds) {
    if (!after.facts.some((f) => f.fact.roundId === r.id && isFresh(f))) continue;
    const was = prior.get(r.id);
    const known = was ? roundFigures(was, before.facts) : [];
    for (const fig of roundFigures(r, after.facts)) {
      const then = known.find((k) => k.figure.metric === fig.figure.metric && k.value === fig.value);
      if (!then) { news.newFigures.push(fig.figure); continue; }
      const oldSources = new Set(then.facts.map((f) => f.fact.source.toLowerCase()));
      if (fig.facts.some((f) => isFresh(f) && !oldSources.has(f.fact.source.toLowerCase()))) news.confirmed.push(fig.figure);
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
    const wasRound = c.roundId ? prior.get(c.roundId)?.id : undefined;
    const same = before.conflicts.some((b) => b.metric === c.metric && (b.roundId ?? null) === (wasRound ?? (c.roundId ? '\u0000none' : null)) && claimValues(b) === claimValues(c));
    if (!same) news.conflicts.push(c);
  }
  return news;
}
