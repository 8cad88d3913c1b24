// The money figures and round names a text states, read coarsely: only to tell two texts apart. Two
// stories from one outlet's template ("Acme raises $50M Series B", next year "Acme raises $120M
// Series C") share most of their words and differ exactly here. This is no substitute for the facts
// extractor: it does not care what a figure measures, only whether two texts state the same ones.

const SCALE: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, mm: 1e6, mil: 1e6, million: 1e6, millions: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9, billions: 1e9, t: 1e12, tn: 1e12, trillion: 1e12,
};
const SCALE_WORDS = 'k|thousand|mn|mm|mil|millions?|m|bn|billions?|b|tn|trillion|t';
// "$50M", "US$ 2.5 billion", "€300m", "¥1,000"
const WITH_SYMBOL = new RegExp(`(?:[A-Z]{1,3})?[$€£¥₹₩]\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?(${SCALE_WORDS})\\b)?`, 'gi');
// "2 billion yuan", "50 million dollars", "300 mn euros", "1.5bn"
// (no single-letter scales here: without a currency "300m" is as likely metres)
const WITH_SCALE = /(?<![$€£¥₹₩\d.,])(\d[\d,]*(?:\.\d+)?)\s?(thousand|mn|mil|millions?|bn|billions?|tn|trillion)\b/gi;
const ROUND = /\b(pre-?seed|seed|series\s+[a-k](?:[-\s]?\d)?\b|pre-?ipo|mezzanine)\b/gi;

const key = (n: string, scale: string | undefined): string | null => {
  const v = Number(n.replace(/,/g, '')) * (scale ? SCALE[scale.toLowerCase()] ?? 1 : 1);
  return Number.isFinite(v) && v > 0 ? `$${Number(v.toPrecision(3))}` : null;
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
