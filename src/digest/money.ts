// How a figure reads to a person: "$2B", "¥3B (≈$420M)", "> $20B", "~$2B", "$1–2B post-money,
// Series C (in talks)". One module owns this so Slack, Discord, markdown and the console agree.
import type { Basis, Metric, Money, Status, When } from '../types';

const SYMBOLS: Record<string, string> = {
  USD: '$', EUR: '€', GBP: '£', CNY: '¥', JPY: 'JP¥', HKD: 'HK$', SGD: 'S$', CAD: 'C$', AUD: 'A$',
  INR: '₹', KRW: '₩', TWD: 'NT$', ILS: '₪', BRL: 'R$',
};

const SCALES: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];

function prefix(currency: string): string {
  const c = currency.toUpperCase();
  return SYMBOLS[c] ?? `${c} `;
}

function scaleOf(n: number): [number, string] {
  const a = Math.abs(n);
  for (const s of SCALES) if (a >= s[0]) return s;
  return [1, ''];
}

/** A number in a given scale, with at most two decimals and no trailing zeros: 1.25, 2, 420. */
function digits(n: number, scale: number): string {
  const v = n / scale;
  const rounded = Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
  return String(rounded);
}

/** 2e9 -> "2B", 5e8 -> "500M", 1234 -> "1.23K". */
export function compactNumber(n: number): string {
  const [scale, unit] = scaleOf(n);
  return `${digits(n, scale)}${unit}`;
}

/** An amount alone, in its own currency: "$2B", "¥3B". */
export function formatAmount(value: number, currency: string): string {
  return `${prefix(currency)}${compactNumber(value)}`;
}

/** "$1–2B" when both ends share a unit, "$500M–1.2B" otherwise. */
function formatRange(low: number, high: number, currency: string): string {
  const [ls, lu] = scaleOf(low);
  const [hs, hu] = scaleOf(high);
  const left = lu === hu ? digits(low, ls) : `${digits(low, ls)}${lu}`;
  return `${prefix(currency)}${left}–${digits(high, hs)}${hu}`;
}

/** The written part of a Money: exact, approximate, open-ended or a range. */
function formatWritten(m: Money): string {
  const { low, high } = m;
  if (low !== null && high !== null && low !== high) return formatRange(low, high, m.currency);
  if (low !== null && high === null && low === m.value && !m.approx) return `> ${formatAmount(low, m.currency)}`;
  if (high !== null && low === null && high === m.value && !m.approx) return `< ${formatAmount(high, m.currency)}`;
  return `${m.approx ? '~' : ''}${formatAmount(m.value, m.currency)}`;
}

/**
 * A Money as a person reads it. A foreign amount carries its USD equivalent:
 * "¥3B (≈$420M)"; an amount in USD, or with no known rate, stands alone.
 */
export function formatMoney(m: Money): string {
  const written = formatWritten(m);
  if (m.currency.toUpperCase() === 'USD' || m.usd === null) return written;
  return `${written} (≈${formatAmount(m.usd, 'USD')})`;
}

export const METRIC_LABELS: Record<Metric, string> = {
  round_size: 'Round',
  valuation: 'Valuation',
  total_raised: 'Total raised',
  revenue: 'Revenue',
  cash_reserves: 'Cash',
  lead_investor: 'Lead investor',
  investor: 'Investor',
};

export function metricLabel(metric: Metric): string {
  return METRIC_LABELS[metric] ?? metric;
}

/** What qualifies a figure; each part optional. */
export interface FigureQualifiers {
  amount?: Money;
  name?: string;
  basis?: Basis;
  round?: string;
  when?: When;
  status?: Status;
}

/** "$2B post-money, Series C (in talks)", "Sequoia China (Series C) (past)". */
export function formatFigureValue(f: FigureQualifiers): string {
  let text: string;
  if (f.amount) {
    text = formatMoney(f.amount) + (f.basis ? ` ${f.basis}-money` : '');
    if (f.round) text += `, ${f.round}`;
  } else {
    // After a name, ", Series C" would read as part of the name.
    text = f.name ?? '?';
    if (f.round) text += ` (${f.round})`;
  }
  if (f.status === 'talks') text += ' (in talks)';
  if (f.when === 'past') text += ' (past)';
  return text;
}
