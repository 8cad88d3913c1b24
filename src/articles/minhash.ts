// MinHash over word shingles: a fixed-size signature per text whose agreement with another text's
// signature estimates the Jaccard similarity of their shingle sets.
//
// Word 5-shingles: long enough that two different stories sharing stock phrases ("in a round led by",
// "the company said it will use the money") share few of them, short enough that an edited sentence
// only spoils the shingles that overlap it. 128 hashes: the estimate's standard error is
// sqrt(J(1-J)/128), about 0.044 at J = 0.5, small against the gap between copies and distinct stories.
// The hash functions are fixed (a seeded generator), so signatures agree across runs and processes.
import { comparable } from './plain-text';

export const SHINGLE_WORDS = 5;

// Taken once: looking `Math` up on every call is slow where the global object is not V8's own
// (Jest's sandbox makes the inner loop a hundred times slower).
const imul = Math.imul;
export const NUM_HASHES = 128;

/** Words for shingling. Han, kana and Hangul are written without spaces, so each character is a word. */
export function words(text: string): string[] {
  return splitWords(comparableFast(text));
}

const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_NON_WORD = /[^a-z0-9]+/g;

/** plain-text's comparable, the same result, taking a short cut for ASCII text: Unicode normalisation
 *  and Unicode classes were most of the cost of reading an article for the index. */
export function comparableFast(s: string): string {
  if (NON_ASCII.test(s)) return comparable(s);
  return s.toLowerCase().replace(/'/g, '').replace(ASCII_NON_WORD, ' ').trim();
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const UNSPACED_ALL = new RegExp(`(${UNSPACED.source})`, 'gu');

/** Words of text already made comparable (see plain-text). */
export function splitWords(c: string): string[] {
  if (!c) return [];
  // Scripts written without spaces are never ASCII; the plain class is the cheaper test to rule them out.
  const spaced = NON_ASCII.test(c) && UNSPACED.test(c) ? c.replace(UNSPACED_ALL, ' $1 ').trim() : c;
  return spaced.split(/ +/).filter(Boolean);
}

// Hashes are kept as signed 32-bit integers throughout: V8 holds those as small integers, where
// unsigned values above 2^31 would each become a heap number in the inner loops.

/** FNV-1a, 32 bits, over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
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

/** The distinct shingle hashes of a word list; a text shorter than one shingle gives one shingle of all its words. */
export function shingles(ws: readonly string[], k = SHINGLE_WORDS): Int32Array {
  if (ws.length === 0) return new Int32Array(0);
  const th = ws.map(hashString);
  const set = new Set<number>();
  const n = Math.max(1, ws.length - k + 1);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    // Chained mixing keeps word order: "a b" and "b a" are different shingles.
    for (let j = i; j < Math.min(i + k, th.length); j++) h = mix32(h ^ th[j]);
    set.add(h);
  }
  return Int32Array.from(set);
}

/** mulberry32: a small seeded generator, here only to fix the hash functions once. */
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

// The i-th hash function is x -> rotl(x * A[i] + B[i]), A odd: a bijection on 32 bits, so each is a
// permutation of the shingle hashes, as MinHash asks. Shingle hashes are already well mixed, which is
// what lets one multiply and add stand in for a full mix here: measured against exact Jaccard on
// article pairs, the estimates are as close as sqrt(J(1-J)/128) predicts. Five times cheaper than
// mixing fully, and this loop is most of the cost of reading an article.
const A = new Int32Array(NUM_HASHES);
const B = new Int32Array(NUM_HASHES);
{
  const next = mulberry32(0x6d6f6f6e); // "moon"
  for (let i = 0; i < NUM_HASHES; i++) {
    A[i] = next() | 1;
    B[i] = next() | 0;
  }
}

/** The MinHash signature of a shingle set: for each hash function, the least hash over the set
 *  (as unsigned values; stored with the sign bit flipped, so that signed comparison orders them). */
export function signature(sh: Int32Array): Int32Array {
  const sig = new Int32Array(NUM_HASHES).fill(0x7fffffff);
  for (let s = 0; s < sh.length; s++) {
    const x = sh[s];
    for (let i = 0; i < NUM_HASHES; i++) {
      let h = (imul(x, A[i]) + B[i]) | 0;
      // Multiplication only carries upwards; the rotation brings the well-mixed high bits down as well.
      h = ((h << 16) | (h >>> 16)) ^ 0x80000000;
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of hash functions whose minima agree. */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>, aOffset = 0, bOffset = 0): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return same / NUM_HASHES;
}

// b-bit MinHash (Li and König): only the low 16 bits of each minimum are held, halving the memory of a
// signature. Two different minima then agree by chance once in 65,536, which shifts the estimate by
// less than 0.0001; the estimate below takes that chance out all the same.
const CHANCE = 1 / 65_536;

/** A signature as held: the low 16 bits of each minimum. */
export function signature16(sh: Int32Array): Uint16Array {
  const full = signature(sh);
  const out = new Uint16Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) out[i] = full[i] & 0xffff;
  return out;
}

/** Estimated Jaccard similarity of two 16-bit signatures, chance agreements taken out. */
export function estimateJaccard16(a: Uint16Array, aOffset: number, b: Uint16Array, bOffset: number): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return Math.max(0, (same / NUM_HASHES - CHANCE) / (1 - CHANCE));
}

/** The share of the smaller set that the larger holds, from their Jaccard similarity and sizes:
 *  |A∩B| = J(|A|+|B|)/(1+J). An excerpt or a copy with sentences dropped is contained in the full
 *  text while its Jaccard similarity is low. */
export function containment(j: number, sizeA: number, sizeB: number): number {
  const small = Math.min(sizeA, sizeB);
  return small > 0 ? Math.min(1, (j * (sizeA + sizeB)) / ((1 + j) * small)) : 0;
}
