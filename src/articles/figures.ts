// The money figures and round names a text states, read coarsely: only to tell two texts apart. Two
// stories from one outlet's template ("Acme raises $50M Series B", next year "Acme raises $120M
// Series C") share most of their words and differ exactly here. This is no substitute for the facts
// extractor: it does not care what a figure measures, only whether two texts state the same ones.

const SCALE: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, mm: 1e6, mil: 1e6, million: 1e6, millions: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9, billions: 1e9, t: 1e12, tn: 1e12, trillion: 1e12,
};
const SCALE_WORDS = 'k|thousand|mn|mm|mil|millions?|m|bn|billions?|b|tn|trillion|t';
// "$50M", "US$ 2.5 billion", "€300m", "¥1,000". A prefix such as "US" or "HK" is part of the figure
// but says nothing here, and is not matched: a pattern that may start with letters is tried at every
// letter of the text, one that starts with a currency sign only at those. (Only the figure and its
// place in the text are kept, and no other figure or round name can begin among those letters, so the
// order of what is found is the same either way.)
const WITH_SYMBOL = new RegExp(`[$€£¥₹₩]\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?(${SCALE_WORDS})\\b)?`, 'gi');
// "2 billion yuan", "50 million dollars", "300 mn euros", "1.5bn"
// (no single-letter scales here: without a currency "300m" is as likely metres)
const WITH_SCALE = /(?<![$€£¥₹₩\d.,])(\d[\d,]*(?:\.\d+)?)\s?(thousand|mn|mil|millions?|bn|billions?|tn|trillion)\b/gi;
const ROUND = /\b(pre-?seed|seed|series\s+[a-k](?:[-\s]?\d)?\b|pre-?ipo|mezzanine)\b/gi;

const keyOf = (n: string, scale: string | undefined): string | null => {
  const v = Number(n.replace(/,/g, '')) * (scale ? SCALE[scale.toLowerCase()] ?? 1 : 1);
  return Number.isFinite(v) && v > 0 ? `$${Number(v.toPrecision(3))}` : null;
};

/** Keys worked out already: the same few amounts recur across articles, and working one out (a
 *  number parsed, rounded and printed) costs more than finding it. Emptied when full. */
const keys = new Map<string, string | null>();
const key = (n: string, scale: string | undefined): string | null => {
  const at = scale === undefined ? n : `${n} ${scale}`;
  let k = keys.get(at);
  if (k === undefined) {
    if (keys.size >= 10_000) keys.clear();
    keys.set(at, (k = keyOf(n, scale)));
  }
  return k;
};

export interface Figures {
  /** Every figure and round name, in the order they first appear. */
  all: string[];
  /** The first money figure: a story's lead. */
  lead: string | null;
}

export function figuresOf(text: string): Figures {
  const found: { at: number; k: string; money: boolean }[] = [];
  for (const m of text.matchAll(WITH_SYMBOL)) {
    const k = key(m[1], m[2]);
    if (k) found.push({ at: m.index ?? 0, k, money: true });
  }
  for (const m of text.matchAll(WITH_SCALE)) {
    const k = key(m[1], m[2]);
    if (k) found.push({ at: m.index ?? 0, k, money: true });
  }
  for (const m of text.matchAll(ROUND)) found.push({ at: m.index ?? 0, k: m[1].toLowerCase().replace(/[\s-]+/g, ' '), money: false });
  found.sort((a, b) => a.at - b.at);
  return { all: [...new Set(found.map((f) => f.k))], lead: found.find((f) => f.money)?.k ?? null };
}

/** True when two texts state figures that cannot both be one story's: different lead figures, or
 *  each naming a figure or round the other does not. A copy may drop a figure or add one; not both. */
export function figuresDisagree(a: Figures, b: Figures): boolean {
  if (a.lead && b.lead && a.lead !== b.lead) return true;
  const sb = new Set(b.all);
  const sa = new Set(a.all);
  return a.all.some((x) => !sb.has(x)) && b.all.some((x) => !sa.has(x));
}

// ---------------------------------------------------------------- names

/** The names a text repeats most, most first (at most three, each written at least twice): capitalised
 *  words the text never writes in lower case, so that "The" or "Revenue" opening a sentence is not a
 *  name. Two stories from one template ("X said on Tuesday it had closed a $75M Series B ...") can
 *  state the same figures by chance; they still name different companies, which a copy never does. */
export function namesOf(text: string): string[] {
  // A word is a letter and then letters, digits, apostrophes and hyphens, as in WORD below; text with
  // characters outside the Basic Multilingual Plane is read by the pattern, the rest by a scan.
  const { counts, lower } = SURROGATE.test(text) ? wordsByPattern(text) : wordsByScan(text);
  return [...counts]
    .filter(([w, c]) => c.n >= 2 && !lower(w.toLowerCase()))
    .sort((x, y) => y[1].n - x[1].n || x[1].at - y[1].at)
    .slice(0, 3)
    .map(([w]) => w);
}

const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu;
const SURROGATE = /[\ud800-\udfff]/;

interface Words {
  /** Each capitalised word of more than one character: how often, and in what order they first came. */
  counts: Map<string, { n: number; at: number }>;
  /** True when the text writes this word in lower case (its first character unchanged by lower-casing). */
  lower: (w: string) => boolean;
}

/** True when a word's first character reads as lower case: unchanged by lower-casing. */
const isLowerFirst = (first: string): boolean => first === first.toLowerCase();

function wordsByPattern(text: string): Words {
  const counts = new Map<string, { n: number; at: number }>();
  const lower = new Set<string>();
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const first = w[0];
    if (isLowerFirst(first)) {
      lower.add(w);
      continue;
    }
    if (first === first.toUpperCase() && w.length > 1) {
      const c = counts.get(w);
      if (c) c.n++;
      else counts.set(w, { n: 1, at: at++ });
    }
  }
  return { counts, lower: (w) => lower.has(w) };
}

// What each UTF-16 unit is to WORD: LETTER, CONTINUES (a digit, apostrophe or hyphen, which continue a
// word) or OTHER; a letter is LETTER | LOWER when a word it starts reads as lower case (unchanged by
// lower-casing), LETTER | UPPER when as capitalised. Worked out once per character, by the same tests.
const LETTER = 1;
const CONTINUES = 2;
const OTHER = 4;
const LOWER = 8;
const UPPER = 16;
const charClass = new Uint8Array(0x10000);
const IS_LETTER = /^\p{L}$/u;
const CONTINUES_WORD = /^[\p{N}'’-]$/u;
function classify(c: number): number {
  const ch = String.fromCharCode(c);
  if (IS_LETTER.test(ch)) return LETTER | (isLowerFirst(ch) ? LOWER : ch === ch.toUpperCase() ? UPPER : 0);
  return CONTINUES_WORD.test(ch) ? CONTINUES : OTHER;
}
for (let c = 0; c < 0x100; c++) charClass[c] = classify(c);
const classOf = (c: number): number => charClass[c] || (charClass[c] = classify(c));

/** wordsByPattern by a scan over the characters: words written in lower case are held as hashes with
 *  where each first occurs, not as strings, and only a capitalised word becomes a string. */
function wordsByScan(text: string): Words {
  const counts = new Map<string, { n: number; at: number }>();
  const lower = lowerWords;
  lower.reset(text);
  let at = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 0x100 ? charClass[c] : classOf(c);
    if ((k & LETTER) === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = imul(FNV ^ c, PRIME);
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i);
      if (((d < 0x100 ? charClass[d] : classOf(d)) & OTHER) !== 0) break;
      h = imul(h ^ d, PRIME);
    }
    if ((k & LOWER) !== 0) lower.add(h, start, i - start);
    else if ((k & UPPER) !== 0 && i - start > 1) {
      const w = text.slice(start, i);
      const e = counts.get(w);
      if (e) e.n++;
      else counts.set(w, { n: 1, at: at++ });
    }
  }
  return { counts, lower: (w) => lower.has(w) };
}

const imul = Math.imul;
const FNV = 0x811c9dc5 | 0;
const PRIME = 0x01000193;

/** True when the text holds the same `length` characters at `a` and at `b`. */
function sameAt(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** The words a text writes in lower case, by hash, each with where it first occurs in the text. One
 *  table serves every text in turn (a scan runs to its end before the next begins): a stamp per slot
 *  says which text's it is, so nothing is cleared or allocated between texts. */
class LowerWords {
  private keys = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private stamps = new Int32Array(1024);
  private stamp = 0;
  private size = 0;
  private text = '';
  /** Words whose hash another word has taken: looked up by comparing the text, not the hash. */
  private clashes: Set<string> | null = null;

  /** Empties the table for the words of `text`. */
  reset(text: string): void {
    this.text = text;
    this.size = 0;
    this.clashes = null;
    this.stamp = (this.stamp + 1) | 0;
    if (this.stamp === 0) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  add(h: number, start: number, length: number): void {
    const mask = this.keys.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      if (this.stamps[i] !== this.stamp) {
        this.stamps[i] = this.stamp;
        this.keys[i] = h;
        this.starts[i] = start;
        this.lengths[i] = length;
        if (++this.size * 2 > this.keys.length) this.grow();
        return;
      }
      if (this.keys[i] !== h) continue;
      if (this.lengths[i] === length && sameAt(this.text, this.starts[i], start, length)) return;
      // Another word with the same hash: held as a string.
      (this.clashes ??= new Set()).add(this.text.slice(start, start + length));
      return;
    }
  }

  has(w: string): boolean {
    if (this.clashes?.has(w)) return true;
    let h = FNV;
    for (let i = 0; i < w.length; i++) h = imul(h ^ w.charCodeAt(i), PRIME);
    const mask = this.keys.length - 1;
    for (let i = h & mask; this.stamps[i] === this.stamp; i = (i + 1) & mask) {
      if (this.keys[i] === h && this.lengths[i] === w.length && this.text.startsWith(w, this.starts[i])) return true;
    }
    return false;
  }

  private grow(): void {
    const { keys, starts, lengths, stamps, stamp } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.starts = new Int32Array(keys.length * 2);
    this.lengths = new Int32Array(keys.length * 2);
    this.stamps = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (stamps[i] === stamp) this.add(keys[i], starts[i], lengths[i]);
  }
}

const lowerWords = new LowerWords();

// ---------------------------------------------------------------- figures as held by the index
// An index of 100,000 articles holds each article's figures as a few numbers rather than an object
// of strings: FIGURE_SLOTS 32-bit numbers: the count of figures, the lead's hash, the hashes of the
// first figures in order (a story states a handful; beyond the first seven the rest are not held), then
// the hashes of its names (0: none).

export const FIGURE_SLOTS = 12;
const MAX_FIGURES = 7;
const NAMES_AT = 2 + MAX_FIGURES;

const hashFigure = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0 || 1;
};

/** Writes figures and names into FIGURE_SLOTS numbers at `offset`. */
export function packFigures(f: Figures, names: string[], out: Int32Array, offset: number): void {
  const held = f.all.slice(0, MAX_FIGURES);
  out[offset] = held.length;
  out[offset + 1] = f.lead ? hashFigure(f.lead) : 0;
  for (let i = 0; i < MAX_FIGURES; i++) out[offset + 2 + i] = i < held.length ? hashFigure(held[i]) : 0;
  for (let i = 0; i < FIGURE_SLOTS - NAMES_AT; i++) out[offset + NAMES_AT + i] = i < names.length ? hashFigure(names[i]) : 0;
}

/** True when neither text's most repeated name is among the other's names. */
function namesDisagree(a: Int32Array, ao: number, b: Int32Array, bo: number): boolean {
  const topA = a[ao + NAMES_AT];
  const topB = b[bo + NAMES_AT];
  if (topA === 0 || topB === 0) return false;
  const among = (x: Int32Array, xo: number, v: number): boolean => {
    for (let i = NAMES_AT; i < FIGURE_SLOTS; i++) if (x[xo + i] === v) return true;
    return false;
  };
  return !among(b, bo, topA) && !among(a, ao, topB);
}

/** figuresDisagree over packed figures, and different names (see namesOf). */
export function packedFiguresDisagree(a: Int32Array, ao: number, b: Int32Array, bo: number): boolean {
  if (namesDisagree(a, ao, b, bo)) return true;
  if (a[ao + 1] !== 0 && b[bo + 1] !== 0 && a[ao + 1] !== b[bo + 1]) return true;
  const na = a[ao];
  const nb = b[bo];
  const has = (x: Int32Array, xo: number, n: number, v: number): boolean => {
    for (let i = 0; i < n; i++) if (x[xo + 2 + i] === v) return true;
    return false;
  };
  let aOnly = false;
  for (let i = 0; i < na && !aOnly; i++) aOnly = !has(b, bo, nb, a[ao + 2 + i]);
  if (!aOnly) return false;
  for (let i = 0; i < nb; i++) if (!has(a, ao, na, b[bo + 2 + i])) return true;
  return false;
}
