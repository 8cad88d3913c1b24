#!/usr/bin/env node
'use strict';
// The command runs the TypeScript sources directly (tsx), so `npx moonshot` works right after
// `npm install` with no build step, and never runs a stale build.
require('tsx/cjs');
require('../src/cli/heap.ts').boundHeapGrowth();
const { main } = require('../src/cli/main.ts');
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`moonshot: ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 1; },
);
