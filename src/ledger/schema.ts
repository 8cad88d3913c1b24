// The ledger's tables, as the query builder sees them. migrations/ makes them; this is their shape.
// Booleans are 0/1 and times ISO-8601 text, so that SQLite and Postgres hold and order them alike.
import type { Generated, Kysely, Transaction } from 'kysely';

export interface CompaniesTable {
  /** The name in lower case, trimmed: how a company is looked up. */
  key: string;
  name: string;
  watched: number;
  first_seen: string;
  /** Moves on with every record that changes the company's facts (see summaries). */
  generation: Generated<number>;
}

/** A company's answers as last worked out from its facts (see migrations/003). */
export interface SummariesTable {
  company_key: string;
  generation: number;
  options: string;
  day: number | null;
  /** JSON: a CompanySummary. */
  body: string;
  made_at: string;
}

export interface ArticlesTable {
  id: string;
  /** The feed as configured where it was first read. */
  feed: string;
  title: string;
  link: string | null;
  source: string;
  published: string | null;
  first_seen: string;
  backfill: number;
}

/** The other places an article was seen (a syndicated copy in another feed). */
export interface SightingsTable {
  article_id: string;
  feed: string;
  source: string;
  /** '' when the copy had no link. */
  link: string;
}

export interface FactsTable {
  company_key: string;
  /** Same article, metric, figure and sentence: the same fact (see ledger's factKey). */
  key: string;
  article_id: string;
  company: string;
  metric: string;
  amount_value: number | null;
  currency: string | null;
  usd: number | null;
  low: number | null;
  high: number | null;
  approx: number | null;
  name: string | null;
  basis: string | null;
  round_name: string | null;
  when_said: string;
  status: string;
  ref_date: string | null;
  confidence: string | null;
  quote: string;
  source: string;
  url: string | null;
  published: string | null;
  first_seen: string;
  backfill: number;
  /** When a correction of the same feed's item withdrew this claim; null while it stands. */
  superseded_at: string | null;
}

export interface EventsTable {
  company_key: string;
  id: string;
  company: string;
  headline: string;
  published: string | null;
  first_seen: string;
  backfill: number;
}

export interface EventArticlesTable {
  company_key: string;
  event_id: string;
  article_id: string;
  /** The article's place in the event (its first article leads). */
  position: number;
}

export interface SchemaVersionsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface LedgerSchema {
  ledger_companies: CompaniesTable;
  ledger_articles: ArticlesTable;
  ledger_sightings: SightingsTable;
  ledger_facts: FactsTable;
  ledger_events: EventsTable;
  ledger_event_articles: EventArticlesTable;
  ledger_schema: SchemaVersionsTable;
  ledger_summaries: SummariesTable;
}

export type LedgerDb = Kysely<LedgerSchema>;
export type LedgerTrx = Transaction<LedgerSchema>;
