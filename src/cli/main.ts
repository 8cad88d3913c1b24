import { processIO, UsageError, type CliIO, type Command } from './io';

interface CommandEntry {
  summary: string;
  load: () => Command;
}

/* eslint-disable @typescript-eslint/no-require-imports */
// Commands load lazily (a plain require: tsx runs the sources as CommonJS) so `moonshot parse` never pays for the chat clients' start-up.
const COMMANDS: Record<string, CommandEntry> = {
  parse: { summary: 'read feeds and print what was parsed', load: () => (require('./parse') as typeof import('./parse')).parseCommand },
  scan: { summary: 'run the whole pipeline once over feeds and print facts and conflicts', load: () => (require('./scan') as typeof import('./scan')).scanCommand },
  run: { summary: 'run the bot: poll feeds on schedule and post digests', load: () => (require('./run') as typeof import('./run')).runCommand },
  demo: { summary: 'serve sample feeds locally, run one poll and one digest to the console, exit', load: () => (require('./demo') as typeof import('./demo')).demoCommand },
  chart: { summary: 'draw a company\'s rounds over time as a PNG (moonshot chart COMPANY --out FILE.png SOURCE...)', load: () => (require('./chart') as typeof import('./chart')).chartCommand },
  ask: { summary: 'ask what a chat user would ask, e.g. moonshot ask "valuation moonshot"', load: () => (require('./ask') as typeof import('./ask')).askCommand },
  feeds: { summary: 'manage feeds from the command line (feeds import FILE.opml)', load: () => (require('./feeds') as typeof import('./feeds')).feedsCommand },
  'slack-manifest': { summary: 'print a Slack app manifest for Moonshot', load: () => (require('./slack-manifest') as typeof import('./slack-manifest')).slackManifestCommand },
  'discord-register': { summary: 'register the /moonshot command with Discord', load: () => (require('./discord-register') as typeof import('./discord-register')).discordRegisterCommand },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'moonshot: watches AI funding news and reports figures, sources and disagreements',
    '',
    'usage: moonshot <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([k, v]) => `  ${k.padEnd(width)}  ${v.summary}`),
    '',
    'Run `moonshot <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${(require('../../package.json') as { version: string }).version}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`moonshot: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    return await entry.load()(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`moonshot ${name}: ${err.message}${err.usage ? `\nusage: ${err.usage}` : ''}\n`);
      return 2;
    }
    throw err;
  }
}
