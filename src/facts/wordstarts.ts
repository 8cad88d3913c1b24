// Runs many word-anchored patterns over a sentence in one pass. A pattern that begins with `\b` and a
// word can only match where a word starts, so instead of every pattern scanning the whole sentence,
// the sentence is walked once and each word start tries (sticky, at that spot) only the patterns whose
// first words begin with its first two letters. Tried in position order, with each pattern resuming
// after its last match, this finds exactly the matches a global scan of each pattern would.

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

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
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

export function wordDispatch(patterns: WordPattern[]): WordDispatch {
  const sticky = patterns.map((p) => new RegExp(p.re.source, p.re.flags.replace(/[gy]/g, '') + 'y'));
  // For each pair of first letters, the (first word, pattern) pairs that open with them, by pattern.
  const table: { word: string; pattern: number }[][] = Array.from({ length: 26 * 26 }, () => []);
  patterns.forEach((p, pattern) => {
    for (const w of p.firstWords) {
      const word = w.toLowerCase();
      const a = letterIndex(word.charCodeAt(0));
      const b = letterIndex(word.charCodeAt(1));
      if (a < 0 || b < 0) throw new Error(`first word "${w}" must open with two ASCII letters`);
      table[a * 26 + b].push({ word, pattern });
    }
  });
  for (const slot of table) slot.sort((x, y) => x.pattern - y.pattern);
  return {
    matches(sentence: string): WordMatch[] {
      const out: WordMatch[] = [];
      let resume: Int32Array | null = null;
      let prevWord = false;
      for (let p = 0; p < sentence.length; p++) {
        const c = sentence.charCodeAt(p);
        const word = isWordCode(c);
        if (word && !prevWord) {
          const a = letterIndex(c);
          const b = a < 0 ? -1 : letterIndex(sentence.charCodeAt(p + 1));
          if (b >= 0) {
            let tried = -1;
            for (const e of table[a * 26 + b]) {
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
        }
        prevWord = word;
      }
      return out;
    },
  };
}
