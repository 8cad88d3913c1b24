// The cost of asking "is this new article a copy of one already held?" against 10,000 and 100,000 held
// articles: the index is built first (not timed), then fresh articles are checked (timed). A tenth of
// the fresh ones are retitled copies of held articles, so the check also walks real candidates.
import type { Article } from '../../src/types';
import { DuplicateIndex } from '../../src/articles/duplicates';
import { articleChunks, streamOf } from '../articles';

export interface DedupResult {
  held: number;
  checked: number;
  us_per_article: number;
  /** Retitled copies of held articles among the fresh ones, and how many of them were found. */
  planted: number;
  found: number;
  /** Fresh articles of their own that were taken for copies. */
  false_matches: number;
  build_s: number;
}

/** Fresh articles: a new stream (another seed), with every tenth replaced by a retitled copy of a held one. */
function freshArticles(seed: number, n: number, held: Article[]): Article[] {
  const out: Article[] = [];
  for (const chunk of articleChunks(streamOf(seed, n * 2, 50), 1000)) {
    for (const a of chunk) {
      if (a.duplicates.length || out.length >= n) continue;
      const i = out.length;
      if (i % 10 === 9 && held.length) {
        const h = held[(i * 7919) % held.length];
        const title = `Why investors keep backing ${h.title.split(' ').slice(0, 3).join(' ')}`;
        out.push({ ...h, id: `${a.id}-copy`, title, url: `https://copies.example/${i}`, canonicalUrl: `https://copies.example/${i}`, feed: 'https://copies.example/feed', source: 'Copies', text: h.text.replace(h.title, title) });
      } else {
        // Another seed over the same feeds repeats feed and guid, so the ids (and links) of the held
        // stream: give the fresh story its own, or the check answers "same id" for a different story.
        const own = (u: string | null): string | null => (u ? u.replace('://', '://fresh.') : u);
        out.push({ ...a, id: `fresh:${a.id}`, url: own(a.url), canonicalUrl: own(a.canonicalUrl) });
      }
    }
    if (out.length >= n) break;
  }
  return out;
}

export function measureDedup(seed: number, held: number, checks: number): DedupResult {
  const index = new DuplicateIndex();
  const sample: Article[] = [];
  const t0 = performance.now();
  let n = 0;
  for (const chunk of articleChunks(streamOf(seed, held), 2000)) {
    for (const a of chunk) {
      if (n >= held) break;
      index.add(a);
      if (n % 97 === 0 && sample.length < 200) sample.push(a);
      n++;
    }
  }
  // The band index takes in what was held when it is next read: read here (untimed, part of the build;
  // its size is one read), or the first timed check would pay for building it over every held article.
  void index.heldBytes;
  const build_s = (performance.now() - t0) / 1000;
  const fresh = freshArticles(seed + 1, checks, sample);
  const answers: boolean[] = [];
  const t1 = performance.now();
  for (const a of fresh) answers.push(index.check(a) !== null);
  const us = ((performance.now() - t1) * 1000) / fresh.length;
  const isCopy = fresh.map((a) => a.id.endsWith('-copy'));
  const found = answers.filter((m, i) => m && isCopy[i]).length;
  const false_matches = answers.filter((m, i) => m && !isCopy[i]).length;
  return { held: index.size, checked: fresh.length, us_per_article: us, planted: isCopy.filter(Boolean).length, found, false_matches, build_s };
}
