// Slack: the Web API through the official client (Bolt's app.client is the same WebClient), and
// incoming webhooks as a simpler destination. Both leave retrying to the outbox.
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import type { Digest } from '../digest/digest';
import { renderSlackDigest, renderSlackNotice, splitSlackMessage, type SlackPostMessage } from '../digest/render/slack';
import { capRetryAfter, parseRetryAfter } from '../feeds/retry-after';
import { DEFAULT_IDENTITY, type BotIdentity } from '../config';
import { arrange, DEFAULT_CHANNEL_MESSAGES, errorText, outcomeOfStatus, wrongPlatform, type Destination, type OutgoingMessage, type SendContext, type SendResult } from './destination';

/** Slack's error strings that mean "this channel is out of our reach", not "this message is wrong". */
const UNREACHABLE = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived', 'invalid_auth', 'not_authed',
  'account_inactive', 'token_revoked', 'token_expired', 'missing_scope', 'restricted_action', 'access_denied',
  'team_access_not_granted', 'ekm_access_denied', 'org_login_required',
]);
const UNAVAILABLE = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface CodedError { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } }

/** A WebClient error as an outcome. */
export function slackOutcome(err: unknown): SendResult {
  const e = (typeof err === 'object' && err !== null ? err : {}) as CodedError;
  const detail = errorText(err);
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { ok: false, kind: 'rate_limited', retryAfterMs: capRetryAfter((e.retryAfter ?? 1) * 1000) ?? 1000, detail };
    case ErrorCode.HTTPError:
      return outcomeOfStatus(e.statusCode ?? 500, detail, null);
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? '';
      if (code === 'ratelimited') return { ok: false, kind: 'rate_limited', retryAfterMs: 1000, detail };
      if (UNREACHABLE.has(code)) return { ok: false, kind: 'unreachable', detail: `Slack said ${code}` };
      if (UNAVAILABLE.has(code)) return { ok: false, kind: 'unavailable', detail: `Slack said ${code}` };
      return { ok: false, kind: 'rejected', detail: `Slack said ${code || detail}` };
    }
    default:
      return { ok: false, kind: 'unavailable', detail };
  }
}

export interface SlackDestinationOptions {
  channel: string;
  /** A bot token (xoxb-...), or an existing client (Bolt's `app.client`). */
  token?: string;
  client?: WebClient;
  /** Where the Web API lives; a local stand-in in tests. */
  slackApiUrl?: string;
  id?: string;
  /** Messages of one digest posted in the channel; the rest go in the thread of the first. */
  maxChannelMessages?: number;
}

const wrap = (body: SlackPostMessage): OutgoingMessage => ({ platform: 'slack', body });

/** A refused Slack message as smaller ones, keeping its place in a thread. */
export function splitSlack(m: OutgoingMessage): OutgoingMessage[] | null {
  if (m.platform !== 'slack') return null;
  const parts = splitSlackMessage(m.body);
  return parts ? parts.map((body) => ({ ...m, body })) : null;
}

/** The WebClient as we want it: no retries of its own and 429s handed back to us with their Retry-After. */
export function slackClient(token: string, slackApiUrl?: string): WebClient {
  return new WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    timeout: 15_000,
  });
}

export function slackDestination(opts: SlackDestinationOptions): Destination {
  const client = opts.client ?? slackClient(opts.token ?? '', opts.slackApiUrl);
  const id = opts.id ?? `slack:${opts.channel}`;
  return {
    id,
    label: `Slack channel ${opts.channel}`,
    render: (digest: Digest): OutgoingMessage[] => {
      const m = renderSlackDigest(digest, { channel: opts.channel });
      return arrange(m.channel, m.thread, opts.maxChannelMessages ?? DEFAULT_CHANNEL_MESSAGES, wrap);
    },
    notice: (text: string): OutgoingMessage[] => [wrap(renderSlackNotice(text, opts.channel))],
    image: (image) => ({ platform: 'image', image }),
    split: splitSlack,
    async send(m: OutgoingMessage, ctx?: SendContext): Promise<SendResult> {
      if (m.platform === 'image') {
        try {
          const { filename, title, alt, pngBase64 } = m.image;
          await client.files.uploadV2({ channel_id: opts.channel, file: Buffer.from(pngBase64, 'base64'), filename, title, alt_text: alt });
          return { ok: true, remoteId: null };
        } catch (err) {
          return slackOutcome(err);
        }
      }
      if (m.platform !== 'slack') return wrongPlatform(id, m);
      try {
        const res = await client.chat.postMessage({ ...m.body, channel: opts.channel, ...(ctx?.threadOf ? { thread_ts: ctx.threadOf } : {}) });
        return { ok: true, remoteId: res.ts ?? null };
      } catch (err) {
        return slackOutcome(err);
      }
    },
  };
}

/**
 * Incoming webhook: the channel is fixed by the URL; the body is the same minus `channel`, with the
 * bot's name and picture (a webhook made by a Slack app posts as that app whatever it is told).
 */
export function slackWebhookDestination(url: string, id = `slack-webhook:${hostPath(url)}`, identity: BotIdentity = DEFAULT_IDENTITY): Destination {
  return {
    id,
    label: 'a Slack incoming webhook',
    // A webhook has no threads: the details follow in the channel.
    render: (digest: Digest): OutgoingMessage[] => {
      const m = renderSlackDigest(digest, { channel: '' });
      return [...m.channel, ...m.thread].map(wrap);
    },
    notice: (text: string): OutgoingMessage[] => [wrap(renderSlackNotice(text, ''))],
    split: splitSlack,
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (m.platform !== 'slack') return wrongPlatform(id, m);
      const { channel: _channel, ...body } = m.body;
      return postJson(url, { ...body, username: identity.name, ...(identity.avatarUrl ? { icon_url: identity.avatarUrl } : {}) }, () => null);
    },
  };
}

/** A short, secret-free name for a webhook URL: its host and the first path segment. */
export function hostPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname.split('/').slice(0, 3).join('/')}`;
  } catch {
    return 'invalid-url';
  }
}

/** POST JSON; the outcome from the status, the remote id from the answer when there is one. */
export async function postJson(url: string, body: unknown, idOf: (answer: unknown) => string | null): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    return { ok: false, kind: 'unavailable', detail: errorText(err) };
  }
  const text = await res.text().catch(() => '');
  if (res.ok) {
    let answer: unknown = null;
    try { answer = JSON.parse(text); } catch { /* Slack webhooks answer a bare "ok" */ }
    return { ok: true, remoteId: idOf(answer) };
  }
  let retry = parseRetryAfter(res.headers.get('retry-after'));
  if (retry === null && res.status === 429) {
    try { retry = capRetryAfter(Number((JSON.parse(text) as { retry_after?: number }).retry_after) * 1000 || null); } catch { /* no body */ }
  }
  return outcomeOfStatus(res.status, `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, retry);
}
