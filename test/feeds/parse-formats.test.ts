import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '../../src/feeds/parse';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name), 'utf8');
const now = new Date('2025-06-10T00:00:00Z');

describe('RSS 2.0', () => {
  it('reads titles as plain text, links absolute, dates in UTC and content as is', async () => {
    const doc = await parseFeed(fixture('rss20.xml'), { now });
    expect(doc.format).toBe('rss');
    expect(doc.title).toBe('Orbit & Ledger Weekly');
    expect(doc.link).toBe('https://news.example.com/');
    expect(doc.warnings).toEqual([]);
    const [first, second, third] = doc.entries;
    expect(first).toEqual({
      title: 'Lumen Robotics closes a $40 million Series B',
      url: 'https://news.example.com/2025/06/lumen-series-b',
      guid: 'orbit-1001',
      published: '2025-06-03T07:30:00.000Z',
      summary: 'The round was led by a Berlin fund.',
      content: '<p>The round was <b>led</b> by a Berlin fund, the company said.</p>',
      author: 'Ada Quill',
    });
    // Escaped twice, folded across lines; a permalink guid stands in for the missing link; a two-digit year and EST.
    expect(second.title).toBe('AT&T-backed startup files for IPO');
    expect(second.url).toBe('https://news.example.com/2025/06/ipo');
    expect(second.published).toBe('2025-06-04T19:05:00.000Z');
    expect(third.published).toBeNull();
  });
});

describe('RSS 0.91', () => {
  it('reads a Netscape feed with HTML entities that only its DTD defines', async () => {
    const doc = await parseFeed(fixture('rss091.xml'), { now });
    expect(doc.format).toBe('rss');
    expect(doc.entries).toHaveLength(1);
    expect(doc.entries[0].title).toBe('Quarry AI raises seed money');
    expect(doc.entries[0].summary).toBe('Café owners invest too.');
    expect(doc.entries[0].published).toBeNull();
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('finds items beside the channel and reads dc:date and dc:creator', async () => {
    const doc = await parseFeed(fixture('rdf.xml'), { now });
    expect(doc.format).toBe('rdf');
    expect(doc.title).toBe('Signal Desk');
    expect(doc.entries.map((e) => e.title)).toEqual(['Vela Compute valued at $1.2 billion', 'Second item']);
    expect(doc.entries[0]).toMatchObject({ url: 'https://rdf.example.net/a', guid: 'https://rdf.example.net/a', published: '2025-05-20T00:00:00.000Z', author: 'Bo Lin' });
    // No <link>: rdf:about is the item's address.
    expect(doc.entries[1]).toMatchObject({ url: 'https://rdf.example.net/b', published: '2025-05-21T00:00:00.000Z' });
  });
});

describe('Atom 1.0', () => {
  it('reads xhtml titles as text, resolves links against xml:base and prefers published', async () => {
    const doc = await parseFeed(fixture('atom10.xml'), { now });
    expect(doc.format).toBe('atom');
    expect(doc.title).toBe('Ridge <Capital> Notes');
    expect(doc.link).toBe('https://atom.example.com/');
    const [k, second] = doc.entries;
    expect(k.title).toBe('Kestrel raises $300 million');
    expect(k.url).toBe('https://atom.example.com/blog/posts/kestrel');
    expect(k.guid).toBe('tag:atom.example.com,2025:kestrel');
    expect(k.published).toBe('2025-06-01T15:00:00.000Z');
    expect(k.summary).toBe('The company plans to hire.');
    expect(k.content).toContain('<p>Kestrel said the money would go to chips.</p>');
    expect(k.author).toBe('Ridge Desk');
    // An entry's own xml:base, itself relative to the feed's.
    expect(second.url).toBe('https://atom.example.com/archive/2025/second');
    expect(second.published).toBeNull();
  });
});

describe('Atom 0.3', () => {
  it('decodes base64 titles and escaped content and reads issued', async () => {
    const doc = await parseFeed(fixture('atom03.xml'), { now });
    expect(doc.format).toBe('atom');
    expect(doc.title).toBe('Archive & Atom 0.3');
    expect(doc.entries[0]).toMatchObject({
      title: 'Heron Labs closes its Series A',
      url: 'http://atom03.example.org/heron',
      published: '2025-03-30T09:00:00.000Z',
      content: '<p>Heron Labs closed the round.</p>',
    });
  });
});

describe('JSON Feed', () => {
  it('reads 1.0: author, relative url against home_page_url, content_html kept, bad date null', async () => {
    const doc = await parseFeed(fixture('json10.json'), { now });
    expect(doc.format).toBe('json');
    expect(doc.title).toBe('Tally & Co');
    expect(doc.warnings).toEqual([]);
    expect(doc.entries[0]).toEqual({
      title: 'Marlin Bio raises $75M', url: 'https://json.example.com/posts/1', guid: 't-1', published: '2025-06-01T08:00:00.000Z',
      summary: 'A bio round.', content: '<p>Marlin Bio raised <b>$75M</b>.</p>', author: 'Tally Desk',
    });
    expect(doc.entries[1]).toMatchObject({ title: '', guid: '2', published: null, content: 'A post without a title.' });
  });

  it('reads 1.1: authors, date_modified when nothing was published', async () => {
    const doc = await parseFeed(fixture('json11.json'), { now });
    expect(doc.entries[0]).toMatchObject({
      title: 'Osprey Data doubles its valuation', url: 'https://json11.example.com/e/1', published: '2025-05-31T22:59:59.000Z', author: 'Ola Berg',
    });
  });
});

describe('sniffing', () => {
  it('goes by content, not by what a file is called or claims', async () => {
    expect((await parseFeed('  \n' + fixture('json11.json'))).format).toBe('json');
    expect((await parseFeed(fixture('atom10.xml').replace('<?xml version="1.0" encoding="utf-8"?>', '<!-- an atom feed -->'))).format).toBe('atom');
  });
});
