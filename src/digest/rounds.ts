// A round and a current answer as one line a person reads, the same in the scan's markdown, the chat
// replies and the digests: "Series C · May 2026 · $2B at $20B post-money · led by Sequoia China
// ⚠ disputed: Meituan Longzhu (1 source) · 4 sources". Plain text; each platform escapes it.
import type { CurrentAnswer, Round } from '../types';
import { formatMoney } from './money';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "May 2026" for 2026-05 or 2026-05-07; "2025" for a year alone; "undated" for none. */
export function monthYear(date: string | null | undefined): string {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date ?? '');
  if (!m) return 'undated';
  return m[2] ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : m[1];
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function roundLine(r: Round): string {
  const parts: string[] = [`${r.name ?? 'Round'}${r.status === 'talks' ? ' (in talks)' : ''}`, monthYear(r.date)];
  const size = r.round_size ? formatMoney(r.round_size.amount) : null;
  const val = r.valuation ? `${formatMoney(r.valuation.amount)}${r.valuation.basis ? ` ${r.valuation.basis}-money` : ''}` : null;
  if (size && val) parts.push(`${size} at ${val}`);
  else if (size) parts.push(size);
  else if (val) parts.push(`valued at ${val}`);
  if (r.lead_investors.length) {
    const [first, ...rest] = r.lead_investors;
    parts.push(r.lead_disputed
      ? `led by ${first.name} ⚠ disputed: ${rest.map((l) => `${l.name} (${plural(l.sources, 'source')})`).join(', ')}`
      : `led by ${r.lead_investors.map((l) => l.name).join(' and ')}`);
  }
  const disputed = [r.round_size?.disputed && 'size', r.valuation?.disputed && 'valuation'].filter(Boolean);
  if (disputed.length) parts.push(`⚠ ${disputed.join(' and ')} disputed`);
  parts.push(plural(r.articleIds.length, 'source'));
  return parts.join(' · ');
}

/** "$20B post-money (May 2026 round, 4 sources agree); in talks at ~$30B (Nov 2026, 1 source)". */
export function currentLine(a: CurrentAnswer): string {
  const value = a.amount ? `${formatMoney(a.amount)}${a.basis ? ` ${a.basis}-money` : ''}` : (a.names ?? []).join(', ');
  const agree = a.disputed ? `${plural(a.sources, 'source')}, disputed` : a.sources === 1 ? '1 source' : `${a.sources} sources agree`;
  const when = a.roundId ? `${monthYear(a.asOf)} round` : `as of ${monthYear(a.asOf)}`;
  let line = `${value} (${when}, ${agree})`;
  if (a.talks) {
    const t = a.talks.amount ? formatMoney(a.talks.amount) : (a.talks.names ?? []).join(', ');
    line += `; in talks at ${t} (${monthYear(a.talks.asOf)}, ${plural(a.talks.sources, 'source')})`;
  }
  return line;
}
