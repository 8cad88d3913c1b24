import { textLines, toArticles } from '../../src/articles/normalise';
import { mulberry32 } from '../../src/articles/minhash';
import { articleText, comparable, htmlToText, parsedHtmlText, simpleHtmlText } from '../../src/articles/plain-text';
import type { FeedDocument, FeedEntry } from '../../src/types';

const entry = (e: Partial<FeedEntry>): FeedEntry => ({
  title: 'Untitled',
  url: null,
  guid: null,
  published: null,
  summary: '',
  content: null,
  author: null,
  ...e,
});
const doc = (entries: FeedEntry[], title = 'Lumen Ledger'): FeedDocument => ({ format: 'rss', title, link: 'https://lumen.example/', entries, warnings: [] });

describe('htmlToText', () => {
  it('keeps block boundaries as lines', () => {
    const html = '<h2>Quill Labs closes round</h2><p>Quill Labs raised $40 million.</p><p>The round was led by Harbor&nbsp;Peak.<br>More to come.</p><ul><li>Seed: $4M</li><li>Series A: $40M</li></ul><blockquote>We are thrilled</blockquote><div>Footer</div>';
    expect(htmlToText(html)).toBe(
      ['Quill Labs closes round', 'Quill Labs raised $40 million.', 'The round was led by Harbor Peak.', 'More to come.', 'Seed: $4M', 'Series A: $40M', 'We are thrilled', 'Footer'].join('\n'),
    );
  });

  it('separates table cells and keeps one line per row', () => {
    const html = '<table><tr><th>Round</th><th>Amount</th></tr><tr><td>Series B</td><td>$120M</td></tr><tr><td></td><td>$5M</td></tr></table>';
    expect(htmlToText(html)).toBe('Round | Amount\nSeries B | $120M\n$5M');
  });

  it('decodes entities, folds white space within lines, drops scripts and styles', () => {
    const html = '<p>Orbit&#x27;s   valuation:\t<b>&euro;3&nbsp;billion</b> &amp; rising</p><script>var x = "$9B";</script><style>p{}</style>';
    expect(htmlToText(html)).toBe('Orbit\'s valuation: €3 billion & rising');
  });

  it('keeps inline elements inside their sentence', () => {
    expect(htmlToText('<p>Acme raised <a href="/x">$50M</a> in a <em>Series B</em>.</p>')).toBe('Acme raised $50M in a Series B.');
  });

  it('reads markup escaped twice', () => {
    expect(htmlToText('&lt;p&gt;First.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;')).toBe('First.\nSecond.');
  });

  it('keeps the lines of plain text and never throws on broken markup', () => {
    expect(htmlToText('Line one\n\n  Line   two  ')).toBe('Line one\nLine two');
    expect(htmlToText('<p>Unclosed <b>bold <div>and < lonely')).toBe('Unclosed bold\nand < lonely');
    expect(htmlToText(null)).toBe('');
  });
});

describe('articleText', () => {
  it('does not repeat a summary the content opens with', () => {
    const text = articleText('Pylon raises $30M', 'Pylon, a robotics start-up, raised $30 million.', '<p>Pylon, a robotics start-up, raised $30 million.</p><p>It plans to hire.</p>');
    expect(text).toBe('Pylon raises $30M\nPylon, a robotics start-up, raised $30 million.\nIt plans to hire.');
  });

  it('treats a truncated summary ("…") as the content\'s opening', () => {
    const text = articleText('T', 'Pylon, a robotics start-up, raised $30 million from a group […]', '<p>Pylon, a robotics start-up, raised $30 million from a group of investors.</p>');
    expect(text.split('\n')).toEqual(['T', 'Pylon, a robotics start-up, raised $30 million from a group of investors.']);
  });

  it('keeps a summary that says something the content does not', () => {
    const text = articleText('T', 'Editor\'s note: figures updated.', '<p>Pylon raised $30 million.</p>');
    expect(text.split('\n')).toEqual(['T', "Editor's note: figures updated.", 'Pylon raised $30 million.']);
  });

  it('drops the headline when the content prints it again', () => {
    const text = articleText('Pylon’s $30M round', '', '<h1>Pylon\'s $30M round</h1><p>Body.</p>');
    expect(text).toBe('Pylon’s $30M round\nBody.');
  });
});

describe('toArticles: identity', () => {
  const feed = 'https://lumen.example/feed.xml';

  it('takes the guid, within the feed', () => {
    const [a] = toArticles(doc([entry({ guid: 'post-1', url: 'https://lumen.example/a' })]), feed);
    const [b] = toArticles(doc([entry({ guid: 'post-1', url: 'https://lumen.example/a' })]), 'https://other.example/rss');
    const [again] = toArticles(doc([entry({ guid: 'post-1', url: 'https://lumen.example/a' })]), feed);
    expect(a.id).toBe(again.id);
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('keeps a guid id when the link later gains tracking or the title is edited', () => {
    const [a] = toArticles(doc([entry({ guid: 'post-1', title: 'Acme raises', url: 'https://lumen.example/a' })]), feed);
    const [b] = toArticles(doc([entry({ guid: 'post-1', title: 'Acme raises $50M (updated)', url: 'https://lumen.example/a?utm_source=rss' })]), feed);
    expect(a.id).toBe(b.id);
  });

  it('without a guid, takes the canonical link, the same across feeds', () => {
    const [a] = toArticles(doc([entry({ url: 'https://www.lumen.example/a?utm_source=x' })]), feed);
    const [b] = toArticles(doc([entry({ url: 'http://lumen.example/a/' })], 'Other'), 'https://other.example/rss');
    expect(a.id).toBe(b.id);
    expect(a.canonicalUrl).toBe('https://lumen.example/a');
  });

  it('without guid or link, takes the title and date', () => {
    const mk = (title: string, published: string | null) => toArticles(doc([entry({ title, published })]), feed)[0].id;
    expect(mk('Acme raises $50M', '2026-01-02T00:00:00.000Z')).toBe(mk('Acme  raises $50M', '2026-01-02T00:00:00.000Z'));
    expect(mk('Acme raises $50M', '2026-01-02T00:00:00.000Z')).not.toBe(mk('Acme raises $50M', '2027-01-02T00:00:00.000Z'));
    expect(mk('Acme raises $50M', null)).not.toBe(mk('Acme raises $120M', null));
  });

  it('a bare home page as the link does not identify the entry', () => {
    const ids = toArticles(doc([entry({ title: 'One', url: 'https://lumen.example/' }), entry({ title: 'Two', url: 'https://lumen.example/' })]), feed).map((a) => a.id);
    expect(new Set(ids).size).toBe(2);
  });

  it('a guid repeated for different entries does not merge them, in any order', () => {
    const x = entry({ guid: 'dup', title: 'Acme raises $50M Series B', url: 'https://lumen.example/acme-b' });
    const y = entry({ guid: 'dup', title: 'Acme raises $120M Series C', url: 'https://lumen.example/acme-c' });
    const z = entry({ guid: 'dup', title: 'Zed story', url: null, published: '2026-03-01T00:00:00.000Z' });
    const forward = toArticles(doc([x, y, z]), feed).map((a) => a.id);
    const backward = toArticles(doc([z, y, x]), feed).map((a) => a.id);
    expect(new Set(forward).size).toBe(3);
    expect(backward).toEqual([...forward].reverse());
  });

  it('a guid repeated for the same entry gives one id', () => {
    const x = entry({ guid: 'same', title: 'Acme', url: 'https://lumen.example/acme' });
    const ids = toArticles(doc([x, { ...x, url: 'https://lumen.example/acme?utm_medium=rss' }]), feed).map((a) => a.id);
    expect(ids[0]).toBe(ids[1]);
  });

  it('fills the article: plain text with lines, source, sightings', () => {
    const [a] = toArticles(
      doc([entry({ guid: 'g', title: 'Orbit &amp; Co raises', url: 'https://lumen.example/o', summary: 'Orbit raised $9M.', content: '<p>Orbit raised $9M.</p><p>Led by Ridge Fund.</p>' })]),
      feed,
    );
    expect(a).toMatchObject({ source: 'Lumen Ledger', feed, url: 'https://lumen.example/o', duplicates: [] });
    expect(a.text).toBe('Orbit &amp; Co raises\nOrbit raised $9M.\nLed by Ridge Fund.');
  });
});

describe('textLines', () => {
  it('gives each line of the text as written and as compared, also for a copy given another text', () => {
    const [a] = toArticles(doc([entry({
      title: 'Quillon Labs’ Series B',
      summary: 'Quillon Labs raised €40 million.\nA second line.',
      content: '<h2>Quillon Labs’ Series B</h2><p>The ROUND — led by Harbor Peak — closes…</p><table><tr><td>A</td><td>$5M</td></tr></table>',
    })]), 'https://lumen.example/feed');
    expect(textLines(a).written).toEqual(a.text.split('\n'));
    expect(textLines(a).compared).toEqual(a.text.split('\n').map(comparable));
    expect(textLines(a).compared).toContain('the round led by harbor peak closes');
    const edited = { ...a, text: 'Ünïcode Ⅻ line\nSecond' };
    expect(textLines(edited)).toEqual({ written: ['Ünïcode Ⅻ line', 'Second'], compared: ['ünïcode xii line', 'second'] });
  });

  it('compares the lines of a plain body as it compares each line alone', () => {
    const [a] = toArticles(doc([entry({
      title: 'Plain',
      content: '<p>- Leading dash</p><p>---</p><p>Trailing dash -</p><p>It\'s $5M, up 20%!</p><p>...</p>',
    })]), 'https://lumen.example/feed');
    expect(textLines(a).compared).toEqual(a.text.split('\n').map(comparable));
    expect(textLines(a).compared).toEqual(['plain', 'leading dash', '', 'trailing dash', 'its 5m up 20', '']);
  });
});

describe('reading simple markup without the full parser', () => {
  it('gives exactly the text the parser gives, and leaves to the parser what it cannot read', () => {
    const next = mulberry32(20261122);
    const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length];
    const tags = ['p', 'div', 'li', 'ul', 'h2', 'a', 'b', 'em', 'span', 'br', 'hr', 'img', 'P', 'td', 'script', 'title', 'blockquote'];
    const bits = (): string => {
      const t = pick(tags);
      return pick([`<${t}>`, `</${t}>`, `<${t}/>`, `<${t} class="x">`, `<${t} href='a>b'>`, 'Acme raised $5M', ' ', '\n', 'R&amp;D', '&lt;p&gt;', '&nbsp;', '&#8217;', 'AT&T', '<!-- c -->', '&copy;', '\r\n']);
    };
    let simple = 0;
    for (let k = 0; k < 3000; k++) {
      let html = '';
      for (let i = 1 + (next() % 8); i > 0; i--) html += bits();
      const fast = simpleHtmlText(html);
      if (fast === null) continue;
      simple++;
      expect([html, fast]).toEqual([html, parsedHtmlText(html)]);
    }
    // Both paths were taken.
    expect(simple).toBeGreaterThan(300);
    expect(simple).toBeLessThan(3000);
  });
});
