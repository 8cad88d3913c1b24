import fc from 'fast-check';
import { agreeingGroups, agreeingGroupsPairwise } from '../../src/rounds/consensus';
import type { Fact, Money } from '../../src/types';

const partition = (groups: Fact[][]): string[] => groups.map((g) => g.map((f) => f.quote).sort().join(',')).sort();

describe('agreeing figures: the sweep against its plain definition', () => {
  it('groups generated figures exactly as comparing every pair does', () => {
    const money = fc.record({
      value: fc.integer({ min: 1, max: 40 }).map((v) => v * 50e6),
      approx: fc.boolean(),
      open: fc.constantFrom('none', 'low', 'high', 'range'),
      currency: fc.constantFrom('USD', 'USD', 'EUR', 'XXX'),
    }).map(({ value, approx, open, currency }): Money => {
      const rate = currency === 'USD' ? 1 : currency === 'EUR' ? 1.16 : null;
      return {
        value, currency, usd: rate === null ? null : value * rate, approx,
        low: open === 'high' ? null : open === 'range' ? value * 0.8 : value,
        high: open === 'low' ? null : open === 'range' ? value * 1.3 : value,
      };
    });
    fc.assert(fc.property(fc.array(fc.tuple(money, fc.integer({ min: 0, max: 6 })), { maxLength: 40 }), (items) => {
      const facts: Fact[] = items.map(([amount, article], i) => ({
        company: 'Acme', metric: 'valuation', amount, when: 'current', status: 'reported', articleId: `a${article}`,
        source: 's', url: null, quote: `q${i}`,
      }));
      expect(partition(agreeingGroups(facts))).toEqual(partition(agreeingGroupsPairwise(facts)));
      // The heaviest group is the same one either way (the round's consensus).
      if (facts.length) expect(partition([agreeingGroups(facts)[0]])).toEqual(partition([agreeingGroupsPairwise(facts)[0]]));
    }), { numRuns: 300 });
  });
});
