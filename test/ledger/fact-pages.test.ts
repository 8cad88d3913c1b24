// On SQLite the ledger reads a company's facts a page at a time as one JSON text (see
// src/ledger/fact-json.ts) rather than as the driver's rows. This holds that reading to the plain one:
// the same facts, in the same order, whatever the values (reals of every size, text with quotes,
// escapes and emoji, the columns that may be empty), over pages of first-seen times that tie.
import fc from 'fast-check';
import type { Article, Fact, Metric } from '../../src/types';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { Ledger } from '../../src/ledger';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WATCH = [{ name: 'Corvid Labs', aliases: [] }];

function article(id: string, published: string | null): Article {
  return { id, title: `A story ${id}`, url: `https://news.example/${id}`, canonicalUrl: `https://news.example/${id}`, source: 'Wire', feed: 'https://wire.example/feed', published, summary: '', text: '', duplicates: [] };
}

describe('facts read as JSON pages on SQLite', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-fact-pages-'));
    store = await openStore({ path: join(dir, 'ledger.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are the facts the driver\'s rows give, in the same order', async () => {
    const real = fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 5000 }).map((v) => v * 1e6), fc.constant(0.1 + 0.2), fc.constant(Infinity), fc.constant(-0));
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constant('He said "raised" \\ 5\n— 💸 \u2028 done'), fc.string({ unit: 'binary', maxLength: 20 }));
    const fact = fc.record({
      metric: fc.constantFrom<Metric>('round_size', 'valuation', 'lead_investor', 'investor', 'total_raised', 'revenue'),
      value: real, usd: fc.option(real), low: fc.option(real), high: fc.option(real), approx: fc.boolean(), money: fc.boolean(),
      name: fc.option(text), basis: fc.option(fc.constantFrom('pre' as const, 'post' as const)), round: fc.option(text),
      when: fc.constantFrom('current' as const, 'past' as const), status: fc.constantFrom('reported' as const, 'talks' as const),
      refDate: fc.option(fc.constantFrom('2025-06', '2026-03-02')), cue: fc.boolean(), quote: text, url: fc.option(fc.constant('https://news.example/x?a=1&b="2"')),
    });
    const batches = fc.sample(fc.array(fact, { minLength: 700, maxLength: 900 }), { numRuns: 3, seed: 20261201 });
    const ledger = new Ledger(store, WATCH);
    let n = 0;
    for (const [i, batch] of batches.entries()) {
      const arts = Array.from({ length: 40 }, (_, k) => article(`p${i}-a${k}`, k % 7 === 0 ? null : `2026-0${(k % 9) + 1}-1${k % 10}T08:00:00Z`));
      const facts: Fact[] = batch.map((x) => {
        const a = arts[n++ % arts.length];
        return {
          company: 'Corvid Labs', metric: x.metric, when: x.when, status: x.status, articleId: a.id, source: a.source, url: x.url, quote: `${x.quote} #${n}`, published: a.published,
          ...(x.money ? { amount: { value: x.value, currency: 'USD', usd: x.usd, low: x.low, high: x.high, approx: x.approx } } : {}),
          ...(x.name !== null ? { name: x.name } : {}), ...(x.basis !== null ? { basis: x.basis } : {}), ...(x.round !== null ? { round: x.round } : {}),
          ...(x.refDate !== null ? { refDate: x.refDate } : {}), ...(x.cue ? { confidence: 'cue' as const } : {}),
        };
      });
      // Each poll's facts share one first-seen time: pages end inside a run of ties.
      await ledger.record({ articles: arts, facts, events: [] }, new Date(Date.UTC(2026, 10, 20 + i, 9)));
    }
    const plain = new Ledger(store, WATCH, { driverRows: true });
    const json = new Ledger(store, WATCH);
    const all = await plain.facts('Corvid Labs');
    expect(all.length).toBeGreaterThan(2000);
    expect(await json.facts('Corvid Labs')).toEqual(all);
    expect(JSON.stringify(await json.facts('Corvid Labs'))).toBe(JSON.stringify(all));
    const until = new Date(Date.UTC(2026, 10, 21, 9)).toISOString();
    expect(await json.facts('Corvid Labs', { until })).toEqual(await plain.facts('Corvid Labs', { until }));
    // The reals did vary: long fractions, and sizes far apart.
    expect(all.some((f) => f.fact.amount && !Number.isInteger(f.fact.amount.value))).toBe(true);
    expect(all.some((f) => f.fact.amount && Math.abs(f.fact.amount.value) > 1e100)).toBe(true);
  });
});
