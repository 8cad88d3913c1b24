// A digest as plain data, already worded for a person but not yet for any platform. compose.ts
// makes one from a DigestInput; render/* turn it into Slack blocks, Discord embeds, markdown, text.
import type { CurrentAnswer, DigestChart, Metric, Round } from '../types';

/** Where a figure or headline was read, with the sentence it came from (when there is one). */
export interface SourceRef {
  source: string;
  url: string | null;
  quote: string;
}

export interface EventLine {
  headline: string;
  published: string | null;
  /** Every distinct article that reported the event. */
  sourceCount: number;
  links: { source: string; url: string | null; title: string }[];
}

/** One figure: "Valuation: $2B post-money, Series C", with everyone who said it. */
export interface FigureLine {
  /** Stable within a digest: "Moonshot AI|valuation|2", for tests and de-duplication. */
  key: string;
  metric: Metric;
  label: string;
  value: string;
  sources: SourceRef[];
}

export interface ConflictClaimLine {
  value: string;
  sources: SourceRef[];
}

/** Sources that disagree on one metric of one company. */
export interface ConflictLine {
  key: string;
  metric: Metric;
  label: string;
  claims: ConflictClaimLine[];
  /** The round disagreed about, and its date (or the weeks of company-level claims): YYYY-MM(-DD). */
  roundId?: string;
  date?: string;
  /** What the headline says disagrees: "May 2026 round (lead investor)", "revenue · Nov 2026". */
  topic: string;
}

/**
 * One line of a company's headline in the channel: a round in one line (round, date, size, valuation
 * and basis, lead, ⚠, source count), or a company-level figure. At most two quotes each, and no quote
 * twice in a company's headline; every source and quote is in the details.
 */
export interface HeadlineLine {
  kind: 'round' | 'figure' | 'investors';
  /** 'figure': the metric's label ("Revenue"); otherwise empty. */
  label: string;
  /** 'round': the round's line; 'figure': the value; 'investors': the names, comma-separated. */
  text: string;
  metric: Metric;
  /** Everyone behind the line, for "who said it". */
  sources: SourceRef[];
  quotes: SourceRef[];
  disputed: boolean;
}

export interface CompanySection {
  company: string;
  /** Every funding story of the company in the window, for the details. */
  events: EventLine[];
  /**
   * The stories in the channel message: the reports of one round that its line already counts are
   * one story (the first report linked, every report counted), so one round reads as one item.
   */
  stories: EventLine[];
  newFigures: FigureLine[];
  confirmed: FigureLine[];
  conflicts: ConflictLine[];
  /** The company's new or changed rounds in the window, newest first. */
  rounds: Round[];
  current: CurrentAnswer[];
  /** What the channel message says of the company's news, in order. */
  headline: HeadlineLine[];
}

export interface UnwatchedLine {
  company: string;
  headline: string;
  /** "$50M round", when the news names an amount. */
  amount: string | null;
  source: string;
  url: string | null;
}

export interface Digest {
  /** Deterministic from title and window: the same digest composed twice has the same id. */
  id: string;
  title: string;
  /** An alert: its title says what happened, once; no digest counts, no repeat of the title below it. */
  alert?: boolean;
  /** A chart posted with the digest, after its channel messages. */
  chart?: DigestChart;
  since: string | null;
  until: string;
  /** "3 companies · 5 new figures · 1 conflict". */
  summary: string;
  sections: CompanySection[];
  unwatched: UnwatchedLine[];
  /** A line for the bottom of every message: the window and where the figures came from. */
  footer: string;
  counts: { companies: number; events: number; newFigures: number; confirmed: number; conflicts: number; unwatched: number; sources: number };
}
