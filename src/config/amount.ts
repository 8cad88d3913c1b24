// Amounts of money as people write a threshold: "50M", "$1.5B", "100m", "2bn", "750k", "250000000".
// Thresholds are in USD: they are compared with a figure's USD value.
const SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };

/** USD, or null when the text is not an amount. */
export function parseUsdAmount(text: string): number | null {
  const m = /^(?:us)?\$?\s*(\d+(?:[.,]\d+)?)\s*(k|m|mn|million|b|bn|billion)?$/i.exec(text.trim().replace(/_/g, ''));
  if (!m) return null;
  const n = Number(m[1].replace(',', '.')) * SCALE[(m[2] ?? '').toLowerCase()];
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** 5e7 -> "$50M", 1.5e9 -> "$1.5B": the short form back, for replies and the README's examples. */
export function formatUsdAmount(usd: number): string {
  const [div, unit] = usd >= 1e9 ? [1e9, 'B'] : usd >= 1e6 ? [1e6, 'M'] : usd >= 1e3 ? [1e3, 'K'] : [1, ''];
  return `$${Number((usd / div).toFixed(2))}${unit}`;
}
