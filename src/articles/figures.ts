// The money figures and round names a text states, read coarsely: only to tell two texts apart. Two
// stories from one outlet's template ("Acme raises $50M Series B", next year "Acme raises $120M
// Series C") share most of their words and differ exactly here. This is no substitute for the facts
// extractor: it does not care what a figure measures, only whether two texts state the same ones.
import { magnitudeAfter, parseNumeral } from '../facts/numbers';
import { hashString } from './minhash';

/** Enough of the text after a numeral for any magnitude the money reader knows (" trillions"). */
const MAGNITUDE_SPAN = 16;

// What an amount is (its numeral and magnitude: "bn", "bln", "B", "billion", "亿") is the money reader's
// decision (facts/numbers, which facts/money reads with); here it is only asked. These patterns only
// find where a figure starts.
// "$50M", "US$ 2.5 billion", "€300m", "¥1,000". A prefix such as "US" or "HK" is part of the figure
// but says nothing here, and is not matched: a pattern that may start with letters is tried at every
// letter of the text, one that starts with a currency sign only at those. (Only the figure and its
// place in the text are kept, and no other figure or round name can begin among those letters, so the
// order of what is found is the same either way.)
const WITH_SYMBOL = /[$€£¥₹₩]\s?(\d[\d,]*(?:\.\d+)?)/g;
// "2 billion yuan", "50 million dollars", "300 mn euros", "1.5bn": a number with a magnitude and no
// sign (no single-letter magnitudes here: without a currency "300m" is as likely metres).
const WITHOUT_SYMBOL = /(?<![$€£¥₹₩\d.,])(\d[\d,]*(?:\.\d+)?)(?=\s?\p{L}\p{L})/gu;
const ROUND = /\b(pre-?seed|seed|series\s+[a-k](?:[-\s]?\d)?\b|pre-?ipo|mezzanine)\b/gi;

/** The figure a numeral and what follows it state, as a key ("$2e+9" for "$2 bln" and "$2 billion"). */
function keyOf(numeral: string, factor: number): string | null {
  const n = parseNumeral(numeral) ?? Number(numeral.replace(/,/g, ''));
  const v = n * factor;
  return Number.isFinite(v) && v > 0 ? `$${Number(v.toPrecision(3))}` : null;
}

export interface Figures {
  /** Every figure and round name, in the order they first appear. */
  all: string[];
  /** The first money figure: a story's lead. */
  lead: string | null;
}

export function figuresOf(text: string): Figures {
  const found: { at: number; k: string; money: boolean }[] = [];
  for (const m of text.matchAll(WITH_SYMBOL)) {
    const at = m.index ?? 0;
    const magnitude = magnitudeAfter(text.slice(at + m[0].length, at + m[0].length + MAGNITUDE_SPAN));
    const k = keyOf(m[1], magnitude?.factor ?? 1);
    if (k) found.push({ at, k, money: true });
  }
  for (const m of text.matchAll(WITHOUT_SYMBOL)) {
    const at = m.index ?? 0;
    const magnitude = magnitudeAfter(text.slice(at + m[0].length, at + m[0].length + MAGNITUDE_SPAN));
    // Only a magnitude of two letters or more ("bn", "million"), and not a CJK one (those need a sign).
    if (!magnitude || !/^\s?\p{L}\p{L}/u.test(text.slice(at + m[0].length, at + m[0].length + magnitude.length))) continue;
    const k = keyOf(m[1], magnitude.factor);
    if (k) found.push({ at, k, money: true });
  }
  for (const m of text.matchAll(ROUND)) found.push({ at: m.index ?? 0, k: m[1].toLowerCase().replace(/[\s-]+/g, ' '), money: false });
  found.sort((a, b) => a.at - b.at);
  return { all: [...new Set(found.map((f) => f.k))], lead: found.find((f) => f.money)?.k ?? null };
}

// ---------------------------------------------------------------- names

/** The names a text repeats most, most first (at most three, each written at least twice): capitalised
 *  words the text never writes in lower case, so that "The" or "Revenue" opening a sentence is not a
 *  name. Two stories from one template ("X said on Tuesday it had closed a $75M Series B ...") can
 *  state the same figures by chance; they still name different companies, which a copy never does. */
export function namesOf(text: string): string[] {
  const counts = new Map<string, { n: number; at: number }>();
  const lower = new Set<string>();
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const first = w[0];
    // Written in lower case: its first character unchanged by lower-casing.
    if (first === first.toLowerCase()) {
      lower.add(w);
      continue;
    }
    if (first === first.toUpperCase() && w.length > 1) {
      const c = counts.get(w);
      if (c) c.n++;
      else counts.set(w, { n: 1, at: at++ });
    }
  }
  return [...counts]
    .filter(([w, c]) => c.n >= 2 && !lower.has(w.toLowerCase()))
    .sort((x, y) => y[1].n - x[1].n || x[1].at - y[1].at)
    .slice(0, 3)
    .map(([w]) => w);
}

/** A word: a letter, then letters, digits, apostrophes and hyphens. */
const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu;

// ---------------------------------------------------------------- figures as held by the index
// An index of 100,000 articles holds each article's figures as a few numbers rather than an object
// of strings: FIGURE_SLOTS 32-bit numbers: the count of figures, the lead's hash, the hashes of the
// first figures in order (a story states a handful; beyond the first seven the rest are not held), then
// the hashes of its names (0: none).

export const FIGURE_SLOTS = 12;
const MAX_FIGURES = 7;
const NAMES_AT = 2 + MAX_FIGURES;

/** A figure or name as a number; 0 stands for none, so no hash is 0. */
const hashFigure = (s: string): number => hashString(s) || 1;

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

/** True when two texts' packed figures cannot both be one story's: different lead figures, or each
 *  naming a figure or round the other does not (a copy may drop a figure or add one; not both); or
 *  different names (see namesOf). */
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
