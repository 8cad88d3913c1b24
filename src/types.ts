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
/** The metrics that belong to a funding round; the others (total raised, revenue, cash) are the company's. */
export const ROUND_METRICS: readonly Metric[] = ['round_size', 'valuation', 'lead_investor', 'investor'];

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
  /** The date the text gives for the figure, when it gives one ("last November", "in July 2024",
   *  "six months earlier"), resolved against the article's publication: YYYY, YYYY-MM or YYYY-MM-DD. */
  refDate?: string;
  /** How the metric was read: 'frame' when the figure sits in a frame that says what it is ("valuing it
   *  at", "bringing its total funding to"), 'cue' when it fell back to the nearest cue word. */
  confidence?: Confidence;
  /** The funding round this fact speaks of (round size, valuation, investors), once rounds are grouped. */
  roundId?: string;
}

export type Confidence = 'frame' | 'cue';

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
  /** The round the claims speak of (round size, valuation, lead); absent for company-level figures. */
  roundId?: string;
  /** The round's date, or the weeks the company-level claims were made in: YYYY-MM or YYYY-MM-DD. */
  date?: string;
}

// ---------------------------------------------------------------- rounds (scan contract, version 2)

export type RoundStatus = 'closed' | 'talks';

/** A round's money figure: the one most sources give, how many give it, and whether any disagree. */
export interface RoundFigure {
  amount: Money;
  basis?: Basis;
  sources: number;
  disputed: boolean;
}

/** One funding round of one company, with every article that reports or mentions it. */
export interface Round {
  id: string;
  company: string;
  /** "Series C", "Seed", "Pre-IPO" ... when a source names it, else null. */
  name: string | null;
  status: RoundStatus;
  /** Announced or first reported: YYYY-MM-DD, or YYYY-MM when only the month is known. */
  date: string | null;
  articleIds: string[];
  round_size: RoundFigure | null;
  valuation: RoundFigure | null;
  lead_investors: { name: string; sources: number }[];
  /** Distinct articles naming any lead: co-leads named by one source are one claim. */
  lead_sources: number;
  /** Sources name leads that have no name in common. */
  lead_disputed: boolean;
  investors: string[];
}

/** What `/moonshot <metric> <company>` answers as of a moment (scan contract's `current`). */
export interface CurrentAnswer {
  company: string;
  metric: Metric;
  amount?: Money;
  basis?: Basis;
  /** Investor metrics: the names, most-reported first. */
  names?: string[];
  asOf: string | null;
  roundId?: string;
  sources: number;
  disputed: boolean;
  /** A newer round still in talks, reported beside the closed one, never instead of it. */
  talks?: { roundId: string; amount?: Money; basis?: Basis; names?: string[]; asOf: string | null; sources: number };
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
  rounds: Round[];
  current: CurrentAnswer[];
  conflicts: Conflict[];
  errors: ScanError[];
}

// ---------------------------------------------------------------- what the ledger hands the digest
// The ledger (bot) or a scan result fills a DigestInput; digest/compose turns it into a Digest.

/** One place a figure was reported. */
export interface FigureSource {
  source: string;
  url: string | null;
  articleId: string;
  quote: string;
  published: string | null;
}

/** A figure as the ledger knows it: agreeing claims merged, with every source. */
export interface LedgerFigure extends Pick<Fact, 'company' | 'metric' | 'amount' | 'name' | 'basis' | 'round' | 'when' | 'status'> {
  sources: FigureSource[];
  /** When the ledger first saw this figure, ISO-8601. */
  firstSeen: string;
}

export interface DigestEvent extends FundingEvent {
  articles: { id: string; title: string; url: string | null; source: string }[];
}

/** Funding news on a company nobody watches: a line each. */
export interface UnwatchedNews {
  company: string;
  headline: string;
  url: string | null;
  source: string;
  amount?: Money;
  metric?: Metric;
}

export interface DigestInput {
  title: string;
  /** The window this digest covers (ISO-8601); `since` null for the first digest. */
  since: string | null;
  until: string;
  events: DigestEvent[];
  /** Figures first seen in the window. */
  newFigures: LedgerFigure[];
  /** Figures known before, that a new source in the window confirmed. */
  confirmed: LedgerFigure[];
  /** Disagreements on the companies in the digest, judged across everything known. */
  conflicts: Conflict[];
  unwatched: UnwatchedNews[];
  /** The rounds that are new or changed in the window (the headline speaks in these), as the rounds stage made them. */
  rounds?: Round[];
  /** The companies' current answers as of the window's end. */
  current?: CurrentAnswer[];
  /** Articles the conflicts cite, for their links, when no event or figure in the input carries them (an alert). */
  articles?: DigestEvent['articles'];
  /** A company's rounds to draw beside the digest (a weekly digest's company with the most news). */
  chart?: DigestChart;
}

/** What a digest's chart shows: one company's rounds, and the disagreements drawn as ranges. */
export interface DigestChart {
  company: string;
  rounds: Round[];
  conflicts: Conflict[];
}

// ---------------------------------------------------------------- what a subscription wants

/** What is posted at once, at the end of the poll that read it, rather than at the next digest. */
export type AlertKind = 'new_round' | 'conflict' | 'closed';
export const ALERT_KINDS: readonly AlertKind[] = ['new_round', 'conflict', 'closed'];

/** What a subscription's digest leaves out. Companies are the subscription's own `companies`. */
export interface DigestFilter {
  /** The metrics shown; null = all. */
  metrics: Metric[] | null;
  /** Rounds (and their figures) smaller than this many USD are left out; null = no minimum. */
  minRoundUsd: number | null;
  /** Rounds still in talks and figures reported as talks. */
  includeTalks: boolean;
  /** Source (feed title) names left out, compared case-insensitively. */
  excludeSources: string[];
  /** The "Also raising" list of companies nobody watches. */
  alsoRaising: boolean;
  /** Its own minimum: lines whose amount is below it (or has none) are left out; null = no minimum. */
  alsoRaisingMinUsd: number | null;
}

export const DEFAULT_DIGEST_FILTER: DigestFilter = { metrics: null, minRoundUsd: null, includeTalks: true, excludeSources: [], alsoRaising: true, alsoRaisingMinUsd: null };
