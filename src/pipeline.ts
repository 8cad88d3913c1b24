// The one path from sources to articles, events, facts and conflicts, shared by `scan`, the bot and the bench.
import type { Article, FeedDocument, FundingEvent, Round, ScanResult, SourceResult } from './types';
import { toArticles } from './articles/normalise';
import { foldDuplicates, type DuplicateIndex } from './articles/duplicates';
import { extractFacts, type ExtractContext } from './facts/extract';
import { analyseRounds } from './rounds';
import { readSource, type ReadOptions } from './feeds/read';

/** Feed documents to articles, in feed order, duplicates not yet folded. */
export function articlesOf(docs: { feed: string; document: FeedDocument }[]): Article[] {
  return docs.flatMap((d) => toArticles(d.document, d.feed));
}

/**
 * Articles with duplicates folded. A long-lived caller (the bot) passes the index it holds across
 * polls: copies of stories it held from earlier polls are then left out as well, each handed to
 * `onCopy`. Between articlesOf and this the bot drops what it has seen and fills in article pages.
 */
export function foldArticles(articles: Article[], index?: DuplicateIndex, onCopy?: (copy: Article) => void): Article[] {
  return foldDuplicates(articles, index, onCopy);
}

/** Feed documents to articles, duplicates folded (articlesOf, then foldArticles). */
export function collectArticles(docs: { feed: string; document: FeedDocument }[], index?: DuplicateIndex): Article[] {
  return foldArticles(articlesOf(docs), index);
}

/** What the analysis needs: the reader's context, and how reports are grouped into rounds. */
export interface AnalyseContext extends ExtractContext {
  roundWindowDays?: number;
}

/** Articles to the whole analysis: facts, rounds, events, conflicts, current answers. Pure: no I/O. */
export function analyse(articles: Article[], ctx: AnalyseContext): Omit<ScanResult, 'errors'> {
  const read = articles.flatMap((a) => extractFacts(a, ctx));
  const { facts, rounds, current, conflicts, coverage } = analyseRounds(read, { now: ctx.now, windowDays: ctx.roundWindowDays });
  return { articles, events: eventsOf(rounds, coverage, articles), facts, rounds, current, conflicts };
}

/** A funding event is a round as its news coverage reported it: the articles, headed by the first. */
function eventsOf(rounds: Round[], coverage: Map<string, string[]>, articles: Article[]): FundingEvent[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return rounds.flatMap((r) => {
    const ids = coverage.get(r.id);
    if (!ids) return [];
    const first = byId.get(ids[0]);
    return [{ id: r.id, company: r.company, articleIds: ids, headline: first?.title ?? r.company, published: first?.published ?? null }];
  });
}

/** Reads every source, at most `concurrency` at a time, keeping the order given. */
export async function readAll(sources: string[], opts: ReadOptions = {}, concurrency = 8): Promise<SourceResult[]> {
  const out: SourceResult[] = new Array(sources.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const i = next++;
      out[i] = await readSource(sources[i], opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, sources.length) }, worker));
  return out;
}

/** The whole `scan`: read, then analyse. */
export async function scan(sources: string[], ctx: AnalyseContext, opts: ReadOptions = {}): Promise<ScanResult> {
  const results = await readAll(sources, opts);
  const docs = results.flatMap((r) => (r.ok ? [{ feed: r.source, document: r.document }] : []));
  const errors = results.flatMap((r) => (r.ok ? [] : [{ source: r.source, message: r.error }]));
  return { ...analyse(collectArticles(docs), ctx), errors };
}
