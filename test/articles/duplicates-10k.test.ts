import { foldDuplicates } from '../../src/articles/duplicates';
import { generateCorpus } from './generate';

// Recall and precision at scale: 9,800 distinct stories (a third of them a known company's next round,
// the near misses) and 200 syndicated copies, each retitled, a sentence reworded, often a sentence
// dropped or added, sometimes the outlet's own line above, under another outlet's byline and footer.
describe('foldDuplicates on 10,000 articles', () => {
  it('finds every planted copy among 10,000 articles and folds no two distinct ones', () => {
    const { articles, copies } = generateCorpus({ distinct: 9800, copies: 200, seed: 7 });
    expect(articles).toHaveLength(10_000);
    const out = foldDuplicates(articles);
    const survivors = new Map(out.map((a) => [a.id, a]));
    const copyIds = new Set(copies.map((c) => c.copy));
    // No distinct article was folded: every survivor that is not a planted copy is one of the 9,800.
    const distinctSurvivors = out.filter((a) => !copyIds.has(a.id));
    expect(distinctSurvivors).toHaveLength(9800);
    // Every copy found, folded into its original.
    const missed = copies.filter((c) => survivors.has(c.copy) || !survivors.has(c.original));
    expect(missed).toEqual([]);
    expect(out).toHaveLength(9800);
  });
});
