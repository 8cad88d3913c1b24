// A small seeded generator, so the corpus is the same bytes on every machine and every run.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** k distinct elements of xs, in random order. */
  sample<T>(xs: readonly T[], k: number): T[];
}

/** mulberry32: 32-bit state, good enough spread for picking templates, and trivially reproducible. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    sample: (xs, k) => {
      const copy = xs.slice();
      const out = [];
      for (let i = 0; i < k && copy.length; i++) out.push(copy.splice(int(0, copy.length - 1), 1)[0]);
      return out;
    },
  };
}
