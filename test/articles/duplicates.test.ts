import { DuplicateIndex, foldDuplicates } from '../../src/articles/duplicates';
import { toArticles } from '../../src/articles/normalise';
import type { Article, FeedEntry } from '../../src/types';
import { generateCorpus } from './generate';

const FOOTER = [
  'About Lumen Ledger: we cover the companies, investors and research shaping artificial intelligence, with daily reporting and a weekly analysis of the biggest rounds.',
  'Subscribe to the Lumen Ledger newsletter for every funding round, acquisition and executive move, delivered each morning with notes from our reporters.',
  'Have a tip? Write to our newsroom securely; we protect our sources and read every message that reaches us.',
];

const story = (company: string, amount: string, round: string, lead: string, extra: string[]): string[] => [
  `${company}, which builds scheduling software for hospitals, has raised ${amount} in a ${round} round led by ${lead}, the company said on Monday.`,
  `The funding brings the total ${company} has raised since its founding to a figure it would not disclose, though people close to it describe the round as oversubscribed.`,
  `Chief executive Ines Calder said the money would pay for a larger engineering team in Lisbon and for pilots with hospital networks in Germany and the Netherlands.`,
  `${company} says its tools cut the time nurses spend on rosters by about a third, a claim hospital administrators in two countries have repeated to reporters.`,
  ...extra,
];

function feedArticles(feed: string, title: string, items: { title: string; url: string; guid?: string; published: string; paras: string[] }[]): Article[] {
  const entries: FeedEntry[] = items.map((i) => ({
    title: i.title, url: i.url, guid: i.guid ?? null, published: i.published, summary: i.paras[0], content: i.paras.map((p) => `<p>${p}</p>`).join(''), author: null,
  }));
  return toArticles({ format: 'rss', title, link: null, entries, warnings: [] }, feed);
}

describe('foldDuplicates', () => {
  it('folds syndicated copies with new titles and tracking links, keeping every sighting', () => {
    const body = story('Rosterly', '$50 million', 'Series B', 'Harbor Peak Ventures', ['Rosterly plans to double its headcount to 240 people by the end of next year, with most of the hires in product and customer support.']);
    const original = feedArticles('https://lumen.example/feed', 'Lumen Ledger', [
      { title: 'Rosterly raises $50M Series B', url: 'https://lumen.example/2026/rosterly-series-b', guid: 'l-1', published: '2026-03-02T09:00:00Z', paras: [...body, ...FOOTER] },
      { title: 'Another story entirely', url: 'https://lumen.example/2026/other', guid: 'l-2', published: '2026-03-01T09:00:00Z', paras: ['Kestrel Bio opened a laboratory in Basel and hired forty chemists from a rival firm that shut down last winter.', ...FOOTER] },
    ]);
    const copyA = feedArticles('https://wire.example/rss', 'Circuit Courier', [
      // New headline, one sentence reworded, the wire's own link with tracking.
      { title: 'Hospital rostering start-up lands $50 million', url: 'https://wire.example/s/8812?utm_source=partner&utm_medium=rss&fbclid=xyz', guid: 'w-8812', published: '2026-03-03T07:00:00Z',
        paras: [body[0], body[1], 'Ines Calder, the chief executive, told us the money goes into hiring engineers in Lisbon and running pilots with hospitals in Germany and the Netherlands.', body[3], body[4]] },
    ]);
    const copyB = feedArticles('https://agg.example/feed.json', 'Model Money', [
      { title: 'Rosterly: $50M for nurse scheduling', url: 'https://www.lumen.example/2026/rosterly-series-b/?utm_campaign=agg#top', published: '2026-03-02T12:00:00Z', paras: ['Syndicated.'] },
    ]);
    const out = foldDuplicates([...copyA, ...copyB, ...original]);
    expect(out.map((a) => a.title).sort()).toEqual(['Another story entirely', 'Rosterly raises $50M Series B']);
    const kept = out.find((a) => a.title.startsWith('Rosterly'));
    expect(kept?.duplicates).toEqual(
      expect.arrayContaining([
        { source: 'Circuit Courier', feed: 'https://wire.example/rss', url: 'https://wire.example/s/8812?utm_source=partner&utm_medium=rss&fbclid=xyz' },
        { source: 'Model Money', feed: 'https://agg.example/feed.json', url: 'https://www.lumen.example/2026/rosterly-series-b/?utm_campaign=agg#top' },
      ]),
    );
    expect(kept?.duplicates).toHaveLength(2);
  });

  it.each([
    ['$2 billion', '$2 bln'], ['$2 billion', '$2 bn'], ['$2 billion', '$2B'], ['$2 bln', '$2 billion'],
    ['$500 million', '$500 mln'], ['$500 million', '$500 mn'], ['$500 mln', '$500M'],
  ])('folds a syndicated copy that writes %s as %s: one amount, however its magnitude is spelt', (written, rewritten) => {
    const body = (amount: string): string[] => story('Rosterly', amount, 'Series C', 'Harbor Peak Ventures', ['Rosterly plans to double its headcount to 240 people by the end of next year, with most of the hires in product and customer support.']);
    const original = feedArticles('https://lumen.example/feed', 'Lumen Ledger', [
      { title: `Rosterly raises ${written} Series C`, url: 'https://lumen.example/2026/rosterly-series-c', guid: 'l-9', published: '2026-03-02T09:00:00Z', paras: [...body(written), ...FOOTER] },
    ]);
    const copy = feedArticles('https://wire.example/rss', 'Circuit Courier', [
      { title: `Rosterly raises ${rewritten} Series C`, url: 'https://wire.example/s/9911', guid: 'w-9911', published: '2026-03-03T07:00:00Z', paras: body(rewritten) },
    ]);
    const out = foldDuplicates([...original, ...copy]);
    expect(out).toHaveLength(1);
    expect(out[0].duplicates.map((d) => d.source)).toEqual(['Circuit Courier']);
  });

  it('keeps apart two stories whose amounts differ only in magnitude ($2 million against $2 bln)', () => {
    const body = (amount: string): string[] => story('Rosterly', amount, 'Series C', 'Harbor Peak Ventures', []);
    const a = feedArticles('https://lumen.example/feed', 'Lumen Ledger', [
      { title: 'Rosterly raises $2 million Series C', url: 'https://lumen.example/2026/a', guid: 'l-a', published: '2026-03-02T09:00:00Z', paras: body('$2 million') },
    ]);
    const b = feedArticles('https://wire.example/rss', 'Circuit Courier', [
      { title: 'Rosterly raises $2 bln Series C', url: 'https://wire.example/s/b', guid: 'w-b', published: '2026-03-03T07:00:00Z', paras: body('$2 bln') },
    ]);
    expect(foldDuplicates([...a, ...b])).toHaveLength(2);
  });

  it('gives the same result whatever the order of the feeds', () => {
    const { articles } = generateCorpus({ distinct: 300, copies: 20, seed: 11 });
    const ids = (xs: Article[]) => foldDuplicates(xs).map((a) => `${a.id}:${a.duplicates.length}`).sort();
    expect(ids([...articles].reverse())).toEqual(ids(articles));
  });

  it('keeps apart the same company\'s next round from the same outlet template', () => {
    const b = story('Rosterly', '$50 million', 'Series B', 'Harbor Peak Ventures', []);
    const c = story('Rosterly', '$120 million', 'Series C', 'Harbor Peak Ventures', []);
    const arts = feedArticles('https://lumen.example/feed', 'Lumen Ledger', [
      { title: 'Rosterly raises $50M Series B', url: 'https://lumen.example/a', published: '2026-03-02T09:00:00Z', paras: [...b, ...FOOTER] },
      { title: 'Rosterly raises $120M Series C', url: 'https://lumen.example/b', published: '2026-03-20T09:00:00Z', paras: [...c, ...FOOTER] },
    ]);
    expect(foldDuplicates(arts)).toHaveLength(2);
  });

  it('keeps apart two stories that share an outlet\'s long boilerplate', () => {
    const longFooter = [...FOOTER, ...FOOTER.map((f) => f.replace('Lumen Ledger', 'our'))];
    const arts = feedArticles('https://lumen.example/feed', 'Lumen Ledger', [
      { title: 'Quill Labs hires a new CFO', url: 'https://lumen.example/q', published: '2026-03-02T09:00:00Z', paras: ['Quill Labs named a former bank executive as chief financial officer ahead of a possible listing.', ...longFooter] },
      { title: 'Pylon opens a Tokyo office', url: 'https://lumen.example/p', published: '2026-03-03T09:00:00Z', paras: ['Pylon opened an office in Tokyo with twelve staff to serve carmakers in the region.', ...longFooter] },
      { title: 'Vela ships its second chip', url: 'https://lumen.example/v', published: '2026-03-04T09:00:00Z', paras: ['Vela began shipping its second inference chip to cloud customers, a quarter later than planned.', ...longFooter] },
    ]);
    expect(foldDuplicates(arts)).toHaveLength(3);
  });

  it('keeps apart texts that state different money figures even when nearly all words agree', () => {
    const one = story('Rosterly', '$50 million', 'Series B', 'Harbor Peak Ventures', []);
    const two = story('Rosterly', '$80 million', 'Series B', 'Harbor Peak Ventures', []);
    const arts = [
      ...feedArticles('https://lumen.example/feed', 'Lumen Ledger', [{ title: 'A', url: 'https://lumen.example/a', published: '2026-03-02T09:00:00Z', paras: one }]),
      ...feedArticles('https://wire.example/rss', 'Wire', [{ title: 'B', url: 'https://wire.example/b', published: '2026-03-02T10:00:00Z', paras: two }]),
    ];
    expect(foldDuplicates(arts)).toHaveLength(2);
  });

  it('title-only items fold only when title and summary match, close in time', () => {
    const item = (feed: string, title: string, url: string, published: string) =>
      toArticles({ format: 'rss', title: feed, link: null, entries: [{ title, url, guid: null, published, summary: '', content: null, author: null }], warnings: [] }, feed)[0];
    const arts = [
      item('f1', 'Acme raises $50M Series B led by Ridge', 'https://one.example/x', '2026-01-01T00:00:00Z'),
      item('f2', 'Acme raises $50M Series B led by Ridge', 'https://two.example/y', '2026-01-02T00:00:00Z'),
      item('f3', 'Acme raises $120M Series C led by Ridge', 'https://three.example/z', '2026-01-02T00:00:00Z'),
      item('f4', 'Acme raises $50M Series B led by Ridge', 'https://four.example/w', '2027-01-02T00:00:00Z'),
      item('f5', 'Funding roundup', 'https://five.example/r', '2026-01-01T00:00:00Z'),
      item('f6', 'Funding roundup', 'https://six.example/r', '2026-01-01T00:00:00Z'),
    ];
    const out = foldDuplicates(arts);
    expect(out).toHaveLength(5);
    expect(out[0].duplicates.map((d) => d.feed)).toEqual(['f2']);
  });
});

describe('DuplicateIndex', () => {
  it('answers check without holding, and holds on add', () => {
    const [a, b] = generateCorpus({ distinct: 2, copies: 0, seed: 3 }).articles;
    const index = new DuplicateIndex();
    expect(index.check(a)).toBeNull();
    expect(index.size).toBe(0);
    index.add(a);
    expect(index.check(a)).toEqual({ id: a.id, reason: 'id' });
    expect(index.checkAndAdd(b)).toBeNull();
    expect(index.size).toBe(2);
  });

  it('a fresh index rebuilt from exported entries finds the same copies', () => {
    const { articles, copies } = generateCorpus({ distinct: 200, copies: 20, seed: 5 });
    const copyIds = new Set(copies.map((c) => c.copy));
    const first = new DuplicateIndex();
    for (const a of articles) if (!copyIds.has(a.id)) first.checkAndAdd(a);
    // Through JSON, as the store would keep them.
    const entries = JSON.parse(JSON.stringify(articles.filter((a) => !copyIds.has(a.id)).map((a) => first.exportEntry(a.id))));
    const second = new DuplicateIndex();
    for (const e of entries) expect(second.importEntry(e)).toBe(true);
    expect(second.size).toBe(first.size);
    const byId = new Map(articles.map((a) => [a.id, a]));
    // Templates are not stored: the new index learns them again from the next poll's items, as
    // foldDuplicates has it read them before checking any.
    for (const a of articles) second.observe(a);
    for (const c of copies) {
      const copy = byId.get(c.copy) as Article;
      expect(first.check(copy)).toMatchObject({ id: c.original, reason: 'text' });
      expect(second.check(copy)).toMatchObject({ id: c.original, reason: 'text' });
    }
    expect(second.importEntry({ ...entries[0], id: 'other', sig: 'not a signature' })).toBe(false);
  });

  it('forgets what was published before the cutoff, a segment at a time, and still finds copies of what it keeps', () => {
    const { articles, copies } = generateCorpus({ distinct: 60, copies: 12, seed: 9 });
    const now = Date.parse('2026-11-20T12:00:00Z');
    const day = 86_400_000;
    // Half the stories (and their copies) two months old, half from the last week.
    const old = new Set(copies.filter((_, i) => i % 2 === 0).flatMap((c) => [c.original, c.copy]));
    const dated = articles.map((a, i) => ({ ...a, published: new Date(now - (old.has(a.id) || (i % 2 === 0 && !copies.some((c) => c.original === a.id || c.copy === a.id)) ? 60 : 3) * day).toISOString() }));
    const copyIds = new Set(copies.map((c) => c.copy));
    const index = new DuplicateIndex();
    index.forget(now - 30 * day, now);
    // As a poll has it: every item's lines read before any is checked.
    for (const a of dated) index.observe(a);
    for (const a of dated) if (!copyIds.has(a.id)) index.add(a);
    const held = index.size;
    const byId = new Map(dated.map((a) => [a.id, a]));
    expect(copies.map((c) => index.check(byId.get(c.copy) as Article)?.id)).toEqual(copies.map((c) => c.original));

    const dropped = index.forget(now - 30 * day, now);
    expect(dropped).toBeGreaterThan(0);
    expect(index.size).toBe(held - dropped);
    for (const c of copies) {
      const found = index.check(byId.get(c.copy) as Article);
      if (old.has(c.original)) expect(found).toBeNull();
      else expect(found).toMatchObject({ id: c.original, reason: 'text' });
    }
    // What is kept is what was published within the month.
    for (const a of dated) if (!copyIds.has(a.id)) expect(index.exportEntry(a.id) !== undefined).toBe(Date.parse(a.published!) > now - 30 * day);
  });

  it('reads an entry a bot stored before the signature changed by its id and link, never by its old signature', () => {
    const { articles, copies } = generateCorpus({ distinct: 40, copies: 5, seed: 3 });
    const copyIds = new Set(copies.map((c) => c.copy));
    const first = new DuplicateIndex();
    for (const a of articles) if (!copyIds.has(a.id)) first.add(a);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const original = byId.get(copies[0].original) as Article;
    const copy = byId.get(copies[0].copy) as Article;
    // As version 1 wrote it: its signature made by another scheme.
    const stored = { ...JSON.parse(JSON.stringify(first.exportEntry(original.id))), v: 1 };
    const second = new DuplicateIndex();
    expect(second.importEntry(stored)).toBe(true);
    expect(second.check(original)).toEqual({ id: original.id, reason: 'id' });
    expect(second.check({ ...original, id: 'elsewhere' })).toEqual({ id: original.id, reason: 'url' });
    for (const a of articles) second.observe(a);
    expect(second.check(copy)).toBeNull();
    // Today's entries carry today's version, and fold the copy by its text.
    const fresh = JSON.parse(JSON.stringify(first.exportEntry(original.id)));
    expect(fresh.v).toBe(2);
    const third = new DuplicateIndex();
    expect(third.importEntry(fresh)).toBe(true);
    // The outlets' templates are learned again from the next poll's items (see the test above).
    for (const a of articles) third.observe(a);
    expect(third.check(copy)).toMatchObject({ id: original.id, reason: 'text' });
  });

  it('held across batches, leaves out copies of stories held before and keeps an item seen again', () => {
    const { articles, copies } = generateCorpus({ distinct: 60, copies: 10, seed: 9 });
    const copyIds = new Set(copies.map((c) => c.copy));
    const index = new DuplicateIndex();
    const firstPoll = articles.filter((a) => !copyIds.has(a.id));
    expect(foldDuplicates(firstPoll, index)).toHaveLength(60);
    const earlier: string[] = [];
    // An item of the first poll seen again (not one that was copied: a copy of it would fold into it).
    const again = firstPoll.find((a) => !copies.some((c) => c.original === a.id)) as Article;
    const secondPoll = [...articles.filter((a) => copyIds.has(a.id)), again];
    const out = foldDuplicates(secondPoll, index, (copy, m) => earlier.push(`${copy.id}>${m.id}`));
    expect(out.map((a) => a.id)).toEqual([again.id]);
    expect(earlier.sort()).toEqual(copies.map((c) => `${c.copy}>${c.original}`).sort());
  });
});
