// What a digest is made of, before any platform sees it. The ledger (bot) or a scan result fills a
// DigestInput; digest/compose turns it into a Digest; digest/render/* turn that into Slack Block Kit,
// Discord embeds, markdown or console text.
import type { Conflict, Fact, FundingEvent, Metric, Money } from '../types';

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
}
