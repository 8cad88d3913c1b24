// `moonshot feeds ...`: the chat's feed commands from a terminal, e.g. `moonshot feeds import FILE.opml`.
import type { CliIO } from './io';
import { UsageError } from './io';
import { parseOptions } from './main';
import { runCliCommand } from './ask';

const USAGE = 'moonshot feeds [--config FILE] list | add URL [every 30m] | remove URL | pause URL | resume URL | test URL | import FILE.opml';

export async function feedsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    config: { type: 'string' },
    format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) { io.out(`usage: ${USAGE}\n`); return 0; }
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`, USAGE);
  const words = positionals.length ? positionals : ['list'];
  const verbs = ['list', 'add', 'remove', 'pause', 'resume', 'test', 'import'];
  if (!verbs.includes(words[0])) throw new UsageError(`unknown feeds command "${words[0]}"; one of ${verbs.join(', ')}`, USAGE);
  // File paths may hold spaces: quote each argument for the command parser.
  const text = ['feeds', ...words.map((w) => (/\s/.test(w) ? `"${w}"` : w))].join(' ');
  return runCliCommand(text, values.config as string | undefined, format, io);
}
