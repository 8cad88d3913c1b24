import type { Transform } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import { fetchFeed, type FetchOptions } from '../../src/feeds/fetch';
import { fetchFailure as failure } from '../helpers/fetch-failure';
import { startLoopback, type Loopback } from '../helpers/loopback';

const local: FetchOptions = { allowHosts: ['127.0.0.1'] };
const BOMB_SIZE = 10 * 1024 * 1024;
const CAP = 256 * 1024;

/**
 * Memory held in Buffers. A body is Buffers, which live outside the JS heap, so this is where a bomb
 * would show; heapUsed alone would miss it, and moves with whatever else jest is doing.
 */
const inUse = (): number => process.memoryUsage().arrayBuffers;

let server: Loopback;
let gzipBomb: Buffer;
let brBomb: Buffer;

/**
 * Compresses BOMB_SIZE zeros from one reused 64 KB block, so building the bomb leaves no 10 MB of
 * garbage behind for the collector to free mid-test and hide a real allocation.
 */
async function bomb(compressor: Transform): Promise<Buffer> {
  const zeros = Buffer.alloc(64 * 1024);
  const out: Buffer[] = [];
  compressor.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => compressor.on('end', resolve));
  for (let sent = 0; sent < BOMB_SIZE; sent += zeros.length) {
    if (!compressor.write(zeros)) await new Promise((resolve) => compressor.once('drain', resolve));
  }
  compressor.end();
  await done;
  return Buffer.concat(out);
}
const pending: NodeJS.Timeout[] = [];

beforeAll(async () => {
  gzipBomb = await bomb(createGzip({ level: 9 }));
  brBomb = await bomb(createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  server = await startLoopback((req, res) => {
    const path = req.url ?? '/';
    if (path === '/bomb.gz' || path === '/bomb.br') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': path.endsWith('gz') ? 'gzip' : 'br' });
      return void res.end(path.endsWith('gz') ? gzipBomb : brBomb);
    }
    if (path === '/big') {
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(CAP + 1) });
      return void res.end(Buffer.alloc(CAP + 1, 0x20));
    }
    if (path === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      for (let i = 0; i < 8; i++) res.write(Buffer.alloc(64 * 1024, 0x20));
      return void res.end();
    }
    if (path === '/trickle') {
      // Headers at once, then one byte every 2 s: never idle long enough for an idle timeout.
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write('<');
      const tick = setInterval(() => res.write(' '), 2000);
      pending.push(tick);
      res.on('close', () => clearInterval(tick));
      return;
    }
    if (path === '/silent') return; // never answers
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      if (n === 0) {
        res.writeHead(200, { 'content-type': 'text/xml' });
        return void res.end('<rss/>');
      }
      // Relative Locations, as many servers send them.
      res.writeHead(n % 2 ? 301 : 302, { location: `/hop/${n - 1}` });
      return void res.end();
    }
    if (path === '/loop/a' || path === '/loop/b') {
      res.writeHead(307, { location: path === '/loop/a' ? `${server.origin}/loop/b` : '/loop/a' });
      return void res.end();
    }
    if (path === '/no-location') {
      res.writeHead(302);
      return void res.end();
    }
    res.writeHead(404);
    res.end();
  });
});
afterAll(async () => {
  pending.forEach(clearInterval);
  await server.close();
});

describe('size cap, counted after decompression', () => {
  it.each(['/bomb.gz', '/bomb.br'])('cuts the 10 MB bomb %s at the cap without inflating it in memory', async (path) => {
    const before = inUse();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 1);
    const err = await failure(fetchFeed(`${server.origin}${path}`, { ...local, maxBytes: CAP }));
    clearInterval(sampler);
    peak = Math.max(peak, inUse());
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe(`the body is larger than 256 KB: ${server.origin}${path}`);
    // Inflating the whole bomb would hold 10 MB; cutting it at the cap holds a few hundred KB.
    expect(peak - before).toBeLessThan(BOMB_SIZE / 3);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const err = await failure(fetchFeed(`${server.origin}/big`, { ...local, maxBytes: CAP }));
    expect(err.kind).toBe('too-large');
  });

  it('cuts a chunked body without a length at the cap', async () => {
    const err = await failure(fetchFeed(`${server.origin}/big-chunked`, { ...local, maxBytes: CAP }));
    expect(err.kind).toBe('too-large');
  });

  it('lets a body under the cap through', async () => {
    const res = await fetchFeed(`${server.origin}/big-chunked`, { ...local, maxBytes: 1024 * 1024 });
    expect(res.kind === 'ok' && res.bytes.length).toBe(8 * 64 * 1024);
  });
});

describe('deadlines', () => {
  it('cuts a body that trickles a byte every 2 s at the body deadline', async () => {
    const err = await failure(fetchFeed(`${server.origin}/trickle`, { ...local, bodyTimeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(`timed out after 300 ms reading the body of ${server.origin}/trickle`);
  });

  it('gives up on a server that never answers at the overall deadline', async () => {
    const err = await failure(fetchFeed(`${server.origin}/silent`, { ...local, timeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(`timed out after 300 ms fetching ${server.origin}/silent`);
  });

  it('the overall deadline also covers a trickling body', async () => {
    const err = await failure(fetchFeed(`${server.origin}/trickle`, { ...local, timeoutMs: 300, bodyTimeoutMs: 60_000 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/^timed out after 300 ms fetching /);
  });
});

describe('redirects, followed by hand', () => {
  it('follows up to five, relative Locations included, and reports the final URL', async () => {
    const res = await fetchFeed(`${server.origin}/hop/5`, local);
    expect(res).toMatchObject({ kind: 'ok', url: `${server.origin}/hop/0` });
  });

  it('refuses an 11-hop chain after the fifth redirect', async () => {
    const before = server.hits;
    const err = await failure(fetchFeed(`${server.origin}/hop/11`, local));
    expect(err.kind).toBe('redirects');
    expect(err.message).toBe(`refused: more than 5 redirects (stopped at ${server.origin}/hop/6)`);
    expect(server.hits - before).toBe(6);
  });

  it('honours a lower maxRedirects', async () => {
    const err = await failure(fetchFeed(`${server.origin}/hop/2`, { ...local, maxRedirects: 1 }));
    expect(err.message).toMatch(/^refused: more than 1 redirects/);
  });

  it('refuses a redirect loop as soon as it comes round', async () => {
    const err = await failure(fetchFeed(`${server.origin}/loop/a`, local));
    expect(err.kind).toBe('redirects');
    expect(err.message).toBe(`refused: redirect loop (${server.origin}/loop/a was visited already)`);
  });

  it('says so when a redirect has no Location', async () => {
    const err = await failure(fetchFeed(`${server.origin}/no-location`, local));
    expect(err.message).toBe(`HTTP 302 redirect without a Location header: ${server.origin}/no-location`);
  });
});
