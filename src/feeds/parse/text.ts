// Plain text as a person reads it: markup dropped, entities decoded, white space folded.
import { decodeHTMLStrict } from 'entities';
import iconv from 'iconv-lite';

const TAG = /<\/?[A-Za-z][A-Za-z0-9:_-]*(?:\s[^<>]*)?\/?>/g;
const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|section|article|header|footer|figure|figcaption|dd|dt|dl)\b[^<>]*>/gi;
const DROPPED = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// A comment a browser would hide, including one never closed (it hides the rest).
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;
// C0 controls other than tab, newline and carriage return never belong in text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** What plainText's patterns and decoders act on: every one of them needs a "<", a "&" or a control. */
const MARKUP_OR_CONTROL = /[<&\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Entities left after decoding mean the text was escaped twice ("AT&amp;amp;T"); a reader sees them decoded.
 *  Only semicolon-terminated references count, so "?a=1&copy=2" stays as written. */
const decodeLeftovers = (s: string): string => (ENTITY.test(s) ? decodeHTMLStrict(s) : s);

/** HTML to plain text. Markup that was escaped inside the HTML ("History of the &lt;blink&gt; tag") is
 *  text the author meant to show, so it stays. */
export function plainText(html: string | null | undefined): string {
  if (!html) return '';
  // Nothing to strip or decode (most titles and many summaries): only the white space to fold.
  if (!MARKUP_OR_CONTROL.test(html)) return foldSpace(html);
  const stripped = html.replace(CONTROL, '').replace(CDATA, '$1').replace(COMMENT, ' ').replace(DROPPED, ' ').replace(BLOCK_TAG, ' ').replace(TAG, '');
  return foldSpace(decodeLeftovers(decodeHTMLStrict(stripped)));
}

/** Text that is text (Atom type="text", JSON content_text): nothing to strip, double escaping still undone. */
export function plainFromText(text: string | null | undefined): string {
  return text ? foldSpace(decodeLeftovers(text)) : '';
}

// C1 controls in text are nearly always windows-1252 punctuation that went through a numeric reference
// (&#146; for an apostrophe); browsers read them as windows-1252 and so does a person.
const C1 = /[\u0080-\u009f]/g;
const fromC1 = (c: string): string => iconv.decode(Buffer.from([c.charCodeAt(0)]), 'windows-1252').replace(C1, '');

export const foldSpace = (s: string): string => s.replace(CONTROL, '').replace(C1, fromC1).replace(/\s+/g, ' ').trim();
