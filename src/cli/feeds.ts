// `moonshot feeds ...`: the chat's feed commands from a terminal, e.g. `moonshot feeds import FILE.opml`.
import type { CliIO } from './io';
import { UsageError } from './io';
import { cliCommandOptions, runCliCommand } from './ask';

const USAGE = 'moonshot feeds [--config FILE] list | add URL [every 30m] | remove URL | pause URL | resume URL | test URL | import FILE.opml';

export async function feedsCommand(argv: string[], io: CliIO): Promise<number> {
  const opts = cliCommandOptions(argv, USAGE, io);
  if (!opts) return 0;
  const { positionals } = opts;
  const words = positionals.length ? positionals : ['list'];
  const verbs = ['list', 'add', 'remove', 'pause', 'resume', 'test', 'import'];
  if (!verbs.includes(words[0])) throw new UsageError(`unknown feeds command "${words[0]}"; one of ${verbs.join(', ')}`, USAGE);
  // File paths may hold spaces: quote each argument for the command parser.
  const text = ['feeds', ...words.map((w) => (/\s/.test(w) ? `"${w}"` : w))].join(' ');
  return runCliCommand(text, opts.config, opts.format, io);
}
