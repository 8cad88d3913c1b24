// Plain text as a person reads it: markup dropped, entities decoded, white space folded.
import { decodeHTMLStrict } from 'entities';

const TAG = /<\/?[A-Za-z][A-Za-z0-9:_-]*(?:\s[^<>]*)?\/?>/g;
const HAS_TAG = new RegExp(TAG.source);
const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|header|footer|figure|figcaption|dd|dt|dl)\b[^<>]*>/gi;
const DROPPED = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
// C0 controls other than tab, newline and carriage return never belong in text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function onePass(s: string): string {
  return decodeHTMLStrict(s.replace(CDATA, '$1').replace(COMMENT, ' ').replace(DROPPED, ' ').replace(BLOCK_TAG, ' ').replace(TAG, ''));
}

/** HTML (or text that may hold HTML) to plain text. Markup escaped twice ("&amp;lt;b&amp;gt;"), as
 *  some feeds write titles, shows up as tags or entities after one pass and gets a second one. */
export function plainText(html: string | null | undefined): string {
  if (!html) return '';
  let s = onePass(html.replace(CONTROL, ''));
  if (HAS_TAG.test(s) || ENTITY.test(s)) s = onePass(s);
  return foldSpace(s);
}

export const foldSpace = (s: string): string => s.replace(CONTROL, '').replace(/\s+/g, ' ').trim();

/** Text as written (no markup to drop), only with stray control characters removed and space folded. */
export const cleanText = (s: string | null | undefined): string => (s ? foldSpace(s) : '');
