// A feed's text to a FeedDocument. JSON goes to the JSON Feed reader. XML goes first to rss-parser,
// the design's reader; when it cannot read the document, or the document has what it misreads, or
// its result looks wrong, our lenient sax-based reader reads it instead and the warnings say why.
import type { FeedDocument } from '../types';
import { mapAtom } from './parse/atom';
import { FeedError } from './parse/errors';
import { mapJsonFeed } from './parse/json-feed';
import { itemCap, type ParseOptions } from './parse/options';
import { mapRss } from './parse/rss';
import { readWithRssParser } from './parse/rss-parser-reader';
import { sniff } from './parse/sniff';
import { family } from './parse/tree';
import { parseXmlTree } from './parse/xml-tree';

export { FeedError } from './parse/errors';
export type { ParseOptions } from './parse/options';

/** Parses a decoded feed; throws FeedError with a one-line plain message when it is not a readable feed. */
export async function parseFeed(text: string, opts: ParseOptions = {}): Promise<FeedDocument> {
  if (sniff(text) === 'json') return { format: 'json', ...mapJsonFeed(text, opts) };
  const first = await readWithRssParser(text, opts);
  if (first.ok) return { ...first.document, warnings: [] };
  const doc = readLenient(text, opts);
  return { ...doc, warnings: [`read by the lenient reader: ${first.reason}`, ...doc.warnings] };
}

/** The lenient reader alone (rss-parser only answers asynchronously). */
export function parseFeedSync(text: string, opts: ParseOptions = {}): FeedDocument {
  if (sniff(text) === 'json') return { format: 'json', ...mapJsonFeed(text, opts) };
  return readLenient(text, opts);
}

function readLenient(text: string, opts: ParseOptions): FeedDocument {
  const { root, warnings, leftOut } = parseXmlTree(text, { maxItems: itemCap(opts) });
  const recovered = [...warnings.map((w) => `recovered from: ${w}`), ...leftOut];
  const name = root.local;
  if (name === 'html' || name === 'head' || name === 'body') throw new FeedError('not a feed: the document is HTML (a web page?)');
  if (name === 'rss' || name === 'channel') return { ...mapRss(root, 'rss', opts), warnings: recovered };
  if (name === 'rdf' && (family(root) === 'rdf' || root.prefix.toLowerCase() === 'rdf')) return { ...mapRss(root, 'rdf', opts), warnings: recovered };
  if (name === 'feed') return { ...mapAtom(root, opts), warnings: recovered };
  throw new FeedError(`not a feed: the XML document's root element is <${root.name}>, not <rss>, <rdf:RDF> or <feed>`);
}
