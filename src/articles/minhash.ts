// MinHash over word shingles: a fixed-size signature per text whose agreement with another text's
// signature estimates the Jaccard similarity of their shingle sets.
//
// Word 5-shingles: long enough that two different stories sharing stock phrases ("in a round led by",
// "the company said it will use the money") share few of them, short enough that an edited sentence
// only spoils the shingles that overlap it.
//
// One-permutation MinHash with optimal densification (Shrivastava, 2017): each shingle is hashed once;
// the hash picks one of 128 bins and the bin keeps the least value it is given. A bin no shingle fell
// into takes the value of the first filled bin along a fixed pseudo-random path of bins of its own.
// Two texts agree on a bin with chance exactly their Jaccard similarity J, as with 128 independent
// hash functions, at 1/128 of the hashing: a signature used to cost 128 hash evaluations per shingle,
// which was the largest single cost of reading an article. Measured against exact Jaccard on the
// generated corpus (test/articles/generate.ts, seeds 7 to 10: the planted copies and 3,000 other
// pairs each), the error is 0.026 root mean square with no bias, where the former 128 multiply-add
// functions gave 0.034 and read 0.02 high. Theory gives sqrt(J(1-J)/128), 0.044 at J = 0.5; a text
// with fewer shingles than bins leaves many bins to be filled from others, which correlates them and
// widens the error a little for short texts.
// Everything is fixed (no random state), so signatures agree across runs and processes.

export const SHINGLE_WORDS = 5;

// Taken once: looking `Math` up on every call is slow where the global object is not V8's own
// (Jest's sandbox makes the inner loop a hundred times slower).
const imul = Math.imul;
export const NUM_HASHES = 128;
const BIN_SHIFT = 25; // 32 - log2(NUM_HASHES): the top bits of a shingle's hash choose its bin
const VALUE_MASK = (1 << BIN_SHIFT) - 1;

const NON_ASCII = /[^\x00-\x7f]/;

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const UNSPACED_ALL = new RegExp(`(${UNSPACED.source})`, 'gu');

/** Words of text already made comparable (see plain-text). Han, kana and Hangul are written without
 *  spaces, so each such character is a word. */
export function splitWords(c: string): string[] {
  if (!c) return [];
  // Scripts written without spaces are never ASCII; the plain class is the cheaper test to rule them out.
  const spaced = NON_ASCII.test(c) && UNSPACED.test(c) ? c.replace(UNSPACED_ALL, ' $1 ').trim() : c;
  return spaced.split(/ +/).filter(Boolean);
}

// Hashes are kept as signed 32-bit integers throughout: V8 holds those as small integers, where
// unsigned values above 2^31 would each become a heap number in the inner loops.

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over UTF-16 code units. */
export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/** MurmurHash3's finaliser: a fast 32-bit mix in which every input bit moves every output bit. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

/** mulberry32: a small seeded generator (the tests' corpora are made with it). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The words of comparable lines (see plain-text) as hashes, and each line's own hash: each line is
 *  read once, for the template counts (by line) and for the signature (by word). */
export interface LineWords {
  /** FNV-1a of each word, line after line. */
  words: Int32Array;
  /** Where each line's words end in `words`: line i's are from ends[i - 1] (0 for the first) to ends[i]. */
  ends: Int32Array;
  /** hashString of each line. */
  lines: Int32Array;
}

export function lineWords(lines: readonly string[]): LineWords {
  let capacity = 0;
  // A word takes at least one character.
  for (const line of lines) capacity += line.length;
  const words = new Int32Array(capacity);
  const ends = new Int32Array(lines.length);
  const lineHashes = new Int32Array(lines.length);
  let n = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    if (NON_ASCII.test(line) && UNSPACED.test(line)) {
      for (const w of splitWords(line)) words[n++] = hashString(w);
      lineHashes[l] = hashString(line);
      ends[l] = n;
      continue;
    }
    // Comparable text: words of letters and digits, single spaces between them.
    let whole = FNV_OFFSET;
    let h = FNV_OFFSET;
    let len = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      whole = imul(whole ^ c, FNV_PRIME);
      if (c !== 32) {
        h = imul(h ^ c, FNV_PRIME);
        len++;
      } else if (len) {
        words[n++] = h;
        h = FNV_OFFSET;
        len = 0;
      }
    }
    if (len) words[n++] = h;
    lineHashes[l] = whole;
    ends[l] = n;
  }
  return { words: words.slice(0, n), ends, lines: lineHashes };
}

// A shingle's hash is a polynomial in its words' hashes, P^4·w1 + P^3·w2 + ... + w5 (mod 2^32), which
// keeps word order ("a b" and "b a" differ) and rolls from one shingle to the next with two
// multiplications, then one full mix so that its bits can choose a bin and rank within it.
const P = 0x2f0d3c35 | 1;
const SHINGLE_SEED = 0x9747b28c | 0;
const TOP = ((): number => {
  let t = 1;
  for (let i = 1; i < SHINGLE_WORDS; i++) t = imul(t, P);
  return t;
})();

/** What the index keeps of a text's shingles. */
export interface Sketch {
  /** How many distinct shingles. */
  shingles: number;
  /** The MinHash signature (see signature16 below); null when there is no shingle. */
  sig: Uint16Array | null;
}

/** The shingle hashes one sketch has met: open addressing over well-mixed numbers. */
class ShingleSet {
  private slots = new Int32Array(1024);
  private used = new Uint8Array(1024);
  private size = 0;

  /** Adds a (well-mixed) number; true when it was not there. */
  add(x: number): boolean {
    const mask = this.slots.length - 1;
    let i = x & mask;
    while (this.used[i] === 1) {
      if (this.slots[i] === x) return false;
      i = (i + 1) & mask;
    }
    this.used[i] = 1;
    this.slots[i] = x;
    if (++this.size * 2 > this.slots.length) this.grow();
    return true;
  }

  private grow(): void {
    const { slots, used } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.used = new Uint8Array(slots.length * 2);
    this.size = 0;
    for (let i = 0; i < slots.length; i++) if (used[i] === 1) this.add(slots[i]);
  }
}

/** The shingles of the words of the lines `keep` chooses, taken as one text (words run on from one
 *  line into the next), as a count and a signature. A text shorter than one shingle is one shingle of
 *  all its words. */
export function sketch(lw: LineWords, keep: (line: number) => boolean): Sketch {
  const k = SHINGLE_WORDS;
  const { words, ends } = lw;
  const ring = new Int32Array(k);
  const mins = new Int32Array(NUM_HASHES).fill(-1);
  const seen = new ShingleSet();
  let count = 0;
  let poly = 0;
  let distinct = 0;
  for (let l = 0; l < ends.length; l++) {
    if (!keep(l)) continue;
    for (let i = l === 0 ? 0 : ends[l - 1]; i < ends[l]; i++) {
      const h = words[i];
      const at = count % k;
      // The oldest word leaves once the window is full.
      const out = count >= k ? ring[at] : 0;
      ring[at] = h;
      poly = (imul(poly - imul(out, TOP), P) + h) | 0;
      if (++count < k) continue;
      const x = mix32(poly ^ SHINGLE_SEED);
      if (seen.add(x)) {
        distinct++;
        bin(mins, x);
      }
    }
  }
  if (count === 0) return { shingles: 0, sig: null };
  if (count < k) {
    distinct = 1;
    bin(mins, mix32(poly ^ SHINGLE_SEED));
  }
  return { shingles: distinct, sig: densified(mins) };
}

/** Puts a shingle hash in its bin: the top bits choose the bin, the bin keeps the least of the rest. */
function bin(mins: Int32Array, x: number): void {
  const b = x >>> BIN_SHIFT;
  const v = x & VALUE_MASK;
  const m = mins[b];
  if (m < 0 || v < m) mins[b] = v;
}

/** The a-th bin on the fixed path an empty bin `i` follows to borrow a value (a = 1, 2, ...). */
const probe = (i: number, a: number): number => mix32(imul(i + 1, 0x9e3779b1) ^ imul(a, 0x85ebca6b)) >>> BIN_SHIFT;

/** The signature from the bins: each empty bin filled (densification), and only the low 16 bits of
 *  each value kept (b-bit MinHash, Li and König), halving the memory of a held signature. Two
 *  different values then agree by chance once in 65,536, which `estimateJaccard16` takes out. */
function densified(mins: Int32Array): Uint16Array {
  const out = new Uint16Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) {
    let m = mins[i];
    // The first filled bin on this bin's own path. Both texts of a pair follow the same path, which
    // is what keeps the chance of agreement equal to J.
    for (let a = 1; m < 0 && a <= 4096; a++) m = mins[probe(i, a)];
    // Past 4,096 probes (a set of one or two shingles, with odds below 1e-12), the next filled bin.
    for (let j = 1; m < 0 && j < NUM_HASHES; j++) m = mins[(i + j) % NUM_HASHES];
    out[i] = m & 0xffff;
  }
  return out;
}

// Two different minima agree by chance once in 65,536 (see signature16).
const CHANCE = 1 / 65_536;

/** Estimated Jaccard similarity of two 16-bit signatures, chance agreements taken out. The
 *  signatures are read two values at a time, as 32-bit words (`words32` of each): `aOffset` and
 *  `bOffset` count those words. */
export function estimateJaccard16(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES / 2; i++) {
    const x = a[aOffset + i] ^ b[bOffset + i];
    // Without branches: (v - 1) >>> 31 is 1 for v = 0, else 0 (v below 2^16).
    same += (((x & 0xffff) - 1) >>> 31) + (((x >>> 16) - 1) >>> 31);
  }
  return Math.max(0, (same / NUM_HASHES - CHANCE) / (1 - CHANCE));
}

/** A 16-bit signature as 32-bit words, for estimateJaccard16 (the same memory, not a copy). */
export const words32 = (sig: Uint16Array): Uint32Array => new Uint32Array(sig.buffer, sig.byteOffset, sig.length / 2);

/** The share of the smaller set that the larger holds, from their Jaccard similarity and sizes:
 *  |A∩B| = J(|A|+|B|)/(1+J). An excerpt or a copy with sentences dropped is contained in the full
 *  text while its Jaccard similarity is low. */
export function containment(j: number, sizeA: number, sizeB: number): number {
  const small = Math.min(sizeA, sizeB);
  return small > 0 ? Math.min(1, (j * (sizeA + sizeB)) / ((1 + j) * small)) : 0;
}
