// The ledger's migrations, in the order they run (store/migrate.ts runs them).
import type { Migration } from '../../store/migrate';
import type { LedgerTrx } from '../schema';
import * as tables from './001-tables';
import * as importKeyValue from './002-import-key-value-ledger';
import * as summaries from './003-company-summaries';

export const LEDGER_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'ledger tables', up: (trx) => tables.up(trx) },
  {
    version: 2, name: 'import the key-value ledger', up: (trx, kv) => importKeyValue.up(trx as unknown as LedgerTrx, kv),
    // The imported keys go once the import is committed; a crash before this leaves them to the next start.
    tidy: async (kv) => { for (const k of await kv.keys('ledger:')) await kv.delete(k); },
  },
  { version: 3, name: 'company summaries, facts by company and first seen', up: (trx) => summaries.up(trx) },
];
