// The bot process, for the memory measurement: opens a store that already holds the ledger, then does
// what a running bot does with it (a poll's worth of analysis, `/moonshot valuation` for each watched
// company, a digest over every watched company), and prints its peak resident memory as one JSON line.
// A deadline bounds the run: when it passes, the peak so far is reported with the steps not reached.
//   node bin/run-ts.js bench/child-rss.ts <store.sqlite> <watch.json> <seed> <deadline-s> <now (ISO)>
import { readFileSync } from 'node:fs';
import type { WatchedCompany } from '../src/types';
import { DEFAULT_CONFIG, type MoonshotConfig } from '../src/config';
import { DEFAULT_RATES } from '../src/facts/rates';
import { openStore } from '../src/store';
import { Ledger } from '../src/ledger';
import { analyse, foldArticles } from '../src/pipeline';
import { commandDeps, runText } from '../src/commands';
import { articleChunks, streamOf } from './articles';
import { readingContext } from '../src/facts/extract';
import { boundHeapGrowth } from '../src/cli/heap';

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

async function main(): Promise<void> {
  // As bin/moonshot.js sets it for the bot.
  boundHeapGrowth();
  const [path, watchFile, seedText, deadlineText, nowText] = process.argv.slice(2);
  const watch = JSON.parse(readFileSync(watchFile, 'utf8')) as WatchedCompany[];
  const t0 = performance.now();
  // Each step with V8's heap beside the resident set: the rest is the process's own (code, ICU data,
  // SQLite's pages), so a growth of the heap alone is JavaScript objects, live or not yet collected.
  const steps: { step: string; s: number; rss_mb: number; heap_mb: number }[] = [];
  let peak = process.memoryUsage().rss;
  const startMb = mb(peak);
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 100);
  const report = (complete: boolean): void => {
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    process.stdout.write(`${JSON.stringify({ rss_mb: mb(peak), start_mb: startMb, complete, steps, work_s: (performance.now() - t0) / 1000 })}\n`);
  };
  const deadline = setTimeout(() => {
    report(false);
    process.exit(0);
  }, Number(deadlineText || 60) * 1000);
  const step = (name: string): void => {
    const m = process.memoryUsage();
    steps.push({ step: name, s: Math.round(performance.now() - t0) / 1000, rss_mb: mb(m.rss), heap_mb: mb(m.heapTotal) });
  };

  const store = await openStore({ path });
  const now = new Date(nowText);
  if (Number.isNaN(now.getTime())) throw new Error(`not a time: ${nowText}`);
  const config: MoonshotConfig = { ...DEFAULT_CONFIG, watch };
  const ledger = new Ledger(store, watch);
  step('open');
  // A poll's worth of new articles through the pipeline.
  const chunk = articleChunks(streamOf(Number(seedText) + 99, 1000), 1000).next().value ?? [];
  analyse(foldArticles(chunk), readingContext({ watch, rates: DEFAULT_RATES, now }));
  step('poll batch analysed');
  await ledger.companies();
  step('companies listed');
  const deps = commandDeps(store, () => config, { now: () => now });
  for (const w of watch) {
    await runText(`valuation ${w.name}`, { platform: 'cli', userId: 'bench' }, { platform: 'cli', channel: null }, deps);
    step(`valuation ${w.name}`);
  }
  await ledger.digestInput({ companies: null }, null, now.toISOString());
  step('digest');
  await store.close();
  clearInterval(sampler);
  clearTimeout(deadline);
  report(true);
}

main().catch((err) => {
  process.stderr.write(`child-rss: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
