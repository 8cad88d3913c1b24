// Runs many word-anchored patterns over a sentence in one pass. A pattern that begins with `\b` and a
// word can only match where a word starts, so instead of every pattern scanning the whole sentence,
// one pattern finds the word starts where any of their first words opens, and each tries (sticky, at
// that spot) only the patterns whose first words begin with its first two letters. Tried in position
// order, with each pattern resuming after its last match, this finds exactly the matches a global
// scan of each pattern would.

export interface WordPattern {
  /** The pattern; it must match only at the start of a word whose first two letters open one of `firstWords`. */
  re: RegExp;
  /** The words (or word beginnings, two letters at least) a match can open with, in any case; read from
   *  the pattern (firstWordsOf) when not given. */
  firstWords?: string[];
}

export interface WordMatch {
  /** Index of the pattern in the list given to `wordDispatch`. */
  pattern: number;
  start: number;
  end: number;
  match: RegExpExecArray;
}

/** 0..25 for an ASCII letter of either case, -1 otherwise. */
const letterIndex = (c: number): number => (c >= 97 && c <= 122 ? c - 97 : c >= 65 && c <= 90 ? c - 65 : -1);

export interface WordDispatch {
  /** Every match of every pattern, by start, then by pattern order. */
  matches(sentence: string): WordMatch[];
}

/** `s` holds `word` at `at`, ASCII letters compared without case (as a /i pattern compares them). */
function opensWith(s: string, at: number, word: string): boolean {
  if (at + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Escapes a first word for use inside a pattern. */
const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function wordDispatch(patterns: WordPattern[]): WordDispatch {
  const sticky = patterns.map((p) => new RegExp(p.re.source, p.re.flags.replace(/[gy]/g, '') + 'y'));
  // For each pair of first letters, the (first word, pattern) pairs that open with them, by pattern.
  const table: { word: string; pattern: number }[][] = Array.from({ length: 26 * 26 }, () => []);
  const words = new Set<string>();
  patterns.forEach((p, pattern) => {
    for (const w of p.firstWords ?? firstWordsOf(p.re)) {
      const word = w.toLowerCase();
      const a = letterIndex(word.charCodeAt(0));
      const b = letterIndex(word.charCodeAt(1));
      if (a < 0 || b < 0) throw new Error(`first word "${w}" must open with two ASCII letters`);
      table[a * 26 + b].push({ word, pattern });
      words.add(word);
    }
  });
  for (const slot of table) slot.sort((x, y) => x.pattern - y.pattern);
  // The word starts where some first word opens, found by one pattern: the regex engine skips through
  // the rest of the sentence far faster than a loop over its characters. `\b` before a letter is the
  // word start the loop below would test ([A-Za-z0-9_] after anything else), and `i` compares ASCII
  // letters without case, as opensWith does. Longer words first, though any match will do: only its
  // position is used.
  const starts = new RegExp(`\\b(?:${[...words].sort((x, y) => y.length - x.length).map(escape).join('|')})`, 'gi');
  return {
    matches(sentence: string): WordMatch[] {
      const out: WordMatch[] = [];
      let resume: Int32Array | null = null;
      starts.lastIndex = 0;
      for (let s = starts.exec(sentence); s !== null; s = starts.exec(sentence)) {
        const p = s.index;
        // A first word may hold another word start ("co-led" holds "led"): look again one on.
        starts.lastIndex = p + 1;
        const slot = table[letterIndex(sentence.charCodeAt(p)) * 26 + letterIndex(sentence.charCodeAt(p + 1))];
        let tried = -1;
        for (const e of slot) {
          const i = e.pattern;
          if (i === tried || (resume !== null && p < resume[i]) || !opensWith(sentence, p, e.word)) continue;
          tried = i;
          const re = sticky[i];
          re.lastIndex = p;
          const m = re.exec(sentence);
          if (m === null) continue;
          const end = p + m[0].length;
          (resume ??= new Int32Array(patterns.length))[i] = end;
          out.push({ pattern: i, start: p, end, match: m });
        }
      }
      return out;
    },
  };
}

interface Prefix { text: string; open: boolean }

/**
 * The words a pattern's matches can open with, read from the pattern itself: its literal text up to the
 * first class, escape or quantified item, through every alternative and optional group. A pattern whose
 * matches may open with fewer than two literal letters (or with none) cannot be dispatched by word and
 * throws, so a rule that could never match is found when the module loads, not missed in silence.
 */
export function firstWordsOf(re: RegExp): string[] {
  const src = re.source;
  let i = 0;
  const concat = (acc: Prefix[], item: Prefix[]): Prefix[] =>
    acc.flatMap((a) => (a.open ? item.map((b) => ({ text: a.text + b.text, open: b.open })) : [a]));
  function alternatives(): Prefix[] {
    const out: Prefix[] = [];
    let acc: Prefix[] = [{ text: '', open: true }];
    while (i < src.length && src[i] !== ')') {
      if (src[i] === '|') { out.push(...acc); acc = [{ text: '', open: true }]; i++; continue; }
      let item: Prefix[];
      const c = src[i];
      if (c === '(') {
        i++;
        let lookaround = false;
        if (src[i] === '?') {
          lookaround = src[i + 1] === '=' || src[i + 1] === '!' || (src[i + 1] === '<' && (src[i + 2] === '=' || src[i + 2] === '!'));
          i += src[i + 1] === '<' && lookaround ? 3 : src[i + 1] === ':' || lookaround ? 2 : 1;
        }
        const inner = alternatives();
        i++; // ')'
        item = lookaround ? [{ text: '', open: true }] : inner;
      } else if (c === '\\') {
        const e = src[i + 1];
        i += 2;
        if (e === 'b' || e === 'B') continue;
        item = /[A-Za-z0-9]/.test(e) ? [{ text: '', open: false }] : [{ text: e, open: true }];
      } else if (c === '[') {
        while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
        i++;
        item = [{ text: '', open: false }];
      } else if (c === '^' || c === '$') {
        i++;
        continue;
      } else if (c === '.') {
        i++;
        item = [{ text: '', open: false }];
      } else {
        i++;
        item = [{ text: c.toLowerCase(), open: true }];
      }
      const q = src[i];
      if (q === '?' || q === '*' || q === '+' || q === '{') {
        let min = q === '+' ? 1 : 0;
        if (q === '{') { const m = /^\{(\d+)/.exec(src.slice(i)); min = m ? Number(m[1]) : 0; i = src.indexOf('}', i) + 1; } else i++;
        if (src[i] === '?') i++;
        const once = concat(acc, item);
        if (q === '?') acc = [...acc, ...once];
        else acc = [...(min === 0 ? acc : []), ...once.map((a) => ({ ...a, open: false }))];
      } else acc = concat(acc, item);
      if (acc.length > 2000) throw new Error(`pattern ${re} has too many openings to list`);
    }
    out.push(...acc);
    return out;
  }
  // Only the first word is needed to dispatch; the pattern itself checks the rest where it is tried.
  const words = [...new Set(alternatives().map((p) => (/^[a-z][a-z-]*\s/.test(p.text) ? p.text.slice(0, p.text.search(/\s/)) : p.text)))];
  for (const w of words) {
    if (!/^[a-z]{2}/.test(w)) throw new Error(`pattern ${re} can match opening with "${w}": not two letters to dispatch on`);
  }
  // A word that opens with another listed word adds nothing: the shorter one finds the same starts.
  return words.filter((w) => !words.some((o) => o !== w && w.startsWith(o))).sort();
}
