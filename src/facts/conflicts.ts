// Where sources disagree (scan-contract.md, "What counts as a conflict"):
// - Only current figures are compared, and only like with like: reported with reported, talks with talks
//   (a round in talks is not yet the round, so it neither confirms nor contradicts a reported one).
// - Money: two figures disagree when their ranges, widened by 10% if approximate and 2% if exact, do not
//   overlap; compared in USD (in the written currency when either has no rate and both share it).
// - A pre-money valuation is never compared with a post-money one; a valuation with no basis counts as
//   post-money, which is what reporters mean by default.
// - Two figures for rounds the text tells apart by name are not compared. A figure with no round name
//   is compared with a named one: "$2B" against "$500M Series C" is exactly what a reader should see.
// - Investors: a lead conflicts when two articles name leads that have no name in common. A list of
//   participants never conflicts: articles name different subsets.
// Agreeing figures are grouped (transitively) into one Claim; a conflict lists the claims that take part in
// at least one disagreement. Output order is stable: company, then metric order of the contract.
import { METRICS, type Claim, type Conflict, type Fact, type Money } from '../types';
import { agreement } from './agreement';
import { normaliseInvestor } from './investors';
import { roundKey } from './rounds';

const APPROX_WIDEN = 0.1;
const EXACT_WIDEN = 0.02;

interface Range { low: number; high: number; unit: string }

/** The range a figure allows, widened per the contract, in USD when it can be. */
export function widenedRange(m: Money): Range | null {
  const toUnit = m.usd !== null && m.value !== 0 ? m.usd / m.value : 1;
  const unit = m.usd !== null ? 'USD' : m.currency;
  const w = m.approx ? APPROX_WIDEN : EXACT_WIDEN;
  const low = m.low === null ? 0 : m.low * toUnit * (1 - w);
  const high = m.high === null ? Infinity : m.high * toUnit * (1 + w);
  if (!Number.isFinite(low) || Number.isNaN(high)) return null;
  return { low, high, unit };
}

export function moneyAgrees(a: Money, b: Money): boolean | null {
  return rangesAgree(widenedRange(a), widenedRange(b));
}

function rangesAgree(ra: Range | null, rb: Range | null): boolean | null {
  if (!ra || !rb) return null;
  if (ra.unit !== rb.unit) return null; // no common unit: cannot tell
  return ra.low <= rb.high && rb.low <= ra.high;
}

// Two facts speak of the same thing at all (before asking whether they agree) when they have one status,
// one basis (none counting as post-money) and do not name two different rounds. Both readers below work
// that out once per fact or article, as ids and keys, rather than once per pair.

export function findConflicts(facts: Fact[]): Conflict[] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    if (f.when !== 'current') continue;
    if (f.metric === 'investor') continue;
    if (f.metric === 'lead_investor' ? !f.name : !f.amount) continue;
    const key = `${f.company.toLowerCase()}\u0000${f.metric}`;
    const g = groups.get(key);
    if (g) g.push(f); else groups.set(key, [f]);
  }
  const out: Conflict[] = [];
  for (const group of groups.values()) {
    const c = group[0].metric === 'lead_investor' ? leadConflict(group) : moneyConflict(group);
    if (c) out.push(c);
  }
  const order = (m: string): number => METRICS.indexOf(m as (typeof METRICS)[number]);
  return out.sort((a, b) => a.company.localeCompare(b.company) || order(a.metric) - order(b.metric));
}

function moneyConflict(group: Fact[]): Conflict | null {
  const n = group.length;
  // What comparing and `moneyAgrees` ask of each figure, worked out once per figure (agreement.ts).
  const kinds = new Int32Array(n);
  const rounds = new Int32Array(n); // -1: no round named
  const units = new Int32Array(n); // -1: no range, compares with nothing
  const articles = new Int32Array(n);
  const lows = new Float64Array(n);
  const highs = new Float64Array(n);
  const kindIds = new Map<string, number>();
  const roundIds = new Map<string, number>();
  const articleIds = new Map<string, number>();
  const unitIds = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const f = group[i];
    kinds[i] = idIn(kindIds, `${f.status}\u0000${f.basis ?? 'post'}`);
    rounds[i] = f.round ? idIn(roundIds, roundKey(f.round)) : -1;
    articles[i] = idIn(articleIds, f.articleId);
    const range = widenedRange(f.amount!);
    units[i] = range ? idIn(unitIds, range.unit) : -1;
    lows[i] = range ? range.low : 0;
    highs[i] = range ? range.high : 0;
  }
  const { group: parent, contradicted: involved } = agreement({ kind: kinds, unit: units, round: rounds, article: articles, low: lows, high: highs });
  if (!involved.size) return null;
  const clusters = new Map<number, Fact[]>();
  group.forEach((f, i) => {
    const r = parent[i];
    if (!involved.has(r)) return;
    const c = clusters.get(r);
    if (c) c.push(f); else clusters.set(r, [f]);
  });
  const claims = [...clusters.values()].map((fs) => toClaim(fs)).sort(byAmount);
  return { company: group[0].company, metric: group[0].metric, claims };
}

/** A small number standing for `key`, the same for the same key. */
function idIn(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}

/** Words that name no particular investor: "Tiger Global Management" is Tiger Global. */
const GENERIC_INVESTOR_WORDS = new Set(['capital', 'management', 'partners', 'partner', 'ventures', 'venture', 'investments', 'investment',
  'group', 'holdings', 'fund', 'funds', 'llc', 'lp', 'inc', 'co', 'company', 'the', 'and', 'advisors', 'advisers', 'asset', 'assets']);

/** An investor's name as compared: its distinctive words, lower case, in order. */
export function investorKey(name: string): string {
  const words = normaliseInvestor(name).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w && !GENERIC_INVESTOR_WORDS.has(w));
  return words.length ? words.join(' ') : normaliseInvestor(name).toLowerCase();
}

/** Two investor names are one investor when the distinctive words of one are all among the other's
 *  ("Inovia Capital" and "Montreal-based Inovia Capital"; "Tiger Global" and "Tiger Global Management"). */
export function sameInvestor(a: string, b: string): boolean {
  return sameInvestorKey(investorKey(a), investorKey(b));
}

/** sameInvestor on names already made keys by investorKey (what a caller comparing many names keeps). */
export function sameInvestorKey(a: string, b: string): boolean {
  if (a === b) return true;
  const x = a.split(' ');
  const y = b.split(' ');
  const [small, large] = x.length <= y.length ? [x, y] : [y, x];
  return small.every((w) => large.includes(w));
}

function leadConflict(group: Fact[]): Conflict | null {
  // Each article's set of named leads (per round name, when the text gives one).
  const byArticle = new Map<string, Fact[]>();
  for (const f of group) {
    const g = byArticle.get(f.articleId);
    if (g) g.push(f); else byArticle.set(f.articleId, [f]);
  }
  const articles = [...byArticle.values()];
  // Each name read once, not once per pair of articles; names that are one investor share one key.
  const keys = new Map<Fact, string>();
  const seen: string[] = [];
  for (const f of group) {
    const own = investorKey(f.name ?? '');
    const same = seen.find((k) => sameInvestorKey(k, own));
    if (!same) seen.push(own);
    keys.set(f, same ?? own);
  }
  const names = articles.map((a) => a.map((f) => keys.get(f) ?? ''));
  const nameSets = names.map((ns) => new Set(ns));
  // What comparing asks of an article's first fact, worked out once per article.
  const kinds = articles.map((a) => `${a[0].status}\u0000${a[0].basis ?? 'post'}`);
  const rounds = articles.map((a) => (a[0].round ? roundKey(a[0].round) : null));
  let clash = false;
  for (let i = 0; i < articles.length && !clash; i++) {
    for (let j = i + 1; j < articles.length && !clash; j++) {
      if (kinds[i] !== kinds[j] || (rounds[i] !== null && rounds[j] !== null && rounds[i] !== rounds[j])) continue;
      if (!names[j].some((k) => nameSets[i].has(k))) clash = true;
    }
  }
  if (!clash) return null;
  const byName = new Map<string, Fact[]>();
  for (const f of group) {
    const k = keys.get(f) ?? '';
    const g = byName.get(k);
    if (g) g.push(f); else byName.set(k, [f]);
  }
  const claims = [...byName.values()].map((fs) => ({ ...toClaim(fs), name: normaliseInvestor(fs[0].name ?? '') }))
    .sort((a, b) => b.articleIds.length - a.articleIds.length || (a.name ?? '').localeCompare(b.name ?? ''));
  return { company: group[0].company, metric: 'lead_investor', claims };
}

function toClaim(fs: Fact[]): Claim {
  const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
  // The claim's amount is its most precise member: exact before approximate, closed ranges before open.
  const rank = (f: Fact): number => (f.amount?.approx ? 2 : 0) + (f.amount?.low === null || f.amount?.high === null ? 1 : 0);
  const best = [...fs].sort((a, b) => rank(a) - rank(b))[0];
  const claim: Claim = {
    articleIds: unique(fs.map((f) => f.articleId)),
    sources: unique(fs.map((f) => f.source)),
    quotes: unique(fs.map((f) => f.quote)),
  };
  if (best.amount) claim.amount = best.amount;
  const rounds = unique(fs.map((f) => f.round).filter((r): r is string => !!r));
  if (rounds.length === 1) claim.round = rounds[0];
  return claim;
}

function byAmount(a: Claim, b: Claim): number {
  return (b.articleIds.length - a.articleIds.length) || ((a.amount?.usd ?? 0) - (b.amount?.usd ?? 0));
}
