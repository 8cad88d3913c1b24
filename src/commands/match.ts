// Which watched company a person meant. People type "kimi maker", "moonshot", "minmax": names and
// aliases are compared case- and punctuation-blind, then with a small edit distance that grows with
// the length of the name, so "minmax" finds MiniMax but "xai" does not find "zai".
import type { WatchedCompany } from '../types';
import { normaliseName } from '../facts/companies';

export type CompanyMatch =
  | { kind: 'exact'; company: WatchedCompany }
  | { kind: 'close'; company: WatchedCompany; typed: string }
  | { kind: 'none'; typed: string; suggestion: WatchedCompany | null };

export { normaliseName };

/** Optimal-string-alignment Damerau-Levenshtein: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  const d: number[][] = Array.from({ length: A.length + 1 }, (_, i) => Array.from({ length: B.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= A.length; i++) {
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && A[i - 1] === B[j - 2] && A[i - 2] === B[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[A.length][B.length];
}

/** How many edits a name of this length forgives: none for short names, where one edit is another word. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return 3;
}

const namesOf = (c: WatchedCompany): string[] => [c.name, ...c.aliases].map(normaliseName).filter(Boolean);

/** A name without a generic suffix ("Moonshot AI" -> "moonshot"), so "moonshot" matches exactly. */
const withoutSuffix = (n: string): string => {
  const SUFFIX = / (ai|inc|ltd|labs?|technologies|technology|tech|group)$/;
  let s = n;
  while (SUFFIX.test(s)) s = s.replace(SUFFIX, '');
  return s;
};

export function matchCompany(typed: string, watch: readonly WatchedCompany[]): CompanyMatch {
  const t = normaliseName(typed);
  if (!t) return { kind: 'none', typed, suggestion: null };
  for (const c of watch) if (namesOf(c).some((n) => n === t || withoutSuffix(n) === t)) return { kind: 'exact', company: c };
  const compact = withoutSuffix(t).replace(/ /g, '');
  for (const c of watch) if (namesOf(c).some((n) => n.replace(/ /g, '') === compact || withoutSuffix(n).replace(/ /g, '') === compact)) return { kind: 'exact', company: c };

  let best: { company: WatchedCompany; distance: number; length: number } | null = null;
  for (const c of watch) {
    for (const n of namesOf(c)) {
      for (const form of new Set([n, withoutSuffix(n)])) {
        const distance = editDistance(compact, form.replace(/ /g, ''));
        if (!best || distance < best.distance) best = { company: c, distance, length: form.replace(/ /g, '').length };
      }
    }
  }
  if (best && best.distance <= allowedEdits(Math.min(best.length, compact.length))) return { kind: 'close', company: best.company, typed };
  // Too far to assume, near enough to offer: "did you mean MiniMax?".
  const suggestion = best && best.distance <= allowedEdits(best.length) + 2 ? best.company : null;
  return { kind: 'none', typed, suggestion };
}

/** The closest word among `options` within the typo allowance, for "did you mean valuation?". */
export function closestWord(typed: string, options: readonly string[]): string | null {
  const t = typed.toLowerCase();
  let best: { word: string; d: number } | null = null;
  for (const o of options) {
    const d = editDistance(t, o.toLowerCase());
    if (!best || d < best.d) best = { word: o, d };
  }
  return best && best.d <= Math.max(1, allowedEdits(best.word.length)) ? best.word : null;
}
