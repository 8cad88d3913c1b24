// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). 1.1 renamed author to authors; both are read.
import type { FeedDocument, FeedEntry } from '../../types';
import { parseFeedDate } from './dates';
import { FeedError } from './errors';
import { itemCap, itemsLeftOut, type ParseOptions } from './options';
import { plainText } from './text';
import { resolveUrl } from './urls';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function authorName(o: JsonObject): string | null {
  const authors = Array.isArray(o.authors) ? o.authors : isObject(o.author) ? [o.author] : [];
  const names = authors.filter(isObject).map((a) => plainText(str(a.name) ?? '')).filter(Boolean);
  return names.length ? names.join(', ') : null;
}

export function mapJsonFeed(text: string, opts: ParseOptions): Omit<FeedDocument, 'format'> {
  let data: Json;
  try {
    data = JSON.parse(text) as Json;
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0];
    const at = /at position (\d+)/.exec(msg);
    const atEnd = at ? Number(at[1]) >= text.trimEnd().length : false;
    if (atEnd || /end of (JSON )?input|Unterminated/i.test(msg)) throw new FeedError('truncated JSON: the document ends before the JSON is complete');
    // V8's message quotes the body around the fault, and a body may hold anything: only the place is said.
    throw new FeedError(`not a feed: the JSON is malformed${at ? ` (${lineAndColumn(text, Number(at[1]))})` : ''}`);
  }
  if (!isObject(data)) throw new FeedError('not a feed: the JSON is not a JSON Feed (expected an object with "version" and "items")');
  const version = str(data.version) ?? '';
  const warnings: string[] = [];
  if (!/^(?:https?:\/\/jsonfeed\.org\/version\/)?1(?:\.\d+)?\/?$/i.test(version.trim())) {
    if (!Array.isArray(data.items)) throw new FeedError('not a feed: the JSON is not a JSON Feed (no jsonfeed.org version and no items)');
    warnings.push(version ? `unknown JSON Feed version "${version}", read as 1.1` : 'no JSON Feed version, read as 1.1');
  }
  const home = str(data.home_page_url);
  const feedUrl = str(data.feed_url);
  const link = resolveUrl(home, feedUrl, opts.baseUrl);
  const feedAuthor = authorName(data);
  const all = Array.isArray(data.items) ? data.items : [];
  const cap = itemCap(opts);
  // Counted as items only what could be one: a million {} is as many items as a million real ones.
  const items = all.length > cap ? all.slice(0, cap) : all;
  if (all.length > cap) warnings.push(itemsLeftOut(cap, all.length));
  if (data.items !== undefined && !Array.isArray(data.items)) warnings.push('"items" is not a list; no items read');
  const entries = items.filter(isObject).map((it): FeedEntry => {
    const html = str(it.content_html);
    const plain = str(it.content_text);
    return {
      title: plainText(str(it.title)),
      url: resolveUrl(str(it.url) ?? str(it.external_url), link, feedUrl, opts.baseUrl),
      guid: str(it.id)?.trim() || null,
      published: parseFeedDate(str(it.date_published), opts) ?? parseFeedDate(str(it.date_modified), opts),
      summary: plainText(str(it.summary)),
      content: html ?? plain ?? null,
      author: authorName(it) ?? feedAuthor,
    };
  });
  return { title: plainText(str(data.title)), link, entries, warnings };
}

/** "line 3, column 14" for an offset into the text. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}
