// Runs every measurement in turn and gathers them into one result.
import { DEFAULT_RATES } from '../src/facts/rates';
import { DEFAULT_SEED, generateCorpus, xmlFeeds } from './corpus';
import { machine, type Machine } from './machine';
import { measureParse } from './measure/parse';
import { measurePipeline, type PipelineResult } from './measure/pipeline';
import { measureDedup, type DedupResult } from './measure/dedup';
import { measurePoll, type PollResult } from './measure/poll';
import { measureRss, type RssResult } from './measure/rss';
import { measureCommand, type CommandResult } from './measure/command';

export type BenchSize = 'full' | 'tiny';

interface Sizes {
  feeds: number;
  itemsPerFeed: number;
  dedupSmall: number;
  dedupLarge: number;
  dedupChecks: number;
  pollFeeds: number;
  pollDelayMs: number;
  rssArticles: number;
  commandFacts: number;
  commandRuns: number;
}

export const SIZES: Record<BenchSize, Sizes> = {
  full: { feeds: 200, itemsPerFeed: 50, dedupSmall: 10_000, dedupLarge: 100_000, dedupChecks: 1000, pollFeeds: 2000, pollDelayMs: 50, rssArticles: 100_000, commandFacts: 10_000, commandRuns: 300 },
  // For the test: every path runs, in seconds.
  tiny: { feeds: 6, itemsPerFeed: 5, dedupSmall: 100, dedupLarge: 400, dedupChecks: 20, pollFeeds: 12, pollDelayMs: 5, rssArticles: 200, commandFacts: 100, commandRuns: 10 },
};

export interface BenchOptions {
  size: BenchSize;
  seed: number;
  /** Poll concurrency; default: the configured default. */
  concurrency?: number;
  progress?: (line: string) => void;
}

export interface BenchResult {
  size: BenchSize;
  seed: number;
  parse_items_per_s: number;
  pipeline_items_per_s: number;
  pipeline_ratio: number;
  dedup_us_per_article_10k: number;
  dedup_us_per_article_100k: number;
  poll_cycle_s: number;
  poll_ideal_s: number;
  rss_mb: number;
  command_ms_p50: number;
  command_ms_p99: number;
  machine: Machine;
  total_s: number;
  details: {
    corpus: { feeds: number; items_per_feed: number; items: number; xml_items: number; planted: { originals: number; tracking: number; syndicated: number; stories: number } };
    parse: { items: number; seconds: number };
    pipeline: Omit<PipelineResult, 'result'>;
    /** The whole corpus, JSON Feed included (the ratio uses the XML feeds, which the baseline can read). */
    pipeline_all_items_per_s: number;
    dedup_10k: DedupResult;
    dedup_100k: DedupResult;
    poll: PollResult;
    rss: RssResult;
    command: CommandResult;
  };
}

export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const s = SIZES[opts.size];
  const say = opts.progress ?? (() => undefined);
  const t0 = performance.now();
  const m = machine();
  say(`corpus: ${s.feeds} feeds × ${s.itemsPerFeed} items, seed ${opts.seed}`);
  const corpus = generateCorpus({ seed: opts.seed, feeds: s.feeds, itemsPerFeed: s.itemsPerFeed });
  const xml = xmlFeeds(corpus);
  const ctx = { watch: corpus.watch, rates: DEFAULT_RATES, now: new Date(Date.UTC(2026, 10, 20)) };

  say('parse: rss-parser alone');
  const parse = await measureParse(xml);
  say('pipeline: decode, parse, normalise, duplicates, facts, conflicts');
  const pipeline = await measurePipeline(xml, ctx);
  const all = await measurePipeline(corpus.feeds, ctx);
  const { result: scan, ...pipelineStats } = all;

  say(`dedup: ${s.dedupSmall} held`);
  const dedupSmall = measureDedup(opts.seed, s.dedupSmall, s.dedupChecks);
  say(`dedup: ${s.dedupLarge} held`);
  const dedupLarge = measureDedup(opts.seed, s.dedupLarge, s.dedupChecks);

  say(`poll: ${s.pollFeeds} feeds, ${s.pollDelayMs} ms each`);
  const poll = await measurePoll(corpus, { feeds: s.pollFeeds, delayMs: s.pollDelayMs, concurrency: opts.concurrency });

  say(`memory: a bot process over ${s.rssArticles} articles and their facts`);
  const rss = await measureRss({ articles: scan.articles, facts: scan.facts, events: scan.events }, corpus.watch, s.rssArticles, opts.seed);

  say(`command: /moonshot valuation over ${s.commandFacts} facts`);
  const command = await measureCommand(scan, corpus.watch, s.commandFacts, s.commandRuns);

  const { result: _r, ...pipelineXml } = pipeline;
  return {
    size: opts.size, seed: opts.seed,
    parse_items_per_s: parse.items_per_s,
    pipeline_items_per_s: pipeline.items_per_s,
    pipeline_ratio: pipeline.items_per_s / parse.items_per_s,
    dedup_us_per_article_10k: dedupSmall.us_per_article,
    dedup_us_per_article_100k: dedupLarge.us_per_article,
    poll_cycle_s: poll.cycle_s,
    poll_ideal_s: poll.ideal_s,
    rss_mb: rss.rss_mb,
    command_ms_p50: command.p50_ms,
    command_ms_p99: command.p99_ms,
    machine: m,
    total_s: (performance.now() - t0) / 1000,
    details: {
      corpus: { feeds: s.feeds, items_per_feed: s.itemsPerFeed, items: corpus.items, xml_items: parse.items, planted: corpus.planted },
      parse: { items: parse.items, seconds: parse.seconds },
      pipeline: pipelineXml,
      pipeline_all_items_per_s: pipelineStats.items_per_s,
      dedup_10k: dedupSmall, dedup_100k: dedupLarge, poll, rss, command,
    },
  };
}

export { DEFAULT_SEED };
