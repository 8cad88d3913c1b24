import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { fetchFeed } from '../../src/feeds/fetch';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/feeds/retry-after';
import { fetchFailure as failure } from '../helpers/fetch-failure';
import { startLoopback } from '../helpers/loopback';

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-04T09:30:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Tue, 04 Mar 2025 09:32:00 GMT', 120_000],
    ['Tue, 04 Mar 2025 09:00:00 GMT', 0], // already past: retry now
    ['soon', null],
    ['1.5', 1500],
    ['99999999999999999999', MAX_RETRY_AFTER_MS], // past a day: held at a day
    ['Fri, 31 Dec 9999 23:59:59 GMT', MAX_RETRY_AFTER_MS],
    ['-5', null],
    ['', null],
  ])('%j -> %j', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('reads the first of repeated headers and nothing from none', () => {
    expect(parseRetryAfter(['30', '60'], now)).toBe(30_000);
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('network failures read as one plain line', () => {
  it('a refused connection', async () => {
    const port = await closedPort();
    const err = await failure(fetchFeed(`http://127.0.0.1:${port}/feed`, { allowHosts: ['127.0.0.1'] }));
    expect(err).toMatchObject({ kind: 'network', message: `connection refused: 127.0.0.1:${port}` });
  });

  it('a name that does not resolve', async () => {
    const lookup = async (hostname: string): Promise<never> => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    };
    const err = await failure(fetchFeed('http://no-such-feed.test/rss', { lookup }));
    expect(err).toMatchObject({ kind: 'network', message: 'no such host: no-such-feed.test' });
  });

  it('a server that is not speaking HTTP', async () => {
    const sockets: Socket[] = [];
    const raw = createServer((socket) => {
      sockets.push(socket);
      socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', () => resolve()));
    const { port } = raw.address() as AddressInfo;
    try {
      const err = await failure(fetchFeed(`http://127.0.0.1:${port}/`, { allowHosts: ['127.0.0.1'] }));
      expect(err.kind).toBe('network');
      expect(err.message).not.toMatch(/\n|\bat .*\.js:\d+/);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => raw.close(resolve));
    }
  });
});

describe('allowHosts entries are read as the URL parser reads hosts', () => {
  it('a decimal spelling in the allowlist opens 127.0.0.1', async () => {
    const server = await startLoopback((_req, res) => res.end('<rss/>'));
    try {
      const res = await fetchFeed(`${server.origin}/feed`, { allowHosts: ['2130706433'] });
      expect(res.kind).toBe('ok');
    } finally {
      await server.close();
    }
  });
});
