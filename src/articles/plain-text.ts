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
  // Text without cell marks, nearly all of it, takes one pass over its characters.
  return s.includes(CELL_MARK) ? foldLinesByPatterns(s) : foldPlainLines(s);
}

/** foldLines by regular expressions: the definition, and the path for text with cell marks. */
export function foldLinesByPatterns(s: string): string {
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

/** True for what foldLines turns into a space: CONTROL and SPACE, less the line breaks. */
function isBlank(c: number): boolean {
  if (c < 0x7f) return c === 32 || (c < 32 && c !== 10 && c !== 13);
  if (c <= 0xa0) return true;
  if (c < 0x1680) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** foldLines for text without cell marks, in one pass: the same as the patterns, which come to this:
 *  lines end at "\n", "\r\n" or "\r"; in each, runs of blanks become one space and the ends are
 *  trimmed; empty lines are dropped. Clean stretches are copied as slices. */
function foldPlainLines(s: string): string {
  const n = s.length;
  let out = '';
  let i = 0;
  while (i < n) {
    // One line: skip its leading blanks, then copy it in clean stretches.
    while (i < n && isBlank(s.charCodeAt(i))) i++;
    let line = '';
    let from = i;
    let end = i;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 10 || c === 13) break;
      if (c !== 32 && !isBlank(c)) {
        end = i + 1;
        continue;
      }
      // A run of blanks: one plain space keeps the stretch going; anything else cuts it here.
      let j = i + 1;
      while (j < n && isBlank(s.charCodeAt(j))) j++;
      if (j === i + 1 && c === 32) continue;
      line += s.slice(from, i);
      if (j < n && s.charCodeAt(j) !== 10 && s.charCodeAt(j) !== 13) line += ' ';
      from = j;
      end = j;
      i = j - 1;
    }
    if (end > from) line += s.slice(from, end);
    if (line) out = out ? `${out}\n${line}` : line;
    // Past the line break ("\r\n" is one).
    if (i < n && s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10) i++;
    i++;
  }
  return out;
}

/** HTML, or text that may hold some, to plain text with one line per block. Never throws. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  if (!LOOKS_LIKE_HTML.test(html)) return foldLines(html);
  const out = simpleHtmlText(html) ?? parsedHtmlText(html);
  // Markup escaped twice ("&lt;p&gt;"), as some feeds write it, surfaces as tags after one pass.
  if (out.includes('<') && /<\/?(?:p|br|div|li|b|i|a|span|strong|em)\b[^<>]*>/i.test(out)) return htmlToText(out);
  return foldLines(out);
}

/** The text of HTML through the full parser: lines marked by blocks, cells marked, hidden content left out. */
export function parsedHtmlText(html: string): string {
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
  return out;
}

// ---------------------------------------------------------------- the short cut for simple markup
// Feeds mostly write article bodies as a run of paragraphs with a few links and emphasis. The full
// parser costs more than everything else in normalising such a body, so simple markup is read here,
// giving exactly what parsedHtmlText gives, and anything else goes to the parser: a tag not listed
// below, a tag that would close others implicitly or out of order, comments, CDATA and other "<!",
// "<?" or a stray "<", and any character reference but the few decoded here.

/** Elements read here that end a line where they open or close (all in BLOCK). */
const SIMPLE_BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'figure', 'figcaption', 'section', 'article', 'header', 'footer']);
/** Elements read here that leave the text as it is. */
const SIMPLE_INLINE = new Set(['a', 'abbr', 'b', 'cite', 'code', 'em', 'i', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u']);
/** Void elements read here: br and hr end a line (twice: the parser opens and closes them), img nothing. */
const SIMPLE_VOID = new Set(['br', 'hr', 'img']);
// The parser closes an open <p> when one of these opens (and <li> an open <li>): left to it.
const CLOSES_P = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'figure', 'figcaption', 'section', 'article', 'header', 'footer', 'hr', 'li']);

const OPEN_TAG = /<([a-zA-Z][a-zA-Z0-9]*)(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*(\/?)>/y;
const CLOSE_TAG = /<\/([a-zA-Z][a-zA-Z0-9]*)>/y;
const CHAR_REF = /&(?:(amp|lt|gt|quot|apos|nbsp)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** A code point the parser decodes as itself (no replacement character, no windows-1252 remap). */
const plainCodePoint = (c: number): boolean => (c >= 32 && c < 127) || (c >= 160 && c < 0xd800) || (c >= 0xe000 && c <= 0x10ffff);

/** The text parsedHtmlText would give for simple markup, or null when the markup is not that simple. */
export function simpleHtmlText(html: string): string | null {
  let out = '';
  const stack: string[] = [];
  let pOpen = 0;
  let from = 0;
  const n = html.length;
  for (let i = 0; i < n; i++) {
    const c = html.charCodeAt(i);
    if (c === 38) {
      // "&": a reference decoded here, or plain text when no name or number follows.
      const next = html.charCodeAt(i + 1);
      const named = (next >= 97 && next <= 122) || (next >= 65 && next <= 90) || (next >= 48 && next <= 57) || next === 35;
      if (!named) continue;
      CHAR_REF.lastIndex = i;
      const m = CHAR_REF.exec(html);
      if (!m) return null;
      let text: string;
      if (m[1] !== undefined) text = NAMED[m[1]];
      else {
        const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3], 16);
        if (!plainCodePoint(code)) return null;
        text = String.fromCodePoint(code);
      }
      out += html.slice(from, i) + text;
      i = CHAR_REF.lastIndex - 1;
      from = i + 1;
      continue;
    }
    if (c !== 60) continue;
    // "<": a tag.
    out += html.slice(from, i);
    const next = html.charCodeAt(i + 1);
    if (next === 47) {
      CLOSE_TAG.lastIndex = i;
      const m = CLOSE_TAG.exec(html);
      if (!m) return null;
      const name = m[1].toLowerCase();
      if (stack.length === 0 || stack[stack.length - 1] !== name) return null;
      stack.pop();
      if (name === 'p') pOpen--;
      if (SIMPLE_BLOCK.has(name)) out += '\n';
      i = CLOSE_TAG.lastIndex - 1;
    } else {
      OPEN_TAG.lastIndex = i;
      const m = OPEN_TAG.exec(html);
      if (!m) return null;
      const name = m[1].toLowerCase();
      if (SIMPLE_VOID.has(name)) {
        if (name === 'hr' && pOpen > 0) return null;
        if (name !== 'img') out += '\n\n';
      } else {
        if (m[2] || !(SIMPLE_BLOCK.has(name) || SIMPLE_INLINE.has(name))) return null;
        if (CLOSES_P.has(name) && pOpen > 0) return null;
        if (name === 'li' && stack[stack.length - 1] === 'li') return null;
        stack.push(name);
        if (name === 'p') pOpen++;
        if (SIMPLE_BLOCK.has(name)) out += '\n';
      }
      i = OPEN_TAG.lastIndex - 1;
    }
    from = i + 1;
  }
  out += html.slice(from);
  // The parser closes what is left open at the end.
  for (const name of stack) if (SIMPLE_BLOCK.has(name)) out += '\n';
  return out;
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
  return comparableByDefinition(s);
}

/** comparable's definition, for any text: what the short cut above must agree with. */
export function comparableByDefinition(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').replace(NOT_WORD, ' ').trim();
}

const ASCII_NOT_WORD_OR_LINE = /[^a-z0-9\n]+/g;
const SPACE_AT_LINE_EDGE = / ?\n ?/g;

/** `lines.map(comparable)` for the lines of `text` (text.split('\n')), over the whole text at once
 *  when it takes comparable's short cut: the same steps, with the line breaks kept, in a few passes
 *  over the text instead of a few per line. */
export function comparableEach(text: string, lines: string[]): string[] {
  if (lines.length < 2 || NEEDS_UNICODE.test(text)) return lines.map(comparable);
  let t = text.toLowerCase().replace(APOSTROPHES, '').replace(ASCII_NOT_WORD_OR_LINE, ' ').replace(SPACE_AT_LINE_EDGE, '\n');
  // What is left of a space at either end (no line break to take it away).
  const from = t.charCodeAt(0) === 32 ? 1 : 0;
  const to = t.charCodeAt(t.length - 1) === 32 ? t.length - 1 : t.length;
  if (from !== 0 || to !== t.length) t = t.slice(from, Math.max(from, to));
  const out = t.split('\n');
  return out.length === lines.length ? out : lines.map(comparable);
}

/** Text with an ellipsis or "[…]" / "Read more" tail cut off, as feeds write excerpts. */
function withoutExcerptTail(s: string): string {
  return s.replace(/\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.|\(more\.*\)|read more\W*|continue reading\W*)\s*$/i, '');
}

/** True when the body (its lines made comparable) already opens with the text of `lead` (an excerpt
 *  of it), so `lead` would repeat it. The comparable form of the whole body is that of its lines,
 *  joined by a space (no pattern of `comparable` crosses a newline). */
function opensWith(bodyComparable: readonly string[], lead: string): boolean {
  const l = comparable(withoutExcerptTail(lead));
  if (!l) return true;
  const b = bodyComparable.filter(Boolean).join(' ');
  return b.startsWith(l) || (l.length > 60 && b.includes(l));
}

/** The plain full text of an entry: title, then summary (unless the content repeats it), then content.
 *  The summary is plain text already (the feed reader's contract); the content may be HTML. */
export function articleText(title: string, summary: string, content: string | null): string {
  const t = foldLines(title);
  const body = htmlToText(content);
  const s = foldLines(summary);
  const head = comparable(t);
  // Each body line made comparable once, for both checks below.
  const bodyLines = body ? body.split('\n') : [];
  const bodyCompared = comparableEach(body, bodyLines);
  const lines: string[] = [];
  if (t) lines.push(t);
  if (s && !(body && opensWith(bodyCompared, s)) && comparable(s) !== head) lines.push(s);
  // Content that repeats the headline (many templates print it above the body) would make it a
  // sentence of its own, read twice.
  for (let i = 0; i < bodyLines.length; i++) {
    if (head && bodyCompared[i] === head) continue;
    lines.push(bodyLines[i]);
  }
  return lines.join('\n');
}
