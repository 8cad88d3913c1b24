import { agreement, pairwise, type Agreement, type Figures } from '../../src/facts/agreement';

// A small deterministic generator, so a failure reproduces.
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function randomFigures(seed: number, n: number): Figures {
  const rnd = generator(seed);
  const pick = (k: number): number => Math.floor(rnd() * k);
  const f: Figures = {
    kind: new Int32Array(n), unit: new Int32Array(n), round: new Int32Array(n), article: new Int32Array(n),
    low: new Float64Array(n), high: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    f.kind[i] = pick(3) === 0 ? 1 : 0;
    f.unit[i] = pick(10) === 0 ? -1 : pick(6) === 0 ? 1 : 0;
    f.round[i] = pick(3) === 0 ? -1 : pick(4);
    f.article[i] = pick(Math.max(1, n / 3));
    // Figures cluster around a few values, as restated figures do; some ranges are open at the top.
    const centre = [1e8, 1.05e8, 2e8, 5e8, 2e9][pick(5)] * (1 + (rnd() - 0.5) * 0.2);
    f.low[i] = pick(8) === 0 ? 0 : centre * 0.98;
    f.high[i] = pick(8) === 0 ? Infinity : centre * (1.02 + rnd() * 0.2);
  }
  return f;
}

/** Groups and contradicted groups named by their smallest member, so two answers compare. */
function canonical(a: Agreement): { groups: number[]; contradicted: number[] } {
  const least = new Map<number, number>();
  a.group.forEach((g, i) => { if (!least.has(g)) least.set(g, i); });
  return {
    groups: [...a.group].map((g) => least.get(g) ?? -1),
    contradicted: [...a.contradicted].map((g) => least.get(g) ?? -1).sort((x, y) => x - y),
  };
}

describe('agreement: the sweep finds what comparing every pair finds', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('random figures, seed %i', (seed) => {
    for (const n of [0, 1, 2, 5, 20, 80, 300]) {
      const f = randomFigures(seed * 1000 + n, n);
      expect(canonical(agreement(f))).toEqual(canonical(pairwise(f)));
    }
  });

  it('falls back to comparing every pair when a range runs backwards', () => {
    const f = randomFigures(99, 40);
    f.low[3] = f.high[3] * 2;
    expect(canonical(agreement(f))).toEqual(canonical(pairwise(f)));
  });

  it('two articles far apart on one round contradict each other; a third that overlaps both joins them', () => {
    const f: Figures = {
      kind: Int32Array.from([0, 0, 0]), unit: Int32Array.from([0, 0, 0]), round: Int32Array.from([0, 0, -1]),
      article: Int32Array.from([0, 1, 2]), low: Float64Array.from([1, 10, 0]), high: Float64Array.from([2, 11, 1]),
    };
    const two = agreement({ ...f, kind: Int32Array.from([0, 0, 1]) });
    expect(two.group[0]).not.toBe(two.group[1]);
    expect([...two.contradicted].sort()).toEqual([two.group[0], two.group[1]].sort());
    const wide = agreement({ ...f, low: Float64Array.from([1, 10, 0]), high: Float64Array.from([2, 11, Infinity]) });
    expect(new Set(wide.group).size).toBe(1);
    expect(wide.contradicted.size).toBe(0);
  });
});
