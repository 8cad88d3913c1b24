// Locality-sensitive hashing over MinHash signatures: the signature is cut into bands of a few rows,
// and two texts become candidates when any band agrees in full. Finding candidates costs one lookup
// per band whatever the number held, so checking an article does not slow down as the index grows.
//
// 42 bands of 3 rows (126 of the 128 hashes): the chance that a pair with Jaccard J becomes a
// candidate is 1 - (1 - J^3)^42: 0.94 at J = 0.4, 0.996 at 0.5, 0.9998 at 0.6, and 0.04 at 0.1.
// The confirmation threshold sits at 0.5, so nearly every true pair is looked at, while pairs of
// unrelated stories (J near 0) almost never are.
//
// Storage is typed arrays rather than a Map of arrays: an open-addressed table from band key to the
// newest entry, and a `next` link per (document, band). At 100,000 documents that is about 4 million
// links in 34 MB, where JavaScript arrays in a Map would take ten times more.
import { mix32 } from './minhash';

export const BANDS = 42;
export const ROWS = 3;
/** How many documents of one bucket are looked at, newest first. A bucket this full holds text that
 *  many documents share (boilerplate), and the band says little; the cap keeps the cost bounded. */
export const MAX_BUCKET_WALK = 64;

export class LshIndex {
  private keys = new Int32Array(1 << 12);
  private heads = new Int32Array(1 << 12).fill(-1);
  private used = 0;
  private next = new Int32Array(BANDS * 256);
  private stamp = new Uint32Array(256);
  private stampNow = 0;
  private docs = 0;

  get size(): number {
    return this.docs;
  }

  /** The band keys of a signature (band number mixed in, so equal rows in different bands differ). */
  static bandKeys(sig: ArrayLike<number>, offset = 0): Int32Array {
    const out = new Int32Array(BANDS);
    for (let b = 0; b < BANDS; b++) {
      let h = mix32(b + 0x51ed270b);
      for (let r = 0; r < ROWS; r++) h = mix32(h ^ sig[offset + b * ROWS + r]);
      out[b] = h;
    }
    return out;
  }

  /** Holds a document under the next number (0, 1, 2 ...); returns that number. */
  add(keys: Int32Array): number {
    const doc = this.docs++;
    if ((doc + 1) * BANDS > this.next.length) this.next = grow(this.next, (doc + 1) * BANDS * 2, -1);
    if (doc >= this.stamp.length) this.stamp = grow(this.stamp, this.stamp.length * 2, 0);
    for (let b = 0; b < BANDS; b++) {
      const slot = doc * BANDS + b;
      const pos = this.findSlot(keys[b]);
      if (this.heads[pos] === -1) {
        this.keys[pos] = keys[b];
        this.used++;
      }
      this.next[slot] = this.heads[pos];
      this.heads[pos] = slot;
      if (this.used * 2 > this.keys.length) this.rehash();
    }
    return doc;
  }

  /** Calls `visit` once for each held document that shares a band with `keys`. */
  candidates(keys: Int32Array, visit: (doc: number) => void): void {
    this.stampNow = (this.stampNow + 1) >>> 0 || 1;
    if (this.stampNow === 1) this.stamp.fill(0);
    for (let b = 0; b < BANDS; b++) {
      const pos = this.findSlot(keys[b]);
      let slot = this.heads[pos];
      for (let walked = 0; slot !== -1 && walked < MAX_BUCKET_WALK; walked++) {
        // One key table serves every band; a link from another band with an equal key is skipped.
        if (slot % BANDS === b) {
          const doc = (slot / BANDS) | 0;
          if (this.stamp[doc] !== this.stampNow) {
            this.stamp[doc] = this.stampNow;
            visit(doc);
          }
        }
        slot = this.next[slot];
      }
    }
  }

  private findSlot(key: number): number {
    const mask = this.keys.length - 1;
    let pos = mix32(key) & mask;
    while (this.heads[pos] !== -1 && this.keys[pos] !== key) pos = (pos + 1) & mask;
    return pos;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.heads = new Int32Array(oldKeys.length * 2).fill(-1);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] === -1) continue;
      const pos = this.findSlot(oldKeys[i]);
      this.keys[pos] = oldKeys[i];
      this.heads[pos] = oldHeads[i];
    }
  }
}

function grow<T extends Int32Array | Uint32Array>(a: T, size: number, fill: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
