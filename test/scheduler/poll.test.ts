import { silentLogger } from '../../src/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { pollOnce, readFeedState, resumeFeed, runDigest, type BotDeps } from '../../src/scheduler';
import type { DigestInput } from '../../src/types';
import { startFeedServer, type FeedServer } from './feed-server';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-20T12:00:00Z');

function configFor(server: FeedServer, paths: string[], extra = ''): MoonshotConfig {
  const yml = [
    'feeds:', ...paths.map((p) => `  - url: ${server.url(p)}\n    interval: 30m`),
    'watch: ["Moonshot AI|Kimi maker"]',
    'subscriptions:\n  - id: test\n    platform: console\n    schedule: "0 9 * * *"',
    'allowHosts: [127.0.0.1]',
    'polling:\n  jitter: 0s\n  backoff:\n    initial: 1m\n    max: 1h\n    factor: 2\n  pauseAfterFailures: 3',
    extra,
  ].join('\n');
  return parseConfig(yml, 'test.yml', {});
}

describe('pollOnce', () => {
  let dir: string;
  let server: FeedServer;
  let store: Store;
  let delivered: DigestInput[];
  let notices: string[];
  const deps = (config: MoonshotConfig, s: Store = store): BotDeps => ({
    store: s, config: () => config, owner: 'test', random: () => 0,
    deliver: async (_sub, input) => { delivered.push(input); },
    notifyAdmin: async (t) => { notices.push(t); },
    log: silentLogger(),
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-poll-'));
    server = await startFeedServer();
    store = await openStore({ path: join(dir, 'bot.sqlite') });
    delivered = [];
    notices = [];
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adding a feed with 500 items treats only those inside the window as news', async () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, title: `Item ${i}`, published: new Date(NOW.getTime() - (i + 0.5) * HOUR) }));
    server.setItems('/big.xml', items);
    const report = await pollOnce(deps(configFor(server, ['/big.xml'])), NOW);
    expect(report.newItems).toBe(24); // published 0.5 .. 23.5 hours ago
    expect(report.backfilled).toBe(476);
    // Every item is remembered: a second poll of the same feed finds nothing new.
    server.setItems('/big.xml', items);
    const again = await pollOnce(deps(configFor(server, ['/big.xml'])), new Date(NOW.getTime() + HOUR));
    expect(again.newItems + again.backfilled).toBe(0);
  });

  it('remembers seen items across a restart, even after they leave the feed', async () => {
    const cfg = configFor(server, ['/a.xml']);
    server.setItems('/a.xml', [{ id: 'x1', title: 'One', published: new Date(NOW.getTime() - HOUR) }]);
    expect((await pollOnce(deps(cfg), NOW)).newItems).toBe(1);
    server.setItems('/a.xml', [{ id: 'x2', title: 'Two', published: new Date(NOW.getTime() - HOUR) }]);
    await pollOnce(deps(cfg), new Date(NOW.getTime() + HOUR));
    await store.close();

    store = await openStore({ path: join(dir, 'bot.sqlite') });
    server.setItems('/a.xml', [
      { id: 'x1', title: 'One', published: new Date(NOW.getTime() - HOUR) },
      { id: 'x2', title: 'Two', published: new Date(NOW.getTime() - HOUR) },
      { id: 'x3', title: 'Three', published: new Date(NOW.getTime() + HOUR) },
    ]);
    const r = await pollOnce(deps(cfg), new Date(NOW.getTime() + 2 * HOUR));
    expect(r.newItems).toBe(1);
    expect(r.polled[0].newItems).toBe(1);
  });

  it('uses conditional GET and does not poll a feed before its interval', async () => {
    const cfg = configFor(server, ['/c.xml']);
    server.setItems('/c.xml', [{ id: 'c1', title: 'One', published: NOW }]);
    await pollOnce(deps(cfg), NOW);
    expect((await pollOnce(deps(cfg), new Date(NOW.getTime() + 60_000))).polled).toEqual([]);
    const later = await pollOnce(deps(cfg), new Date(NOW.getTime() + HOUR));
    expect(later.polled[0].status).toBe('not-modified');
    expect(server.requests.at(-1)?.ifNoneMatch).toBe((await readFeedState(store, server.url('/c.xml'))).etag);
  });

  it('backs off after failures, honours Retry-After, pauses after N failures with a notice, and resumes', async () => {
    const cfg = configFor(server, ['/down.xml']);
    const url = server.url('/down.xml');
    server.failWith('/down.xml', 500);
    let t = NOW.getTime();
    await pollOnce(deps(cfg), new Date(t));
    let s = await readFeedState(store, url);
    expect([s.failures, Date.parse(s.nextPollAt!) - t]).toEqual([1, 60_000]);

    server.failWith('/down.xml', 503, '7200');
    t = Date.parse(s.nextPollAt!);
    await pollOnce(deps(cfg), new Date(t));
    s = await readFeedState(store, url);
    expect([s.failures, Date.parse(s.nextPollAt!) - t]).toEqual([2, 7_200_000]); // Retry-After beats the 2-minute backoff

    server.failWith('/down.xml', 500);
    t = Date.parse(s.nextPollAt!);
    const r = await pollOnce(deps(cfg), new Date(t));
    expect(r.polled[0].status).toBe('paused-now');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(url);
    expect((await pollOnce(deps(cfg), new Date(t + 10 * HOUR))).polled).toEqual([]);

    server.failWith('/down.xml', null);
    server.setItems('/down.xml', [{ id: 'd1', title: 'Back', published: new Date(t) }]);
    await resumeFeed(store, url, new Date(t + 10 * HOUR));
    const back = await pollOnce(deps(cfg), new Date(t + 10 * HOUR));
    expect(back.polled[0].status).toBe('ok');
    expect((await readFeedState(store, url)).failures).toBe(0);
  });

  it('a failing store stops the cycle: nothing marked seen, no digest posted', async () => {
    const cfg = configFor(server, ['/s.xml']);
    server.setItems('/s.xml', [{ id: 's1', title: 'One', published: NOW }]);
    const broken = await openStore({ path: join(dir, 'broken.sqlite') });
    await broken.close();
    await expect(pollOnce(deps(cfg, broken), NOW)).rejects.toThrow();
    await expect(runDigest(deps(cfg, broken), cfg.subscriptions[0], NOW)).rejects.toThrow();
    expect(delivered).toEqual([]);
  });

  it('one poller per feed and slot among concurrent instances', async () => {
    const cfg = configFor(server, ['/u.xml']);
    server.setItems('/u.xml', [{ id: 'u1', title: 'One', published: NOW }]);
    const other = await openStore({ path: join(dir, 'bot.sqlite') });
    const [a, b] = await Promise.all([pollOnce(deps(cfg), NOW), pollOnce({ ...deps(cfg, other), owner: 'other' }, NOW)]);
    await other.close();
    expect(a.polled.length + b.polled.length).toBe(1);
    expect(server.requests.filter((r) => r.path === '/u.xml')).toHaveLength(1);
  });

  it('a digest with nothing new posts nothing and moves the cursor', async () => {
    const cfg = configFor(server, ['/e.xml']);
    server.setItems('/e.xml', [{ id: 'e1', title: 'No figures here', published: NOW }]);
    await pollOnce(deps(cfg), NOW);
    const out = await runDigest(deps(cfg), cfg.subscriptions[0], NOW);
    expect(out.status).toBe('nothing-new');
    expect(delivered).toEqual([]);
    // The window ends a few seconds before the digest fired (a poll starting then may still be writing).
    expect(await store.get('cursor:test')).toBe(new Date(NOW.getTime() - 5000).toISOString());
  });

  it('a copy of a story read in an earlier poll is folded into it, also after the index is reloaded', async () => {
    // Written for this test: one story, then the same body under another outlet's title and link.
    const body = 'Moonshot AI has closed a new funding round of $700 million, according to two people with knowledge of the deal. '
      + 'The Beijing company, best known for its Kimi assistant, plans to spend most of the money on computing power and on hiring researchers. '
      + 'Existing backers took part, and the company declined to comment on the terms or on who led the round.';
    const cfg = configFor(server, ['/first.xml', '/second.xml']);
    server.setItems('/first.xml', [{ id: 'orig', title: 'Moonshot AI closes $700 million round', published: new Date(NOW.getTime() - HOUR), body }]);
    server.setItems('/second.xml', []);
    expect((await pollOnce(deps(cfg), NOW)).newItems).toBe(1);

    server.setItems('/second.xml', [{ id: 'copy1', title: 'Kimi maker lands $700M', published: NOW, body }]);
    const later = await pollOnce(deps(cfg), new Date(NOW.getTime() + HOUR));
    expect(later.newItems).toBe(0);

    // Two days on, the index is reloaded from the store: a further copy still folds.
    server.setItems('/second.xml', [{ id: 'copy2', title: 'Another outlet on the Kimi maker', published: new Date(NOW.getTime() + 48 * HOUR), body }]);
    const reloaded = await pollOnce(deps(cfg), new Date(NOW.getTime() + 49 * HOUR));
    expect(reloaded.newItems).toBe(0);
  });

  describe('fetchFullArticle', () => {
    const fullConfig = (): MoonshotConfig => {
      const cfg = configFor(server, ['/teaser.xml', '/plain.xml']);
      return { ...cfg, feeds: cfg.feeds.map((f) => (f.url.endsWith('/teaser.xml') ? { ...f, fetchFullArticle: true } : f)) };
    };
    const page = (body: string): string =>
      `<!doctype html><html><body><nav><a href="/">Home</a> Markets Deals</nav><article><h1>Kimi maker adds backers</h1>${body}</article><footer>Subscribe for $9 a month</footer></body></html>`;

    it("reads each new item's page for a teaser feed, and only for that feed", async () => {
      server.setItems('/teaser.xml', [{ id: 't1', title: 'Kimi maker adds backers', published: new Date(NOW.getTime() - HOUR) }]);
      server.setItems('/plain.xml', [{ id: 'p1', title: 'Kimi maker hires a new CFO', published: new Date(NOW.getTime() - HOUR) }]);
      server.setPage('/a/t1', page('<p>Moonshot AI has raised $600 million in a Series D round led by Example Capital, the company said on Friday.</p><p>The deal values the Beijing start-up at $12 billion.</p>'));
      server.setPage('/a/p1', page('<p>Moonshot AI was valued at $99 billion, a page nobody asked for says.</p>'));
      const cfg = fullConfig();
      const report = await pollOnce(deps(cfg), NOW);
      expect(report.newItems).toBe(2);
      expect(server.requests.map((r) => r.path)).toContain('/a/t1');
      expect(server.requests.map((r) => r.path)).not.toContain('/a/p1');

      await runDigest(deps(cfg), cfg.subscriptions[0], new Date(NOW.getTime() + 60_000));
      const shown = JSON.stringify(delivered);
      expect(shown).toContain('600');
      expect(shown).toContain('Example Capital');
      // The other feed's page was never read: its figure is nowhere (ids and ports may hold '99' by chance).
      expect(shown).not.toContain('99000000000');
      expect(shown).not.toContain('$99');
      expect(shown).not.toContain('Subscribe');

      // The page's text is not a correction of the feed's: the next poll finds nothing to read again.
      server.setItems('/teaser.xml', [{ id: 't1', title: 'Kimi maker adds backers', published: new Date(NOW.getTime() - HOUR) }]);
      const again = await pollOnce(deps(cfg), new Date(NOW.getTime() + HOUR));
      expect(again.newItems).toBe(0);
      expect(again.corrected ?? 0).toBe(0);
      expect(server.requests.filter((r) => r.path === '/a/t1')).toHaveLength(1);
    });

    it('an article page that cannot be had leaves the feed text, and the item is not lost', async () => {
      server.setItems('/teaser.xml', [{ id: 't2', title: 'Moonshot AI raises $300 million', published: new Date(NOW.getTime() - HOUR) }]);
      server.failWith('/a/t2', 500);
      const cfg = fullConfig();
      const report = await pollOnce(deps(cfg), NOW);
      expect(report.newItems).toBe(1);
      expect(report.polled.find((p) => p.url.endsWith('/teaser.xml'))?.status).toBe('ok');
      await runDigest(deps(cfg), cfg.subscriptions[0], new Date(NOW.getTime() + 60_000));
      expect(JSON.stringify(delivered)).toContain('300');
    });
  });
});
