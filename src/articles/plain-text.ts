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

// White space other than the newline, which separates lines; "\s" and a few spaces it leaves out.
const SPACE = /[\t\v\f\r \u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
const EDGE_CELLS = new RegExp(`^[ ${CELL_MARK}]+|[ ${CELL_MARK}]+$`, 'gm');
const CELLS = new RegExp(` ?${CELL_MARK}[ ${CELL_MARK}]*`, 'g');
const LINE_EDGE_SPACES = / ?\n ?/g;
const BLANK_LINES = /\n{2,}/g;
const CRLF = /\r\n?/g;

/** Folds white space within each line, drops empty lines, and turns cell marks into " | ". */
export function foldLines(s: string): string {
  // Over the whole text at once rather than line by line: none of these patterns crosses a newline.
  let t = s.replace(CONTROL, ' ').replace(CRLF, '\n').replace(SPACE, ' ');
  // A row's leading or trailing empty cells say nothing.
  t = t.includes(CELL_MARK) ? t.replace(EDGE_CELLS, '').replace(CELLS, ' | ') : t.replace(LINE_EDGE_SPACES, '\n');
  t = t.replace(BLANK_LINES, '\n');
  let from = 0;
  let to = t.length;
  while (from < to && (t.charCodeAt(from) === 10 || t.charCodeAt(from) === 32)) from++;
  while (to > from && (t.charCodeAt(to - 1) === 10 || t.charCodeAt(to - 1) === 32)) to--;
  return from === 0 && to === t.length ? t : t.slice(from, to);
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

/** Characters outside ASCII that Unicode normalisation and lower-casing leave as they are, or turn into
 *  other punctuation, and that are no letter or digit: text of ASCII and these takes a short cut. */
const NEEDS_UNICODE = /[^\x00-\x7f\u00a0\u00a3\u00a5\u00b7\u2010-\u2027\u2030-\u205e\u20ac]/;
const APOSTROPHES = /[’']/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const ASCII_NOT_WORD = /[^a-z0-9]+/g;

/** Lower-case letters and digits only, one space between words: for comparing text as a reader would. */
export function comparable(s: string): string {
  // Normalisation and Unicode classes are most of the cost, and most text needs neither.
  if (!NEEDS_UNICODE.test(s)) return s.toLowerCase().replace(APOSTROPHES, '').replace(ASCII_NOT_WORD, ' ').trim();
  return s.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').replace(NOT_WORD, ' ').trim();
}

/** Text with an ellipsis or "[…]" / "Read more" tail cut off, as feeds write excerpts. */
function withoutExcerptTail(s: string): string {
  return s.replace(/\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.|\(more\.*\)|read more\W*|continue reading\W*)\s*$/i, '');
}

/** True when `body` already opens with the text of `lead` (an excerpt of it), so `lead` would repeat it. */
export function startsWithText(body: string, lead: string): boolean {
  return opensWith(body.split('\n').map(comparable), lead);
}

/** startsWithText over the body's lines already made comparable: the comparable form of the whole
 *  body is that of its lines, joined by a space (no pattern of `comparable` crosses a newline). */
function opensWith(bodyComparable: readonly string[], lead: string): boolean {
  const l = comparable(withoutExcerptTail(lead));
  if (!l) return true;
  const b = bodyComparable.filter(Boolean).join(' ');
  return b.startsWith(l) || (l.length > 60 && b.includes(l));
}

/** The plain full text of an entry: title, then summary (unless the content repeats it), then content.
 *  The summary is plain text already (the feed reader's contract); the content may be HTML. */
export function articleText(title: string, summary: string, content: string | null): string {
  return articleLines(title, summary, content).text;
}

/** articleText, with each of its lines made comparable: worked out here anyway, and the duplicate
 *  index compares the same lines. */
export function articleLines(title: string, summary: string, content: string | null): { text: string; compared: string[] } {
  const t = foldLines(title);
  const body = htmlToText(content);
  const s = foldLines(summary);
  const head = comparable(t);
  // Each body line made comparable once, for both checks below and for the caller.
  const bodyLines = body ? body.split('\n') : [];
  const bodyCompared = bodyLines.map(comparable);
  const lines: string[] = [];
  const compared: string[] = [];
  const put = (text: string, c: string | null): void => {
    if (!text) return;
    if (c !== null && !text.includes('\n')) {
      lines.push(text);
      compared.push(c);
      return;
    }
    for (const line of text.split('\n')) {
      lines.push(line);
      compared.push(comparable(line));
    }
  };
  put(t, head);
  if (s && !(body && opensWith(bodyCompared, s))) {
    const cs = comparable(s);
    if (cs !== head) put(s, cs);
  }
  // Content that repeats the headline (many templates print it above the body) would make it a
  // sentence of its own, read twice.
  for (let i = 0; i < bodyLines.length; i++) {
    if (head && bodyCompared[i] === head) continue;
    lines.push(bodyLines[i]);
    compared.push(bodyCompared[i]);
  }
  return { text: lines.join('\n'), compared };
}
