// The bot's one logger: levels and fields (pino), passed to whatever logs (the poll, the outbox, the
// commands, the figure reader), never imported as a global. Readable lines on a terminal; one JSON
// object a line when LOG_FORMAT=json or when the output is not a terminal, for a log store to search.
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** LOG_LEVEL (default info) and LOG_FORMAT (json, or pretty to force it) are read from here. */
  env?: Record<string, string | undefined>;
  /** Where lines go; default standard error. */
  stream?: DestinationStream & { isTTY?: boolean };
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const env = opts.env ?? process.env;
  const stream = opts.stream ?? process.stderr;
  const level = env.LOG_LEVEL?.trim() || 'info';
  const format = env.LOG_FORMAT?.trim().toLowerCase();
  const json = format === 'json' || (format !== 'pretty' && !stream.isTTY);
  if (json) return pino({ level, base: undefined }, stream);
  // Synchronous, in this thread: a line is written before the process can exit or crash past it.
  return pino({ level }, pretty({ destination: stream, sync: true, colorize: !!stream.isTTY, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss', ignore: 'pid,hostname' }));
}

/** One logged line as kept by memoryLogger: its level name, message and fields. */
export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps what it is given (tests; the demo, which shows the log only when it fails). */
export interface MemoryLog {
  log: Logger;
  records: LogRecord[];
  /** Each record's message, as logged. */
  lines: string[];
}

export function memoryLogger(level = 'debug'): MemoryLog {
  const records: LogRecord[] = [];
  const lines: string[] = [];
  const sink: DestinationStream = {
    write(line: string) {
      const r = JSON.parse(line) as Record<string, unknown>;
      records.push({ ...r, level: pino.levels.labels[r.level as number] ?? String(r.level), msg: String(r.msg ?? '') });
      lines.push(String(r.msg ?? ''));
    },
  };
  const log = pino({ level, base: undefined, timestamp: false }, sink);
  return { log, records, lines };
}

/** A logger that drops everything. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
