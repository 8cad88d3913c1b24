// The targets, and the table a person reads (markdown, so it can go straight into the README).
import type { BenchResult } from './run';

export interface Check {
  name: string;
  target: string;
  actual: string;
  ok: boolean;
}

const f = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

export function checks(r: BenchResult): Check[] {
  return [
    { name: 'parse_items_per_s (rss-parser alone)', target: 'baseline', actual: f(r.parse_items_per_s, 0), ok: true },
    { name: 'pipeline_items_per_s', target: '—', actual: `${f(r.pipeline_items_per_s, 0)} (${f(r.pipeline_items_per_s / r.parse_items_per_s, 2)} of parse)`, ok: true },
    { name: 'dedup_us_per_article_10k', target: '—', actual: f(r.dedup_us_per_article_10k), ok: true },
    {
      name: 'dedup_us_per_article_100k', target: '≤ 2 × at 10k', actual: `${f(r.dedup_us_per_article_100k)} (${f(r.dedup_us_per_article_100k / r.dedup_us_per_article_10k, 2)}×)`,
      ok: r.dedup_us_per_article_100k <= 2 * r.dedup_us_per_article_10k,
    },
    { name: 'poll_cycle_s', target: `≤ 1.3 × ${f(r.poll_ideal_s, 2)} = ${f(1.3 * r.poll_ideal_s, 2)}`, actual: `${f(r.poll_cycle_s, 2)} (${f(r.poll_cycle_s / r.poll_ideal_s, 2)}×)`, ok: r.poll_cycle_s <= 1.3 * r.poll_ideal_s },
    { name: 'poll_peak_rss_mb', target: '≤ 500', actual: f(r.poll_peak_rss_mb), ok: r.poll_peak_rss_mb <= 500 },
    { name: 'startup_s', target: '≤ 2', actual: f(r.startup_s, 2), ok: r.startup_s <= 2 },
    { name: 'alert_lag_s_p95', target: '≤ 5', actual: f(r.alert_lag_s_p95, 2), ok: r.alert_lag_s_p95 <= 5 },
    { name: 'rss_mb', target: '≤ 300', actual: f(r.rss_mb), ok: r.rss_mb <= 300 },
    { name: 'command_ms_p50', target: '—', actual: f(r.command_ms_p50, 2), ok: true },
    { name: 'command_ms_p99', target: '≤ 10', actual: f(r.command_ms_p99, 2), ok: r.command_ms_p99 <= 10 },
    { name: 'command_cold_ms_p99', target: '≤ 50', actual: f(r.command_cold_ms_p99, 2), ok: r.command_cold_ms_p99 <= 50 },
    replicasCheck(r),
  ];
}

function replicasCheck(r: BenchResult): Check {
  const d = r.details.replicas;
  const twice = d ? d.one.posted_twice + d.two.posted_twice : 0;
  const missing = d ? d.one.missing + d.two.missing : 0;
  const skipped = r.skipped.find((x) => x.step === 'replicas');
  return {
    name: 'replicas_speedup', target: '≥ 1.7, nothing posted twice',
    actual: skipped ? 'NaN (skipped: no Postgres)' : `${f(r.replicas_speedup, 2)}${d ? ` (${twice} posted twice, ${missing} missing)` : ''}`,
    ok: r.replicas_speedup >= 1.7 && twice === 0 && missing === 0,
  };
}

const replicasLine = (d: NonNullable<BenchResult['details']['replicas']>): string =>
  `Replicas: a cycle of ${d.feeds} feeds on ${d.hosts} loopback ports, ${d.delay_ms} ms per answer, ${d.planted} of them with a new round, concurrency ${d.concurrency} per process, on Postgres: `
  + `one process ${f(d.one.cycle_s, 2)} s (ideal ${f(d.one.ideal_s, 2)}), two ${f(d.two.cycle_s, 2)} s (ideal ${f(d.two.ideal_s, 2)}) splitting ${d.two.split.join(' / ')}; `
  + `CPU ${d.one.cpu_s.map((x) => f(x)).join(' + ')} s against ${d.two.cpu_s.map((x) => f(x)).join(' + ')} s (start-up included); `
  + `round alerts at the Slack stand-in: ${d.one.alerted_once} and ${d.two.alerted_once} of ${d.planted} once; load ${d.one.load_before} before, ${d.two.load_after} after.`;

export function table(r: BenchResult): string {
  // A step left out with --only (or one that failed) has no number to judge.
  const verdict = (c: Check): string => (c.actual.startsWith('NaN') ? 'not measured' : c.ok ? 'ok' : 'MISSED');
  const rows = checks(r).map((c) => `| ${c.name} | ${c.target} | ${c.actual} | ${verdict(c)} |`);
  const m = r.machine;
  const d = r.details;
  return [
    `Moonshot benchmark (${r.size}, seed ${r.seed}) on ${m.cores} cores (${m.cpu}), ${m.memory_gb} GB, Node ${m.node}; load ${m.load_1m} at start; ${f(r.total_s)} s in all.`,
    '',
    '| measurement | target | actual | ok |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Corpus: ${d.corpus.feeds} feeds × ${d.corpus.items_per_feed} items (${d.corpus.xml_items} in XML feeds); planted ${d.corpus.planted.tracking} tracking-link copies and ${d.corpus.planted.syndicated} retitled syndicated copies of ${d.corpus.planted.originals} originals.`,
    `Pipeline: read ${f(d.pipeline.stages.read_s, 2)} s, fold duplicates ${f(d.pipeline.stages.fold_s, 2)} s, analyse ${f(d.pipeline.stages.analyse_s, 2)} s -> ${d.pipeline.articles} articles, ${d.pipeline.facts} facts, ${d.pipeline.events} events, ${d.pipeline.conflicts} conflicts.`,
    `Dedup: held ${d.dedup_10k.held} / ${d.dedup_100k.held}; planted copies found ${d.dedup_10k.found} / ${d.dedup_100k.found} of ${d.dedup_10k.planted} (index built in ${f(d.dedup_10k.build_s)} s / ${f(d.dedup_100k.build_s)} s).`,
    `Poll: ${d.poll.feeds} feeds × ${d.poll.items_per_feed} items on ${d.poll.hosts} loopback ports, ${d.poll.delay_ms} ms per answer, concurrency ${d.poll.concurrency} (${d.poll.per_host_concurrency} per host); first cycle ${f(d.poll.warmup_s)} s; the timed one: ${d.poll.ok} read, ${d.poll.not_modified} not modified or the same bytes, ${d.poll.failed} failed${d.poll.first_error ? ` (${d.poll.first_error})` : ''}, ${d.poll.parsed} bodies parsed, at most ${d.poll.peak_documents} documents held.`,
    `Run: \`moonshot run --once\` over ${d.run.feeds} feeds × ${d.run.items_per_feed} items (every item a different article; ${d.run.stored_articles ? `${d.run.stored_articles} articles stored` : 'an empty store'}; default concurrency): peak ${f(d.run.peak_rss_mb)} MB, ${f(d.run.run_s)} s; ${d.run.cycle}.`,
    `Store for run, startup and alerts: ${d.store.articles} articles, ${d.store.facts} facts, their seen keys and duplicate-index entries, filled in ${f(d.store.fill_s)} s.`,
    `Startup: \`moonshot run --once\` over ${d.startup.feeds} feeds × ${d.startup.items_per_feed} items on that store: first poll over after ${f(d.startup.first_poll_s, 2)} s, peak ${f(d.startup.peak_rss_mb)} MB; ${d.startup.cycle}.`,
    `Alerts: \`moonshot run\` over ${d.alerts.feeds} feeds × ${d.alerts.items_per_feed} items (${d.alerts.delay_ms} ms per answer) on that store: ${d.alerts.alerts} of ${d.alerts.rounds} new rounds alerted, lag p50 ${f(d.alerts.p50_s, 2)} s, p95 ${f(d.alerts.p95_s, 2)} s, max ${f(d.alerts.max_s, 2)} s.`,
    `Memory: ${d.rss.articles} articles and ${d.rss.facts} facts in a ${d.rss.store_file_mb} MB SQLite file; the child started at ${d.rss.start_mb} MB${d.rss.complete ? '' : `; its deadline passed after: ${d.rss.steps.map((x) => x.step).pop() ?? 'nothing'} (the peak is a floor)`}; filled in ${f(d.rss.fill_s)} s.`,
    `Command: valuation over ${d.command.facts} facts, ${d.command.runs} runs, max ${f(d.command.max_ms, 2)} ms; after a poll, ${d.command.cold_runs} runs, p50 ${f(d.command.cold_p50_ms, 2)} ms (each poll ${f(d.command.cold_poll_ms_p50, 0)} ms); Ledger.record ${f(d.command.record_ms_per_fact, 3)} ms per fact.`,
    ...(d.replicas ? [replicasLine(d.replicas)] : []),
    ...r.errors.map((e) => `NOT MEASURED: ${e.step}: ${e.message}`),
    ...r.skipped.map((x) => `SKIPPED: ${x.step}: ${x.reason}`),
    '',
    'The machine may be shared: timings are noisy, and load above the core count means others were busy too.',
  ].join('\n');
}
