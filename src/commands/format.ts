// Building answers: plain words, short lines, the same on every platform. How a figure reads ("$20B
// post-money") is digest/money's decision; this module only arranges lines.
import type { Claim, Conflict } from '../types';
import type { LedgerFigure } from '../types';
import { formatFigureValue, formatMoney, metricLabel } from '../digest/money';
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

export { metricLabel };

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
