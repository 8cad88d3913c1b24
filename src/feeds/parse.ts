// Placeholder parser: replaced by format sniffing, rss-parser with a lenient fallback, JSON Feed (see issue 2).
import Parser from 'rss-parser';
import type { FeedDocument } from '../types';

const parser = new Parser();

export async function parseFeed(text: string): Promise<FeedDocument> {
  const feed = await parser.parseString(text);
  return {
    format: /<rdf:RDF/i.test(text) ? 'rdf' : /<feed[\s>]/i.test(text) ? 'atom' : 'rss',
    title: feed.title ?? '',
    link: feed.link ?? null,
    warnings: [],
    entries: (feed.items ?? []).map((it) => ({
      title: it.title ?? '',
      url: it.link ?? null,
      guid: it.guid ?? null,
      published: it.isoDate ?? null,
      summary: it.contentSnippet ?? '',
      content: (it['content:encoded'] as string | undefined) ?? it.content ?? null,
      author: it.creator ?? null,
    })),
  };
}
