// `moonshot run`: the bot. Loads the config, opens the store, starts the poll and digest jobs, and
// runs until SIGINT/SIGTERM. SIGHUP or saving the config file reloads it.
import type { CliIO } from './io';
import { cliLogger, parseOptions, UsageError } from './io';
import type { Logger } from '../log';
import { ConfigError, defaultConfigFile, loadConfig, loadEnv, type MoonshotConfig } from '../config';
import { openStore } from '../store';
import { Ledger } from '../ledger';
import { Bot } from '../scheduler';
import { SETTLE_MS } from '../scheduler/digest';
import { createHash } from 'node:crypto';
import { Outbox } from '../chat';
import { botIdentity, destinationFor, outboxDeliver, pauseOnSlackLifecycle } from '../chat/deliver';
import type { SlackLifecycle } from '../chat/slack-commands';
import { commandDeps, digestTrigger, type CommandDeps } from '../commands';
import { roundsChartPng } from '../chart';

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
  const log = cliLogger(io);

  let store;
  try {
    store = await openStore(config.store);
  } catch (err) {
    io.err(`moonshot run: cannot open the store (${config.store.url ? 'STORE_URL' : config.store.path}): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    return 1;
  }

  try {
    await new Ledger(store, config.watch).prepare();
  } catch (err) {
    io.err(`moonshot run: the store's ledger cannot be used: ${err instanceof Error ? err.message : String(err)}\n`);
    await store.close();
    return 1;
  }

  const secrets = config.secrets;
  if (!secrets.slackBotToken && !secrets.discordToken) log.warn('no chat tokens set (SLACK_BOT_TOKEN, DISCORD_TOKEN): digests are printed on the console');
  const webhooks = config.subscriptions.some((s) => s.platform.endsWith('-webhook'));
  const endpoints = { out: (t: string) => io.out(t), identity: await botIdentity(config.identity, secrets, webhooks, env.DISCORD_API_URL?.trim() || undefined) };
  // Notices for the admins are notices (words), not digests; one that cannot reach them stays in the log.
  const tellAdmins = async (text: string): Promise<void> => {
    log.warn({ notice: text }, 'admin notice');
    const admin = bot.config().adminChannel;
    if (!admin || admin.platform === 'console') return;
    const dest = destinationFor({ ...admin, id: 'admin' }, secrets, endpoints);
    outbox.addDestination(dest);
    await outbox.enqueueMessages(dest.id, noticeId(text), dest.notice(text));
    await outbox.drain();
  };
  const outbox = new Outbox(store, [], {
    log,
    // The admin channel's own failures are logged only: telling it about itself would loop.
    onUndeliverable: async (notice, destinationId) => { if (destinationId !== 'sub:admin') await tellAdmins(notice); },
  });
  const bot: Bot = new Bot({
    config, configFile: file, store, log,
    // How often the poll job looks for due feeds (six-field cron); for the bench and tests, which cannot wait 15 s a tick.
    ...(env.MOONSHOT_POLL_TICK ? { pollTick: env.MOONSHOT_POLL_TICK } : {}),
    deliver: outboxDeliver(outbox, (sub) => destinationFor(sub, secrets, endpoints), { drawChart: roundsChartPng }),
    notifyAdmin: tellAdmins,
  });
  log.info({ config: config.file ?? 'built-in defaults', feeds: config.feeds.length, companies: config.watch.length, subscriptions: config.subscriptions.length, store: store.description }, 'moonshot started');

  if (values.once) {
    let code = 0;
    try {
      await bot.refresh();
      const polledAt = new Date();
      await bot.pollOnce(polledAt);
      // A digest's window ends SETTLE_MS before it fires (for polls still writing elsewhere); this
      // poll is over, so the digest is run as of just past that, and its window holds what was read.
      const digestAt = new Date(Math.max(Date.now(), polledAt.getTime() + SETTLE_MS + 1));
      for (const sub of bot.config().subscriptions) await bot.digest(sub.id, digestAt);
    } catch (err) {
      io.err(`moonshot run --once: stopped: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
      code = 1;
    }
    await store.close().catch((err: unknown) => {
      io.err(`moonshot run --once: the store did not close cleanly: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
      code = 1;
    });
    return code;
  }

  await bot.start();
  const stopChat = await startCommands(bot, log, pauseOnSlackLifecycle(outbox, () => bot.config().subscriptions, tellAdmins), outbox);
  // Messages a platform could not take yet (5xx, 429 past the wait budget) go out on a later drain.
  const drainTimer = setInterval(() => { void outbox.drain().catch((err: unknown) => log.error({ err }, 'outbox: the drain failed')); }, 60_000);
  return new Promise<number>((resolve) => {
    const onHup = (): void => { log.info('SIGHUP: reloading the configuration'); void bot.reload(); };
    const stop = (signal: string): void => {
      log.info({ signal }, 'stopping');
      process.off('SIGHUP', onHup);
      clearInterval(drainTimer);
      void stopChat().then(() => bot.stop()).then(() => store.close()).then(() => resolve(0), () => resolve(1));
    };
    process.on('SIGHUP', onHup);
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    // First poll right away rather than at the first tick.
    void bot.pollOnce().catch(() => undefined);
  });
}

/**
 * The /moonshot command on each platform whose credentials are set: Slack through Bolt (Socket Mode
 * with SLACK_APP_TOKEN, else HTTP on $PORT, default 3000), Discord through a gateway client.
 * Handlers read the file's config (bot.baseConfig) and refresh the bot after each admin change.
 */
async function startCommands(bot: Bot, log: Logger, lifecycle: SlackLifecycle, outbox: Outbox): Promise<() => Promise<void>> {
  const s = bot.baseConfig().secrets;
  const resumeDelivery = (id: string): Promise<void> => outbox.resume(`sub:${id}`);
  const deps = (): CommandDeps => commandDeps(bot.store, () => bot.baseConfig(), { onChange: () => bot.refresh(), digest: digestTrigger(bot), log, drawChart: roundsChartPng, resumeDelivery });
  const stops: (() => Promise<unknown>)[] = [];
  if (s.slackBotToken && !s.slackAppToken && !s.slackSigningSecret) {
    log.warn('slack: /moonshot is off: set SLACK_APP_TOKEN (Socket Mode, no public URL needed) or SLACK_SIGNING_SECRET (HTTP endpoint); digests are posted either way');
  }
  if (s.slackBotToken && (s.slackAppToken || s.slackSigningSecret)) {
    // Bolt and discord.js are loaded only when their commands are on: together they are most of the
    // bot's start-up time, which `run --once` and a bot without command tokens do not need.
    const { createSlackCommandApp } = await import('../chat/slack-commands');
    const app = createSlackCommandApp({ signingSecret: s.slackSigningSecret, botToken: s.slackBotToken, appToken: s.slackAppToken, deps, log, ...lifecycle });
    const port = Number(process.env.PORT ?? 3000);
    try {
      await app.start(port);
      log.info(s.slackAppToken ? 'slack: /moonshot over Socket Mode' : `slack: /moonshot on http://0.0.0.0:${port}/slack/events`);
      stops.push(() => app.stop());
    } catch (err) {
      log.error({ err }, 'slack: /moonshot not available');
    }
  }
  if (s.discordToken && s.discordApplicationId) {
    const { discordCommandClient } = await import('../chat/discord-commands');
    const client = discordCommandClient(s.discordApplicationId, { deps, log });
    try {
      await client.login(s.discordToken);
      log.info('discord: /moonshot connected (register it once with `moonshot discord-register`)');
      stops.push(() => client.destroy());
    } catch (err) {
      log.error({ err }, 'discord: /moonshot not available');
    }
  }
  return async () => { await Promise.allSettled(stops.map((stop) => stop())); };
}

/** A notice's batch id in the outbox: the same notice in the same minute is queued once. */
function noticeId(text: string): string {
  return `notice-${createHash('sha256').update(`${text}|${Math.floor(Date.now() / 60_000)}`).digest('hex').slice(0, 16)}`;
}
