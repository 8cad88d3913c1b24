import fc from 'fast-check';
import { canonicalUrl, isSiteRoot } from '../../src/articles/canonical-url';

describe('canonicalUrl', () => {
  const cases: [string, string | null][] = [
    // tracking parameters
    ['https://news.example/a/b?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://news.example/a/b'],
    ['https://news.example/a?UTM_Source=Twitter', 'https://news.example/a'],
    ['https://news.example/a?fbclid=IwAR0abc', 'https://news.example/a'],
    ['https://news.example/a?gclid=1&dclid=2&msclkid=3&yclid=4', 'https://news.example/a'],
    ['https://news.example/a?mc_cid=abc&mc_eid=def', 'https://news.example/a'],
    ['https://news.example/a?ref=hn&ref_src=twsrc%5Etfw', 'https://news.example/a'],
    ['https://news.example/a?cmpid=rss&icid=home&igshid=xyz', 'https://news.example/a'],
    ['https://news.example/a?_hsenc=p2A&_hsmi=123', 'https://news.example/a'],
    ['https://news.example/a?spm=a2c4g.11186623&id=7', 'https://news.example/a?id=7'],
    ['https://news.example/story?id=42&utm_content=top', 'https://news.example/story?id=42'],
    // parameters that name the page stay, in a fixed order
    ['https://news.example/story?p=42', 'https://news.example/story?p=42'],
    ['https://news.example/s?b=2&a=1', 'https://news.example/s?a=1&b=2'],
    ['https://news.example/s?a=2&a=1', 'https://news.example/s?a=1&a=2'],
    // host, scheme, port, fragment, user info
    ['HTTPS://News.Example.COM/Path/Case', 'https://news.example.com/Path/Case'],
    ['http://news.example/a', 'https://news.example/a'],
    ['https://www.news.example/a', 'https://news.example/a'],
    ['https://www2.news.example/a', 'https://news.example/a'],
    ['https://news.example:443/a', 'https://news.example/a'],
    ['http://news.example:80/a', 'https://news.example/a'],
    ['https://news.example:8443/a', 'https://news.example:8443/a'],
    ['https://news.example/a#comments', 'https://news.example/a'],
    ['https://user:secret@news.example/a', 'https://news.example/a'],
    ['https://news.example./a', 'https://news.example/a'],
    // paths
    ['https://news.example/a/b/', 'https://news.example/a/b'],
    ['https://news.example', 'https://news.example/'],
    ['https://news.example/', 'https://news.example/'],
    ['https://news.example//a///b', 'https://news.example/a/b'],
    ['https://news.example/a%2fb', 'https://news.example/a%2Fb'],
    ['https://news.example/caf\u00e9', 'https://news.example/caf%C3%A9'],
    ['  https://news.example/a  ', 'https://news.example/a'],
    ['https://新闻.example/a', 'https://xn--efvy88h.example/a'],
    // not an http(s) link: null, never an exception
    ['', null],
    ['not a url', null],
    ['/relative/path', null],
    ['//news.example/a', null],
    ['mailto:desk@news.example', null],
    ['javascript:alert(1)', null],
    ['ftp://news.example/file', null],
    ['https://', null],
    ['http://[::1', null],
  ];
  it.each(cases)('%s -> %s', (input, want) => {
    expect(canonicalUrl(input)).toBe(want);
  });

  it('takes null and undefined', () => {
    expect(canonicalUrl(null)).toBeNull();
    expect(canonicalUrl(undefined)).toBeNull();
  });

  it('is idempotent on every case above', () => {
    for (const [input] of cases) {
      const once = canonicalUrl(input);
      if (once !== null) expect(canonicalUrl(once)).toBe(once);
    }
  });

  it('is idempotent and never throws on any URL-ish string', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@/?#-]{0,20}$/);
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://', 'HTTP://www.', 'https://www.www.', ''), fc.webUrl({ withQueryParameters: true, withFragments: true }), part, (scheme, web, tail) => {
        for (const input of [web, `${scheme}${tail}`, `${web}${tail}`, `${web}?utm_source=x&b=1&a=2/`]) {
          const once = canonicalUrl(input);
          if (once !== null) expect(canonicalUrl(once)).toBe(once);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('tells a home page from an article', () => {
    expect(isSiteRoot('https://news.example/')).toBe(true);
    expect(isSiteRoot('https://news.example/2026/05/acme-raises')).toBe(false);
    expect(isSiteRoot('https://news.example/?p=12')).toBe(false);
  });
});
