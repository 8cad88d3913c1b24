// Feed dates: RFC 822 as feeds really write it (two-digit years, missing seconds, named zones),
// ISO 8601 / W3CDTF (dc:date, Atom), and whatever else Date.parse reads. A date that cannot be
// trusted becomes null, never "now": a wrong date would reorder a digest and fake freshness.

export interface DateOptions {
  /** The reference time for "in the future" (default: the clock). */
  now?: Date;
}

const EARLIEST = Date.UTC(1990, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
};

/** Offsets in minutes east of UTC for the zone names feeds use. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600,
  ast: -240, adt: -180, nst: -210, ndt: -150,
};

function zoneOffset(z: string | undefined): number | null {
  if (!z) return 0;
  const t = z.trim();
  const num = /^(?:GMT|UTC|UT)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(t);
  if (num) {
    const h = Number(num[2]);
    const m = Number(num[3] ?? 0);
    if (h > 14 || m > 59) return null;
    return (num[1] === '-' ? -1 : 1) * (h * 60 + m);
  }
  const named = ZONES[t.toLowerCase()];
  if (named !== undefined) return named;
  if (/^[A-IK-Z]$/i.test(t)) return 0; // military letters: RFC 1123 says treat them as unknown, i.e. UTC
  if (/^[A-Z]{2,5}$/i.test(t)) return 0; // an unknown zone name: the time itself is still worth keeping
  return null;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): number | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo, d, h, mi, Math.min(s, 59)) - offsetMin * 60_000;
  const check = new Date(Date.UTC(y, mo, d));
  if (check.getUTCDate() !== d) return null; // 31 February
  return t;
}

const ISO = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 = /^(?:[A-Za-z]{2,12}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2,4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:\(?([A-Za-z]{1,5}|(?:GMT|UTC|UT)?[+-]\d{1,2}:?\d{0,2})\)?)?(?:\s*\(.*\))?$/;
// "Tuesday, March 3 2009 10:00 GMT" and friends: month before day.
const MONTH_FIRST = /^(?:[A-Za-z]{2,12}\.?,?\s*)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$/i;

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  return n;
}

function parseMs(raw: string): number | null {
  const s = raw.trim().replace(/\s+/g, ' ');
  let m = ISO.exec(s);
  if (m) {
    const off = zoneOffset(m[7]);
    if (off === null) return null;
    return build(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), off);
  }
  m = RFC822.exec(s);
  if (m) {
    const mo = MONTHS[m[2].slice(0, 4).toLowerCase()] ?? MONTHS[m[2].slice(0, 3).toLowerCase()];
    const off = zoneOffset(m[7]);
    if (mo === undefined || off === null) return null;
    return build(fullYear(m[3]), mo, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), off);
  }
  m = MONTH_FIRST.exec(s);
  if (m) {
    const mo = MONTHS[m[1].slice(0, 4).toLowerCase()] ?? MONTHS[m[1].slice(0, 3).toLowerCase()];
    const off = zoneOffset(m[8]);
    if (mo === undefined || off === null) return null;
    let h = Number(m[4] ?? 0);
    if (m[7]) h = (h % 12) + (m[7].toLowerCase() === 'pm' ? 12 : 0);
    return build(Number(m[3]), mo, Number(m[2]), h, Number(m[5] ?? 0), Number(m[6] ?? 0), off);
  }
  // Last resort, but only for text that at least carries a four-digit year.
  if (!/\b\d{4}\b/.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** An ISO-8601 timestamp, or null for an empty, unreadable or implausible date. */
export function parseFeedDate(raw: string | null | undefined, opts: DateOptions = {}): string | null {
  if (!raw || !raw.trim()) return null;
  const t = parseMs(raw);
  if (t === null || Number.isNaN(t)) return null;
  const now = (opts.now ?? new Date()).getTime();
  if (t < EARLIEST || t > now + FUTURE_SLACK_MS) return null;
  return new Date(t).toISOString();
}
