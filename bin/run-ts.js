#!/usr/bin/env node
'use strict';
// Runs a TypeScript entry point (bench, soak) the same way the command does.
require('tsx/cjs');
const path = require('node:path');
const entry = process.argv[2];
process.argv.splice(2, 1);
require(path.resolve(entry));
