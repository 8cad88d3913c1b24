// How far V8 lets the heap grow between full collections. The bot's work comes in bursts that make
// much short-lived garbage at once (a company's history read and grouped into rounds, a digest's
// readings), and under such bursts V8 lets the heap grow up to four times what survived the last full
// collection before it collects again, so the resident set is mostly garbage not yet collected. Growing
// by at most twice keeps it near what is held, for a few more collections of a small heap. A
// setting of the operator's own on node's command line (`node --heap-growing-percent=N
// bin/moonshot.js`; NODE_OPTIONS does not take it) is left as it is.
import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';

export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((a) => a.startsWith(FLAG))) return;
  setFlagsFromString(`${FLAG}=100`);
}
