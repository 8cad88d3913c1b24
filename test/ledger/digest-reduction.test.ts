// The digest compares a company's reading at the end of a window with its reading before it. The
// ledger reduces the earlier reading (priorReading) before it makes the later one, and asks the
// conflict rule once per statement and the investor rule once per pair of names; each of these is
// checked here against its plain definition: the whole reading, `agree`, `sameInvestor`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fact, Money } from '../../src/types';
import type { Store } from '../../src/store/types';
import { openStore } from '../../src/store';
import { Ledger, agree, type StoredFact } from '../../src/ledger';
import { figureAgreement, investorMatcher, priorReading, roundDigest } from '../../src/ledger/digest';
import type { CompanyRounds } from '../../src/ledger';
import { analyseRounds } from '../../src/rounds';
import { sameInvestor } from '../../src/facts/conflicts';
import { record, type Item } from './coverage';

const COMPANY = 'Quillon AI';

/** Four polls a day apart: a round in talks, its close, a disputed follow-on, and sources repeating both. */
const POLLS: Item[][] = [
  [
    { outlet: 'Harbor Ledger', published: '2026-02-03T09:00:00Z', title: 'Quillon AI raises $60 million Series A',
      body: 'Quillon AI raised $60 million in a Series A led by Ferngate Capital, at a valuation of $400 million. Its annual recurring revenue is $12 million.' },
    { outlet: 'Quay Times', published: '2026-09-01T09:00:00Z', title: 'Quillon AI in talks for a Series B',
      body: 'Quillon AI is in talks to raise about $250 million in a Series B that would value it at roughly $2 billion, people familiar with the matter said.' },
  ],
  [
    { outlet: 'Signal Post', published: '2026-10-06T09:00:00Z', title: 'Quillon AI closes $250 million Series B',
      body: 'Quillon AI closed a $250 million Series B led by Marrow Ventures, valuing it at $2 billion post-money. Ferngate Capital also took part.' },
    { outlet: 'Harbor Ledger', published: '2026-10-07T09:00:00Z', title: 'Marrow leads Quillon AI round',
      body: 'Quillon AI raised $250 million in its Series B at a $2 billion post-money valuation, with Marrow Ventures leading.' },
  ],
  [
    { outlet: 'Quay Times', published: '2026-10-08T12:00:00Z', title: 'Quillon AI round was led by Tidewell',
      body: 'The $250 million Series B of Quillon AI was led by Tidewell Partners, according to two investors.' },
    { outlet: 'Northline Wire', published: '2026-10-09T08:00:00Z', title: 'Quillon AI Series B valued it at $2.6 billion',
      body: 'Quillon AI raised $250 million in a Series B led by Marrow Ventures that valued it at $2.6 billion post-money. Its annual recurring revenue is $30 million.' },
  ],
  [
    { outlet: 'Beacon Daily', published: '2026-10-10T08:00:00Z', title: 'Quillon AI: the Series B, again',
      body: 'Quillon AI raised $250 million in a Series B led by Tidewell Partners at a $2 billion post-money valuation. Annual recurring revenue is $30 million.' },
    { outlet: 'Signal Post', published: '2026-10-11T08:00:00Z', title: 'Quillon AI hires',
      body: 'Quillon AI, which raised $250 million in a Series B led by Marrow Ventures, valued at $2.6 billion post-money, is hiring in Lisbon.' },
  ],
];

const AT = POLLS.map((_, i) => new Date(Date.UTC(2026, 9, 12 + i, 9)));

/** A reading of the company's facts as of `now`, each round-level fact with its round (as the ledger makes one). */
function reading(facts: StoredFact[], now: Date): CompanyRounds {
  const a = analyseRounds(facts.map((f) => f.fact), { now });
  return { facts: facts.map((sf, i) => ({ ...sf, fact: a.facts[i] })), rounds: a.rounds, current: a.current, conflicts: a.conflicts };
}

describe('the digest against its plain definitions', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-digest-reduction-'));
    store = await openStore({ path: join(dir, 'moonshot.sqlite') });
    for (const [i, items] of POLLS.entries()) await record(store, items, AT[i]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the reading before a window, reduced, gives the news the whole reading gives, over every window', async () => {
    const facts = await new Ledger(store, []).facts(COMPANY);
    let compared = 0;
    for (let from = 0; from < AT.length; from++) {
      for (let until = from + 1; until < AT.length; until++) {
        const [f, u] = [AT[from].toISOString(), AT[until].toISOString()];
        const known = facts.filter((x) => x.firstSeen <= u);
        const before = reading(known.filter((x) => x.firstSeen <= f), AT[from]);
        const after = reading(known, AT[until]);
        const fresh = new Set(known.filter((x) => x.firstSeen > f).map((x) => x.key));
        const plain = roundDigest(before, after, fresh);
        expect(roundDigest(priorReading(before), after, fresh)).toEqual(plain);
        compared += plain.newFigures.length + plain.confirmed.length + plain.conflicts.length;
      }
    }
    // The windows hold news of every kind the comparison tells apart, so the comparison is exercised.
    expect(compared).toBeGreaterThan(0);
  });

  it('the windows hold new figures, confirmations and new disagreements', async () => {
    const ledger = new Ledger(store, [{ name: COMPANY, aliases: [] }]);
    const kinds = { newFigures: 0, confirmed: 0, conflicts: 0 };
    for (let i = 1; i < AT.length; i++) {
      const d = await ledger.digestInput({ companies: [COMPANY] }, AT[i - 1].toISOString(), AT[i].toISOString());
      kinds.newFigures += d?.newFigures.length ?? 0;
      kinds.confirmed += d?.confirmed.length ?? 0;
      kinds.conflicts += d?.conflicts.length ?? 0;
    }
    expect(kinds.newFigures).toBeGreaterThan(0);
    expect(kinds.confirmed).toBeGreaterThan(0);
    expect(kinds.conflicts).toBeGreaterThan(0);
  });

  it('a fact agrees with a figure as `agree` says, whatever else the fact says', () => {
    const money = (value: number, o: Partial<Money> = {}): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx: false, ...o });
    const figures = [{ amount: money(2e9) }, { amount: money(2e9, { approx: true }), basis: 'post' as const }, { amount: money(250e6) }];
    const base: Fact = { company: COMPANY, metric: 'valuation', when: 'current', status: 'reported', articleId: 'a1', source: 'Quay Times', url: null, quote: 'It was valued.', published: '2026-10-08T12:00:00Z' };
    const variants: Partial<Fact>[] = [
      {}, { amount: money(2e9) }, { amount: money(2.6e9) }, { amount: money(2.1e9, { approx: true }) }, { amount: money(1.8e9, { low: 1.5e9, high: 2e9 }) },
      { amount: money(2e9), basis: 'pre' }, { amount: money(2e9), basis: 'post' }, { amount: money(2e9), status: 'talks' }, { amount: money(2e9), when: 'past' },
      { amount: money(2e9), round: 'Series B' }, { amount: money(2e9), round: 'Series C' }, { amount: money(15e9, { currency: 'CNY', usd: null, low: 15e9, high: 15e9 }) },
      { amount: money(2e9), confidence: 'cue' }, { amount: money(2e9), refDate: '2026-09' }, { amount: money(2e9), published: null }, { amount: money(3e9), metric: 'round_size' },
    ];
    for (const figure of figures) {
      const agrees = figureAgreement(figure);
      // Twice over, with other articles and outlets: the second time answered from what was asked.
      for (const pass of [1, 2]) {
        for (const [i, v] of variants.entries()) {
          const f: Fact = { ...base, ...v, articleId: `a${pass}-${i}`, source: `Outlet ${pass}`, url: `https://o${pass}.example/${i}`, quote: `Sentence ${pass}.${i}` };
          expect(agrees(f)).toBe(agree({ ...f, ...figure, articleId: '\u0000consensus' }, f));
        }
      }
    }
  });

  it('two investor names are one as `sameInvestor` says', () => {
    const names = ['Marrow Ventures', 'Marrow', 'Tidewell Partners', 'Tidewell', 'Ferngate Capital', 'Ferngate Capital Management', 'Sequoia China', 'Sequoia Capital China', 'The Fund'];
    const same = investorMatcher();
    for (const pass of [1, 2]) {
      for (const a of names) for (const b of names) expect([pass, a, b, same(a, b)]).toEqual([pass, a, b, sameInvestor(a, b)]);
    }
  });
});
