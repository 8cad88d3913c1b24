// What `/moonshot` answers from a ledger filled by the real pipeline with coverage written for these
// tests: rounds as a timeline, current answers from the newest closed round, disagreements inside a round.
import { runText } from '../../src/commands/dispatch';
import { replyText } from '../../src/commands/format';
import { commandDeps } from '../../src/commands/deps';
import { DEFAULT_CONFIG } from '../../src/config';
import { tempStore, type TempStore } from './fixtures';
import { BRIGHTWATER, CORVID, LUMEN, QUILLON, record, TESSELLATE, TESSELLATE_TALKS, WATCH } from '../ledger/coverage';

const NOW = new Date('2026-11-20T12:00:00Z');

describe('questions answered from the rounds in the ledger', () => {
  let t: TempStore;
  beforeAll(async () => {
    t = await tempStore();
    await record(t.store, [...CORVID, ...TESSELLATE, ...BRIGHTWATER, ...LUMEN, ...QUILLON], new Date('2026-11-01T00:00:00Z'));
    await record(t.store, TESSELLATE_TALKS, new Date('2026-11-11T00:00:00Z'));
  });
  afterAll(async () => { await t.cleanup(); });
  const ask = async (text: string): Promise<string> => {
    const deps = commandDeps(t.store, () => ({ ...DEFAULT_CONFIG, watch: WATCH, defaultCompany: 'Corvid Labs' }), { now: () => NOW });
    return replyText(await runText(text, { platform: 'slack', userId: 'UANYONE' }, { platform: 'slack', channel: 'C1' }, deps));
  };

  it('three rounds over a year are a timeline, newest first, with no disagreement', async () => {
    const text = await ask('rounds corvid');
    expect(text).toMatch(/Corvid Labs: 3 funding rounds/);
    const lines = text.split('\n').filter((l) => l.startsWith('Series'));
    expect(lines).toEqual([
      'Series C · Mar 2026 · $1B at $12B post-money · led by Northgate Fund · 2 sources',
      expect.stringMatching(/^Series B · Sep 2025 · \$400M at \$4B · led by Alder Partners · 1 source$/),
      expect.stringMatching(/^Series A · Mar 2025 · \$150M at \$1B · led by Pinecrest Capital · 1 source$/),
    ]);
    expect(await ask('conflicts corvid')).toMatch(/No disagreements on Corvid Labs/);
  });

  it('the valuation is the newest closed round\'s, with how many sources agree, and the round before for scale', async () => {
    const text = await ask('valuation');
    expect(text).toMatch(/\$12B post-money \(Series C, Mar 2026, 2 sources agree\)/);
    expect(text).toMatch(/Earlier: \$4B \(Series B, Sep 2025\)/);
    expect(text).not.toMatch(/disagree/);
  });

  it('funding is the newest round with its lead; history is the timeline with company-level figures', async () => {
    expect(await ask('funding corvid')).toMatch(/Series C · Mar 2026 · \$1B at \$12B post-money[\s\S]*Lead investor: Northgate Fund \(2 sources\)/);
    const h = await ask('history corvid');
    const order = ['Series C · Mar 2026', 'Revenue · Mar 2026 · $200M', 'Series B · Sep 2025', 'Revenue · Sep 2025 · $50M', 'Series A · Mar 2025'].map((s) => h.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('every source of a figure, by round, with its sentence', async () => {
    const text = await ask('sources valuation corvid');
    expect(text).toMatch(/^\$12B post-money, Series C, Mar 2026 — 2 sources$/m);
    expect(text).toMatch(/^Signal Post \(3 Mar 2026\): “Corvid Labs raised \$1 billion in its Series C at a \$12 billion post-money valuation, with Northgate Fund leading the deal\.”$/m);
    expect(text).toMatch(/^\$4B, Series B, Sep 2025 — 1 source$/m);
  });

  it('a revenue series: the newest figure is current, the older one history, and they do not disagree', async () => {
    const text = await ask('revenue corvid');
    expect(text).toMatch(/\$200M \(Mar 2026, 1 source\)/);
    expect(text).toMatch(/Earlier: \$50M \(Sep 2025\)/);
    expect(await ask('conflicts corvid')).not.toMatch(/Revenue/);
  });

  it('two sources on one round that name different leads: a disagreement on that round, both sides with their sources', async () => {
    const rounds = await ask('rounds tessellate');
    expect(rounds).toMatch(/Tessellate AI: 2 funding rounds/);
    expect(rounds).toMatch(/Series C · May 2026 · \$2B at \$20B post-money · led by (Sequoia China|Meituan Longzhu) ⚠ disputed: (Meituan Longzhu|Sequoia China) \(1 source\) · 2 sources/);
    const c = await ask('conflicts tessellate');
    expect(c).toMatch(/Tessellate AI: 1 disagreement/);
    expect(c).toMatch(/Lead investor — Series C, May 2026/);
    expect(c).toMatch(/Sequoia China — 1 source: Harbor Ledger/);
    expect(c).toMatch(/Meituan Longzhu — 1 source: Quay Times/);
    expect(await ask('investors tessellate')).toMatch(/Sources disagree on the Series C, May 2026:/);
  });

  it('a disputed valuation shows both sides with their sources', async () => {
    const text = await ask('valuation quillon');
    expect(text).toMatch(/\$1[04]B post-money \(Series D, Aug 2026, 1 source, disputed\)/);
    expect(text).toMatch(/Sources disagree on the Series D, Aug 2026:\n {2}\$10B — 1 source: Harbor Ledger\n {2}\$14B — 1 source: Quay Times/);
    expect(await ask('rounds quillon')).toMatch(/Series D · Aug 2026 · \$1B at \$1[04]B post-money ⚠ disputed: \$1[04]B \(1 source\) · 2 sources/);
  });

  it('a newer round in talks is reported beside the newest closed round, never instead of it', async () => {
    expect(await ask('valuation tessellate')).toMatch(/^\$20B post-money \(Series C, May 2026, 1 source\); in talks at ~\$30B \(Nov 2026, 1 source\)$/m);
    const f = await ask('funding tessellate');
    expect(f).toMatch(/Latest round\nRound · Nov 2026 · in talks · valued at ~\$30B · 1 source/);
    expect(f).toMatch(/Last closed round\nSeries C · May 2026/);
  });

  it('talks in September and a close in October are one round, closed, its talks figures not a disagreement', async () => {
    const text = await ask('rounds brightwater');
    expect(text).toMatch(/Brightwater Robotics: 1 funding round/);
    expect(text).not.toMatch(/in talks/);
    expect(text).toMatch(/\$320M at \$3\.2B/);
    expect(await ask('valuation brightwater')).toMatch(/^\$3\.2B \(Series B, Sep 2026, 1 source\)$/m);
    expect(await ask('conflicts brightwater')).toMatch(/No disagreements/);
  });

  it('an earlier round named in passing is a round of its own, not a disagreement with the new one', async () => {
    const text = await ask('rounds lumen harbor');
    expect(text).toMatch(/Lumen Harbor: 2 funding rounds/);
    expect(text).toMatch(/^Series C · Jun 2026 · \$500M at \$6B · 1 source$/m);
    expect(text).toMatch(/^Series B · .* · \$200M at \$1\.5B · 1 source$/m);
    expect(await ask('valuation lumen harbor')).toMatch(/\$6B \(Series C, Jun 2026, 1 source\)/);
    expect(await ask('conflicts lumen harbor')).toMatch(/No disagreements/);
  });

  it('an unknown company gets a suggestion and the watch list, never silence', async () => {
    expect(await ask('valuation corvd labs')).toMatch(/taking "corvd labs" as Corvid Labs/);
    expect(await ask('valuation openai')).toMatch(/Watched companies: Corvid Labs, Tessellate AI, Brightwater Robotics, Lumen Harbor/);
  });
});
