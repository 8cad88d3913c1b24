// Runs many word-anchored patterns over a sentence in one pass. A pattern that begins with `\b` and a
// word can only match where a word starts, so instead of every pattern scanning the whole sentence,
// one pattern finds the word starts where any of their first words opens, and each tries (sticky, at
// that spot) only the patterns whose first words begin with its first two letters. Tried in position
// order, with each pattern resuming after its last match, this finds exactly the matches a global
// scan of each pattern would.

export interface WordPattern {
  /** The pattern; it must match only at the start of a word whose first two letters open one of `firstWords`. */
  re: RegExp;
  /** The words (or word beginnings, two letters at least) a match can open with, in any case. */
  firstWords: string[];
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
    for (const w of p.firstWords) {
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
