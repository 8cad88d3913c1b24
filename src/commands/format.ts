// Building answers: plain words, short lines, the same on every platform. How a figure reads ("$20B
// post-money") is digest/money's decision; this module only arranges lines.
import type { Basis, Claim, Conflict, CurrentAnswer, Fact, Money, Round } from '../types';
import type { LedgerFigure } from '../types';
import { formatFigureValue, formatMoney, metricLabel } from '../digest/money';
import { monthOf, roundLabel } from '../ledger/round-label';
import type { Reply, ReplyKind, ReplyLink, ReplySection } from './types';

export function reply(kind: ReplyKind, title: string, sections: ReplySection[] = [], links: ReplyLink[] = [], share = false): Reply {
  return { kind, share, title, sections: sections.filter((s) => s.lines.length || s.heading), links };
}

export const lines = (...ls: (string | null | undefined | false)[]): ReplySection => ({ lines: ls.filter((l): l is string => !!l) });

/** "3 Nov 2026" from ISO-8601; the date a person reads, in UTC. */
export function day(iso: string | null | undefined): string {
  if (!iso) return 'undated';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function figureValue(f: LedgerFigure): string {
  return formatFigureValue(f);
}

export function claimValue(c: Claim): string {
  const head = c.amount ? formatMoney(c.amount) : (c.name ?? '?');
  return c.round ? `${head}, ${c.round}` : head;
}

export function claimLine(c: Claim): string {
  const sources = [...new Set(c.sources)];
  return `${claimValue(c)} — ${plural(c.articleIds.length || sources.length, 'source')}: ${sources.join(', ')}`;
}

/** One line saying who disagrees: "$20B (4 sources) vs $18B (1 source)". */
export function conflictSummary(c: Conflict): string {
  return c.claims.map((cl) => `${claimValue(cl)} (${plural(cl.articleIds.length || cl.sources.length, 'source')})`).join(' vs ');
}

export function sourceLinks(f: LedgerFigure, max = 5): ReplyLink[] {
  return f.sources.filter((s) => s.url).slice(0, max).map((s) => ({ label: `${s.source}${s.published ? `, ${day(s.published)}` : ''}`, url: s.url! }));
}

export { metricLabel, monthOf, roundLabel };

/** Links to the articles facts were read from, one per link, newest first. */
export function factLinks(facts: Pick<Fact, 'source' | 'url' | 'published'>[], max = 5): ReplyLink[] {
  const seen = new Set<string>();
  return [...facts].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
    .filter((f) => f.url && !seen.has(f.url) && seen.add(f.url))
    .slice(0, max).map((f) => ({ label: `${f.source}${f.published ? `, ${day(f.published)}` : ''}`, url: f.url! }));
}

/** "$20B post-money". */
export const moneyValue = (m: Money, basis?: Basis): string => `${formatMoney(m)}${basis ? ` ${basis}-money` : ''}`;

/** "4 sources agree", "1 source", "3 sources, disputed". */
export function agreement(sources: number, disputed: boolean): string {
  if (disputed) return `${plural(sources, 'source')}, disputed`;
  return sources === 1 ? '1 source' : `${sources} sources agree`;
}

/** A claim's count of sources: the articles behind it (a source name may stand for several). */
const claimCount = (c: Claim): number => c.articleIds.length || new Set(c.sources).size;

/** The side most sources take first: the one matching the consensus `value` when given. */
function sides(c: Conflict, value?: string): { main: Claim; others: Claim[] } {
  const ranked = [...c.claims].sort((a, b) => claimCount(b) - claimCount(a));
  const main = (value !== undefined ? ranked.find((cl) => claimValue({ ...cl, round: undefined }) === value) : undefined) ?? ranked[0];
  return { main, others: ranked.filter((cl) => cl !== main) };
}

const disputedBy = (others: Claim[]): string => ` ⚠ disputed: ${others.map((cl) => `${claimValue({ ...cl, round: undefined })} (${plural(claimCount(cl), 'source')})`).join(', ')}`;

/**
 * One round on one line: "Series C · May 2026 · $2B at $20B post-money · led by Sequoia China
 * ⚠ disputed: Meituan Longzhu (1 source) · 4 sources".
 */
export function roundLine(r: Round, conflicts: Conflict[]): string {
  const mine = (metric: string): Conflict | undefined => conflicts.find((c) => c.roundId === r.id && c.metric === metric);
  const parts = [r.name ?? 'Round', monthOf(r.date)];
  if (r.status === 'talks') parts.push('in talks');
  const size = r.round_size ? formatMoney(r.round_size.amount) : null;
  const val = r.valuation ? moneyValue(r.valuation.amount, r.valuation.basis) : null;
  const disputeOf = (metric: 'round_size' | 'valuation', shown: string | null): string => {
    const c = mine(metric);
    return c && shown ? disputedBy(sides(c, formatMoney(r[metric]!.amount)).others) : '';
  };
  const money = size && val ? `${size}${disputeOf('round_size', size)} at ${val}${disputeOf('valuation', val)}`
    : size ? `${size}${disputeOf('round_size', size)}` : val ? `valued at ${val}${disputeOf('valuation', val)}` : null;
  if (money) parts.push(money);
  const leadConflict = mine('lead_investor');
  if (leadConflict) {
    const { main, others } = sides(leadConflict);
    parts.push(`led by ${main.name ?? '?'}${disputedBy(others)}`);
  } else if (r.lead_investors.length) {
    parts.push(`led by ${r.lead_investors.map((l) => l.name).join(' and ')}`);
  }
  parts.push(plural(r.articleIds.length, 'source'));
  return parts.join(' · ');
}

/** "$20B post-money (May 2026 round, 4 sources agree); in talks at ~$30B (Nov 2026, 1 source)". */
export function currentValuationLine(v: CurrentAnswer, rounds: Round[]): string {
  const round = rounds.find((r) => r.id === v.roundId);
  const talks = v.talks ? `in talks at ${v.talks.amount ? moneyValue(v.talks.amount, v.talks.basis) : 'an undisclosed figure'} (${monthOf(v.talks.asOf)}, ${plural(v.talks.sources, 'source')})` : null;
  if (!v.amount) return talks ?? 'no figure';
  const head = `${moneyValue(v.amount, v.basis)} (${round ? roundLabel(round) : monthOf(v.asOf)}, ${agreement(v.sources, v.disputed)})`;
  return talks ? `${head}; ${talks}` : head;
}

/** Both sides of a disagreement, with their sources: one line each. */
export function disputeLines(c: Conflict, rounds: Round[]): string[] {
  const round = rounds.find((r) => r.id === c.roundId);
  const where = round ? ` on the ${roundLabel(round)}` : c.date ? ` (${monthOf(c.date)})` : '';
  return [`Sources disagree${where}:`, ...c.claims.map((cl) => `  ${claimLine({ ...cl, round: undefined })}`)];
}

/** A reply as plain text, for the terminal and for logs. */
export function replyText(r: Reply): string {
  const out = [r.title];
  for (const s of r.sections) {
    out.push('');
    if (s.heading) out.push(s.heading);
    out.push(...s.lines);
  }
  if (r.links.length) {
    out.push('');
    out.push(...r.links.map((l) => `${l.label}: ${l.url}`));
  }
  return out.join('\n') + '\n';
}
