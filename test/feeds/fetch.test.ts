import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { DEFAULT_FETCH_OPTIONS, fetchFeed, type FetchOptions } from '../../src/feeds/fetch';
import { fetchFailure as failure } from '../helpers/fetch-failure';
import { startLoopback, type Loopback } from '../helpers/loopback';

// Written for these tests: a tiny feed about a made-up round.
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>
<item><title>Orbitline raises $40M Series B</title><link>https://news.test/orbitline</link></item>
</channel></rss>`;
const ETAG = '"v1-orbitline"';
const LAST_MODIFIED = 'Tue, 04 Mar 2025 09:30:00 GMT';

const local: FetchOptions = { allowHosts: ['127.0.0.1'] };

let server: Loopback;

beforeAll(async () => {
  server = await startLoopback((req, res) => {
    const path = req.url ?? '/';
    if (path === '/feed') {
      if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED });
      return void res.end(FEED);
    }
    if (path === '/bare-304') {
      // A 304 without validators: some servers do this.
      res.writeHead(req.headers['if-none-match'] ? 304 : 200, { 'content-type': 'text/xml' });
      return void res.end(req.headers['if-none-match'] ? undefined : FEED);
    }
    const encoded: Record<string, [string, Buffer]> = {
      '/gzip': ['gzip', gzipSync(FEED)],
      '/deflate': ['deflate', deflateSync(FEED)],
      '/deflate-raw': ['deflate', deflateRawSync(FEED)],
      '/br': ['br', brotliCompressSync(FEED)],
      '/gzip-then-br': ['gzip, br', brotliCompressSync(gzipSync(FEED))],
      '/zstd': ['zstd', Buffer.from('not really zstd')],
    };
    if (encoded[path]) {
      const [coding, body] = encoded[path];
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': coding });
      return void res.end(body);
    }
    if (path === '/busy') {
      res.writeHead(429, { 'retry-after': '120' });
      return void res.end('slow down');
    }
    if (path === '/down') {
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() });
      return void res.end('maintenance');
    }
    if (path === '/down-no-hint') {
      res.writeHead(503);
      return void res.end();
    }
    res.writeHead(404);
    res.end();
  });
});
afterAll(() => server.close());

describe('a plain fetch', () => {
  it('returns the bytes, type and validators, and names the bot in User-Agent', async () => {
    const res = await fetchFeed(`${server.origin}/feed`, local);
    expect(res.kind).toBe('ok');
    if (res.kind !== 'ok') return;
    expect(res.bytes.toString('utf8')).toBe(FEED);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(res.etag).toBe(ETAG);
    expect(res.lastModified).toBe(LAST_MODIFIED);
    const sent = server.requests[server.requests.length - 1].headers;
    expect(sent['user-agent']).toBe(DEFAULT_FETCH_OPTIONS.userAgent);
    expect(sent['user-agent']).toMatch(/^Moonshot\/\S+ \(\+https:\/\/\S+\)$/);
    expect(sent['accept-encoding']).toMatch(/gzip/);
  });

  it('an unknown path is a plain HTTP error with its status', async () => {
    const err = await failure(fetchFeed(`${server.origin}/nothing`, local));
    expect(err).toMatchObject({ kind: 'http', status: 404, message: 'HTTP 404 Not Found' });
    expect(err.retryAfterMs).toBeUndefined();
  });
});

describe('conditional GET', () => {
  it('sends the ETag back and hears 304 as not-modified, with the validators handed back', async () => {
    const first = await fetchFeed(`${server.origin}/feed`, local);
    if (first.kind !== 'ok') throw new Error('first fetch should be ok');
    const second = await fetchFeed(`${server.origin}/feed`, { ...local, etag: first.etag });
    expect(second).toEqual({ kind: 'not-modified', url: `${server.origin}/feed`, status: 304, etag: ETAG, lastModified: LAST_MODIFIED });
    expect(server.requests[server.requests.length - 1].headers['if-none-match']).toBe(ETAG);
  });

  it('sends Last-Modified back as If-Modified-Since', async () => {
    const res = await fetchFeed(`${server.origin}/feed`, { ...local, lastModified: LAST_MODIFIED });
    expect(res.kind).toBe('not-modified');
    const sent = server.requests[server.requests.length - 1].headers;
    expect(sent['if-modified-since']).toBe(LAST_MODIFIED);
    expect(sent['if-none-match']).toBeUndefined();
  });

  it('keeps the validators it sent when a 304 carries none', async () => {
    const res = await fetchFeed(`${server.origin}/bare-304`, { ...local, etag: '"old"', lastModified: LAST_MODIFIED });
    expect(res).toMatchObject({ kind: 'not-modified', etag: '"old"', lastModified: LAST_MODIFIED });
  });
});

describe('content encodings', () => {
  it.each(['/gzip', '/deflate', '/deflate-raw', '/br', '/gzip-then-br'])('decodes %s', async (path) => {
    const res = await fetchFeed(`${server.origin}${path}`, local);
    expect(res.kind === 'ok' && res.bytes.toString('utf8')).toBe(FEED);
  });

  it('refuses an encoding it cannot read, in plain words', async () => {
    const err = await failure(fetchFeed(`${server.origin}/zstd`, local));
    expect(err.message).toBe('the server sent an encoding this bot cannot read: zstd');
  });
});

describe('Retry-After', () => {
  it('hands back delta-seconds on 429', async () => {
    const err = await failure(fetchFeed(`${server.origin}/busy`, local));
    expect(err).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 120_000 });
    expect(err.message).toBe('HTTP 429 Too Many Requests (retry after 120 s)');
  });

  it('hands back an HTTP date on 503 as milliseconds from now', async () => {
    const err = await failure(fetchFeed(`${server.origin}/down`, local));
    expect(err).toMatchObject({ kind: 'http', status: 503 });
    // The header has one-second resolution, so allow for the second lost to rounding and the trip.
    expect(err.retryAfterMs).toBeGreaterThan(80_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(90_000);
    expect(err.message).toMatch(/^HTTP 503 Service Unavailable \(retry after (8\d|90) s\)$/);
  });

  it('says nothing of retrying when the server gives no hint', async () => {
    const err = await failure(fetchFeed(`${server.origin}/down-no-hint`, local));
    expect(err.message).toBe('HTTP 503 Service Unavailable');
    expect(err.retryAfterMs).toBeUndefined();
  });
});

describe('schemes', () => {
  it.each(['file:///etc/passwd', 'ftp://127.0.0.1/feed.xml', 'data:text/xml,<rss/>', 'gopher://127.0.0.1/'])('refuses %s', async (url) => {
    const err = await failure(fetchFeed(url, { ...local, guard: false }));
    expect(err.kind).toBe('blocked');
    expect(err.message).toMatch(/^refused: only http and https URLs can be fetched, not [a-z]+: /);
  });

  it('refuses a string that is not a URL', async () => {
    const err = await failure(fetchFeed('not a url', local));
    expect(err.message).toBe('not a valid URL: not a url');
  });
});
