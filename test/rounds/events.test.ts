import { analyse } from '../../src/pipeline';
import { DEFAULT_RATES } from '../../src/facts/rates';
import type { Article } from '../../src/types';

function article(id: string, title: string, text: string, published: string): Article {
  return { id, title, url: `https://news.example/${id}`, canonicalUrl: null, source: `Outlet ${id}`, feed: `feed-${id}`, published, summary: text, text: `${title}\n${text}`, duplicates: [] };
}

describe('events are rounds as their coverage reported them', () => {
  const ctx = { watch: [{ name: 'Lumen Labs', aliases: ['Lumen'] }], rates: DEFAULT_RATES, now: new Date('2026-12-01T00:00:00Z') };
  const arts = [
    article('e1', 'Lumen Labs raises $120 million Series B', 'Lumen Labs said on Tuesday it raised $120 million in a Series B round led by Harbor Capital.', '2026-03-03T08:00:00Z'),
    article('e2', 'Harbor Capital leads $120M bet on Lumen', 'The Series B for Lumen Labs came to $120 million, with Harbor Capital leading.', '2026-03-05T08:00:00Z'),
    article('e3', 'Lumen Labs closes $400 million Series C', 'Lumen Labs closed a $400 million Series C led by Summit Growth.', '2026-10-20T08:00:00Z'),
  ];
  const r = analyse(arts, ctx);
  it('gives one event per round, headed by its first article, with every article that reported it', () => {
    expect(r.events.map((e) => [e.headline, e.articleIds])).toEqual([
      ['Lumen Labs raises $120 million Series B', ['e1', 'e2']],
      ['Lumen Labs closes $400 million Series C', ['e3']],
    ]);
    expect(r.events.map((e) => e.id)).toEqual(r.rounds.map((x) => x.id));
  });
});
