import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { createAddressGuard, portOf, type AddressGuard, type HostLookup } from './guard';
import { createGuardedAgent } from './http-agent';
import { readBoundedBody, formatBytes, formatMs } from './http-body';
import { FetchError, httpStatusError, toFetchError } from './http-error';
import { parseRetryAfter } from './retry-after';

export { FetchError, type FetchErrorKind } from './http-error';

/** How one fetch may behave. Everything is passed in; nothing is read from globals or the environment. */
export interface FetchOptions {
  /** Validators from the last fetch of this URL: sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  /** The whole fetch, every redirect hop and the body included. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** The whole body, from the response headers to the last byte. */
  bodyTimeoutMs?: number;
  /** Cap on the body, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Hosts, addresses or CIDR ranges the address guard lets through, e.g. ['127.0.0.1', 'localhost']. */
  allowHosts?: readonly string[];
  /** The address guard; on unless a trusted set-up turns it off. */
  guard?: boolean;
  /**
   * Limits allowHosts to the host and port of this URL (an article page's feed): anywhere else, and
   * after any redirect away from it, only public addresses are fetched.
   */
  allowListScope?: string | null;
  /** Name resolution, for tests that need a name to resolve somewhere in particular. */
  lookup?: HostLookup;
}

export type FetchSettings = Required<Omit<FetchOptions, 'etag' | 'lastModified' | 'lookup' | 'allowListScope'>>;

export const DEFAULT_FETCH_OPTIONS: Readonly<FetchSettings> = Object.freeze({
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Moonshot/0.1 (+https://github.com/moonshot-bot/moonshot)',
  allowHosts: [],
  guard: true,
});

export type FetchResult =
  | {
      kind: 'ok';
      /** The final URL, after redirects. */
      url: string;
      status: number;
      bytes: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { kind: 'not-modified'; url: string; status: 304; etag: string | null; lastModified: string | null };

const ACCEPT =
  'application/rss+xml, application/rdf+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a feed over HTTP(S) with limits: an overall deadline and a body deadline, a size cap after
 * decompression, redirects followed by hand (each hop guarded), and a conditional GET. Fails with a
 * FetchError whose message is one plain line.
 */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const settings = withDefaults(options);
  const guard = createAddressGuard({
    enabled: settings.guard,
    allowHosts: settings.allowHosts,
    scope: scopeOf(options.allowListScope),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const agent = createGuardedAgent(guard, settings);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new FetchError('timeout', `timed out after ${formatMs(settings.timeoutMs)} fetching ${url}`, { url })),
    settings.timeoutMs,
  );
  const progress = { current: url };
  let done = false;
  try {
    const result = await follow(url, options, settings, guard, agent, controller.signal, progress);
    done = true;
    return result;
  } catch (err) {
    throw toFetchError(controller.signal.aborted ? controller.signal.reason : err, progress.current);
  } finally {
    clearTimeout(timer);
    // A body read to its end leaves nothing in flight: closing lets its socket go without the error
    // (and stack) that destroying an agent makes; after a failure whatever is left is torn down.
    (done ? agent.close() : agent.destroy()).catch(() => undefined);
  }
}

async function follow(
  start: string,
  options: FetchOptions,
  settings: FetchSettings,
  guard: AddressGuard,
  dispatcher: Dispatcher,
  signal: AbortSignal,
  progress: { current: string },
): Promise<FetchResult> {
  let target = parseTarget(start);
  const visited = new Set<string>();
  for (let hop = 0; ; hop++) {
    progress.current = target.href;
    visited.add(target.href);
    // Judged here too (the connector judges again) so a refusal names the URL and not a socket.
    const refused = guard.checkHost(target.hostname, portOf(target));
    if (refused) throw refused;

    const res = await request(target, { dispatcher, method: 'GET', headers: requestHeaders(options, settings), signal });
    const status = res.statusCode;

    if (REDIRECTS.has(status)) {
      discard(res.body);
      const next = redirectTarget(target, header(res.headers, 'location'), status);
      if (visited.has(next.href)) throw new FetchError('redirects', `refused: redirect loop (${next.href} was visited already)`, { url: target.href, status });
      if (hop + 1 > settings.maxRedirects) {
        throw new FetchError('redirects', `refused: more than ${settings.maxRedirects} redirects (stopped at ${target.href})`, { url: target.href, status });
      }
      target = next;
      continue;
    }

    // Some servers drop the validators from a 304; the ones sent still hold then.
    const etag = header(res.headers, 'etag') ?? (status === 304 ? (options.etag ?? null) : null);
    const lastModified = header(res.headers, 'last-modified') ?? (status === 304 ? (options.lastModified ?? null) : null);

    if (status === 304) {
      discard(res.body);
      return { kind: 'not-modified', url: target.href, status, etag, lastModified };
    }
    if (status < 200 || status > 299) {
      discard(res.body);
      const retryAfter = status === 429 || status === 503 ? parseRetryAfter(res.headers['retry-after']) : null;
      throw httpStatusError(status, target.href, retryAfter);
    }

    const encoding = header(res.headers, 'content-encoding');
    const declared = Number(header(res.headers, 'content-length'));
    if (!encoding && Number.isFinite(declared) && declared > settings.maxBytes) {
      discard(res.body);
      throw new FetchError('too-large', `the body is larger than ${formatBytes(settings.maxBytes)}: ${target.href}`, { url: target.href, status });
    }
    const bytes = await readBoundedBody(res.body, {
      contentEncoding: encoding,
      maxBytes: settings.maxBytes,
      deadlineMs: settings.bodyTimeoutMs,
      signal,
      url: target.href,
    });
    return { kind: 'ok', url: target.href, status, bytes, contentType: header(res.headers, 'content-type'), etag, lastModified };
  }
}

/** Drops a body unread; undici reports a body destroyed early as an error, which nobody needs to hear. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function scopeOf(url: string | null | undefined): { hostname: string; port: number } | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return { hostname: u.hostname, port: portOf(u) };
  } catch {
    // An unreadable scope opens nothing: only public addresses are fetched.
    return { hostname: '', port: 0 };
  }
}

function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('blocked', `not a valid URL: ${raw}`);
  }
  return checkScheme(url);
}

function redirectTarget(from: URL, location: string | null, status: number): URL {
  if (!location) throw new FetchError('redirects', `HTTP ${status} redirect without a Location header: ${from.href}`, { url: from.href, status });
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchError('redirects', `HTTP ${status} redirect to an unreadable address: ${location}`, { url: from.href, status });
  }
  next.hash = '';
  return checkScheme(next);
}

function checkScheme(url: URL): URL {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('blocked', `refused: only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}: ${url.href}`, { url: url.href });
  }
  url.hash = '';
  return url;
}

function requestHeaders(options: FetchOptions, settings: FetchSettings): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': settings.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

function withDefaults(options: FetchOptions): FetchSettings {
  const settings: FetchSettings = { ...DEFAULT_FETCH_OPTIONS };
  for (const key of Object.keys(settings) as (keyof FetchSettings)[]) {
    const value = options[key];
    if (value !== undefined) (settings as Record<keyof FetchSettings, unknown>)[key] = value;
  }
  return settings;
}
