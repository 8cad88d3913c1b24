// Word-dispatched patterns find what a plain global scan of each finds, with their first words read
// from the patterns themselves: a word added to a rule is found without a second list to keep in step.
import { firstWordsOf, wordDispatch } from '../../src/facts/wordstarts';
import { findCues } from '../../src/facts/metric';
import { findInvestors } from '../../src/facts/investors';

const scan = (re: RegExp, s: string): [number, number][] => [...s.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].map((m) => [m.index, m.index + m[0].length]);

describe('first words read from a pattern', () => {
  it.each([
    [/\bpost[- ]money(?:\s+valuation)?\b/gi, ['post']],
    [/\bSeries\s+[A-Z]\b|\b(?:pre-seed|seed|angel)\b/g, ['angel', 'pre-seed', 'seed', 'series']],
    [/\b(?:co-|jointly\s+)?led\s+by\b/gi, ['co-led', 'jointly', 'led']],
    [/\b(?:(?:new|other)\s+)?(?:investors|backers)\s*:/gi, ['backers', 'investors', 'new', 'other']],
    // Only the first word: the pattern checks the rest where it is tried.
    [/\bcumulative(?:ly)?\b|\bto date\b/gi, ['cumulative', 'to']],
  ])('%s opens with %j', (re, words) => {
    expect(firstWordsOf(re)).toEqual(words);
  });

  it('refuses a pattern whose match can open with something other than two letters', () => {
    expect(() => firstWordsOf(/\b(?:new)?\s*investors/gi)).toThrow(/two letters/);
    expect(() => firstWordsOf(/[A-Z]\w+ raised/g)).toThrow(/two letters/);
  });

  it('finds a phrase added to a pattern, as a global scan of the pattern does', () => {
    const rules = [/\b(?:raised|picked up|scooped up|hauled in)\b/gi, /\bvaluation\b/gi];
    const d = wordDispatch(rules.map((re) => ({ re })));
    const s = 'Acme scooped up $5M and hauled in more at a higher valuation; it raised again.';
    const got = d.matches(s).map((m) => [m.pattern, m.start, m.end]);
    const want = rules.flatMap((re, i) => scan(re, s).map(([a, b]) => [i, a, b])).sort((x, y) => x[1] - y[1] || x[0] - y[0]);
    expect(got).toEqual(want);
  });

  it('loads every cue and investor rule (each one dispatchable by its words)', () => {
    expect(findCues('Acme scooped up $5M at a post-money valuation').length).toBeGreaterThan(1);
    expect(findInvestors('The round was led by Index Ventures.').lead.map((n) => n.name)).toEqual(['Index Ventures']);
  });
});
