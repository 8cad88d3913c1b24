// The bench's fill makes the ledger's secondary indexes after the rows are in, not as they go in: the
// file it leaves must be the one the plain path (every index kept up by each record) leaves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { generateCorpus, xmlFeeds } from '../../bench/corpus';
import { measurePipeline } from '../../bench/measure/pipeline';
import { fillLedger } from '../../bench/fill-store';
import { readingContext } from '../../src/facts/extract';
import { DEFAULT_RATES } from '../../src/facts/rates';
import { openStore } from '../../src/store';

/** Every table's rows in order and every schema entry, as one comparable value (migration times left out). */
async function dump(path: string): Promise<Record<string, unknown[]>> {
  const store = await openStore({ path });
  try {
    return await store.tables.read(async (db) => {
      const schema = (await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`.execute(db)).rows;
      const out: Record<string, unknown[]> = { schema };
      for (const t of schema.filter((r) => r.type === 'table')) {
        const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t.name)} ORDER BY rowid`.execute(db)).rows;
        out[t.name] = t.name === 'moonshot_schema' ? rows.map(({ applied_at: _at, ...r }) => r) : rows;
      }
      out.integrity = (await sql`PRAGMA integrity_check`.execute(db)).rows;
      return out;
    });
  } finally {
    await store.close();
  }
}

describe('bench fill', () => {
  it('leaves the same tables, rows and indexes as recording with every index kept up', async () => {
    const corpus = generateCorpus({ seed: 11, feeds: 8, itemsPerFeed: 6 });
    const ctx = readingContext({ watch: corpus.watch, rates: DEFAULT_RATES, now: new Date(Date.UTC(2026, 10, 20)) });
    const { result } = await measurePipeline(xmlFeeds(corpus), ctx);
    expect(result.facts.length).toBeGreaterThan(0);
    const base = { articles: result.articles, facts: result.facts, events: result.events };
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-fill-test-'));
    try {
      const at = new Date(Date.UTC(2026, 10, 20, 11));
      // Three copies and part of a fourth: the last batch cut short, as a fill of any size may be.
      const articles = 3 * base.articles.length + 2;
      const fast = await fillLedger(join(dir, 'after.sqlite'), base, corpus.watch, articles, at);
      const plain = await fillLedger(join(dir, 'plain.sqlite'), base, corpus.watch, articles, at, { indexesAfter: false });
      expect(fast).toMatchObject({ articles: plain.articles, facts: plain.facts });
      const [a, b] = [await dump(join(dir, 'after.sqlite')), await dump(join(dir, 'plain.sqlite'))];
      expect((a.ledger_facts ?? []).length).toBe(plain.facts);
      expect((a.schema as { name: string }[]).map((r) => r.name)).toEqual(expect.arrayContaining(['ledger_facts_company_seen', 'ledger_events_first_seen']));
      expect(a).toEqual(b);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
