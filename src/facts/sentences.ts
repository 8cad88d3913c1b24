// Splits an article's plain text into sentences. Block boundaries arrive as newlines; inside a line, a
// sentence ends at . ! ? (or 。) before a capital, digit, quote or currency sign, except after abbreviations
// ("U.S.", "Inc.", "Jan.") and initials. Decimals ("$2.5 billion") never split: no space follows the point.

export interface Sentence {
  text: string;
  /** Offset of the sentence in the article text. */
  start: number;
  /** The line is a table row ("Acme | $2B | ..."): cells are separated by "|". */
  table: boolean;
  /** Index of the line (block) the sentence came from; rows of one table share nearby lines. */
  line: number;
}

const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'u.n', 'e.u', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr',
  'vs', 'v', 'e.g', 'i.e', 'etc', 'no', 'approx', 'est', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'mt', 'ft', 'gen', 'gov', 'sen', 'rep', 'dept', 'univ', 'a.i', 'p.m', 'a.m',
]);

/** Candidate ends: punctuation, optional closing quotes/brackets, white space. Linear: no nested quantifiers. */
const END = /([.!?])["'”’)\]]*(?:\s+|$)|([。！？])/g;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  if (typeof text !== 'string') return out;
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((rawLine, lineNo) => {
    const lineStart = offset;
    offset += rawLine.length + 1;
    // Bullets mark list items even when a feed runs them together on one line.
    const pieces = rawLine.includes('•') ? rawLine.split(/(?=•)/) : [rawLine];
    let pieceStart = lineStart;
    for (const piece of pieces) {
      const bar = piece.indexOf('|');
      const table = bar >= 0 && piece.indexOf('|', bar + 1) >= 0;
      for (const s of table ? [{ text: piece, start: 0 }] : splitLine(piece)) push(out, s.text, pieceStart + s.start, table, lineNo);
      pieceStart += piece.length;
    }
  });
  return out;
}

/** A list bullet or dash opening a sentence: not part of it. */
const BULLET = /^[•·▪◦*\-–]\s*/;
const BULLET_CHARS = '•·▪◦*-–';

function push(out: Sentence[], raw: string, start: number, table: boolean, line: number): void {
  const trimmed = raw.trim();
  if (!trimmed) return;
  const lead = raw.length - raw.trimStart().length;
  const text = BULLET_CHARS.includes(trimmed[0]) ? trimmed.replace(BULLET, '') : trimmed;
  if (!text) return;
  out.push({ text, start: start + lead + (trimmed.length - text.length), table, line });
}

function splitLine(line: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let from = 0;
  END.lastIndex = 0;
  for (let m = END.exec(line); m !== null; m = END.exec(line)) {
    if (m[0].length === 0) { END.lastIndex++; continue; }
    const cut = m.index + m[0].length;
    const next = line[cut] ?? '';
    const cjk = m[2] !== undefined;
    if (!cjk && next && !/[A-Z0-9"'“‘$€£¥₹[(•\u4e00-\u9fff]/.test(next)) continue;
    if (m[1] === '.' && isAbbreviation(line, m.index)) continue;
    out.push({ text: line.slice(from, cut), start: from });
    from = cut;
  }
  if (from < line.length) out.push({ text: line.slice(from), start: from });
  return out;
}

/** The word before a full stop is an abbreviation or an initial ("J. Smith"), so the stop ends no sentence. */
function isAbbreviation(line: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[A-Za-z.]/.test(line[i - 1]) && dot - i < 12) i--;
  const word = line.slice(i, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // "J.P. Morgan": initials joined by stops go on with the name.
  if (/^(?:[a-z]\.)+[a-z]$/.test(word) && word !== 'u.s' && word !== 'u.k') return true;
  // "$15M." ends a sentence: a letter after a digit is a magnitude, not an initial.
  return word.length === 1 && /[A-Z]/.test(line[i]) && !/\d/.test(line[i - 1] ?? '');
}
