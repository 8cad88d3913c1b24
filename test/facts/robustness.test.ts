// Any input, however odd, gives an answer and no throw, in time linear in its size.
import fc from 'fast-check';
import { findMoney } from '../../src/facts/money';
import { splitSentences } from '../../src/facts/sentences';
import { findInvestors } from '../../src/facts/investors';
import { DEFAULT_RATES } from '../../src/facts/rates';
import { article, CTX } from './helpers';
import { extractFacts } from '../../src/facts/extract';
import { findConflicts } from '../../src/facts/conflicts';

const pieces = ['$', '€', '¥', 'US$', 'HK$', '1', '2.5', ',000', ' ', 'B', 'bn', ' billion', ' million', ' yuan', 'about ', 'more than ', ' to ', '-',
  '(', ')', '|', '.', '\n', 'Moonshot AI', ' raised ', ' led by ', 'Sequoia China', ', ', ' and ', 'Series C', 'valuation', '亿', '元'];

describe('the fact readers on arbitrary input', () => {
  it('never throw and keep spans inside the sentence', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join('')), (s) => {
      for (const m of findMoney(s, { rates: DEFAULT_RATES })) {
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.end).toBeLessThanOrEqual(s.length);
        expect(Number.isFinite(m.value)).toBe(true);
      }
      findInvestors(s);
      splitSentences(s);
      findConflicts(extractFacts(article(s), CTX));
    }), { numRuns: 300 });
  });
  it('never throw on any unicode string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      findMoney(s, { rates: DEFAULT_RATES });
      extractFacts(article(s), CTX);
    }), { numRuns: 200 });
  });
  it('reads 100 kB of digits, spaces and currency signs (a slow pattern would hang here)', () => {
    const unit = '1 $2 €3,000 ¥ 4.5B 99999 $$ 1-2 ';
    const big = unit.repeat(Math.ceil(100_000 / unit.length));
    expect(findMoney(big, { rates: DEFAULT_RATES }).length).toBeGreaterThan(1000);
    extractFacts(article(`Moonshot AI raised ${big}`), CTX);
    extractFacts(article('9'.repeat(100_000)), CTX);
    extractFacts(article('A'.repeat(50_000) + ' raised $2B'), CTX);
    extractFacts(article('Aa '.repeat(30_000) + 'led the round'), CTX);
  });
  it('tolerates missing fields', () => {
    const a = { ...article('x'), text: undefined as unknown as string, title: undefined as unknown as string };
    expect(extractFacts(a, CTX)).toEqual([]);
  });
});
