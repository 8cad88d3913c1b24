// A real feed server on 127.0.0.1 whose content, status and headers a test can change between polls.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  url(path: string): string;
  /** Items for a path; each call replaces them. */
  setItems(path: string, items: { id: string; title: string; published: Date; body?: string }[]): void;
  /** Next responses for a path: a status (and Retry-After) instead of the feed. */
  failWith(path: string, status: number | null, retryAfter?: string): void;
  /** An HTML page served at a path (an item's link is /a/<id>). */
  setPage(path: string, html: string): void;
  requests: { path: string; ifNoneMatch: string | undefined }[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const feeds = new Map<string, { body: string; etag: string }>();
  const failures = new Map<string, { status: number; retryAfter?: string }>();
  const pages = new Map<string, string>();
  const requests: FeedServer['requests'] = [];
  let version = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push({ path, ifNoneMatch: req.headers['if-none-match'] as string | undefined });
    const fail = failures.get(path);
    if (fail) {
      res.writeHead(fail.status, fail.retryAfter ? { 'retry-after': fail.retryAfter } : {});
      res.end('unavailable');
      return;
    }
    const page = pages.get(path);
    if (page !== undefined) { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page); return; }
    const feed = feeds.get(path);
    if (!feed) { res.writeHead(404); res.end(); return; }
    if (req.headers['if-none-match'] === feed.etag) { res.writeHead(304, { etag: feed.etag }); res.end(); return; }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: feed.etag });
    res.end(feed.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (p) => origin + p,
    setItems(path, items) {
      const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire ${path}</title><link>${origin}</link>${items
        .map((i) => `<item><title>${i.title}</title><link>${origin}/a/${i.id}</link><guid>${origin}/a/${i.id}</guid><pubDate>${i.published.toUTCString()}</pubDate><description>${i.body ?? i.title}</description></item>`)
        .join('')}</channel></rss>`;
      feeds.set(path, { body, etag: `"v${++version}"` });
    },
    setPage(path, html) { pages.set(path, html); },
    failWith(path, status, retryAfter) {
      if (status === null) failures.delete(path);
      else failures.set(path, { status, ...(retryAfter ? { retryAfter } : {}) });
    },
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
