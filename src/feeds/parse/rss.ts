// RSS 0.9x, 2.0 and 1.0 (RDF). One mapper serves all: they differ in where items sit (inside the
// channel, or beside it under rdf:RDF) and in namespaces, not in what an item means.
import type { FeedDocument, FeedEntry, FeedFormat } from '../../types';
import { constructText, textConstruct } from './atom';
import { parseFeedDate } from './dates';
import type { ParseOptions } from './options';
import { plainText } from './text';
import { baseOf, child, childrenNamed, elements, ext, family, findAll, hasXmlBase, innerXml, isAtomNs, textOf } from './tree';
import { isAbsolute, resolveUrl } from './urls';
import type { XElement } from './xml-tree';

/** An RSS element: unprefixed and not in a known extension namespace, or in an RSS 0.9/1.0 namespace. */
const own = (c: XElement): boolean => {
  const f = family(c);
  if (f === 'rss09' || f === 'rss10') return true;
  return !c.prefix && (f === null || f === 'rdf');
};
const atom = isAtomNs;
const rdfAbout = (el: XElement): string => (el.attrs['rdf:about'] ?? el.attrs.about ?? '').trim();

/** Markup of an element that may carry escaped HTML or (carelessly) naked HTML. */
const markupOf = (el: XElement | null): string => (el ? (elements(el).length ? innerXml(el) : textOf(el)) : '');
const plainOf = (el: XElement | null): string => plainText(markupOf(el));

function atomAlternate(el: XElement): string | null {
  const links = childrenNamed(el, 'link', atom).filter((l) => (l.attrs.href ?? '').trim());
  const alt = links.find((l) => !l.attrs.rel || l.attrs.rel.toLowerCase() === 'alternate');
  return alt ? alt.attrs.href : null;
}

export function mapRss(root: XElement, format: Extract<FeedFormat, 'rss' | 'rdf'>, opts: ParseOptions): Omit<FeedDocument, 'warnings'> {
  const channel = root.local === 'channel' ? root : child(root, 'channel', own) ?? findAll(root, 'channel', own)[0] ?? null;
  const scope = channel ?? root;
  const channelLinkRaw = textOf(child(scope, 'link', own)).trim() || atomAlternate(scope);
  const channelLink = resolveUrl(channelLinkRaw, baseOf(scope, opts.baseUrl ?? null));
  const title = plainOf(child(scope, 'title', own)) || plainOf(child(scope, 'title', ext('dc'))) || constructText(child(scope, 'title', atom));

  const entries = findAll(root, 'item', own).map((it): FeedEntry => {
    const base = (el: XElement | null): string | null => (el && hasXmlBase(el) ? baseOf(el, opts.baseUrl ?? null) : null);
    const linkEl = child(it, 'link', own);
    const guidEl = child(it, 'guid', own);
    const guid = textOf(guidEl).trim() || rdfAbout(it) || null;
    const permalink = guidEl && (guidEl.attrs.ispermalink ?? 'true').trim().toLowerCase() !== 'false' && guid && /^https?:\/\//i.test(guid) ? guid : null;
    const rawLink = textOf(linkEl).trim() || atomAlternate(it) || permalink || (format === 'rdf' ? rdfAbout(it) || null : null);
    const url = resolveUrl(rawLink, base(linkEl ?? it), channelLink && isAbsolute(channelLink) ? channelLink : null, opts.baseUrl);
    const date = (el: XElement | null): string | null => (el ? parseFeedDate(textOf(el), opts) : null);
    const published = date(child(it, 'pubdate', own)) ?? date(child(it, 'date', ext('dc'))) ?? date(child(it, 'issued', ext('dcterms')))
      ?? date(child(it, 'created', ext('dcterms'))) ?? date(child(it, 'published', atom)) ?? date(child(it, 'modified', ext('dcterms')))
      ?? date(child(it, 'updated', atom)) ?? date(child(it, 'date', own));
    const contentEl = child(it, 'encoded', ext('content')) ?? child(it, 'encoded', (c) => !c.prefix || c.prefix.toLowerCase() === 'content');
    const atomContent = child(it, 'content', atom);
    const content = contentEl ? markupOf(contentEl) : atomContent ? textConstruct(atomContent)?.markup ?? null : null;
    const summary = plainOf(child(it, 'description', own)) || plainOf(child(it, 'description', ext('dc')))
      || constructText(child(it, 'summary', atom)) || plainOf(child(it, 'summary', ext('itunes')));
    const atomAuthor = child(it, 'author', atom);
    const author = plainOf(child(it, 'author', own)) || plainOf(child(it, 'creator', ext('dc')))
      || (atomAuthor ? plainOf(child(atomAuthor, 'name', atom)) || plainOf(atomAuthor) : '') || plainOf(child(it, 'author', ext('itunes')));
    return {
      title: plainOf(child(it, 'title', own)) || plainOf(child(it, 'title', ext('dc'))) || constructText(child(it, 'title', atom)) || plainOf(child(it, 'title', ext('media'))),
      url,
      guid,
      published,
      summary,
      content: content && content.trim() ? content : null,
      author: author || null,
    };
  });
  return { format, title, link: channelLink, entries };
}
