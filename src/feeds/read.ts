import { readFile } from 'node:fs/promises';
import type { SourceResult } from '../types';
import { decodeFeedBytes } from './decode';
import { fetchFeed, type FetchOptions } from './fetch';
import { parseFeed } from './parse';
import { isFeedUrl, looksLikeUrl } from './feed-url';

export interface ReadOptions {
  fetch?: FetchOptions;
  /**
   * Whether a source that is not a URL is read as a local file: for the CLI's `scan` and `parse`
   * (default), never for a source that came from chat, OPML or a feed.
   */
  localFiles?: boolean;
  /** The reference time for rejecting dates in the future (default: the clock). */
  now?: Date;
}

/** Reads one source (an http(s) URL or a local path) into a parsed feed, or a plain-words error. */
export async function readSource(source: string, opts: ReadOptions = {}): Promise<SourceResult> {
  try {
    let bytes: Buffer;
    let contentType: string | null = null;
    let baseUrl: string | null = null;
    if (isFeedUrl(source)) {
      const res = await fetchFeed(source, opts.fetch);
      if (res.kind === 'not-modified') return { source, ok: false, error: 'not modified since the last fetch' };
      bytes = res.bytes;
      contentType = res.contentType;
      baseUrl = res.url || source;
    } else if (looksLikeUrl(source)) {
      return { source, ok: false, error: `not an http(s) URL: ${source}` };
    } else if (opts.localFiles === false) {
      return { source, ok: false, error: `not an http(s) URL (local files are read only from the command line): ${source}` };
    } else {
      bytes = await readFile(source);
    }
    const document = await parseFeed(decodeFeedBytes(bytes, contentType), { baseUrl, now: opts.now });
    return { source, ok: true, document, fetchedAt: new Date().toISOString() };
  } catch (err) {
    return { source, ok: false, error: plainError(err) };
  }
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
