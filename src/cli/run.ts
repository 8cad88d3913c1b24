// `moonshot run`: the bot. Loads the config, opens the store, starts the poll and digest jobs, and
// runs until SIGINT/SIGTERM. SIGHUP or saving the config file reloads it.
import type { CliIO } from './io';
import { UsageError } from './io';
import { parseOptions } from './main';
import { ConfigError, defaultConfigFile, loadConfig, loadEnv, type MoonshotConfig } from '../config';
import { openStore } from '../store';
import { Bot } from '../scheduler';
import type { Deliver } from '../scheduler/poll';
import type { DestinationConfig } from '../config';
import { composeDigest } from '../digest';
import { Outbox, consoleDestination, discordDestination, discordWebhookDestination, slackDestination, slackWebhookDestination, type Destination } from '../chat';

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

  const outbox = new Outbox(store, [], { log });
  const deliver = chooseDeliver(config, io, log, outbox);
  const bot = new Bot({
    config, configFile: file, store, deliver, log,
    notifyAdmin: async (text) => {
      const admin = config.adminChannel;
      log(`admin notice: ${text}`);
      if (admin && admin.platform !== 'console') {
        const dest = destinationFor(admin, config, io, log);
        await outbox.enqueueMessages(dest.id, `notice-${Date.now()}`, dest.id === 'console' ? [{ platform: 'text', text: `${text}\n` }] : dest.render(noticeDigest(text)));
        await outbox.drain();
      }
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
  // Messages a platform could not take yet (5xx, 429 past the wait budget) go out on a later drain.
  const drainTimer = setInterval(() => { void outbox.drain().catch((err) => log(`outbox: ${err instanceof Error ? err.message : String(err)}`)); }, 60_000);
  return new Promise<number>((resolve) => {
    const onHup = (): void => { log('SIGHUP: reloading the configuration'); void bot.reload(); };
    const stop = (signal: string): void => {
      log(`${signal}: stopping`);
      process.off('SIGHUP', onHup);
      clearInterval(drainTimer);
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
 * Where digests go: each subscription's platform through the outbox (delivery that survives a crash).
 * A platform whose token is not set prints to the console instead, so the embedded default needs none.
 */
function chooseDeliver(config: MoonshotConfig, io: CliIO, log: (l: string) => void, outbox: Outbox): Deliver {
  const s = config.secrets;
  if (!s.slackBotToken && !s.discordToken) log('no chat tokens set (SLACK_BOT_TOKEN, DISCORD_TOKEN): Slack and Discord digests are printed on the console');
  return async (sub, input) => {
    const dest = destinationFor(sub, config, io, log);
    const report = await outbox.deliver(composeDigest(input), [dest]);
    if (report.pending || report.failed) log(`digest for ${dest.label}: ${report.sent} sent, ${report.pending} waiting, ${report.failed} refused`);
  };
}

function destinationFor(d: DestinationConfig, config: MoonshotConfig, io: CliIO, log: (l: string) => void): Destination {
  const s = config.secrets;
  // One console destination per subscription: the outbox keys sent messages by destination.
  const toConsole = consoleDestination((t) => io.out(t), 'id' in d && typeof d.id === 'string' ? `console:${d.id}` : 'console');
  switch (d.platform) {
    case 'slack':
      if (s.slackBotToken && d.channel) return slackDestination({ channel: d.channel, token: s.slackBotToken });
      break;
    case 'discord':
      if (s.discordToken && d.channel) return discordDestination({ channelId: d.channel, token: s.discordToken });
      break;
    case 'slack-webhook':
      if (d.webhook) return slackWebhookDestination(d.webhook);
      break;
    case 'discord-webhook':
      if (d.webhook) return discordWebhookDestination(d.webhook);
      break;
    case 'console':
      return toConsole;
  }
  log(`${d.platform} ${d.channel ?? ''}: not connected (no token), printing to the console instead`);
  return toConsole;
}

function noticeDigest(text: string): ReturnType<typeof composeDigest> {
  const now = new Date().toISOString();
  return composeDigest({ title: text, since: null, until: now, events: [], newFigures: [], confirmed: [], conflicts: [], unwatched: [] });
}
