// `moonshot ask "valuation moonshot"`: the chat commands from a terminal, over the bot's store.
import { readFile } from 'node:fs/promises';
import type { CliIO } from './io';
import { cliLogger, parseOptions, UsageError } from './io';
import { ConfigError, loadConfig, type MoonshotConfig } from '../config';
import { openStore, type Store } from '../store';
import { commandDeps } from '../commands/deps';
import { readOpmlUrl } from '../commands/deps';
import { runText } from '../commands/dispatch';
import { replyText } from '../commands/format';
import type { Reply } from '../commands/types';
import { plainError } from '../feeds/read';

const USAGE = 'moonshot ask [--config FILE] [--format text|json] "COMMAND"   e.g. moonshot ask "valuation moonshot"';

/** Exit status by the kind of answer: 0 answered, 1 nothing known / failed, 2 not understood. */
const STATUS: Record<Reply['kind'], number> = { answer: 0, 'not-found': 1, error: 1, refused: 1, usage: 2 };

/** Config and store for a terminal command; problems become one line and an exit status. */
export async function withStore(configFile: string | undefined, io: CliIO, run: (store: Store, config: MoonshotConfig) => Promise<number>): Promise<number> {
  let config: MoonshotConfig;
  try {
    config = await loadConfig(configFile);
  } catch (err) {
    if (err instanceof ConfigError) { io.err(`${err.message}\n`); return 2; }
    throw err;
  }
  let store: Store;
  try {
    store = await openStore({ url: config.store.url, path: config.store.path });
  } catch (err) {
    io.err(`moonshot: cannot open the store: ${plainError(err)}\n`);
    return 1;
  }
  try {
    return await run(store, config);
  } finally {
    await store.close();
  }
}

/** On the command line `feeds import` may name a local file as well as a URL. */
export async function readOpmlFileOrUrl(source: string, config: MoonshotConfig): Promise<string> {
  if (/^https?:\/\//i.test(source)) return readOpmlUrl(source, { allowHosts: config.allowHosts });
  return readFile(source, 'utf8');
}

export async function runCliCommand(text: string, configFile: string | undefined, format: string, io: CliIO): Promise<number> {
  return withStore(configFile, io, async (store, config) => {
    const deps = commandDeps(store, () => config, { readOpml: (s) => readOpmlFileOrUrl(s, config), log: cliLogger(io) });
    const reply = await runText(text, { platform: 'cli', userId: 'terminal' }, { platform: 'cli', channel: null }, deps);
    if (format === 'json') io.out(JSON.stringify(reply, null, 2) + '\n');
    else (reply.kind === 'usage' ? io.err : io.out)(replyText(reply).replace(/\/moonshot /g, 'moonshot ask '));
    return STATUS[reply.kind];
  });
}

/** The options `ask` and `feeds` share; null when --help was answered. */
export function cliCommandOptions(argv: string[], usage: string, io: CliIO): { config: string | undefined; format: 'text' | 'json'; positionals: string[] } | null {
  const { values, positionals } = parseOptions(argv, {
    config: { type: 'string' },
    format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h' },
  }, usage);
  if (values.help) { io.out(`usage: ${usage}\n`); return null; }
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`, usage);
  return { config: values.config as string | undefined, format, positionals };
}

export async function askCommand(argv: string[], io: CliIO): Promise<number> {
  const opts = cliCommandOptions(argv, USAGE, io);
  if (!opts) return 0;
  const { positionals, format } = opts;
  if (!positionals.length) throw new UsageError('say what to ask, for example "valuation moonshot"', USAGE);
  // One quoted argument or several words read the same; quotes inside (watch add "A|b") survive as typed.
  return runCliCommand(positionals.map((p) => (positionals.length > 1 && /\s/.test(p) ? `"${p}"` : p)).join(' '), opts.config, format, io);
}
