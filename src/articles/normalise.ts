// Placeholder: replaced by plain-text normalisation, canonical URLs and stable identity (see issue 3).
import { createHash } from 'node:crypto';
import type { Article, FeedDocument } from '../types';

export function toArticles(doc: FeedDocument, feed: string): Article[] {
  return doc.entries.map((e) => {
    const key = e.guid ?? e.url ?? `${e.title}|${e.published ?? ''}`;
    const id = createHash('sha1').update(`${feed}\n${key}`).digest('hex').slice(0, 16);
    const content = (e.content ?? '').replace(/<[^>]*>/g, ' ');
    return {
      id,
      title: e.title,
      url: e.url,
      canonicalUrl: e.url,
      source: doc.title || feed,
      feed,
      published: e.published,
      summary: e.summary,
      text: [e.title, e.summary, content].join('\n').replace(/[ \t]+/g, ' '),
      duplicates: [],
    };
  });
}
