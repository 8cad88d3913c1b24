// The bench's replicas step on a tiny size: one `moonshot run --once`, then two, on a real Postgres
// (MOONSHOT_TEST_POSTGRES_URL); without one, the bench says the step was skipped and why.
import { measureReplicas } from '../../bench/measure/replicas';
import { runBench } from '../../bench/run';
import { table } from '../../bench/report';
import { POSTGRES_URL } from '../helpers/stores';

describe('bench replicas step', () => {
  it('is skipped, saying why, with no Postgres', async () => {
    const r = await runBench({ size: 'tiny', seed: 5, only: ['replicas'] });
    expect(r.skipped).toEqual([{ step: 'replicas', reason: expect.stringMatching(/MOONSHOT_BENCH_POSTGRES_URL/) }]);
    expect(r.replicas_speedup).toBeNaN();
    expect(table(r)).toMatch(/\| replicas_speedup \| ≥ 1\.7, nothing posted twice \| NaN \(skipped: no Postgres\) \| not measured \|/);
    expect(table(r)).toMatch(/SKIPPED: replicas: no Postgres/);
  }, 60_000);

  const pgUrl = POSTGRES_URL;
  if (pgUrl) {
    it('times a cycle by one process and by two, each feed polled once, each round alerted once', async () => {
      const r = await measureReplicas({ postgresUrl: pgUrl, feeds: 40, delayMs: 5, plantEvery: 10, deadlineS: 60 });
      expect(r.planted).toBe(4);
      for (const run of [r.one, r.two]) {
        expect(run.split.reduce((a, b) => a + b, 0)).toBe(40);
        expect(run.alerted_once).toBe(4);
        expect(run.posted_twice).toBe(0);
        expect(run.missing).toBe(0);
        expect(run.cycle_s).toBeGreaterThan(0);
      }
      expect(r.two.split).toHaveLength(2);
      expect(Number.isFinite(r.speedup)).toBe(true);
    }, 120_000);
  } else {
    it.skip('times one process against two on a real Postgres (MOONSHOT_TEST_POSTGRES_URL not set)', () => undefined);
  }
});
