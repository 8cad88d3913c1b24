// The bot process, for the memory measurement: opens a store that already holds the ledger, then does
// what a running bot does with it (a poll's worth of analysis, a digest over every watched company,
// `/moonshot valuation` for each), and prints its peak resident memory as one JSON line.
//   node bin/run-ts.js bench/child-rss.ts <store.sqlite> <watch.json> <seed>
import { readFileSync } from 'node:fs';
import type { WatchedCompany } from '../src/types';
import { DEFAULT_CONFIG, type MoonshotConfig } from '../src/config';
import { DEFAULT_RATES } from '../src/facts/rates';
import { openStore } from '../src/store';
import { Ledger } from '../src/ledger';
import { analyse } from '../src/pipeline';
import { foldDuplicates } from '../src/articles/duplicates';
import { commandDeps, runText } from '../src/commands';
import { articleChunks, streamOf } from './articles';

const mb = (kb: number): number => Math.round((kb / 1024) * 10) / 10;

async function main(): Promise<void> {
  const [path, watchFile, seedText] = process.argv.slice(2);
  const watch = JSON.parse(readFileSync(watchFile, 'utf8')) as WatchedCompany[];
  const startMb = mb(process.resourceUsage().maxRSS);
  const store = await openStore({ path });
  const now = new Date(Date.UTC(2026, 10, 20, 12));
  const config: MoonshotConfig = { ...DEFAULT_CONFIG, watch };
  const ledger = new Ledger(store, watch);
  const t = performance.now();
  // A poll's worth of new articles through the pipeline.
  const chunk = articleChunks(streamOf(Number(seedText) + 99, 1000), 1000).next().value ?? [];
  const folded = foldDuplicates(chunk);
  const scan = analyse(folded, { watch, rates: DEFAULT_RATES, now });
  const companies = (await ledger.companies()).length;
  // The digest over everything recorded in the last day: every watched company's facts read and merged.
  const digest = await ledger.digestInput({ companies: null }, null, now.toISOString());
  const deps = commandDeps(store, () => config, { now: () => now });
  for (const w of watch) await runText(`valuation ${w.name}`, { platform: 'cli', userId: 'bench' }, { platform: 'cli', channel: null }, deps);
  await store.close();
  process.stdout.write(`${JSON.stringify({
    rss_mb: mb(process.resourceUsage().maxRSS), start_mb: startMb, heap_used_mb: Math.round(process.memoryUsage().heapUsed / 1048576),
    companies, digest_figures: digest ? digest.newFigures.length : 0, poll_facts: scan.facts.length, work_s: (performance.now() - t) / 1000,
  })}\n`);
}

main().catch((err) => {
  process.stderr.write(`child-rss: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
