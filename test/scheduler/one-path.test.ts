// The bot's poll and `moonshot scan` read a feed through one path: the same feed gives the same
// articles and the same figures, each with the same link, whichever of them reads it. The feed here
// has an item whose link is relative and a channel with no link of its own: the link is made
// absolute against the address the feed was fetched from, by both.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { pollOnce, runDigest } from '../../src/scheduler';
import { scan } from '../../src/pipeline';
import { readingContext } from '../../src/facts/extract';
import { silentLogger } from '../../src/log';
import type { DigestInput } from '../../src/types';

const NOW = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number): string => new Date(NOW.getTime() - h * 3_600_000).toUTCString();

// Written for this test.
const FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
  <title>Harbor Wire</title>
  <description>Funding news, no home page given</description>
  <item>
    <title>Lark maker Acme AI raises $120 million Series B</title>
    <link>/2026/11/acme-series-b</link>
    <guid isPermaLink="false">hw-1</guid>
    <pubDate>${hoursAgo(2)}</pubDate>
    <description>Acme AI, which makes the Lark note-taking assistant, raised $120 million in a Series B round led by Northwind Capital. Acme AI is now valued at $1.5 billion, the company said.</description>
  </item>
  <item>
    <title>Acme AI's revenue passes $30 million</title>
    <link>https://harbor.example/2026/11/acme-revenue</link>
    <guid isPermaLink="false">hw-2</guid>
    <pubDate>${hoursAgo(1)}</pubDate>
    <description>Acme AI now books annual recurring revenue of $30 million, two people familiar with its accounts said.</description>
  </item>
</channel></rss>`;

describe('one path from feed bytes to facts', () => {
  let server: Server;
  let origin: string;
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    server = createServer((req, res) => {
      if (req.url !== '/feed.xml') { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(FEED);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'moonshot-one-path-'));
    store = await openStore({ path: join(dir, 'bot.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same articles and facts through scan and through a poll, a relative link among them', async () => {
    const config = parseConfig([
      'feeds:', `  - url: ${origin}/feed.xml`,
      'watch: ["Acme AI|Lark maker"]',
      // Digests only: the test compares one digest with the scan.
      'subscriptions:\n  - id: test\n    platform: console\n    schedule: "0 9 * * *"\n    alerts: []',
      'allowHosts: [127.0.0.1]',
    ].join('\n'), 'test.yml', {});

    const scanned = await scan([`${origin}/feed.xml`], readingContext({ watch: config.watch, rates: config.rates, now: NOW }), { fetch: { allowHosts: config.allowHosts }, now: NOW });
    expect(scanned.errors).toEqual([]);

    const delivered: DigestInput[] = [];
    const deps = { store, config: () => config, owner: 'test', random: () => 0, log: silentLogger(), notifyAdmin: async () => undefined,
      deliver: async (_sub: unknown, input: DigestInput) => { delivered.push(input); } };
    const report = await pollOnce(deps, NOW);
    expect(report.newItems).toBe(2);
    await runDigest(deps, config.subscriptions[0], new Date(NOW.getTime() + 60_000));
    expect(delivered).toHaveLength(1);
    const digest = delivered[0];

    // The articles: the relative link made absolute against the feed's address, by both.
    const relative = `${origin}/2026/11/acme-series-b`;
    expect(scanned.articles.map((a) => a.url).sort()).toEqual([relative, 'https://harbor.example/2026/11/acme-revenue'].sort());
    const polledArticles = new Map(digest.events.flatMap((e) => e.articles).map((a) => [a.id, a.url]));
    for (const a of scanned.articles) if (polledArticles.has(a.id)) expect(polledArticles.get(a.id)).toBe(a.url);
    expect([...polledArticles.values()]).toContain(relative);

    // The facts: every figure scan read is in the poll's digest, from the same article, link and sentence.
    const key = (articleId: string, url: string | null, quote: string, metric: string, value: unknown): string => JSON.stringify([articleId, url, quote, metric, value]);
    const fromScan = scanned.facts.filter((f) => f.company === 'Acme AI').map((f) => key(f.articleId, f.url, f.quote, f.metric, f.amount?.usd ?? f.name));
    const fromPoll = [...digest.newFigures, ...digest.confirmed].flatMap((f) => f.sources.map((s) => key(s.articleId, s.url, s.quote, f.metric, f.amount?.usd ?? f.name)));
    expect(fromScan.length).toBeGreaterThanOrEqual(3);
    expect([...new Set(fromPoll)].sort()).toEqual([...new Set(fromScan)].sort());
    expect(fromPoll.some((k) => k.includes(relative))).toBe(true);
    expect(digest.conflicts).toHaveLength(scanned.conflicts.filter((c) => c.company === 'Acme AI').length);
  });
});
