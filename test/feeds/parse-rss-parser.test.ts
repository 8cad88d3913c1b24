// rss-parser reads XML feeds first; the lenient reader takes over where rss-parser throws, where the
// feed has what it misreads, or where its result looks wrong, and the warnings say why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed, parseFeedSync } from '../../src/feeds/parse';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name), 'utf8');
const now = new Date('2025-06-10T00:00:00Z');
const rss = (items: string, attrs = ' version="2.0"'): string => `<rss${attrs}><channel><title>Ledger</title><link>https://ledger.example/</link>${items}</channel></rss>`;

describe('rss-parser as the first reader', () => {
  it.each(['rss20.xml', 'rss091.xml', 'rdf.xml'])('reads the well-formed %s itself, exactly as the lenient reader would', async (name) => {
    const doc = await parseFeed(fixture(name), { now });
    expect(doc.warnings).toEqual([]);
    const { warnings: _, ...lenient } = parseFeedSync(fixture(name), { now });
    expect(doc).toEqual({ ...lenient, warnings: [] });
  });

  it('reads well-formed Atom 1.0 itself', async () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Seed &lt;b&gt;notes&lt;/b&gt;</title>
      <link rel="self" href="https://seed.example/atom"/><link href="https://seed.example/"/>
      <entry><title>Nimbus raises $12M</title><id>urn:n:1</id><updated>2025-06-01T09:00:00Z</updated>
        <link rel="enclosure" href="https://seed.example/a.mp3"/><link href="/posts/nimbus"/>
        <author><name>Rui Alves</name></author><content type="html">&lt;p&gt;Led by Ember.&lt;/p&gt;</content></entry></feed>`;
    const doc = await parseFeed(feed, { now });
    expect(doc.warnings).toEqual([]);
    expect(doc.title).toBe('Seed notes');
    expect(doc.entries).toEqual([{
      title: 'Nimbus raises $12M', url: 'https://seed.example/posts/nimbus', guid: 'urn:n:1', published: '2025-06-01T09:00:00.000Z',
      summary: '', content: '<p>Led by Ember.</p>', author: 'Rui Alves',
    }]);
    expect(doc.entries).toEqual(parseFeedSync(feed, { now }).entries);
  });
});

describe('the lenient reader takes over, and says why', () => {
  const cases: [string, string, RegExp, string[]][] = [
    ['a bare &', rss('<item><title>Salt & Pepper AI raises $3M</title></item>'), /rss-parser could not read it \(unescaped & in line 1\)/, ['Salt & Pepper AI raises $3M']],
    ['a missing version', rss('<item><title>Quill seed</title></item>', ''), /rss-parser could not read it \(.*missing or unknown version/, ['Quill seed']],
    ['mixed-case tags', rss('<Item><Title>Orchid Series A</Title></Item>'), /case-sensitive and this feed writes <Item>/, ['Orchid Series A']],
    ['an item outside the channel', `<rss version="2.0"><channel><item><title>One</title></item></channel><item><title>Two</title></item></rss>`, /found 1 of 2 items/, ['One', 'Two']],
    ['markup inside a title', rss('<item><title>Kite <b>doubles</b> valuation</title></item>'), /drops the markup inside <title>/, ['Kite doubles valuation']],
    ['an author that is not text', rss('<item><title>Fern</title><author><name>Ana</name></author></item>'), /read an author as something other than text/, ['Fern']],
    [
      'type="xhtml" titles',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Delta <i>closes</i> $9M</div></title></entry></feed>',
      /rss-parser was not used: it does not read type="xhtml" text/,
      ['Delta closes $9M'],
    ],
    [
      'base64 content',
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Tern</title><content type="application/octet-stream">${Buffer.from('Tern raised $4M').toString('base64')}</content></entry></feed>`,
      /does not decode base64/,
      ['Tern'],
    ],
  ];

  it.each(cases)('%s', async (_name, feed, reason, titles) => {
    const doc = await parseFeed(feed, { now });
    expect(doc.entries.map((e) => e.title)).toEqual(titles);
    expect(doc.warnings[0]).toMatch(/^read by the lenient reader: /);
    expect(doc.warnings[0]).toMatch(reason);
  });

  it('keeps what the lenient reader read from base64 content', async () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Tern</title><content type="application/octet-stream">${Buffer.from('Tern raised $4M').toString('base64')}</content></entry></feed>`;
    expect((await parseFeed(feed, { now })).entries[0].content).toBe('Tern raised $4M');
  });

  it('never hands a DOCTYPE with entity declarations to rss-parser', async () => {
    const doc = await parseFeed(`<!DOCTYPE rss [<!ENTITY who "Lumen">]>${rss('<item><title>&who; raises</title></item>')}`, { now });
    expect(doc.warnings[0]).toBe('read by the lenient reader: rss-parser was not used: the DOCTYPE declares entities');
    expect(doc.warnings.join(' ')).toMatch(/never expanded/);
  });

  it('keeps the plain error when neither reader can read the document', async () => {
    await expect(parseFeed('<rss version="2.0"><channel><item><title>cut')).rejects.toThrow(/^truncated XML: the document ends before <title> \(line 1\) is closed$/);
  });
});
