// Fills a store file with a large ledger through the real store and Ledger: one transaction per
// batch recorded, as a poll writes it, and the companies' answers worked out after, as a poll does.
// The one liberty taken: the ledger's secondary indexes are made once the rows are in rather than
// kept up row by row (the same statements, so the file ends as the plain path leaves it; see
// test/bench/fill-store.test.ts).
import { sql } from 'kysely';
import type { Article, Fact, FundingEvent, WatchedCompany } from '../src/types';
import type { Store } from '../src/store';
import { openStore } from '../src/store';
import { Ledger } from '../src/ledger';

export interface LedgerBatch {
  articles: Article[];
  facts: Fact[];
  events: FundingEvent[];
}

/** Copy `r` of a batch: every article, fact and event under new ids, as if another outlet had run them. */
export function replica(b: LedgerBatch, r: number): LedgerBatch {
  if (r === 0) return b;
  const id = (x: string): string => `${x}~${r}`;
  return {
    articles: b.articles.map((a) => ({ ...a, id: id(a.id), url: a.url ? `${a.url}#r${r}` : null })),
    facts: b.facts.map((f) => ({ ...f, articleId: id(f.articleId), url: f.url ? `${f.url}#r${r}` : null })),
    events: b.events.map((e) => ({ ...e, id: id(e.id), articleIds: e.articleIds.map(id) })),
  };
}

/**
 * Writes `articles` articles (copies of the batch, as many as needed, one a day up to `at`) and their
 * facts and events into a new store file at `path`. Returns the counts written.
 */
export async function fillLedger(path: string, base: LedgerBatch, watch: WatchedCompany[], articles: number, at: Date, opts: { indexesAfter?: boolean } = {}): Promise<{ articles: number; facts: number; seconds: number }> {
  const store = await openStore({ path });
  const ledger = new Ledger(store, watch);
  const t = performance.now();
  await ledger.prepare();
  const indexes = opts.indexesAfter === false ? [] : await dropSecondaryIndexes(store);
  let done = 0;
  let facts = 0;
  // One copy a day, the last at `at`: a store a bot has filled over as many days of polls.
  const copies = Math.ceil(articles / Math.max(1, base.articles.length));
  for (let r = 0; done < articles; r++) {
    const copy = replica(base, r);
    const take = copy.articles.slice(0, articles - done);
    const ids = new Set(take.map((a) => a.id));
    const batch = { articles: take, facts: copy.facts.filter((f) => ids.has(f.articleId)), events: copy.events.filter((e) => e.articleIds.some((x) => ids.has(x))) };
    await ledger.record(batch, new Date(at.getTime() - (copies - 1 - r) * 86_400_000));
    done += take.length;
    facts += batch.facts.length;
  }
  for (const ix of indexes) await store.tables.write((trx) => sql.raw(ix).execute(trx));
  // As the poll that recorded them does: each company's answers worked out, for the questions after.
  await ledger.refresh(at);
  await store.close();
  return { articles: done, facts, seconds: (performance.now() - t) / 1000 };
}

/**
 * Drops the indexes the ledger's migrations made beside its tables' primary keys (a record looks up by
 * primary key only) and returns the statements that made them, in the order they were made.
 */
async function dropSecondaryIndexes(store: Store): Promise<string[]> {
  const rows = await store.tables.read((db) => sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND substr(tbl_name, 1, 7) = 'ledger_' ORDER BY rowid`.execute(db));
  for (const r of rows.rows) await store.tables.write((trx) => sql.raw(`DROP INDEX "${r.name.replace(/"/g, '""')}"`).execute(trx));
  return rows.rows.map((r) => r.sql);
}
