// Articles that report the same funding event, grouped.
//
// An article takes part in an event for a company when it states a current round size or valuation
// for it (facts with when = 'current'); an article that only mentions the company, or only past
// figures, is no event. Two such reports are one event when they are about the same company, were
// published within 21 days of each other, and their figures agree:
// - a round named on both sides must be the same round ("Series B" and "Series C" are two events);
// - otherwise a shared round name, or a round size or a valuation on which they agree within 15%
//   (sources round and restate: "$2 billion", "nearly $2B", "about $2.1bn"), makes them one;
// - reports whose round sizes are all far apart are two events.
// Reports are taken in order of publication, each joining the first event it agrees with, so the
// grouping does not depend on the order the feeds came in.
import type { Article, Fact, FundingEvent, Money } from '../types';
import { stableHash } from './identity';

export const EVENT_WINDOW_DAYS = 21;
/** How far apart two figures may be and still be one figure reported twice, as a share of the larger. */
export const FIGURE_TOLERANCE = 0.15;

interface Report {
  articleId: string;
  company: string;
  key: string;
  time: number;
  roundSizes: Range[];
  valuations: Range[];
  rounds: Set<string>;
}

interface Range {
  low: number;
  high: number;
}

interface Group {
  company: string;
  key: string;
  reports: Report[];
  first: number;
  last: number;
  /** Of all its reports, kept up as reports join: a company's every new report is checked against each
   *  of its groups, and gathering these afresh each time grew with the square of its coverage. */
  rounds: Set<string>;
  roundSizes: Range[];
  valuations: Range[];
}

const companyKey = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
const roundKey = (s: string): string => s.toLowerCase().replace(/\bround\b/g, '').replace(/[^a-z0-9]+/g, ' ').trim();

/** The range of USD values an amount's wording allows; null when it has no USD value. An open top
 *  ("beyond $20B") is read as the figure itself: it agrees with $20B, not with any larger sum. */
function rangeOf(m: Money | undefined): Range | null {
  if (!m || m.usd === null || !Number.isFinite(m.usd) || m.usd <= 0) return null;
  const rate = m.value ? m.usd / m.value : 1;
  const low = m.low !== null && Number.isFinite(m.low) ? m.low * rate : m.usd;
  const high = m.high !== null && Number.isFinite(m.high) ? m.high * rate : m.usd;
  return { low: Math.min(low, m.usd), high: Math.max(high, m.usd) };
}

const agree = (a: Range, b: Range): boolean => {
  const lo = Math.max(a.low, b.low);
  const hi = Math.min(a.high, b.high);
  if (lo <= hi) return true;
  return lo - hi <= FIGURE_TOLERANCE * lo;
};
const anyAgree = (as: Range[], bs: Range[]): boolean => as.some((a) => bs.some((b) => agree(a, b)));

function sameEvent(g: Group, r: Report): boolean {
  if (g.key !== r.key) return false;
  if (!Number.isNaN(r.time) && !Number.isNaN(g.first) && (r.time - g.first > EVENT_WINDOW_DAYS * 86_400_000 || g.last - r.time > EVENT_WINDOW_DAYS * 86_400_000)) {
    return false;
  }
  if (g.rounds.size && r.rounds.size) return [...r.rounds].some((x) => g.rounds.has(x));
  if (anyAgree(g.roundSizes, r.roundSizes) || anyAgree(g.valuations, r.valuations)) return true;
  return false;
}

function join(g: Group, r: Report): void {
  g.reports.push(r);
  for (const x of r.rounds) g.rounds.add(x);
  g.roundSizes.push(...r.roundSizes);
  g.valuations.push(...r.valuations);
}

export function groupEvents(articles: Article[], facts: Fact[]): FundingEvent[] {
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const reports = new Map<string, Report>();
  // Companies recur fact after fact; their keys are worked out once each.
  const keys = new Map<string, string>();
  for (const f of facts) {
    if (f.when !== 'current' || (f.metric !== 'round_size' && f.metric !== 'valuation')) continue;
    const range = rangeOf(f.amount);
    if (!range) continue;
    let key = keys.get(f.company);
    if (key === undefined) keys.set(f.company, (key = companyKey(f.company)));
    if (!key) continue;
    const id = `${f.articleId}\u0000${key}`;
    let r = reports.get(id);
    if (!r) {
      const a = articleById.get(f.articleId);
      const t = Date.parse(a?.published ?? f.published ?? '');
      r = { articleId: f.articleId, company: f.company, key, time: Number.isFinite(t) ? t : NaN, roundSizes: [], valuations: [], rounds: new Set() };
      reports.set(id, r);
    }
    (f.metric === 'round_size' ? r.roundSizes : r.valuations).push(range);
    if (f.round && roundKey(f.round)) r.rounds.add(roundKey(f.round));
  }

  const ordered = [...reports.values()].sort((x, y) => {
    const tx = Number.isNaN(x.time) ? Infinity : x.time;
    const ty = Number.isNaN(y.time) ? Infinity : y.time;
    return tx - ty || (x.key < y.key ? -1 : x.key > y.key ? 1 : x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0);
  });
  const groups: Group[] = [];
  const byCompany = new Map<string, Group[]>();
  for (const r of ordered) {
    const mine = byCompany.get(r.key) ?? [];
    byCompany.set(r.key, mine);
    const g = mine.find((x) => sameEvent(x, r));
    if (g) {
      join(g, r);
      if (!Number.isNaN(r.time)) {
        g.first = Number.isNaN(g.first) ? r.time : Math.min(g.first, r.time);
        g.last = Number.isNaN(g.last) ? r.time : Math.max(g.last, r.time);
      }
    } else {
      const fresh: Group = { company: r.company, key: r.key, reports: [], first: r.time, last: r.time, rounds: new Set(), roundSizes: [], valuations: [] };
      join(fresh, r);
      groups.push(fresh);
      mine.push(fresh);
    }
  }

  return groups.map((g) => {
    const first = g.reports[0];
    const headline = articleById.get(first.articleId)?.title ?? '';
    return {
      // The first report names the event: later reports joining it leave the id as it was.
      id: stableHash('event', g.key, first.articleId),
      company: g.company,
      articleIds: [...new Set(g.reports.map((r) => r.articleId))],
      headline,
      published: Number.isNaN(g.first) ? null : new Date(g.first).toISOString(),
    };
  });
}
