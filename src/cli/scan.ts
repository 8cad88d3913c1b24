import type { CliIO } from './io';
import { UsageError } from './io';
import { parseOptions } from './main';
import { loadConfig, parseWatchSpec } from '../config';
import { scan } from '../pipeline';
import { renderScanMarkdown } from '../digest/markdown';
import { composeDigest, digestInputFromScan } from '../digest/compose';
import { renderSlack } from '../digest/render/slack';
import { renderDiscord } from '../digest/render/discord';

const USAGE = 'moonshot scan [--format json|markdown|slack|discord] [--channel NAME] [--watch SPEC]... [--config FILE] [--now ISO] [--store] SOURCE...';
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
`;

export async function scanCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'markdown' },
    channel: { type: 'string' },
    watch: { type: 'string', multiple: true },
    config: { type: 'string' },
    now: { type: 'string' },
    store: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  const format = values.format as string;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`, USAGE);
  if (values.channel !== undefined && format !== 'slack') throw new UsageError('--channel only applies to --format slack', USAGE);
  if (positionals.length === 0) throw new UsageError('give at least one feed URL or file', USAGE);
  const now = values.now ? new Date(values.now as string) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now is not an ISO-8601 time: "${values.now}"`, USAGE);
  let config;
  try {
    config = await loadConfig(values.config as string | undefined);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err), USAGE);
  }
  const watchSpecs = (values.watch as string[] | undefined) ?? [];
  let watch;
  try {
    watch = watchSpecs.length ? watchSpecs.map(parseWatchSpec) : config.watch;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), USAGE);
  }
  const result = await scan(positionals, { watch, rates: config.rates, now });
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
