// The benchmark corpus: feeds of funding news generated from a seed, in RSS 2.0, Atom and JSON Feed,
// with the duplicates real feeds carry planted in them: the same article under tracking links in
// several feeds, and syndicated copies of one body under a new title on another outlet.
import { createRng, type Rng } from './rng';
import { makeCompanies, makeStory, retitle, watchList, writeArticle, type Story, type Written } from './stories';
import type { WatchedCompany } from '../src/types';

export type CorpusFormat = 'rss' | 'atom' | 'json';

export interface CorpusOptions {
  seed: number;
  feeds: number;
  itemsPerFeed: number;
  /** Share of items that are the same article under a tracking link (default 0.12). */
  trackingShare?: number;
  /** Share of items that are a syndicated copy with a new title (default 0.10). */
  syndicatedShare?: number;
}

export interface CorpusItem {
  title: string;
  url: string;
  guid: string;
  published: string;
  summary: string;
  /** The body as HTML paragraphs. */
  html: string;
  author: string;
  /** What this item is, for the bench's own accounting (never put into the feed). */
  kind: 'original' | 'tracking' | 'syndicated';
  storyId: number;
}

export interface CorpusFeed {
  /** The feed's title. */
  name: string;
  /** Where the feed would live; the pipeline uses it as the feed's name. */
  url: string;
  format: CorpusFormat;
  contentType: string;
  items: CorpusItem[];
  /** The feed document as served. */
  body: string;
}

export interface Corpus {
  seed: number;
  feeds: CorpusFeed[];
  items: number;
  watch: WatchedCompany[];
  planted: { originals: number; tracking: number; syndicated: number; stories: number };
}

export const DEFAULT_SEED = 20261101;

const OUTLET_WORDS = ['Ledger', 'Signal', 'Dispatch', 'Wire', 'Brief', 'Monitor', 'Review', 'Post', 'Observer', 'Journal'];
const OUTLET_TOPICS = ['Venture', 'AI', 'Frontier', 'Capital', 'Compute', 'Startup', 'Deal', 'Tech', 'Model', 'Asia Tech'];

export interface Outlet {
  name: string;
  host: string;
  footer: string;
  authors: string[];
}

function makeOutlet(rng: Rng, i: number): Outlet {
  const name = `${OUTLET_TOPICS[i % OUTLET_TOPICS.length]} ${OUTLET_WORDS[Math.floor(i / OUTLET_TOPICS.length) % OUTLET_WORDS.length]}${i >= 100 ? ` ${Math.floor(i / 100) + 1}` : ''}`;
  const host = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
  const footer = rng.pick([
    `${name} follows the money behind artificial intelligence. Get our briefing in your inbox every morning.`,
    `This story first ran in ${name}'s daily newsletter on the deals shaping AI.`,
    `Tips on funding rounds? Write to the ${name} newsroom at tips@${host}.`,
  ]);
  return { name, host, footer, authors: [`${name.split(' ')[0]} staff`, `${rng.pick(['Dana', 'Milo', 'Sara', 'Chen', 'Ola'])} ${rng.pick(['Reyes', 'Kovac', 'Lund', 'Mbeki', 'Tan'])}`] };
}

const DEFAULT_FORMAT_MIX: CorpusFormat[] = ['rss', 'rss', 'rss', 'rss', 'rss', 'rss', 'atom', 'atom', 'atom', 'json'];

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const toHtml = (w: Written, footer: string): string => [...w.paragraphs, footer].map((p) => `<p>${escapeXml(p)}</p>`).join('\n');

/** One item as generated, with the index of the feed it belongs to. */
export interface Placed {
  feed: number;
  item: CorpusItem;
}

export interface ItemStream {
  outlets: Outlet[];
  watch: WatchedCompany[];
  planted: Corpus['planted'];
  items: Iterable<Placed>;
}

/**
 * Items slot by slot across all feeds (so a copy is always of an article already written somewhere),
 * without holding more than a recent window: the 100,000-article measurements stream from it.
 */
export function streamItems(opts: CorpusOptions): ItemStream {
  const rng = createRng(opts.seed);
  const companies = makeCompanies(rng, 300);
  const outlets = Array.from({ length: opts.feeds }, (_, i) => makeOutlet(rng, i));
  const trackingShare = opts.trackingShare ?? 0.12;
  const syndicatedShare = opts.syndicatedShare ?? 0.1;
  const planted = { originals: 0, tracking: 0, syndicated: 0, stories: 0 };
  const WINDOW = 400;
  const recent: { item: CorpusItem; story: Story; written: Written; outlet: number }[] = [];
  const stories: Story[] = [];

  function* items(): Generator<Placed> {
    for (let slot = 0; slot < opts.itemsPerFeed; slot++) {
      for (let f = 0; f < outlets.length; f++) {
        const outlet = outlets[f];
        const r = rng.next();
        const source = recent.length > 20 ? recent[recent.length - 1 - rng.int(0, recent.length - 1)] : null;
        if (source && source.outlet !== f && r < trackingShare) {
          // The same article, picked up by an aggregator under its own tracking link.
          const u = `${source.item.url}?utm_source=${slug(outlet.name)}&utm_medium=rss&utm_campaign=ai-funding`;
          planted.tracking++;
          yield { feed: f, item: { ...source.item, url: u, guid: u, kind: 'tracking' } };
          continue;
        }
        if (source && source.outlet !== f && r < trackingShare + syndicatedShare) {
          // A syndicated copy: the same body under this outlet's headline, link and footer, hours later.
          const title = retitle(rng, source.story);
          const url = `https://${outlet.host}/syndication/${slug(title)}-${source.story.id}`;
          const published = new Date(Date.parse(source.item.published) + rng.int(1, 20) * 3_600_000).toISOString();
          planted.syndicated++;
          yield { feed: f, item: { ...source.item, title, url, guid: url, published, html: toHtml(source.written, outlet.footer), author: outlet.authors[0], kind: 'syndicated' } };
          continue;
        }
        // An original: a new story, or this outlet's own take on one already reported.
        let story: Story;
        if (stories.length > 10 && rng.chance(0.45)) story = stories[stories.length - 1 - rng.int(0, stories.length - 1)];
        else {
          story = makeStory(rng, planted.stories++, companies);
          stories.push(story);
          if (stories.length > 60) stories.shift();
        }
        const written = writeArticle(rng, story);
        const url = `https://${outlet.host}/${new Date(story.date).toISOString().slice(0, 10).replace(/-/g, '/')}/${slug(written.title)}-${story.id}-${f}`;
        const published = new Date(story.date + rng.int(0, 48) * 3_600_000).toISOString();
        const item: CorpusItem = {
          title: written.title, url, guid: rng.chance(0.5) ? url : `${outlet.host}:${story.id}:${slot}`, published,
          summary: written.summary, html: toHtml(written, outlet.footer), author: rng.pick(outlet.authors), kind: 'original', storyId: story.id,
        };
        recent.push({ item, story, written, outlet: f });
        if (recent.length > WINDOW) recent.shift();
        planted.originals++;
        yield { feed: f, item };
      }
    }
  }
  return { outlets, watch: watchList(companies), planted, items: items() };
}

/** The corpus for these options: the same bytes for the same options, on every run. */
export function generateCorpus(opts: CorpusOptions): Corpus {
  const stream = streamItems(opts);
  const feedItems: CorpusItem[][] = stream.outlets.map(() => []);
  for (const { feed, item } of stream.items) feedItems[feed].push(item);
  const feeds = stream.outlets.map((o, f): CorpusFeed => {
    const format = DEFAULT_FORMAT_MIX[f % DEFAULT_FORMAT_MIX.length];
    // Newest first, as feeds are served.
    const items = feedItems[f].slice().sort((a, b) => b.published.localeCompare(a.published));
    const feed = { name: o.name, url: `https://${o.host}/feed`, format, items };
    return { ...feed, contentType: CONTENT_TYPES[format], body: renderFeed(feed, o.host) };
  });
  return { seed: opts.seed, feeds, items: feeds.reduce((n, f) => n + f.items.length, 0), watch: stream.watch, planted: stream.planted };
}

const CONTENT_TYPES: Record<CorpusFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** A feed document in its format. */
export function renderFeed(feed: { name: string; url: string; format: CorpusFormat; items: CorpusItem[] }, host: string): string {
  const home = `https://${host}/`;
  switch (feed.format) {
    case 'rss': return renderRss(feed.name, home, feed.items);
    case 'atom': return renderAtom(feed.name, home, feed.url, feed.items);
    case 'json': return renderJson(feed.name, home, feed.url, feed.items);
  }
}

function renderRss(title: string, home: string, items: CorpusItem[]): string {
  const body = items.map((it) => `    <item>
      <title>${escapeXml(it.title)}</title>
      <link>${escapeXml(it.url)}</link>
      <guid isPermaLink="${it.guid === it.url}">${escapeXml(it.guid)}</guid>
      <pubDate>${new Date(it.published).toUTCString().replace('GMT', '+0000')}</pubDate>
      <dc:creator>${escapeXml(it.author)}</dc:creator>
      <description>${escapeXml(it.summary)}</description>
      <content:encoded><![CDATA[${it.html}]]></content:encoded>
    </item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>${escapeXml(home)}</link>
    <description>Funding news from ${escapeXml(title)}</description>
    <language>en</language>
${body}
  </channel>
</rss>
`;
}

function renderAtom(title: string, home: string, self: string, items: CorpusItem[]): string {
  const updated = items[0]?.published ?? '2026-09-01T00:00:00.000Z';
  const body = items.map((it) => `  <entry>
    <title type="text">${escapeXml(it.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(it.url)}"/>
    <id>${escapeXml(it.guid.startsWith('http') ? it.guid : `tag:${it.guid}`)}</id>
    <published>${it.published}</published>
    <updated>${it.published}</updated>
    <author><name>${escapeXml(it.author)}</name></author>
    <summary type="text">${escapeXml(it.summary)}</summary>
    <content type="html">${escapeXml(it.html)}</content>
  </entry>`).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeXml(title)}</title>
  <link rel="alternate" href="${escapeXml(home)}"/>
  <link rel="self" href="${escapeXml(self)}"/>
  <id>${escapeXml(self)}</id>
  <updated>${updated}</updated>
${body}
</feed>
`;
}

function renderJson(title: string, home: string, self: string, items: CorpusItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title, home_page_url: home, feed_url: self,
    items: items.map((it) => ({
      id: it.guid, url: it.url, title: it.title, summary: it.summary, content_html: it.html,
      date_published: it.published, authors: [{ name: it.author }],
    })),
  }, null, 1);
}

/** The feeds rss-parser reads (it has no JSON Feed reader): the baseline's share of the corpus. */
export const xmlFeeds = (c: Corpus): CorpusFeed[] => c.feeds.filter((f) => f.format !== 'json');
