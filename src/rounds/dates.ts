// Dates as the rounds stage compares them: whole days since the epoch, from an ISO timestamp or from
// the partial dates a text gives ("2025-11", "2024"). A partial date stands for the middle of its span,
// so that "2025-11" is as near to 1 November as to 30 November.

export const DAY_MS = 86_400_000;

/** Day number of an ISO timestamp or a YYYY / YYYY-MM / YYYY-MM-DD date; null when it is neither. */
export function dayOf(date: string | null | undefined): number | null {
  if (!date) return null;
  const partial = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (partial) {
    const [, y, m, d] = partial;
    const t = m === undefined ? Date.UTC(+y, 6, 1) : Date.UTC(+y, +m - 1, d === undefined ? 15 : +d);
    return Math.floor(t / DAY_MS);
  }
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
}

/** How precisely a date is known: a day, a month or only a year. */
export type Precision = 'day' | 'month' | 'year';

export function precisionOf(date: string): Precision {
  if (/^\d{4}$/.test(date)) return 'year';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  return 'day';
}

/** A day number written at a precision: YYYY-MM-DD, YYYY-MM or YYYY. */
export function formatDay(day: number, precision: Precision = 'day'): string {
  const iso = new Date(day * DAY_MS).toISOString();
  return precision === 'day' ? iso.slice(0, 10) : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
}
