// A company's year of coverage across two outlets, read by `moonshot scan` as a user would: three rounds
// in a timeline, one disputed lead, talks that closed, an earlier round recalled in passing, and a
// revenue series.
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { ScanResult } from '../../src/types';

const dir = join(__dirname, '..', 'fixtures', 'rounds');

async function scanJson(): Promise<ScanResult> {
  let out = '';
  const io = { out: (s: string) => { out += s; }, err: () => undefined };
  const code = await main(['scan', '--format', 'json', '--now', '2026-03-01T00:00:00Z', '--watch', 'Vantage Robotics|Vantage',
    join(dir, 'northbeam-wire.xml'), join(dir, 'ledger-tech.xml')], io);
  expect(code).toBe(0);
  return JSON.parse(out) as ScanResult;
}

describe('scan: a year of one company\'s rounds', () => {
  let r: ScanResult;
  beforeAll(async () => { r = await scanJson(); });

  it('lists the three rounds oldest first, each with its size, valuation and lead', () => {
    expect(r.rounds.map((x) => [x.name, x.status, x.date?.slice(0, 7), x.round_size?.amount.usd, x.valuation?.amount.usd])).toEqual([
      ['Series A', 'closed', '2025-01', 30e6, 150e6],
      ['Series B', 'closed', '2025-06', 90e6, 600e6],
      ['Series C', 'closed', '2025-09', 250e6, 2.4e9],
    ]);
  });

  it('flags only the Series B lead, where the two outlets disagree; growth is no dispute', () => {
    expect(r.conflicts.map((c) => [c.metric, c.roundId, c.claims.map((k) => k.name).sort()])).toEqual([
      ['lead_investor', r.rounds[1].id, ['Quarry Partners', 'Ridgeline Capital']],
    ]);
  });

  it('keeps the September talks and the October close as one round, described by what closed', () => {
    const c = r.rounds[2];
    expect(c.articleIds).toHaveLength(2);
    expect(r.facts.filter((f) => f.status === 'talks').every((f) => f.roundId === c.id)).toBe(true);
  });

  it('places the look-back article\'s "its Series B" in the Series B, not in a new round', () => {
    const lookBack = r.articles.find((a) => a.title === 'What Vantage did with its money');
    expect(r.rounds[1].articleIds).toContain(lookBack?.id);
  });

  it('answers valuation with the newest closed round, and revenue with the newest figure', () => {
    const val = r.current.find((c) => c.metric === 'valuation');
    expect(val).toMatchObject({ amount: { usd: 2.4e9 }, roundId: r.rounds[2].id, disputed: false });
    expect(r.current.find((c) => c.metric === 'revenue')).toMatchObject({ amount: { usd: 45e6 } });
    expect(r.current.find((c) => c.metric === 'lead_investor')?.names).toEqual(['Meridian Growth']);
  });

  it('says it in one line per round in markdown', async () => {
    let out = '';
    const io = { out: (s: string) => { out += s; }, err: () => undefined };
    await main(['scan', '--now', '2026-03-01T00:00:00Z', '--watch', 'Vantage Robotics|Vantage', join(dir, 'northbeam-wire.xml'), join(dir, 'ledger-tech.xml')], io);
    expect(out).toContain('- Series B · Jun 2025 · $90M at $600M · led by Quarry Partners ⚠ disputed: Ridgeline Capital (1 source) · 3 sources');
    expect(out).toContain('- Valuation: $2.4B (Sep 2025 round, 1 source)');
  });
});
