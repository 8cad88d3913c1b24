// `moonshot chart COMPANY --out chart.png SOURCE...`: the chart `/moonshot chart` posts, written to a file
// from a terminal, over the sources given (read and analysed as `scan` does).
import { writeFile } from 'node:fs/promises';
import type { CliIO } from './io';
import { parseOptions, UsageError } from './io';
import { scanSetup } from './scan-setup';
import { roundsChartPng } from '../chart';

const USAGE = 'moonshot chart COMPANY --out FILE.png [--watch SPEC]... [--config FILE] [--now ISO] [--allow-host HOST]... SOURCE...';
const HELP = `${USAGE}

Draws COMPANY's rounds (valuations and round sizes over time; rounds in talks hollow; where sources
disagree, the range they span) from the feeds given, as a PNG.

  --out FILE     where to write the PNG (required)
  --watch SPEC   "Canonical Name|alias|alias": a company to track (repeatable; replaces the configured list)
  --config FILE  the configuration to read the watch list and currency rates from
  --now ISO      the reference time for relative dates (default: now)
  --allow-host H let the fetcher reach a host its address guard refuses (repeatable)
`;

export async function chartCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    out: { type: 'string' },
    watch: { type: 'string', multiple: true },
    config: { type: 'string' },
    now: { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) { io.out(HELP); return 0; }
  const [company, ...sources] = positionals;
  if (!company) throw new UsageError('name the company to chart', USAGE);
  if (sources.length === 0) throw new UsageError('give at least one feed URL or file', USAGE);
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('--out FILE.png is required', USAGE);
  const { watch, run } = await scanSetup(values, USAGE, io);
  const result = await run(sources);
  for (const e of result.errors) io.err(`moonshot: ${e.source}: ${e.message}\n`);
  if (result.errors.length === sources.length) return 1;
  // The watch list's canonical name when the company is typed by an alias.
  const key = company.toLowerCase();
  const name = watch.find((w) => w.name.toLowerCase() === key || w.aliases.some((a) => a.toLowerCase() === key))?.name ?? company;
  const rounds = result.rounds.filter((r) => r.company.toLowerCase() === name.toLowerCase());
  await writeFile(out, roundsChartPng(name, rounds, result.conflicts));
  io.err(`moonshot: wrote ${out} (${rounds.length} round${rounds.length === 1 ? '' : 's'} of ${name})\n`);
  return 0;
}
