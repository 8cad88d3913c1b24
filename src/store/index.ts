// The store: keyv over a SQLite file (default, no server), Redis or Postgres (STORE_URL). keyv does
// get/set/delete; `claim` and `keys` go to the backend's own primitives, because keyv has no atomic
// set-if-absent and its iterator cannot filter by prefix. Errors always propagate (throwOnErrors):
// a store that fails must stop a poll cycle, never make everything look new.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import type { EntryRange, Store, Tables } from './types';
import { useFastFormat } from './serialize';
import { entryPages } from './pages';
import { postgresTables, sqliteTables, SQLITE_SYNCHRONOUS, type OpenTables } from './tables';
import { runMigrations, MIGRATION_LOCK, type Migration } from './migrate';
import { expiryIndexSql, lapsed, lapsedSql } from './expiry';

export type { EntryRange, Store, Tables } from './types';
export { entryPages };

/** All our keys live under this prefix, so a shared Redis or Postgres can hold other things too. */
const NS = 'moonshot:';

/** What each backend adds to keyv: the atomic claim and prefix listing. */
interface Backend {
  claim(key: string, owner: string, ttlMs: number | undefined, now: number): Promise<boolean>;
  release(key: string, owner: string): Promise<boolean>;
  keys(prefix: string, now: number): Promise<string[]>;
  /**
   * Rows with lo <= key < hi (lo < key when `after`) as keyv stored them (serialised), ordered by
   * key; the first `limit` of them when given.
   */
  range(prefix: string, lo: string, hi: string, opts?: RangeOptions): Promise<[string, unknown][]>;
  /**
   * The keys with lo <= key < hi, ordered, for a backend with no ordered key space (Redis): a paged
   * read then lists them once and reads their values a page at a time, instead of listing them per page.
   */
  rangeKeys?(prefix: string, lo: string, hi: string): Promise<string[]>;
  /** Serialised values of many keys in one query; absent = keyv's own getMany. */
  getManyRaw?(keys: string[]): Promise<(unknown | undefined)[]>;
  /** Writes serialised values in one atomic statement (one MULTI on Redis); ttl for native expiry. */
  setManyRaw(rows: [string, string, number | undefined][]): Promise<void>;
  close(): Promise<void>;
}

interface RangeOptions { limit?: number; after?: boolean }

/** The first string after every string that starts with `s` (for a key range of a prefix). */
const successor = (s: string): string => s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1);

export interface OpenStoreOptions {
  /** redis://..., rediss://..., postgres://... or postgresql://...; absent = SQLite at `path`. */
  url?: string | null;
  /** SQLite file; default data/moonshot.sqlite. With Redis, the ledger's tables are kept in it. */
  path?: string;
  /** How often lapsed claims and values are swept out (SQLite, Postgres); default 10 minutes. */
  sweepEveryMs?: number;
}

export class StoreError extends Error {}

class KeyvStore implements Store {
  private closed = false;
  readonly tables: Tables;
  constructor(private readonly keyv: Keyv, private readonly backend: Backend, private readonly sql: OpenTables, readonly description: string) {
    this.tables = {
      dialect: sql.dialect,
      read: (fn) => { this.live(); return fn(sql.db); },
      write: (fn) => { this.live(); return sql.db.transaction().execute(fn); },
      migrate: (migrations) => this.migrate(migrations),
    };
  }

  private readonly migrated = new Map<readonly Migration[], Promise<void>>();

  /** Brings the tables up to date, importing what an older layout left in the key-value store. */
  private migrate(migrations: readonly Migration[]): Promise<void> {
    this.live();
    let done = this.migrated.get(migrations);
    if (!done) {
      done = runMigrations(this.sql.db, this, this.sql.dialect, migrations).catch((err: unknown) => {
        this.migrated.delete(migrations);
        throw new StoreError(`cannot bring the ledger's tables up to date: ${err instanceof Error ? err.message : String(err)}`);
      });
      this.migrated.set(migrations, done);
    }
    return done;
  }

  private live(): void {
    if (this.closed) throw new StoreError('the store is closed');
  }
  async get<T>(key: string): Promise<T | undefined> {
    this.live();
    return (await this.keyv.get<T>(NS + key)) ?? undefined;
  }
  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.live();
    const ok = await this.keyv.set(NS + key, value, ttlMs);
    if (!ok) throw new StoreError(`could not write ${key}`);
  }
  async delete(key: string): Promise<boolean> {
    this.live();
    return this.keyv.delete(NS + key);
  }
  async claim(key: string, owner: string, ttlMs?: number): Promise<boolean> {
    this.live();
    return this.backend.claim(NS + key, owner, ttlMs, Date.now());
  }
  async release(key: string, owner: string): Promise<boolean> {
    this.live();
    return this.backend.release(NS + key, owner);
  }
  async keys(prefix: string): Promise<string[]> {
    this.live();
    return (await this.backend.keys(NS + prefix, Date.now())).map((k) => k.slice(NS.length));
  }
  async entries<T>(prefix: string, range: EntryRange = {}): Promise<[string, T][]> {
    this.live();
    const p = NS + prefix;
    const hi = range.to !== undefined ? p + range.to : successor(p);
    let lo = range.after !== undefined ? p + range.after : p + (range.from ?? '');
    let after = range.after !== undefined;
    if (after && range.from !== undefined && p + range.from > lo) [lo, after] = [p + range.from, false];
    const limit = range.limit;
    const now = Date.now();
    const out: [string, T][] = [];
    // With a limit, lapsed values do not count towards it: read on until `limit` live ones or the end.
    for (;;) {
      const want = limit === undefined ? undefined : limit - out.length;
      const rows = await this.backend.range(p, lo, hi, { limit: want, after });
      for (const [k, raw] of rows) {
        const v = await this.decode<T>(raw, now);
        if (v !== undefined) out.push([k.slice(NS.length), v]);
      }
      if (want === undefined || rows.length < want || out.length >= (limit ?? 0)) return out;
      [lo, after] = [rows[rows.length - 1][0], true];
    }
  }
  async *pages<T>(prefix: string, range: Omit<EntryRange, 'after' | 'limit'> = {}, size = 2000): AsyncGenerator<[string, T][]> {
    this.live();
    const p = NS + prefix;
    if (!this.backend.rangeKeys || !this.backend.getManyRaw) {
      yield* entryPages<T>({ entries: this.entries.bind(this) }, prefix, range, size);
      return;
    }
    const keys = await this.backend.rangeKeys(p, p + (range.from ?? ''), range.to !== undefined ? p + range.to : successor(p));
    for (let i = 0; i < keys.length; i += size) {
      this.live();
      const part = keys.slice(i, i + size);
      const raws = await this.backend.getManyRaw(part);
      const now = Date.now();
      const page: [string, T][] = [];
      for (const [j, raw] of raws.entries()) {
        const v = raw === undefined ? undefined : await this.decode<T>(raw, now);
        if (v !== undefined) page.push([part[j].slice(NS.length), v]);
      }
      if (page.length) yield page;
    }
  }
  async getMany<T>(keys: string[]): Promise<(T | undefined)[]> {
    this.live();
    if (keys.length === 0) return [];
    if (!this.backend.getManyRaw) {
      const vals = await this.keyv.getMany<T>(keys.map((k) => NS + k));
      return vals.map((v) => v ?? undefined);
    }
    const out: (T | undefined)[] = [];
    const now = Date.now();
    // Bounded chunks: one statement per chunk, whatever the number of keys.
    for (let i = 0; i < keys.length; i += 5000) {
      const raws = await this.backend.getManyRaw(keys.slice(i, i + 5000).map((k) => NS + k));
      for (const raw of raws) out.push(raw === undefined ? undefined : await this.decode<T>(raw, now));
    }
    return out;
  }
  async setMany(entries: { key: string; value: unknown; ttlMs?: number }[]): Promise<void> {
    this.live();
    if (entries.length === 0) return;
    const now = Date.now();
    // Later entries for one key win, as they would one at a time.
    const rows = new Map<string, [string, string, number | undefined]>();
    for (const e of entries) {
      const raw = String(await this.keyv.serializeData({ value: e.value, expires: e.ttlMs ? now + e.ttlMs : undefined }));
      rows.set(NS + e.key, [NS + e.key, raw, e.ttlMs || undefined]);
    }
    await this.backend.setManyRaw([...rows.values()]);
  }
  private async decode<T>(raw: unknown, now: number): Promise<T | undefined> {
    if (raw === null || raw === undefined) return undefined;
    const d = await this.keyv.deserializeData<T>(raw as string);
    if (!d) return undefined;
    if (typeof d.expires === 'number' && d.expires < now) return undefined;
    return d.value ?? undefined;
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.backend.close(), this.sql.db.destroy()]);
  }
}

/** Opens the store the options name; fails (with a plain message) when it cannot be reached. */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store & { description: string }> {
  const url = opts.url?.trim() || null;
  const sweepEveryMs = opts.sweepEveryMs ?? SWEEP_EVERY_MS;
  const file = resolve(opts.path ?? 'data/moonshot.sqlite');
  if (!url) return openSqlite(file, sweepEveryMs);
  // Redis has no tables: the ledger's are kept in the SQLite file (one per instance).
  if (/^rediss?:\/\//i.test(url)) return openRedis(url, file);
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url, sweepEveryMs);
  throw new StoreError(`STORE_URL must start with redis://, rediss:// or postgres:// (got "${url.replace(/\/\/[^@/]*@/, '//…@')}")`);
}

/** How often the SQLite and Postgres stores sweep out lapsed claims and values. */
const SWEEP_EVERY_MS = 10 * 60_000;

const RELEASE_LUA = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

const likePrefix = (prefix: string): string => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

/**
 * SQLite and Postgres have no expiry of their own: lapsed claims (one per poll, digest slot and send)
 * and lapsed keyv values would pile up forever. Swept now and then from claim(), which every cycle
 * calls: `sweep` runs at the first call after each `everyMs`.
 */
function sweeper(everyMs: number, sweep: (now: number) => Promise<void>): (now: number) => Promise<void> {
  let next = 0;
  return async (now) => {
    if (now < next) return;
    next = now + everyMs;
    await sweep(now);
  };
}

// ---------------------------------------------------------------- SQLite (embedded default)

async function openSqlite(file: string, sweepEveryMs: number): Promise<KeyvStore> {
  mkdirSync(dirname(file), { recursive: true });
  const { default: KeyvSqlite } = await import('@keyv/sqlite');
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
  adapter.on('error', () => { /* rethrown to the caller by throwOnErrors */ });
  const q = adapter.query;
  // WAL lets a second process (or `moonshot scan --store`) read while the bot writes.
  await q('PRAGMA journal_mode=WAL');
  await q(`PRAGMA synchronous=${SQLITE_SYNCHRONOUS}`);
  await q('CREATE TABLE IF NOT EXISTS moonshot_claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires INTEGER)');
  await q(expiryIndexSql('sqlite'));
  const keyv = useFastFormat(new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true }));
  keyv.on('error', () => { /* thrown as well */ });
  const sweep = sweeper(sweepEveryMs, async (now) => {
    await q('DELETE FROM moonshot_claims WHERE expires IS NOT NULL AND expires <= ?', now);
    await q(`DELETE FROM keyv WHERE ${lapsedSql('sqlite', '?')}`, now);
  });
  const backend: Backend = {
    async claim(key, owner, ttlMs, now) {
      await sweep(now);
      // One statement: insert, or take over an expired claim; RETURNING says whether a row was written.
      const rows = (await q(
        `INSERT INTO moonshot_claims (key, owner, expires) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
         WHERE moonshot_claims.expires IS NOT NULL AND moonshot_claims.expires <= ?
         RETURNING key`,
        key, owner, ttlMs ? now + ttlMs : null, now,
      )) as unknown[];
      return rows.length === 1;
    },
    async release(key, owner) {
      const rows = (await q('DELETE FROM moonshot_claims WHERE key = ? AND owner = ? RETURNING key', key, owner)) as unknown[];
      return rows.length === 1;
    },
    async keys(prefix, now) {
      // A key range, not LIKE (which ignores case in SQLite, so it cannot use the index and reads every row).
      const rows = (await q('SELECT key, value FROM keyv WHERE key >= ? AND key < ?', prefix, successor(prefix))) as { key: string; value: string }[];
      return rows.filter((r) => !lapsed(r.value, now)).map((r) => r.key);
    },
    async range(_prefix, lo, hi, { limit, after } = {}) {
      // A key range, not LIKE: SQLite walks the primary-key index from lo and stops at hi.
      const rows = (await q(`SELECT key, value FROM keyv WHERE key ${after ? '>' : '>='} ? AND key < ? ORDER BY key LIMIT ?`, lo, hi, limit ?? -1)) as { key: string; value: string }[];
      return rows.map((r) => [r.key, r.value]);
    },
    async getManyRaw(keys) {
      const rows = (await q('SELECT key, value FROM keyv WHERE key IN (SELECT value FROM json_each(?))', JSON.stringify(keys))) as { key: string; value: string }[];
      const byKey = new Map(rows.map((r) => [r.key, r.value]));
      return keys.map((k) => byKey.get(k));
    },
    async setManyRaw(rows) {
      // One statement is one transaction: every row lands, or none does, with a single commit.
      await q(
        `INSERT INTO keyv (key, value) SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) AS j WHERE true
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        JSON.stringify(rows.map(([k, v]) => [k, v])),
      );
    },
    close: () => adapter.disconnect(),
  };
  return new KeyvStore(keyv, backend, await sqliteTables(file), `SQLite file ${file}`);
}

// ---------------------------------------------------------------- Redis

async function openRedis(url: string, tablesFile: string): Promise<KeyvStore> {
  const { default: KeyvRedis, createClient } = await import('@keyv/redis');
  // disableOfflineQueue: while Redis is away, a command fails at once instead of waiting in memory for
  // the reconnect, so a poll cycle stops (and the next one catches up) rather than hanging.
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => Math.min(200 * 2 ** retries, 10_000) } });
  client.on('error', () => { /* surfaced by the commands that fail */ });
  // Our own bounded first connect: the client would otherwise retry forever against a wrong URL.
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5000); }),
    ]);
  } catch (err) {
    client.destroy();
    throw new StoreError(`cannot reach Redis: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
  const adapter = new KeyvRedis(client, { throwOnConnectError: true, throwOnErrors: true });
  adapter.on('error', () => { /* thrown as well */ });
  const keyv = useFastFormat(new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true }));
  keyv.on('error', () => { /* thrown as well */ });
  const backend: Backend = {
    async claim(key, owner, ttlMs) {
      // SET NX is Redis's own set-if-absent; PX lets a crashed claimer's claim lapse.
      const r = await client.set(`moonshot-claims:${key}`, owner, ttlMs ? { NX: true, PX: ttlMs } : { NX: true });
      return r === 'OK';
    },
    async release(key, owner) {
      // Compare and delete in one step, so a claim that lapsed and was taken by another is not dropped.
      const r = await client.eval(RELEASE_LUA, { keys: [`moonshot-claims:${key}`], arguments: [owner] });
      return Number(r) === 1;
    },
    async keys(prefix) {
      const match = prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`) + '*';
      const out: string[] = [];
      let cursor = '0';
      do {
        const r = await client.scan(cursor, { MATCH: match, COUNT: 500 });
        cursor = String(r.cursor);
        out.push(...r.keys);
      } while (cursor !== '0');
      return out;
    },
    async rangeKeys(prefix, lo, hi) {
      return (await this.keys(prefix, Date.now())).filter((k) => k >= lo && k < hi).sort();
    },
    async getManyRaw(keys) {
      const out: (string | undefined)[] = [];
      for (let i = 0; i < keys.length; i += 1000) out.push(...(await client.mGet(keys.slice(i, i + 1000))).map((v) => v ?? undefined));
      return out;
    },
    async range(prefix, lo, hi, { limit, after } = {}) {
      // Redis has no ordered key space: SCAN the prefix, keep the range, then one MGET per chunk (a
      // paged read goes through rangeKeys, so that the prefix is scanned once, not once per page).
      const keys = (await this.keys(prefix, Date.now())).filter((k) => (after ? k > lo : k >= lo) && k < hi).sort().slice(0, limit);
      const out: [string, unknown][] = [];
      for (let i = 0; i < keys.length; i += 1000) {
        const part = keys.slice(i, i + 1000);
        const vals = await client.mGet(part);
        part.forEach((k, j) => { if (vals[j] !== null) out.push([k, vals[j]]); });
      }
      return out;
    },
    async setManyRaw(rows) {
      const multi = client.multi();
      for (const [k, v, ttl] of rows) multi.set(k, v, ttl ? { PX: ttl } : {});
      await multi.exec();
    },
    close: () => adapter.disconnect(),
  };
  mkdirSync(dirname(tablesFile), { recursive: true });
  return new KeyvStore(keyv, backend, await sqliteTables(tablesFile), `Redis ${url.replace(/\/\/[^@/]*@/, '//…@')} (ledger in SQLite file ${tablesFile})`);
}

// ---------------------------------------------------------------- Postgres

/**
 * keyv's storage on Postgres, over the store's own pool (the one the ledger's tables use), in the table
 * and format @keyv/postgres used, so a database it wrote reads the same. Its own adapter is not used:
 * it keeps one pool for the whole process and ends it when any store closes.
 */
class PostgresKeyv extends EventEmitter {
  readonly opts = { dialect: 'postgres' };
  namespace?: string;
  constructor(private readonly pool: import('pg').Pool, private readonly table: string) { super(); }
  async get(key: string): Promise<string | undefined> {
    const r = await this.pool.query(`SELECT value FROM ${this.table} WHERE key = $1`, [key]);
    return r.rows[0]?.value ?? undefined;
  }
  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    const r = await this.pool.query(`SELECT key, value FROM ${this.table} WHERE key = ANY($1)`, [keys]);
    const byKey = new Map<string, string>(r.rows.map((x: { key: string; value: string }) => [x.key, x.value]));
    return keys.map((k) => byKey.get(k));
  }
  async set(key: string, value: string): Promise<boolean> {
    await this.pool.query(`INSERT INTO ${this.table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [key, value]);
    return true;
  }
  async delete(key: string): Promise<boolean> {
    return ((await this.pool.query(`DELETE FROM ${this.table} WHERE key = $1`, [key])).rowCount ?? 0) > 0;
  }
  async has(key: string): Promise<boolean> {
    return ((await this.pool.query(`SELECT 1 FROM ${this.table} WHERE key = $1`, [key])).rowCount ?? 0) > 0;
  }
  async clear(): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE key LIKE $1`, [likePrefix(NS)]);
  }
  async disconnect(): Promise<void> { /* the pool is ended with the store's tables */ }
}

async function openPostgres(url: string, sweepEveryMs: number): Promise<KeyvStore> {
  const tables = await postgresTables(url);
  const pool = tables.pool!;
  const table = 'keyv';
  const q = async (sql: string, values?: unknown[]): Promise<unknown[]> => (await pool.query(sql, values)).rows;
  // Instances starting together would race on CREATE TABLE IF NOT EXISTS (Postgres may fail one of
  // them on its catalog): the tables are made under the lock the ledger's migrations take too.
  try {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${table} (key VARCHAR(255) PRIMARY KEY, value TEXT)`);
      await client.query('CREATE TABLE IF NOT EXISTS moonshot_claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires BIGINT)');
      await client.query('CREATE TABLE IF NOT EXISTS moonshot_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      await client.query(expiryIndexSql('postgres'));
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  } catch (err) {
    await tables.db.destroy().catch(() => undefined);
    const code = (err as { code?: string }).code ?? '';
    const unreachable = /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|28P01|3D000)$/.test(code) || /timeout/i.test(String(err));
    throw new StoreError(`${unreachable ? 'cannot reach Postgres' : 'cannot open the Postgres store'}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const adapter = new PostgresKeyv(pool, table);
  const keyv = useFastFormat(new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true }));
  keyv.on('error', () => { /* thrown as well */ });
  // Each sweep locks the rows it deletes first, skipping any that another replica's sweep or a write
  // holds: replicas sweeping at once never wait on each other or deadlock with a write, and a row
  // skipped goes next time. Only our keys: a shared database's keyv table may hold others'.
  const sweep = sweeper(sweepEveryMs, async (now) => {
    await q(`DELETE FROM moonshot_claims WHERE key = ANY(ARRAY(
      SELECT key FROM moonshot_claims WHERE expires IS NOT NULL AND expires <= $1 FOR UPDATE SKIP LOCKED))`, [now]);
    await q(`DELETE FROM ${table} WHERE key = ANY(ARRAY(
      SELECT key FROM ${table} WHERE ${lapsedSql('postgres', '$1')} AND key LIKE $2 FOR UPDATE SKIP LOCKED))`, [now, likePrefix(NS)]);
  });
  const backend: Backend = {
    async claim(key, owner, ttlMs, now) {
      await sweep(now);
      const rows = await q(
        `INSERT INTO moonshot_claims (key, owner, expires) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires = EXCLUDED.expires
         WHERE moonshot_claims.expires IS NOT NULL AND moonshot_claims.expires <= $4
         RETURNING key`,
        [key, owner, ttlMs ? now + ttlMs : null, now],
      );
      return rows.length === 1;
    },
    async release(key, owner) {
      const rows = await q('DELETE FROM moonshot_claims WHERE key = $1 AND owner = $2 RETURNING key', [key, owner]);
      return rows.length === 1;
    },
    async keys(prefix, now) {
      const rows = (await q(`SELECT key, value FROM ${table} WHERE key LIKE $1`, [likePrefix(prefix)])) as { key: string; value: string }[];
      return rows.filter((r) => !lapsed(r.value, now)).map((r) => r.key);
    },
    async range(prefix, lo, hi, { limit, after } = {}) {
      // COLLATE "C": byte order, whatever the database's collation, so the range means what it says.
      // LIMIT NULL is no limit.
      const rows = (await q(`SELECT key, value FROM ${table} WHERE key LIKE $1 AND key COLLATE "C" ${after ? '>' : '>='} $2 AND key COLLATE "C" < $3 ORDER BY key COLLATE "C" LIMIT $4`, [likePrefix(prefix), lo, hi, limit ?? null])) as { key: string; value: string }[];
      return rows.map((r) => [r.key, r.value]);
    },
    async getManyRaw(keys) {
      const rows = (await q(`SELECT key, value FROM ${table} WHERE key = ANY($1)`, [keys])) as { key: string; value: string }[];
      const byKey = new Map(rows.map((r) => [r.key, r.value]));
      return keys.map((k) => byKey.get(k));
    },
    async setManyRaw(rows) {
      await q(
        `INSERT INTO ${table} (key, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [rows.map((r) => r[0]), rows.map((r) => r[1])],
      );
    },
    close: () => adapter.disconnect(),
  };
  return new KeyvStore(keyv, backend, tables, 'Postgres');
}
