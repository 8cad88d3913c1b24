// The benchmark's own checks: the corpus is the same for the same seed (so numbers compare across
// runs), it holds what it claims, and a tiny run gives every field the README and CI read.
import { generateCorpus } from '../../bench/corpus';
import { runBench } from '../../bench/run';
import { table } from '../../bench/report';
import { parseFeed } from '../../src/feeds/parse';

describe('bench corpus', () => {
  it('is the same bytes for the same seed, and different for another', () => {
    const a = generateCorpus({ seed: 42, feeds: 10, itemsPerFeed: 8 });
    const b = generateCorpus({ seed: 42, feeds: 10, itemsPerFeed: 8 });
    const c = generateCorpus({ seed: 43, feeds: 10, itemsPerFeed: 8 });
    expect(a.feeds.map((f) => f.body)).toEqual(b.feeds.map((f) => f.body));
    expect(c.feeds.map((f) => f.body)).not.toEqual(a.feeds.map((f) => f.body));
  });

  it('mixes formats, plants copies, and writes feeds the project reads', async () => {
    const corpus = generateCorpus({ seed: 7, feeds: 10, itemsPerFeed: 30 });
    expect(new Set(corpus.feeds.map((f) => f.format))).toEqual(new Set(['rss', 'atom', 'json']));
    expect(corpus.items).toBe(300);
    expect(corpus.planted.tracking).toBeGreaterThan(0);
    expect(corpus.planted.syndicated).toBeGreaterThan(0);
    const text = corpus.feeds.flatMap((f) => f.items.map((i) => i.html)).join('\n');
    for (const phrase of ['led by', 'participation from', 'up from', 'in talks', 'RMB', '€', 'about', 'more than', 'between']) expect(text).toContain(phrase);
    for (const f of corpus.feeds) {
      const doc = await parseFeed(f.body);
      expect(doc.format).toBe(f.format);
      expect(doc.entries).toHaveLength(f.items.length);
    }
  });
});

describe('bench run', () => {
  it('gives every field, with numbers, on a tiny size', async () => {
    const r = await runBench({ size: 'tiny', seed: 5 });
    for (const k of ['parse_items_per_s', 'pipeline_items_per_s', 'dedup_us_per_article_10k', 'dedup_us_per_article_100k',
      'poll_cycle_s', 'poll_ideal_s', 'poll_peak_rss_mb', 'rss_mb', 'command_ms_p50', 'command_ms_p99', 'command_cold_ms_p99'] as const) {
      expect(Number.isFinite(r[k])).toBe(true);
      expect(r[k]).toBeGreaterThan(0);
    }
    expect(r.machine.cores).toBeGreaterThan(0);
    expect(r.machine.node).toMatch(/^v\d+/);
    expect(r.details.poll.failed).toBe(0);
    // A quarter answer 304 and a quarter the same bytes; the other half are parsed again.
    expect(r.details.poll.not_modified).toBe(6);
    expect(r.details.poll.parsed).toBe(6);
    expect(r.details.poll.peak_documents).toBeGreaterThan(0);
    expect(r.details.run.cycle).toMatch(/8 feeds polled, 8 read/);
    // The bot steps start on a store that already holds articles.
    expect(r.details.store.articles).toBe(300);
    expect(r.details.run.stored_articles).toBe(300);
    expect(Number.isFinite(r.startup_s) && r.startup_s > 0).toBe(true);
    expect(r.details.startup.cycle).toMatch(/4 feeds polled, 4 read/);
    // Every new round alerted, once each, with a lag measured.
    expect(r.details.alerts.rounds).toBeGreaterThan(0);
    expect(r.details.alerts.missing).toBe(0);
    expect(Number.isFinite(r.alert_lag_s_p95) && r.alert_lag_s_p95 > 0).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toMatchObject({ size: 'tiny' });
    expect(table(r)).toContain('| poll_peak_rss_mb | ≤ 500 |');
    expect(table(r)).toContain('| alert_lag_s_p95 | ≤ 5 |');
    expect(table(r)).not.toContain('pipeline_ratio');
  }, 60_000);
});
