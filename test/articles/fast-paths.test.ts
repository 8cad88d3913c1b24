// Every short cut in reading an article gives what its plain definition gives, on generated text:
// a short cut that drifts from its definition would change which articles fold, silently.
import fc from 'fast-check';
import { comparable, comparableByDefinition, comparableEach, foldLines, foldLinesByPatterns } from '../../src/articles/plain-text';
import { hashString, lineWords, sketch, splitWords, SHINGLE_WORDS } from '../../src/articles/minhash';

// Characters each short cut treats specially: blanks of every kind, line breaks, apostrophes, the
// punctuation the ASCII short cut lets through, letters that normalisation changes, unspaced scripts.
const UNITS = [
  'a', 'B', 'z', 'Q', '0', '7', ' ', ' ', '  ', '\t', '\n', '\r', '\r\n', '\u000b', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0007',
  "'", '’', '-', '–', '—', '$', '€', '£', '¥', '·', '.', ',', '|', 'é', 'ß', 'Ⅻ', 'ﬁ', 'İ', '中', '文', 'カ', '한', 'x\u0301',
];
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 60 }).map((xs) => xs.join(''));
const asciiText = fc.array(fc.constantFrom(...UNITS.filter((u) => /^[\x00-\x7f]*$/.test(u))), { maxLength: 60 }).map((xs) => xs.join(''));
const RUNS = { numRuns: 2000, seed: 20261201 };

describe('short cuts agree with their definitions', () => {
  it('foldLines in one pass gives what its patterns give', () => {
    fc.assert(fc.property(text, (s) => foldLines(s) === foldLinesByPatterns(s)), RUNS);
  });

  it('comparable\'s short cut gives what normalisation and Unicode classes give', () => {
    fc.assert(fc.property(fc.oneof(text, asciiText), (s) => comparable(s) === comparableByDefinition(s)), RUNS);
  });

  it('comparableEach over a whole text gives each line made comparable alone', () => {
    fc.assert(fc.property(fc.oneof(text, asciiText), (s) => {
      const lines = s.split('\n');
      expect(comparableEach(s, lines)).toEqual(lines.map(comparable));
    }), RUNS);
  });

  it('lineWords hashes each word and each line as hashString does', () => {
    const compared = fc.array(fc.oneof(text, asciiText).map(comparable), { maxLength: 6 });
    fc.assert(fc.property(compared, (lines) => {
      const lw = lineWords(lines);
      const words = lines.flatMap((l) => splitWords(l).map(hashString));
      expect(Array.from(lw.words)).toEqual(words);
      expect(Array.from(lw.lines)).toEqual(lines.map(hashString));
      expect(Array.from(lw.ends)).toEqual(lines.map((_, i) => lines.slice(0, i + 1).reduce((n, l) => n + splitWords(l).length, 0)));
    }), RUNS);
  });

  it('a sketch counts each distinct shingle of the kept lines once', () => {
    const words = fc.array(fc.constantFrom('acme', 'raised', 'fifty', 'million', 'in', 'a', 'round', 'led', 'by', 'harbor'), { maxLength: 40 });
    fc.assert(fc.property(fc.array(words.map((w) => w.join(' ')), { maxLength: 5 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), (lines, keep) => {
      const kept = lines.flatMap((l, i) => (keep[i] ? splitWords(l) : []));
      const plain = new Set<string>();
      for (let i = 0; i + SHINGLE_WORDS <= kept.length; i++) plain.add(kept.slice(i, i + SHINGLE_WORDS).join(' '));
      const expected = kept.length === 0 ? 0 : kept.length < SHINGLE_WORDS ? 1 : plain.size;
      const sk = sketch(lineWords(lines), (i) => keep[i]);
      expect(sk.shingles).toBe(expected);
      expect(sk.sig === null).toBe(expected === 0);
    }), RUNS);
  });
});
