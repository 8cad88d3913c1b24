// How a round is named to a person: "Series C, May 2026", "May 2026 round". One module owns it so the
// digest and the answers to `/moonshot` name rounds alike.
import type { Round } from '../types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "May 2026" from YYYY-MM-DD, YYYY-MM or an ISO time; "2026" from YYYY; 'undated' from nothing. */
export function monthOf(date: string | null | undefined): string {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date ?? '');
  if (!m) return 'undated';
  return m[2] ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : m[1];
}

/** "Series C, May 2026" when a source names the round, else "May 2026 round". */
export function roundLabel(r: Pick<Round, 'name' | 'date'>): string {
  return r.name ? `${r.name}, ${monthOf(r.date)}` : `${monthOf(r.date)} round`;
}
