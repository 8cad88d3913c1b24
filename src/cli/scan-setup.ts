// What `scan` and `chart` share: the config, the watch list, the reference time and the address
// allowlist from their options, and the one way they read and analyse sources with them.
import type { CliIO } from './io';
import { cliLogger, UsageError } from './io';
import { loadConfig, parseWatchSpec, type MoonshotConfig } from '../config';
import { readingContext } from '../facts/extract';
import { scan } from '../pipeline';
import type { ScanResult, WatchedCompany } from '../types';

export interface ScanSetup {
  config: MoonshotConfig;
  watch: WatchedCompany[];
  now: Date;
  /** Reads and analyses the sources as the bot would, with these settings. */
  run(sources: string[]): Promise<ScanResult>;
}

/** The values of --config, --watch, --now and --allow-host, checked; a bad one is a usage error. */
export async function scanSetup(values: Record<string, unknown>, usage: string, io: CliIO): Promise<ScanSetup> {
  const now = values.now ? new Date(values.now as string) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now is not an ISO-8601 time: "${values.now}"`, usage);
  let config: MoonshotConfig;
  try {
    config = await loadConfig(values.config as string | undefined);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err), usage);
  }
  const specs = (values.watch as string[] | undefined) ?? [];
  let watch: WatchedCompany[];
  try {
    watch = specs.length ? specs.map(parseWatchSpec) : config.watch;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), usage);
  }
  const allowHosts = [...config.allowHosts, ...((values['allow-host'] as string[] | undefined) ?? [])];
  const ctx = readingContext({ watch, rates: config.rates, now, roundWindowDays: config.rounds.windowDays, log: cliLogger(io) });
  return { config, watch, now, run: (sources) => scan(sources, ctx, { fetch: { allowHosts }, now, maxItems: config.polling.maxItemsPerFeed }) };
}
