// The store every stateful part uses: keyv for what is key-value by nature (seen items, feed state,
// cursors, claims, the outbox, overlays) and the ledger's tables beside it, in the same SQLite file by
// default or the same Postgres database (STORE_URL); see store/index.ts. Nothing correct may rest on
// one process's memory: several instances may share one store, so unique claims go through `claim`,
// the backend's own atomic set-if-absent, never a get-then-set.
import type { Kysely, Transaction } from 'kysely';
import type { Dialect, Migration, Untyped } from './migrate';

export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Atomically sets `key` only if it is absent (or expired); true when this caller won the claim. */
  claim(key: string, owner: string, ttlMs?: number): Promise<boolean>;
  /**
   * Gives up a claim this owner holds, so it can be claimed again at once (a poll that failed, a send
   * attempt that is over). A claim held by someone else is left alone; false then, or when absent.
   */
  release(key: string, owner: string): Promise<boolean>;
  /** Every key that starts with `prefix`, in no particular order. */
  keys(prefix: string): Promise<string[]>;
  /**
   * Every key that starts with `prefix` with its value, ordered by key, in one round trip where the
   * backend allows (SQLite and Postgres read a key range, so the primary-key index is used).
   * The range narrows it (time-ordered keys) and `limit` reads it a page at a time (see entryPages).
   */
  entries<T>(prefix: string, range?: EntryRange): Promise<[string, T][]>;
  /**
   * The entries of a range a page at a time (of at most `size`), in key order, for a backend that
   * pages better than `entries` with `after` and `limit` can (Redis lists the range's keys once).
   * Read through entryPages, which falls back on `entries` without it.
   */
  pages?<T>(prefix: string, range?: Omit<EntryRange, 'after' | 'limit'>, size?: number): AsyncIterable<[string, T][]>;
  /** The values of many keys at once, in the order asked (undefined where absent). */
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  /** Writes many keys together: one transaction (SQLite, Postgres) or one pipeline (Redis). */
  setMany(entries: { key: string; value: unknown; ttlMs?: number }[]): Promise<void>;
  /** The tables beside the key-value store (the ledger's: see ledger/schema.ts). */
  readonly tables: Tables;
  close(): Promise<void>;
}

/**
 * The ledger's tables through the query builder. Writes go through `write`, one transaction each, so a
 * store that fails (or a test that makes it fail) stops a write whole, as it stops a setMany.
 */
export interface Tables {
  /** Which SQL the tables speak: a reader with a faster form of a query for one of them asks. */
  readonly dialect: Dialect;
  read<T>(fn: (db: Kysely<Untyped>) => Promise<T>): Promise<T>;
  write<T>(fn: (trx: Transaction<Untyped>) => Promise<T>): Promise<T>;
  /** Brings the tables up to date with their owner's migrations: once per open store (later calls wait on the first). */
  migrate(migrations: readonly Migration[]): Promise<void>;
}

/** Part of a prefix's keys, each bound given without the prefix. */
export interface EntryRange {
  /** Keys k with prefix+from <= k. */
  from?: string;
  /** Keys k with prefix+after < k: where the previous page ended. */
  after?: string;
  /** Keys k < prefix+to. */
  to?: string;
  /** At most this many entries, the first in key order. */
  limit?: number;
}
