// Reading a feed: fetch (or a local file), decode, parse. The one path every reader takes (the poll,
// `scan`, `parse`, `feeds add` and `feeds test`, the bench), so a feed reads the same in each: links
// made absolute against the address the feed was fetched from, dates judged against one clock.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { FeedDocument, SourceResult } from '../types';
import { decodeFeedBytes } from './decode';
import { fetchFeed, type FetchOptions, type FetchResult } from './fetch';
import { parseFeed } from './parse';
import { isFeedUrl, looksLikeUrl } from './feed-url';
import { capRetryAfter } from './retry-after';

export interface ReadOptions {
  fetch?: FetchOptions;
  /** How a URL is fetched (default fetchFeed; tests and the bench pass their own). */
  fetchFn?: (url: string, options: FetchOptions) => Promise<FetchResult>;
  /**
   * Whether a source that is not a URL is read as a local file: for the CLI's `scan` and `parse`
   * (default), never for a source that came from chat, OPML or a feed.
   */
  localFiles?: boolean;
  /** The reference time for rejecting dates in the future (default: the clock). */
  now?: Date;
  /** Items read from one document (default: the parser's cap). */
  maxItems?: number;
  /**
   * The body hash of the document last read from this feed: a body with the same hash is not parsed
   * again (read as 'unchanged'). Many servers answer 200 with the same bytes instead of a 304.
   */
  bodyHash?: string | null;
}

/** What reading one feed gave: a document with the validators for the next conditional GET, a 304,
 *  or a failure in plain words (with the wait the server asked for, if any). */
export type FeedRead =
  | { kind: 'doc'; document: FeedDocument; etag: string | null; lastModified: string | null; bodyHash: string | null }
  | { kind: 'not-modified' }
  | { kind: 'unchanged'; etag: string | null; lastModified: string | null; bodyHash: string }
  | { kind: 'error'; message: string; retryAfterMs: number | null };

/** Feed bytes to a document: decoded (BOM, Content-Type charset, XML declaration), then parsed with
 *  `baseUrl` (where they were fetched from) as the last base for relative links. */
export async function documentOf(bytes: Buffer, contentType: string | null, opts: { baseUrl?: string | null; now?: Date; maxItems?: number } = {}): Promise<FeedDocument> {
  return parseFeed(decodeFeedBytes(bytes, contentType), { baseUrl: opts.baseUrl ?? null, now: opts.now, maxItems: opts.maxItems });
}

/** Reads one source (an http(s) URL or a local path) into a parsed feed. Never throws. */
export async function readFeed(source: string, opts: ReadOptions = {}): Promise<FeedRead> {
  try {
    const parse = { now: opts.now, maxItems: opts.maxItems };
    if (isFeedUrl(source)) {
      const res = await (opts.fetchFn ?? fetchFeed)(source, opts.fetch ?? {});
      if (res.kind === 'not-modified') return { kind: 'not-modified' };
      const bodyHash = hashBody(res.bytes);
      if (opts.bodyHash && opts.bodyHash === bodyHash) return { kind: 'unchanged', etag: res.etag, lastModified: res.lastModified, bodyHash };
      const document = await documentOf(res.bytes, res.contentType, { ...parse, baseUrl: res.url || source });
      return { kind: 'doc', document, etag: res.etag, lastModified: res.lastModified, bodyHash };
    }
    if (looksLikeUrl(source)) return failed(`not an http(s) URL: ${source}`);
    if (opts.localFiles === false) return failed(`not an http(s) URL (local files are read only from the command line): ${source}`);
    return { kind: 'doc', document: await documentOf(await readFile(source), null, parse), etag: null, lastModified: null, bodyHash: null };
  } catch (err) {
    const asked = (err as { retryAfterMs?: unknown }).retryAfterMs;
    const retry = typeof asked === 'number' ? capRetryAfter(asked) : null;
    return { kind: 'error', message: plainError(err), retryAfterMs: retry && retry > 0 ? retry : null };
  }
}

/** The same bytes give the same hash; the final URL is not part of it (a feed that moves is read again anyway). */
const hashBody = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('base64url').slice(0, 32);

const failed = (message: string): FeedRead => ({ kind: 'error', message, retryAfterMs: null });

/** readFeed for a reader that fetches once (no validators to keep): a document or a plain-words error. */
export async function readSource(source: string, opts: ReadOptions = {}): Promise<SourceResult> {
  const r = await readFeed(source, opts);
  if (r.kind === 'doc') return { source, ok: true, document: r.document, fetchedAt: new Date().toISOString() };
  return { source, ok: false, error: r.kind === 'error' ? r.message : 'not modified since the last fetch' };
}

/** One line of plain words from any thrown value: never a stack trace. */
export function plainError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'ENOENT') return `no such file: ${e.path ?? ''}`.trim();
  if (e && e.code === 'EISDIR') return 'a directory, not a feed file';
  if (e && e.code === 'EACCES') return `permission denied: ${e.path ?? ''}`.trim();
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].trim() || 'unknown error';
}
