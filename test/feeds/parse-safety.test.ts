import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFeed } from '../../src/feeds/parse';

// Output size is the measure: an expanded bomb would be gigabytes, so a small document proves no expansion.
const size = (o: unknown): number => JSON.stringify(o).length;

describe('entity expansion', () => {
  it('never expands a billion-laughs DTD', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>Fine</title><description>&lol9;&lol9;</description></item></channel></rss>`;
    const doc = await parseFeed(bomb);
    expect(size(doc)).toBeLessThan(2000);
    expect(doc.entries.map((e) => e.title)).toEqual(['Fine']);
    expect(doc.warnings.join(' ')).toMatch(/entity declarations in the DOCTYPE were ignored/);
  });

  it('never multiplies one large entity referenced many times', async () => {
    const big = 'x'.repeat(100_000);
    const refs = '&big;'.repeat(10_000);
    const doc = await parseFeed(`<!DOCTYPE rss [<!ENTITY big "${big}">]><rss><channel><item><title>t</title><description>${refs}</description></item></channel></rss>`);
    expect(size(doc)).toBeLessThan(200_000);
  });

  it('reads a flood of character references in linear space', async () => {
    const flood = '&#65;'.repeat(200_000);
    const doc = await parseFeed(`<rss><channel><item><title>${flood}</title></item></channel></rss>`);
    expect(doc.entries[0].title).toHaveLength(200_000);
    expect(doc.entries[0].title.startsWith('AAAA')).toBe(true);
  });
});

describe('external entities', () => {
  let server: Server;
  let hits = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end('SECRET');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('never fetches a SYSTEM entity or an external DTD', async () => {
    const feed = `<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "http://127.0.0.1:${port}/rss.dtd" [
  <!ENTITY ext SYSTEM "http://127.0.0.1:${port}/secret">
  <!ENTITY % pe SYSTEM "http://127.0.0.1:${port}/pe"> %pe;
]>
<rss version="2.0"><channel><title>t</title><item><title>a &ext; b</title></item></channel></rss>`;
    const doc = await parseFeed(feed);
    await new Promise((r) => setTimeout(r, 100)); // give any stray request time to land
    expect(hits).toBe(0);
    expect(JSON.stringify(doc)).not.toContain('SECRET');
    expect(doc.entries).toHaveLength(1);
  });
});
