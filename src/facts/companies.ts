// Which company a figure belongs to. Watched companies are found by name or alias; others only where
// the sentence says so ("Acme raises ...", "Acme Robotics, a Berlin startup, ..."). A figure goes to the
// company the sentence is about: the nearest company before it, else one named after it, else the
// article's main company when the sentence points back at it ("the company", "its") or names no one.
import type { WatchedCompany } from '../types';
import type { Span } from './metric';

export interface CompanyMention {
  start: number;
  end: number;
  company: string;
  watched: boolean;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export interface WatchMatcher {
  find(sentence: string): CompanyMention[];
}

/** Case-insensitive, on word boundaries, possessives allowed; an all-lowercase match of a capitalised alias
 * ("a moonshot bet") is a common noun, not the company. */
export function watchMatcher(watch: WatchedCompany[]): WatchMatcher {
  const entries = watch.flatMap((w) => [w.name, ...w.aliases].filter((a) => a.trim()).map((alias) => ({ alias: alias.trim(), company: w.name })));
  entries.sort((a, b) => b.alias.length - a.alias.length);
  const byAlias = new Map(entries.map((e) => [e.alias.toLowerCase(), e]));
  // The boundary before a name is checked by hand, not by a lookbehind: a pattern that opens with a
  // lookbehind is tried at every position of the text, while a plain alternation of words lets the
  // regex engine skip ahead to where one of them can start. Retrying one position on from a match
  // that fails the check finds what the lookbehind pattern would have found.
  const re = entries.length ? new RegExp(`(?:${entries.map((e) => escape(e.alias)).join('|')})(?![A-Za-z0-9])`, 'gi') : null;
  return {
    find(sentence: string): CompanyMention[] {
      if (!re) return [];
      const out: CompanyMention[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
        if (m.index > 0 && isAlnum(sentence.charCodeAt(m.index - 1))) {
          re.lastIndex = m.index + 1;
          continue;
        }
        const e = byAlias.get(m[0].toLowerCase());
        if (!e) continue;
        if (m[0] === m[0].toLowerCase() && e.alias !== e.alias.toLowerCase()) continue;
        out.push({ start: m.index, end: m.index + m[0].length, company: e.company, watched: true });
      }
      return out;
    },
  };
}

// A capitalised name of up to five words. Starting at a word boundary keeps the scan linear.
const TOKEN = "(?:[A-Z][A-Za-z0-9&.'’-]{0,30}|[0-9][A-Za-z0-9]{0,10}[A-Za-z])";
const NAME = `\\b${TOKEN}(?:\\s+(?:${TOKEN}|of|de|&)){0,4}`;
const titleCase = (words: string[]): string => words.map((w) => `[${w[0]}${w[0].toUpperCase()}]${escape(w.slice(1))}`).join('|');
const VERBS = titleCase(['raised', 'raises', 'raise', 'secured', 'secures', 'closed', 'closes', 'lands', 'landed', 'bags', 'bagged', 'nabs',
  'nabbed', 'is raising', 'was valued', 'is valued', 'picked up', 'picks up', 'pulls in', 'pulled in', 'gets', 'got', 'completed', 'completes',
  'announced', 'announces', 'hits', 'reaches', 'reached', 'snags']);
const UNWATCHED: { re: RegExp; needs: RegExp }[] = [
  {
    re: new RegExp(`(${NAME})(?:,\\s+(?:which|that|who))?\\s+(?:has\\s+|had\\s+|have\\s+|just\\s+|also\\s+|reportedly\\s+|officially\\s+)?(?:${VERBS})\\b`, 'g'),
    needs: /rais|secure|close|land|bag|nab|valued|picked up|picks up|pulls in|pulled in|gets|got|complete|announce|hits|reach|snags/i,
  },
  { re: new RegExp(`(${NAME})['’]s?\\s+(?:\\$|€|£|¥|\\d|latest|new|recent|funding|round|valuation|Series|seed|revenue|ARR|raise|fundraise)`, 'g'), needs: /['’]/ },
  { re: new RegExp(`(${NAME}),\\s+(?:a|an|the)\\s+[^,]{0,60}?\\b(?:startup|company|firm|lab|developer|maker|unicorn|provider|platform)\\b`, 'g'), needs: /,\s+(?:a|an|the)\s/ },
  { re: new RegExp(`\\b(?:startup|company|firm|rival|lab|unicorn|developer|maker)\\s+(${NAME})`, 'g'), needs: /startup|company|firm|rival|lab|unicorn|developer|maker/ },
];
// Each pattern above runs only on sentences holding the words it cannot match without (`needs`):
// the name patterns are slow to try at every capital, and most sentences have none of their cues.

const NOT_NAMES = new Set(['it', 'its', 'they', 'we', 'he', 'she', 'the', 'this', 'that', 'a', 'an', 'in', 'on', 'as', 'and', 'but', 'company',
  'startup', 'investors', 'analysts', 'sources', 'funding', 'round', 'series', 'the company', 'the startup', 'meanwhile', 'today', 'yesterday',
  'why', 'how', 'what', 'when', 'while', 'which', 'who', 'key', 'total', 'additional', 'strategic', 'lead', 'if', 'with', 'for', 'by', 'after']);
const LEADING_FILLER = /^(?:(?:The|This|That|A|An|In|On|As|And|But|Meanwhile|Today|Now|Also|Then|So|While|When|After|Before|If|With|For|By|Why|How)\s+)+/;

function cleanName(raw: string): string | null {
  let name = raw.replace(LEADING_FILLER, '').replace(/^(?:[A-Z][\w]*[- ])?based\s+/, '').replace(/^(?:China|Chinese|US|U\.S\.|American|French|German|British|Japanese|Korean|Indian|Israeli)['’]s\s+/, '').trim();
  name = name.replace(/['’]s$/, '').replace(/[.,]$/, '').trim();
  if (!name || NOT_NAMES.has(name.toLowerCase())) return null;
  if (name.split(/\s+/).every((w) => NOT_NAMES.has(w.toLowerCase()))) return null;
  return name;
}

/** Companies named where the sentence says they raised, were valued, or are "a ... startup". */
export function unwatchedMentions(sentence: string, taken: CompanyMention[]): CompanyMention[] {
  const out: CompanyMention[] = [];
  for (const { re, needs } of UNWATCHED) {
    if (!needs.test(sentence)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
      const at = m.index + m[0].indexOf(m[1]);
      const name = cleanName(m[1]);
      if (!name) continue;
      const start = at + m[1].indexOf(name);
      const end = start + name.length;
      if (taken.some((t) => t.start < end && start < t.end)) continue;
      if (out.some((t) => t.start < end && start < t.end)) continue;
      out.push({ start, end, company: name, watched: false });
    }
  }
  return out;
}

export function companyMentions(sentence: string, matcher: WatchMatcher): CompanyMention[] {
  const watched = dropOverlaps(matcher.find(sentence));
  return [...watched, ...unwatchedMentions(sentence, watched)].sort((a, b) => a.start - b.start);
}

function dropOverlaps(ms: CompanyMention[]): CompanyMention[] {
  const sorted = [...ms].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: CompanyMention[] = [];
  for (const m of sorted) if (!out.some((o) => o.start < m.end && m.start < o.end)) out.push(m);
  return out;
}

/** Phrases that point back at the article's company. */
const BACK_REFERENCE = /\b(?:the company|the startup|the firm|the lab|the group|the business|the developer|the maker|the unicorn|its|their|it|they|the round|this round|the funding|this funding|the raise|the deal)\b|\bthe\s+[\w-]+[- ]based\s+[\w-]+/i;
/** "an AGI infrastructure startup", "another lab", "rival firms": someone other than the article's company. */
const SOMEONE_ELSE = /\b(?:an?|another|one|other|rival|competing)\s+(?:[\w-]+\s+){0,4}?(?:startup|company|firm|lab|developer|maker|unicorn|player|rival|competitor)s?\b|\b(?:startups|companies|firms|labs|players|rivals|competitors|unicorns)\b/i;
/** A sentence about the whole market, not one company. */
const WHOLE_MARKET = /\b(?:global|globally|worldwide|industry|sector|market|ecosystem|venture capital|VC funding|investors poured|across)\b/i;
/** Capitalised words that name no one: months, acronyms of the trade. */
const NO_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Q[1-4]|AI|ARR|IPO|LLM|LLMs|API|CEO|CFO|CTO|US|U\.S\.|Series|[A-Z]|YoY)$/;
/** Before another company: a competitor or a comparison, not the subject. */
const ASIDE_BEFORE = /\b(?:like|unlike|including|such as|than|versus|vs\.?|compared (?:with|to)|against|incumbents)\s+(?:[\w-]+\s+){0,2}$/i;

export interface Attribution {
  sentence: string;
  /** The figure or the investor phrase being attributed. */
  at: Span;
  mentions: CompanyMention[];
  /** Spans that are investor names, never the company raising. */
  exclude?: Span[];
  main: string | null;
}

/** The company a figure or investor phrase belongs to, or null when the sentence does not say. */
export function companyFor(a: Attribution): string | null {
  const { sentence, at, main } = a;
  const candidates = a.mentions.filter((m) => !(a.exclude ?? []).some((x) => x.start < m.end && m.start < x.end)
    && !ASIDE_BEFORE.test(sentence.slice(Math.max(0, m.start - 30), m.start)));
  const before = candidates.filter((m) => m.end <= at.start);
  if (before.length) return before[before.length - 1].company;
  const head = sentence.slice(0, at.start);
  if (main && BACK_REFERENCE.test(head) && !SOMEONE_ELSE.test(head)) return main;
  const after = candidates.filter((m) => m.start >= at.end);
  if (after.length) return after[0].company;
  if (main && a.mentions.length === 0 && isFragment(sentence, at)) return main;
  return null;
}

/** A sentence or list item that names no one and no market ("Total capital raised approaching $4B"). */
function isFragment(sentence: string, at: Span): boolean {
  if (SOMEONE_ELSE.test(sentence) || WHOLE_MARKET.test(sentence)) return false;
  if (BACK_REFERENCE.test(sentence)) return true;
  const words = sentence.slice(0, at.start).split(/[\s,;:()"“”]+/).filter(Boolean);
  return words.slice(1).every((w) => !/^[A-Z]/.test(w) || NO_NAME.test(w.replace(/['’]s$/, '')));
}

/** The company an article is mainly about: the watched company named most (a title mention counts triple);
 * failing that, an unwatched company its title says raised or was valued. */
export function mainCompany(title: string, text: string, matcher: WatchMatcher): string | null {
  const score = new Map<string, number>();
  for (const m of matcher.find(title)) score.set(m.company, (score.get(m.company) ?? 0) + 3);
  for (const m of matcher.find(text)) score.set(m.company, (score.get(m.company) ?? 0) + 1);
  let best: string | null = null;
  let bestScore = 0;
  for (const [c, s] of score) if (s > bestScore) { best = c; bestScore = s; }
  if (best) return best;
  const named = unwatchedMentions(title, []);
  return named.length ? named[0].company : null;
}

/** A company name as people type it, compared blind to case, accents and punctuation: "Moonshot-AI " -> "moonshot ai". */
export function normaliseName(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Which company a name means, as a key: the same name however its letters are composed, cased or
 *  padded. Two names with one key are one company. */
export function companyKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}
