// Each company's answers (rounds, current, conflicts, the company-level series and the links an answer
// gives), kept as the rounds stage last worked them out, with the company's generation they were
// worked out at: a record that changes a company's facts moves its generation on in the same
// transaction, so a summary is only ever read for the facts it was made from. And an index to read a
// company's facts by when they were first seen, a page at a time.
import type { Transaction } from 'kysely';
import type { Untyped } from '../../store/migrate';

export async function up(db: Transaction<Untyped>): Promise<void> {
  await db.schema.alterTable('ledger_companies').addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createTable('ledger_summaries').ifNotExists()
    .addColumn('company_key', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    /** What else the answers depend on: the rounds stage's rules and the ledger's options. */
    .addColumn('options', 'text', (c) => c.notNull())
    /** The day the answers are for, when some fact has no date (the stage dates it by "now"); null otherwise. */
    .addColumn('day', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .execute();
  // A company's facts in the order they were first seen, read a page at a time.
  await db.schema.createIndex('ledger_facts_company_seen').ifNotExists().on('ledger_facts').columns(['company_key', 'first_seen', 'key']).execute();
}
