// The baseline: rss-parser's parseString alone over the XML feeds of the corpus (it reads no JSON Feed).
import Parser from 'rss-parser';
import type { CorpusFeed } from '../corpus';

export interface ParseResult {
  items: number;
  seconds: number;
  items_per_s: number;
}

export async function measureParse(feeds: CorpusFeed[]): Promise<ParseResult> {
  const parser = new Parser();
  // One feed first, so the module's own warm-up is not counted against it.
  if (feeds.length) await parser.parseString(feeds[0].body);
  let items = 0;
  const t = performance.now();
  for (const f of feeds) items += (await parser.parseString(f.body)).items.length;
  const seconds = (performance.now() - t) / 1000;
  return { items, seconds, items_per_s: items / seconds };
}
