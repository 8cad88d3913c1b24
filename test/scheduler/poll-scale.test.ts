// A cycle over many feeds holds only the fetch concurrency's worth of documents, feeds fall due on slots
// spread over their interval, and a feed whose body has not changed is not parsed again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log';
import { parseConfig, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { pollOnce, readFeedState, type BotDeps } from '../../src/scheduler';
import { nextSlot } from '../../src/scheduler/feed-state';
import { startFeedServer, type FeedServer } from './feed-server';

const MINUTE = 60_000;
const NOW = new Date('2026-11-20T12:00:00Z');

describe('polling many feeds', () => {
  let dir: string;
  let server: FeedServer;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-scale-'));
    server = await startFeedServer();
    store = await openStore({ path: join(dir, 'bot.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const configFor = (paths: string[], concurrency: number): MoonshotConfig => parseConfig([
    'feeds:', ...paths.map((p) => `  - url: ${server.url(p)}\n    interval: 10m`),
    'watch: ["Moonshot AI|Kimi maker"]',
    'allowHosts: [127.0.0.1]',
    `polling:\n  jitter: 0s\n  concurrency: ${concurrency}\n  perHostConcurrency: ${concurrency}`,
  ].join('\n'), 'scale.yml', {});
  const deps = (config: MoonshotConfig): BotDeps => ({
    store, config: () => config, owner: 'test', random: () => 0,
    deliver: async () => undefined, notifyAdmin: async () => undefined, log: silentLogger(),
  });
  const itemsOf = (feed: number, n: number): { id: string; title: string; published: Date }[] =>
    Array.from({ length: n }, (_, i) => ({ id: `f${feed}-i${i}`, title: `Wire ${feed} note ${i} on chip supply ${feed * 31 + i}`, published: new Date(NOW.getTime() - (i + 1) * MINUTE) }));

  it('200 feeds at concurrency 4 never hold more than 4 fetched documents, and every item is recorded and remembered', async () => {
    const paths = Array.from({ length: 200 }, (_, i) => `/wire-${i}.xml`);
    paths.forEach((p, i) => server.setItems(p, itemsOf(i, 3)));
    const cfg = configFor(paths, 4);
    const report = await pollOnce(deps(cfg), NOW);
    expect(report.polled).toHaveLength(200);
    expect(report.polled.every((p) => p.status === 'ok')).toBe(true);
    expect(report.parsed).toBe(200);
    expect(report.peakDocuments).toBeGreaterThan(0);
    expect(report.peakDocuments).toBeLessThanOrEqual(4);
    expect(report.newItems).toBe(600);
    // Each feed's items were remembered with its state: the next cycle finds nothing new.
    const later = new Date(NOW.getTime() + 20 * MINUTE);
    const again = await pollOnce(deps(cfg), later);
    expect(again.polled).toHaveLength(200);
    expect(again.newItems + again.backfilled).toBe(0);
  });

  it('spreads the next polls of many feeds over their interval instead of firing them together', async () => {
    const paths = Array.from({ length: 200 }, (_, i) => `/spread-${i}.xml`);
    paths.forEach((p, i) => server.setItems(p, itemsOf(i, 1)));
    await pollOnce(deps(configFor(paths, 8)), NOW);
    const next = await Promise.all(paths.map(async (p) => Date.parse((await readFeedState(store, server.url(p))).nextPollAt!)));
    for (const t of next) {
      expect(t - NOW.getTime()).toBeGreaterThan(5 * MINUTE);
      expect(t - NOW.getTime()).toBeLessThanOrEqual(15 * MINUTE);
    }
    // Counted by the minute of the interval they fall in: no minute takes a large share of the feeds.
    const perMinute = new Map<number, number>();
    for (const t of next) perMinute.set(Math.floor((t % (10 * MINUTE)) / MINUTE), (perMinute.get(Math.floor((t % (10 * MINUTE)) / MINUTE)) ?? 0) + 1);
    expect(perMinute.size).toBe(10);
    expect(Math.max(...perMinute.values())).toBeLessThan(50);
  });

  it('a feed keeps its slot: polled on time, its next poll is one interval later', () => {
    const url = 'https://wire.example/feed.xml';
    const first = nextSlot(url, 10 * MINUTE, NOW.getTime());
    expect(nextSlot(url, 10 * MINUTE, first)).toBe(first + 10 * MINUTE);
    // A cycle that reaches it late does not move it.
    expect(nextSlot(url, 10 * MINUTE, first + 2 * MINUTE)).toBe(first + 10 * MINUTE);
  });

  it('an unchanged body answered 200 (a new ETag, the same bytes) is not parsed again; a changed one is', async () => {
    const cfg = configFor(['/same.xml'], 4);
    server.setItems('/same.xml', [{ id: 's1', title: 'Kimi maker Moonshot AI raises $1 billion', published: NOW }]);
    const first = await pollOnce(deps(cfg), NOW);
    expect([first.parsed, first.newItems]).toEqual([1, 1]);
    const etagAfterFirst = (await readFeedState(store, server.url('/same.xml'))).etag;

    // The same items again: the server's ETag changes but the bytes do not.
    server.setItems('/same.xml', [{ id: 's1', title: 'Kimi maker Moonshot AI raises $1 billion', published: NOW }]);
    const second = await pollOnce(deps(cfg), new Date(NOW.getTime() + 20 * MINUTE));
    expect(server.requests.filter((r) => r.path === '/same.xml')).toHaveLength(2);
    expect(second.parsed).toBe(0);
    expect(second.polled[0].status).toBe('not-modified');
    // The new validators are kept for the next conditional GET.
    expect((await readFeedState(store, server.url('/same.xml'))).etag).not.toBe(etagAfterFirst);

    server.setItems('/same.xml', [
      { id: 's1', title: 'Kimi maker Moonshot AI raises $1 billion', published: NOW },
      { id: 's2', title: 'Moonshot AI adds a second lead investor', published: NOW },
    ]);
    const third = await pollOnce(deps(cfg), new Date(NOW.getTime() + 40 * MINUTE));
    expect([third.parsed, third.newItems]).toEqual([1, 1]);
  });

  it('items seen before with the same words are left out before they are normalised; a new or corrected one is read', async () => {
    const cfg = configFor(['/known.xml'], 4);
    const three = [0, 1, 2].map((i) => ({ id: `k${i}`, title: `Kimi maker Moonshot AI note ${i}`, body: `Moonshot AI raised $${i + 1} billion, a filing shows.`, published: NOW }));
    server.setItems('/known.xml', three);
    const first = await pollOnce(deps(cfg), NOW);
    expect([first.normalised, first.newItems]).toEqual([3, 3]);

    // One item more, and one of the three corrected: only those two are normalised.
    server.setItems('/known.xml', [
      { ...three[0] }, { ...three[1] }, { ...three[2], body: 'Moonshot AI raised $4 billion, a filing shows.' },
      { id: 'k3', title: 'Moonshot AI opens an office', published: NOW },
    ]);
    const second = await pollOnce(deps(cfg), new Date(NOW.getTime() + 20 * MINUTE));
    expect(second.parsed).toBe(1);
    expect(second.normalised).toBe(2);
    expect(second.newItems).toBe(1);
    expect(second.corrected).toBe(1);
  });
});
