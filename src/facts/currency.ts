// Which currency a symbol, code or word stands for. The yen sign is the one real ambiguity:
// Japanese yen by default, Chinese yuan when the article is about China (see `yenIsYuan`).

/**
 * Symbols and codes written before an amount, matched at the END of the few characters left of a number.
 * Longer forms come first so "HK$" wins over "$"; the left edge must not be a letter (so "GPU$" is no code).
 */
const PREFIX = /(?:^|[^A-Za-z]|(?<=[a-z]))(US\$|U\.S\.\$|HK\$|S\$|SG\$|C\$|CA\$|CAN\$|A\$|AU\$|NT\$|R\$|NZ\$|MX\$|CN¥|RMB¥|\$|€|£|¥|₹|₩|₪|USD|EUR|GBP|JPY|RMB|CNY|HKD|SGD|CAD|AUD|TWD|BRL|NZD|INR|KRW|CHF|ILS|AED|SAR|SEK|Rs\.?)\s?$/;

const PREFIX_CODES: Record<string, string> = {
  'US$': 'USD', 'U.S.$': 'USD', $: 'USD', 'HK$': 'HKD', 'S$': 'SGD', 'SG$': 'SGD', 'C$': 'CAD', 'CA$': 'CAD', 'CAN$': 'CAD',
  'A$': 'AUD', 'AU$': 'AUD', 'NT$': 'TWD', 'R$': 'BRL', 'NZ$': 'NZD', 'MX$': 'MXN', 'CN¥': 'CNY', 'RMB¥': 'CNY',
  '€': 'EUR', '£': 'GBP', '¥': 'YEN_SIGN', '₹': 'INR', '₩': 'KRW', '₪': 'ILS', RMB: 'CNY', Rs: 'INR', 'Rs.': 'INR',
};

/** A currency written before the number: the code and how many characters it took (spaces included). */
export function prefixCurrency(left: string): { code: string; length: number } | null {
  const m = PREFIX.exec(left);
  if (!m) return null;
  const sym = m[1];
  const code = PREFIX_CODES[sym] ?? sym;
  // From the symbol's first character to the number: the symbol and an optional space.
  return { code, length: left.length - (m.index + m[0].lastIndexOf(sym)) };
}

/** Currencies written after the amount ("3 billion yuan", "15B RMB", "20亿美元"). Anchored at the start. */
const SUFFIX = /^\s?(?:(U\.?S\.?|American|Hong Kong|Singapore|Canadian|Australian|New Taiwan|New Zealand)\s+dollars?|(dollars?|USD|euros?|EUR|pounds? sterling|pounds?|GBP|sterling|yuan|renminbi|RMB|CNY|yen|JPY|won|KRW|rupees?|INR|Swiss francs?|francs?|CHF|HKD|SGD|CAD|AUD|TWD|shekels?|ILS|dirhams?|AED|riyals?|SAR|reais|BRL|kronor|SEK)(?![A-Za-z])|(美元|港元|日元|欧元|英镑|人民币|元))/i;

const SUFFIX_CODES: Record<string, string> = {
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', sterling: 'GBP', 'pounds sterling': 'GBP', 'pound sterling': 'GBP',
  yuan: 'CNY', renminbi: 'CNY', rmb: 'CNY', yen: 'JPY', won: 'KRW', rupee: 'INR', rupees: 'INR', franc: 'CHF', francs: 'CHF',
  'swiss franc': 'CHF', 'swiss francs': 'CHF', shekel: 'ILS', shekels: 'ILS', dirham: 'AED', dirhams: 'AED', riyal: 'SAR', riyals: 'SAR',
  reais: 'BRL', kronor: 'SEK',
  美元: 'USD', 港元: 'HKD', 日元: 'JPY', 欧元: 'EUR', 英镑: 'GBP', 人民币: 'CNY', 元: 'CNY',
};

const NATIONAL_DOLLARS: Record<string, string> = {
  us: 'USD', 'u.s': 'USD', 'u.s.': 'USD', american: 'USD', 'hong kong': 'HKD', singapore: 'SGD', canadian: 'CAD', australian: 'AUD',
  'new taiwan': 'TWD', 'new zealand': 'NZD',
};

/** Words that name a currency only when an amount has a magnitude ("500 pounds" may be a weight). */
const AMBIGUOUS_SUFFIX = new Set(['pound', 'pounds', 'won', 'franc', 'francs']);

export function suffixCurrency(right: string): { code: string; length: number; ambiguous: boolean } | null {
  const m = SUFFIX.exec(right);
  if (!m) return null;
  if (m[1]) return { code: NATIONAL_DOLLARS[m[1].toLowerCase()] ?? 'USD', length: m[0].length, ambiguous: false };
  const word = (m[2] ?? m[3]).toLowerCase();
  const code = SUFFIX_CODES[word] ?? word.toUpperCase();
  return { code, length: m[0].length, ambiguous: AMBIGUOUS_SUFFIX.has(word) };
}

/** Resolves the yen sign once the article's context is known. */
export function resolveCode(code: string, yenIsYuan: boolean): string {
  if (code === 'YEN_SIGN') return yenIsYuan ? 'CNY' : 'JPY';
  return code;
}

/** True when an article is about China, so "¥" most likely means yuan. */
export function articleSuggestsYuan(text: string): boolean {
  if (/\b(?:RMB|CNY|yuan|renminbi)\b|人民币/i.test(text)) return true;
  const china = (text.match(/\b(?:China|Chinese|Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou)\b/g) ?? []).length;
  const japan = (text.match(/\b(?:Japan|Japanese|Tokyo|Osaka)\b/g) ?? []).length;
  return china > japan;
}

const MAGNITUDE: Record<string, number> = { b: 1e9, bn: 1e9, billion: 1e9, m: 1e6, mn: 1e6, million: 1e6 };
/** "¥1 billion ($140 million)": a yen-sign figure restated in dollars says by its ratio which currency it is. */
const YEN_RESTATED = /¥\s?(\d+(?:\.\d+)?)\s?(billion|million|bn|mn|b|m)?\b[^$]{0,20}?\$\s?(\d+(?:\.\d+)?)\s?(billion|million|bn|mn|b|m)?\b/i;

/** True or false when the text restates a "¥" figure in dollars (yuan are worth about 20 yen); else null. */
export function yenRestatedAsYuan(text: string): boolean | null {
  const m = YEN_RESTATED.exec(text);
  if (!m) return null;
  const yen = Number(m[1]) * (MAGNITUDE[(m[2] ?? '').toLowerCase()] ?? 1);
  const usd = Number(m[3]) * (MAGNITUDE[(m[4] ?? '').toLowerCase()] ?? 1);
  if (!(yen > 0 && usd > 0)) return null;
  // A yuan is about 0.14 dollars and a yen about 0.007: the geometric middle tells them apart.
  return usd / yen > 0.03;
}
