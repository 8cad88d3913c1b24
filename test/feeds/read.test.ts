import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readSource } from '../../src/feeds/read';

describe('readSource', () => {
  let dir: string;
  let server: Server;
  let base = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moonshot-read-'));
    server = createServer((req, res) => {
      if (req.url === '/feeds/latin.xml') {
        res.setHeader('content-type', 'application/rss+xml; charset=windows-1252');
        res.end(iconv.encode('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\u00e9 Wire</title><item><title>\u201cQuoted\u201d raise</title><link>posts/7</link></item></channel></rss>', 'windows-1252'));
      } else if (req.url === '/page') {
        res.setHeader('content-type', 'text/html');
        res.end('<!doctype html><html><head><title>x</title></head><body></body></html>');
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const fetch = { allowHosts: ['127.0.0.1'] };

  it('reads a feed over HTTP with the server charset and resolves links against the address', async () => {
    const r = await readSource(`${base}/feeds/latin.xml`, { fetch });
    if (!r.ok) throw new Error(r.error);
    expect(r.document.title).toBe('Café Wire');
    expect(r.document.entries[0]).toMatchObject({ title: '“Quoted” raise', url: `${base}/feeds/posts/7` });
  });

  it('says a web page is not a feed, in one line', async () => {
    expect(await readSource(`${base}/page`, { fetch })).toEqual({ source: `${base}/page`, ok: false, error: 'not a feed: the document is HTML (a web page?)' });
  });

  it('reads a file and reports an empty one and a missing one plainly', async () => {
    const good = join(dir, 'feed.txt');
    await writeFile(good, '{"version":"https://jsonfeed.org/version/1","title":"T","items":[{"id":"1","title":"x"}]}');
    const r = await readSource(good);
    expect(r.ok && r.document.format).toBe('json');
    const empty = join(dir, 'empty.xml');
    await writeFile(empty, '');
    expect(await readSource(empty)).toMatchObject({ ok: false, error: 'empty document' });
    expect(await readSource(join(dir, 'nope.xml'))).toMatchObject({ ok: false, error: expect.stringMatching(/^no such file/) });
  });
});
