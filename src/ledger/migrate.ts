// The ledger's schema, brought up to date at start: the migrations in migrations/, run in order, each
// in its own transaction with its version recorded in the same one (as Miniflux runs its own), so a
// crash leaves a migration done or not done, never half. Two processes starting together take turns:
// SQLite's write lock (BEGIN IMMEDIATE) or a Postgres advisory lock, then each checks again what is done.
import { sql, type Kysely } from 'kysely';
import type { LedgerDb, LedgerTrx } from './schema';
import type { EntryRange } from '../store/types';
import * as tables from './migrations/001-tables';
import * as importKeyValue from './migrations/002-import-key-value-ledger';

/** What an import of the key-value ledger reads and removes of the key-value store. */
export interface KeyValueLedger {
  entries<T>(prefix: string, range?: EntryRange): Promise<[string, T][]>;
  pages<T>(prefix: string): AsyncIterable<[string, T][]>;
  keys(prefix: string): Promise<string[]>;
  delete(key: string): Promise<boolean>;
}

interface Migration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations speak of tables before they are typed
  up(trx: Kysely<any> & LedgerTrx, kv: KeyValueLedger): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'tables', up: (trx) => tables.up(trx) },
  { version: 2, name: 'import the key-value ledger', up: (trx, kv) => importKeyValue.up(trx, kv) },
];

export type Dialect = 'sqlite' | 'postgres';

/** The Postgres advisory lock every Moonshot sharing a database takes to change its schema. */
export const MIGRATION_LOCK = 7243001;

export async function migrate(db: LedgerDb, kv: KeyValueLedger, dialect: Dialect): Promise<void> {
  await db.schema.createTable('ledger_schema').ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  for (const m of MIGRATIONS) {
    await db.transaction().execute(async (trx) => {
      // One id for every Moonshot sharing the database: migrations run one process at a time.
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK)})`.execute(trx);
      const done = await trx.selectFrom('ledger_schema').select('version').where('version', '=', m.version).executeTakeFirst();
      if (done) return;
      await m.up(trx as Kysely<never> & LedgerTrx, kv);
      await trx.insertInto('ledger_schema').values({ version: m.version, name: m.name, applied_at: new Date().toISOString() }).execute();
    });
  }
  // The imported keys go once the import is committed; a crash before this only leaves them to the next start.
  for (const k of await kv.keys('ledger:')) await kv.delete(k);
}
