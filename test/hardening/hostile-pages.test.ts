// Article pages (fetchFullArticle) are links a feed chose: they may point inside, or never answer.
// A page is read only on a public address or on its own feed's host, and slow pages never hold news.
import { memoryLogger } from '../../src/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { pollOnce, runDigest } from '../../src/scheduler';
import type { DigestInput } from '../../src/types';
import { startLoopback, type Loopback } from '../helpers/loopback';
import { depsFor } from './world';

const NOW = new Date('2026-11-20T12:00:00Z');
const page = (body: string): string => `<!doctype html><html><body><article><h1>Kimi maker adds backers</h1>${body}</article></body></html>`;

interface Site { origin: string; server: Server; hung: ServerResponse[]; items: { id: string; link: string; title: string }[] }

/** A feed whose item links a test chooses; /slow/* never answers, /page/* is a story page. */
async function startSite(): Promise<Site> {
  const site: Site = { origin: '', server: createServer(), hung: [], items: [] };
  site.server.on('request', (req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/slow/')) { site.hung.push(res); return; }
    if (path.startsWith('/page/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page('<p>Moonshot AI has raised $600 million in a Series D round led by Example Capital, the company said on Friday.</p>'));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(`<rss version="2.0"><channel><title>Teasers</title>${site.items.map((i) => `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.id}</guid><pubDate>${new Date(NOW.getTime() - 3_600_000).toUTCString()}</pubDate><description>${i.title}</description></item>`).join('')}</channel></rss>`);
  });
  await new Promise<void>((r) => site.server.listen(0, '127.0.0.1', () => r()));
  site.origin = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  return site;
}

describe('article pages from a hostile feed', () => {
  let dir: string;
  let store: Store;
  let site: Site;
  let internal: Loopback;
  let delivered: DigestInput[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-pages-'));
    store = await openStore({ path: join(dir, 's.sqlite') });
    site = await startSite();
    // An allowlisted internal service (same address, another port) that a hostile item points at.
    internal = await startLoopback((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page('<p>Moonshot AI admin: the internal valuation is $99 billion, token s3cr3t.</p>')); });
    delivered = [];
  });
  afterEach(async () => {
    for (const r of site.hung) r.destroy();
    site.server.closeAllConnections();
    await new Promise((r) => site.server.close(r));
    await internal.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (extra = ''): MoonshotConfig => parseConfig([
    `feeds:\n  - url: ${site.origin}/feed.xml\n    fetchFullArticle: true`,
    'watch: ["Moonshot AI|Kimi maker"]',
    'subscriptions:\n  - id: main\n    platform: console\n    schedule: "0 * * * *"',
    'allowHosts: [127.0.0.1]',
    `polling:\n  jitter: 0s${extra}`,
  ].join('\n'), 'pages.yml', {});
  const deliver = async (_s: unknown, input: DigestInput): Promise<void> => { delivered.push(input); };

  it("reads a page on the feed's own host, never an allowlisted page elsewhere", async () => {
    site.items = [
      { id: 'own', link: `${site.origin}/page/own`, title: 'Kimi maker adds backers' },
      { id: 'inside', link: `${internal.origin}/admin`, title: 'Kimi maker news' },
    ];
    const cfg = config();
    const report = await pollOnce(depsFor(store, cfg, deliver), NOW);
    expect(report.newItems).toBe(2);
    expect(internal.connections).toBe(0);
    await runDigest(depsFor(store, cfg, deliver), cfg.subscriptions[0], new Date(NOW.getTime() + 60_000));
    const shown = JSON.stringify(delivered);
    expect(shown).toContain('Example Capital');
    expect(shown).not.toMatch(/s3cr3t|\$99 billion|99000000000/);
  });

  it('eight pages that never answer hold the news for the page deadline only', async () => {
    site.items = Array.from({ length: 8 }, (_, i) => ({ id: `slow${i}`, link: `${site.origin}/slow/${i}`, title: `Moonshot AI raises $${i + 1}00 million` }));
    const { log: logger, lines: log } = memoryLogger();
    const cfg = config('\n  articlePages:\n    deadline: 300ms\n    concurrency: 2');
    const report = await pollOnce(depsFor(store, cfg, deliver, { log: logger }), NOW);
    expect(report.newItems).toBe(8);
    expect(report.polled.map((p) => p.status)).toEqual(['ok']);
    expect(log.join('\n')).toMatch(/8 article pages not read within 0.3 s; the feed's text is used/);
    await runDigest(depsFor(store, cfg, deliver), cfg.subscriptions[0], new Date(NOW.getTime() + 60_000));
    expect(JSON.stringify(delivered)).toContain('800');
  });
});
