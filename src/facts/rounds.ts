// Round names as the text gives them: "Series C", "Series B-2", "Series A+", "Series C extension",
// "seed round", "pre-IPO", "strategic round". Normalised so two sources naming one round compare equal.

export interface RoundMention {
  start: number;
  end: number;
  name: string;
}

// "Series" must be followed by a capital letter standing alone (not "a series of", not "Series Alpha").
// "pre-Series A" is a round of its own, before the Series A.
const SERIES = /\b(?:([Pp]re)[-‑ ]?)?Series\s+([A-Z])(?![A-Za-z])(?:\s?([-‑]\s?\d{1,2}|\d{1,2}|\+{1,2}))?(\s+(?:extension|expansion|top-up|second close))?/g;
/** A bare "seed" that names the round: "the $9 million seed", "its seed", "Mistral AI's seed", "a $2B seed". */
const BARE_SEED = /\b(?:the|its|their|a|an|[A-Z][\w.-]*['’]s?|(?:million|billion|[MBmb]n?))\s+(?:\$?[\d.,]+\s*(?:million|billion|[MBmb]n?)\s+)?(seed)\b(?![- ](?:stage|investors?|funds?|round|funding|financing|investment|raise|extension|backers?))/g;
const NAMED = /\b(pre-seed|pre seed|seed|angel|bridge|strategic|pre-IPO|pre IPO|growth|mezzanine)(?:\s+|-)(round|funding|financing|investment|raise|extension)\b|\bpre-IPO\b/gi;

export function findRounds(sentence: string): RoundMention[] {
  const out: RoundMention[] = [];
  SERIES.lastIndex = 0;
  for (let m = SERIES.exec(sentence); m !== null; m = SERIES.exec(sentence)) {
    const suffix = (m[3] ?? '').replace(/\s/g, '').replace('‑', '-');
    const ext = m[4] ? ` ${m[4].trim().toLowerCase()}` : '';
    out.push({ start: m.index, end: m.index + m[0].length, name: `${m[1] ? 'Pre-' : ''}Series ${m[2]}${suffix}${ext}` });
  }
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(sentence); m !== null; m = NAMED.exec(sentence)) {
    const kind = (m[1] ?? 'pre-IPO').toLowerCase().replace(' ', '-');
    const label = kind === 'pre-ipo' ? 'Pre-IPO' : kind[0].toUpperCase() + kind.slice(1);
    const ext = m[2]?.toLowerCase() === 'extension' ? ' extension' : '';
    out.push({ start: m.index, end: m.index + m[0].length, name: label + ext });
  }
  BARE_SEED.lastIndex = 0;
  for (let m = /seed/.test(sentence) ? BARE_SEED.exec(sentence) : null; m !== null; m = BARE_SEED.exec(sentence)) {
    const start = m.index + m[0].lastIndexOf(m[1]);
    if (!out.some((r) => r.start <= start && start < r.end)) out.push({ start, end: start + m[1].length, name: 'Seed' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Round names compared loosely: "Series C" = "series c"; "Series C extension" stays its own round. */
export function sameRound(a: string, b: string): boolean {
  return roundKey(a) === roundKey(b);
}

/** A round name as compared by sameRound. */
export function roundKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ');
}
