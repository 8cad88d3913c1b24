// Feeds that misbehave between polls, through the real scheduler, ledger and digest: what a channel
// would see is each story once, and a corrected figure as an update.
import type { Store } from '../../src/store/types';
import { describeEachStore } from '../helpers/stores';
import { pollOnce, runDigest } from '../../src/scheduler';
import { Ledger } from '../../src/ledger';
import type { DigestInput } from '../../src/types';
import { configFor, depsFor, later, mutableFeed, type Item, type MutableFeed } from './world';

const T0 = new Date('2026-11-20T12:00:00Z');

describeEachStore('feeds that misbehave', ({ place }) => {
  let store: Store;
  let feed: MutableFeed;
  let posted: DigestInput[];
  beforeEach(async () => {
    store = await place().open();
    feed = await mutableFeed();
    posted = [];
  });
  afterEach(async () => {
    await feed.close();
  });
  const deps = (): ReturnType<typeof depsFor> => depsFor(store, configFor(feed.url), async (_s, input) => { posted.push(input); });
  /** Polls at t, then runs the hourly digest at t + 1 minute. */
  async function cycle(t: Date): Promise<void> {
    await pollOnce(deps(), t);
    await runDigest(deps(), configFor(feed.url).subscriptions[0], later(t, 1));
  }
  const story = (n: number, published: Date, extra: Partial<Item> = {}): Item => ({
    guid: `g-${n}`, link: `${feed.url.replace('/feed.xml', '')}/story/${n}`, published,
    title: `MiniMax closes round number ${n}`, body: `MiniMax raised $${n}00 million in a Series ${String.fromCharCode(64 + n)} round led by Fund ${n}.`, ...extra,
  });
  const figuresPosted = (): string[] => posted.flatMap((d) => d.newFigures.map((f) => `${f.company} ${f.metric} ${f.amount?.value ?? f.name}`));

  it('a new guid on every fetch, re-dated items and a shuffled order post nothing twice', async () => {
    const base = [story(1, later(T0, -30)), story(2, later(T0, -20)), story(3, later(T0, -10))];
    feed.items = base;
    await cycle(T0);
    expect(figuresPosted()).toEqual(expect.arrayContaining(['MiniMax round_size 100000000', 'MiniMax round_size 200000000', 'MiniMax round_size 300000000']));
    const after1 = figuresPosted().length;

    for (let i = 1; i <= 4; i++) {
      const t = later(T0, 60 * i);
      // Fresh guids, today's date on everything, a different order each time.
      feed.items = [...base].reverse().map((s, k) => ({ ...s, guid: `rotating-${i}-${k}-${Math.random()}`, published: later(t, -k) }));
      if (i % 2) feed.items.push(feed.items.shift()!);
      await cycle(t);
    }
    expect(figuresPosted()).toHaveLength(after1);
    expect(posted).toHaveLength(1);

    // A genuinely new story still gets through.
    feed.items = [story(4, later(T0, 290)), ...base];
    await cycle(later(T0, 300));
    expect(posted).toHaveLength(2);
    expect(figuresPosted().slice(after1)).toContain('MiniMax round_size 400000000');
  });

  it('a digest that runs while a poll is still recording does not skip what that poll reads', async () => {
    feed.items = [story(7, later(T0, -5))];
    const config = configFor(feed.url);
    const { fetchFeed } = await import('../../src/feeds/fetch');
    let during: Awaited<ReturnType<typeof runDigest>> | null = null;
    const racing = depsFor(store, config, async (_s, input) => { posted.push(input); }, {
      // The digest fires after the feed was fetched and before its items are in the ledger.
      fetchFeed: async (url, opts) => {
        const res = await fetchFeed(url, opts);
        during = await runDigest(deps(), config.subscriptions[0], later(T0, 0.5));
        return res;
      },
    });
    await pollOnce(racing, T0);
    expect(during).toMatchObject({ status: 'nothing-new' });
    await runDigest(deps(), config.subscriptions[0], later(T0, 1));
    expect(figuresPosted()).toContain('MiniMax round_size 700000000');
  });

  it('a figure corrected in place reaches the ledger as an update, not as a disagreement with itself', async () => {
    const original = { guid: 'val-1', link: `${feed.url.replace('/feed.xml', '')}/story/val`, published: later(T0, -5),
      title: 'Moonshot AI valued higher', body: 'Moonshot AI is now valued at $2 billion after its latest round.' };
    feed.items = [original];
    await cycle(T0);
    expect(figuresPosted()).toEqual(['Moonshot AI valuation 2000000000']);

    feed.items = [{ ...original, body: 'Moonshot AI is now valued at $2.5 billion after its latest round.' }];
    await cycle(later(T0, 60));
    const ledger = new Ledger(store, configFor(feed.url).watch);
    expect(await ledger.conflictsFor('Moonshot AI')).toEqual([]);
    const current = (await ledger.rounds('Moonshot AI', later(T0, 60))).current.find((c) => c.metric === 'valuation');
    expect(current?.amount?.value).toBe(2.5e9);
    // The withdrawn claim is kept as history, marked superseded.
    const all = await ledger.facts('Moonshot AI', { superseded: true });
    expect(all.map((f) => [f.fact.amount?.value, !!f.supersededAt])).toEqual([[2e9, true], [2.5e9, false]]);
    // The channel hears of the new figure, and of no conflict.
    expect(posted).toHaveLength(2);
    expect(posted[1].conflicts).toEqual([]);
    expect(figuresPosted()[1]).toBe('Moonshot AI valuation 2500000000');

    // A reworded sentence with the same figure is not news again.
    feed.items = [{ ...original, body: 'After its latest round Moonshot AI is now valued at $2.5 billion.' }];
    await cycle(later(T0, 120));
    expect(posted).toHaveLength(2);
    expect(await ledger.conflictsFor('Moonshot AI')).toEqual([]);
  });

  it('another feed republishing a first feed\'s link with other figures is another source\'s claim: kept beside it, and flagged', async () => {
    const echo = await mutableFeed('Echo Chamber');
    try {
      const base = configFor(feed.url);
      const config = { ...base, feeds: [...base.feeds, { ...base.feeds[0], url: echo.url }] };
      const both = (): ReturnType<typeof depsFor> => depsFor(store, config, async (_s, input) => { posted.push(input); });
      const link = `${feed.url.replace('/feed.xml', '')}/story/val`;
      // No guids: each item is known by its link, the same link in both feeds.
      feed.items = [{ guid: '', link, published: later(T0, -5), title: 'Moonshot AI valued at $2 billion', body: 'Moonshot AI is now valued at $2 billion after its latest round.' }];
      await pollOnce(both(), T0);
      await runDigest(both(), config.subscriptions[0], later(T0, 1));
      echo.items = [{ guid: '', link: `${link}?utm_source=echo`, published: later(T0, 50), title: 'Moonshot AI valued at $9 billion', body: 'Moonshot AI is now valued at $9 billion after its latest round.' }];
      const report = await pollOnce(both(), later(T0, 60));
      expect(report.corrected).toBeUndefined();
      await runDigest(both(), config.subscriptions[0], later(T0, 61));
      const ledger = new Ledger(store, config.watch);
      const facts = await ledger.facts('Moonshot AI', { superseded: true });
      expect(facts.map((f) => [f.fact.amount?.value, f.fact.source, !!f.supersededAt])).toEqual([[2e9, 'Mutable Wire', false], [9e9, 'Echo Chamber', false]]);
      const conflicts = await ledger.conflictsFor('Moonshot AI', later(T0, 61));
      expect(conflicts.map((c) => [c.metric, c.claims.flatMap((cl) => cl.sources).sort()])).toEqual([['valuation', ['Echo Chamber', 'Mutable Wire']]]);
      expect(posted.at(-1)?.conflicts).toHaveLength(1);
      // Read again, neither feed's item is news, and the first feed's item is still the first feed's.
      const again = await pollOnce(both(), later(T0, 120));
      expect(again.newItems).toBe(0);
      expect(again.corrected).toBeUndefined();
    } finally {
      await echo.close();
    }
  });
});
