// What a keyv row's expiry is. For stores with no expiry of their own keyv keeps it inside the value's
// text, `{"value":…,"expires":N}`; listing keys (in JavaScript), and the sweep and the index it walks
// (in each database's SQL), all read it from here.
import type { Dialect } from './migrate';

/**
 * keyv writes `expires` last, so its text ends with it: only the end of a long value is read. At most
 * 15 digits, so that the SQL cast to bigint cannot overflow.
 */
const TAIL = 40;
const TAIL_EXPIRES = /"expires":(\d{1,15})\}$/;

/** A stored text's expiry (ms since the epoch); null when it has none, as text keyv did not write has. */
export function rowExpires(raw: unknown): number | null {
  if (typeof raw !== 'string') return null;
  const m = TAIL_EXPIRES.exec(raw.slice(-TAIL));
  return m ? Number(m[1]) : null;
}

/** Whether a stored text's time is up at `now` (as keyv judges: after its expiry, not at it). */
export function lapsed(raw: unknown, now: number): boolean {
  const expires = rowExpires(raw);
  return expires !== null && expires < now;
}

/**
 * The same expiry in SQL over keyv's `value` column: NULL when there is none, and never an error
 * whatever the text, since an index over it is worked out on every write.
 */
export const EXPIRES_SQL: Record<Dialect, string> = {
  // SQLite's JSON functions take any text (files carry an index over this form already). For text
  // keyv wrote it gives what the rule above gives.
  sqlite: `(CASE WHEN json_valid(value) THEN json_extract(value, '$.expires') END)`,
  // Postgres before 16 has no cast of text to JSON that cannot fail: the rule above, pattern and all.
  postgres: `(substring(right(value, ${TAIL}) from '${TAIL_EXPIRES.source}')::bigint)`,
};

/**
 * The index over that expiry, of the rows that have one, so that a sweep finds what lapsed without
 * reading every stored value. Made once per database; on one written before, this statement reads
 * every row once.
 */
export const expiryIndexSql = (dialect: Dialect): string =>
  `CREATE INDEX IF NOT EXISTS keyv_expires ON keyv(${EXPIRES_SQL[dialect]}) WHERE ${EXPIRES_SQL[dialect]} IS NOT NULL`;

/** The condition a sweep deletes by (`param` is now), written as the index is so that it walks it. */
export const lapsedSql = (dialect: Dialect, param: string): string =>
  `${EXPIRES_SQL[dialect]} IS NOT NULL AND ${EXPIRES_SQL[dialect]} < ${param}`;
