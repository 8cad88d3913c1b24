// Reading values out of the element tree: namespaces by family, text, markup, xml:base.
import type { XElement, XNode } from './xml-tree';
import { chainBase } from './urls';

const norm = (uri: string): string => uri.trim().toLowerCase().replace(/[/#]+$/, '');

export const NS = {
  atom10: 'http://www.w3.org/2005/atom',
  atom03: 'http://purl.org/atom/ns',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns',
  rss10: 'http://purl.org/rss/1.0',
  rss09: 'http://my.netscape.com/rdf/simple/0.9',
  dc: 'http://purl.org/dc/elements/1.1',
  dcterms: 'http://purl.org/dc/terms',
  content: 'http://purl.org/rss/1.0/modules/content',
  xhtml: 'http://www.w3.org/1999/xhtml',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  media: 'http://search.yahoo.com/mrss',
} as const;
export type NsFamily = keyof typeof NS;

const FAMILY_BY_URI = new Map<string, NsFamily>(Object.entries(NS).map(([k, v]) => [v, k as NsFamily]));

export function family(el: XElement): NsFamily | null {
  return FAMILY_BY_URI.get(norm(el.ns)) ?? null;
}

export const isAtomNs = (el: XElement): boolean => {
  const f = family(el);
  return f === 'atom10' || f === 'atom03';
};

/** The element's children that are elements. */
export const elements = (el: XElement): XElement[] => el.children.filter((c): c is XElement => typeof c !== 'string');

/** First child element matching a local name and a predicate on its namespace. */
export function child(el: XElement, local: string, accept: (c: XElement) => boolean): XElement | null {
  for (const c of el.children) if (typeof c !== 'string' && c.local === local && accept(c)) return c;
  return null;
}

export function childrenNamed(el: XElement, local: string, accept: (c: XElement) => boolean): XElement[] {
  return elements(el).filter((c) => c.local === local && accept(c));
}

/** Elements named `local` anywhere below `el`, not looking inside a match (items never nest). */
export function findAll(el: XElement, local: string, accept: (c: XElement) => boolean): XElement[] {
  const out: XElement[] = [];
  const walk = (e: XElement): void => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (c.local === local && accept(c)) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}

export const ext = (fam: NsFamily) => (c: XElement): boolean => family(c) === fam;

/** All text below the element, as the XML says it (entities already decoded). */
export function textOf(el: XElement | null): string {
  if (!el) return '';
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}

const escText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string): string => escText(s).replace(/"/g, '&quot;');

/** The element's content written back as markup, for naked HTML/XHTML carried inside a feed element. */
export function innerXml(el: XElement): string {
  return el.children.map(outerXml).join('');
}

function outerXml(n: XNode): string {
  if (typeof n === 'string') return escText(n);
  const attrs = Object.entries(n.attrs).filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:')).map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('');
  const name = n.prefix && family(n) === 'xhtml' ? n.local : n.name;
  return n.children.length ? `<${name}${attrs}>${n.children.map(outerXml).join('')}</${name}>` : `<${name}${attrs}/>`;
}

/** The xml:base in effect at `el`, with `outer` (the source address) as the outermost base. */
export function baseOf(el: XElement | null, outer: string | null): string | null {
  const chain: string[] = [];
  for (let e = el; e; e = e.parent) if (e.attrs['xml:base']) chain.push(e.attrs['xml:base']);
  let base = outer;
  for (const b of chain.reverse()) base = chainBase(base, b);
  return base;
}

/** Whether any xml:base applies at `el`. */
export function hasXmlBase(el: XElement | null): boolean {
  for (let e = el; e; e = e.parent) if (e.attrs['xml:base']) return true;
  return false;
}
