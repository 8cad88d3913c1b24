// Discord: the REST API through discord.js's REST client, and webhooks as a simpler destination.
// REST is told to reject a 429 instead of sleeping on it, and not to retry 5xx: the outbox does both,
// so a digest's messages stay in order and a restart picks up where it stopped.
import { DiscordAPIError, HTTPError, RateLimitError, REST } from '@discordjs/rest';
import type { Digest } from '../digest/digest';
import { renderDiscord } from '../digest/render/discord';
import { errorText, outcomeOfStatus, wrongPlatform, type Destination, type OutgoingMessage, type SendResult } from './destination';
import { hostPath, postJson } from './slack';
import { capRetryAfter } from '../feeds/retry-after';

export function discordOutcome(err: unknown): SendResult {
  const detail = errorText(err);
  if (err instanceof RateLimitError) return { ok: false, kind: 'rate_limited', retryAfterMs: capRetryAfter(err.retryAfter) ?? 1000, detail };
  if (err instanceof DiscordAPIError || err instanceof HTTPError) return outcomeOfStatus(err.status, `Discord answered ${err.status}: ${detail}`, null);
  return { ok: false, kind: 'unavailable', detail };
}

export interface DiscordDestinationOptions {
  channelId: string;
  token?: string;
  rest?: REST;
  /** Where the API lives, without the version: a local stand-in in tests. */
  api?: string;
  id?: string;
}

export function discordRest(token: string, api?: string): REST {
  return new REST({
    version: '10',
    ...(api ? { api } : {}),
    rejectOnRateLimit: () => true,
    retries: 0,
    timeout: 15_000,
  }).setToken(token);
}

export function discordDestination(opts: DiscordDestinationOptions): Destination {
  const rest = opts.rest ?? discordRest(opts.token ?? '', opts.api);
  const id = opts.id ?? `discord:${opts.channelId}`;
  return {
    id,
    label: `Discord channel ${opts.channelId}`,
    // The nonce seed includes the destination, so one digest sent to two channels has distinct nonces.
    render: (digest: Digest): OutgoingMessage[] => renderDiscord(digest, { nonceSeed: `${id}|${digest.id}` }).map((body) => ({ platform: 'discord', body })),
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (m.platform !== 'discord') return wrongPlatform(id, m);
      try {
        const res = (await rest.post(`/channels/${opts.channelId}/messages`, { body: m.body })) as { id?: string };
        return { ok: true, remoteId: res.id ?? null };
      } catch (err) {
        return discordOutcome(err);
      }
    },
    async close() {
      if (!opts.rest) { rest.clearHashSweeper(); rest.clearHandlerSweeper(); }
    },
  };
}

/** Discord webhook: no nonce there, so the outbox's claim is the only guard against a double post. */
export function discordWebhookDestination(url: string, id = `discord-webhook:${hostPath(url)}`): Destination {
  const target = new URL(url);
  target.searchParams.set('wait', 'true');
  return {
    id,
    label: 'a Discord webhook',
    render: (digest: Digest): OutgoingMessage[] => renderDiscord(digest, { nonceSeed: `${id}|${digest.id}` }).map((body) => ({ platform: 'discord', body })),
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (m.platform !== 'discord') return wrongPlatform(id, m);
      const { nonce: _n, enforce_nonce: _e, ...body } = m.body;
      return postJson(target.toString(), body, (a) => (a && typeof a === 'object' && 'id' in a ? String((a as { id: unknown }).id) : null));
    },
  };
}

