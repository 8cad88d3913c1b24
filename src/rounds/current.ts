// What a careful analyst answers today. Valuation, round size, lead and other investors: the newest
// closed round that gives one, with a newer round still in talks reported beside it, never instead (a
// company with only talks so far is answered from the talks, which the answer's `talks` marks).
// Total raised, revenue and cash: the newest claims, read as a time series of the company's own figures.
import type { Conflict, CurrentAnswer, Fact, Metric, Round, RoundFigure } from '../types';
import { DAY_MS, dayOf, formatDay, precisionOf } from './dates';
import { agreeingGroups, bestAmount, describing } from './consensus';

export const COMPANY_METRICS = ['total_raised', 'revenue', 'cash_reserves'] as const;

/** Company-level claims of one metric made within the same weeks. */
export interface SeriesWindow {
  metric: Metric;
  firstDay: number;
  lastDay: number;
  facts: Fact[];
}

/** The day a company-level claim speaks of: the date its text gives, else its article's. */
function claimDay(f: Fact, nowDay: number): number {
  const text = dayOf(f.refDate);
  const published = dayOf(f.published) ?? nowDay;
  return text !== null && text <= published ? text : published;
}

/** A company-level claim is a point of the series when it is current, or when its text dates an earlier
 *  figure ("passed $20 billion at the end of last year"): that is still the newest known figure when no
 *  later one is given. An undated earlier figure has no place in the series. Only current claims are
 *  compared for conflicts (findConflicts skips the rest): a past figure never conflicts with a current one. */
const inSeries = (f: Fact): boolean => f.when === 'current' || dayOf(f.refDate) !== null;

/** Each company-level metric's claims, cut into windows of claims made within `windowDays`. */
export function companyLevelSeries(facts: Fact[], windowDays: number, now: Date): SeriesWindow[] {
  const nowDay = Math.floor(now.getTime() / DAY_MS);
  const out: SeriesWindow[] = [];
  for (const metric of COMPANY_METRICS) {
    const claims = facts.filter((f) => f.metric === metric && f.amount && inSeries(f))
      .map((f) => ({ f, day: claimDay(f, nowDay) })).sort((a, b) => a.day - b.day);
    let win: SeriesWindow | null = null;
    for (const c of claims) {
      if (!win || c.day - win.lastDay > windowDays) out.push((win = { metric, firstDay: c.day, lastDay: c.day, facts: [] }));
      win.facts.push(c.f);
      win.lastDay = c.day;
    }
  }
  return out;
}

export function currentAnswers(company: string, rounds: Round[], series: SeriesWindow[], conflicts: Conflict[]): CurrentAnswer[] {
  const newestFirst = [...rounds].sort((a, b) => (dayOf(b.date) ?? 0) - (dayOf(a.date) ?? 0));
  const out: CurrentAnswer[] = [];
  const money = (metric: 'valuation' | 'round_size', pick: (r: Round) => RoundFigure | null): void => {
    const closed = newestFirst.find((r) => r.status === 'closed' && pick(r));
    const talks = newestFirst.find((r) => r.status === 'talks' && pick(r) && (!closed || (dayOf(r.date) ?? 0) > (dayOf(closed.date) ?? 0)));
    const main = closed ?? talks;
    if (!main) return;
    const fig = pick(main)!;
    const answer: CurrentAnswer = { company, metric, amount: fig.amount, asOf: main.date, roundId: main.id, sources: fig.sources, disputed: fig.disputed };
    if (fig.basis) answer.basis = fig.basis;
    if (talks) {
      const t = pick(talks)!;
      answer.talks = { roundId: talks.id, amount: t.amount, asOf: talks.date, sources: t.sources };
      if (t.basis) answer.talks.basis = t.basis;
    }
    out.push(answer);
  };
  money('valuation', (r) => r.valuation);
  money('round_size', (r) => r.round_size);

  const leadRound = newestFirst.find((r) => r.status === 'closed' && r.lead_investors.length) ?? newestFirst.find((r) => r.lead_investors.length);
  if (leadRound) {
    const disputed = conflicts.some((c) => c.roundId === leadRound.id && c.metric === 'lead_investor');
    out.push({
      company, metric: 'lead_investor', names: leadRound.lead_investors.map((l) => l.name), asOf: leadRound.date,
      roundId: leadRound.id, sources: leadRound.lead_sources, disputed,
    });
  }
  const othersRound = newestFirst.find((r) => r.status === 'closed' && r.investors.length) ?? newestFirst.find((r) => r.investors.length);
  if (othersRound) {
    out.push({ company, metric: 'investor', names: othersRound.investors, asOf: othersRound.date, roundId: othersRound.id, sources: othersRound.articleIds.length, disputed: false });
  }

  for (const metric of COMPANY_METRICS) {
    const latest = series.filter((s) => s.metric === metric).sort((a, b) => b.lastDay - a.lastDay)[0];
    if (!latest) continue;
    const top = agreeingGroups(describing(latest.facts))[0];
    const days = top.map((f) => dayOf(f.refDate) ?? dayOf(f.published) ?? latest.lastDay);
    const at = days.reduce((best, d, i) => (d > days[best] ? i : best), 0);
    const newestFact = top[at];
    const asOf = newestFact.refDate && precisionOf(newestFact.refDate) !== 'day' ? newestFact.refDate : formatDay(days[at]);
    const disputed = conflicts.some((c) => c.metric === metric && !c.roundId && c.date === formatDay(latest.firstDay, 'month'));
    out.push({ company, metric, amount: bestAmount(top), asOf, sources: new Set(top.map((f) => f.articleId)).size, disputed });
  }
  return out;
}
