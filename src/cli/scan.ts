import type { CliIO } from './io';
import { UsageError } from './io';
import { parseOptions } from './main';
import { loadConfig, parseWatchSpec } from '../config';
import { scan } from '../pipeline';
import { renderScanMarkdown } from '../digest/markdown';

const USAGE = 'moonshot scan [--format json|markdown|slack|discord] [--watch SPEC]... [--config FILE] [--now ISO] [--store] SOURCE...';
const FORMATS = ['json', 'markdown', 'slack', 'discord'];

export async function scanCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'markdown' },
    watch: { type: 'string', multiple: true },
    config: { type: 'string' },
    now: { type: 'string' },
    store: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) { io.out(`usage: ${USAGE}\n`); return 0; }
  const format = values.format as string;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`, USAGE);
  if (positionals.length === 0) throw new UsageError('give at least one feed URL or file', USAGE);
  const now = values.now ? new Date(values.now as string) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now is not an ISO-8601 time: "${values.now}"`, USAGE);
  const config = await loadConfig(values.config as string | undefined);
  const watchSpecs = (values.watch as string[] | undefined) ?? [];
  const watch = watchSpecs.length ? watchSpecs.map(parseWatchSpec) : config.watch;
  const result = await scan(positionals, { watch, rates: config.rates, now });
  if (format === 'json') io.out(JSON.stringify(result, null, 2) + '\n');
  else if (format === 'markdown') io.out(renderScanMarkdown(result));
  else throw new UsageError(`--format ${format} arrives with the bot`, USAGE);
  return result.errors.length === positionals.length ? 1 : 0;
}
