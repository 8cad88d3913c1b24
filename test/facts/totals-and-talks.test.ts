// Frames met in real coverage: money gathered "since" a start is a total; "a $2B round, led by X, at
// $8B" is a round at a valuation; talks said as "discussing" or "the talk was of"; one clause's date
// shared by the figures in it.
import { extractFacts, readingContext } from '../../src/facts/extract';
import { DEFAULT_RATES } from '../../src/facts/rates';

const ctx = readingContext({ watch: [{ name: 'Lumen Labs', aliases: ['Lumen'] }], rates: DEFAULT_RATES, now: new Date('2026-03-01T00:00:00Z') });
const read = (text: string): string[] => extractFacts({ id: 'x', title: '', url: null, canonicalUrl: null, source: 's', feed: 'f', published: '2026-02-20T00:00:00Z', summary: text, text, duplicates: [] }, ctx)
  .map((f) => `${f.metric} ${f.amount?.usd ?? f.name} ${f.when} ${f.status}`);

describe('totals, rounds at a valuation, and talks, as coverage writes them', () => {
  it.each([
    ['Lumen has raised close to €900 million (about $1 billion) since it was founded in 2021.', 'total_raised 1000000000 current reported'],
    ['All told, Lumen Labs has raised $640 million since its 2022 seed.', 'total_raised 640000000 current reported'],
    ['In total, Lumen Labs has raised about $1.2 billion.', 'total_raised 1200000000 current reported'],
    ['Lumen Labs has now raised $310 million since 2023.', 'total_raised 310000000 current reported'],
  ])('%s', (text, fact) => {
    expect(read(text)).toEqual([fact]);
  });

  it('reads the figure after "at" as the valuation once the round has its size', () => {
    expect(read('On Monday Lumen Labs closed a $450 million round, led by Harbor Capital, at $6 billion.')).toEqual(
      expect.arrayContaining(['round_size 450000000 current reported', 'valuation 6000000000 current reported']));
  });

  it('does so when the size is written with a hyphen', () => {
    expect(read('Lumen Labs: a $270-million Series C led by Harbor Capital, at about $2.2-billion.')).toEqual(
      expect.arrayContaining(['round_size 270000000 current reported', 'valuation 2200000000 current reported']));
  });

  it('takes "discussing a valuation" and "the talk was of" as talks', () => {
    expect(read('Investors are now discussing a valuation of about $4 billion for Lumen Labs, two people said.')).toEqual(['valuation 4000000000 current talks']);
    expect(read('Lumen Labs closed its round. Back in the autumn the talk was of a $200 million raise at $3 billion.')[1]).toMatch(/^valuation 3000000000 \w+ talks$/);
  });

  it('gives both figures of one clause the date it gives them', () => {
    expect(read('Lumen Labs closed its round. Worth recalling: four months ago the talk was of a $200 million raise at $3 billion.')).toEqual([
      'round_size 200000000 past talks', 'valuation 3000000000 past talks']);
  });
});
