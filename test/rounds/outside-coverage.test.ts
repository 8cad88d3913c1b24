// Round-level rules met in coverage written the way outlets write it (the case sets frontier-labs,
// secondaries, press-releases and roundups-history): a target beside the amount raised, a history piece
// published weeks after the newest round, talks recalled in the article that reports the close, a figure
// dated only by its year, an open-ended figure years later, a dated revenue figure that is the newest.
import { analyseRounds } from '../../src/rounds';
import type { Fact, Money } from '../../src/types';

const NOW = new Date('2026-11-22T00:00:00Z');
const usd = (value: number, o: Partial<Money> = {}): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx: false, ...o });

/** One article's facts, each with the sentence it was read from. */
function article(id: string, published: string, facts: (Partial<Fact> & { quote: string })[], company = 'Kestrel Compute'): Fact[] {
  return facts.map((o) => ({
    company, metric: 'round_size', when: 'current', status: 'reported', confidence: 'frame', articleId: id, source: `Outlet ${id}`,
    url: `https://news.example/${id}`, published: `${published}T09:00:00Z`, ...o,
  }) as Fact);
}

describe('an article does not disagree with itself', () => {
  // The wire's close gives the target beside the amount raised; the headline desk had the target as news.
  const facts = [
    ...article('seek', '2025-12-19', [
      { amount: usd(15e9, { approx: true }), quote: 'Kestrel Compute said to seek $15 billion at a $230 billion valuation' },
      { metric: 'valuation', amount: usd(230e9, { approx: true }), quote: 'Kestrel Compute said to seek $15 billion at a $230 billion valuation' },
    ]),
    ...article('close', '2026-01-06', [
      { amount: usd(20e9), round: 'Series E', quote: 'Kestrel Compute said it had raised $20 billion in a Series E round, beyond the $15 billion it set out to raise.' },
      { amount: usd(15e9), quote: 'Kestrel Compute said it had raised $20 billion in a Series E round, beyond the $15 billion it set out to raise.' },
    ]),
  ];
  const r = analyseRounds(facts, { now: NOW });

  it('flags no dispute when the only source of one figure also gives the other', () => {
    expect(r.rounds).toHaveLength(1);
    expect(r.conflicts).toEqual([]);
  });
  it('takes the figure the article gives with the round\'s name as its reading', () => {
    expect(r.rounds[0]).toMatchObject({ name: 'Series E', round_size: { amount: { usd: 20e9 } } });
    expect(r.current.find((c) => c.metric === 'round_size')?.amount?.usd).toBe(20e9);
  });
  it('still flags two sources that each give one figure', () => {
    const more = [...facts, ...article('tally', '2026-01-09', [{ amount: usd(12e9), round: 'Series E', quote: 'Our tally of the Series E comes to $12 billion, not twenty.' }])];
    const m = analyseRounds(more, { now: NOW });
    expect(m.conflicts.map((c) => [c.metric, c.claims.map((k) => k.amount?.usd).sort()])).toEqual([['round_size', [12e9, 15e9, 20e9]]]);
  });
});

describe('a dispute is dated by its round', () => {
  it('gives the round\'s month, not the month of talks an article recalls', () => {
    const facts = [
      ...article('f1', '2025-09-02', [
        { amount: usd(13e9), round: 'Series F', quote: 'Kestrel Compute raised $13 billion in a Series F.' },
        { amount: usd(5e9, { approx: true }), when: 'past', status: 'talks', refDate: '2025-07', quote: 'The raise was expected to be about $5 billion when talks began in July.' },
      ]),
      ...article('f2', '2025-09-08', [{ amount: usd(10e9), quote: 'Kestrel Compute closed a $10 billion round, by our count.' }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => x.date)).toEqual(['2025-09-02']);
    expect(r.conflicts.map((c) => [c.metric, c.date, c.roundId])).toEqual([['round_size', '2025-09', r.rounds[0].id]]);
  });
});

describe('a history piece weeks after the newest round', () => {
  const facts = [
    ...article('h', '2021-08-31', [
      { amount: usd(1.6e9), round: 'Series H', quote: 'Kestrel Compute announced a $1.6 billion Series H at a $38 billion post-money valuation.' },
      { metric: 'valuation', amount: usd(38e9), round: 'Series H', quote: 'Kestrel Compute announced a $1.6 billion Series H at a $38 billion post-money valuation.' },
    ]),
    ...article('l', '2025-12-16', [
      { amount: usd(4e9, { high: null }), round: 'Series L', quote: 'Kestrel Compute raised more than $4 billion in a Series L at a $134 billion valuation.' },
      { metric: 'valuation', amount: usd(134e9), round: 'Series L', quote: 'Kestrel Compute raised more than $4 billion in a Series L at a $134 billion valuation.' },
    ]),
    // The look-back, five weeks later, read one of its recollections as current and unnamed.
    ...article('look-back', '2026-01-20', [
      { metric: 'valuation', amount: usd(38e9), quote: 'Six months later the Series H added $1.6 billion at $38 billion.' },
      { amount: usd(4e9, { high: null }), round: 'Series L', quote: 'December’s Series L, more than $4 billion at $134 billion, is the latest.' },
    ]),
  ];
  const r = analyseRounds(facts, { now: NOW });

  it('puts a figure that restates an earlier round in that round, not in the newest one', () => {
    const h = r.rounds.find((x) => x.name === 'Series H');
    expect(h?.articleIds).toEqual(['h', 'look-back']);
    expect(r.conflicts).toEqual([]);
    expect(r.current.find((c) => c.metric === 'valuation')?.amount?.usd).toBe(134e9);
  });
  it('still flags an unnamed figure near a round when it restates no earlier one', () => {
    const more = [...facts, ...article('odd', '2025-12-20', [{ metric: 'valuation', amount: usd(90e9), quote: 'The round values Kestrel Compute at $90 billion, one investor says.' }])];
    expect(analyseRounds(more, { now: NOW }).conflicts.map((c) => c.metric)).toEqual(['valuation']);
  });
});

describe('talks recalled in the article that reports the close', () => {
  it('are the talks of that close, even when the text dates them two months back', () => {
    const facts = [
      ...article('c', '2025-09-17', [
        { amount: usd(750e6), quote: 'Kestrel Compute has raised $750 million at a post-money valuation of $6.9 billion.' },
        { metric: 'valuation', amount: usd(6.9e9), basis: 'post', quote: 'Kestrel Compute has raised $750 million at a post-money valuation of $6.9 billion.' },
        { amount: usd(600e6, { approx: true }), when: 'past', status: 'talks', refDate: '2025-07', quote: 'In July it was said to be in talks to raise about $600 million.' },
      ]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.status, x.round_size?.amount.usd])).toEqual([['closed', 750e6]]);
    expect(r.facts.every((f) => f.roundId === r.rounds[0].id)).toBe(true);
  });
});

describe('recollections and their dates', () => {
  it('joins a figure dated "the start of last year" to the round it restates, not to a year-dated one', () => {
    const facts = [
      ...article('tender', '2024-02-17', [{ metric: 'valuation', amount: usd(86e9, { high: null }), quote: 'Employees will sell shares at a valuation of $86 billion or more.' },
        { metric: 'valuation', amount: usd(29e9), when: 'past', refDate: '2023', quote: 'That nearly triples the $29 billion set in a share sale early last year.' }]),
      ...article('chart', '2025-10-06', [
        { metric: 'valuation', amount: usd(500e9), quote: 'Employees sold shares at a valuation of $500 billion.' },
        { metric: 'valuation', amount: usd(86e9), when: 'past', refDate: '2024-01', quote: 'The valuation has risen about sixfold, from $86 billion at the start of last year.' },
      ]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    const tender = r.rounds.find((x) => x.articleIds.includes('tender') && x.valuation?.amount.usd === 86e9);
    expect([...(tender?.articleIds ?? [])].sort()).toEqual(['chart', 'tender']);
  });
  it('makes no round of an unnamed figure dated only by its year', () => {
    const facts = article('y', '2024-12-20', [
      { amount: usd(420e6), quote: 'Kestrel Compute has completed a new financing of 3 billion yuan.' },
      { amount: usd(350e6, { high: null }), when: 'past', refDate: '2023', quote: 'It raised more than 2.5 billion yuan over the whole of last year.' },
    ]);
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => x.round_size?.amount.usd)).toEqual([420e6]);
    expect(r.rounds.every((x) => /^\d{4}-\d{2}/.test(x.date ?? ''))).toBe(true);
  });
  it('does not let "more than $1 billion" absorb a larger figure reported years later', () => {
    const facts = [
      ...article('c21', '2021-04-14', [{ amount: usd(300e6), round: 'Series C', quote: 'Kestrel Compute raised $300 million in a Series C.' },
        { metric: 'valuation', amount: usd(1e9, { high: null }), quote: 'The deal values Kestrel Compute at more than $1 billion.' }]),
      ...article('v25', '2025-05-27', [{ metric: 'valuation', amount: usd(1.5e9), quote: 'Kestrel Compute is valued at $1.5 billion, a filing shows.' }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => x.articleIds)).toEqual([['c21'], ['v25']]);
  });
});

describe('a dated company-level figure can be the newest', () => {
  it('answers revenue with "passed $20 billion at the end of last year" over an older current figure', () => {
    const facts = [
      ...article('o', '2024-10-03', [{ metric: 'revenue', amount: usd(3.4e9, { approx: true }), refDate: '2024-06', quote: 'Annualized revenue reached about $3.4 billion in June.' }]),
      ...article('n', '2026-03-02', [{ metric: 'revenue', amount: usd(20e9, { high: null }), when: 'past', refDate: '2025-12', quote: 'Annualized revenue passed $20 billion at the end of last year, the company said.' }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.current.find((c) => c.metric === 'revenue')).toMatchObject({ amount: { usd: 20e9 }, asOf: '2025-12' });
    expect(r.conflicts).toEqual([]);
  });
  it('never sets such a figure against a current one of the same weeks', () => {
    const facts = article('m', '2026-01-20', [
      { metric: 'revenue', amount: usd(150e6), quote: 'Annual recurring revenue is $150 million.' },
      { metric: 'revenue', amount: usd(100e6), when: 'past', refDate: '2025-12', quote: 'It was $100 million in December.' },
    ]);
    const r = analyseRounds(facts, { now: NOW });
    expect(r.conflicts).toEqual([]);
    expect(r.current.find((c) => c.metric === 'revenue')?.amount?.usd).toBe(150e6);
  });
});

describe('the figure a round shows', () => {
  it('is the one most sources give, not a close one that a headline rounded', () => {
    const facts = [
      ...article('t', '2025-02-24', [{ metric: 'valuation', amount: usd(60e9), quote: 'Kestrel Compute nears $2 billion raise at $60 billion valuation' }]),
      ...article('w', '2025-03-03', [{ metric: 'valuation', amount: usd(61.5e9), basis: 'post', quote: 'Kestrel Compute closed a $3.5 billion Series E at a $61.5 billion post-money valuation.' }]),
      ...article('b', '2025-03-05', [{ metric: 'valuation', amount: usd(61.5e9), quote: 'Investors valued Kestrel Compute at $61.5 billion in the Series E.' }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.valuation?.amount.usd, x.valuation?.sources])).toEqual([[61.5e9, 3]]);
    expect(r.conflicts).toEqual([]);
  });
});

describe('a new round weeks after the last one', () => {
  it('is told apart when its article recalls the last round\'s figure as earlier', () => {
    const facts = [
      ...article('may', '2025-06-10', [
        { amount: usd(500e6), quote: 'Kestrel Compute closed a $500 million round led by Accel at a $14 billion valuation.' },
        { metric: 'valuation', amount: usd(14e9), quote: 'Kestrel Compute closed a $500 million round led by Accel at a $14 billion valuation.' },
      ]),
      ...article('july', '2025-07-17', [
        { amount: usd(100e6), quote: 'Kestrel Compute has raised $100 million at an $18 billion valuation, two months after a round that valued it at $14 billion.' },
        { metric: 'valuation', amount: usd(18e9), quote: 'Kestrel Compute has raised $100 million at an $18 billion valuation, two months after a round that valued it at $14 billion.' },
        { metric: 'valuation', amount: usd(14e9), when: 'past', refDate: '2025-05', quote: 'Kestrel Compute has raised $100 million at an $18 billion valuation, two months after a round that valued it at $14 billion.' },
      ]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.date, x.valuation?.amount.usd])).toEqual([['2025-06-10', 14e9], ['2025-07-17', 18e9]]);
    expect(r.conflicts).toEqual([]);
    expect(r.current.find((c) => c.metric === 'valuation')?.amount?.usd).toBe(18e9);
  });
  it('stays one round when nothing tells the two reports apart', () => {
    const facts = [
      ...article('one', '2025-06-10', [{ metric: 'valuation', amount: usd(14e9), quote: 'The round values Kestrel Compute at $14 billion.' }]),
      ...article('two', '2025-06-20', [{ metric: 'valuation', amount: usd(18e9), quote: 'The round values Kestrel Compute at $18 billion, a person briefed said.' }]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds).toHaveLength(1);
    expect(r.conflicts.map((c) => c.metric)).toEqual(['valuation']);
  });
});

describe('a headline that compresses talks', () => {
  it('does not set "nears a $2 billion raise" against the close that followed', () => {
    const title = 'Kestrel Compute nears $2 billion raise at $60 billion valuation';
    const body = 'Kestrel Compute is finalising a roughly $2 billion round that would value it at about $60 billion.';
    const facts = [
      ...article('nears', '2025-02-24', [
        { amount: usd(2e9), quote: title },
        { metric: 'valuation', amount: usd(60e9), quote: title },
        { amount: usd(2e9, { approx: true }), status: 'talks', quote: body },
        { metric: 'valuation', amount: usd(60e9, { approx: true }), status: 'talks', quote: body },
      ]),
      ...article('closes', '2025-03-03', [
        { amount: usd(3.5e9), round: 'Series E', quote: 'Kestrel Compute closed a $3.5 billion Series E at a $61.5 billion post-money valuation.' },
        { metric: 'valuation', amount: usd(61.5e9), basis: 'post', round: 'Series E', quote: 'Kestrel Compute closed a $3.5 billion Series E at a $61.5 billion post-money valuation.' },
      ]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.name, x.round_size?.amount.usd])).toEqual([['Series E', 3.5e9]]);
    expect(r.conflicts).toEqual([]);
  });
});

describe('a recollection dated only by its year', () => {
  it('joins the round of that year whose figure it gives, not merely the nearest', () => {
    const facts = [
      ...article('apr', '2025-04-15', [{ amount: usd(100e6), round: 'Series A', quote: 'Kestrel Compute raised $100 million in a Series A.' }]),
      ...article('sep', '2025-09-15', [{ amount: usd(300e6), round: 'Series B', quote: 'Kestrel Compute raised $300 million in a Series B.' }]),
      ...article('look', '2026-03-02', [
        { amount: usd(1e9), quote: 'Kestrel Compute has raised $1 billion.' },
        { amount: usd(100e6), when: 'past', refDate: '2025', quote: 'It raised $100 million last year.' },
      ]),
    ];
    const r = analyseRounds(facts, { now: NOW });
    expect(r.rounds.map((x) => [x.name, x.articleIds])).toEqual([['Series A', ['apr', 'look']], ['Series B', ['sep']], [null, ['look']]]);
  });
});

describe('an extension of a round the article also dates', () => {
  const facts = article('ext', '2023-06-29', [
    { amount: usd(141e6), round: 'Series C', confidence: 'cue', quote: 'Kestrel Compute has added $141 million to its Series C from three strategic investors.' },
    { metric: 'valuation', amount: usd(1.5e9, { approx: true }), round: 'Series C', quote: 'The extension values Kestrel Compute at about $1.5 billion.' },
    { amount: usd(50e6), round: 'Series C', when: 'past', refDate: '2022-12', quote: 'The original Series C, last December, raised $50 million.' },
  ]);
  const r = analyseRounds(facts, { now: NOW });
  it('is the article\'s news, dated by the article, not by the original round', () => {
    expect(r.rounds.map((x) => [x.name, x.date])).toEqual([['Series C', '2023-06-29']]);
  });
  it('shows the figure given as news over the one only recalled', () => {
    expect(r.rounds[0].round_size?.amount.usd).toBe(141e6);
    expect(r.current.find((c) => c.metric === 'round_size')?.amount?.usd).toBe(141e6);
  });
});
