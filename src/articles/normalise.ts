// Feed entries to articles: plain full text, canonical link and a stable id for each.
import type { Article, FeedDocument } from '../types';
import { canonicalUrl } from './canonical-url';
import { entryIds } from './identity';
import { articleText, foldLines } from './plain-text';

export function toArticles(doc: FeedDocument, feed: string): Article[] {
  const ids = entryIds(doc.entries, feed);
  const source = foldLines(doc.title ?? '').replace(/\n/g, ' ') || feed;
  return doc.entries.map((e, i) => {
    const title = foldLines(e.title ?? '').replace(/\n/g, ' ');
    const summary = foldLines(e.summary ?? '').replace(/\n/g, ' ');
    return {
      id: ids[i],
      title,
      url: e.url,
      canonicalUrl: canonicalUrl(e.url),
      source,
      feed,
      published: e.published,
      summary,
      text: articleText(title, e.summary ?? '', e.content),
      duplicates: [],
    };
  });
}
