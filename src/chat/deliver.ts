// The bridge from the scheduler to chat: a subscription names a platform and a channel; this turns it
// into a Destination, and gives the scheduler a Deliver that queues each digest in the outbox and drains.
import type { BotIdentity, DestinationConfig, Secrets, SubscriptionConfig } from '../config';
import type { DigestInput } from '../types';
import type { Deliver } from '../digest/deliver';
import { composeDigest } from '../digest/compose';
import { consoleDestination } from './console';
import { discordBotAvatar, discordDestination, discordRest, discordWebhookDestination } from './discord';
import { DEFAULT_IDENTITY } from '../config';
import { slackDestination, slackWebhookDestination } from './slack';
import type { Destination, OutgoingImage } from './destination';
import type { Conflict, Round } from '../types';
import { chartLabels } from '../commands/chart';
import type { Outbox } from './outbox';
import type { SlackLifecycle } from './slack-commands';

export interface ChatEndpoints {
  /** Web API base for Slack (tests point it at a stand-in). */
  slackApiUrl?: string;
  /** REST base for Discord, without the version. */
  discordApi?: string;
  /** Where console destinations print. */
  out?: (text: string) => void;
  /** The name and picture webhook posts carry (default DEFAULT_IDENTITY). */
  identity?: BotIdentity;
}

/**
 * The name and picture webhook posts carry: the configured ones, the avatar else the Discord bot
 * account's own (asked once, only when some subscription posts through a webhook).
 */
export async function botIdentity(configured: BotIdentity | undefined, secrets: Secrets, webhooks: boolean, discordApi?: string): Promise<BotIdentity> {
  const identity = configured ?? DEFAULT_IDENTITY;
  if (identity.avatarUrl || !webhooks || !secrets.discordToken) return identity;
  const rest = discordRest(secrets.discordToken, discordApi);
  try {
    return { ...identity, avatarUrl: await discordBotAvatar(rest) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Why a subscription cannot be served as configured, in plain words; null when it can. */
export function missingFor(sub: DestinationConfig, secrets: Secrets): string | null {
  switch (sub.platform) {
    case 'slack': return secrets.slackBotToken ? (sub.channel ? null : 'a Slack subscription needs a channel') : 'SLACK_BOT_TOKEN is not set';
    case 'discord': return secrets.discordToken ? (sub.channel ? null : 'a Discord subscription needs a channel') : 'DISCORD_TOKEN is not set';
    case 'slack-webhook':
    case 'discord-webhook': return sub.webhook ? null : `a ${sub.platform} subscription needs a webhook URL`;
    default: return null;
  }
}

/** Where something is sent: a subscription, or the admin channel (with an id of its own). */
export type Addressed = DestinationConfig & { id: string; maxChannelMessages?: number };

/**
 * The destination for a subscription. Its id is the subscription's, so two subscriptions to one
 * channel each get their digest, and one subscription never gets the same digest twice.
 * A subscription whose platform is not connected prints to the console instead (nothing is lost).
 */
export function destinationFor(sub: Addressed, secrets: Secrets, endpoints: ChatEndpoints = {}): Destination {
  const id = `sub:${sub.id}`;
  if (missingFor(sub, secrets)) return consoleDestination(endpoints.out, id);
  switch (sub.platform) {
    case 'slack': return slackDestination({ id, channel: sub.channel ?? '', token: secrets.slackBotToken ?? '', slackApiUrl: endpoints.slackApiUrl, maxChannelMessages: sub.maxChannelMessages });
    case 'discord': return discordDestination({ id, channelId: sub.channel ?? '', token: secrets.discordToken ?? '', api: endpoints.discordApi, maxChannelMessages: sub.maxChannelMessages });
    case 'slack-webhook': return slackWebhookDestination(sub.webhook ?? '', id, endpoints.identity);
    case 'discord-webhook': return discordWebhookDestination(sub.webhook ?? '', id, endpoints.identity);
    default: return consoleDestination(endpoints.out, id);
  }
}

/**
 * What Slack says is gone (the app uninstalled, its token revoked, the bot out of a channel) pauses
 * the subscriptions it makes undeliverable, instead of retrying them; their messages stay queued, and
 * the admins are told how to bring them back.
 */
export function pauseOnSlackLifecycle(outbox: Outbox, subscriptions: () => SubscriptionConfig[], tellAdmins: (text: string) => Promise<void>): Required<SlackLifecycle> {
  const pause = async (channel: string | null, why: string): Promise<void> => {
    const subs = subscriptions().filter((s) => s.platform === 'slack' && (channel === null || s.channel === channel));
    for (const s of subs) await outbox.pause(`sub:${s.id}`, why);
    if (subs.length) await tellAdmins(`${subs.length === 1 ? 'A Slack digest is' : `${subs.length} Slack digests are`} paused: ${why}. Their messages stay queued; once the bot is back in the channel, \`/moonshot digest here\` there sends them.`).catch(() => undefined);
  };
  return {
    onUninstalled: (why) => pause(null, why),
    onChannelLeft: (channel) => pause(channel, `the bot left channel ${channel}`),
  };
}

/** Draws a company's rounds as a PNG (src/chart's roundsChartPng in the running bot). */
export type DrawChart = (company: string, rounds: Round[], conflicts: Conflict[]) => Buffer;

/** A digest's chart as the image a destination posts, or null when it has none. */
function chartImage(digest: ReturnType<typeof composeDigest>, draw: DrawChart | undefined): OutgoingImage | null {
  if (!digest.chart || !draw) return null;
  const { company, rounds, conflicts } = digest.chart;
  return { ...chartLabels(company, rounds.length), pngBase64: draw(company, rounds, conflicts).toString('base64') };
}

export interface OutboxDeliverOptions {
  /** Without it, a digest's chart is left out. */
  drawChart?: DrawChart;
}

/**
 * A Deliver for the scheduler: compose, persist every message in the outbox, then drain. It resolves
 * once the messages are safely queued, whether or not the platform took them yet; what did not go
 * is sent by the next drain (call `outbox.drain()` on every poll tick as well).
 */
export function outboxDeliver(outbox: Outbox, resolve: (sub: SubscriptionConfig) => Destination, opts: OutboxDeliverOptions = {}): Deliver {
  const cache = new Map<string, Destination>();
  return async (sub: SubscriptionConfig, input: DigestInput, kind: 'digest' | 'alert') => {
    let dest = cache.get(sub.id);
    if (!dest) {
      dest = resolve(sub);
      cache.set(sub.id, dest);
      outbox.addDestination(dest);
    }
    const digest = composeDigest(input, { alert: kind === 'alert' });
    // The chart goes last: the thread replies point at the first message by index, and stay in its thread.
    const image = dest.image && chartImage(digest, opts.drawChart);
    await outbox.enqueueMessages(dest.id, digest.id, [...dest.render(digest), ...(image && dest.image ? [dest.image({ ...image, nonce: digest.id })] : [])]);
    await outbox.drain();
  };
}
