// What a round's sources say together: for a money metric, the figure most articles agree on (figures
// agree as the conflict rule says: overlapping widened ranges), and for the lead, each name with the
// articles that give it. A closed round is described by what was reported; talks figures describe it
// only while nothing else does.
import type { Basis, Fact, Money, RoundFigure } from '../types';
import { investorKey, moneyAgrees, sameInvestorKey, widenedRange } from '../facts/conflicts';
import { roundKey } from '../facts/rounds';
import { normaliseInvestor } from '../facts/investors';

/** The facts a round's headline figures are read from: reported ones when there are any. */
export function describing(facts: Fact[]): Fact[] {
  const reported = facts.filter((f) => f.status === 'reported');
  return reported.length ? reported : facts;
}

/**
 * The range a figure stands for when sources are counted: as the conflict rule widens it, but with an
 * open end closed at the figure itself. "More than $1B" agrees with $1B; left open, it would agree
 * with every larger figure and join $2B and $8B into one consensus.
 */
function consensusRange(m: Money): { low: number; high: number; unit: string } | null {
  return widenedRange({ ...m, low: m.low ?? m.value, high: m.high ?? m.value });
}

/**
 * Groups of agreeing figures (transitively), heaviest first. Figures agree when their widened ranges
 * overlap in one unit, so a group is a run of overlapping ranges: sorting by the low end and sweeping
 * finds them in n log n, where comparing every pair grew with the square of a round's coverage.
 * `agreeingGroupsPairwise` is the plain definition, which the sweep is tested against.
 */
export function agreeingGroups(facts: Fact[]): Fact[][] {
  const byUnit = new Map<string, { f: Fact; low: number; high: number }[]>();
  const alone: Fact[][] = [];
  for (const f of facts) {
    const r = f.amount ? consensusRange(f.amount) : null;
    // A range with no sensible order compares with nothing, as moneyAgrees has it.
    if (!r || !(r.low <= r.high)) { alone.push([f]); continue; }
    const list = byUnit.get(r.unit);
    const item = { f, low: r.low, high: r.high };
    if (list) list.push(item); else byUnit.set(r.unit, [item]);
  }
  const groups: Fact[][] = [...alone];
  for (const list of byUnit.values()) {
    list.sort((a, b) => a.low - b.low);
    let current: Fact[] = [];
    let reach = -Infinity;
    for (const x of list) {
      if (current.length && x.low > reach) { groups.push(current); current = []; reach = -Infinity; }
      current.push(x.f);
      if (x.high > reach) reach = x.high;
    }
    if (current.length) groups.push(current);
  }
  return ranked(groups, facts);
}

/** The plain definition: every pair compared, agreeing pairs joined. */
export function agreeingGroupsPairwise(facts: Fact[]): Fact[][] {
  const n = facts.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = facts[i].amount ? consensusRange(facts[i].amount!) : null;
      const b = facts[j].amount ? consensusRange(facts[j].amount!) : null;
      if (a && b && a.low <= a.high && b.low <= b.high && a.unit === b.unit && a.low <= b.high && b.low <= a.high) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, Fact[]>();
  facts.forEach((f, i) => {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(f); else groups.set(r, [f]);
  });
  return ranked([...groups.values()], facts);
}

/** Heaviest first; then the one with more current figures, the newer, and the one given first. */
function ranked(groups: Fact[][], order: Fact[]): Fact[][] {
  const at = new Map(order.map((f, i) => [f, i]));
  const keyed = groups.map((g) => ({ g, w: weight(g), c: currentShare(g), t: newest(g), i: g.reduce((m, f) => Math.min(m, at.get(f) ?? 0), Infinity) }));
  keyed.sort((a, b) => b.w - a.w || b.c - a.c || b.t - a.t || a.i - b.i);
  return keyed.map((k) => k.g);
}

const articles = (fs: Fact[]): number => new Set(fs.map((f) => f.articleId)).size;

/** Articles behind a group, each counted by its best reading: a figure whose metric came from its frame
 *  counts whole, one that fell back to a nearby cue counts half. */
function weight(fs: Fact[]): number {
  const best = new Map<string, number>();
  for (const f of fs) best.set(f.articleId, Math.max(best.get(f.articleId) ?? 0, f.confidence === 'cue' ? 0.5 : 1));
  let w = 0;
  for (const v of best.values()) w += v;
  return w;
}
const currentShare = (fs: Fact[]): number => fs.filter((f) => f.when === 'current').length / fs.length;
function newest(fs: Fact[]): number {
  let t = 0;
  for (const f of fs) {
    const x = f.published ? Date.parse(f.published) || 0 : 0;
    if (x > t) t = x;
  }
  return t;
}

/** The amount a group stands for: the one most of its articles give ($61.5B from three sources over
 *  one source's "$60 billion", both within the group), then the most precise (exact before approximate,
 *  closed ranges before open ones). */
export function bestAmount(fs: Fact[]): Money {
  const key = (f: Fact): string => `${f.amount!.value}\u0000${f.amount!.currency}`;
  const articlesOf = new Map<string, Set<string>>();
  for (const f of fs) {
    const set = articlesOf.get(key(f));
    if (set) set.add(f.articleId); else articlesOf.set(key(f), new Set([f.articleId]));
  }
  const backing = (f: Fact): number => articlesOf.get(key(f))!.size;
  const rank = (f: Fact): number => (f.amount!.approx ? 2 : 0) + (f.amount!.low === null || f.amount!.high === null ? 1 : 0);
  let best = fs[0];
  for (const f of fs) if (backing(f) > backing(best) || (backing(f) === backing(best) && rank(f) < rank(best))) best = f;
  return best.amount!;
}

/**
 * Each article's own reading of a round's money figures. An article gives one figure per metric for the
 * round it covers; when it gives two that disagree and labels one with the round's name ("raised $20
 * billion in a Series E, exceeding the $15 billion it had set out to raise"), the labelled one is its
 * figure and the other a target, a comparison or a misreading, which must not outvote another source.
 */
export function ownReadings(facts: Fact[], nameKey: string | null): Fact[] {
  if (nameKey === null) return facts;
  const named = (f: Fact): boolean => !!f.round && roundKey(f.round) === nameKey;
  const drop = new Set<Fact>();
  const byArticle = new Map<string, Fact[]>();
  for (const f of facts) {
    if (!f.amount || (f.metric !== 'round_size' && f.metric !== 'valuation')) continue;
    const k = `${f.articleId}\u0000${f.metric}\u0000${f.basis ?? 'post'}\u0000${f.status}`;
    const list = byArticle.get(k);
    if (list) list.push(f); else byArticle.set(k, [f]);
  }
  for (const list of byArticle.values()) {
    const labelled = list.filter(named);
    if (labelled.length === 0 || labelled.length === list.length) continue;
    for (const f of list) {
      if (!named(f) && labelled.every((l) => moneyAgrees(l.amount!, f.amount!) === false)) drop.add(f);
    }
  }
  return drop.size ? facts.filter((f) => !drop.has(f)) : facts;
}

/** A round's figure on one money metric; valuations are read per basis, post-money (the default) first. */
export function moneyFigure(facts: Fact[], metric: 'round_size' | 'valuation', disputed: boolean): RoundFigure | null {
  let fs = describing(facts.filter((f) => f.metric === metric && f.amount));
  if (fs.length === 0) return null;
  let basis: Basis | undefined;
  if (metric === 'valuation') {
    const post = fs.filter((f) => (f.basis ?? 'post') === 'post');
    fs = post.length ? post : fs;
    basis = fs.some((f) => f.basis === 'post') ? 'post' : fs.every((f) => f.basis === 'pre') ? 'pre' : undefined;
  }
  // A figure some article gives as the round's news outranks one only recalled of it: "has added $141
  // million to its Series C ... the original Series C raised $50 million" is about the $141 million.
  const groups = agreeingGroups(fs);
  const top = groups.find((g) => g.some((f) => f.when === 'current')) ?? groups[0];
  const figure: RoundFigure = { amount: bestAmount(top), sources: articles(top), disputed };
  if (basis) figure.basis = basis;
  return figure;
}

/**
 * A round's figure on one money metric and one basis, kept as facts join the round: the amount
 * `moneyFigure` gives for the same facts in the same order, at the cost of the facts added rather than
 * of all the round's. Grouping reports asks a round's figure once per report it places, so working it
 * out afresh grew with the square of a company's coverage. Facts with one amount always fall in one
 * group of agreeing figures, so the tally keeps one entry per amount and per group the articles behind
 * it, and regroups only when an amount it has not seen arrives. `moneyFigure` is the plain definition,
 * which the tally is tested against.
 */
export class FigureTally {
  private readonly reported = new TallySide();
  private readonly talks = new TallySide();
  private seq = 0;
  private known: Money | null | undefined;

  add(f: Fact): void {
    if (!f.amount) return;
    (f.status === 'reported' ? this.reported : this.talks).add(f, f.amount, this.seq++);
    this.known = undefined;
  }

  /** The figure's amount, as `moneyFigure(facts, metric, false)?.amount` (null with no amounts). */
  amount(): Money | null {
    // As `describing` has it: reported figures when there are any.
    if (this.known === undefined) this.known = this.reported.empty ? this.talks.amount() : this.reported.amount();
    return this.known;
  }
}

interface TallyEntry {
  amount: Money;
  /** The amount's range as figures are counted; null when it compares with nothing (a group alone). */
  range: { low: number; high: number; unit: string } | null;
  valueKey: string;
  /** Order of its first fact. */
  first: number;
  count: number;
  current: number;
  newest: number;
  /** Each article's best reading of this amount (1 from a frame, 0.5 from a cue). */
  articles: Map<string, number>;
  group: TallyGroup | null;
}

interface TallyGroup {
  entries: TallyEntry[];
  articles: Map<string, number>;
  weight: number;
  /** Articles behind each value and currency (what `bestAmount` counts). */
  backing: Map<string, Set<string>>;
  count: number;
  current: number;
  newest: number;
  first: number;
}

class TallySide {
  private readonly entries = new Map<string, TallyEntry>();
  private groups: TallyGroup[] = [];
  private regroup = false;

  get empty(): boolean {
    return this.entries.size === 0;
  }

  add(f: Fact, m: Money, seq: number): void {
    const r = consensusRange(m);
    const valid = !!r && r.low <= r.high;
    // A range with no sensible order is a group of its own, as in `agreeingGroups`.
    const key = valid ? `${m.value}\u0000${m.currency}\u0000${m.usd}\u0000${m.low}\u0000${m.high}\u0000${m.approx}` : `alone\u0000${seq}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { amount: m, range: valid ? r : null, valueKey: `${m.value}\u0000${m.currency}`, first: seq, count: 0, current: 0, newest: 0, articles: new Map(), group: null };
      this.entries.set(key, e);
      this.regroup = true;
    }
    const conf = f.confidence === 'cue' ? 0.5 : 1;
    const t = f.published ? Date.parse(f.published) || 0 : 0;
    e.count++;
    if (f.when === 'current') e.current++;
    if (t > e.newest) e.newest = t;
    if (conf > (e.articles.get(f.articleId) ?? 0)) e.articles.set(f.articleId, conf);
    const g = e.group;
    if (g && !this.regroup) {
      g.count++;
      if (f.when === 'current') g.current++;
      if (t > g.newest) g.newest = t;
      const had = g.articles.get(f.articleId) ?? 0;
      if (conf > had) { g.articles.set(f.articleId, conf); g.weight += conf - had; }
      const backing = g.backing.get(e.valueKey);
      if (backing) backing.add(f.articleId); else g.backing.set(e.valueKey, new Set([f.articleId]));
    }
  }

  amount(): Money | null {
    if (this.regroup) this.rebuild();
    const keyed = this.groups.map((g) => ({ g, c: g.current / g.count }));
    keyed.sort((a, b) => b.g.weight - a.g.weight || b.c - a.c || b.g.newest - a.g.newest || a.g.first - b.g.first);
    const top = (keyed.find((k) => k.g.current > 0) ?? keyed[0])?.g;
    if (!top) return null;
    // `bestAmount` reads a group in the order the sweep leaves it (by the low end, then as given) and
    // keeps the first of the best.
    const rank = (m: Money): number => (m.approx ? 2 : 0) + (m.low === null || m.high === null ? 1 : 0);
    const before = (a: TallyEntry, b: TallyEntry): boolean => (a.range?.low ?? 0) < (b.range?.low ?? 0) || ((a.range?.low ?? 0) === (b.range?.low ?? 0) && a.first < b.first);
    let best: TallyEntry | null = null;
    for (const e of top.entries) {
      if (!best) { best = e; continue; }
      const be = top.backing.get(e.valueKey)!.size;
      const bb = top.backing.get(best.valueKey)!.size;
      if (be > bb || (be === bb && (rank(e.amount) < rank(best.amount) || (rank(e.amount) === rank(best.amount) && before(e, best))))) best = e;
    }
    return best!.amount;
  }

  /** Groups of agreeing amounts, as `agreeingGroups` sweeps them, with their tallies summed. */
  private rebuild(): void {
    this.regroup = false;
    const byUnit = new Map<string, TallyEntry[]>();
    const groups: TallyEntry[][] = [];
    for (const e of this.entries.values()) {
      if (!e.range) { groups.push([e]); continue; }
      const list = byUnit.get(e.range.unit);
      if (list) list.push(e); else byUnit.set(e.range.unit, [e]);
    }
    for (const list of byUnit.values()) {
      list.sort((a, b) => a.range!.low - b.range!.low);
      let current: TallyEntry[] = [];
      let reach = -Infinity;
      for (const e of list) {
        if (current.length && e.range!.low > reach) { groups.push(current); current = []; reach = -Infinity; }
        current.push(e);
        if (e.range!.high > reach) reach = e.range!.high;
      }
      if (current.length) groups.push(current);
    }
    this.groups = groups.map((entries) => {
      const g: TallyGroup = { entries, articles: new Map(), weight: 0, backing: new Map(), count: 0, current: 0, newest: 0, first: Infinity };
      for (const e of entries) {
        e.group = g;
        g.count += e.count;
        g.current += e.current;
        if (e.newest > g.newest) g.newest = e.newest;
        if (e.first < g.first) g.first = e.first;
        let backing = g.backing.get(e.valueKey);
        if (!backing) g.backing.set(e.valueKey, (backing = new Set()));
        for (const [a, conf] of e.articles) {
          backing.add(a);
          const had = g.articles.get(a) ?? 0;
          if (conf > had) { g.articles.set(a, conf); g.weight += conf - had; }
        }
      }
      return g;
    });
  }
}

/** Lead investors, each name once with the articles naming it, most-named first. */
export function leads(facts: Fact[]): { name: string; sources: number }[] {
  return namesOf(describing(facts.filter((f) => f.metric === 'lead_investor' && f.name)));
}

/** Other investors, without those named as leads. */
export function otherInvestors(facts: Fact[], leadNames: string[]): string[] {
  const leadKeys = leadNames.map(investorKey);
  return namesOf(facts.filter((f) => f.metric === 'investor' && f.name)).map((x) => x.name)
    .filter((n) => { const k = investorKey(n); return !leadKeys.some((l) => sameInvestorKey(l, k)); });
}

/** Each investor once (names that are one investor merged), with the articles naming it; its name as
 *  most articles spell it, the longer spelling on a tie. */
function namesOf(facts: Fact[]): { name: string; sources: number }[] {
  type Entry = { key: string; spellings: Map<string, Set<string>>; articles: Set<string> };
  const found: Entry[] = [];
  // A name always finds the entry it found first (entries only ever join the end): many articles
  // spell a round's investors the same way, and each spelling is matched once.
  const seen = new Map<string, { name: string; e: Entry } | null>();
  for (const f of facts) {
    let hit = seen.get(f.name ?? '');
    if (hit === undefined) {
      const name = normaliseInvestor(f.name ?? '');
      if (name) {
        const key = investorKey(name);
        let e = found.find((x) => sameInvestorKey(x.key, key));
        if (!e) found.push((e = { key, spellings: new Map(), articles: new Set() }));
        hit = { name, e };
      } else hit = null;
      seen.set(f.name ?? '', hit);
    }
    if (!hit) continue;
    const { name, e } = hit;
    e.articles.add(f.articleId);
    const sp = e.spellings.get(name) ?? new Set<string>();
    sp.add(f.articleId);
    e.spellings.set(name, sp);
  }
  return found.map((e) => {
    const [name] = [...e.spellings.entries()].sort((a, b) => b[1].size - a[1].size || b[0].length - a[0].length)[0];
    return { name, sources: e.articles.size };
  }).sort((a, b) => b.sources - a.sources || a.name.localeCompare(b.name));
}
