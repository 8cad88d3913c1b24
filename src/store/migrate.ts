// Tables brought up to date with their owner's migrations (the ledger's, in ledger/migrations): run in
// order, each in its own transaction with its version recorded in the same one (as Miniflux runs its
// own), so a crash leaves a migration done or not done, never half. Two processes starting together take
// turns: SQLite's write lock (BEGIN IMMEDIATE) or a Postgres advisory lock, then each checks again what is done.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EntryRange } from './types';

/** The tables' schema as the store sees them: untyped; their owner (the ledger) types them. */
export type Untyped = object;

/** What a migration may read and remove of the key-value store (an import of an older layout). */
export interface KeyValueAccess {
  entries<T>(prefix: string, range?: EntryRange): Promise<[string, T][]>;
  pages<T>(prefix: string): AsyncIterable<[string, T][]>;
  keys(prefix: string): Promise<string[]>;
  delete(key: string): Promise<boolean>;
}

export interface Migration {
  version: number;
  name: string;
  up(trx: Transaction<Untyped>, kv: KeyValueAccess): Promise<void>;
  /** Runs after every bring-up, once the migrations are committed: idempotent clean-up of the key-value side. */
  tidy?(kv: KeyValueAccess): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

/** The Postgres advisory lock every Moonshot sharing a database takes to change its schema. */
export const MIGRATION_LOCK = 7243001;

interface VersionsTable { moonshot_schema: { version: number; name: string; applied_at: string } }

export async function runMigrations(db: Kysely<Untyped>, kv: KeyValueAccess, dialect: Dialect, migrations: readonly Migration[]): Promise<void> {
  const vdb = db as unknown as Kysely<VersionsTable>;
  await vdb.schema.createTable('moonshot_schema').ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  for (const m of migrations) {
    await vdb.transaction().execute(async (trx) => {
      // One lock for every Moonshot sharing the database: migrations run one process at a time.
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK)})`.execute(trx);
      const done = await trx.selectFrom('moonshot_schema').select('version').where('version', '=', m.version).executeTakeFirst();
      if (done) return;
      await m.up(trx as unknown as Transaction<Untyped>, kv);
      await trx.insertInto('moonshot_schema').values({ version: m.version, name: m.name, applied_at: new Date().toISOString() }).execute();
    });
  }
  for (const m of migrations) await m.tidy?.(kv);
}
