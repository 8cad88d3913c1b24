// A feed's text to a FeedDocument: sniff the kind of document from its content, read the XML
// into a forgiving element tree (or the JSON), and map RSS, RDF, Atom or JSON Feed onto FeedEntry.
import type { FeedDocument } from '../types';
import { mapAtom } from './parse/atom';
import { FeedError } from './parse/errors';
import { mapJsonFeed } from './parse/json-feed';
import type { ParseOptions } from './parse/options';
import { mapRss } from './parse/rss';
import { sniff } from './parse/sniff';
import { family } from './parse/tree';
import { parseXmlTree } from './parse/xml-tree';

export { FeedError } from './parse/errors';
export type { ParseOptions } from './parse/options';

/** Parses a decoded feed; throws FeedError with a one-line plain message when it is not a readable feed. */
export async function parseFeed(text: string, opts: ParseOptions = {}): Promise<FeedDocument> {
  return parseFeedSync(text, opts);
}

export function parseFeedSync(text: string, opts: ParseOptions = {}): FeedDocument {
  if (sniff(text) === 'json') return { format: 'json', ...mapJsonFeed(text, opts) };
  const { root, warnings } = parseXmlTree(text);
  const recovered = warnings.map((w) => `recovered from: ${w}`);
  const name = root.local;
  if (name === 'html' || name === 'head' || name === 'body') throw new FeedError('not a feed: the document is HTML (a web page?)');
  if (name === 'rss' || name === 'channel') return { ...mapRss(root, 'rss', opts), warnings: recovered };
  if (name === 'rdf' && (family(root) === 'rdf' || root.prefix.toLowerCase() === 'rdf')) return { ...mapRss(root, 'rdf', opts), warnings: recovered };
  if (name === 'feed') return { ...mapAtom(root, opts), warnings: recovered };
  throw new FeedError(`not a feed: the XML document's root element is <${root.name}>, not <rss>, <rdf:RDF> or <feed>`);
}
