// The types that pass between stages. Each stage is a function from one of these to the next;
// keep them plain data (JSON-serialisable) so the store, the CLI and the tests can hold them as is.

// ---------------------------------------------------------------- feeds

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** One entry of a feed, normalised: text fields are plain text, links absolute. */
export interface FeedEntry {
  title: string;
  url: string | null;
  guid: string | null;
  /** ISO-8601, or null when the feed gives no date or one that cannot be trusted. */
  published: string | null;
  /** Plain text: entities decoded, markup dropped, white space folded. */
  summary: string;
  /** The full body where the feed carries one (content:encoded, Atom content), as HTML or text. */
  content: string | null;
  author: string | null;
}

/** A parsed feed document. */
export interface FeedDocument {
  format: FeedFormat;
  title: string;
  link: string | null;
  entries: FeedEntry[];
  /** What a lenient read had to forgive, in plain words. */
  warnings: string[];
}

/** What one source (URL or path) gave: a document, or a plain-words error. */
export type SourceResult =
  | { source: string; ok: true; document: FeedDocument; fetchedAt: string }
  | { source: string; ok: false; error: string };

// ---------------------------------------------------------------- articles

/** Where an article was seen: the feed's title, the feed as configured, and the entry's link. */
export interface Sighting {
  source: string;
  feed: string;
  url: string | null;
}

export interface Article {
  /** Stable identity: from guid, else canonical link, else title and date (see articles/identity). */
  id: string;
  title: string;
  url: string | null;
  canonicalUrl: string | null;
  /** Feed title of the first sighting. */
  source: string;
  /** The feed as configured (URL or path) of the first sighting. */
  feed: string;
  published: string | null;
  summary: string;
  /** Plain full text: title, summary and content, for extraction and near-duplicate checks. */
  text: string;
  /** The other places the same article was seen. */
  duplicates: Sighting[];
}

/** Articles that report the same funding event. */
export interface FundingEvent {
  id: string;
  company: string;
  articleIds: string[];
  headline: string;
  /** Earliest publication among its articles, ISO-8601 or null. */
  published: string | null;
}

// ---------------------------------------------------------------- facts

export type MoneyMetric = 'round_size' | 'valuation' | 'total_raised' | 'revenue' | 'cash_reserves';
export type InvestorMetric = 'lead_investor' | 'investor';
export type Metric = MoneyMetric | InvestorMetric;

export const MONEY_METRICS: readonly MoneyMetric[] = ['round_size', 'valuation', 'total_raised', 'revenue', 'cash_reserves'];
export const METRICS: readonly Metric[] = [...MONEY_METRICS, 'lead_investor', 'investor'];

/** An amount of money as written, with the range its wording allows and its value in USD. */
export interface Money {
  value: number;
  /** ISO 4217 code (USD, EUR, CNY, JPY ...). */
  currency: string;
  /** value in USD by the configured rates; null when the currency has no rate. */
  usd: number | null;
  /** The range the wording allows, in the written currency: "beyond $20B" -> low 20e9, high null. */
  low: number | null;
  high: number | null;
  /** "about", "roughly", "~", "nearly" ... */
  approx: boolean;
}

export type When = 'current' | 'past';
export type Status = 'reported' | 'talks';
export type Basis = 'pre' | 'post';

export interface Fact {
  company: string;
  metric: Metric;
  amount?: Money;
  /** Investor metrics: the investor's normalised name. */
  name?: string;
  basis?: Basis;
  round?: string;
  when: When;
  status: Status;
  articleId: string;
  source: string;
  url: string | null;
  /** The sentence the figure was read from. */
  quote: string;
  /** Publication time of the article, ISO-8601 or null. */
  published?: string | null;
}

/** One side of a disagreement: a value and everyone who reported it. */
export interface Claim {
  /** Investor metrics: the name; money metrics: absent. */
  name?: string;
  amount?: Money;
  round?: string;
  articleIds: string[];
  sources: string[];
  quotes: string[];
}

export interface Conflict {
  company: string;
  metric: Metric;
  claims: Claim[];
}

// ---------------------------------------------------------------- watch list and rates

export interface WatchedCompany {
  name: string;
  aliases: string[];
}

/** Units of USD per one unit of each currency, with the date the table was taken. */
export interface RatesTable {
  asOf: string;
  usdPer: Record<string, number>;
}

// ---------------------------------------------------------------- the scan result (the contract)

export interface ScanError {
  source: string;
  message: string;
}

export interface ScanResult {
  articles: Article[];
  events: FundingEvent[];
  facts: Fact[];
  conflicts: Conflict[];
  errors: ScanError[];
}
