import { analyseRounds } from '../../src/rounds';
import type { Fact, Money } from '../../src/types';

const NOW = new Date('2026-12-01T00:00:00Z');
const usd = (value: number, o: Partial<Money> = {}): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx: false, ...o });

/** One article's facts: the article's id and date shared, each fact's own fields given. */
function article(id: string, published: string, facts: Partial<Fact>[], company = 'Lumen Labs'): Fact[] {
  return facts.map((o, i) => ({
    company, metric: 'round_size', when: 'current', status: 'reported', articleId: id, source: `Outlet ${id}`,
    url: `https://news.example/${id}`, quote: `${id} sentence ${i}`, published: `${published}T09:00:00Z`, ...o,
  }) as Fact);
}

describe('rounds: growth is a timeline', () => {
  const facts = [
    ...article('a1', '2025-01-10', [{ amount: usd(40e6) }, { metric: 'valuation', amount: usd(300e6) }, { metric: 'lead_investor', name: 'Northwind Ventures' }]),
    ...article('a2', '2025-01-12', [{ amount: usd(40e6, { approx: true }) }, { metric: 'valuation', amount: usd(300e6) }]),
    ...article('b1', '2025-06-02', [{ amount: usd(150e6), round: 'Series B' }, { metric: 'valuation', amount: usd(1.2e9) }]),
    ...article('b2', '2025-06-05', [{ amount: usd(150e6) }, { metric: 'valuation', amount: usd(1.2e9), basis: 'post' }, { metric: 'lead_investor', name: 'Harbor Capital' }]),
    ...article('c1', '2025-11-20', [{ amount: usd(600e6), round: 'Series C' }, { metric: 'valuation', amount: usd(5e9) }, { metric: 'lead_investor', name: 'Summit Growth' }]),
    ...article('c2', '2025-11-21', [{ amount: usd(600e6) }, { metric: 'valuation', amount: usd(5e9, { approx: true }) }, { metric: 'valuation', amount: usd(1.2e9), when: 'past' }]),
  ];
  const r = analyseRounds(facts, { now: NOW });

  it('finds three rounds, oldest first, each with its own figures and sources', () => {
    expect(r.rounds.map((x) => [x.date, x.name, x.round_size?.amount.usd, x.valuation?.amount.usd, x.articleIds.length])).toEqual([
      ['2025-01-10', null, 40e6, 300e6, 2],
      // c2 recalls the Series B's valuation in passing: it mentions that round too.
      ['2025-06-02', 'Series B', 150e6, 1.2e9, 3],
      ['2025-11-20', 'Series C', 600e6, 5e9, 2],
    ]);
  });
  it('flags no conflict: the valuations grew, nobody disagreed', () => {
    expect(r.conflicts).toEqual([]);
  });
  it('answers with the newest closed round, and says how many sources agree', () => {
    const val = r.current.find((c) => c.metric === 'valuation');
    expect(val).toMatchObject({ amount: { usd: 5e9 }, sources: 2, disputed: false, asOf: '2025-11-20' });
    expect(r.current.find((c) => c.metric === 'lead_investor')?.names).toEqual(['Summit Growth']);
  });
  it('puts each fact in its round', () => {
    const c = r.rounds[2].id;
    expect(r.facts.filter((f) => f.articleId === 'c1').every((f) => f.roundId === c)).toBe(true);
  });
});

describe('rounds: sources that disagree about one round', () => {
  const facts = [
    ...article('s1', '2026-05-08', [{ amount: usd(2e9) }, { metric: 'lead_investor', name: 'Sequoia China' }], 'Moonshot AI'),
    ...article('s2', '2026-05-09', [{ amount: usd(2e9) }, { metric: 'lead_investor', name: "Meituan's Longzhu investment arm" }], 'Moonshot AI'),
    ...article('s3', '2026-05-12', [{ amount: usd(2e9, { approx: true }) }], 'Moonshot AI'),
  ];
  const r = analyseRounds(facts, { now: NOW });
  it('is one round with a disputed lead, and the conflict names that round', () => {
    expect(r.rounds).toHaveLength(1);
    expect(r.rounds[0].lead_investors.map((l) => l.name).sort()).toEqual(['Meituan Longzhu', 'Sequoia China']);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ metric: 'lead_investor', roundId: r.rounds[0].id, date: '2026-05' });
    expect(r.current.find((c) => c.metric === 'lead_investor')).toMatchObject({ disputed: true, sources: 2 });
  });
  it('counts co-leads named by one source as one claim, not a dispute', () => {
    const co = analyseRounds(article('k1', '2026-03-01', [{ metric: 'lead_investor', name: 'GIC' }, { metric: 'lead_investor', name: 'Coatue Management' }, { amount: usd(1e9) }]), { now: NOW });
    expect(co.conflicts).toEqual([]);
    expect(co.current.find((c) => c.metric === 'lead_investor')).toMatchObject({ sources: 1, disputed: false });
  });
});

describe('rounds: talks, then a close', () => {
  const facts = [
    ...article('t1', '2026-09-03', [{ amount: usd(500e6), status: 'talks' }, { metric: 'valuation', amount: usd(8e9), status: 'talks' }]),
    ...article('t2', '2026-09-20', [{ metric: 'valuation', amount: usd(9e9), status: 'talks' }]),
    ...article('t3', '2026-10-14', [{ amount: usd(600e6) }, { metric: 'valuation', amount: usd(10e9) }]),
  ];
  const r = analyseRounds(facts, { now: NOW });
  it('is one closed round described by what closed; the talks figures stay as talks', () => {
    expect(r.rounds).toHaveLength(1);
    expect(r.rounds[0]).toMatchObject({ status: 'closed', date: '2026-09-03', round_size: { amount: { usd: 600e6 } }, valuation: { amount: { usd: 10e9 } } });
    expect(r.conflicts).toEqual([]);
  });
  it('reports a newer round in talks beside the closed one, never instead', () => {
    const more = [...facts, ...article('t4', '2026-11-25', [{ metric: 'valuation', amount: usd(20e9), status: 'talks' }])];
    const m = analyseRounds(more, { now: NOW });
    expect(m.rounds.map((x) => x.status)).toEqual(['closed', 'talks']);
    const val = m.current.find((c) => c.metric === 'valuation');
    expect(val?.amount?.usd).toBe(10e9);
    expect(val?.talks?.amount?.usd).toBe(20e9);
  });
});

describe('rounds: an earlier round named or dated in passing', () => {
  it('places "its Series B last year" in that round, not in the new one', () => {
    const facts = [
      ...article('p1', '2025-07-01', [{ amount: usd(410e6), round: 'Series B' }]),
      ...article('p2', '2026-06-01', [{ amount: usd(1e9), round: 'Series C' }, { amount: usd(410e6), round: 'Series B', when: 'past', refDate: '2025' }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.name, x.articleIds])).toEqual([['Series B', ['p1', 'p2']], ['Series C', ['p2']]]);
    expect(r.conflicts).toEqual([]);
  });
  it('makes a round of an earlier valuation the text dates, and answers with the newest', () => {
    const facts = article('d1', '2026-05-13', [{ metric: 'valuation', amount: usd(20e9) }, { metric: 'valuation', amount: usd(4.3e9, { approx: true }), when: 'past', refDate: '2025-11' }]);
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.date, x.valuation?.amount.usd])).toEqual([['2025-11', 4.3e9], ['2026-05-13', 20e9]]);
    expect(r.current.find((c) => c.metric === 'valuation')?.amount?.usd).toBe(20e9);
  });
  it('a valuation quoted again months later is the same round, not a new one', () => {
    const facts = [
      ...article('q1', '2026-01-10', [{ amount: usd(6.6e9) }, { metric: 'valuation', amount: usd(157e9) }]),
      ...article('q2', '2026-06-10', [{ metric: 'valuation', amount: usd(157e9) }]),
    ];
    expect(analyseRounds(facts, { now: NOW }).rounds).toHaveLength(1);
  });
  it('keeps two differently named rounds apart even in the same week', () => {
    const facts = [
      ...article('n1', '2026-02-01', [{ amount: usd(50e6), round: 'Series A' }]),
      ...article('n2', '2026-02-03', [{ amount: usd(120e6), round: 'Series B' }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds).toHaveLength(2);
    expect(r.conflicts).toEqual([]);
  });
});

describe('company-level figures are a time series', () => {
  const facts = [
    ...article('r1', '2025-12-01', [{ metric: 'revenue', amount: usd(100e6) }]),
    ...article('r2', '2026-04-02', [{ metric: 'revenue', amount: usd(200e6) }]),
    ...article('r3', '2026-04-05', [{ metric: 'revenue', amount: usd(200e6, { high: null }) }]),
    ...article('r4', '2026-09-09', [{ metric: 'revenue', amount: usd(500e6) }]),
  ];
  it('answers with the newest figure and never calls growth a dispute', () => {
    const r = analyseRounds(facts, { now: NOW });
    expect(r.current.find((c) => c.metric === 'revenue')).toMatchObject({ amount: { usd: 500e6 }, asOf: '2026-09-09' });
    expect(r.conflicts).toEqual([]);
  });
  it('flags claims of the same weeks that disagree', () => {
    const r = analyseRounds([...facts, ...article('r5', '2026-09-12', [{ metric: 'revenue', amount: usd(900e6) }])], { now: NOW });
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ metric: 'revenue', date: '2026-09' });
    expect(r.conflicts[0].roundId).toBeUndefined();
  });
});

describe('rounds: long talks', () => {
  it('takes talks heard three months before a close as that round', () => {
    const facts = [
      ...article('l1', '2026-04-02', [{ metric: 'valuation', amount: usd(3e9, { approx: true }), status: 'talks' }]),
      ...article('l2', '2026-07-01', [{ amount: usd(300e6) }, { metric: 'valuation', amount: usd(3.2e9) }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.status, x.date, x.articleIds])).toEqual([['closed', '2026-04-02', ['l1', 'l2']]]);
  });
  it('keeps talks apart from a close that another close came before', () => {
    const facts = [
      ...article('m1', '2026-01-10', [{ amount: usd(100e6) }]),
      ...article('m2', '2026-03-01', [{ metric: 'valuation', amount: usd(3e9), status: 'talks' }]),
    ];
    expect(analyseRounds(facts, { now: NOW }).rounds.map((x) => x.status)).toEqual(['closed', 'talks']);
  });
});
