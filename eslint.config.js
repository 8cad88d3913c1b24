// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const boundaries = require('eslint-plugin-boundaries');

/**
 * What each part of src/ may import (README, "Architecture"). Stages import only the stages before
 * them in the flow (articles asks facts what an amount is and for the company and round keys); the
 * scheduler and the commands drive stages; chat is the delivery edge; the cli wires everything. A new
 * import outside these lists fails `npm test` (test/lint/boundaries.test.ts checks the rules bite).
 */
const MAY_IMPORT = {
  types: [],
  log: [],
  store: ['types'],
  facts: ['types'],
  // Each default is kept by the part it tunes (rates, the round window, fetch and page limits).
  config: ['types', 'facts', 'feeds', 'rounds'],
  feeds: ['types'],
  articles: ['types', 'facts'],
  rounds: ['types', 'facts'],
  pipeline: ['types', 'feeds', 'articles', 'facts', 'rounds'],
  ledger: ['types', 'facts', 'rounds', 'store'],
  digest: ['types', 'config', 'facts', 'ledger'],
  chart: ['types', 'facts', 'rounds', 'digest'],
  chat: ['types', 'config', 'store', 'feeds', 'digest', 'commands'],
  scheduler: ['types', 'config', 'store', 'feeds', 'articles', 'facts', 'rounds', 'pipeline', 'ledger', 'digest'],
  commands: ['types', 'config', 'store', 'feeds', 'articles', 'facts', 'rounds', 'pipeline', 'ledger', 'digest', 'scheduler'],
  cli: ['types', 'config', 'store', 'feeds', 'articles', 'facts', 'rounds', 'pipeline', 'ledger', 'digest', 'chart', 'chat', 'scheduler', 'commands'],
};

/** The stage functions that only feeds/read.ts and pipeline.ts string together. */
const ONE_PATH = [
  { group: ['**/feeds/parse'], importNames: ['parseFeed'], message: 'read feeds with feeds/read.ts (readFeed, readSource, documentOf)' },
  { group: ['**/articles/normalise'], importNames: ['toArticles'], message: 'use pipeline.ts (articlesOf)' },
  { group: ['**/articles/duplicates'], importNames: ['foldDuplicates'], message: 'use pipeline.ts (foldArticles, collectArticles)' },
  { group: ['**/facts/extract'], importNames: ['extractFacts'], message: 'use pipeline.ts (analyse)' },
];

/** Platform clients and their types (Block Kit, embeds, interactions) stay in src/chat. */
const PLATFORM_PACKAGES = ['@slack/*', 'discord.js', 'discord-api-types', 'discord-api-types/*', '@discordjs/*'];

module.exports = tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
      'boundaries/include': ['src/**/*.ts'],
      // Three elements are single files (src/types.ts, src/pipeline.ts, src/log.ts): 'file' mode, which v7 marks legacy.
      'boundaries/legacy-warnings': false,
      'boundaries/elements': [
        { type: 'types', pattern: 'src/types.ts', mode: 'file' },
        { type: 'pipeline', pattern: 'src/pipeline.ts', mode: 'file' },
        { type: 'log', pattern: 'src/log.ts', mode: 'file' },
        ...Object.keys(MAY_IMPORT).filter((t) => !['types', 'pipeline', 'log'].includes(t)).map((t) => ({ type: t, pattern: `src/${t}` })),
      ],
    },
    rules: {
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        checkAllOrigins: true,
        policies: [
          ...Object.entries(MAY_IMPORT).map(([from, to]) => ({
            from: { element: { type: from } },
            // Every part may log: the logger is passed in, and its type is the same everywhere.
            allow: { to: { element: { types: { anyOf: [from, 'log', ...to] } } } },
          })),
          { allow: { to: { module: { origin: 'external' } } } },
          { allow: { to: { module: { origin: 'core' } } } },
          {
            from: { element: { type: '!chat' } },
            disallow: { to: { module: { origin: 'external', source: PLATFORM_PACKAGES } } },
          },
        ],
      }],
    },
  },
  {
    // One path from feed bytes to facts: whatever reads feeds (the poll, the commands, the cli, the
    // bench, the soak) goes through feeds/read.ts and pipeline.ts, never strings the stages itself.
    files: ['src/scheduler/**/*.ts', 'src/commands/**/*.ts', 'src/cli/**/*.ts', 'src/chat/**/*.ts', 'bench/**/*.ts', 'soak/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ONE_PATH }],
    },
  },
  {
    // cli/main.ts loads every command; a command importing it back would be a cycle.
    files: ['src/cli/*.ts'],
    ignores: ['src/cli/main.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...ONE_PATH, { group: ['./main'], message: 'shared command-line helpers live in cli/io.ts' }] }] },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
