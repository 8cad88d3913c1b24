// A small world for the hardening tests: a loopback feed server whose items a test rewrites between
// polls, a config over it, and a bot's dependencies that collect what would have been posted.
import { silentLogger } from '../../src/log';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, type MoonshotConfig } from '../../src/config';
import type { Store } from '../../src/store/types';
import type { BotDeps } from '../../src/scheduler';
import type { Deliver } from '../../src/digest/deliver';

export interface Item { guid: string; link: string; title: string; body: string; published: Date }

export interface MutableFeed {
  url: string;
  items: Item[];
  /** Answer every request with this status instead (null: serve the feed). */
  failWith: number | null;
  close(): Promise<void>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A feed on a loopback server; an item with an empty guid is written without one (known by its link). */
export async function mutableFeed(title = 'Mutable Wire'): Promise<MutableFeed> {
  const feed: MutableFeed = { url: '', items: [], failWith: null, close: async () => undefined };
  const server: Server = createServer((_req, res) => {
    if (feed.failWith) { res.writeHead(feed.failWith); res.end(); return; }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${esc(title)}</title><link>${feed.url}</link>${feed.items
      .map((i) => `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link>${i.guid ? `<guid>${esc(i.guid)}</guid>` : ''}<pubDate>${i.published.toUTCString()}</pubDate><description>${esc(i.body)}</description></item>`)
      .join('')}</channel></rss>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  feed.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return feed;
}

export function configFor(feedUrl: string): MoonshotConfig {
  return parseConfig([
    `feeds:\n  - url: ${feedUrl}\n    interval: 1m`,
    'watch: ["Moonshot AI|Kimi maker", "MiniMax"]',
    // Digests only: the test counts what a digest posts, and a round alert would post the round again.
    'subscriptions:\n  - id: main\n    platform: console\n    schedule: "0 * * * *"\n    alerts: []',
    'allowHosts: [127.0.0.1]',
    'polling:\n  jitter: 0s\n  backoff:\n    initial: 1m\n    max: 5m\n    factor: 2\n  pauseAfterFailures: 100',
  ].join('\n'), 'hardening.yml', {});
}

export function depsFor(store: Store, config: MoonshotConfig, deliver: Deliver, extra: Partial<BotDeps> = {}): BotDeps {
  return { store, config: () => config, owner: 'hardening', random: () => 0, deliver, notifyAdmin: async () => undefined, log: silentLogger(), unreleased: new Set(), ...extra };
}

export const MINUTE = 60_000;
export const later = (t: Date, minutes: number): Date => new Date(t.getTime() + minutes * MINUTE);
