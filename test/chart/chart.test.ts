import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { main } from '../../src/cli/main';
import { chartSvg, roundsChartPng } from '../../src/chart';
import type { Money, Round } from '../../src/types';

const usd = (value: number): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx: false });
function round(id: string, date: string, size: number | null, valuation: number | null, o: Partial<Round> = {}): Round {
  return {
    id, company: 'Lumen Labs', name: null, status: 'closed', date, articleIds: [id],
    round_size: size ? { amount: usd(size), sources: 1, disputed: false } : null,
    valuation: valuation ? { amount: usd(valuation), sources: 1, disputed: false } : null,
    lead_investors: [], lead_sources: 0, lead_disputed: false, investors: [], ...o,
  };
}

/** Pixels of a colour close to the given one. */
function count(png: PNG, [r, g, b]: [number, number, number]): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - r) < 24 && Math.abs(png.data[i + 1] - g) < 24 && Math.abs(png.data[i + 2] - b) < 24) n++;
  }
  return n;
}

describe('the rounds chart', () => {
  const rounds = [
    round('a', '2025-01-14', 30e6, 150e6, { name: 'Series A' }),
    round('b', '2025-06-10', 90e6, 600e6, { name: 'Series B', valuation: { amount: usd(600e6), sources: 2, disputed: true } }),
    round('c', '2025-11-20', null, 2e9, { status: 'talks' }),
  ];
  const conflicts = [{ company: 'Lumen Labs', metric: 'valuation' as const, roundId: 'b', claims: [
    { amount: usd(600e6), articleIds: ['x'], sources: ['X'], quotes: [] }, { amount: usd(900e6), articleIds: ['y'], sources: ['Y'], quotes: [] }] }];

  it('is a PNG of the size asked, with valuations, round sizes and the disputed range drawn', () => {
    const png = PNG.sync.read(roundsChartPng('Lumen Labs', rounds, conflicts));
    expect([png.width, png.height]).toEqual([800, 420]);
    expect(count(png, [0x25, 0x63, 0xeb])).toBeGreaterThan(200); // valuation points
    expect(count(png, [0xea, 0x58, 0x0c])).toBeGreaterThan(100); // round sizes
    expect(count(png, [0xdc, 0x26, 0x26])).toBeGreaterThan(20); // the disputed range
    expect(count(png, [0x11, 0x18, 0x27])).toBeGreaterThan(50); // the title and labels as text
  });

  it('draws a round in talks hollow and names rounds that have a name', () => {
    const svg = chartSvg('Lumen Labs', rounds, conflicts);
    expect(svg).toMatch(/<circle [^>]*fill="#ffffff" stroke="#2563eb"/);
    expect(svg).toContain('>Series B<');
  });

  it('says so when nothing is known, rather than drawing empty axes', () => {
    expect(chartSvg('Nobody Inc', [], [])).toContain('No dated rounds known for Nobody Inc');
    const png = PNG.sync.read(roundsChartPng('Nobody Inc', [], []));
    expect(count(png, [0x6b, 0x72, 0x80])).toBeGreaterThan(50);
  });

  it('is written by `moonshot chart` from feeds, for a company named by an alias', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-chart-'));
    const out = join(dir, 'vantage.png');
    let err = '';
    const io = { out: () => undefined, err: (s: string) => { err += s; } };
    const fixtures = join(__dirname, '..', 'fixtures', 'rounds');
    const code = await main(['chart', 'Vantage', '--out', out, '--now', '2026-03-01T00:00:00Z', '--watch', 'Vantage Robotics|Vantage',
      join(fixtures, 'northbeam-wire.xml'), join(fixtures, 'ledger-tech.xml')], io);
    expect(code).toBe(0);
    expect(err).toMatch(/wrote .*vantage\.png \(3 rounds of Vantage Robotics\)/);
    const png = PNG.sync.read(readFileSync(out));
    expect(png.width).toBe(800);
    expect(count(png, [0x25, 0x63, 0xeb])).toBeGreaterThan(100);
  });

  it('answers a usage line without --out', async () => {
    let err = '';
    const code = await main(['chart', 'Vantage', 'feed.xml'], { out: () => undefined, err: (s: string) => { err += s; } });
    expect(code).toBe(2);
    expect(err).toContain('--out FILE.png is required');
  });
});
