// `moonshot run`: the bot. Loads the config, opens the store, starts the poll and digest jobs, and
// runs until SIGINT/SIGTERM. SIGHUP or saving the config file reloads it.
import type { CliIO } from './io';
import { UsageError } from './io';
import { parseOptions } from './main';
import { ConfigError, defaultConfigFile, loadConfig, loadEnv, type MoonshotConfig } from '../config';
import { openStore } from '../store';
import { Bot } from '../scheduler';
import { consoleDeliver } from '../scheduler/console-destination';
import type { Deliver } from '../scheduler/poll';

const USAGE = 'moonshot run [--config FILE] [--once]';

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, { config: { type: 'string' }, once: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    io.out(`usage: ${USAGE}\n\n  --config FILE  the configuration (default: config/moonshot.yml, else config/moonshot.example.yml)\n  --once         one poll cycle and every digest now, then exit\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, USAGE);
  const env = loadEnv();
  const file = (values.config as string | undefined) ?? defaultConfigFile();
  let config: MoonshotConfig;
  try {
    config = await loadConfig(file ?? undefined, env);
  } catch (err) {
    if (err instanceof ConfigError) { io.err(`moonshot run: the configuration has problems:\n${err.message}\n`); return 1; }
    throw err;
  }
  const log = (line: string): void => io.err(`${new Date().toISOString().slice(0, 19)}Z ${line}\n`);

  let store;
  try {
    store = await openStore(config.store);
  } catch (err) {
    io.err(`moonshot run: cannot open the store (${config.store.url ? 'STORE_URL' : config.store.path}): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return 1;
  }

  const deliver = chooseDeliver(config, io, log);
  const bot = new Bot({
    config, configFile: file, store, deliver, log,
    notifyAdmin: async (text) => {
      const admin = config.adminChannel;
      if (admin && admin.platform !== 'console') log(`admin notice (for ${admin.platform} ${admin.channel ?? 'webhook'}; not connected): ${text}`);
      else log(`admin notice: ${text}`);
    },
  });
  log(`moonshot: ${config.file ?? 'built-in defaults'}; ${config.feeds.length} feeds, ${config.watch.length} watched companies, ${config.subscriptions.length} subscriptions; store: ${store.description}`);

  if (values.once) {
    let code = 0;
    try {
      await bot.pollOnce();
      for (const sub of bot.config().subscriptions) await bot.digest(sub.id);
    } catch {
      code = 1;
    }
    await store.close();
    return code;
  }

  bot.start();
  return new Promise<number>((resolve) => {
    const onHup = (): void => { log('SIGHUP: reloading the configuration'); void bot.reload(); };
    const stop = (signal: string): void => {
      log(`${signal}: stopping`);
      process.off('SIGHUP', onHup);
      void bot.stop().then(() => store.close()).then(() => resolve(0), () => resolve(1));
    };
    process.on('SIGHUP', onHup);
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    // First poll right away rather than at the first tick.
    void bot.pollOnce().catch(() => undefined);
  });
}

/**
 * Where digests go. The chat clients (Slack, Discord, webhooks) plug in here; until a platform is
 * connected its digests are printed, so nothing is lost and the embedded default needs no tokens.
 */
function chooseDeliver(config: MoonshotConfig, io: CliIO, log: (l: string) => void): Deliver {
  const s = config.secrets;
  if (!s.slackBotToken && !s.discordToken) log('no chat tokens set (SLACK_BOT_TOKEN, DISCORD_TOKEN): digests are printed on the console');
  return consoleDeliver((text) => io.out(text));
}
