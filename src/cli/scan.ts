import type { CliIO } from './io';
import { parseOptions, UsageError } from './io';
import { scanSetup } from './scan-setup';
import { openStore } from '../store';
import { Ledger } from '../ledger';
import type { MoonshotConfig } from '../config';
import type { ScanResult, WatchedCompany } from '../types';
import { renderScanMarkdown } from '../digest/markdown';
import { composeDigest, digestInputFromScan } from '../digest/compose';
import { renderSlack } from '../digest/render/slack';
import { renderDiscord } from '../digest/render/discord';

const USAGE = 'moonshot scan [--format json|markdown|slack|discord] [--channel NAME] [--watch SPEC]... [--config FILE] [--now ISO] [--allow-host HOST]... [--store] SOURCE...';
const FORMATS = ['json', 'markdown', 'slack', 'discord'];
/** The channel a Slack body names when none is given: `scan` never posts, so any name will do. */
const PLACEHOLDER_CHANNEL = '#moonshot';

const HELP = `usage: ${USAGE}

  --format json|markdown|slack|discord
                 markdown (default) for a person; json per the scan contract; slack and discord:
                 the exact message bodies the bot would post, as a JSON array
  --channel NAME the channel the Slack bodies name (default ${PLACEHOLDER_CHANNEL})
  --watch SPEC   "Canonical Name|alias|alias": a company to track (repeatable; replaces the configured list)
  --config FILE  the configuration to read the watch list and currency rates from
  --now ISO      the reference time for relative dates (default: now)
  --allow-host H let the fetcher reach a host its address guard refuses, e.g. 127.0.0.1 (repeatable;
                 added to the config's allowHosts)
  --store        also record the articles and figures in the bot's store (STORE_URL, or the SQLite
                 file under data/), so "moonshot ask" and the chat commands can answer from them
`;

export async function scanCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'markdown' },
    channel: { type: 'string' },
    watch: { type: 'string', multiple: true },
    config: { type: 'string' },
    now: { type: 'string' },
    store: { type: 'boolean' },
    'allow-host': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  const format = values.format as string;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`, USAGE);
  if (values.channel !== undefined && format !== 'slack') throw new UsageError('--channel only applies to --format slack', USAGE);
  if (positionals.length === 0) throw new UsageError('give at least one feed URL or file', USAGE);
  const { config, watch, now, run } = await scanSetup(values, USAGE, io);
  const result = await run(positionals);
  if (values.store) io.err(await recordInStore(result, config, watch, now));
  if (format === 'json') io.out(JSON.stringify(result, null, 2) + '\n');
  else if (format === 'markdown') io.out(renderScanMarkdown(result, { watch, now }));
  else {
    const digest = composeDigest(digestInputFromScan(result, { watch: watch.map((w) => w.name), now }));
    const bodies = format === 'slack'
      ? renderSlack(digest, { channel: (values.channel as string | undefined) ?? PLACEHOLDER_CHANNEL })
      : renderDiscord(digest);
    io.out(JSON.stringify(bodies, null, 2) + '\n');
  }
  return result.errors.length === positionals.length ? 1 : 0;
}

/** `--store`: the scan's articles, facts and events into the ledger, as a poll would record them. */
async function recordInStore(result: ScanResult, config: MoonshotConfig, watch: WatchedCompany[], now: Date): Promise<string> {
  const store = await openStore({ url: config.store.url, path: config.store.path });
  try {
    const recorded = await new Ledger(store, watch, { roundWindowDays: config.rounds.windowDays }).record({ articles: result.articles, facts: result.facts, events: result.events }, now);
    return `stored in ${store.description}: ${result.articles.length} article${result.articles.length === 1 ? "" : "s"}, ${recorded.added.length} new figures\n`;
  } finally {
    await store.close();
  }
}
