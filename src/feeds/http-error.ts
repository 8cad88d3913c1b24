import { STATUS_CODES } from 'node:http';

/**
 * Why a fetch failed, as a caller would act on it:
 * - 'http': the server answered with an error status (see `status`, and `retryAfterMs` on 429/503);
 * - 'timeout': the overall or body deadline passed;
 * - 'too-large': the body, counted after decompression, passed the size cap;
 * - 'blocked': the address guard or the scheme check refused the URL;
 * - 'redirects': too many redirects, a loop, or a redirect without a usable Location;
 * - 'network': DNS, connection, TLS or a malformed response.
 */
export type FetchErrorKind = 'http' | 'timeout' | 'too-large' | 'blocked' | 'redirects' | 'network';

/** A failed fetch, with a one-line message a person can read and fields a scheduler can act on. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly kind: FetchErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The URL being fetched when it failed (the last hop for redirects). */
  readonly url?: string;

  constructor(kind: FetchErrorKind, message: string, extra: { status?: number; retryAfterMs?: number; url?: string } = {}) {
    super(message);
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
    if (extra.url !== undefined) this.url = extra.url;
  }
}

/** "HTTP 503 Service Unavailable (retry after 120 s)". */
export function httpStatusError(status: number, url: string, retryAfterMs: number | null): FetchError {
  const text = STATUS_CODES[status];
  const retry = retryAfterMs === null ? '' : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
  return new FetchError('http', `HTTP ${status}${text ? ` ${text}` : ''}${retry}`, {
    status,
    url,
    ...(retryAfterMs === null ? {} : { retryAfterMs }),
  });
}

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'DNS lookup failed (try again later)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the body stalled',
  HPE_INVALID_CONSTANT: 'not an HTTP response',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};

/** Any error from the network layer as a FetchError with one line of plain words. */
export function toFetchError(err: unknown, url: string): FetchError {
  const found = findFetchError(err);
  if (found) return found;
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = e && typeof e.code === 'string' ? e.code : '';
  const host = safeHost(url);
  const words = NETWORK_CODES[code];
  if (words) {
    const kind = code.endsWith('TIMEOUT') || code === 'ETIMEDOUT' ? 'timeout' : 'network';
    return new FetchError(kind, `${words}: ${host}`, { url });
  }
  const message = e && typeof e.message === 'string' ? e.message.split('\n')[0].trim() : String(err);
  return new FetchError('network', `could not fetch ${host}: ${message || 'unknown error'}`, { url });
}

/** undici wraps connector errors at times; the guard's FetchError is then in the cause chain. */
function findFetchError(err: unknown): FetchError | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof FetchError) return e;
  }
  return null;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
