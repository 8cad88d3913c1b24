// Atom 1.0 and 0.3. Text constructs come as text, escaped HTML, inline XHTML or (0.3, and 1.0
// with a non-text media type) base64; all end up as plain text for titles and summaries.
import type { FeedDocument, FeedEntry } from '../../types';
import { parseFeedDate } from './dates';
import type { ParseOptions } from './options';
import { plainFromText, plainText } from './text';
import { baseOf, child, childrenNamed, elements, family, findAll, hasXmlBase, innerXml, textOf } from './tree';
import { resolveUrl } from './urls';
import type { XElement } from './xml-tree';

/** An Atom element of this feed: in an Atom namespace, or unprefixed in a feed that forgot its namespace. */
const own = (c: XElement): boolean => {
  const f = family(c);
  return f === 'atom10' || f === 'atom03' || (!c.prefix && f === null);
};

type Construct = { markup: string; kind: 'text' | 'html' };

/** A text construct's content, decoded: what kind of string it is and the string. */
export function textConstruct(el: XElement | null): Construct | null {
  if (!el) return null;
  const type = (el.attrs.type ?? '').trim().toLowerCase();
  const mode = (el.attrs.mode ?? '').trim().toLowerCase();
  if (mode === 'base64' || isBinaryType(type)) {
    const decoded = decodeBase64(textOf(el));
    const html = /html/.test(type) || (!type.startsWith('text/plain') && /<\/?[a-z][^<>]*>/i.test(decoded));
    return { markup: decoded, kind: html ? 'html' : 'text' };
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') {
    const divs = elements(el);
    const only = divs.length === 1 && divs[0].local === 'div' && el.children.every((c) => typeof c !== 'string' || !c.trim()) ? divs[0] : el;
    return { markup: innerXml(only), kind: 'html' };
  }
  if (type === 'html' || type === 'text/html' || mode === 'escaped') {
    return { markup: elements(el).length ? innerXml(el) : textOf(el), kind: 'html' };
  }
  // Plain text, possibly with naked markup a careless feed put inside: keep it as markup so tags can be dropped.
  return { markup: elements(el).length ? innerXml(el) : textOf(el), kind: elements(el).length ? 'html' : 'text' };
}

export function isBinaryType(type: string): boolean {
  if (!type || type === 'text' || type === 'html' || type === 'xhtml') return false;
  if (type.startsWith('text/') || /[+/]xml(;|$)/.test(type)) return false;
  return type.includes('/');
}

/** Base64 decoded to text, or the input unchanged when it is not base64 of UTF-8 text: a media
 *  type unknown to us ("application/x-custom") says nothing certain about the encoding. */
function decodeBase64(s: string): string {
  const b = s.replace(/\s+/g, '');
  if (!b || b.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b)) return s;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(b, 'base64'));
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? s : text;
  } catch {
    return s;
  }
}

/** A text construct as plain text: HTML and XHTML lose their markup, text keeps what it says. */
export const constructText = (el: XElement | null): string => {
  const c = textConstruct(el);
  if (!c) return '';
  return c.kind === 'html' ? plainText(c.markup) : plainFromText(c.markup);
};
const plainOf = constructText;

function linkOf(links: XElement[]): XElement | null {
  const withHref = links.filter((l) => (l.attrs.href ?? '').trim());
  const alternates = withHref.filter((l) => !l.attrs.rel || l.attrs.rel.trim().toLowerCase() === 'alternate');
  return alternates.find((l) => !l.attrs.type || /html/i.test(l.attrs.type)) ?? alternates[0] ?? null;
}

function personName(el: XElement | null): string | null {
  if (!el) return null;
  const name = plainText(textOf(child(el, 'name', own)));
  const email = plainText(textOf(child(el, 'email', own)));
  const fallback = plainText(textOf(el));
  return name || email || fallback || null;
}

export function mapAtom(root: XElement, opts: ParseOptions): Omit<FeedDocument, 'warnings'> {
  const feedLinkEl = linkOf(childrenNamed(root, 'link', own));
  const feedLink = feedLinkEl ? resolveUrl(feedLinkEl.attrs.href, baseOf(feedLinkEl, opts.baseUrl ?? null)) : null;
  const feedAuthor = personName(child(root, 'author', own));

  const entries = findAll(root, 'entry', own).map((e): FeedEntry => {
    const linkEl = linkOf(childrenNamed(e, 'link', own));
    const date = (name: string): string | null => parseFeedDate(textOf(child(e, name, own)), opts);
    const contentEl = child(e, 'content', own);
    const content = contentEl && !contentEl.attrs.src ? textConstruct(contentEl)?.markup ?? null : null;
    const summaryEl = child(e, 'summary', own);
    return {
      title: plainOf(child(e, 'title', own)),
      url: linkEl ? resolveUrl(linkEl.attrs.href, hasXmlBase(linkEl) ? baseOf(linkEl, opts.baseUrl ?? null) : null, feedLink, opts.baseUrl) : null,
      guid: textOf(child(e, 'id', own)).trim() || null,
      published: date('published') ?? date('issued') ?? date('created') ?? date('updated') ?? date('modified'),
      summary: plainOf(summaryEl),
      content: content && content.trim() ? content : null,
      author: personName(child(e, 'author', own)) ?? feedAuthor,
    };
  });
  return { format: 'atom', title: plainOf(child(root, 'title', own)), link: feedLink, entries };
}
