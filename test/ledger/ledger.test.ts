// The ledger on its tables, on SQLite and on Postgres: what it records, what a digest reports as new
// by round, corrections, and a store written by the key-value ledger carried over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, Fact, Money } from '../../src/types';
import type { Store } from '../../src/store/types';
import { Ledger } from '../../src/ledger';
import { runText } from '../../src/commands/dispatch';
import { replyText } from '../../src/commands/format';
import { commandDeps } from '../../src/commands/deps';
import { DEFAULT_CONFIG } from '../../src/config';
import { composeDigest } from '../../src/digest';
import { describeEachStore, type StorePlace } from '../helpers/stores';
import { BRIGHTWATER, CORVID, record, TESSELLATE, WATCH } from './coverage';

const usd = (value: number, approx = false): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx });

function article(id: string, source: string, title = `${source} on the round`): Article {
  return { id, title, url: `https://news.example/${id}`, canonicalUrl: `https://news.example/${id}`, source, feed: `https://${source.replace(/ /g, '')}.example/feed`, published: '2026-11-20T08:00:00.000Z', summary: '', text: '', duplicates: [] };
}
function fact(a: Article, f: Partial<Fact> & Pick<Fact, 'metric'>): Fact {
  return { company: 'Corvid Labs', when: 'current', status: 'reported', articleId: a.id, source: a.source, url: a.url, quote: `${a.source} wrote about ${f.metric}.`, published: a.published, ...f };
}

const T1 = new Date('2026-11-20T09:00:00Z');
const T2 = new Date('2026-11-21T09:00:00Z');
const T3 = new Date('2026-11-22T09:00:00Z');
const iso = (d: Date): string => d.toISOString();

describeEachStore('ledger', ({ place }) => {
  let store: Store;
  let ledger: Ledger;
  beforeEach(async () => {
    store = await place().open();
    ledger = new Ledger(store, WATCH);
  });

  it('a new round is news; the same figures from a new source later are confirmed, not new; then nothing', async () => {
    await record(store, [CORVID[2]], T1);
    const first = await ledger.digestInput({ companies: null }, null, iso(T1));
    expect(first?.newFigures.map((f) => [f.metric, f.round]).sort()).toEqual([
      ['lead_investor', 'Series C, Mar 2026'], ['revenue', undefined], ['round_size', 'Series C, Mar 2026'], ['valuation', 'Series C, Mar 2026'],
    ]);
    expect(first?.confirmed).toEqual([]);

    await record(store, [CORVID[3]], T2);
    const second = await ledger.digestInput({ companies: null }, iso(T1), iso(T2));
    expect(second?.newFigures).toEqual([]);
    expect(second?.confirmed.map((f) => f.metric).sort()).toEqual(['lead_investor', 'round_size', 'valuation']);
    expect(second?.confirmed.find((f) => f.metric === 'valuation')?.sources.map((s) => s.source)).toEqual(['Harbor Ledger', 'Signal Post']);
    expect(await ledger.digestInput({ companies: null }, iso(T2), iso(T3))).toBeNull();
  });

  it('a later round of a known company is a new round, not a disagreement with the earlier one', async () => {
    await record(store, [CORVID[1]], T1);
    await record(store, [CORVID[2]], T2);
    const d = await ledger.digestInput({ companies: null }, iso(T1), iso(T2));
    expect(d?.conflicts).toEqual([]);
    expect(d?.newFigures.filter((f) => f.metric === 'valuation').map((f) => f.round)).toEqual(['Series C, Mar 2026']);
  });

  it('a second source naming another lead for a known round is a new disagreement inside that round', async () => {
    await record(store, [TESSELLATE[0]], T1);
    expect((await ledger.digestInput({ companies: null }, null, iso(T1)))?.conflicts).toEqual([]);
    await record(store, [TESSELLATE[1]], T2);
    const d = await ledger.digestInput({ companies: null }, iso(T1), iso(T2));
    expect(d?.conflicts.map((c) => c.metric)).toEqual(['lead_investor']);
    const { rounds } = await ledger.rounds('Tessellate AI', T2);
    expect(d?.conflicts[0].roundId).toBe(rounds[0].id);
    expect(d?.newFigures.map((f) => [f.metric, f.name])).toEqual([['lead_investor', 'Meituan Longzhu']]);
    // As the channel reads it: the disagreement names its round.
    const section = composeDigest(d!).sections[0];
    expect(section.conflicts.map((c) => [c.label, c.claims.map((cl) => cl.value).sort()])).toEqual([['Lead investor · Series C, May 2026', ['Meituan Longzhu', 'Sequoia China']]]);
  });

  it('a round reported in talks that closes is one round, and the digest says it closed after talks', async () => {
    await record(store, [BRIGHTWATER[0]], T1);
    const talks = await ledger.digestInput({ companies: null }, null, iso(T1));
    expect(talks?.newFigures.every((f) => f.status === 'talks')).toBe(true);
    await record(store, [BRIGHTWATER[1]], T2);
    const closed = await ledger.digestInput({ companies: null }, iso(T1), iso(T2));
    expect(closed?.newFigures.map((f) => f.name ?? f.amount?.value)).toEqual(expect.arrayContaining([320e6, 3.2e9, 'closed after talks reported in Sep 2026']));
    expect(closed?.conflicts).toEqual([]);
    expect((await ledger.rounds('Brightwater Robotics', T2)).rounds.map((r) => r.status)).toEqual(['closed']);
    const lines = composeDigest(closed!).sections[0].newFigures.map((f) => `${f.label}: ${f.value}`);
    expect(lines).toEqual(expect.arrayContaining([
      'Round: $320M, Series B, Sep 2026', 'Valuation: $3.2B, Series B, Sep 2026', 'Round: closed after talks reported in Sep 2026 (Series B, Sep 2026)',
    ]));
  });

  it('recording the same article twice changes nothing', async () => {
    const a = article('a1', 'Pacific Wire');
    const batch = { articles: [a], facts: [fact(a, { metric: 'valuation', amount: usd(20e9) })], events: [] };
    expect((await ledger.record(batch, T1)).added).toHaveLength(1);
    expect((await ledger.record(batch, T2)).added).toHaveLength(0);
    expect((await ledger.facts('Corvid Labs')).map((f) => f.firstSeen)).toEqual([iso(T1)]);
  });

  it('a backlog fact is known (rounds, answers) but never news', async () => {
    await record(store, [CORVID[2]], T1, { backfill: true });
    expect(await ledger.digestInput({ companies: null }, null, iso(T1))).toBeNull();
    expect((await ledger.rounds('Corvid Labs', T1)).rounds.map((r) => r.name)).toEqual(['Series C']);
  });

  it('filters by the subscription\'s companies and lists unwatched companies separately', async () => {
    const a = article('m1', 'Wire');
    const u = article('u1', 'Dispatch', 'Lumenfold Robotics raises $120 million');
    await ledger.record({
      articles: [a, u],
      facts: [fact(a, { company: 'Tessellate AI', metric: 'valuation', amount: usd(4e9) }), fact(u, { company: 'Lumenfold Robotics', metric: 'round_size', amount: usd(120e6) })],
      events: [],
    }, T1);
    const onlyCorvid = await ledger.digestInput({ companies: ['Corvid Labs'] }, null, iso(T1));
    expect(onlyCorvid?.newFigures).toEqual([]);
    expect(onlyCorvid?.unwatched).toEqual([expect.objectContaining({ company: 'Lumenfold Robotics', headline: 'Lumenfold Robotics raises $120 million', metric: 'round_size' })]);
    const all = await ledger.digestInput({ companies: null }, null, iso(T1));
    expect(all?.newFigures.map((f) => f.company)).toEqual(['Tessellate AI']);
    expect((await ledger.companies()).map((c) => [c.name, c.watched])).toEqual([['Tessellate AI', true], ['Lumenfold Robotics', false]]);
  });

  it('a corrected article\'s withdrawn figure is neither news, nor a disagreement with its correction, nor an answer', async () => {
    const m = article('m1', 'Wire');
    await ledger.record({ articles: [m], facts: [fact(m, { metric: 'valuation', amount: usd(20e9), round: 'Series C' })], events: [] }, T1);
    const m2 = { ...m, title: 'Corvid Labs valued at $25 billion' };
    const r = await ledger.record({ articles: [m2], facts: [fact(m2, { metric: 'valuation', amount: usd(25e9), round: 'Series C', quote: 'Corrected: $25 billion.' })], events: [] }, T2, { revised: new Map([['m1', ['m1']]]) });
    expect(r.superseded.map((f) => f.fact.amount?.value)).toEqual([20e9]);
    const now = await ledger.rounds('Corvid Labs', T2);
    expect(now.conflicts).toEqual([]);
    expect(now.current.find((c) => c.metric === 'valuation')?.amount?.value).toBe(25e9);
    expect((await ledger.facts('Corvid Labs', { superseded: true })).map((f) => [f.fact.amount?.value, f.supersededAt ?? null])).toEqual([[20e9, iso(T2)], [25e9, null]]);
    const d = await ledger.digestInput({ companies: null }, iso(T1), iso(T2));
    expect(d?.newFigures.map((f) => f.amount?.value)).toEqual([25e9]);
  });

  it('one investor under a longer name is one figure with both sources, as facts/conflicts takes it', async () => {
    const a = article('i1', 'Wire');
    const b = article('i2', 'Post');
    await ledger.record({ articles: [a], facts: [fact(a, { metric: 'lead_investor', name: 'Tiger Global', round: 'Series C' })], events: [] }, T1);
    await ledger.record({ articles: [b], facts: [fact(b, { metric: 'lead_investor', name: 'Tiger Global Management', round: 'Series C' })], events: [] }, T2);
    const leads = (await ledger.figures('Corvid Labs')).filter((f) => f.metric === 'lead_investor');
    expect(leads.map((f) => [f.name, f.sources.map((s) => s.source)])).toEqual([['Tiger Global', ['Wire', 'Post']]]);
    const d = await ledger.digestInput({ companies: null }, iso(T1), iso(T2));
    expect(d?.newFigures.filter((f) => f.metric === 'lead_investor')).toEqual([]);
  });

  it('another process over the same store gives the same answers: nothing rests on one process\'s memory', async () => {
    await record(store, CORVID, T1);
    const other = new Ledger(await place().open(), WATCH);
    expect((await other.rounds('Corvid Labs', T1)).rounds).toEqual((await ledger.rounds('Corvid Labs', T1)).rounds);
  });
});

/** The store as the key-value ledger left it: every key it wrote, with the value it wrote. */
const OLD = JSON.parse(readFileSync(join(__dirname, '../fixtures/old-ledger-store.json'), 'utf8')) as { entries: [string, unknown][] };

/** Writes keys as a bot before the tables did, through plain keyv on the place's backend, before Moonshot opens it. */
async function writeOldStore(p: StorePlace, entries: [string, unknown][]): Promise<void> {
  const { default: Keyv } = await import('keyv');
  if (p.file) {
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const kv = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${p.file}` }), namespace: undefined, useKeyPrefix: false });
    for (const [k, v] of entries) await kv.set(`moonshot:${k}`, v);
    await kv.disconnect();
    return;
  }
  // Postgres: the table and text @keyv/postgres wrote.
  const { Client } = await import('pg');
  const c = new Client({ connectionString: p.url! });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
  const text = new Keyv();
  for (const [k, v] of entries) await c.query('INSERT INTO keyv (key, value) VALUES ($1, $2)', [`moonshot:${k}`, await text.serializeData({ value: v, expires: undefined })]);
  await c.end();
}

describeEachStore('a store written by the key-value ledger', ({ place }) => {
  it('is carried into the tables on its first use: the same answers, the old keys gone, the rest kept', async () => {
    const p = place();
    await writeOldStore(p, OLD.entries);
    const store = await p.open();
    const ledger = new Ledger(store, [{ name: 'Kestrel Labs', aliases: ['Kestrel'] }]);
    expect((await ledger.companies()).map((c) => [c.name, c.watched])).toEqual([['Kestrel Labs', true], ['Fernwood Robotics', false]]);
    const deps = commandDeps(store, () => ({ ...DEFAULT_CONFIG, watch: [{ name: 'Kestrel Labs', aliases: ['Kestrel'] }], defaultCompany: 'Kestrel Labs' }), { now: () => new Date('2026-05-20T00:00:00Z') });
    const ask = async (text: string): Promise<string> => replyText(await runText(text, { platform: 'cli', userId: 'terminal' }, { platform: 'cli', channel: null }, deps));
    expect(await ask('valuation')).toMatch(/\$20B post-money \(Series C, May 2026, 2 sources agree\)/);
    expect(await ask('rounds')).toMatch(/Series C · May 2026 · \$2B at \$20B post-money · led by Sequoia China · 2 sources/);
    // The claim the publisher corrected stays withdrawn.
    expect(await ask('revenue')).toMatch(/~\$150M/);
    expect(await ask('revenue')).not.toMatch(/120M/);
    expect(await ask('news')).toMatch(/Kestrel Labs lands \$2 billion Series C/);
    expect(await store.keys('ledger:')).toEqual([]);
    expect(await store.get('seen:k1')).toEqual(expect.objectContaining({ id: 'k1' }));
  });

  it('refuses a key-value ledger of a shape it does not know, saying what to do, and changes nothing', async () => {
    const p = place();
    await writeOldStore(p, [['ledger:fact:kestrel%20labs:x', { something: 'else' }]]);
    const store = await p.open();
    await expect(new Ledger(store, []).companies()).rejects.toThrow(/key-value ledger this version cannot read .*Start the previous version of Moonshot on it once/);
    // Nothing was imported or removed: the keys are still there for the version that can read them.
    expect(await store.keys('ledger:')).toEqual(['ledger:fact:kestrel%20labs:x']);
  });
});

