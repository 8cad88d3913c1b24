import { findConflicts, moneyAgrees } from '../../src/facts/conflicts';
import type { Fact, Money } from '../../src/types';

let n = 0;
const usd = (value: number, o: Partial<Money> = {}): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx: false, ...o });
function money(metric: Fact['metric'], amount: Money, o: Partial<Fact> = {}): Fact {
  n++;
  return { company: 'Moonshot AI', metric, amount, when: 'current', status: 'reported', articleId: `a${n}`, source: `S${n}`, url: null, quote: `q${n}`, ...o };
}
function lead(name: string, o: Partial<Fact> = {}): Fact {
  n++;
  return { company: 'Moonshot AI', metric: 'lead_investor', name, when: 'current', status: 'reported', articleId: `a${n}`, source: `S${n}`, url: null, quote: `q${n}`, ...o };
}

describe('moneyAgrees: the contract\'s widening', () => {
  it.each<[string, Money, Money, boolean]>([
    ['equal exact figures', usd(2e9), usd(2e9), true],
    ['exact figures 3% apart (2% each way overlaps)', usd(2e9), usd(2.06e9), true],
    ['exact figures 5% apart', usd(2e9), usd(2.1e9), false],
    ['approximate figure 10% away', usd(2e9, { approx: true }), usd(2.2e9), true],
    ['approximate figure 15% away', usd(2e9, { approx: true }), usd(2.3e9), false],
    ['approximate figures 20% apart', usd(2e9, { approx: true }), usd(2.4e9, { approx: true }), true],
    ['approximate figures 40% apart', usd(2e9, { approx: true }), usd(2.8e9, { approx: true }), false],
    ['"beyond $20B" and "$20B"', usd(20e9, { high: null }), usd(20e9), true],
    ['"beyond $20B" and "$30B"', usd(20e9, { high: null }), usd(30e9), true],
    ['"beyond $20B" and "$15B"', usd(20e9, { high: null }), usd(15e9), false],
    ['"up to $1B" and "$800M"', usd(1e9, { low: null }), usd(8e8), true],
    ['"up to $1B" and "$1.5B"', usd(1e9, { low: null }), usd(1.5e9), false],
    ['a range and a figure inside it', usd(1.5e9, { low: 1e9, high: 2e9 }), usd(1.2e9), true],
    ['yuan and dollars, compared in USD', { value: 14e9, currency: 'CNY', usd: 1.96e9, low: 14e9, high: 14e9, approx: false }, usd(2e9), true],
  ])('%s', (_label, a, b, agree) => {
    expect(moneyAgrees(a, b)).toBe(agree);
  });
  it('cannot tell when neither currency has a rate and they differ', () => {
    expect(moneyAgrees({ value: 1, currency: 'XXX', usd: null, low: 1, high: 1, approx: false }, { value: 1, currency: 'YYY', usd: null, low: 1, high: 1, approx: false })).toBeNull();
  });
});

describe('findConflicts', () => {
  it('finds $2B (several sources) against $500M Series C, and groups the agreeing sources into one claim', () => {
    const fs = [money('round_size', usd(2e9)), money('round_size', usd(2e9)), money('round_size', usd(5e8), { round: 'Series C' })];
    const cs = findConflicts(fs);
    expect(cs).toHaveLength(1);
    expect(cs[0].metric).toBe('round_size');
    expect(cs[0].claims.map((c) => [c.amount?.value, c.articleIds.length, c.round])).toEqual([[2e9, 2, undefined], [5e8, 1, 'Series C']]);
  });
  it('does not compare rounds the text tells apart by name', () => {
    expect(findConflicts([money('round_size', usd(2e9), { round: 'Series D' }), money('round_size', usd(5e8), { round: 'Series C' })])).toEqual([]);
  });
  it('never compares a past figure with a current one', () => {
    expect(findConflicts([money('valuation', usd(20e9)), money('valuation', usd(4.3e9), { when: 'past' })])).toEqual([]);
  });
  it('never compares pre-money with post-money', () => {
    expect(findConflicts([money('valuation', usd(18e9), { basis: 'pre' }), money('valuation', usd(20e9), { basis: 'post' })])).toEqual([]);
  });
  it('treats a valuation with no basis as post-money', () => {
    expect(findConflicts([money('valuation', usd(12e9)), money('valuation', usd(20e9), { basis: 'post' })])).toHaveLength(1);
    expect(findConflicts([money('valuation', usd(18e9), { basis: 'pre' }), money('valuation', usd(20e9)) ])).toEqual([]);
  });
  it('does not set talks against a reported figure, but does compare talks with talks', () => {
    expect(findConflicts([money('valuation', usd(20e9)), money('valuation', usd(30e9), { status: 'talks' })])).toEqual([]);
    expect(findConflicts([money('valuation', usd(20e9), { status: 'talks' }), money('valuation', usd(30e9), { status: 'talks' })])).toHaveLength(1);
  });
  it('does not compare figures on different companies or metrics', () => {
    expect(findConflicts([money('valuation', usd(20e9)), money('valuation', usd(5e9), { company: 'Zhipu AI' }), money('round_size', usd(2e9))])).toEqual([]);
  });
  it('does not set one article against itself', () => {
    expect(findConflicts([money('revenue', usd(2e8), { articleId: 'x' }), money('revenue', usd(9e8), { articleId: 'x' })])).toEqual([]);
  });
  it('agrees "$20B", "beyond $20B" and "$20B+"', () => {
    expect(findConflicts([money('valuation', usd(20e9)), money('valuation', usd(20e9, { high: null })), money('valuation', usd(20e9, { high: null }))])).toEqual([]);
  });
  it('finds different leads named by two sources, after normalising names', () => {
    const cs = findConflicts([lead('Sequoia China'), lead('Meituan Longzhu'), lead("Meituan's Longzhu")]);
    expect(cs).toHaveLength(1);
    expect(cs[0].claims.map((c) => [c.name, c.articleIds.length])).toEqual([['Meituan Longzhu', 2], ['Sequoia China', 1]]);
  });
  it('sees no lead conflict when the sets of leads share a name', () => {
    expect(findConflicts([lead('Sequoia China', { articleId: 'p' }), lead('Tencent', { articleId: 'p' }), lead('Tencent', { articleId: 'q' })])).toEqual([]);
  });
  it('never sets plain investors against each other', () => {
    const inv = (name: string): Fact => ({ ...lead(name), metric: 'investor' });
    expect(findConflicts([inv('Alibaba'), inv('Tencent')])).toEqual([]);
  });
  it('orders conflicts by company, then metric', () => {
    const fs = [money('valuation', usd(1e9), { company: 'Zhipu AI' }), money('valuation', usd(9e9), { company: 'Zhipu AI' }),
      money('valuation', usd(1e9)), money('valuation', usd(9e9)), money('round_size', usd(1e8)), money('round_size', usd(9e8))];
    expect(findConflicts(fs).map((c) => `${c.company} ${c.metric}`)).toEqual(['Moonshot AI round_size', 'Moonshot AI valuation', 'Zhipu AI valuation']);
  });
  it('lists only the claims that take part in a disagreement', () => {
    const fs = [money('round_size', usd(2e9)), money('round_size', usd(5e8)), money('round_size', usd(7e9), { round: 'Series E' }), money('round_size', usd(7e9), { round: 'Series E' })];
    // $7B Series E disagrees with the unnamed $2B and $500M, so all three take part.
    expect(findConflicts(fs)[0].claims).toHaveLength(3);
  });
});
