import fc from 'fast-check';
import { agreeingGroups, agreeingGroupsPairwise, FigureTally, moneyFigure } from '../../src/rounds/consensus';
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

describe('a round\'s figure kept as facts join: the tally against its plain definition', () => {
  it('gives the amount moneyFigure gives for the same facts, after every fact added', () => {
    const money = fc.record({
      value: fc.integer({ min: 1, max: 12 }).map((v) => v * 250e6),
      approx: fc.boolean(),
      open: fc.constantFrom('none', 'none', 'low', 'high', 'range', 'upside-down'),
      currency: fc.constantFrom('USD', 'USD', 'EUR', 'XXX'),
    }).map(({ value, approx, open, currency }): Money => {
      const rate = currency === 'USD' ? 1 : currency === 'EUR' ? 1.16 : null;
      return {
        value, currency, usd: rate === null ? null : value * rate, approx,
        low: open === 'high' ? null : open === 'range' ? value * 0.8 : open === 'upside-down' ? value * 2 : value,
        high: open === 'low' ? null : open === 'range' ? value * 1.3 : value,
      };
    });
    const fact = fc.record({
      amount: money,
      article: fc.integer({ min: 0, max: 8 }),
      when: fc.constantFrom('current', 'current', 'past'),
      status: fc.constantFrom('reported', 'reported', 'talks'),
      cue: fc.boolean(),
      day: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(fc.property(fc.array(fact, { maxLength: 40 }), (items) => {
      const facts: Fact[] = items.map((x, i) => ({
        company: 'Acme', metric: 'round_size', amount: x.amount, when: x.when as Fact['when'], status: x.status as Fact['status'],
        articleId: `a${x.article}`, source: 's', url: null, quote: `q${i}`, published: `2026-03-0${x.day + 1}T00:00:00Z`,
        ...(x.cue ? { confidence: 'cue' as const } : {}),
      }));
      const tally = new FigureTally();
      facts.forEach((f, i) => {
        tally.add(f);
        expect(tally.amount()).toEqual(moneyFigure(facts.slice(0, i + 1), 'round_size', false)?.amount ?? null);
      });
    }), { numRuns: 500 });
  });
});
