// Which rounds a poll's facts brought (what a round alert tells): the ledger groups the earlier facts
// afresh only when a round the new facts joined already held some, and this compares that with the
// plain definition, which always does, poll after poll over coverage written for these tests.
import type { Store } from '../../src/store/types';
import { Ledger, type RoundArrival } from '../../src/ledger';
import { describeEachStore } from '../helpers/stores';
import { BRIGHTWATER, CORVID, LUMEN, QUILLON, record, TESSELLATE, TESSELLATE_TALKS, WATCH, type Item } from './coverage';

const told = (xs: RoundArrival[]): string[] => xs.map((a) => `${a.kind} ${a.round.company} ${a.round.name ?? '-'} ${a.round.date}`);

describeEachStore('rounds a poll brought', ({ place }) => {
  let store: Store;
  beforeEach(async () => {
    store = await place().open();
  });

  it('are the ones the plain definition finds, for a new round, more reports of it, and talks that closed', async () => {
    // One poll per item, in the order the items were published; a second report of a round in the same poll as well.
    const items = [...CORVID, ...TESSELLATE, ...TESSELLATE_TALKS, ...BRIGHTWATER, ...LUMEN, ...QUILLON].sort((a, b) => a.published.localeCompare(b.published));
    const polls: Item[][] = items.map((it) => [it]);
    polls.push([{ outlet: 'Deal Desk', published: '2026-11-12T08:00:00Z', title: 'Tessellate AI talks', body: 'Tessellate AI is in talks to raise funding at about $30 billion, people familiar said.' },
      { outlet: 'Quay Times', published: '2026-11-12T09:00:00Z', title: 'Quillon AI adds a Series E', body: 'Quillon AI raised $2 billion in a Series E at a $25 billion valuation.' }]);
    const heard: string[] = [];
    for (const [i, poll] of polls.entries()) {
      const at = new Date(Date.parse(poll[0].published) + 3_600_000);
      const { facts } = await record(store, poll, at);
      const ledger = new Ledger(store, WATCH);
      for (const company of [...new Set(facts.map((f) => f.fact.company))]) {
        const mine = facts.filter((f) => f.fact.company === company);
        const quick = await ledger.roundsArrived(company, mine, at);
        expect(quick).toEqual(await ledger.roundsArrived(company, mine, at, undefined, { plain: true }));
        heard.push(...told(quick).map((t) => `${i} ${t}`));
      }
    }
    // What the alerts say, read as a user would.
    expect(heard.some((h) => /new_round Corvid Labs Series A 2025-03/.test(h))).toBe(true);
    expect(heard.some((h) => /closed Brightwater Robotics/.test(h))).toBe(true);
    expect(heard.some((h) => /new_round Quillon AI Series E/.test(h))).toBe(true);
    // The second Series C report on Corvid is more news of a known round, not a new one.
    expect(heard.filter((h) => /Corvid Labs Series C/.test(h))).toHaveLength(1);
  });
});
