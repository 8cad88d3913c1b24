import { articleTextFromHtml, fetchArticleText } from '../../src/feeds/article-page';
import { startLoopback, type Loopback } from '../helpers/loopback';

const PAGE = `<!doctype html><html><head><title>Quillwave raises</title><script>var x = "$9 billion";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/deals">Deals</a></nav></header>
<article><h1>Quillwave lands $80 million</h1>
<p>Quillwave, a speech-model startup, raised $80 million in a Series B round led by Dunmore Ventures.</p>
<p>The round values the company at $600 million after the money, two people said. Earlier backers
Pell &amp; Rowe also joined.</p><ul><li>Founded in 2023</li></ul>
<aside><p>Related: another company's $3 billion deal</p></aside></article>
<footer><p>Subscribe for $5 a month</p></footer></body></html>`;

describe('article pages (fetchFullArticle)', () => {
  it('keep the story: paragraphs, headings and list items of the <article>, one a line', () => {
    const text = articleTextFromHtml(PAGE);
    expect(text.split('\n')).toEqual([
      'Quillwave lands $80 million',
      'Quillwave, a speech-model startup, raised $80 million in a Series B round led by Dunmore Ventures.',
      'The round values the company at $600 million after the money, two people said. Earlier backers Pell & Rowe also joined.',
      'Founded in 2023',
    ]);
  });

  it('drop scripts, navigation, asides and footers, whose figures are not the story', () => {
    const text = articleTextFromHtml(PAGE);
    expect(text).not.toMatch(/\$9 billion|\$3 billion|\$5 a month|Home/);
  });

  it('fall back to every paragraph of a page without an <article>', () => {
    expect(articleTextFromHtml('<div><p>First paragraph.</p><div><p>Second one.</p></div></div>')).toBe('First paragraph.\nSecond one.');
  });

  describe('fetched through the guarded fetcher', () => {
    let server: Loopback;
    beforeAll(async () => {
      server = await startLoopback((req, res) => {
        if (req.url === '/story') { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(PAGE); return; }
        res.statusCode = 404; res.end('gone');
      });
    });
    afterAll(() => server.close());

    it('read a page on an allowed host', async () => {
      expect(await fetchArticleText(`${server.origin}/story`, { allowHosts: ['127.0.0.1'] })).toMatch(/^Quillwave lands \$80 million/);
    });

    it('give null, never an exception, for a missing page or a refused address', async () => {
      expect(await fetchArticleText(`${server.origin}/missing`, { allowHosts: ['127.0.0.1'] })).toBeNull();
      expect(await fetchArticleText(`${server.origin}/story`)).toBeNull();
      expect(server.hits).toBe(2);
    });
  });
});
