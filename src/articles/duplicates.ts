// Placeholder: replaced by canonical-URL and MinHash/LSH near-duplicate folding (see issue 3).
import type { Article } from '../types';

/** Folds articles that are the same story; keeps every sighting on the survivor. */
export function foldDuplicates(articles: Article[]): Article[] {
  const byUrl = new Map<string, Article>();
  const out: Article[] = [];
  for (const a of articles) {
    const key = a.canonicalUrl ?? a.id;
    const seen = byUrl.get(key);
    if (seen) {
      seen.duplicates.push({ source: a.source, feed: a.feed, url: a.url });
      continue;
    }
    byUrl.set(key, a);
    out.push(a);
  }
  return out;
}
