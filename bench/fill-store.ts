// Fills an SQLite store file with a large ledger quickly, through the real Ledger (its keys, its
// records, its fact identity), over a Store that writes in large transactions without an fsync each.
//
// Why not the store itself: `openStore`'s SQLite store commits every key on its own (about 0.4 ms per
// write here), so recording 100,000 articles and their half a million facts would take minutes. The
// rows written here are the ones the real store writes (same table, same keyv serialisation, same
// `moonshot:` prefix), so the bot that opens the file afterwards cannot tell the difference.
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { Article, Fact, FundingEvent, WatchedCompany } from '../src/types';
import type { EntryRange, Store } from '../src/store/types';
import { openStore } from '../src/store';
import { useFastFormat } from '../src/store/serialize';
import { Ledger } from '../src/ledger';

/** The real store's key prefix (store/index.ts, NS). */
const NS = 'moonshot:';
const BATCH = 20_000;

class BulkStore implements Store {
  private written = new Map<string, unknown>();
  /** Keys by their text up to the last ':', so the ledger's per-company reads need not walk every key. */
  private buckets = new Map<string, Set<string>>();
  private rows: [string, string][] = [];
  constructor(private readonly keyv: Keyv, private readonly query: (sql: string, ...params: unknown[]) => Promise<unknown>) {}

  // The file starts empty, so what exists is exactly what this fill wrote: read back from memory.
  async get<T>(key: string): Promise<T | undefined> {
    return this.written.get(key) as T | undefined;
  }
  async set<T>(key: string, value: T): Promise<void> {
    if (!this.written.has(key)) {
      const b = key.slice(0, key.lastIndexOf(':') + 1);
      let set = this.buckets.get(b);
      if (!set) this.buckets.set(b, (set = new Set()));
      set.add(key);
    }
    this.written.set(key, value);
    // Serialised by keyv itself, exactly as the store's keyv.set would.
    this.rows.push([NS + key, String(await this.keyv.serializeData({ value, expires: undefined }))]);
    if (this.rows.length >= BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    // Later writes of a key win, as they would one at a time.
    const rows = [...new Map(this.rows)];
    this.rows = [];
    await this.query('BEGIN');
    for (let i = 0; i < rows.length; i += 400) {
      const part = rows.slice(i, i + 400);
      await this.query(`INSERT INTO keyv (key, value) VALUES ${part.map(() => '(?, ?)').join(', ')} ON CONFLICT(key) DO UPDATE SET value = excluded.value`, ...part.flat());
    }
    await this.query('COMMIT');
  }
  async getMany<T>(keys: string[]): Promise<(T | undefined)[]> {
    return keys.map((k) => this.written.get(k) as T | undefined);
  }
  async setMany(entries: { key: string; value: unknown }[]): Promise<void> {
    for (const e of entries) await this.set(e.key, e.value);
  }
  async entries<T>(prefix: string, range: EntryRange = {}): Promise<[string, T][]> {
    const lo = prefix + (range.from ?? '');
    const after = range.after !== undefined ? prefix + range.after : null;
    const out: [string, T][] = [];
    // The ledger reads a company's facts (`ledger:fact:<company>:`) and companies by such a prefix.
    const bucket = prefix.endsWith(':') && !range.from && !range.to ? this.buckets.get(prefix) ?? new Set<string>() : null;
    for (const k of bucket ?? this.written.keys()) {
      if ((bucket || (k.startsWith(prefix) && k >= lo && (range.to === undefined || k < prefix + range.to))) && (after === null || k > after)) out.push([k, this.written.get(k) as T]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, range.limit);
  }
  async delete(): Promise<boolean> { throw new Error('not used by the fill'); }
  async claim(): Promise<boolean> { throw new Error('not used by the fill'); }
  async release(): Promise<boolean> { throw new Error('not used by the fill'); }
  async keys(): Promise<string[]> { throw new Error('not used by the fill'); }
  async close(): Promise<void> { await this.flush(); }
}

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
 * Writes `articles` articles (copies of the batch, as many as needed) and their facts and events into
 * a new store file at `path`. Returns the counts written.
 */
export async function fillLedger(path: string, base: LedgerBatch, watch: WatchedCompany[], articles: number, at: Date): Promise<{ articles: number; facts: number; seconds: number }> {
  // Let the real store create the file (tables, WAL) first, then write to it in bulk.
  await (await openStore({ path })).close();
  const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 10_000 });
  await adapter.query('PRAGMA synchronous=OFF');
  // The store's own serialiser (keyv's format, faster where the value allows).
  const keyv = useFastFormat(new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true }));
  const store = new BulkStore(keyv, (sql, ...params) => adapter.query(sql, ...params));
  const ledger = new Ledger(store, watch);
  const t = performance.now();
  let done = 0;
  let facts = 0;
  for (let r = 0; done < articles; r++) {
    const copy = replica(base, r);
    const take = copy.articles.slice(0, articles - done);
    const ids = new Set(take.map((a) => a.id));
    const batch = { articles: take, facts: copy.facts.filter((f) => ids.has(f.articleId)), events: copy.events.filter((e) => e.articleIds.some((x) => ids.has(x))) };
    await ledger.record(batch, at);
    done += take.length;
    facts += batch.facts.length;
  }
  // The watched companies' summaries, as a running bot has them after the first question on each.
  for (const w of watch) await ledger.figures(w.name);
  await store.close();
  await adapter.disconnect();
  return { articles: done, facts, seconds: (performance.now() - t) / 1000 };
}
