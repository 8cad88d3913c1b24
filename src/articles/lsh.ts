// Locality-sensitive hashing over MinHash signatures: the signature is cut into bands of a few rows,
// and two texts become candidates when any band agrees in full. Finding candidates costs one lookup
// per band whatever the number held, so checking an article does not slow down as the index grows.
//
// 42 bands of 3 rows (126 of the 128 bins): a pair with Jaccard J becomes a candidate with chance
// 1 - (1 - J^3)^42: 0.98 at J = 0.45, 0.996 at 0.5, 0.9998 at 0.6; 0.29 at 0.2 and 0.04 at 0.1.
// Syndicated copies of a short article can sit as low as 0.45 (see duplicates.ts), and every one must
// be found, which rules out four rows (0.74 at J = 0.45). The price: distinct stories written from
// the same sentence templates (J 0.1 to 0.3) often become candidates too, each a signature compared
// for nothing; the bucket walk cap below bounds how many, so the cost of a check stays bounded.
//
// Storage is typed arrays in fixed pages rather than Maps of arrays: an open-addressed table from band
// to the newest entry, and a `next` link per (document, band). The table holds no keys: a slot's key
// is recomputed from the signature of the document its head entry belongs to, which is held anyway.
// At 100,000 documents that is 4.2 million links (17 MB) and a table of 8 million slots (34 MB).
import { mix32 as minhashMix32 } from './minhash';

// A module's own binding, not the import: a module loaded through tsx (CommonJS) reads an import
// through a getter on every use, which the band loops below pay millions of times.
const mix32 = minhashMix32;

export const BANDS = 42;
export const ROWS = 3;
/** How many documents of one bucket are looked at, newest first. A bucket this full holds text that
 *  many documents share (boilerplate that got through), and the band says little; the cap keeps the
 *  cost of a check bounded whatever the number held. */
export const MAX_BUCKET_WALK = 32;

/** The key of one band of a signature (band number mixed in, so equal rows in different bands differ). */
export function bandKey(sig: ArrayLike<number>, offset: number, band: number): number {
  let h = mix32(band + 0x51ed270b);
  for (let r = 0; r < ROWS; r++) h = mix32(h ^ sig[offset + band * ROWS + r]);
  return h;
}

/** A growable array of numbers in fixed pages: no copy when it grows, and at most one page unused.
 *  Item `i` is at `offset(i)` in `page(i)`: two reads and no object, as the inner loops want. */
export class PagedArray<T extends Int32Array | Uint16Array | Uint8Array | Float64Array> {
  private pages: T[] = [];
  constructor(
    private make: (n: number) => T,
    /** Numbers per item. */
    readonly width: number,
  ) {}

  /** The page holding item `i`, made on first use. */
  page(i: number): T {
    const p = i >>> PAGE_BITS;
    while (this.pages.length <= p) this.pages.push(this.make(PAGE_ITEMS * this.width));
    return this.pages[p];
  }

  /** Where item `i` starts in its page. */
  offset(i: number): number {
    return (i & (PAGE_ITEMS - 1)) * this.width;
  }

  get(i: number, k = 0): number {
    return this.page(i)[this.offset(i) + k];
  }

  set(i: number, k: number, v: number): void {
    this.page(i)[this.offset(i) + k] = v;
  }

  get bytes(): number {
    return this.pages.reduce((n, p) => n + p.byteLength, 0);
  }
}

const PAGE_BITS = 12;
const PAGE_ITEMS = 1 << PAGE_BITS;

export class LshIndex {
  private heads = new Int32Array(1 << 12).fill(-1);
  private used = 0;
  private next = new PagedArray((n) => new Int32Array(n), BANDS);
  /** Per document, the number of the last `candidates` call that visited it. */
  private stamp = new Int32Array(1024);
  private stampNow = 0;
  private docs = 0;

  /** `keyOf(doc, band)`: the band key of a held document, recomputed from its signature. */
  constructor(private keyOf: (doc: number, band: number) => number) {}

  get size(): number {
    return this.docs;
  }

  get bytes(): number {
    return this.heads.byteLength + this.next.bytes + this.stamp.byteLength;
  }

  /** The band keys of a signature. */
  static bandKeys(sig: ArrayLike<number>, offset = 0): Int32Array {
    const out = new Int32Array(BANDS);
    for (let b = 0; b < BANDS; b++) out[b] = bandKey(sig, offset, b);
    return out;
  }

  /**
   * Sizes the table for `docs` documents at once, so that holding many (an index read from the store)
   * does not rehash the table again and again as it grows, each time working out every key anew.
   */
  reserve(docs: number): void {
    let size = this.heads.length;
    while (docs * BANDS * 10 > size * 7) size *= 2;
    if (size > this.heads.length) this.rehash(size);
  }

  /** Takes the next number for a document without a signature (a text too short): it is never a candidate. */
  skip(): number {
    const doc = this.take();
    const offset = this.next.offset(doc);
    this.next.page(doc).fill(-1, offset, offset + BANDS);
    return doc;
  }

  /** Holds a document under the next number (0, 1, 2 ...) with the band keys of its signature, which
   *  `keyOf` must give from then on; returns that number. */
  add(keys: Int32Array): number {
    const doc = this.take();
    const page = this.next.page(doc);
    const offset = this.next.offset(doc);
    for (let b = 0; b < BANDS; b++) {
      const pos = this.findSlot(keys[b], b);
      if (this.heads[pos] === -1) this.used++;
      page[offset + b] = this.heads[pos];
      this.heads[pos] = doc * BANDS + b;
      if (this.used * 10 > this.heads.length * 7) this.rehash();
    }
    return doc;
  }

  /** Calls `visit` once for each held document that shares a band with `keys`, newest first per band. */
  candidates(keys: Int32Array, visit: (doc: number) => void): void {
    this.stampNow = (this.stampNow + 1) | 0 || 1;
    const now = this.stampNow;
    const stamp = this.stamp;
    for (let b = 0; b < BANDS; b++) {
      let slot = this.heads[this.findSlot(keys[b], b)];
      for (let walked = 0; slot !== -1 && walked < MAX_BUCKET_WALK; walked++) {
        const doc = (slot / BANDS) | 0;
        if (stamp[doc] !== now) {
          stamp[doc] = now;
          visit(doc);
        }
        slot = this.next.page(doc)[this.next.offset(doc) + b];
      }
    }
  }

  /** The next document number, with room for its stamp. */
  private take(): number {
    const doc = this.docs++;
    if (doc >= this.stamp.length) {
      const grown = new Int32Array(this.stamp.length * 2);
      grown.set(this.stamp);
      this.stamp = grown;
    }
    return doc;
  }

  /** Where the chain of (band, key) starts, or the empty slot where it would. */
  private findSlot(key: number, band: number): number {
    const mask = this.heads.length - 1;
    let pos = mix32(key ^ band) & mask;
    for (;;) {
      const head = this.heads[pos];
      if (head === -1) return pos;
      if (head % BANDS === band && this.keyOf((head / BANDS) | 0, band) === key) return pos;
      pos = (pos + 1) & mask;
    }
  }

  private rehash(size = this.heads.length * 2): void {
    const old = this.heads;
    this.heads = new Int32Array(size).fill(-1);
    const mask = this.heads.length - 1;
    for (const head of old) {
      if (head === -1) continue;
      const band = head % BANDS;
      let pos = mix32(this.keyOf((head / BANDS) | 0, band) ^ band) & mask;
      while (this.heads[pos] !== -1) pos = (pos + 1) & mask;
      this.heads[pos] = head;
    }
  }
}
