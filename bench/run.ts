// Runs every measurement in turn and gathers them into one result.
import { DEFAULT_RATES } from '../src/facts/rates';
import { DEFAULT_SEED, generateCorpus, xmlFeeds } from './corpus';
import { machine, type Machine } from './machine';
import { measureParse, type ParseResult } from './measure/parse';
import { measurePipeline, type PipelineResult } from './measure/pipeline';
import { measureDedup, type DedupResult } from './measure/dedup';
import { measurePoll, type PollResult } from './measure/poll';
import { measureRss, type RssResult } from './measure/rss';
import { measureCommand, type CommandResult } from './measure/command';
import { measureRunRss, type RunRssResult } from './measure/run-rss';
import { measureReplicas, type ReplicasResult } from './measure/replicas';
import { measureAlertLag, type AlertLagResult } from './measure/alert-lag';
import { fillBotStore, type BotStore } from './bot-store';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readingContext } from '../src/facts/extract';

export type BenchSize = 'full' | 'tiny';

interface Sizes {
  feeds: number;
  itemsPerFeed: number;
  dedupSmall: number;
  dedupLarge: number;
  dedupChecks: number;
  pollFeeds: number;
  pollItemsPerFeed: number;
  pollDelayMs: number;
  /** `moonshot run --once` over this many feeds × items, its deadline in seconds. */
  runFeeds: number;
  runItemsPerFeed: number;
  runDeadlineS: number;
  commandRuns: number;
  /** Questions each after a poll that recorded a new fact on the company asked about. */
  commandColdRuns: number;
  /** Most seconds the memory child may work before it reports the peak so far. */
  rssDeadlineS: number;
  /** Timed rounds of parse and pipeline, after one untimed warm-up pass of each. */
  rounds: number;
  /** Feeds for the replicas step (one cycle by one process, then by two, on Postgres), their answer delay. */
  replicaFeeds: number;
  replicaDelayMs: number;
  /** Articles in the store every step with a ledger at size starts on a copy of (bench/bot-store.ts; about 5.3 facts each). */
  storeArticles: number;
  /** `moonshot run --once` timed to the end of its first poll over this many feeds × items. */
  startupFeeds: number;
  startupItemsPerFeed: number;
  /** `moonshot run` left running over these feeds until one new round per watched company has alerted. */
  alertFeeds: number;
  alertItemsPerFeed: number;
  alertDelayMs: number;
  alertInterval: string;
  alertTick?: string;
  alertDeadlineS: number;
}

export const SIZES: Record<BenchSize, Sizes> = {
  full: { feeds: 200, itemsPerFeed: 50, dedupSmall: 10_000, dedupLarge: 100_000, dedupChecks: 1000, pollFeeds: 2000, pollItemsPerFeed: 50, pollDelayMs: 250, runFeeds: 1000, runItemsPerFeed: 50, runDeadlineS: 360, commandRuns: 240, commandColdRuns: 24, rssDeadlineS: 90, rounds: 3, replicaFeeds: 10_000, replicaDelayMs: 200,
    storeArticles: 100_000, startupFeeds: 50, startupItemsPerFeed: 10, alertFeeds: 200, alertItemsPerFeed: 10, alertDelayMs: 250, alertInterval: '30s', alertDeadlineS: 400 },
  // For the test: every path runs, in seconds.
  tiny: { feeds: 6, itemsPerFeed: 5, dedupSmall: 100, dedupLarge: 400, dedupChecks: 20, pollFeeds: 12, pollItemsPerFeed: 5, pollDelayMs: 5, runFeeds: 8, runItemsPerFeed: 5, runDeadlineS: 60, commandRuns: 10, commandColdRuns: 2, rssDeadlineS: 30, rounds: 1, replicaFeeds: 40, replicaDelayMs: 5,
    storeArticles: 300, startupFeeds: 4, startupItemsPerFeed: 5, alertFeeds: 6, alertItemsPerFeed: 5, alertDelayMs: 5, alertInterval: '2s', alertTick: '*/1 * * * * *', alertDeadlineS: 40 },
};

export interface BenchOptions {
  size: BenchSize;
  seed: number;
  /** Poll concurrency; default: the configured default. */
  concurrency?: number;
  /** Feeds for `moonshot run --once` (the run step); default: the size's. */
  runFeeds?: number;
  progress?: (line: string) => void;
  /**
   * The store file of the steps with a ledger at size: when it exists (kept by an earlier run, with
   * FILE.json beside it), they start on copies of it and the fill is skipped; when not, the fill writes
   * it there and keeps it. Default: a fill of its own, deleted at the end.
   */
  storeFile?: string;
  /** Steps to measure (parse, pipeline, dedup, poll, run, memory, command, replicas, startup, alerts); default: all. The others are left NaN. */
  only?: BenchStep[];
  /** A Postgres the replicas step may create databases on (MOONSHOT_BENCH_POSTGRES_URL); without one it is skipped. */
  postgresUrl?: string;
}

export const BENCH_STEPS = ['parse', 'pipeline', 'dedup', 'poll', 'run', 'memory', 'command', 'replicas', 'startup', 'alerts'] as const;
export type BenchStep = (typeof BENCH_STEPS)[number];

export interface BenchResult {
  size: BenchSize;
  seed: number;
  parse_items_per_s: number;
  pipeline_items_per_s: number;
  dedup_us_per_article_10k: number;
  dedup_us_per_article_100k: number;
  poll_cycle_s: number;
  poll_ideal_s: number;
  /** Peak resident memory of `moonshot run --once` through its first cycle (details.run). */
  poll_peak_rss_mb: number;
  /** From starting `moonshot run --once` on a full store to the end of its first poll (details.startup). */
  startup_s: number;
  /** From the end of the fetch that read a new round to its alert at the webhook stand-in, 95th percentile (details.alerts). */
  alert_lag_s_p95: number;
  rss_mb: number;
  command_ms_p50: number;
  command_ms_p99: number;
  /** One replica's cycle over its time with two on one Postgres (details.replicas). */
  replicas_speedup: number;
  /** The first question on a company after a poll recorded a new fact on it (details.command). */
  command_cold_ms_p99: number;
  machine: Machine;
  total_s: number;
  /** Measurements that could not be taken, and why. */
  errors: { step: string; message: string }[];
  /** Steps left out for want of a service, and why. */
  skipped: { step: string; reason: string }[];
  details: {
    corpus: { feeds: number; items_per_feed: number; items: number; xml_items: number; planted: { originals: number; tracking: number; syndicated: number; stories: number } };
    parse: { items: number; seconds: number };
    pipeline: Omit<PipelineResult, 'result'>;
    dedup_10k: DedupResult;
    dedup_100k: DedupResult;
    poll: PollResult;
    run: RunRssResult;
    /** The store the run, startup, alerts, memory and command steps start on (copies of it). */
    store: { articles: number; facts: number; fill_s: number };
    startup: RunRssResult;
    alerts: AlertLagResult;
    rss: RssResult;
    command: CommandResult;
    replicas: ReplicasResult | null;
  };
}

/** A measurement that failed leaves its fields NaN (null in JSON) and says why, and the others still run. */
async function attempt<T>(name: string, errors: { step: string; message: string }[], fn: () => Promise<T> | T, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    errors.push({ step: name, message: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    return fallback;
  }
}

/**
 * What a `--store` file kept from an earlier run holds (FILE.json beside it), or null when there is
 * none to reuse: no such file, or one kept by a bench that did not record its last day (filled again).
 */
function keptStore(file: string | undefined): BotStore | null {
  if (!file || !existsSync(file) || !existsSync(`${file}.json`)) return null;
  const kept = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Partial<BotStore>;
  return typeof kept.at === 'string' && kept.articles && kept.facts ? kept as BotStore : null;
}

/** The round with the median throughput (the lower middle one of an even count). */
function median<T extends { items_per_s: number }>(rounds: T[]): T {
  const sorted = [...rounds].sort((a, b) => a.items_per_s - b.items_per_s);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const failedDedup: DedupResult = { held: 0, checked: 0, us_per_article: NaN, planted: 0, found: 0, false_matches: 0, build_s: NaN };

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const errors: { step: string; message: string }[] = [];
  const s = { ...SIZES[opts.size], ...(opts.runFeeds ? { runFeeds: opts.runFeeds } : {}) };
  const report = opts.progress ?? (() => undefined);
  let last = performance.now();
  const say = (line: string): void => {
    const now = performance.now();
    report(`${line} (previous step ${((now - last) / 1000).toFixed(1)} s)`);
    last = now;
  };
  const want = (step: BenchStep): boolean => !opts.only || opts.only.includes(step);
  const skipped = <T>(value: T): Promise<T> => Promise.resolve(value);
  const t0 = performance.now();
  const m = machine();
  say(`corpus: ${s.feeds} feeds × ${s.itemsPerFeed} items, seed ${opts.seed}`);
  const corpus = generateCorpus({ seed: opts.seed, feeds: s.feeds, itemsPerFeed: s.itemsPerFeed });
  const xml = xmlFeeds(corpus);
  const ctx = readingContext({ watch: corpus.watch, rates: DEFAULT_RATES, now: new Date(Date.UTC(2026, 10, 20)) });

  // Both throughputs are steady-state: one untimed pass of each first (V8 compiles the hot code, modules
  // load), then rounds alternating the two, and the median round of each. A single cold pass measured
  // mostly the compiler for the pipeline, which has far more code to warm up than rss-parser.
  say(`parse and pipeline: a warm-up pass, then ${s.rounds} rounds of each`);
  if (want('parse')) await measureParse(xml);
  await measurePipeline(xml, ctx);
  const parses: ParseResult[] = [];
  const pipelines: PipelineResult[] = [];
  for (let round = 0; round < s.rounds; round++) {
    if (want('parse')) parses.push(await measureParse(xml));
    pipelines.push(await measurePipeline(xml, ctx));
  }
  const parse = parses.length ? median(parses) : { items: 0, seconds: NaN, items_per_s: NaN };
  const pipeline = median(pipelines);
  const scan = pipeline.result;

  say(`dedup: ${s.dedupSmall} held`);
  const dedupSmall = want('dedup') ? await attempt('dedup 10k', errors, () => measureDedup(opts.seed, s.dedupSmall, s.dedupChecks), failedDedup) : failedDedup;
  say(`dedup: ${s.dedupLarge} held`);
  const dedupLarge = want('dedup') ? await attempt('dedup 100k', errors, () => measureDedup(opts.seed, s.dedupLarge, s.dedupChecks), failedDedup) : failedDedup;

  say(`poll: ${s.pollFeeds} feeds × ${s.pollItemsPerFeed} items, ${s.pollDelayMs} ms each`);
  const failedPoll: PollResult = {
    feeds: s.pollFeeds, items_per_feed: s.pollItemsPerFeed, concurrency: NaN, per_host_concurrency: NaN, hosts: 0, delay_ms: s.pollDelayMs, cycle_s: NaN, ideal_s: NaN,
    ok: 0, not_modified: 0, failed: 0, parsed: NaN, peak_documents: NaN, first_error: null, warmup_s: NaN,
  };
  const poll = await attempt('poll', errors, () => want('poll') ? measurePoll(corpus, { feeds: s.pollFeeds, itemsPerFeed: s.pollItemsPerFeed, delayMs: s.pollDelayMs, concurrency: opts.concurrency }) : skipped(failedPoll), failedPoll);

  // One store as a bot leaves it after reading storeArticles articles, for every step that needs a
  // ledger at size; each starts on a copy of it.
  const base = { articles: scan.articles, facts: scan.facts, events: scan.events };
  const storeDir = opts.storeFile ? null : mkdtempSync(join(tmpdir(), 'moonshot-bench-store-'));
  const storeFile = opts.storeFile ?? join(storeDir!, 'bot.sqlite');
  const needStore = (['run', 'startup', 'alerts', 'memory', 'command'] as const).some(want);
  const kept = keptStore(opts.storeFile);
  if (needStore) say(kept ? `store: ${kept.articles} articles kept in ${storeFile}` : `store: ${s.storeArticles} articles with their facts, seen keys and duplicate-index entries`);
  const fill = async (): Promise<BotStore> => {
    for (const ext of ['', '-wal', '-shm']) rmSync(storeFile + ext, { force: true });
    const r = await fillBotStore(storeFile, base, corpus.watch, s.storeArticles, new Date());
    if (opts.storeFile) writeFileSync(`${opts.storeFile}.json`, JSON.stringify(r));
    return r;
  };
  const noStore: BotStore = { articles: 0, facts: 0, seconds: NaN, at: '' };
  const botFill = !needStore ? noStore : kept ?? await attempt('store', errors, fill, noStore);
  const stored = botFill.articles > 0 ? { file: storeFile, articles: botFill.articles } : undefined;

  say(`startup: moonshot run --once over ${s.startupFeeds} feeds × ${s.startupItemsPerFeed} items, ${botFill.articles} articles stored`);
  const failedRun: RunRssResult = { feeds: s.runFeeds, items_per_feed: s.runItemsPerFeed, peak_rss_mb: NaN, run_s: NaN, first_poll_s: NaN, stored_articles: 0, cycle: '' };
  const startupCorpus = want('startup') ? generateCorpus({ seed: opts.seed + 2, feeds: s.startupFeeds, itemsPerFeed: s.startupItemsPerFeed }) : corpus;
  const startup = await attempt('startup', errors, () => want('startup') && stored ? measureRunRss(startupCorpus, { feeds: s.startupFeeds, itemsPerFeed: s.startupItemsPerFeed, delayMs: 50, deadlineS: 120, store: stored }) : skipped(failedRun), failedRun);

  say(`alerts: moonshot run over ${s.alertFeeds} feeds × ${s.alertItemsPerFeed} items every ${s.alertInterval}, a new round per watched company`);
  const failedAlerts: AlertLagResult = { feeds: s.alertFeeds, items_per_feed: s.alertItemsPerFeed, delay_ms: s.alertDelayMs, stored_articles: 0, rounds: 0, alerts: 0, p50_s: NaN, p95_s: NaN, max_s: NaN, missing: 0 };
  const alerts = await attempt('alerts', errors, () => want('alerts') && stored
    ? measureAlertLag(corpus, { feeds: s.alertFeeds, itemsPerFeed: s.alertItemsPerFeed, delayMs: s.alertDelayMs, interval: s.alertInterval, tick: s.alertTick, deadlineS: s.alertDeadlineS, store: stored })
    : skipped(failedAlerts), failedAlerts);

  say(`run: moonshot run --once over ${s.runFeeds} feeds × ${s.runItemsPerFeed} items, ${botFill.articles} articles stored`);
  // Feeds of their own, every item a different article: the bot's memory is measured over as many
  // distinct items as it reads (the poll step's feeds repeat the 200 feeds' bodies).
  const runCorpus = want('run') ? generateCorpus({ seed: opts.seed + 1, feeds: s.runFeeds, itemsPerFeed: s.runItemsPerFeed }) : corpus;
  const run = await attempt('run', errors, () => want('run') ? measureRunRss(runCorpus, { feeds: s.runFeeds, itemsPerFeed: s.runItemsPerFeed, delayMs: 50, deadlineS: s.runDeadlineS * Math.max(1, s.runFeeds / SIZES[opts.size].runFeeds), store: stored }) : skipped(failedRun), failedRun);

  say(`memory: a bot process over ${botFill.articles} articles and their facts`);
  const failedRss: RssResult = {
    articles: 0, facts: 0, rss_mb: NaN, start_mb: NaN, store_file_mb: NaN, fill_s: NaN, child_work_s: NaN, complete: false, steps: [],
  };
  const failedCommand: CommandResult = {
    facts: 0, runs: 0, p50_ms: NaN, p99_ms: NaN, max_ms: NaN, answered: 0, cold_runs: 0, cold_ms: [], cold_p50_ms: NaN, cold_p99_ms: NaN, cold_poll_ms_p50: NaN, record_ms_per_fact: NaN,
  };
  let rss = failedRss;
  let command = failedCommand;
  try {
    if (stored && want('memory')) rss = await attempt('memory', errors, () => measureRss(stored.file, botFill, corpus.watch, opts.seed, s.rssDeadlineS), failedRss);
    say(`command: /moonshot valuation over ${botFill.facts} facts, warm and after a poll`);
    // From an hour after the store's last day, as the memory child's questions are asked.
    if (stored && want('command')) {
      command = await attempt('command', errors, () => measureCommand(stored.file, base, corpus.watch, botFill.facts, s.commandRuns, s.commandColdRuns, new Date(Date.parse(botFill.at) + 3_600_000)), failedCommand);
    }
  } finally {
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  }

  const skippedSteps: { step: string; reason: string }[] = [];
  let replicas: ReplicasResult | null = null;
  if (want('replicas') && !opts.postgresUrl) {
    skippedSteps.push({ step: 'replicas', reason: 'no Postgres to run replicas on: set MOONSHOT_BENCH_POSTGRES_URL to a server where the bench may create databases (e.g. postgres://postgres@127.0.0.1:5433/postgres)' });
  } else if (want('replicas') && opts.postgresUrl) {
    const pgUrl = opts.postgresUrl;
    say(`replicas: a cycle of ${s.replicaFeeds} feeds (${s.replicaDelayMs} ms each) by one moonshot run, then by two, on Postgres`);
    replicas = await attempt('replicas', errors, () => measureReplicas({ postgresUrl: pgUrl, feeds: s.replicaFeeds, delayMs: s.replicaDelayMs, plantEvery: 250, deadlineS: 300 }), null);
  }

  say('done');
  const { result: _r, ...pipelineXml } = pipeline;
  return {
    size: opts.size, seed: opts.seed,
    parse_items_per_s: parse.items_per_s,
    pipeline_items_per_s: pipeline.items_per_s,
    dedup_us_per_article_10k: dedupSmall.us_per_article,
    dedup_us_per_article_100k: dedupLarge.us_per_article,
    poll_cycle_s: poll.cycle_s,
    poll_ideal_s: poll.ideal_s,
    poll_peak_rss_mb: run.peak_rss_mb,
    startup_s: startup.first_poll_s,
    alert_lag_s_p95: alerts.p95_s,
    rss_mb: rss.rss_mb,
    command_ms_p50: command.p50_ms,
    command_ms_p99: command.p99_ms,
    replicas_speedup: replicas?.speedup ?? NaN,
    command_cold_ms_p99: command.cold_p99_ms,
    machine: m,
    total_s: (performance.now() - t0) / 1000,
    errors,
    skipped: skippedSteps,
    details: {
      corpus: { feeds: s.feeds, items_per_feed: s.itemsPerFeed, items: corpus.items, xml_items: parse.items, planted: corpus.planted },
      parse: { items: parse.items, seconds: parse.seconds },
      pipeline: pipelineXml,
      dedup_10k: dedupSmall, dedup_100k: dedupLarge, poll, run, rss, command, replicas,
      store: { articles: botFill.articles, facts: botFill.facts, fill_s: botFill.seconds }, startup, alerts,
    },
  };
}

export { DEFAULT_SEED };
