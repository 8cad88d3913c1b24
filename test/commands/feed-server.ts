// A feed server on 127.0.0.1 for the tests: fixed routes, an optional delay, a log of what was served.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SAMPLE_RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Funding Wire</title><link>https://wire.example/</link>
<item><title>Kimi maker closes a new round</title><link>https://wire.example/1</link><guid>w1</guid>
<pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate><description>The company behind Kimi is now worth $20 billion, people said.</description></item>
<item><title>MiniMax files for listing</title><link>https://wire.example/2</link><guid>w2</guid>
<pubDate>Sun, 01 Nov 2026 08:00:00 GMT</pubDate><description>A filing shows revenue growth.</description></item>
</channel></rss>`;

export const SAMPLE_OPML = `<?xml version="1.0"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
<outline text="AI">
  <outline text="Wire one" type="rss" xmlUrl="https://one.example/feed.xml"/>
  <outline text="Wire two" type="rss" xmlUrl="https://two.example/rss?x=1&amp;y=2"/>
</outline>
<outline text="Not a feed" xmlUrl="ftp://old.example/list"/>
</body></opml>`;

export interface Route { status?: number; type?: string; body: string; delayMs?: number; onServed?: () => void }

export interface FeedServer { url: (path: string) => string; close: () => Promise<void>; server: Server }

export async function feedServer(routes: Record<string, Route>): Promise<FeedServer> {
  const server = createServer((req, res) => {
    const r = routes[req.url ?? ''];
    const send = (): void => {
      if (!r) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
      res.writeHead(r.status ?? 200, { 'content-type': r.type ?? 'application/rss+xml; charset=utf-8' });
      res.end(r.body, () => r.onServed?.());
    };
    if (r?.delayMs) setTimeout(send, r.delayMs); else send();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
