// Numerals and magnitudes as reporters write them: "2.5", "2,500,000", "$20B", "1.4bn", "two billion",
// "half a billion", "15亿". Every pattern here is anchored or scans once, so 100 kB of digits stays linear.

export const MAGNITUDE_WORDS: Record<string, number> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, crore: 1e7, lakh: 1e5,
};

const SHORT_MAGNITUDES: Record<string, number> = {
  k: 1e3, m: 1e6, mn: 1e6, mm: 1e6, mln: 1e6, b: 1e9, bn: 1e9, bln: 1e9, t: 1e12, tn: 1e12, tr: 1e12,
};

const CJK_MAGNITUDES: Record<string, number> = { 万: 1e4, 萬: 1e4, 千万: 1e7, 亿: 1e8, 億: 1e8, 万亿: 1e12 };

/** A magnitude right after a number: "B", "bn", " billion", "亿". Single letters must stand alone ("70Bx" is not). */
const MAGNITUDE_AFTER = /^(?:\s?(k|K|mn|MM|mln|m|M|bn|bln|b|B|tn|tr|t|T)(?![A-Za-z0-9])|(?:\s*|-)(thousand|million|billion|trillion|crore|lakh)s?(?![A-Za-z])|(万亿|千万|万|萬|亿|億))/;

export function magnitudeAfter(right: string): { factor: number; length: number } | null {
  const m = MAGNITUDE_AFTER.exec(right);
  if (!m) return null;
  if (m[1]) return { factor: SHORT_MAGNITUDES[m[1].toLowerCase()], length: m[0].length };
  if (m[2]) return { factor: MAGNITUDE_WORDS[m[2].toLowerCase()], length: m[0].length };
  return { factor: CJK_MAGNITUDES[m[3]], length: m[0].length };
}

/** "2,500,000" -> 2500000; "1.4" -> 1.4. Commas are thousands separators only when grouped by three. */
export function parseNumeral(raw: string): number | null {
  const clean = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw) ? raw.replace(/,/g, '') : raw;
  if (!/^\d+(?:\.\d+)?$/.test(clean)) return null;
  const n = Number(clean);
  return Number.isFinite(n) ? n : null;
}

const UNITS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/**
 * Amounts in words: "half a billion", "a billion", "two billion", "one and a half billion", "a hundred million".
 * The alternation has no nested quantifiers; each match is a handful of words.
 */
export const WORD_AMOUNT = /\b(?:(half)\s+an?|(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:\s+(hundred))?(\s+and\s+a\s+half)?)\s+(thousand|million|billion|trillion)\b/gi;

export function wordAmountValue(m: RegExpExecArray): number {
  const mag = MAGNITUDE_WORDS[m[5].toLowerCase()];
  if (m[1]) return 0.5 * mag;
  let n = UNITS[m[2].toLowerCase()] ?? 1;
  if (m[3]) n *= 100;
  if (m[4]) n += 0.5;
  return n * mag;
}
