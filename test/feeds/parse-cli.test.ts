import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLoopback } from '../helpers/loopback';
import { parseCommand } from '../../src/cli/parse';
import { UsageError } from '../../src/cli/io';

const fixtures = join(__dirname, '..', 'fixtures', 'feeds');
const run = async (argv: string[]): Promise<{ code: number; out: string }> => {
  let out = '';
  const code = await parseCommand(argv, { out: (t) => { out += t; }, err: () => undefined });
  return { code, out };
};

describe('moonshot parse', () => {
  it('prints one JSON line per source, in the order given, and exits 1 when one failed', async () => {
    const sources = [join(fixtures, 'atom10.xml'), join(fixtures, 'missing.xml'), join(fixtures, 'json11.json'), join(fixtures, 'rdf.xml')];
    const { code, out } = await run(['--format', 'json', ...sources]);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.source)).toEqual(sources);
    expect(lines.map((l) => l.ok)).toEqual([true, false, true, true]);
    expect(lines.map((l) => l.format)).toEqual(['atom', undefined, 'json', 'rdf']);
    expect(lines[0].title).toBe('Ridge <Capital> Notes');
    expect(lines[0].items[0]).toMatchObject({ title: 'Kestrel raises $300 million', url: 'https://atom.example.com/blog/posts/kestrel', guid: 'tag:atom.example.com,2025:kestrel', published: '2025-06-01T15:00:00.000Z' });
    expect(lines[1].error).toMatch(/^no such file/);
    expect(code).toBe(1);
  });

  it('exits 0 when every source was read and prints markdown for a person by default', async () => {
    const { code, out } = await run([join(fixtures, 'rss20.xml')]);
    expect(code).toBe(0);
    expect(out).toContain('## Orbit & Ledger Weekly (rss, 3 items)');
    expect(out).toContain('- AT&T-backed startup files for IPO (2025-06-04) <https://news.example.com/2025/06/ipo>');
  });

  it('refuses an unknown format or no sources as a usage error', async () => {
    await expect(run(['--format', 'xml', 'a.xml'])).rejects.toBeInstanceOf(UsageError);
    await expect(run([])).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses a private address unless --allow-host names it', async () => {
    const server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(readFileSync(join(fixtures, 'rss20.xml')));
    });
    try {
      const refused = await run(['--format', 'json', `${server.origin}/feed.xml`]);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.out).error).toMatch(/127\.0\.0\.1/);
      expect(server.hits).toBe(0);
      const allowed = await run(['--format', 'json', '--allow-host', '127.0.0.1', `${server.origin}/feed.xml`]);
      expect(allowed.code).toBe(0);
      expect(JSON.parse(allowed.out).title).toBe('Orbit & Ledger Weekly');
    } finally {
      await server.close();
    }
  });
});
