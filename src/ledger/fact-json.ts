// A page of fact rows as one JSON text. The sqlite3 driver makes every value of every row a JavaScript
// value of its own, which costs more than the query itself on a company's tens of thousands of facts;
// SQLite can hand the same page over as one text that V8 parses far faster. Reals are written with 17
// significant digits (what gives the same double back) and infinities by name, so each row reads back
// as the driver would have given it. `rowsOfJson` is checked against the driver's rows in
// test/ledger/fact-pages.test.ts.
import { sql, type RawBuilder } from 'kysely';
import type { FactsTable } from './schema';

/** Every column of a fact row, in the order the JSON arrays carry them. */
export const FACT_COLUMNS = [
  'company_key', 'key', 'article_id', 'company', 'metric', 'amount_value', 'currency', 'usd', 'low', 'high', 'approx', 'name',
  'basis', 'round_name', 'when_said', 'status', 'ref_date', 'confidence', 'quote', 'source', 'url', 'published', 'first_seen',
  'backfill', 'superseded_at',
] as const satisfies readonly (keyof FactsTable)[];

// Every column is listed: a column added to the table and not here fails to compile.
type Missing = Exclude<keyof FactsTable, (typeof FACT_COLUMNS)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;

const REALS = new Set<string>(['amount_value', 'usd', 'low', 'high']);
// rowsOfJson reads the arrays by position: FACT_COLUMNS' order is theirs.

/** The page's rows as one JSON array of arrays (`alias` names the page's rows). An aggregate's own
 *  ORDER BY would turn each array into a string, so the order is put back by `rowsOfJson`. */
export function jsonPageOf(alias: string): RawBuilder<string> {
  const cells = FACT_COLUMNS.map((c) => {
    const ref = sql.ref(`${alias}.${c}`);
    return REALS.has(c)
      ? sql`CASE WHEN ${ref} IS NULL THEN NULL WHEN ${ref} = 9e999 THEN 'Infinity' WHEN ${ref} = -9e999 THEN '-Infinity' ELSE printf('%!.17g', ${ref}) END`
      : sql`${ref}`;
  });
  return sql<string>`json_group_array(json_array(${sql.join(cells)}))`;
}

/** The rows of such a page, as the driver gives rows (reals as numbers again), in the order the
 *  ledger reads facts: by first seen, then key (both ASCII text, so compared as SQLite compares them). */
export function rowsOfJson(text: string): FactsTable[] {
  const arrays = JSON.parse(text) as unknown[][];
  const real = (v: unknown): number | null => (typeof v === 'string' ? Number(v) : (v as number | null));
  // One literal per row, in FACT_COLUMNS' order: every row gets the same shape.
  const rows = arrays.map((a): FactsTable => ({
    company_key: a[0] as string, key: a[1] as string, article_id: a[2] as string, company: a[3] as string, metric: a[4] as string,
    amount_value: real(a[5]), currency: a[6] as string | null, usd: real(a[7]), low: real(a[8]), high: real(a[9]), approx: a[10] as number | null,
    name: a[11] as string | null, basis: a[12] as string | null, round_name: a[13] as string | null, when_said: a[14] as string,
    status: a[15] as string, ref_date: a[16] as string | null, confidence: a[17] as string | null, quote: a[18] as string,
    source: a[19] as string, url: a[20] as string | null, published: a[21] as string | null, first_seen: a[22] as string,
    backfill: a[23] as number, superseded_at: a[24] as string | null,
  }));
  const order = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return rows.sort((a, b) => order(a.first_seen, b.first_seen) || order(a.key, b.key));
}
