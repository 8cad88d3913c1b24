// npm run bench [-- --json] [--tiny] [--seed N] [--concurrency N] [--run-feeds N] [--store FILE] [--only pipeline,command,...]
// Prints a markdown table (target, actual, ok) by default; with --json, one JSON object on stdout.
// Progress goes to stderr. MOONSHOT_BENCH_POSTGRES_URL: a Postgres for the replicas step (skipped without).
import { BENCH_STEPS, DEFAULT_SEED, runBench, type BenchSize, type BenchStep } from './run';
import { table } from './report';

interface Args {
  json: boolean;
  size: BenchSize;
  seed: number;
  concurrency?: number;
  runFeeds?: number;
  storeFile?: string;
  only?: BenchStep[];
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { json: false, size: 'full', seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (): number | null => {
      const v = Number(argv[++i]);
      return Number.isInteger(v) && v > 0 ? v : null;
    };
    if (a === '--json') args.json = true;
    else if (a === '--tiny') args.size = 'tiny';
    else if (a === '--seed') {
      const v = num();
      if (v === null) return '--seed takes a positive whole number';
      args.seed = v;
    } else if (a === '--concurrency') {
      const v = num();
      if (v === null) return '--concurrency takes a positive whole number';
      args.concurrency = v;
    } else if (a === '--run-feeds') {
      const v = num();
      if (v === null) return '--run-feeds takes a positive whole number';
      args.runFeeds = v;
    } else if (a === '--store') {
      const v = argv[++i];
      if (!v) return '--store takes a file (the bot steps\' store, kept for the next run)';
      args.storeFile = v;
    } else if (a === '--only') {
      const steps = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = steps.find((x) => !(BENCH_STEPS as readonly string[]).includes(x));
      if (steps.length === 0 || bad !== undefined) return `--only takes a comma-separated list of ${BENCH_STEPS.join(', ')}`;
      args.only = steps as BenchStep[];
    } else return `unknown option ${a} (use --json, --tiny, --seed N, --concurrency N, --run-feeds N, --store FILE, --only STEPS)`;
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`bench: ${args}\n`);
    return 2;
  }
  const postgresUrl = process.env.MOONSHOT_BENCH_POSTGRES_URL?.trim() || undefined;
  const result = await runBench({ ...args, postgresUrl, progress: (line) => process.stderr.write(`bench: ${line}\n`) });
  process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${table(result)}\n`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
