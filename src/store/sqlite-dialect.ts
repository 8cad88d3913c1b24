// Kysely over `sqlite3`, the SQLite driver the project already builds for keyv's store: one SQLite
// library, not two. Kysely's own SQLite dialect wants better-sqlite3's synchronous API, so this is its
// driver with sqlite3's callbacks underneath; the SQL, adapter and introspection are Kysely's.
import {
  CompiledQuery, SelectQueryNode, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult,
} from 'kysely';
import type { Database } from 'sqlite3';

/** Whether a statement gives rows back (a query, or a write with RETURNING). */
const givesRows = (c: CompiledQuery): boolean => SelectQueryNode.is(c.query) || /^\s*(select|with|pragma)\b/i.test(c.sql) || /\breturning\b/i.test(c.sql);

class Sqlite3Connection implements DatabaseConnection {
  constructor(private readonly db: Database) {}

  executeQuery<R>(c: CompiledQuery): Promise<QueryResult<R>> {
    const params = c.parameters as unknown[];
    if (givesRows(c)) {
      return new Promise((resolve, reject) => {
        this.db.all(c.sql, params, (err: Error | null, rows: R[]) => (err ? reject(err) : resolve({ rows })));
      });
    }
    return new Promise((resolve, reject) => {
      this.db.run(c.sql, params, function (this: { changes: number; lastID: number }, err: Error | null) {
        if (err) reject(err);
        else resolve({ rows: [], numAffectedRows: BigInt(this.changes ?? 0), insertId: BigInt(this.lastID ?? 0) });
      });
    });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used with SQLite here');
  }
}

/** One connection, used by one caller at a time: a transaction's statements are never interleaved with another's. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => { release = r; });
    const ready = this.tail.then(() => release);
    this.tail = next;
    return ready;
  }
}

class Sqlite3Driver implements Driver {
  private readonly mutex = new Mutex();
  private unlock: (() => void) | null = null;
  private conn: Sqlite3Connection | null = null;
  constructor(private readonly open: () => Promise<Database>) {}

  async init(): Promise<void> {
    this.db = await this.open();
    this.conn = new Sqlite3Connection(this.db);
  }
  private db: Database | null = null;

  async acquireConnection(): Promise<DatabaseConnection> {
    this.unlock = await this.mutex.lock();
    return this.conn!;
  }
  // IMMEDIATE: the write lock is taken at the start, so two writers wait for each other (busy timeout)
  // instead of both reading and then one failing to upgrade its lock.
  async beginTransaction(c: DatabaseConnection): Promise<void> { await c.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE')); }
  async commitTransaction(c: DatabaseConnection): Promise<void> { await c.executeQuery(CompiledQuery.raw('COMMIT')); }
  // A failed write (a full disk, a read-only file) may have ended the transaction already; the error
  // that matters is that one, not the rollback's "no transaction is active".
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('ROLLBACK')).catch((err: unknown) => {
      if (!/no transaction is active/.test(String(err))) throw err;
    });
  }
  async releaseConnection(): Promise<void> {
    const u = this.unlock;
    this.unlock = null;
    u?.();
  }
  async destroy(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db) await new Promise<void>((r) => db.close(() => r()));
  }
}

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly open: () => Promise<Database>) {}
  createAdapter(): SqliteAdapter { return new SqliteAdapter(); }
  createDriver(): Driver { return new Sqlite3Driver(this.open); }
  createQueryCompiler(): SqliteQueryCompiler { return new SqliteQueryCompiler(); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): SqliteIntrospector { return new SqliteIntrospector(db); }
}
