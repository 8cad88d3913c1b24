// The design's feed reader, rss-parser, and the checks that decide whether to believe it. It reads
// well-formed RSS 0.9x/2.0, RDF and Atom 1.0 through xml2js; it throws on the faults feeds commonly
// have and silently misreads some valid constructs. Documents with those constructs never reach it,
// and a result that looks wrong is refused: either way the caller reads the feed with the lenient
// reader and says why. Values are mapped with the same helpers as the lenient reader's, so both
// paths give the same FeedEntry for the same feed.
import Parser from 'rss-parser';
import type { FeedDocument, FeedEntry, FeedFormat } from '../../types';
import { isBinaryType } from './atom';
import { parseFeedDate } from './dates';
import { itemCap, type ParseOptions } from './options';
import { plainFromText, plainText } from './text';
import { NS } from './tree';
import { isAbsolute, resolveUrl } from './urls';
import { describeSaxError } from './xml-tree';

export type RssParserRead = { ok: true; document: Omit<FeedDocument, 'warnings'> } | { ok: false; reason: string };

/** Why rss-parser's reading cannot be used, in plain words. */
class Untrusted extends Error {}

type Raw = Record<string, unknown>;

// ------------------------------------------------------------------ before rss-parser

/** Where a tag opens, skipping CDATA and comments (their "tags" are text). */
const TAGS = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<([A-Za-z_][\w.:-]*)/g;
/** The names rss-parser looks up, as it spells them; xml2js is case-sensitive, feeds are not. */
const CANON = new Map(['rss', 'channel', 'item', 'title', 'link', 'description', 'guid', 'pubDate', 'author', 'creator', 'date', 'encoded', 'feed', 'entry', 'id', 'published', 'updated', 'summary', 'content', 'name', 'email', 'RDF'].map((n) => [n.toLowerCase(), n]));
/** Prefixes rss-parser takes literally (it does not read namespaces): they must mean what it assumes. */
const PREFIXES: Record<string, string[]> = { dc: [NS.dc], dcterms: [NS.dcterms], content: [NS.content], atom: [NS.atom10, NS.atom03], rdf: [NS.rdf], media: [NS.media], itunes: [NS.itunes] };
const XMLNS = /\bxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g;
/** A text element holding element children (naked markup): xml2js keeps only its loose text. */
const NAKED = /<(?:dc:|content:|atom:)?(?:title|link|guid|description|summary|content|encoded|id|name|email)\b(?:[^>"'/]|"[^"]*"|'[^']*'|\/(?!>))*>[^<]*<(?![/!])/;
/** Atom text constructs rss-parser cannot decode: inline XHTML, base64, Atom 0.3 modes. */
const CONSTRUCT_TYPE = /<(?:atom:)?(?:title|subtitle|summary|content|rights)\b[^>]*?\s(type|mode)\s*=\s*["']([^"']*)["']/g;
const norm = (uri: string): string => uri.trim().toLowerCase().replace(/[/#]+$/, '');

interface Shape {
  root: string;
  items: number;
}

/** Cheap checks on the text; throws Untrusted for a document rss-parser must not read. */
function inspect(text: string): Shape {
  // DTD entities: xml2js would not expand them, but nothing with an internal subset goes near a second parser.
  if (/<!DOCTYPE[^>[]*\[/i.test(text)) throw new Untrusted('the DOCTYPE declares entities');
  if (/\sxml:base\s*=/.test(text)) throw new Untrusted('it ignores xml:base, which this feed uses for its links');
  if (/purl\.org\/atom\/ns/i.test(text)) throw new Untrusted('it does not read Atom 0.3');
  for (const m of text.matchAll(CONSTRUCT_TYPE)) {
    const value = m[2].trim().toLowerCase();
    if (m[1] === 'mode') throw new Untrusted(`it does not decode mode="${value}" text`);
    if (value === 'xhtml' || value === 'application/xhtml+xml') throw new Untrusted('it does not read type="xhtml" text');
    if (isBinaryType(value)) throw new Untrusted(`it does not decode base64 (type="${value}") text`);
  }
  for (const m of text.matchAll(XMLNS)) {
    const [prefix, uri] = [m[1], norm(m[2])];
    const meant = Object.entries(PREFIXES).find(([, uris]) => uris.some((u) => norm(u) === uri))?.[0];
    if ((meant && meant !== prefix) || (PREFIXES[prefix] && !PREFIXES[prefix].some((u) => norm(u) === uri))) {
      throw new Untrusted(`it reads prefixes literally and this feed binds "${prefix}:" to ${m[2].trim()}`);
    }
  }
  if (/<atom:(?:title|summary|content)\b/.test(text)) throw new Untrusted('it skips Atom text inside RSS items');
  const naked = NAKED.exec(text);
  if (naked) throw new Untrusted(`it drops the markup inside <${/<([\w:.-]+)/.exec(naked[0])?.[1]}>`);

  let root = '';
  let items = 0;
  let entries = 0;
  for (const m of text.matchAll(TAGS)) {
    const name = m[1];
    if (!name) continue;
    root ||= name;
    const local = name.slice(name.indexOf(':') + 1);
    const canon = CANON.get(local.toLowerCase());
    if (canon && canon !== local) throw new Untrusted(`it is case-sensitive and this feed writes <${name}>`);
    if (local === 'item') items++;
    else if (local === 'entry') entries++;
  }
  return { root, items: root === 'feed' ? entries : items };
}

// ------------------------------------------------------------------ reading xml2js values

/** An optional text value; anything but text (an element with children or attributes) is not trusted. */
function str(v: unknown, what: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  throw new Untrusted(`it read ${what} as something other than text`);
}

const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The first node of a keepArray field. */
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : undefined);
const attrs = (node: unknown): Record<string, string> => (isRaw(node) && isRaw(node.$) ? (node.$ as Record<string, string>) : {});
/** An attribute by name, as the lenient reader finds it: case does not matter. */
const attr = (node: unknown, name: string): string | undefined => Object.entries(attrs(node)).find(([k]) => k.toLowerCase() === name)?.[1];

/** An element's text: the string, or xml2js's "_" beside attributes; child elements are not trusted. */
function textOfNode(node: unknown, what: string): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (isRaw(node) && Object.keys(node).every((k) => k === '_' || k === '$')) return typeof node._ === 'string' ? node._ : '';
  throw new Untrusted(`it read ${what} as something other than text`);
}

// ------------------------------------------------------------------ mapping

function mapRssItems(feed: Raw, items: Raw[], format: Extract<FeedFormat, 'rss' | 'rdf'>, opts: ParseOptions): Omit<FeedDocument, 'warnings'> {
  const channelLinkRaw = str(feed.link, 'the channel link')?.trim() || alternate(feed.atomLinks);
  const channelLink = resolveUrl(channelLinkRaw, opts.baseUrl);
  const title = plainText(str(feed.title, 'the feed title')) || plainText(str(feed['dc:title'], 'the feed title'));
  const entries = items.map((it): FeedEntry => {
    const guidNode = first(it.guidRaw);
    const guid = textOfNode(guidNode, 'a guid').trim() || str(it['rdf:about'], 'rdf:about')?.trim() || null;
    const permalink = guidNode !== undefined && (attr(guidNode, 'ispermalink') ?? 'true').trim().toLowerCase() !== 'false' && guid && /^https?:\/\//i.test(guid) ? guid : null;
    const rawLink = str(it.link, 'a link')?.trim() || alternate(it.atomLinks) || permalink || (format === 'rdf' ? str(it['rdf:about'], 'rdf:about')?.trim() || null : null);
    const dates = ['pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published', 'dcterms:modified', 'atom:updated', 'date'];
    const published = dates.reduce<string | null>((found, k) => found ?? parseFeedDate(str(it[k], 'a date'), opts), null);
    const content = str(it['content:encoded'], 'the content');
    const pick = (keys: string[], what: string): string => keys.map((k) => plainText(str(it[k], what))).find(Boolean) ?? '';
    return {
      title: pick(['title', 'dc:title', 'media:title'], 'a title'),
      url: resolveUrl(rawLink, channelLink && isAbsolute(channelLink) ? channelLink : null, opts.baseUrl),
      guid,
      published,
      summary: pick(['content', 'dc:description', 'itunes:summary'], 'a description'),
      content: content && content.trim() ? content : null,
      author: pick(['author', 'dc:creator'], 'an author') || personName(first(it.atomAuthor)) || pick(['itunes:author'], 'an author') || null,
    };
  });
  return { format, title, link: channelLink, entries };
}

/** Markup and kind of an Atom text construct (xhtml and base64 never get here). */
function construct(node: unknown, what: string): { markup: string; html: boolean } | null {
  if (node === undefined) return null;
  const type = (attr(node, 'type') ?? '').trim().toLowerCase();
  return { markup: textOfNode(node, what), html: type === 'html' || type === 'text/html' };
}

function constructText(node: unknown, what: string): string {
  const c = construct(node, what);
  return !c ? '' : c.html ? plainText(c.markup) : plainFromText(c.markup);
}

/** The entry's page: an alternate link (no rel means alternate), an HTML one first. */
function atomLink(links: unknown): string | null {
  const all = (Array.isArray(links) ? links : []).filter((l) => (attr(l, 'href') ?? '').trim());
  const alternates = all.filter((l) => !attr(l, 'rel') || attr(l, 'rel')?.trim().toLowerCase() === 'alternate');
  const link = alternates.find((l) => !attr(l, 'type') || /html/i.test(attr(l, 'type') ?? '')) ?? alternates[0];
  return link ? (attr(link, 'href') ?? null) : null;
}
/** An atom:link inside RSS, read as the lenient reader reads it: the first alternate. */
function alternate(links: unknown): string | null {
  const all = (Array.isArray(links) ? links : []).filter((l) => (attr(l, 'href') ?? '').trim());
  const alt = all.find((l) => !attr(l, 'rel') || attr(l, 'rel')?.toLowerCase() === 'alternate');
  return alt ? (attr(alt, 'href') ?? null) : null;
}

function personName(node: unknown): string | null {
  if (node === undefined) return null;
  if (!isRaw(node)) return plainText(textOfNode(node, 'an author')) || null;
  const part = (k: string): string => plainText(textOfNode(first(node[k] ?? node[`atom:${k}`]), 'an author'));
  return part('name') || part('email') || plainText(deepText(node)) || null;
}

/** All text below an xml2js node, as the lenient reader's textOf gives it for a person (name, email, uri). */
const deepText = (node: unknown): string =>
  typeof node === 'string' ? node : Array.isArray(node) ? node.map(deepText).join('') : isRaw(node) ? Object.entries(node).filter(([k]) => k !== '$').map(([, v]) => deepText(v)).join('') : '';

function mapAtomEntries(feed: Raw, items: Raw[], opts: ParseOptions): Omit<FeedDocument, 'warnings'> {
  const feedLinkRaw = atomLink(feed.links);
  const feedLink = feedLinkRaw ? resolveUrl(feedLinkRaw, opts.baseUrl) : null;
  const feedAuthor = personName(first(feed.authorRaw));
  const entries = items.map((e): FeedEntry => {
    const date = (k: string): string | null => parseFeedDate(textOfNode(e[k], 'a date'), opts);
    const contentNode = first(e.contentRaw);
    const content = contentNode !== undefined && !attr(contentNode, 'src') ? construct(contentNode, 'the content')?.markup ?? null : null;
    return {
      title: constructText(first(e.titleRaw), 'a title'),
      url: resolveUrl(atomLink(e.links), feedLink, opts.baseUrl),
      guid: textOfNode(e.id, 'an id').trim() || null,
      published: date('published') ?? date('updated'),
      summary: constructText(first(e.summaryRaw), 'a summary'),
      content: content && content.trim() ? content : null,
      author: personName(first(e.authorRaw)) ?? feedAuthor,
    };
  });
  return { format: 'atom', title: constructText(first(feed.titleRaw), 'the feed title'), link: feedLink, entries };
}

// ------------------------------------------------------------------ the reader

const raw = (name: string, as: string): [string, string, { keepArray: boolean }] => [name, as, { keepArray: true }];
const CUSTOM = {
  feed: [raw('title', 'titleRaw'), raw('link', 'links'), raw('author', 'authorRaw'), raw('atom:link', 'atomLinks')],
  item: [
    raw('guid', 'guidRaw'), raw('title', 'titleRaw'), raw('summary', 'summaryRaw'), raw('content', 'contentRaw'), raw('author', 'authorRaw'),
    raw('link', 'links'), raw('atom:link', 'atomLinks'), raw('atom:author', 'atomAuthor'), 'itunes:summary', 'itunes:author',
    'published', 'updated', 'dc:title', 'dc:description', 'media:title', 'dcterms:issued', 'dcterms:created', 'dcterms:modified', 'atom:published', 'atom:updated', 'date',
  ],
};

const FORMATS = new Map<string, Exclude<FeedFormat, 'json'>>([['feed', 'atom'], ['rss', 'rss'], ['rdf:RDF', 'rdf']]);

/** rss-parser's message in plain words. */
function describe(err: unknown): string {
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  if (/Unclosed root tag/.test(msg)) return 'the root element is never closed';
  const line = /Line: (\d+)/.exec(err instanceof Error ? err.message : '');
  if (line) return describeSaxError(msg, Number(line[1]) + 1) ?? msg.toLowerCase();
  if (/not recognized as RSS/.test(msg)) return 'not RSS 0.9x/2.0, RDF or Atom as it expects them (a missing or unknown version?)';
  if (/Invalid time value/.test(msg)) return 'an unreadable date';
  if (err instanceof TypeError) return 'a part it expects is missing, such as <channel> or a link\'s href';
  return msg.replace(/\.$/, '');
}

/** Reads an XML feed with rss-parser, or says why its reading is not to be used. */
export async function readWithRssParser(text: string, opts: ParseOptions): Promise<RssParserRead> {
  let shape: Shape;
  try {
    shape = inspect(text);
  } catch (err) {
    if (err instanceof Untrusted) return { ok: false, reason: `rss-parser was not used: ${err.message}` };
    throw err;
  }
  // xml2js builds the whole document before anything can be cut: a document past the cap goes to the
  // lenient reader, which skips what is past it without building it.
  if (shape.items > itemCap(opts)) return { ok: false, reason: `rss-parser was not used: the document has more than ${itemCap(opts).toLocaleString('en-US')} items` };
  const format = FORMATS.get(shape.root);
  if (!format) return { ok: false, reason: `rss-parser was not used: the root element <${shape.root}> is not one it reads` };
  let result: Raw & { items: Raw[] };
  try {
    // CUSTOM's tuples match rss-parser's runtime format; its typings describe only plain field names.
    result = await new Parser<Raw, Raw>({ customFields: CUSTOM as unknown as Parser.CustomFields<Raw, Raw> }).parseString(text);
  } catch (err) {
    return { ok: false, reason: `rss-parser could not read it (${describe(err)})` };
  }
  try {
    if (result.items.length !== shape.items) throw new Untrusted(`it found ${result.items.length} of ${shape.items} ${format === 'atom' ? 'entries' : 'items'}`);
    const document = format === 'atom' ? mapAtomEntries(result, result.items, opts) : mapRssItems(result, result.items, format, opts);
    return { ok: true, document };
  } catch (err) {
    if (err instanceof Untrusted) return { ok: false, reason: `rss-parser's reading was not trusted: ${err.message}` };
    throw err;
  }
}
