// The ledger's tables on the store's own database: the SQLite file (through the one SQLite driver,
// sqlite3) or Postgres (through pg). The same schema and queries on both (see ledger/schema.ts).
import { Kysely, PostgresDialect } from 'kysely';
import type { Dialect, Untyped } from './migrate';
import { Sqlite3Dialect } from './sqlite-dialect';

export interface OpenTables {
  db: Kysely<Untyped>;
  dialect: Dialect;
  /** Postgres: the pool, shared with the key-value table; ended when the tables are. */
  pool?: import('pg').Pool;
}

/**
 * How hard SQLite presses each commit to disk. In WAL mode NORMAL syncs the log at checkpoints rather
 * than at every commit: a process that dies loses nothing, and a power cut can undo only the last
 * commits, newest first, so what was written after (an item marked seen, a message marked sent) never
 * outlives what it came after (its facts, the message). Every feed's record, claim and seen keys is a
 * commit; syncing each one costs more than writing it.
 */
export const SQLITE_SYNCHRONOUS = 'NORMAL';

export async function sqliteTables(file: string): Promise<OpenTables> {
  const { default: sqlite3 } = await import('sqlite3');
  const open = (): Promise<import('sqlite3').Database> => new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) { reject(err); return; }
      db.configure('busyTimeout', 10_000);
      // WAL: a reader (`moonshot scan --store`, a second instance) never waits for the writer.
      // Both connections to the file sync alike (see SQLITE_SYNCHRONOUS).
      db.exec(`PRAGMA journal_mode=WAL; PRAGMA synchronous=${SQLITE_SYNCHRONOUS}`, (e) => (e ? reject(e) : resolve(db)));
    });
  });
  return { db: new Kysely({ dialect: new Sqlite3Dialect(open) }), dialect: 'sqlite' };
}

export async function postgresTables(url: string): Promise<OpenTables> {
  const { Pool } = await import('pg');
  const pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
  pool.on('error', () => { /* an idle client lost: the next query reports it */ });
  return { db: new Kysely({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', pool };
}
