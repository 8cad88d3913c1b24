// Which round each fact speaks of. An article's round-level facts (round size, valuation, investors)
// become reports: its current facts are one report of the round it covers (one per round it names), and
// each earlier round it names or dates ("its Series B in July", "up from $4.3B last November") is a
// report of its own, dated by the text (talks an article recalls beside the close it reports are that
// close's). Reports are then taken oldest first, and each joins a round:
// - the round of the same name, whenever it was reported;
// - else, for a report without a name whose figures contradict the nearest round, an earlier round whose
//   figures it restates (a history piece weeks after a round recalls older ones);
// - else the nearest round reported within the window that names no other round, preferring one whose
//   figures it gives, and never one its own article recalls as earlier ("after a round at $14B");
// - else, for a report without a name, an earlier round whose figures it restates (a valuation quoted
//   again months later is the same round, not a new one);
// - else it starts a round, if it says enough to be one (a size, a valuation or a lead).
// A round reported in talks that later closes is one round; talks heard well after a round closed are
// the next round.
import type { Fact, Money, RoundStatus } from '../types';
import { roundKey } from '../facts/rounds';
import { investorKey, moneyAgrees, sameInvestorKey } from '../facts/conflicts';
import { FigureTally } from './consensus';
import { DAY_MS, dayOf, precisionOf, type Precision } from './dates';


/** Talks heard this long after a round first closed are another round, not late coverage of that one. */
const TALKS_AFTER_CLOSE_DAYS = 14;

export interface Report {
  articleId: string;
  day: number;
  /** The article's publication in ms (0 when unknown) and its link: what orders reports of one day. */
  time: number;
  link: string;
  precision: Precision;
  name: string | null;
  nameKey: string | null;
  status: RoundStatus;
  /** Every fact in it is an earlier figure. */
  past: boolean;
  /** Joined its round (by name or by restating it) long after the round's own coverage: a mention in
   *  passing, which says the round happened but is not a source reporting it at the time. */
  late: boolean;
  facts: Fact[];
}

export interface GroupedRound {
  company: string;
  reports: Report[];
  name: string | null;
  nameKey: string | null;
  /** First closed report's day, if any. */
  closedDay: number | null;
  /** The earliest day of any of its reports. */
  first: number;
  /** The latest day of its news (not late, not recalled): what a later report is late against. */
  newsDay: number | null;
  /** Its consensus figures by metric and basis, kept as reports join: asked once per report placed. */
  figures: Map<string, FigureTally>;
  /** The days of its reports that are not late, sorted, by how precisely each date is known: what finds
   *  its report nearest a new one without reading them all. */
  days: Record<Precision, number[]>;
}

export interface Grouping {
  rounds: GroupedRound[];
  /** Round-level facts that speak of no round the coverage shows (an undated earlier figure). */
  unplaced: Fact[];
}

/** One company's round-level facts, grouped into rounds (oldest first). News shapes the rounds; what
 *  articles recall of earlier rounds is placed after, so that a misdated recollection cannot split or
 *  swallow a round its coverage shows. */
export function groupRounds(facts: Fact[], windowDays: number, now: Date): Grouping {
  const nowDay = Math.floor(now.getTime() / DAY_MS);
  const { reports, floating } = toReports(facts, nowDay, windowDays);
  // Ties broken by what the articles say of themselves (their time, then their link), never by their ids,
  // which depend on how a feed was named: the same coverage must give the same rounds.
  const order = (a: Report, b: Report): number => a.day - b.day || a.time - b.time || a.link.localeCompare(b.link) || a.articleId.localeCompare(b.articleId);
  const rounds: GroupedRound[] = [];
  const unplaced: Fact[] = [];
  const past = reports.filter((x) => x.past);
  // Recollections that name their round go first, so that an unnamed one of the same month finds it.
  const recalled = [...past.filter((x) => x.nameKey !== null).sort(order), ...past.filter((x) => x.nameKey === null).sort(order)];
  const earlierOf = new Map<string, Fact[]>();
  for (const x of [...past, ...floating]) {
    const list = earlierOf.get(x.articleId);
    if (list) list.push(...x.facts); else earlierOf.set(x.articleId, [...x.facts]);
  }
  for (const r of [...reports.filter((x) => !x.past).sort(order), ...recalled]) {
    const nearest = nearestInWindow(rounds, r, windowDays);
    const near = nearest && !r.past && recalledAsEarlier(nearest, r, earlierOf.get(r.articleId) ?? []) ? undefined : nearest;
    const round = (r.nameKey !== null ? rounds.find((g) => g.nameKey === r.nameKey) : undefined)
      ?? (near && r.nameKey === null && contradicts(near, r) ? restated(rounds.filter((g) => g !== near), r) : undefined)
      ?? (near && !otherRoundOfSameArticle(near, r) ? near : undefined)
      ?? (r.nameKey === null ? restated(rounds, r) : undefined);
    if (round) join(round, r, windowDays);
    else if (startsRound(r)) rounds.push(join({ company: r.facts[0].company, reports: [], name: null, nameKey: null, closedDay: null, first: Infinity, newsDay: null, figures: new Map(), days: { day: [], month: [], year: [] } }, r, windowDays));
    else unplaced.push(...r.facts);
  }
  mergeTalksIntoClose(rounds);
  // An earlier figure with no date or name belongs to a round only when it restates that round's figure.
  // Each is matched against the rounds as the coverage made them, then all are placed: an undated
  // recollection neither moves a round's consensus nor what the next one is compared with.
  const placements = floating.map((r) => ({ r, round: restated(rounds.filter((g) => firstDay(g) < r.day), r) }));
  for (const { r, round } of placements) {
    if (round) join(round, r, windowDays); else unplaced.push(...r.facts);
  }
  rounds.sort((a, b) => firstDay(a) - firstDay(b));
  return { rounds, unplaced };
}

/** Talks can run for months before a close is reported: a round heard of only in talks is the round that
 *  closes next, within this many days, when neither names a round the other does not. */
const TALKS_TO_CLOSE_DAYS = 120;

function mergeTalksIntoClose(rounds: GroupedRound[]): void {
  rounds.sort((a, b) => firstDay(a) - firstDay(b));
  for (let i = 0; i < rounds.length; i++) {
    const t = rounds[i];
    if (t.closedDay !== null) continue;
    const last = t.reports.reduce((m, r) => Math.max(m, r.day), -Infinity);
    const next = rounds.slice(i + 1).find((g) => g.closedDay !== null);
    if (!next || firstDay(next) - last > TALKS_TO_CLOSE_DAYS) continue;
    if (t.nameKey !== null && next.nameKey !== null && t.nameKey !== next.nameKey) continue;
    // Nothing else closed in between: the next close is where these talks went.
    for (const r of t.reports) { next.reports.push(r); tally(next, r); if (!r.late) placeDay(next, r); }
    next.first = Math.min(next.first, t.first);
    if (t.newsDay !== null && (next.newsDay === null || t.newsDay > next.newsDay)) next.newsDay = t.newsDay;
    if (next.nameKey === null && t.nameKey !== null) { next.name = t.name; next.nameKey = t.nameKey; }
    rounds.splice(i, 1);
    i--;
  }
}

export function firstDay(g: GroupedRound): number {
  return g.first;
}

function join(g: GroupedRound, r: Report, windowDays: number): GroupedRound {
  // Late against the round's news; a recollection is never news, and never late.
  r.late = !r.past && g.newsDay !== null && r.day - g.newsDay > windowDays;
  g.reports.push(r);
  tally(g, r);
  if (r.day < g.first) g.first = r.day;
  if (!r.past && !r.late && (g.newsDay === null || r.day > g.newsDay)) g.newsDay = r.day;
  if (r.late) return g;
  placeDay(g, r);
  if (r.name && g.nameKey === null) { g.name = r.name; g.nameKey = r.nameKey; }
  if (r.status === 'closed' && (g.closedDay === null || r.day < g.closedDay)) g.closedDay = r.day;
  return g;
}

function placeDay(g: GroupedRound, r: Report): void {
  // A day that is not a number is never near anything.
  if (Number.isNaN(r.day)) return;
  const days = g.days[r.precision];
  days.splice(sortedIndex(days, r.day), 0, r.day);
}

/** Where x goes in a sorted list: the first index whose value is not below it. */
function sortedIndex(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The distance from x to the nearest value of a sorted list (Infinity when it is empty). */
function nearestDistance(xs: number[], x: number): number {
  const i = sortedIndex(xs, x);
  return Math.min(i < xs.length ? xs[i] - x : Infinity, i > 0 ? x - xs[i - 1] : Infinity);
}

const PRECISIONS: readonly Precision[] = ['day', 'month', 'year'];

function startsRound(r: Report): boolean {
  return r.facts.some((f) => f.metric !== 'investor');
}

/** A joining report's money figures, counted into the round's consensus on their metric and basis. */
function tally(g: GroupedRound, r: Report): void {
  for (const f of r.facts) {
    if (!f.amount || (f.metric !== 'round_size' && f.metric !== 'valuation')) continue;
    const key = `${f.metric}\u0000${f.basis ?? 'post'}`;
    let t = g.figures.get(key);
    if (!t) g.figures.set(key, (t = new FigureTally()));
    t.add(f);
  }
}

/** The round's consensus amount on a metric and basis (what `moneyFigure` gives for its facts). */
function figureOf(g: GroupedRound, metric: 'round_size' | 'valuation', basis: string): Money | null {
  return g.figures.get(`${metric}\u0000${basis}`)?.amount() ?? null;
}

/**
 * A named report is another round than the unnamed one its own article reports when its figure differs:
 * an article does not contradict itself, so "$2B led by Nvidia … the Series A raised $130M" names two
 * rounds. (A source whose only figure differs from the others' is a source disagreeing.)
 */
function otherRoundOfSameArticle(g: GroupedRound, r: Report): boolean {
  if (r.nameKey === null || g.nameKey !== null) return false;
  // What the same article says of the round, in figures read from their frames. A figure read from the
  // very sentence that names the round is not another round's: "raised $20 billion in a Series E,
  // beyond the $15 billion it set out to raise" gives one round and its target.
  const sentences = new Set(r.facts.map((f) => f.quote));
  const own = g.reports.filter((x) => x.articleId === r.articleId).flatMap((x) => x.facts)
    .filter((f) => f.confidence !== 'cue' && !sentences.has(f.quote));
  return r.facts.some((f) => {
    if (!f.amount || (f.metric !== 'round_size' && f.metric !== 'valuation')) return false;
    const same = own.filter((t) => t.metric === f.metric && t.amount && (t.basis ?? 'post') === (f.basis ?? 'post'));
    return same.length > 0 && same.every((t) => moneyAgrees(t.amount!, f.amount!) === false);
  });
}

/** Slack for a date known only to the month or the year: half of that span either way. */
const slackOf = (p: Precision): number => (p === 'day' ? 0 : p === 'month' ? 16 : 183);

/**
 * The round reported nearest the report, among those within the window. A date known only to the month
 * or the year may reach a round by its slack, but the nearest is judged by the dates as given: "2023"
 * stands for mid-2023, and must not draw in a figure from January 2024 that a February 2024 round restates.
 */
function nearestInWindow(rounds: GroupedRound[], r: Report, windowDays: number): GroupedRound | undefined {
  const distances = new Map<GroupedRound, number>();
  for (const g of rounds) {
    if (g.nameKey !== null && r.nameKey !== null && g.nameKey !== r.nameKey) continue;
    if (r.status === 'talks' && !r.past && g.closedDay !== null && r.day - g.closedDay > TALKS_AFTER_CLOSE_DAYS) continue;
    // The nearest report of each precision is the only one of it that can be nearest within reach.
    for (const p of PRECISIONS) {
      const distance = nearestDistance(g.days[p], r.day);
      const gap = distance - slackOf(p) - slackOf(r.precision);
      if (gap <= windowDays && distance < (distances.get(g) ?? Infinity)) distances.set(g, distance);
    }
  }
  // A vague date can reach several rounds ("raised $100 million last year", with rounds in April and
  // September): the one whose figures it gives is the one it speaks of.
  let candidates = [...distances.keys()];
  if (candidates.length > 1) {
    const restating = candidates.filter((g) => restates(g, r));
    if (restating.length) candidates = restating;
  }
  return candidates.reduce<GroupedRound | undefined>((best, g) => (!best || distances.get(g)! < distances.get(best)! ? g : best), undefined);
}

/** Every money figure of the report agrees with the round's figure on its metric (it has at least one). */
function restates(g: GroupedRound, r: Report): boolean {
  let compared = 0;
  for (const f of r.facts) {
    if (!f.amount || (f.metric !== 'round_size' && f.metric !== 'valuation')) continue;
    const fig = figureOf(g, f.metric, f.basis ?? 'post');
    if (!fig || moneyAgrees(closed(fig), closed(f.amount)) !== true) return false;
    compared++;
  }
  return compared > 0;
}

/**
 * The report's own article gives the round's figure as an earlier one, and its own news a different
 * figure: "has raised $100 million at an $18 billion valuation, two months after a round that valued it
 * at $14 billion" is the next round, however close in time to the $14 billion one.
 */
function recalledAsEarlier(g: GroupedRound, r: Report, earlier: Fact[]): boolean {
  return earlier.some((p) => {
    if (!p.amount || (p.metric !== 'round_size' && p.metric !== 'valuation')) return false;
    if (p.round && g.nameKey !== null && roundKey(p.round) !== g.nameKey) return false;
    const fig = figureOf(g, p.metric, p.basis ?? 'post');
    if (!fig || moneyAgrees(closed(fig), closed(p.amount)) !== true) return false;
    return r.facts.some((f) => f.metric === p.metric && !!f.amount && (f.basis ?? 'post') === (p.basis ?? 'post')
      && moneyAgrees(closed(fig), closed(f.amount)) === false);
  });
}

/**
 * Every money figure of the report that the round also has disagrees with it. Such a report, near a
 * round it contradicts, may be a source disagreeing, or a recollection of an earlier round whose
 * figures it gives exactly ("six months later the Series H added $1.6 billion at $38 billion", in a
 * history published weeks after the Series L): when an earlier round is restated, it is that one.
 */
function contradicts(g: GroupedRound, r: Report): boolean {
  let compared = 0;
  for (const f of r.facts) {
    if (!f.amount || (f.metric !== 'round_size' && f.metric !== 'valuation')) continue;
    const fig = figureOf(g, f.metric, f.basis ?? 'post');
    if (!fig) continue;
    if (moneyAgrees(closed(fig), closed(f.amount)) !== false) return false;
    compared++;
  }
  return compared > 0;
}

/** A figure as a restatement is compared: an open end closed at the figure itself. "More than $1
 *  billion" restates $1 billion, not every larger figure a later article gives. */
const closed = (m: Money): Money => ({ ...m, low: m.low ?? m.value, high: m.high ?? m.value });

/**
 * The latest earlier round that the report restates: each of its money figures agrees with that round's
 * consensus on the metric, and the leads it names (if any) share a name with the round's. A report with
 * new leads, or a valuation the round never had, is news of another round even at the same size.
 */
function restated(rounds: GroupedRound[], r: Report): GroupedRound | undefined {
  const leadNames = (fs: Fact[]): string[] => [...new Set(fs.filter((f) => f.metric === 'lead_investor' && f.name).map((f) => investorKey(f.name!)))];
  const ownLeads = leadNames(r.facts);
  let best: GroupedRound | undefined;
  for (const g of rounds) {
    if (firstDay(g) > r.day) continue;
    if (!restates(g, r)) continue;
    if (ownLeads.length) {
      const their = leadNames(g.reports.flatMap((x) => x.facts));
      if (their.length && !ownLeads.some((n) => their.some((t) => sameInvestorKey(n, t)))) continue;
    }
    if (!best || firstDay(g) > firstDay(best)) best = g;
  }
  return best;
}

/**
 * The round names an article itself dates well before its own publication, with the date it gives:
 * when it says "the Series A in March", a figure it labels Series A without a date of its own speaks
 * of that March round too, whatever tense the sentence was read in.
 */
function oldNames(list: Fact[], published: number, windowDays: number): Map<string, string> {
  const old = new Map<string, string>();
  for (const f of list) {
    const d = dayOf(f.refDate);
    if (f.when === 'past' && f.round && d !== null && published - d > windowDays && !old.has(roundKey(f.round))) old.set(roundKey(f.round), f.refDate!);
  }
  return old;
}

const timeOf = (f: Fact): number => (f.published ? Date.parse(f.published) || 0 : 0);

/** An article's round-level facts as reports, and the undated earlier figures it gives. */
function toReports(facts: Fact[], nowDay: number, windowDays: number): { reports: Report[]; floating: Report[] } {
  const byArticle = new Map<string, Fact[]>();
  for (const f of facts) {
    const list = byArticle.get(f.articleId);
    if (list) list.push(f); else byArticle.set(f.articleId, [f]);
  }
  const reports: Report[] = [];
  const floating: Report[] = [];
  for (const [articleId, list] of byArticle) {
    const published = dayOf(list[0].published) ?? nowDay;
    const old = oldNames(list, published, windowDays);
    // Unless the article's only news is that round again: "Runway has added $141 million to its Series C
    // ... The original Series C, last December, raised $50 million" reports an extension of the round it
    // also dates, and its current figures are that news, not the December ones.
    const otherNews = list.some((f) => f.when === 'current' && !!f.amount && (f.metric === 'round_size' || f.metric === 'valuation')
      && !(f.round && old.has(roundKey(f.round))));
    const ofOldRound = (f: Fact): boolean => otherNews && f.when === 'current' && !!f.round && old.has(roundKey(f.round));
    const own = currentReports(articleId, list.filter((f) => f.when === 'current' && !ofOldRound(f)), published);
    reports.push(...own);
    const closing = closingReport(own);
    const earlier = new Map<string, { refDate: string | undefined; facts: Fact[] }>();
    for (const f of list) {
      if (f.when !== 'past' && !ofOldRound(f)) continue;
      const refDate = ofOldRound(f) ? old.get(roundKey(f.round!)) : f.refDate;
      const k = `${f.round ? roundKey(f.round) : ''}\u0000${refDate ?? ''}`;
      const g = earlier.get(k);
      if (g) g.facts.push(f); else earlier.set(k, { refDate, facts: [f] });
    }
    for (const { refDate, facts: group } of earlier.values()) {
      const f = group[0];
      const refDay = dayOf(refDate);
      // "In July it was reported to be in talks at about $6 billion", in an article reporting a close:
      // the talks that led to this close, unless the text names another round or dates them too early.
      if (closing && !f.round && group.every((x) => x.status === 'talks') && (refDay === null || published - refDay <= TALKS_TO_CLOSE_DAYS)) {
        closing.facts.push(...group);
        continue;
      }
      // A text date after the article's own is a misreading; the figure is still earlier than the article.
      const day = refDay !== null && refDay <= published ? refDay : published;
      const report: Report = {
        articleId, day, time: timeOf(f), link: f.url ?? '', precision: refDay !== null && refDay <= published ? precisionOf(refDate!) : 'day',
        name: f.round ?? null, nameKey: f.round ? roundKey(f.round) : null,
        status: 'closed', past: true, late: false, facts: group,
      };
      if (report.nameKey === null && (refDay === null || refDay > published)) floating.push(report);
      else reports.push(report);
    }
  }
  return { reports, floating };
}

/** The close an article reports, if it reports one: its unnamed report, else its only named one. */
function closingReport(own: Report[]): Report | undefined {
  const closed = own.filter((r) => r.status === 'closed');
  return closed.find((r) => r.nameKey === null) ?? (closed.length === 1 ? closed[0] : undefined);
}

/** An article's current facts: one report per round it names; unnamed facts go with its main one. */
function currentReports(articleId: string, facts: Fact[], day: number): Report[] {
  if (facts.length === 0) return [];
  const byName = new Map<string, Fact[]>();
  const names = new Map<string, string>();
  const unnamed: Fact[] = [];
  for (const f of facts) {
    if (!f.round) { unnamed.push(f); continue; }
    const k = roundKey(f.round);
    if (!names.has(k)) names.set(k, f.round);
    const g = byName.get(k);
    if (g) g.push(f); else byName.set(k, [f]);
  }
  const make = (name: string | null, fs: Fact[]): Report => ({
    articleId, day, time: timeOf(fs[0]), link: fs[0].url ?? '', precision: 'day', name, nameKey: name ? roundKey(name) : null,
    status: fs.some((f) => f.status === 'reported') ? 'closed' : 'talks', past: false, late: false, facts: fs,
  });
  // Unnamed figures are a report of their own, placed first: the named round joins them when it is the
  // round the article covers, and they stay the article's own news when the name is of an older round.
  const out = [...byName.entries()].map(([k, fs]) => make(names.get(k) ?? null, fs));
  if (unnamed.length) out.unshift(make(null, unnamed));
  return out;
}
