// The ledger's view of the store's tables: typed by its schema, and brought up to date with its
// migrations before the first read or write of an open store (the store runs them once).
import type { Store } from '../store/types';
import type { LedgerDb, LedgerTrx } from './schema';
import { LEDGER_MIGRATIONS } from './migrations';

export interface LedgerTables {
  readonly dialect: Store['tables']['dialect'];
  read<T>(fn: (db: LedgerDb) => Promise<T>): Promise<T>;
  write<T>(fn: (trx: LedgerTrx) => Promise<T>): Promise<T>;
}

export function ledgerTables(store: Store): LedgerTables {
  const t = store.tables;
  return {
    dialect: t.dialect,
    // The store holds the tables untyped; their shape is the ledger's (schema.ts, made by its migrations).
    read: async (fn) => { await t.migrate(LEDGER_MIGRATIONS); return t.read((db) => fn(db as unknown as LedgerDb)); },
    write: async (fn) => { await t.migrate(LEDGER_MIGRATIONS); return t.write((trx) => fn(trx as unknown as LedgerTrx)); },
  };
}
