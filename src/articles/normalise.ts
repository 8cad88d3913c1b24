// Feed entries to articles: plain full text, canonical link and a stable id for each.
import type { Article, FeedDocument } from '../types';
import { canonicalUrl } from './canonical-url';
import { entryIds } from './identity';
import { articleLines, comparable, foldLines } from './plain-text';

/** Each article's lines as compared (plain-text's comparable), worked out while its text was made.
 *  Held beside the text it was made from: an article given another text is worked out afresh. */
const comparedLines = new WeakMap<Article, { text: string; lines: string[] }>();

export function toArticles(doc: FeedDocument, feed: string): Article[] {
  const ids = entryIds(doc.entries, feed);
  const source = foldLines(doc.title ?? '').replace(/\n/g, ' ') || feed;
  return doc.entries.map((e, i) => {
    const title = foldLines(e.title ?? '').replace(/\n/g, ' ');
    const summary = foldLines(e.summary ?? '').replace(/\n/g, ' ');
    const { text, compared } = articleLines(title, e.summary ?? '', e.content);
    const article: Article = {
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
    comparedLines.set(article, { text, lines: compared });
    return article;
  });
}

/** The article's text lines (split at "\n"), each made comparable. */
export function comparableLines(a: Article): string[] {
  const held = comparedLines.get(a);
  if (held && held.text === a.text) return held.lines;
  return a.text.split('\n').map(comparable);
}
