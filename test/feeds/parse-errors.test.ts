import { parseFeed } from '../../src/feeds/parse';

const now = new Date('2025-06-10T00:00:00Z');
const failure = async (text: string): Promise<string> => {
  try {
    await parseFeed(text, { now });
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the feed to be refused');
};
const oneLine = (s: string): void => {
  expect(s).not.toMatch(/\n/);
  expect(s).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
};

describe('documents that are not feeds', () => {
  it('says a web page is HTML', async () => {
    const page = '<!DOCTYPE html>\n<html lang="en"><head><title>Home</title></head><body><p>Hello</p></body></html>';
    expect(await failure(page)).toBe('not a feed: the document is HTML (a web page?)');
    expect(await failure('<html><body>no doctype</body></html>')).toBe('not a feed: the document is HTML (a web page?)');
  });

  it('says an empty body is empty', async () => {
    expect(await failure('')).toBe('empty document');
    expect(await failure('  \r\n ')).toBe('empty document');
  });

  it('says truncated XML is truncated, in one line', async () => {
    const cut = '<rss version="2.0"><channel><title>Cut</title><item><title>Half an ite';
    const msg = await failure(cut);
    expect(msg).toMatch(/^truncated XML/);
    oneLine(msg);
  });

  it('says JSON that is not a JSON Feed is not a feed', async () => {
    const msg = await failure('{"name": "a package.json, say", "dependencies": {}}');
    expect(msg).toMatch(/^not a feed: the JSON is not a JSON Feed/);
    oneLine(msg);
    expect(await failure('{"version": "https://jsonfeed.org/version/1.1", "items": [')).toMatch(/^truncated JSON/);
  });

  it('names the root element of XML that is no feed', async () => {
    expect(await failure('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')).toBe("not a feed: the XML document's root element is <svg>, not <rss>, <rdf:RDF> or <feed>");
  });
});

describe('lenient reading', () => {
  it('recovers from a bare & and says where', async () => {
    const feed = ['<rss version="2.0">', '<channel>', '<title>Fish & Chips Capital</title>', '<item><title>Cod & Co raise $5M &amp; more</title></item>', '</channel>', '</rss>'].join('\n');
    const doc = await parseFeed(feed, { now });
    expect(doc.title).toBe('Fish & Chips Capital');
    expect(doc.entries.map((e) => e.title)).toEqual(['Cod & Co raise $5M & more']);
    expect(doc.warnings).toEqual([
      'read by the lenient reader: rss-parser could not read it (unescaped & in line 3)',
      'recovered from: unescaped & in line 3',
      'recovered from: unescaped & in line 4',
    ]);
  });

  it('reads mixed-case tags, a missing version and a mistyped closing tag', async () => {
    const feed = '<rss><Channel><Title>Case</Title><language>en</langauge><Item><Title>One</Title><PubDate>Mon, 02 Jun 2025 10:00:00 GMT</PubDate></Item><item><title>Two</title></item></Channel></rss>';
    const doc = await parseFeed(feed, { now });
    expect(doc.entries.map((e) => [e.title, e.published])).toEqual([['One', '2025-06-02T10:00:00.000Z'], ['Two', null]]);
    expect(doc.warnings.join(' ')).toMatch(/mismatched closing tag in line 1/);
  });

  it('decodes markup escaped twice the way a person reads it, and keeps markup escaped on purpose', async () => {
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title type="html">&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; move</title></entry>
      <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Why &lt;blink&gt; died</div></title></entry>
      <entry><title type="text">Q&amp;amp;A with a founder</title></entry>
      <entry><title>?page=1&amp;copy=2</title></entry>
    </feed>`;
    const titles = (await parseFeed(feed, { now })).entries.map((e) => e.title);
    expect(titles).toEqual(['<b>Bold</b> move', 'Why <blink> died', 'Q&A with a founder', '?page=1&copy=2']);
  });
});

describe('links', () => {
  it('resolves relative links against xml:base, then the channel link, then the source address', async () => {
    const rss = (channelLink: string): string => `<rss version="2.0"><channel><title>t</title>${channelLink}
      <item><title>a</title><link>story/1</link></item>
      <item xml:base="https://cdn.example.org/x/"><title>b</title><link>../y/2</link></item>
    </channel></rss>`;
    const withChannel = await parseFeed(rss('<link>https://site.example.com/news/</link>'), { baseUrl: 'https://feeds.example.com/rss.xml' });
    expect(withChannel.entries.map((e) => e.url)).toEqual(['https://site.example.com/news/story/1', 'https://cdn.example.org/y/2']);
    const withoutChannel = await parseFeed(rss(''), { baseUrl: 'https://feeds.example.com/feeds/rss.xml' });
    expect(withoutChannel.entries[0].url).toBe('https://feeds.example.com/feeds/story/1');
  });
});

describe('dates', () => {
  const withDate = (d: string): string => `<rss version="2.0"><channel><item><title>x</title><pubDate>${d}</pubDate></item></channel></rss>`;
  const published = async (d: string): Promise<string | null> => (await parseFeed(withDate(d), { now })).entries[0].published;

  it('reads RFC 822 with odd zones, ISO 8601 and W3CDTF', async () => {
    expect(await published('Sun, 1 Jun 2025 23:00:00 PDT')).toBe('2025-06-02T06:00:00.000Z');
    expect(await published('01 Jun 2025 08:15 +0530')).toBe('2025-06-01T02:45:00.000Z');
    expect(await published('Sun, 01 Jun 2025 08:15:00 CEST')).toBe('2025-06-01T06:15:00.000Z');
    expect(await published('2025-06-01T08:15:00.123+02:00')).toBe('2025-06-01T06:15:00.000Z');
    expect(await published('2025-06-01')).toBe('2025-06-01T00:00:00.000Z');
  });

  it('makes empty, unreadable and absurd dates null, never now', async () => {
    for (const d of ['', '   ', 'soon', 'Mon, 32 Jan 2025 10:00:00 GMT', '31 Feb 2025', '1985-03-01T00:00:00Z', 'Fri, 01 Jan 2100 00:00:00 GMT', '0000-00-00 00:00:00']) {
      expect(await published(d)).toBeNull();
    }
  });
});
