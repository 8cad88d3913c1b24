// Loopback feed servers for the poll measurements: many feeds spread over several listening ports
// (the scheduler limits requests per host, and every feed on one port would measure that politeness
// limit, not the cycle), each answering after a fixed delay. Feeds are told apart by n = their number:
// - n % 4 == 0 keep an ETag and answer a conditional GET with 304;
// - n % 4 == 1 send no validators and the same bytes every cycle (read by their body hash);
// - the other half send no validators and bytes that change every cycle, around the same items (parsed
//   again, every item found seen).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderFeed, type Corpus } from './corpus';

export interface FeedServers {
  urls: string[];
  hosts: number;
  /** The cycle the servers answer for: the changing feeds' bytes differ from one cycle to the next. */
  setCycle(n: number): void;
  close(): Promise<void>;
}

export async function startFeedServers(corpus: Corpus, opts: { feeds: number; itemsPerFeed: number; delayMs: number; hosts?: number }): Promise<FeedServers> {
  const bodies = corpus.feeds.map((f) => ({ type: f.contentType, body: Buffer.from(renderFeed({ ...f, items: f.items.slice(0, opts.itemsPerFeed) }, new URL(f.url).host)) }));
  let cycle = 0;
  const handler: Parameters<typeof createServer>[1] = (req, res) => {
    const n = Number((req.url ?? '').split('/').pop());
    setTimeout(() => {
      if (!Number.isInteger(n)) return void res.writeHead(404).end();
      const b = bodies[n % bodies.length];
      if (n % 4 === 0) {
        const etag = `"feed-${n}-v1"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        return void res.writeHead(200, { 'content-type': b.type, etag }).end(b.body);
      }
      // White space after the document's end: other bytes, the same feed (XML and JSON both allow it).
      const body = n % 4 === 1 ? b.body : Buffer.concat([b.body, Buffer.from(' '.repeat(cycle + 1))]);
      res.writeHead(200, { 'content-type': b.type }).end(body);
    }, opts.delayMs);
  };
  const hosts = opts.hosts ?? Math.min(50, opts.feeds);
  const listeners = await Promise.all(Array.from({ length: hosts }, () => listen(handler)));
  return {
    urls: Array.from({ length: opts.feeds }, (_, i) => `${listeners[i % hosts].origin}/feed/${i}`),
    hosts,
    setCycle: (n) => { cycle = n; },
    close: async () => {
      await Promise.all(listeners.map((l) => new Promise((resolve) => { l.server.closeAllConnections(); l.server.close(resolve); })));
    },
  };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
