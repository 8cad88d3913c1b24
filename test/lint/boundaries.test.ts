// The README's arrows are kept by the linter: an import against them fails `npm test`. Each case is
// a file as someone might add it, linted with the project's own eslint.config.js.
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..');
// The config is handed over as loaded: ESLint's own loader imports it dynamically, which Jest's
// module sandbox does not run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.js') as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('import boundaries', () => {
  it.each([
    ['a stage imports a later one (ledger from digest)', 'src/ledger/probe.ts', "import { composeDigest } from '../digest/compose';\nexport const x = composeDigest;\n", /boundaries\/dependencies/],
    ['chat imports the scheduler', 'src/chat/probe.ts', "import { pollOnce } from '../scheduler/poll';\nexport const x = pollOnce;\n", /boundaries\/dependencies/],
    ['the scheduler imports the commands', 'src/scheduler/probe.ts', "import { storeAdmins } from '../commands/overlay';\nexport const x = storeAdmins;\n", /boundaries\/dependencies/],
    ['a platform package outside src/chat', 'src/digest/probe.ts', "import { Client } from 'discord.js';\nexport const x = Client;\n", /boundaries\/dependencies/],
    ['a cli command imports cli/main.ts', 'src/cli/probe.ts', "import { main } from './main';\nexport const x = main;\n", /no-restricted-imports/],
    ['the poll strings the stages itself', 'src/scheduler/probe.ts', "import { parseFeed } from '../feeds/parse';\nexport const x = parseFeed;\n", /no-restricted-imports/],
  ])('refuses %s', async (_what, file, code, rule) => {
    expect((await problems(file, code)).join('\n')).toMatch(rule);
  });

  it('lets a stage import the ones before it, and anything import the logger and the types', async () => {
    expect(await problems('src/digest/probe.ts', "import { newestDate } from '../ledger/figures';\nimport type { Logger } from '../log';\nimport type { Fact } from '../types';\nexport const x = (f: Fact, l: Logger): unknown => [newestDate, f, l];\n")).toEqual([]);
  });
});
