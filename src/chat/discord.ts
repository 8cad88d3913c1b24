// Discord: the REST API through discord.js's REST client, and webhooks as a simpler destination.
// REST is told to reject a 429 instead of sleeping on it, and not to retry 5xx: the outbox does both,
// so a digest's messages stay in order and a restart picks up where it stopped.
import { DiscordAPIError, HTTPError, RateLimitError, REST, type RESTOptions } from '@discordjs/rest';
import type { Digest } from '../digest/digest';
import { discordNonce, renderDiscordDigest, renderDiscordNotice, splitDiscordMessage, type DiscordMessage } from '../digest/render/discord';
import { arrange, DEFAULT_CHANNEL_MESSAGES, errorText, outcomeOfStatus, wrongPlatform, type Destination, type OutgoingImage, type OutgoingMessage, type SendContext, type SendResult } from './destination';
import { hostPath, postJson } from './slack';
import { capRetryAfter } from '../feeds/retry-after';
import { DEFAULT_IDENTITY, type BotIdentity } from '../config';

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
  /** Messages of one digest posted in the channel; the rest go in a thread on the first. */
  maxChannelMessages?: number;
}

const wrap = (body: DiscordMessage): OutgoingMessage => ({ platform: 'discord', body });

function splitDiscord(seed: string): (m: OutgoingMessage) => OutgoingMessage[] | null {
  return (m) => {
    if (m.platform !== 'discord') return null;
    const parts = splitDiscordMessage(m.body, seed);
    return parts ? parts.map((body) => ({ ...m, body })) : null;
  };
}

/** Discord's answer when the message already has a thread: post in it all the same. */
const THREAD_ALREADY_CREATED = 160004;

/**
 * Requests through Node's own fetch: REST's bundled undici hands multipart bodies (attachments) to
 * whichever undici Agent is the process's global dispatcher, and the feed reader's newer undici
 * installs one that cannot read them. Node's fetch serialises the form first.
 */
export const DISCORD_REST_REQUEST = { makeRequest: fetch as unknown as RESTOptions['makeRequest'] };

export function discordRest(token: string, api?: string): REST {
  return new REST({
    version: '10',
    ...DISCORD_REST_REQUEST,
    ...(api ? { api } : {}),
    rejectOnRateLimit: () => true,
    retries: 0,
    timeout: 15_000,
  }).setToken(token);
}

export function discordDestination(opts: DiscordDestinationOptions): Destination {
  const rest = opts.rest ?? discordRest(opts.token ?? '', opts.api);
  const id = opts.id ?? `discord:${opts.channelId}`;
  const threads = new Set<string>();
  let noThreads = false;
  return {
    id,
    label: `Discord channel ${opts.channelId}`,
    // The nonce seed includes the destination, so one digest sent to two channels has distinct nonces.
    render: (digest: Digest): OutgoingMessage[] => {
      const m = renderDiscordDigest(digest, { nonceSeed: `${id}|${digest.id}` });
      return arrange(m.channel, m.thread, opts.maxChannelMessages ?? DEFAULT_CHANNEL_MESSAGES, wrap);
    },
    notice: (text: string): OutgoingMessage[] => [wrap(renderDiscordNotice(text, `${id}|${text}|${Date.now()}`))],
    image: (image) => ({ platform: 'image', image }),
    split: splitDiscord(id),
    async send(m: OutgoingMessage, ctx?: SendContext): Promise<SendResult> {
      if (m.platform === 'image') {
        const { filename, pngBase64, nonce } = m.image;
        // An attachment shown in its embed, as a chart answer is; the nonce makes a resend the same message.
        const body = { ...imageBody(m.image), nonce: discordNonce(`${id}|chart|${nonce ?? filename}`, 0), enforce_nonce: true };
        try {
          const res = (await rest.post(`/channels/${opts.channelId}/messages`, { body, files: [{ name: filename, data: Buffer.from(pngBase64, 'base64'), contentType: 'image/png' }] })) as { id?: string };
          return { ok: true, remoteId: res.id ?? null };
        } catch (err) {
          return discordOutcome(err);
        }
      }
      if (m.platform !== 'discord') return wrongPlatform(id, m);
      try {
        // A thread started from a message has that message's id as its channel id.
        let channel = opts.channelId;
        if (ctx?.threadOf && !noThreads) {
          if (!threads.has(ctx.threadOf)) {
            try {
              await rest.post(`/channels/${opts.channelId}/messages/${ctx.threadOf}/threads`, { body: { name: threadName(m.body), auto_archive_duration: 1440 } });
              threads.add(ctx.threadOf);
            } catch (err) {
              if (err instanceof DiscordAPIError && err.code === THREAD_ALREADY_CREATED) threads.add(ctx.threadOf);
              // Not allowed to open threads here (or not in this kind of channel): the details follow in the channel.
              else if (err instanceof DiscordAPIError && (err.status === 403 || err.status === 400)) noThreads = true;
              else throw err;
            }
          }
          if (threads.has(ctx.threadOf)) channel = ctx.threadOf;
        }
        const res = (await rest.post(`/channels/${channel}/messages`, { body: m.body })) as { id?: string };
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

/**
 * The bot account's avatar as an image URL (GET /users/@me), for posts that do not go out as the bot
 * (webhooks); null when it has none or Discord does not say.
 */
export async function discordBotAvatar(rest: REST): Promise<string | null> {
  try {
    const me = (await rest.get('/users/@me')) as { id?: string; avatar?: string | null };
    if (!me.id || !me.avatar) return null;
    return `https://cdn.discordapp.com/avatars/${me.id}/${me.avatar}.${me.avatar.startsWith('a_') ? 'gif' : 'png'}?size=256`;
  } catch {
    return null;
  }
}

/**
 * Discord webhook: posted under the bot's name and avatar rather than the webhook's own. No nonce
 * there, so the outbox's claim is the only guard against a double post.
 */
export function discordWebhookDestination(url: string, id = `discord-webhook:${hostPath(url)}`, identity: BotIdentity = DEFAULT_IDENTITY): Destination {
  const target = new URL(url);
  target.searchParams.set('wait', 'true');
  return {
    id,
    label: 'a Discord webhook',
    // Threads need the bot; through a webhook the details follow in the channel.
    render: (digest: Digest): OutgoingMessage[] => {
      const m = renderDiscordDigest(digest, { nonceSeed: `${id}|${digest.id}` });
      return [...m.channel, ...m.thread].map(wrap);
    },
    notice: (text: string): OutgoingMessage[] => [wrap(renderDiscordNotice(text, `${id}|${text}|${Date.now()}`))],
    image: (image) => ({ platform: 'image', image }),
    split: splitDiscord(id),
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (m.platform === 'image') return postImage(target.toString(), m.image, identity);
      if (m.platform !== 'discord') return wrongPlatform(id, m);
      const { nonce: _n, enforce_nonce: _e, ...rest } = m.body;
      // A webhook posts under its own name and picture unless told; the digest goes out as the bot.
      const body = { ...rest, username: identity.name, ...(identity.avatarUrl ? { avatar_url: identity.avatarUrl } : {}) };
      return postJson(target.toString(), body, (a) => (a && typeof a === 'object' && 'id' in a ? String((a as { id: unknown }).id) : null));
    },
  };
}


/** The chart body for a message: the image shown in an embed of its own title. */
function imageBody(image: OutgoingImage): { embeds: DiscordMessage['embeds']; attachments: { id: number; filename: string; description: string }[]; allowed_mentions: { parse: [] } } {
  return {
    embeds: [{ title: image.title.slice(0, 256), image: { url: `attachment://${image.filename}` }, color: 0x5865f2 }],
    attachments: [{ id: 0, filename: image.filename, description: image.alt.slice(0, 1024) }],
    allowed_mentions: { parse: [] },
  };
}

/** A webhook post with the image attached (multipart: the JSON body, then the file), as the bot. */
async function postImage(url: string, image: OutgoingImage, identity: BotIdentity): Promise<SendResult> {
  const form = new FormData();
  form.append('payload_json', JSON.stringify({ ...imageBody(image), username: identity.name, ...(identity.avatarUrl ? { avatar_url: identity.avatarUrl } : {}) }));
  form.append('files[0]', new Blob([Buffer.from(image.pngBase64, 'base64')], { type: 'image/png' }), image.filename);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    return { ok: false, kind: 'unavailable', detail: errorText(err) };
  }
  const text = await res.text().catch(() => '');
  if (res.ok) {
    try { return { ok: true, remoteId: String((JSON.parse(text) as { id?: unknown }).id ?? '') || null }; } catch { return { ok: true, remoteId: null }; }
  }
  return outcomeOfStatus(res.status, `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, null);
}

/** A thread's name: the digest's title from the message's bold head, within Discord's 100 characters. */
function threadName(m: DiscordMessage): string {
  const head = /^\*\*(?:🌙 )?(.*?)\*\*/.exec(m.content ?? '')?.[1]?.replace(/\\(.)/g, '$1') ?? 'Moonshot digest';
  const name = `${head} · sources`;
  return name.length > 100 ? `${name.slice(0, 99)}…` : name;
}
