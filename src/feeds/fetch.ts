// Placeholder fetcher: replaced by the guarded, bounded fetcher (see issue 2).
export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { kind: 'ok'; url: string; bytes: Buffer; contentType: string | null; etag: string | null; lastModified: string | null }
  | { kind: 'not-modified'; url: string; etag: string | null; lastModified: string | null };

export async function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const headers: Record<string, string> = {};
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const res = await fetch(url, { headers });
  const etag = res.headers.get('etag');
  const lastModified = res.headers.get('last-modified');
  if (res.status === 304) return { kind: 'not-modified', url, etag, lastModified };
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return { kind: 'ok', url: res.url, bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type'), etag, lastModified };
}
