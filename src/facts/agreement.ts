// Which money figures agree, and which groups of agreeing figures some other figure contradicts.
// Two figures are compared when they are of one kind (status and basis), share a unit and name no two
// different rounds; compared figures agree when their ranges overlap, and agreement is transitive.
// A group is contradicted when one of its figures and a figure outside it are compared, do not overlap
// and come from two different articles.
//
// Comparing every pair grows with the square of a company's coverage, so ranges are swept in order
// instead: n log n for each kind and unit, times the number of round names. `pairwise` is the plain
// definition, kept for ranges the sweep cannot take (a low above its high) and to test the sweep against.

export interface Figures {
  /** Per figure: ids of its kind, its unit (-1: no range, compared with nothing), its round (-1: none
   *  named) and its article; and its range, widened as the contract says. */
  kind: Int32Array;
  unit: Int32Array;
  round: Int32Array;
  article: Int32Array;
  low: Float64Array;
  high: Float64Array;
}

export interface Agreement {
  /** Per figure, the representative of its group of agreeing figures. */
  group: Int32Array;
  /** Representatives of the groups that some other figure contradicts. */
  contradicted: Set<number>;
}

export function agreement(f: Figures): Agreement {
  const n = f.kind.length;
  for (let i = 0; i < n; i++) if (f.unit[i] >= 0 && !(f.low[i] <= f.high[i])) return pairwise(f);
  const parent = identity(n);
  const blocks = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (f.unit[i] < 0) continue;
    const key = f.kind[i] * 0x100000 + f.unit[i];
    const b = blocks.get(key);
    if (b) b.push(i); else blocks.set(key, [i]);
  }
  const byLow = (a: number, b: number): number => f.low[a] - f.low[b] || a - b;
  for (const block of blocks.values()) {
    block.sort(byLow);
    const rounds = new Set<number>();
    for (const i of block) if (f.round[i] >= 0) rounds.add(f.round[i]);
    // Every edge joins two unnamed figures, or figures of one round, or an unnamed and a named one; so
    // sweeping the unnamed figures together with each round's in turn meets every edge.
    if (rounds.size === 0) sweep(block, f, parent);
    for (const r of rounds) sweep(block.filter((i) => f.round[i] < 0 || f.round[i] === r), f, parent);
  }
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = root(parent, i);
  const contradicted = new Set<number>();
  for (const block of blocks.values()) {
    // A pair that does not overlap has one range wholly below the other; each figure looks for such a
    // partner below it and above it, among what it is compared with.
    const marked = new Uint8Array(block.length);
    partners(block, f, group, marked, 'below');
    partners(block, f, group, marked, 'above');
    block.forEach((i, k) => { if (marked[k]) contradicted.add(group[i]); });
  }
  return { group, contradicted };
}

/** The plain definition: every pair compared. */
export function pairwise(f: Figures): Agreement {
  const n = f.kind.length;
  const parent = identity(n);
  const compared = (i: number, j: number): boolean => f.unit[i] >= 0 && f.kind[j] === f.kind[i] && f.unit[j] === f.unit[i]
    && !(f.round[i] >= 0 && f.round[j] >= 0 && f.round[j] !== f.round[i]);
  const overlap = (i: number, j: number): boolean => f.low[i] <= f.high[j] && f.low[j] <= f.high[i];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (compared(i, j) && overlap(i, j)) parent[root(parent, i)] = root(parent, j);
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = root(parent, i);
  const contradicted = new Set<number>();
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (compared(i, j) && !overlap(i, j) && f.article[i] !== f.article[j] && group[i] !== group[j]) contradicted.add(group[i]).add(group[j]);
    }
  }
  return { group, contradicted };
}

function identity(n: number): Int32Array {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return parent;
}

/** The representative of i's group (union-find, halving the path as it goes). */
function root(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/** Joins overlapping ranges among `sorted` (by low): a range overlaps an earlier one exactly when it starts
 *  before the highest end so far, and then it overlaps the range that reaches there. */
function sweep(sorted: number[], f: Figures, parent: Int32Array): void {
  let reach = -1;
  for (const i of sorted) {
    if (reach >= 0 && f.low[i] <= f.high[reach]) parent[root(parent, i)] = root(parent, reach);
    if (reach < 0 || f.high[i] > f.high[reach]) reach = i;
  }
}

/**
 * Marks each figure of `block` that has a partner wholly below it ('below') or above it ('above'): a figure
 * it is compared with, from another article and outside its group. Figures are taken from the far end
 * inwards, and those already passed on the other side are kept in summaries per round name.
 */
function partners(block: number[], f: Figures, group: Int32Array, marked: Uint8Array, side: 'below' | 'above'): void {
  const up = side === 'below';
  // Queries in order of their own near end; candidates in order of their far end.
  const order = (by: Float64Array, ascending: boolean): number[] =>
    block.map((_, k) => k).sort((a, b) => (ascending ? compare(by[block[a]], by[block[b]]) : compare(by[block[b]], by[block[a]])));
  const queries = up ? order(f.low, true) : order(f.high, false);
  const candidates = up ? order(f.high, true) : order(f.low, false);
  const all = new Summary();
  const unnamed = new Summary();
  const byRound = new Map<number, Summary>();
  let c = 0;
  for (const k of queries) {
    const i = block[k];
    // Candidates wholly on the far side of i: high < i's low ('below'), or low > i's high ('above').
    for (; c < candidates.length; c++) {
      const j = block[candidates[c]];
      if (up ? !(f.high[j] < f.low[i]) : !(f.low[j] > f.high[i])) break;
      const art = f.article[j];
      const g = group[j];
      all.add(art, g);
      if (f.round[j] < 0) unnamed.add(art, g);
      else {
        let s = byRound.get(f.round[j]);
        if (!s) byRound.set(f.round[j], (s = new Summary()));
        s.add(art, g);
      }
    }
    const art = f.article[i];
    const g = group[i];
    const found = f.round[i] < 0 ? all.has(art, g) : unnamed.has(art, g) || (byRound.get(f.round[i])?.has(art, g) ?? false);
    if (found) marked[k] = 1;
  }
}

/** For sorting, with infinite ends equal to each other. */
function compare(x: number, y: number): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Enough of a set of (article, group) pairs to tell whether it holds one with another article and another
 * group than given, in constant space: the first pair, and the first pairs that differ from it (and from
 * each other) in article, in group, or in both.
 */
class Summary {
  private first = -1;
  private firstArt = 0;
  private firstGroup = 0;
  /** First with another article than the first; then the first of those with another group than it. */
  private otherArt = -1;
  private otherArtGroup = 0;
  private otherArt2 = -1;
  /** First with another group than the first; then the first of those with another article than it. */
  private otherGroup = -1;
  private otherGroupArt = 0;
  private otherGroup2 = -1;
  /** First differing from the first in both. */
  private both = -1;

  add(art: number, group: number): void {
    if (this.first < 0) { this.first = 1; this.firstArt = art; this.firstGroup = group; return; }
    if (art !== this.firstArt) {
      if (this.otherArt < 0) { this.otherArt = 1; this.otherArtGroup = group; }
      else if (this.otherArt2 < 0 && group !== this.otherArtGroup) this.otherArt2 = 1;
    }
    if (group !== this.firstGroup) {
      if (this.otherGroup < 0) { this.otherGroup = 1; this.otherGroupArt = art; }
      else if (this.otherGroup2 < 0 && art !== this.otherGroupArt) this.otherGroup2 = 1;
    }
    if (art !== this.firstArt && group !== this.firstGroup) this.both = 1;
  }

  /** Holds a pair whose article is not `art` and whose group is not `group`. */
  has(art: number, group: number): boolean {
    if (this.first < 0) return false;
    const sameArt = this.firstArt === art;
    const sameGroup = this.firstGroup === group;
    if (!sameArt && !sameGroup) return true;
    if (sameArt && sameGroup) return this.both >= 0;
    if (sameArt) return this.otherArt >= 0 && (this.otherArtGroup !== group || this.otherArt2 >= 0);
    return this.otherGroup >= 0 && (this.otherGroupArt !== art || this.otherGroup2 >= 0);
  }
}
