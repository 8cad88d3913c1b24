// The full text of an article's web page, for feeds that carry only a teaser (`fetchFullArticle`).
// Pages are fetched through the same guarded, bounded fetcher as feeds; the text is the page's
// paragraphs, headings and list items, preferring what sits inside <article> or <main>, without the
// page's navigation, scripts, forms and footers.
import { Parser } from 'htmlparser2';
import { decodeFeedBytes } from './decode';
import { fetchFeed, type FetchOptions } from './fetch';

const SKIP = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'svg', 'template', 'iframe', 'button', 'figure']);
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'li', 'blockquote', 'td', 'th', 'pre']);
const MAIN = new Set(['article', 'main']);

/** A page's readable text, one block a line; "" when it has none. */
export function articleTextFromHtml(html: string): string {
  const inMain: string[] = [];
  const rest: string[] = [];
  let skip = 0;
  let main = 0;
  let block = 0;
  let current = '';
  const flush = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    current = '';
    if (line) (main > 0 ? inMain : rest).push(line);
  };
  const parser = new Parser({
    onopentag(name) {
      if (SKIP.has(name)) skip++;
      else if (MAIN.has(name)) main++;
      else if (BLOCKS.has(name)) { if (block === 0) flush(); block++; }
      else if (name === 'br' && block > 0) current += ' ';
    },
    ontext(text) {
      if (skip === 0 && block > 0) current += text;
    },
    onclosetag(name) {
      if (SKIP.has(name)) skip = Math.max(0, skip - 1);
      else if (MAIN.has(name)) { if (block > 0) flush(); main = Math.max(0, main - 1); }
      else if (BLOCKS.has(name)) { block = Math.max(0, block - 1); if (block === 0) flush(); }
    },
  }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  flush();
  // A page whose <article> holds the story: its text alone. Otherwise every paragraph of the page.
  const lines = inMain.join(' ').length >= 200 ? inMain : [...inMain, ...rest];
  return lines.join('\n');
}

/**
 * Fetches an article page and returns its text, or null when the page cannot be had (the feed's own
 * text is then used: a missing page never loses the item).
 */
export async function fetchArticleText(url: string, opts: FetchOptions = {}, fetchFn: typeof fetchFeed = fetchFeed): Promise<string | null> {
  try {
    const res = await fetchFn(url, opts);
    if (res.kind !== 'ok') return null;
    const text = articleTextFromHtml(decodeFeedBytes(res.bytes, res.contentType));
    return text || null;
  } catch {
    return null;
  }
}
