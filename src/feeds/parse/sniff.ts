// What kind of document a body is, from its content (never its file name or label).
import { FeedError } from './errors';

export type Sniffed = 'json' | 'xml';

const LEADING_XML_NOISE = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/;

export function sniff(text: string): Sniffed {
  const t = text.replace(/^\uFEFF/, '');
  if (!t.trim()) throw new FeedError('empty document');
  const head = t.slice(0, 4096).replace(LEADING_XML_NOISE, '');
  if (!head.trim() && t.length < 4096) throw new FeedError('empty document (nothing but comments or an XML declaration)');
  if (/^[{[]/.test(head)) return 'json';
  if (/^<!doctype\s+(?:rss|feed|rdf)/i.test(head)) return 'xml';
  if (looksLikeHtml(head)) throw new FeedError('not a feed: the document is HTML (a web page?)');
  if (head.startsWith('<')) return 'xml';
  // Text before the markup (a stray byte, a PHP notice): still XML if a feed element follows.
  if (/<(?:rss|feed|rdf:RDF|channel)[\s>]/i.test(t.slice(0, 4096))) return 'xml';
  throw new FeedError('not a feed: the document is neither XML nor JSON');
}

/** An HTML page: its first element is html/head/body, or an HTML doctype is not followed by a feed element. */
export function looksLikeHtml(head: string): boolean {
  const doctype = /^<!doctype\s+(html)?[^>]*>/i.exec(head);
  const rest = doctype ? head.slice(doctype[0].length).replace(LEADING_XML_NOISE, '') : head;
  if (/^<(?:html|head|body)[\s>]/i.test(rest)) return true;
  return !!doctype?.[1] && !/^<(?:rss|feed|rdf:rdf|channel)[\s>]/i.test(rest);
}
