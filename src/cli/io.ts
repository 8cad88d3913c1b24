import { parseArgs } from 'node:util';
import { createLogger, type Logger } from '../log';

/** Where a command writes; passed in so tests can run commands in-process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
};

/** A command-line mistake: printed as one line with the usage, exit status 2. */
export class UsageError extends Error {
  constructor(message: string, readonly usage?: string) {
    super(message);
  }
}

export type Command = (argv: string[], io: CliIO) => Promise<number>;

/** The logger for a command: its lines go to `io.err` (pretty on a terminal, JSON otherwise). */
export function cliLogger(io: CliIO): Logger {
  return createLogger({ stream: { write: (line: string) => io.err(line), isTTY: io === processIO && process.stderr.isTTY } });
}

/** parseArgs with its errors turned into usage errors. */
export function parseOptions<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  argv: string[],
  options: T,
  usage: string,
): { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | string[] | boolean[] | undefined>, positionals };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err), usage);
  }
}
