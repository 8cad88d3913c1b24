// Generated items as the pipeline's Articles, through the project's own normalisation (toArticles),
// in chunks: the 100,000-article measurements never hold the text of every article at once.
import type { Article, FeedDocument, FeedEntry } from '../src/types';
import { articlesOf } from '../src/pipeline';
import { streamItems, type CorpusItem, type CorpusOptions, type Outlet } from './corpus';

export const toEntry = (it: CorpusItem): FeedEntry => ({
  title: it.title, url: it.url, guid: it.guid, published: it.published, summary: it.summary, content: it.html, author: it.author,
});

/** Articles from the item stream, `chunk` items at a time, grouped by feed as a poll would read them. */
export function* articleChunks(opts: CorpusOptions, chunk: number): Generator<Article[]> {
  const stream = streamItems(opts);
  let pending: { feed: number; item: CorpusItem }[] = [];
  const flush = (): Article[] => {
    const byFeed = new Map<number, FeedEntry[]>();
    for (const p of pending) {
      const list = byFeed.get(p.feed) ?? [];
      list.push(toEntry(p.item));
      byFeed.set(p.feed, list);
    }
    pending = [];
    return articlesOf([...byFeed].map(([f, entries]) => ({ feed: `https://${stream.outlets[f].host}/feed`, document: feedDoc(stream.outlets[f], entries) })));
  };
  for (const p of stream.items) {
    pending.push(p);
    if (pending.length >= chunk) yield flush();
  }
  if (pending.length) yield flush();
}

const feedDoc = (o: Outlet, entries: FeedEntry[]): FeedDocument => ({ format: 'rss', title: o.name, link: `https://${o.host}/`, entries, warnings: [] });

/** Options for a stream of about `n` items over `feeds` feeds. */
export const streamOf = (seed: number, n: number, feeds = 200): CorpusOptions => ({ seed, feeds, itemsPerFeed: Math.ceil(n / feeds) });
