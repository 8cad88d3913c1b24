// Documents written to cost: more items than any feed carries, nesting no feed needs, and bodies
// that would be quoted back into chat. Each costs its feed a bounded amount and a plain message.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parseFeed, FeedError } from '../../src/feeds/parse';
import { readSource } from '../../src/feeds/read';
import { DEFAULT_MAX_ITEMS } from '../../src/feeds/parse/options';
import { startLoopback } from '../helpers/loopback';

const ROOT = join(__dirname, '..', '..');

/** Runs the child in a heap of `heapMb` (the bench holds a run to 300 MB of RSS). */
function pollInChild(kind: 'rss' | 'json', heapMb: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [`--max-old-space-size=${heapMb}`, join(ROOT, 'bin/run-ts.js'), join(__dirname, 'child/poll-huge-feed.ts'), kind], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err });
    });
  });
}

describe('a feed of more items than any feed carries', () => {
  jest.setTimeout(120_000);

  it.each(['rss', 'json'] as const)('%s: one poll in a 256 MB heap reads the first items, says so, and remembers them', async (kind) => {
    const { code, out, err } = await pollInChild(kind, 256);
    expect(err).not.toMatch(/heap out of memory/i);
    expect(code).toBe(0);
    const r = JSON.parse(out) as { first: { polled: { status: string }[]; newItems: number; backfilled: number }; second: { newItems: number; backfilled: number }; log: string[]; bytes: number };
    expect(r.bytes).toBeGreaterThan(3_000_000);
    expect(r.first.polled.map((p) => p.status)).toEqual(['ok']);
    // A million {} are items without a link or id: as many as were read, they fold into one.
    expect(r.first.newItems + r.first.backfilled).toBe(kind === 'json' ? 1 : DEFAULT_MAX_ITEMS);
    expect(r.log.join('\n')).toMatch(kind === 'json' ? /has 1,000,000 items; only the first 2,000 were read/ : /has 150,000 items; only the first 2,000 were read/);
    // Marked seen: a restart or the next poll does not meet them again.
    expect(r.second.newItems + r.second.backfilled).toBe(0);
  });

  it('the cap can be set per call', async () => {
    const rss = `<rss version="2.0"><channel><title>t</title>${Array.from({ length: 30 }, (_, i) => `<item><title>Item ${i}</title><guid>g${i}</guid></item>`).join('')}</channel></rss>`;
    const doc = await parseFeed(rss, { maxItems: 10 });
    expect(doc.entries.map((e) => e.guid)).toEqual(Array.from({ length: 10 }, (_, i) => `g${i}`));
    expect(doc.warnings).toContain('the document has 30 items; only the first 10 were read');
  });
});

describe('nesting no feed needs', () => {
  it('100,000 nested elements are refused in plain words', async () => {
    const deep = `<rss version="2.0"><channel><title>t</title><item><title>x</title><description>${'<b>'.repeat(100_000)}y${'</b>'.repeat(100_000)}</description></item></channel></rss>`;
    const err = await parseFeed(deep).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect((err as FeedError).message).toBe('not a feed: the XML nests deeper than 512 elements (line 1)');
  });

  it('an unclosed run of elements too', async () => {
    const err = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom">${'<div>'.repeat(100_000)}`).then(() => null, (e: unknown) => e);
    expect((err as Error).message).toMatch(/^not a feed: the XML nests deeper than 512 elements/);
  });
});

describe('a body is never quoted back', () => {
  it('a JSON Feed that is not JSON says where, not what', async () => {
    expect((await parseFeed('{"items": [1, 2,\n  "x": 3]}').catch((e: Error) => e.message))).toMatch(/^not a feed: the JSON is malformed( \(line 2, column \d+\))?$/);
    const secret = '{"version": "https://jsonfeed.org/version/1.1", "password": hunter2, "items": []}';
    const server = await startLoopback((_req, res) => { res.writeHead(200, { 'content-type': 'application/feed+json' }); res.end(secret); });
    try {
      const r = await readSource(`${server.origin}/feed.json`, { fetch: { allowHosts: ['127.0.0.1'] } });
      expect(r.ok).toBe(false);
      const error = r.ok ? '' : r.error;
      expect(error).toMatch(/^not a feed: the JSON is malformed( \(line \d+, column \d+\))?$/);
      expect(error).not.toMatch(/hunter2|password/);
    } finally {
      await server.close();
    }
  });
});
