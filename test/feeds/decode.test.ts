import iconv from 'iconv-lite';
import { decodeFeed, decodeFeedBytes } from '../../src/feeds/decode';
import { parseFeed } from '../../src/feeds/parse';

// Each case: a title in a language the encoding was made for, encoded by iconv-lite here.
const cases: [label: string, iconvName: string, title: string][] = [
  ['windows-1252', 'windows-1252', '“Café” funding — €40 million'],
  ['GBK', 'gbk', '月之暗面完成新一轮融资'],
  ['Big5', 'big5', '月之暗面完成新一輪融資'],
  ['Shift_JIS', 'shift_jis', '東京のスタートアップが資金調達'],
  ['EUC-KR', 'euc-kr', '서울 스타트업 투자 유치'],
  ['KOI8-R', 'koi8-r', 'Московский стартап привлёк инвестиции'],
];

const rss = (encoding: string | null, title: string): string =>
  `${encoding ? `<?xml version="1.0" encoding="${encoding}"?>` : '<?xml version="1.0"?>'}\n<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title></item></channel></rss>`;

describe('decodeFeedBytes', () => {
  it.each(cases)('reads %s named in the XML declaration', async (label, name, title) => {
    const bytes = iconv.encode(rss(label, title), name);
    const doc = await parseFeed(decodeFeedBytes(bytes, 'application/rss+xml'));
    expect(doc.entries[0].title).toBe(title);
  });

  it.each(cases)('reads %s named by the Content-Type, over a wrong declaration', async (label, name, title) => {
    const bytes = iconv.encode(rss('utf-8', title), name);
    expect(decodeFeedBytes(bytes, `text/xml; charset="${label}"`)).toContain(title);
  });

  it.each([['utf16le', [0xff, 0xfe]], ['utf16be', [0xfe, 0xff]], ['utf8', [0xef, 0xbb, 0xbf]]] as const)('trusts a %s byte-order mark over any label', (name, bom) => {
    const title = 'Ünïcödé — 融资';
    const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(rss('iso-8859-1', title), name)]);
    const decoded = decodeFeed(bytes, 'text/xml; charset=windows-1252');
    expect(decoded.evidence).toBe('bom');
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain(title);
  });

  it('reads UTF-16 without a byte-order mark from the zero bytes', () => {
    const title = 'Ünïcödé';
    expect(decodeFeedBytes(iconv.encode(rss('utf-16', title), 'utf16le'))).toContain(title);
    expect(decodeFeedBytes(iconv.encode(rss('utf-16', title), 'utf16be'))).toContain(title);
  });

  it('lets valid multi-byte UTF-8 win over a Latin-1 declaration', () => {
    const title = 'Zürich’s “AI” round';
    const decoded = decodeFeed(Buffer.from(rss('iso-8859-1', title), 'utf8'));
    expect(decoded.text).toContain(title);
    expect(decoded.evidence).toBe('valid-utf8');
  });

  it('reads Latin-1 labelled bytes as windows-1252, as browsers do', () => {
    expect(decodeFeedBytes(iconv.encode(rss('ISO-8859-1', 'it’s €5'), 'windows-1252'))).toContain('it’s €5');
  });

  it('falls back to windows-1252 when nothing is declared and the bytes are not UTF-8', () => {
    expect(decodeFeedBytes(iconv.encode(rss(null, 'naïve café'), 'windows-1252'))).toContain('naïve café');
  });

  it('reads a JSON Feed as UTF-8 whatever the label says', () => {
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Заголовок', items: [] });
    expect(decodeFeedBytes(Buffer.from(json, 'utf8'), 'application/feed+json; charset=iso-8859-1')).toBe(json);
  });

  it('ignores a charset iconv-lite does not know', () => {
    expect(decodeFeedBytes(Buffer.from(rss('x-made-up', 'plain'), 'utf8'), 'text/xml; charset=bogus')).toContain('plain');
  });
});

describe('a server default against the document', () => {
  it('trusts the XML declaration over a Latin-1 label that is only a server default', () => {
    const title = '月之暗面完成新一轮融资';
    const bytes = iconv.encode(rss('GB2312', title), 'gbk');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=ISO-8859-1')).toContain(title);
  });
});
