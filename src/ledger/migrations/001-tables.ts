// The ledger's tables and the indexes its questions use.
import type { Transaction } from 'kysely';
import type { Untyped } from '../../store/migrate';

export async function up(db: Transaction<Untyped>): Promise<void> {
  await db.schema.createTable('ledger_companies').ifNotExists()
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('watched', 'integer', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('ledger_articles').ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('backfill', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createTable('ledger_sightings').ifNotExists()
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_sightings_pk', ['article_id', 'feed', 'link'])
    .execute();
  await db.schema.createTable('ledger_facts').ifNotExists()
    .addColumn('company_key', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('amount_value', 'double precision')
    .addColumn('currency', 'text')
    .addColumn('usd', 'double precision')
    .addColumn('low', 'double precision')
    .addColumn('high', 'double precision')
    .addColumn('approx', 'integer')
    .addColumn('name', 'text')
    .addColumn('basis', 'text')
    .addColumn('round_name', 'text')
    .addColumn('when_said', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ref_date', 'text')
    .addColumn('confidence', 'text')
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('published', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('backfill', 'integer', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addPrimaryKeyConstraint('ledger_facts_pk', ['company_key', 'key'])
    .execute();
  // A company's facts by date (its rounds are worked out from them), the facts first seen in a
  // digest's window, and an article's facts (a correction finds the claims it withdraws).
  await db.schema.createIndex('ledger_facts_company_date').ifNotExists().on('ledger_facts').columns(['company_key', 'published']).execute();
  await db.schema.createIndex('ledger_facts_first_seen').ifNotExists().on('ledger_facts').columns(['first_seen']).execute();
  await db.schema.createIndex('ledger_facts_article').ifNotExists().on('ledger_facts').columns(['article_id']).execute();
  await db.schema.createTable('ledger_events').ifNotExists()
    .addColumn('company_key', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('company', 'text', (c) => c.notNull())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('published', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('backfill', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_events_pk', ['company_key', 'id'])
    .execute();
  await db.schema.createIndex('ledger_events_first_seen').ifNotExists().on('ledger_events').columns(['first_seen']).execute();
  await db.schema.createTable('ledger_event_articles').ifNotExists()
    .addColumn('company_key', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_event_articles_pk', ['company_key', 'event_id', 'article_id'])
    .execute();
}
