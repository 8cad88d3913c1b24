// The title of a conflict alert: what disagrees, said once ("⚠️ Sources disagree on Moonshot AI's
// May 2026 round"), so the alert reads as one thing rather than a digest with "conflict" in its name.
import type { Conflict } from '../types';
import { metricLabel } from './money';
import { monthYear } from './rounds';

/** "Moonshot AI's", "Orbital Labs'". */
export const possessive = (name: string): string => (/s$/i.test(name) ? `${name}'` : `${name}'s`);

function what(c: Conflict): string {
  // A conflict inside a round carries the round; company-level figures (revenue, cash) carry none.
  if (c.roundId !== undefined) return c.date ? `${monthYear(c.date)} round` : 'latest round';
  return metricLabel(c.metric).toLowerCase();
}

export function alertTitle(conflicts: Conflict[], fallback: string): string {
  const companies = [...new Set(conflicts.map((c) => c.company))];
  if (companies.length === 0) return `⚠️ Sources disagree: ${fallback}`;
  if (companies.length > 1) {
    const shown = companies.slice(0, 2).join(' and ');
    return `⚠️ Sources disagree on ${shown}${companies.length > 2 ? ` and ${companies.length - 2} more` : ''}`;
  }
  const topics = [...new Set(conflicts.map(what))];
  return `⚠️ Sources disagree on ${possessive(companies[0])} ${topics.slice(0, 2).join(' and ')}${topics.length > 2 ? ' and more' : ''}`;
}
