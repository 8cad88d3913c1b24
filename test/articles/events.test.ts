import { groupEvents } from '../../src/articles/events';
import type { Article, Fact, Money } from '../../src/types';

const article = (id: string, title: string, published: string | null): Article => ({
  id, title, url: null, canonicalUrl: null, source: 's', feed: 'f', published, summary: '', text: title, duplicates: [],
});
const usd = (v: number, approx = false, low: number | null = v, high: number | null = v): Money => ({ value: v, currency: 'USD', usd: v, low, high, approx });
const fact = (articleId: string, company: string, metric: Fact['metric'], amount: Money, extra: Partial<Fact> = {}): Fact => ({
  company, metric, amount, when: 'current', status: 'reported', articleId, source: 's', url: null, quote: 'q', ...extra,
});

describe('groupEvents', () => {
  const arts = [
    article('a1', 'Moonshot AI raises $2B at $20B valuation', '2026-05-08T09:00:00Z'),
    article('a2', 'Kimi maker valued beyond $20B', '2026-05-12T09:00:00Z'),
    article('a3', 'Moonshot AI closes about $2.1 billion', '2026-05-20T09:00:00Z'),
    article('a4', 'Moonshot AI $500M Series C', '2026-05-10T09:00:00Z'),
    article('a5', 'Moonshot AI history piece', '2026-05-11T09:00:00Z'),
    article('a6', 'Moonshot AI raises $2B again?', '2026-09-30T09:00:00Z'),
    article('b1', 'MiniMax raises $600M', '2026-05-09T09:00:00Z'),
  ];
  const facts: Fact[] = [
    fact('a1', 'Moonshot AI', 'round_size', usd(2e9)),
    fact('a1', 'Moonshot AI', 'valuation', usd(20e9)),
    fact('a2', 'Moonshot AI', 'valuation', usd(20e9, false, 20e9, null)),
    fact('a3', 'Moonshot AI', 'round_size', usd(2.1e9, true, 1.9e9, 2.3e9)),
    fact('a4', 'Moonshot AI', 'round_size', usd(500e6), { round: 'Series C' }),
    fact('a5', 'Moonshot AI', 'valuation', usd(4.3e9), { when: 'past' }),
    fact('a5', 'Moonshot AI', 'revenue', usd(200e6)),
    fact('a6', 'Moonshot AI', 'round_size', usd(2e9)),
    fact('b1', 'MiniMax', 'round_size', usd(600e6)),
  ];

  const events = groupEvents(arts, facts);
  const of = (id: string) => events.find((e) => e.articleIds.includes(id));

  it('groups reports of one round: same company, agreeing figures, close in time', () => {
    expect(of('a1')?.articleIds).toEqual(['a1', 'a2', 'a3']);
    expect(of('a1')).toMatchObject({ company: 'Moonshot AI', headline: 'Moonshot AI raises $2B at $20B valuation', published: '2026-05-08T09:00:00.000Z' });
  });

  it('keeps another round of the same company, and the same figure months later, apart', () => {
    expect(of('a4')?.articleIds).toEqual(['a4']);
    expect(of('a6')?.articleIds).toEqual(['a6']);
    expect(of('b1')?.company).toBe('MiniMax');
  });

  it('an article with only past figures or other metrics is no event', () => {
    expect(of('a5')).toBeUndefined();
    expect(events).toHaveLength(4);
  });

  it('names rounds apart: Series B and Series C are two events even at similar sizes', () => {
    const ev = groupEvents(
      [article('x', 'X B', '2026-01-01T00:00:00Z'), article('y', 'X C', '2026-01-05T00:00:00Z')],
      [fact('x', 'Xco', 'round_size', usd(50e6), { round: 'Series B' }), fact('y', 'Xco', 'round_size', usd(52e6), { round: 'Series C' })],
    );
    expect(ev).toHaveLength(2);
  });

  it('gives stable ids whatever the order of articles and facts', () => {
    const again = groupEvents([...arts].reverse(), [...facts].reverse());
    expect(again.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
