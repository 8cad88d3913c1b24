// Whatever a feed throws at the readers: no exception, no catastrophic backtracking, and a canonical
// link that stays put when canonicalised again. Nothing here is timed: a pattern that backtracks
// catastrophically on 100 kB would not finish within the test's timeout at all.
import fc from 'fast-check';
import { findMoney } from '../../src/facts/money';
import { extractFacts } from '../../src/facts/extract';
import { DEFAULT_RATES } from '../../src/facts/rates';
import { canonicalUrl } from '../../src/articles/canonical-url';
import type { Article } from '../../src/types';

const CTX = { watch: [{ name: 'Moonshot AI', aliases: ['Kimi maker'] }, { name: 'MiniMax', aliases: [] }], rates: DEFAULT_RATES, now: new Date('2026-11-22T00:00:00Z') };
const money = (s: string): unknown => findMoney(s, { rates: DEFAULT_RATES });
const articleOf = (text: string): Article => ({
  id: 'p1', title: text.slice(0, 200), url: 'https://news.example/p1', canonicalUrl: 'https://news.example/p1', source: 'Property Wire',
  feed: 'p.xml', published: '2026-11-20T00:00:00Z', summary: '', text, duplicates: [],
});

const words = ['Moonshot AI', 'MiniMax', 'Kimi maker', 'raised', 'raises', 'is in talks to raise', 'at a valuation of', 'valued at', 'post-money',
  'led by', 'Series B', 'round', 'revenue', 'annualised', 'cash', 'last year', 'up from', 'or more', 'between', 'and', 'to', 'about',
  '$', 'US$', '¥', '€', 'HK$', 'RMB', '2', '2.5', '1,000', '300', 'B', 'bn', 'billion', 'million', 'm', '亿', '元', '.', ',', ';', '(', ')', '-', '–', '\n'];
const sentence = fc.array(fc.constantFrom(...words), { maxLength: 50 }).map((w) => w.join(' '));

/** Inputs that make careless money or URL patterns backtrack: 100 kB of the same few characters. */
const hostile = (n: number): Record<string, string> => ({
  digits: '1'.repeat(n),
  spaces: ' '.repeat(n),
  dollars: '$'.repeat(n),
  dollarOnes: '$1 '.repeat(Math.ceil(n / 3)),
  groups: '1,'.repeat(Math.ceil(n / 2)),
  decimals: '1.'.repeat(Math.ceil(n / 2)),
  mixed: '$1,0 €2. ¥3 bn 4-5 '.repeat(Math.ceil(n / 18)),
  words: 'raised $ billion valuation '.repeat(Math.ceil(n / 27)),
  nbsp: '1\u00a0'.repeat(Math.ceil(n / 2)),
});

describe('the money grammar and fact reader on hostile input', () => {
  it('never throw on random sentences, and every figure is a finite number inside the sentence', () => {
    fc.assert(fc.property(sentence, (s) => {
      const found = findMoney(s, { rates: DEFAULT_RATES });
      for (const m of found) {
        expect(Number.isFinite(m.value)).toBe(true);
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.end).toBeLessThanOrEqual(s.length);
      }
      for (const f of extractFacts(articleOf(s), CTX)) expect(s).toContain(f.quote.slice(0, 20));
    }), { numRuns: 300 });
  });

  it('never throw on any string at all', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
      money(s);
      extractFacts(articleOf(s), CTX);
    }), { numRuns: 200 });
  });

  // One test per input so a hang names its input.
  for (const [name, text] of Object.entries(hostile(100_000))) {
    it(`finishes on 100 kB of ${name}`, () => {
      expect(() => money(text)).not.toThrow();
      expect(() => extractFacts(articleOf(`Moonshot AI raised ${text}`), CTX)).not.toThrow();
    }, 10_000);
  }
});

describe('canonical links', () => {
  const param = fc.tuple(fc.constantFrom('utm_source', 'utm_medium', 'fbclid', 'gclid', 'ref', 'id', 'page', 'q', 'p'), fc.string({ maxLength: 8 }));
  const link = fc.tuple(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.array(param, { maxLength: 5 }))
    .map(([u, ps]) => (ps.length ? `${u}${u.includes('?') ? '&' : '?'}${ps.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : u));

  it('canonicalising twice changes nothing', () => {
    fc.assert(fc.property(link, (u) => {
      const once = canonicalUrl(u);
      if (once !== null) expect(canonicalUrl(once)).toBe(once);
    }), { numRuns: 500 });
  });

  it('case and tracking parameters do not make two links of one', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: false }), fc.string({ maxLength: 10 }), (u, tag) => {
      const base = canonicalUrl(u);
      if (base === null) return;
      const tracked = `${u}${u.includes('?') ? '&' : '?'}utm_source=${encodeURIComponent(tag)}`;
      expect(canonicalUrl(tracked)).toBe(base);
    }), { numRuns: 300 });
  });

  it('never throws on any string', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string().map((s) => `https://${s}`)), (s) => {
      const c = canonicalUrl(s);
      if (c !== null) expect(canonicalUrl(c)).toBe(c);
    }), { numRuns: 500 });
  });

  for (const [name, tail] of Object.entries({ slashes: '/'.repeat(100_000), query: '?a=1&'.repeat(20_000), percent: '%'.repeat(100_000), dots: '/.'.repeat(50_000), ats: '@'.repeat(100_000) })) {
    it(`finishes on a 100 kB link of ${name}`, () => {
      const c = canonicalUrl(`https://news.example${tail}`);
      if (c !== null) expect(canonicalUrl(c)).toBe(c);
    }, 10_000);
  }
});
