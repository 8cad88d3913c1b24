// Placeholder: replaced by the money grammar and the metric, round, qualifier, company and investor readers (see issue 3).
import type { Article, Fact, RatesTable, WatchedCompany } from '../types';

export interface ExtractContext {
  watch: WatchedCompany[];
  rates: RatesTable;
  /** Reference time for relative dates ("last year", "in May"). */
  now: Date;
}

export function extractFacts(_article: Article, _ctx: ExtractContext): Fact[] {
  return [];
}
