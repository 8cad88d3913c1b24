// The whole scan pipeline in-process over the same feeds: decode, parse, normalise, fold duplicates,
// extract facts, group events and find conflicts, through the modules `scan` and the bot use.
import type { ScanResult } from '../../src/types';
import type { ExtractContext } from '../../src/facts/extract';
import { documentOf } from '../../src/feeds/read';
import { analyse, collectArticles } from '../../src/pipeline';
import type { CorpusFeed } from '../corpus';

export interface PipelineResult {
  items: number;
  seconds: number;
  items_per_s: number;
  /** Seconds per stage, to say where the time goes. */
  stages: { read_s: number; fold_s: number; analyse_s: number };
  articles: number;
  facts: number;
  events: number;
  conflicts: number;
  result: Omit<ScanResult, 'errors'>;
}

export async function measurePipeline(feeds: CorpusFeed[], ctx: ExtractContext): Promise<PipelineResult> {
  // Bytes as they would arrive from the network: decoding them is part of the pipeline.
  const bytes = feeds.map((f) => ({ f, b: Buffer.from(f.body, 'utf8') }));
  const t0 = performance.now();
  const docs = [];
  let items = 0;
  for (const { f, b } of bytes) {
    const document = await documentOf(b, f.contentType, { baseUrl: f.url });
    items += document.entries.length;
    docs.push({ feed: f.url, document });
  }
  const t1 = performance.now();
  const articles = collectArticles(docs);
  const t2 = performance.now();
  const result = analyse(articles, ctx);
  const t3 = performance.now();
  const seconds = (t3 - t0) / 1000;
  return {
    items, seconds, items_per_s: items / seconds,
    stages: { read_s: (t1 - t0) / 1000, fold_s: (t2 - t1) / 1000, analyse_s: (t3 - t2) / 1000 },
    articles: articles.length, facts: result.facts.length, events: result.events.length, conflicts: result.conflicts.length, result,
  };
}
