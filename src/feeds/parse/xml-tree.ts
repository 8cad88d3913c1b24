// A small element tree read with sax, forgiving what feeds get wrong and saying what it forgave.
// sax runs in strict mode so every deviation is reported, and each error is cleared so parsing
// goes on with sax's own lenient handling (a bare & stays text, a stray close tag is skipped or
// closes what it matches). DTD entity declarations are never expanded and external entities are
// never fetched: sax does neither, so billion-laughs documents stay the size they were written.
import sax from 'sax';
import { FeedError } from './errors';
import { DEFAULT_MAX_ITEMS, MAX_DEPTH, MAX_ELEMENTS, itemsLeftOut } from './options';

export interface TreeLimits {
  /** <item> and <entry> elements kept; later ones are skipped whole. */
  maxItems?: number;
  /** Elements kept in all; later ones are skipped whole. */
  maxElements?: number;
  /** Nesting refused past this depth. */
  maxDepth?: number;
}

export interface XElement {
  /** The local name, lower-cased: feeds in the wild mix case (<Item>, <pubdate>). */
  local: string;
  /** The name as written, with its prefix. */
  name: string;
  prefix: string;
  /** The namespace URI in scope for the prefix ('' when none). */
  ns: string;
  /** Attribute names lower-cased, values as written (entities decoded). */
  attrs: Record<string, string>;
  children: XNode[];
  parent: XElement | null;
  line: number;
}
export type XNode = XElement | string;

export interface XmlTree {
  root: XElement;
  warnings: string[];
  /** True when the document declares entities in its DOCTYPE (never expanded). */
  declaresEntities: boolean;
  /** What the caps left out, in plain words (not faults of the XML: the document was bigger than read). */
  leftOut: string[];
}

/** Prefixes feeds use without declaring them; a reader still knows what they mean. */
const WELL_KNOWN_PREFIXES: Record<string, string> = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  atom: 'http://www.w3.org/2005/Atom',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
};

const MAX_WARNINGS = 8;

export function parseXmlTree(text: string, limits: TreeLimits = {}): XmlTree {
  const maxItems = limits.maxItems ?? DEFAULT_MAX_ITEMS;
  const maxElements = limits.maxElements ?? MAX_ELEMENTS;
  const maxDepth = limits.maxDepth ?? MAX_DEPTH;
  // Elements past a cap are skipped with everything inside them: `skipping` is the depth into one.
  let skipping = 0;
  let items = 0;
  let elements = 0;
  let depth = 0;
  const parser = sax.parser(true, { position: true, trim: false, normalize: false });
  const doc: XElement = { local: '#document', name: '#document', prefix: '', ns: '', attrs: {}, children: [], parent: null, line: 0 };
  const nsStack: Record<string, string>[] = [{ ...WELL_KNOWN_PREFIXES }];
  let current = doc;
  let declaresEntities = false;
  const warnings: string[] = [];
  const seen = new Set<string>();
  const warn = (what: string): void => {
    if (seen.has(what) || warnings.length >= MAX_WARNINGS) return;
    seen.add(what);
    warnings.push(what);
  };

  parser.onerror = (err: Error): void => {
    const line = parser.line + 1;
    const what = describeSaxError(err.message, line);
    if (what) warn(what);
    parser.resume();
  };
  parser.ondoctype = (dt: string): void => {
    if (/<!ENTITY/i.test(dt)) {
      declaresEntities = true;
      warn('entity declarations in the DOCTYPE were ignored (never expanded, for safety)');
    }
  };
  parser.onopentag = (tag): void => {
    if (skipping) { skipping++; return; }
    if (++depth > maxDepth) throw new FeedError(`not a feed: the XML nests deeper than ${maxDepth} elements (line ${parser.line + 1})`);
    const bare = tag.name.slice(tag.name.indexOf(':') + 1).toLowerCase();
    if ((bare === 'item' || bare === 'entry') && ++items > maxItems) { skipping = 1; depth--; return; }
    if (++elements > maxElements) { skipping = 1; depth--; return; }
    const attrs: Record<string, string> = {};
    const scope: Record<string, string> = { ...nsStack[nsStack.length - 1] };
    for (const [k, v] of Object.entries(tag.attributes)) {
      const value = typeof v === 'string' ? v : v.value;
      attrs[k.toLowerCase()] = value;
      if (k === 'xmlns') scope[''] = value.trim();
      else if (k.startsWith('xmlns:')) scope[k.slice(6)] = value.trim();
    }
    nsStack.push(scope);
    const colon = tag.name.indexOf(':');
    const prefix = colon > 0 ? tag.name.slice(0, colon) : '';
    const local = (colon > 0 ? tag.name.slice(colon + 1) : tag.name).toLowerCase();
    const el: XElement = { local, name: tag.name, prefix, ns: scope[prefix] ?? scope[prefix.toLowerCase()] ?? '', attrs, children: [], parent: current, line: parser.line + 1 };
    current.children.push(el);
    current = el;
  };
  parser.onclosetag = (): void => {
    if (skipping) { skipping--; return; }
    depth--;
    nsStack.pop();
    if (current.parent) current = current.parent;
  };
  const ontext = (t: string): void => {
    if (skipping) return;
    const last = current.children[current.children.length - 1];
    if (typeof last === 'string') current.children[current.children.length - 1] = last + t;
    else current.children.push(t);
  };
  parser.ontext = ontext;
  parser.oncdata = ontext;

  try {
    parser.write(text);
    // sax reports an unclosed root at close(); an open element at the end means the document stops early.
    const open = current !== doc;
    parser.onerror = (): void => { parser.resume(); };
    parser.close();
    const root = doc.children.find((c): c is XElement => typeof c !== 'string');
    if (!root) throw new FeedError(/<\s*[A-Za-z]/.test(text) ? 'truncated XML: the document ends inside its first tag' : 'not a feed: no XML elements found');
    if (open) {
      // "</rss" with no ">" (common in hand-cut feeds) loses nothing: only the outer containers are
      // still open and the text stops inside their closing tag. Anything else is a cut-off download.
      const tail = /<\/[^<>]*$/.exec(text.trimEnd());
      if (!tail || !openOnlyContainers(current)) throw new FeedError(`truncated XML: the document ends before <${current.name}> (line ${current.line}) is closed`);
      warn(`the document ends inside the closing tag "${tail[0].trim()}"`);
    }
    const leftOut: string[] = [];
    if (items > maxItems) leftOut.push(itemsLeftOut(maxItems, items));
    if (elements > maxElements) leftOut.push(`the document has more than ${maxElements.toLocaleString('en-US')} elements; the rest were left out`);
    return { root, warnings, declaresEntities, leftOut };
  } catch (err) {
    if (err instanceof FeedError) throw err;
    throw new FeedError(`unreadable XML: ${(err as Error).message.split('\n')[0]}`);
  }
}

const CONTAINERS = new Set(['rss', 'rdf', 'feed', 'channel']);

function openOnlyContainers(innermost: XElement): boolean {
  for (let e: XElement | null = innermost; e && e.parent; e = e.parent) if (!CONTAINERS.has(e.local)) return false;
  return true;
}

/** sax's message in the words a feed's author would understand, or null for noise. */
export function describeSaxError(message: string, line: number): string | null {
  const m = message.split('\n')[0];
  if (/Invalid character in entity name/.test(m)) return `unescaped & in line ${line}`;
  if (/Invalid character entity/.test(m)) return `unknown entity in line ${line}`;
  if (/Unmatched closing tag|Unexpected close tag/.test(m)) return `mismatched closing tag in line ${line}`;
  if (/Unquoted attribute value/.test(m)) return `unquoted attribute value in line ${line}`;
  if (/Attribute without value/.test(m)) return `attribute without a value in line ${line}`;
  if (/Text data outside of root node/.test(m)) return 'text outside the root element';
  if (/Unclosed root tag/.test(m)) return null;
  if (/Non-whitespace before first tag/.test(m)) return 'text before the first tag';
  if (/Inappropriately located doctype/.test(m)) return null;
  return `malformed XML in line ${line} (${m.replace(/\.$/, '').toLowerCase()})`;
}
