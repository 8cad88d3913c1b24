// The money grammar: which spans of a sentence are amounts of money, in which currency, and what range
// the wording allows. Pure and total: any string in, a list out, never a throw. Only amounts that carry a
// currency count, so "100x", "1000x", "70B parameters", "20%" and years never become money.
import type { RatesTable } from '../types';
import { toUsd } from './rates';
import { prefixCurrency, resolveCode, suffixCurrency } from './currency';
import { magnitudeAfter, parseNumeral, WORD_AMOUNT, wordAmountValue } from './numbers';

export interface MoneyMention {
  /** Span of the amount in the sentence (currency, number, magnitude; not the hedge word). */
  start: number;
  end: number;
  text: string;
  value: number;
  /** ISO 4217 code as written. */
  currency: string;
  usd: number | null;
  low: number | null;
  high: number | null;
  approx: boolean;
  /** The hedge word that shaped the range ("about", "more than" ...), if any. */
  hedge: string | null;
}

export interface MoneyContext {
  rates: RatesTable;
  /** Read "¥" as Chinese yuan rather than Japanese yen. */
  yenIsYuan?: boolean;
}

interface Candidate {
  start: number;
  end: number;
  value: number;
  currency: string | null;
  factor: number | null;
  plus: boolean;
  /** A second amount this one was merged with to make a range. */
  upper: number | null;
  usd: number | null;
}

const NUMERAL = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const NOT_MONEY_AFTER = /^\s?(?:x(?![A-Za-z])|×|%|per\s?cent|parameters?(?![A-Za-z])|params(?![A-Za-z])|tokens?(?![A-Za-z]))/i;
const PLUS_AFTER = /^(?:\+|-plus(?![A-Za-z])|\s+plus(?![A-Za-z])|\s+or\s+(?:more|higher|above)(?![A-Za-z]))/;

const APPROX = new Set(['about', 'roughly', 'nearly', 'approximately', 'approx', 'approx.', 'close to', '~', '≈', 'around', 'some',
  'almost', 'circa', 'an estimated', 'estimated', 'approaching', 'toward', 'towards', 'just shy of', 'shy of']);
const AT_LEAST = new Set(['more than', 'over', 'beyond', 'exceeding', 'exceeded', 'exceeds', 'exceed', 'above', 'at least', 'upwards of',
  'north of', 'in excess of', 'greater than', 'topping', 'topped', 'tops', 'surpassing', 'surpassed', 'crossed', 'crossing', 'just over']);
const AT_MOST = new Set(['up to', 'as much as', 'as high as', 'less than', 'under', 'below', 'no more than', 'at most', 'just under']);
const HEDGE_BEFORE = /(?:^|[^A-Za-z])(about|roughly|nearly|approximately|approx\.?|close to|~|≈|around|some|almost|circa|an estimated|estimated|approaching|towards|toward|just shy of|shy of|more than|just over|over|beyond|exceeding|exceeded|exceeds|exceed|above|at least|upwards of|north of|in excess of|greater than|topping|topped|tops|surpassing|surpassed|crossed|crossing|up to|as much as|as high as|less than|just under|under|below|no more than|at most)\s*$/i;

/** What every amount needs: a digit, or a magnitude word ("half a billion"). Most sentences have neither,
 *  and this one test lets them skip the grammar below. */
const MAY_HOLD_AMOUNT = /[0-9]|thousand|million|billion|trillion/i;

/** Every amount of money in a sentence, left to right. */
export function findMoney(sentence: string, ctx: MoneyContext): MoneyMention[] {
  if (typeof sentence !== 'string' || sentence.length === 0 || !MAY_HOLD_AMOUNT.test(sentence)) return [];
  const cands = [...numeralCandidates(sentence), ...wordCandidates(sentence)].sort((a, b) => a.start - b.start);
  const merged = mergeRanges(sentence, cands);
  const restated = mergeRestatements(sentence, merged, ctx);
  const out: MoneyMention[] = [];
  for (const c of restated) {
    if (c.currency === null) continue;
    if (NOT_MONEY_AFTER.test(sentence.slice(c.end, c.end + 12))) continue;
    out.push(toMention(sentence, c, ctx));
  }
  return out;
}

function numeralCandidates(s: string): Candidate[] {
  const out: Candidate[] = [];
  NUMERAL.lastIndex = 0;
  for (let m = NUMERAL.exec(s); m !== null; m = NUMERAL.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    const prev = s[start - 1] ?? '';
    const prefix = prefixCurrency(s.slice(Math.max(0, start - 8), start));
    // Part of a word or version ("K2.6", "GPT-4", "B-2") unless a currency code is glued on ("RMB15").
    if (/[A-Za-z_]/.test(prev) && !prefix) continue;
    if (/[-–]/.test(prev) && /[A-Za-z]/.test(s[start - 2] ?? '')) continue;
    if (prev === '.' || prev === ',') continue;
    const value = parseNumeral(m[0]);
    if (value === null) continue;
    let cursor = end;
    const mag = magnitudeAfter(s.slice(cursor, cursor + 14));
    if (mag) cursor += mag.length;
    let currency = prefix?.code ?? null;
    if (!currency) {
      const suffix = suffixCurrency(s.slice(cursor, cursor + 24));
      if (suffix && (!suffix.ambiguous || mag)) {
        currency = suffix.code;
        cursor += suffix.length;
      }
    }
    // A letter glued to the number that is no magnitude ("4o", "3D", "5G") makes it a name, not money.
    if (!mag && /^[A-Za-z]/.test(s.slice(end, end + 1))) continue;
    const plus = PLUS_AFTER.exec(s.slice(cursor, cursor + 16));
    if (plus) cursor += plus[0].length;
    out.push({
      start: prefix ? start - prefix.length : start, end: cursor, value: value * (mag?.factor ?? 1), currency,
      factor: mag?.factor ?? null, plus: plus !== null, upper: null, usd: null,
    });
  }
  return out;
}

function wordCandidates(s: string): Candidate[] {
  const out: Candidate[] = [];
  WORD_AMOUNT.lastIndex = 0;
  for (let m = WORD_AMOUNT.exec(s); m !== null; m = WORD_AMOUNT.exec(s)) {
    const end = m.index + m[0].length;
    const suffix = suffixCurrency(s.slice(end, end + 24));
    const prefix = prefixCurrency(s.slice(Math.max(0, m.index - 8), m.index));
    if (!suffix && !prefix) continue;
    out.push({
      start: prefix ? m.index - prefix.length : m.index, end: suffix ? end + suffix.length : end, value: wordAmountValue(m),
      currency: prefix?.code ?? suffix?.code ?? null, factor: 1, plus: false, upper: null, usd: null,
    });
  }
  return out;
}

/** "$1-2 billion", "$1bn–$1.5bn", "between $1 billion and $2 billion", "ranging from 1 to 2 billion yuan". */
function mergeRanges(s: string, cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i];
    const b = cands[i + 1];
    if (b && a.end <= b.start && !a.plus) {
      const between = s.slice(a.end, b.start);
      const before = s.slice(Math.max(0, a.start - 24), a.start);
      const dash = /^\s?[-–—]\s?$/.test(between);
      // "$500 million to $1 billion" is a range, but "from $4.3B to $20B" a change.
      const to = /^\s+to\s+$/i.test(between)
        && (/\b(?:between|ranging from|range of|anywhere from|somewhere from)\s*$/i.test(before) || (a.factor === null && b.factor !== null)
          || (a.currency !== null && b.currency !== null && !/\b(?:from|rose|grew|jumped|climbed|up|down|fell)\s*(?:about|around|roughly|nearly)?\s*$/i.test(before)
            && /\b(?:raise|raising|seeking|seeks|sought|between|of|for)\s+(?:about\s+|around\s+)?$/i.test(before)));
      const and = /^\s+and\s+$/i.test(between) && /\bbetween\s*$/i.test(before);
      if ((dash || to || and) && (a.currency !== null || b.currency !== null) && (a.currency === null || b.currency === null || a.currency === b.currency)) {
        const low = a.factor === null && b.factor !== null ? a.value * b.factor : a.value;
        if (low < b.value) {
          out.push({ ...a, end: b.end, value: low, currency: a.currency ?? b.currency, factor: b.factor, upper: b.value, plus: false });
          i++;
          continue;
        }
      }
    }
    out.push(a);
  }
  return out;
}

/** "3 billion yuan (about $420 million)" and "€2bn, or roughly $2.3bn," are one figure said twice. */
function mergeRestatements(s: string, cands: Candidate[], ctx: MoneyContext): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i];
    const b = cands[i + 1];
    if (b && a.currency && b.currency && a.currency !== b.currency && a.end <= b.start) {
      const between = s.slice(a.end, b.start);
      const paren = /^\s*[(（]\s*(?:[A-Za-z~≈. ]{0,24})$/.test(between) && /^\s*[)）]/.test(s.slice(b.end, b.end + 3));
      const or = /^\s*,?\s*(?:or|i\.e\.,?|equivalent to|equal to|roughly|about|approximately|around|some|nearly)\s+(?:[A-Za-z~≈. ]{0,20})$/i.test(between);
      if (paren || or) {
        // The dollar side, whichever comes first, says what the figure is in USD: "3 billion yuan (about
        // $420 million)" and "$29.3 billion, approximately ¥207.9 billion" are both the dollar amount.
        const aCode = resolveCode(a.currency, ctx.yenIsYuan === true);
        const bCode = resolveCode(b.currency, ctx.yenIsYuan === true);
        const usd = aCode === 'USD' ? a.value : toUsd(b.value, bCode, ctx.rates);
        out.push({ ...a, usd });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

function toMention(s: string, c: Candidate, ctx: MoneyContext): MoneyMention {
  const currency = resolveCode(c.currency ?? 'USD', ctx.yenIsYuan === true);
  const hedgeMatch = HEDGE_BEFORE.exec(s.slice(Math.max(0, c.start - 30), c.start));
  const hedge = hedgeMatch ? hedgeMatch[1].toLowerCase() : null;
  let low: number | null = c.value;
  let high: number | null = c.upper ?? c.value;
  let approx = false;
  let value = c.value;
  if (c.upper !== null) {
    value = (c.value + c.upper) / 2;
    approx = hedge !== null && APPROX.has(hedge);
  } else if (c.plus || (hedge !== null && AT_LEAST.has(hedge))) {
    high = null;
  } else if (hedge !== null && AT_MOST.has(hedge)) {
    low = null;
  } else if (hedge !== null && APPROX.has(hedge)) {
    approx = true;
  }
  const raw = c.usd ?? toUsd(value, currency, ctx.rates);
  // Cents are the finest a conversion can honestly claim; drop float noise like 1739999999.9999998.
  const usd = raw === null ? null : Math.round(raw * 100) / 100;
  return { start: c.start, end: c.end, text: s.slice(c.start, c.end), value, currency, usd, low, high, approx, hedge };
}
