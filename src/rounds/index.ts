// Funding rounds: the unit of truth. Facts on round size, valuation and investors are grouped into the
// rounds they speak of (group.ts); company-level figures (total raised, revenue, cash) are a time series;
// conflicts are looked for only inside one round, or for company-level figures inside the same weeks;
// and the current answer is the newest closed round's consensus (current.ts). Pure: facts in, rounds
// out. `scan`, the ledger, the commands and the digest all ask this module.
import { createHash } from 'node:crypto';
import type { Conflict, CurrentAnswer, Fact, Round, RoundFigure } from '../types';
import { METRICS, ROUND_METRICS } from '../types';
import { findConflicts, moneyAgrees } from '../facts/conflicts';
import { roundKey } from '../facts/rounds';
import { companyKey } from '../facts/companies';
import { formatDay } from './dates';
import { groupRounds, type GroupedRound } from './group';
import { agreeingGroups, describing, leads, moneyFigure, otherInvestors, ownReadings } from './consensus';
import { companyLevelSeries, currentAnswers } from './current';

export { DAY_MS, dayOf } from './dates';

export interface RoundOptions {
  /** Reference time: what is current as of when. */
  now: Date;
  /** Reports of one company published within this many days, naming no different rounds, are one round. */
  windowDays?: number;
  /** Company-level claims this close together speak of the same weeks and may disagree. */
  companyWindowDays?: number;
}

export interface RoundAnalysis {
  /** The facts given, in order, each round-level one placed in a round carrying its `roundId`. */
  facts: Fact[];
  /** Oldest first, per company. */
  rounds: Round[];
  current: CurrentAnswer[];
  conflicts: Conflict[];
  /** Per round, the articles that reported it as news (not in passing, not as an earlier round), in
   *  order of publication: what `events` lists. */
  coverage: Map<string, string[]>;
}

export const DEFAULT_ROUND_WINDOW_DAYS = 45;
export const DEFAULT_COMPANY_WINDOW_DAYS = 30;

export function analyseRounds(facts: Fact[], opts: RoundOptions): RoundAnalysis {
  const windowDays = opts.windowDays ?? DEFAULT_ROUND_WINDOW_DAYS;
  const companyWindow = opts.companyWindowDays ?? DEFAULT_COMPANY_WINDOW_DAYS;
  const byCompany = new Map<string, Fact[]>();
  for (const f of facts) {
    const k = companyKey(f.company);
    const list = byCompany.get(k);
    if (list) list.push(f); else byCompany.set(k, [f]);
  }
  const roundOf = new Map<Fact, string>();
  const rounds: Round[] = [];
  const current: CurrentAnswer[] = [];
  const conflicts: Conflict[] = [];
  const coverage = new Map<string, string[]>();
  for (const [key, list] of byCompany) {
    const company = list[0].company;
    const grouping = groupRounds(list.filter((f) => ROUND_METRICS.includes(f.metric)), windowDays, opts.now);
    const own: Round[] = [];
    for (const g of grouping.rounds.filter(datable)) {
      const members = g.reports.flatMap((r) => r.facts);
      const id = roundId(key, g);
      for (const f of members) roundOf.set(f, id);
      const news = g.reports.filter((r) => !r.late && !r.past).sort((a, b) => a.day - b.day).map((r) => r.articleId);
      if (news.length) coverage.set(id, [...new Set(news)]);
      // Once a round has closed, what was said while it was in talks is settled by what closed: talks
      // figures that drifted over the weeks of negotiation are history, not sources disagreeing.
      // Mentions long after the round (a retrospective) say it happened; the disagreements that matter are
      // among the sources that covered it.
      const covering = g.reports.filter((r) => !r.late && !r.past).flatMap((r) => r.facts);
      const compared = solid(g.closedDay !== null ? unhedged(covering).filter((f) => f.status === 'reported') : covering);
      const found = between(findConflicts(compared)).map((c) => ({ ...c, company, roundId: id, date: monthOf(g) }));
      conflicts.push(...found);
      own.push(toRound(company, id, g, members, new Set(found.map((c) => c.metric))));
    }
    rounds.push(...own);
    const series = companyLevelSeries(list, companyWindow, opts.now);
    for (const s of series) {
      for (const c of between(findConflicts(solid(s.facts)))) conflicts.push({ ...c, company, date: formatDay(s.firstDay, 'month') });
    }
    current.push(...currentAnswers(company, own, series, conflicts));
  }
  const order = (m: string): number => METRICS.indexOf(m as (typeof METRICS)[number]);
  conflicts.sort((a, b) => a.company.localeCompare(b.company) || order(a.metric) - order(b.metric) || (a.date ?? '').localeCompare(b.date ?? ''));
  current.sort((a, b) => a.company.localeCompare(b.company) || order(a.metric) - order(b.metric));
  const placed = facts.map((f) => {
    const id = roundOf.get(f);
    return id ? { ...f, roundId: id } : f;
  });
  return { facts: placed, rounds, current, conflicts, coverage };
}

/**
 * Disagreements between sources, not inside one. An article does not contradict itself: when the only
 * article behind a figure also gives another figure of the dispute ("raised $20 billion, beyond the $15
 * billion it set out to raise"), one of its two readings is a misreading, not a second source. A money
 * claim is backed when some article gives it and no other claim; a dispute needs two backed claims.
 * (Lead investors are left as they are: co-leads named by one article are one claim already.)
 */
function between(found: Conflict[]): Conflict[] {
  const out: Conflict[] = [];
  for (const c of found) {
    if (c.metric === 'lead_investor') { out.push(c); continue; }
    const backed = (claim: Conflict['claims'][number]): boolean => claim.articleIds.some((a) => !c.claims.some((o) => o !== claim && o.articleIds.includes(a)));
    if (c.claims.filter(backed).length < 2) continue;
    // Shown: the claims some article makes alone, and any given with a round's name (an article's reading
    // of the round itself, not an aside).
    const shown = c.claims.filter((claim) => backed(claim) || !!claim.round);
    out.push(shown.length === c.claims.length ? c : { ...c, claims: shown });
  }
  return out;
}

/**
 * Without the figures an article gives both as talks and as done. A headline compresses ("nears $2
 * billion raise") what the text hedges ("is finalising a roughly $2 billion round that would value
 * it ..."): an article does not say one figure is both agreed and still in negotiation, and the hedged
 * reading is the careful one. Such a figure is talks, and talks are settled by the close.
 */
function unhedged(facts: Fact[]): Fact[] {
  const talks = new Map<string, Fact[]>();
  const key = (f: Fact): string => `${f.articleId}\u0000${f.metric}`;
  for (const f of facts) {
    if (f.status !== 'talks' || !f.amount) continue;
    const list = talks.get(key(f));
    if (list) list.push(f); else talks.set(key(f), [f]);
  }
  if (talks.size === 0) return facts;
  return facts.filter((f) => f.status !== 'reported' || !f.amount
    || !(talks.get(key(f)) ?? []).some((t) => moneyAgrees(t.amount!, f.amount!) === true));
}

/**
 * A round the timeline can place: one that coverage reports, that a text names, or that a text dates at
 * least to the month. An unnamed earlier figure dated only by its year ("raised $50 million in 2023")
 * stays a fact of history: a round needs a month to stand in a timeline beside the others.
 */
function datable(g: GroupedRound): boolean {
  return g.nameKey !== null || g.reports.some((r) => !r.past || r.precision !== 'year');
}

/**
 * The facts a disagreement may rest on: a figure read from a frame that says what it is, or one that a
 * second article repeats. A lone figure given its metric only by a nearby cue word is too likely a
 * misreading to put before a reader as sources disagreeing.
 */
function solid(facts: Fact[]): Fact[] {
  const repeated = new Set<Fact>();
  const byMetric = new Map<string, Fact[]>();
  for (const f of facts) {
    if (f.confidence !== 'cue') continue;
    const list = byMetric.get(f.metric);
    if (list) list.push(f); else byMetric.set(f.metric, [f]);
  }
  for (const [metric, cues] of byMetric) {
    const same = facts.filter((f) => f.metric === metric);
    if (cues[0].amount) {
      for (const g of agreeingGroups(same)) {
        if (new Set(g.map((f) => f.articleId)).size > 1) for (const f of g) repeated.add(f);
      }
    } else {
      for (const f of cues) if (same.some((o) => o.articleId !== f.articleId && !!f.name && f.name === o.name)) repeated.add(f);
    }
  }
  return facts.filter((f) => f.confidence !== 'cue' || repeated.has(f));
}

function toRound(company: string, id: string, g: GroupedRound, members: Fact[], disputed: Set<string>): Round {
  const lead = leads(members);
  const readings = ownReadings(members, g.nameKey);
  const size = moneyFigure(readings, 'round_size', disputed.has('round_size'));
  const valuation = moneyFigure(readings, 'valuation', disputed.has('valuation'));
  return {
    id,
    company,
    name: nameOf(g, size, valuation),
    status: g.closedDay !== null ? 'closed' : 'talks',
    date: dateOf(g),
    articleIds: [...new Set([...g.reports].sort((a, b) => a.day - b.day).map((r) => r.articleId))],
    round_size: size,
    valuation: valuation,
    lead_investors: lead,
    lead_disputed: disputed.has('lead_investor'),
    lead_sources: new Set(describing(members.filter((f) => f.metric === 'lead_investor' && f.name)).map((f) => f.articleId)).size,
    investors: otherInvestors(members, lead.map((l) => l.name)),
  };
}

/** The round's name, unless only sources whose figures the others contradict give one: "$500M Series C"
 *  beside four sources' unnamed $2B names a disputed claim, not the round. */
function nameOf(g: GroupedRound, size: RoundFigure | null, valuation: RoundFigure | null): string | null {
  if (!g.nameKey) return null;
  const named = g.reports.filter((r) => r.nameKey === g.nameKey);
  // A name that comes only with investors, in a round whose figures other sources give, may be a
  // recollection misread as news ("the Series A in March, led by ..."); it names the round when a
  // named source's own figure agrees with the round's, or when nobody gives a figure.
  if (!size && !valuation) return g.name;
  const agrees = (r: (typeof named)[number]): boolean => r.facts.some((f) => {
    const fig = f.metric === 'round_size' ? size : f.metric === 'valuation' ? valuation : null;
    return !!fig && !!f.amount && moneyAgrees(fig.amount, f.amount) === true;
  });
  return named.some(agrees) ? g.name : null;
}

/** The round's date: its earliest news report's publication; for a round known only from what later
 *  articles recall ("the Series A in March"), the earliest date a text gives, at its precision. A
 *  recollection does not move a round its coverage dates: "came less than a year before" is vaguer
 *  than the day the news ran. */
function dateOf(g: GroupedRound): string {
  const news = g.reports.filter((r) => !r.past && !r.late);
  const first = (news.length ? news : g.reports).reduce((a, b) => (b.day < a.day ? b : a));
  return formatDay(first.day, first.precision);
}

/** The month a round's conflicts are dated by: the round's own date, at most to the month. */
function monthOf(g: GroupedRound): string {
  return dateOf(g).slice(0, 7);
}

/** Stable for the same coverage: the company, the round's first report and its name. */
function roundId(companyKey: string, g: GroupedRound): string {
  const first = g.reports.reduce((a, b) => (b.day < a.day || (b.day === a.day && b.articleId < a.articleId) ? b : a));
  const name = g.nameKey ?? (g.name ? roundKey(g.name) : '');
  return createHash('sha1').update([companyKey, first.articleId, String(first.day), name].join('\u0000')).digest('hex').slice(0, 16);
}

