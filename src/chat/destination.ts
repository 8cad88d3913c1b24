// Where a digest goes. A destination renders a digest for its platform and sends one message at a
// time, answering in plain outcomes the outbox can act on; it never retries by itself.
import type { Digest } from '../digest/digest';
import { capRetryAfter } from '../feeds/retry-after';
import type { SlackPostMessage } from '../digest/render/slack';
import type { DiscordMessage } from '../digest/render/discord';

/**
 * One message as persisted in the outbox: plain JSON, exactly what will be sent. `threadOf` is the
 * index, in the same digest, of the message whose thread it goes in (posted in the channel when that
 * message could not be posted, or the destination has no threads).
 */
export type OutgoingMessage = (
  | { platform: 'slack'; body: SlackPostMessage }
  | { platform: 'discord'; body: DiscordMessage }
  | { platform: 'text'; text: string }
  | { platform: 'image'; image: OutgoingImage }
) & { threadOf?: number };

/** A PNG posted in the channel (a digest's chart), kept in the outbox as base64 like any message. */
export interface OutgoingImage {
  filename: string;
  title: string;
  /** What the image shows, for screen readers. */
  alt: string;
  pngBase64: string;
  /** Discord: the same upload twice is one message. */
  nonce?: string;
}

/** Where a message goes besides its channel: the remote id of the message it replies under. */
export interface SendContext {
  threadOf: string | null;
}

/** How many messages of one digest go in the channel itself before the rest go in the thread. */
export const DEFAULT_CHANNEL_MESSAGES = 3;

/**
 * A digest's messages in posting order: at most `cap` in the channel, the rest of the channel part and
 * the details in the thread of the first message.
 */
export function arrange<T>(channel: T[], thread: T[], cap: number, wrap: (body: T) => OutgoingMessage): OutgoingMessage[] {
  const limit = Math.max(1, cap);
  return [
    ...channel.slice(0, limit).map(wrap),
    ...[...channel.slice(limit), ...thread].map((b) => ({ ...wrap(b), threadOf: 0 })),
  ];
}

export type SendResult =
  /** Posted. `remoteId`: Slack's ts, Discord's message id; null where the platform gives none. */
  | { ok: true; remoteId: string | null }
  /** 429: wait this long, then the same message again. */
  | { ok: false; kind: 'rate_limited'; retryAfterMs: number; detail: string }
  /** 5xx, a timeout, a dropped connection: the same message may go through later. */
  | { ok: false; kind: 'unavailable'; status?: number; detail: string }
  /** 403/404 and their Slack equivalents (channel_not_found, not_in_channel ...): the channel is out of reach. */
  | { ok: false; kind: 'unreachable'; status?: number; detail: string }
  /** The platform refused this message itself (400): sending it again cannot help. */
  | { ok: false; kind: 'rejected'; status?: number; detail: string };

export type SendFailure = Extract<SendResult, { ok: false }>;

export interface Destination {
  /** Stable across restarts: the outbox keys messages by it ("slack:C123", "discord:987", "console"). */
  id: string;
  /** What a log line calls it. */
  label: string;
  render(digest: Digest): OutgoingMessage[];
  /** A notice for admins (a feed paused, a message that could not be delivered): words, not a digest. */
  notice(text: string): OutgoingMessage[];
  /** An image as this destination posts it; absent where images cannot be posted (webhooks, the console). */
  image?(image: OutgoingImage): OutgoingMessage;
  send(message: OutgoingMessage, context?: SendContext): Promise<SendResult>;
  /** A refused message as smaller ones that say the same, or null when it cannot be split further. */
  split?(message: OutgoingMessage): OutgoingMessage[] | null;
  close?(): Promise<void>;
}

/** HTTP status to outcome, shared by the webhook destinations. */
export function outcomeOfStatus(status: number, detail: string, retryAfterMs: number | null): SendFailure {
  if (status === 429) return { ok: false, kind: 'rate_limited', retryAfterMs: capRetryAfter(retryAfterMs) ?? 1000, detail };
  if (status >= 500) return { ok: false, kind: 'unavailable', status, detail };
  if (status === 401 || status === 403 || status === 404 || status === 410) return { ok: false, kind: 'unreachable', status, detail };
  return { ok: false, kind: 'rejected', status, detail };
}

export function wrongPlatform(id: string, m: OutgoingMessage): SendFailure {
  return { ok: false, kind: 'rejected', detail: `${id} cannot send a ${m.platform} message` };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}
