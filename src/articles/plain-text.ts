// HTML to the plain text the facts extractor reads. Block boundaries survive as newlines because the
// extractor splits sentences on them: a headline run into the first paragraph, or two table rows run
// together, would otherwise read as one sentence and pair a figure with the wrong company.
import { Parser } from 'htmlparser2';

/** Elements that end a line of text where they open or close. */
const BLOCK = new Set([
  'p', 'div', 'br', 'hr', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'tr', 'table', 'thead', 'tbody', 'tfoot', 'caption', 'blockquote', 'pre', 'section', 'article',
  'header', 'footer', 'aside', 'nav', 'figure', 'figcaption', 'main', 'address', 'details', 'summary',
  'center', 'form', 'fieldset', 'legend', 'title',
]);
/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'math', 'select', 'button']);
const CELL = new Set(['td', 'th']);
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Marks a cell boundary until lines are folded; a private-use character no feed writes. */
const CELL_MARK = '\uE000';

/** Folds white space within each line, drops empty lines, and turns cell marks into " | ". */
export function foldLines(s: string): string {
  return s
    .replace(CONTROL, ' ')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/[\s\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]+/g, ' ')
        // A row's leading or trailing empty cells say nothing.
        .replace(new RegExp(`^[ ${CELL_MARK}]+|[ ${CELL_MARK}]+$`, 'g'), '')
        .replace(new RegExp(` ?${CELL_MARK}[ ${CELL_MARK}]*`, 'g'), ' | ')
        .trim(),
    )
    .filter((line) => line.length > 0)
    .join('\n');
}

/** HTML, or text that may hold some, to plain text with one line per block. Never throws. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  if (!LOOKS_LIKE_HTML.test(html)) return foldLines(html);
  let out = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (BLOCK.has(name)) out += '\n';
        else if (CELL.has(name)) out += CELL_MARK;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK.has(name)) out += '\n';
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeCDATA: true },
  );
  try {
    parser.write(html);
    parser.end();
  } catch {
    // htmlparser2 is lenient and does not throw on bad markup; this only guards against the unexpected.
    out = html.replace(/<[^>]*>/g, '\n');
  }
  // Markup escaped twice ("&lt;p&gt;"), as some feeds write it, surfaces as tags after one pass.
  if (/<\/?(?:p|br|div|li|b|i|a|span|strong|em)\b[^<>]*>/i.test(out)) return htmlToText(out);
  return foldLines(out);
}

/** Lower-case letters and digits only, one space between words: for comparing text as a reader would. */
export function comparable(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Text with an ellipsis or "[…]" / "Read more" tail cut off, as feeds write excerpts. */
function withoutExcerptTail(s: string): string {
  return s.replace(/\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.|\(more\.*\)|read more\W*|continue reading\W*)\s*$/i, '');
}

/** True when `body` already opens with the text of `lead` (an excerpt of it), so `lead` would repeat it. */
export function startsWithText(body: string, lead: string): boolean {
  const l = comparable(withoutExcerptTail(lead));
  if (!l) return true;
  const b = comparable(body);
  return b.startsWith(l) || (l.length > 60 && b.includes(l));
}

/** The plain full text of an entry: title, then summary (unless the content repeats it), then content.
 *  The summary is plain text already (the feed reader's contract); the content may be HTML. */
export function articleText(title: string, summary: string, content: string | null): string {
  const t = foldLines(title);
  const body = htmlToText(content);
  const s = foldLines(summary);
  const parts = [t];
  if (s && !(body && startsWithText(body, s)) && comparable(s) !== comparable(t)) parts.push(s);
  if (body) {
    // Content that repeats the headline (many templates print it above the body) would make it a
    // sentence of its own, read twice.
    const head = comparable(t);
    const lines = body.split('\n').filter((l) => !head || comparable(l) !== head);
    parts.push(lines.join('\n'));
  }
  return parts.filter(Boolean).join('\n');
}
