import { formatFigureValue, formatMoney } from '../../src/digest/money';
import { usd } from './fixtures';

describe('money wording', () => {
  it('reads amounts the way a person writes them', () => {
    expect(formatMoney(usd(2e9))).toBe('$2B');
    expect(formatMoney(usd(5e8))).toBe('$500M');
    expect(formatMoney(usd(1.25e9))).toBe('$1.25B');
    expect(formatMoney(usd(4.3e9))).toBe('$4.3B');
  });
  it('gives a foreign amount its dollar equivalent', () => {
    expect(formatMoney({ value: 3e9, currency: 'CNY', usd: 4.2e8, low: 3e9, high: 3e9, approx: false })).toBe('¥3B (≈$420M)');
    expect(formatMoney({ value: 1e9, currency: 'XYZ', usd: null, low: 1e9, high: 1e9, approx: false })).toBe('XYZ 1B');
  });
  it('shows ranges, open ends and approximations', () => {
    expect(formatMoney(usd(20e9, { high: null }))).toBe('> $20B');
    expect(formatMoney(usd(2e9, { approx: true }))).toBe('~$2B');
    expect(formatMoney(usd(1e9, { low: 1e9, high: 2e9 }))).toBe('$1–2B');
    expect(formatMoney(usd(5e8, { low: 5e8, high: 1.2e9 }))).toBe('$500M–1.2B');
  });
  it('adds basis, round, talks and past', () => {
    expect(formatFigureValue({ amount: usd(2e9), basis: 'post', round: 'Series C' })).toBe('$2B post-money, Series C');
    expect(formatFigureValue({ amount: usd(2e9), status: 'talks' })).toBe('$2B (in talks)');
    expect(formatFigureValue({ amount: usd(4.3e9), when: 'past' })).toBe('$4.3B (past)');
    expect(formatFigureValue({ name: 'Sequoia China', round: 'Series C' })).toBe('Sequoia China (Series C)');
  });
});
