// Feed entries to articles: plain full text, canonical link and a stable id for each.
import type { Article, FeedDocument } from '../types';
import { canonicalUrl } from './canonical-url';
import { entryIds } from './identity';
import { articleText, comparableEach, foldLines } from './plain-text';

/** An article's text as lines (split at "\n"), each as written and as compared (plain-text's
 *  comparable). */
export interface TextLines {
  written: string[];
  compared: string[];
}

export function toArticles(doc: FeedDocument, feed: string): Article[] {
  const ids = entryIds(doc.entries, feed);
  const source = foldLines(doc.title ?? '').replace(/\n/g, ' ') || feed;
  return doc.entries.map((e, i) => {
    const title = foldLines(e.title ?? '').replace(/\n/g, ' ');
    const summary = foldLines(e.summary ?? '').replace(/\n/g, ' ');
    const text = articleText(title, e.summary ?? '', e.content);
    return {
      id: ids[i],
      title,
      url: e.url,
      canonicalUrl: canonicalUrl(e.url),
      source,
      feed,
      published: e.published,
      summary,
      text,
      duplicates: [],
    };
  });
}

/** The article's text lines (split at "\n"), as written and made comparable. */
export function textLines(a: Article): TextLines {
  const written = a.text.split('\n');
  return { written, compared: comparableEach(a.text, written) };
}
