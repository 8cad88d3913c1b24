// Which company a figure belongs to. Watched companies are found by name or alias; others only where
// the sentence says so ("Acme raises ...", "Acme Robotics, a Berlin startup, ..."). A figure goes to the
// company the sentence makes its subject: the owner named right after it ("the $6.6B that OpenAI raised"),
// its possessor ("OpenAI's $157B"), else the nearest company before it that is not set aside (a backer, a
// former employer, a rival, a name inside an aside between commas), else the article's main company when
// the sentence points back at it ("the company", "its", "the legal-AI startup") or names no one else.
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
// ("xAI", "iFlytek": a lowercase letter before a capital opens a name too.)
const TOKEN = "(?:[A-Z][A-Za-z0-9&.'’-]{0,30}|[a-z][A-Z][A-Za-z0-9&.'’-]{0,30}|[0-9][A-Za-z0-9]{0,10}[A-Za-z])";
const NAME = `\\b${TOKEN}(?:\\s+(?:${TOKEN}|of|de|&)){0,4}`;
const titleCase = (words: string[]): string => words.map((w) => `[${w[0]}${w[0].toUpperCase()}]${escape(w.slice(1))}`).join('|');
const VERBS = titleCase(['raised', 'raises', 'raise', 'procured', 'procures', 'secured', 'secures', 'closed', 'closes', 'lands', 'landed', 'bags', 'bagged', 'nabs',
  'nabbed', 'is raising', 'was valued', 'is valued', 'picked up', 'picks up', 'pulls in', 'pulled in', 'gets', 'got', 'completed', 'completes',
  'announced', 'announces', 'hits', 'reaches', 'reached', 'snags', 'took in', 'takes in', 'is said to', 'is in talks', 'is nearing',
  'was last valued', 'is now valued', 'was once valued', 'was previously valued', 'is finalising', 'is finalizing', 'is worth', 'was worth',
  'agreed', 'agrees', 'took', 'takes', 'drew', 'attracted', 'won', 'wins', 'received', 'receives']);
const UNWATCHED: { re: RegExp; needs: RegExp }[] = [
  {
    // ("Decagon, also in customer service, raised", "Figure AI, which builds robots, raised", "Its rival in AI search, OpenAI, is valued at", "Labelbox last raised")
    // ("Inflection, its chief rival, raised", "Inflection — Anthropic's closest rival — closed": a rival set in apposition.)
    re: new RegExp(`(${NAME})(?:,\\s+(?:which|that|who)\\s+[^,]{1,80},|,\\s+(?:which|that|who)|,\\s+(?:also\\s+|the\\s+|an?\\s+)[^,]{1,80},|,\\s+(?:its|their|${NAME}['’]s?)\\s+(?:[\\w-]+\\s+){0,3}?(?:rival|competitor|challenger|peer|nemesis)s?(?:\\s+(?:in|on|for|among|at|across)\\s+[^,]{1,40})?,|\\s+[—–]\\s+[^—–]{1,60}?\\b(?:rival|competitor|challenger|peer)s?\\b[^—–]{0,40}[—–])?\\s+(?:(?:has|had|have|just|also|reportedly|officially|last|previously|once|recently)\\s+)*(?:${VERBS})\\b`, 'g'),
    needs: /rais|procure|secure|close|land|bag|nab|valued|picked up|picks up|pulls in|pulled in|gets|got|complete|announce|hits|reach|snags|took in|takes in|said to|in talks|nearing|finali|(?:is|was) worth|\b(?:agree[ds]?|took|takes|drew|attracted|won|wins|receive[ds]?)\b/i,
  },
  // "Its main rival, Inflection, has raised": the rival named after its description.
  { re: new RegExp(`(?<=(?:^|[.;]\\s+)(?:Its|Their|[A-Z][\\w.&-]*['’]s)\\s+(?:[\\w-]+\\s+){0,3}?(?:rival|competitor|challenger|peer)s?(?:\\s+(?:in|on|for|among|at|across)\\s+[^,]{1,40})?,\\s+)(${NAME}),\\s+(?:(?:has|had|have|just|also|reportedly|recently)\\s+)*(?:${VERBS})\\b`, 'g'), needs: /(?:rival|competitor|challenger|peer)s?\b[^,]{0,44}, /i },
  { re: new RegExp(`(${NAME})['’]s?\\s+(?:\\$|€|£|¥|\\d|latest|new|recent|funding|round|valuation|Series|seed|revenue|ARR|raise|fundraise|extension|financing|investors|backers|parent|owner|market value|market cap|shares|stock|(?:[a-z-]+\\s+){1,2}(?:investor|backer|shareholder)s?\\b)`, 'g'), needs: /['’]/ },
  { re: new RegExp(`(${NAME}),\\s+(?:a|an|the)\\s+[^,]{0,60}?\\b(?:startup|company|firm|lab|developer|maker|unicorn|provider|platform)\\b`, 'g'), needs: /,\s+(?:a|an|the)\s/ },
  // "Quillstone: $45M.", "Anysphere $900M @ $9.9B", "Harvey — $5B valuation": a brief's line opens with its company.
  // ("Replit, coding agent: $150M ARR": a lowercase descriptor between the name and the colon.)
  { re: new RegExp(`(?<=^|;\\s{0,3}|^\\d{1,2}[.)]\\s{1,3})(${NAME})(?:,\\s+[a-z][\\w -]{0,40}(?=:))?\\s*(?::|—|–|\\s)\\s*(?=(?:US\\$|[$€£¥]|USD\\s|EUR\\s|RMB\\s)\\s?\\d)`, 'g'), needs: /(?:^(?:\d{1,2}[.)]\s+)?|;\s*)[A-Z][\w.&'’-]{0,30}(?:\s+[A-Z][\w.&'’-]{0,30}){0,4}(?:,\s+[a-z][\w -]{0,40}(?=:))?\s*(?::|—|–)?\s*(?:US\$|[$€£¥]|USD\s|EUR\s|RMB\s)\s?\d/ },
  // (Not "the company Elon Musk started": a person who started or runs it.)
  { re: new RegExp(`\\b(?:startup|company|firm|rival|lab|unicorn|developer|maker)\\s+(${NAME})\\b(?![\\w'’-]|\\s+[A-Z])(?!\\s+(?:started|founded|co-founded|created|launched|runs|ran|leads|led|set up|built|heads|headed)\\b)`, 'g'), needs: /startup|company|firm|rival|lab|unicorn|developer|maker/ },
  // "Its rival in AI search, OpenAI, is valued at $157B": a name set off by commas before its verb.
  { re: new RegExp(`(?<=,\\s)(${NAME}),\\s+(?:is|was|has been)\\s+(?:now\\s+|last\\s+|reportedly\\s+)?valued\\b`, 'g'), needs: /, (?:is|was|has been) (?:now |last |reportedly )?valued/ },
  // "Once valued at $4 billion, Inflection AI has not raised since": the subject after the opening phrase.
  { re: new RegExp(`(?<=(?:^|\\n)\\s*(?:Once\\s+|Last\\s+|Previously\\s+|Formerly\\s+)?(?:valued|priced)\\s+at\\s+[^,]{1,40},\\s+)(${NAME})`, 'g'), needs: /(?:valued|priced) at[^,]{1,40},/i },
];
// Each pattern above runs only on sentences holding the words it cannot match without (`needs`):
// the name patterns are slow to try at every capital, and most sentences have none of their cues.

const NOT_NAMES = new Set(['it', 'its', 'they', 'we', 'he', 'she', 'the', 'this', 'that', 'a', 'an', 'in', 'on', 'as', 'and', 'but', 'company',
  'startup', 'investors', 'analysts', 'sources', 'funding', 'round', 'series', 'the company', 'the startup', 'meanwhile', 'today', 'yesterday',
  'why', 'how', 'what', 'when', 'while', 'which', 'who', 'key', 'total', 'additional', 'strategic', 'lead', 'if', 'with', 'for', 'by', 'after',
  'at', 'about', 'some', 'over', 'nearly', 'around', 'roughly', 'almost', 'just', 'only', 'up', 'from', 'of', 'to', 'another', 'each', 'every',
  'amount', 'amount raised', 'raised', 'valuation', 'value', 'revenue', 'arr', 'cash', 'round size', 'size', 'investors', 'lead investor', 'others', 'note',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july',
  'august', 'september', 'october', 'november', 'december']);
const LEADING_FILLER = /^(?:(?:The|This|That|A|An|In|On|As|And|But|Meanwhile|Today|Now|Also|Then|So|While|When|After|Before|If|With|For|By|Why|How|Rival|Rivals|Competitor|Challenger|Fellow|Peer)\s+)+/;

function cleanName(raw: string): string | null {
  let name = raw.replace(LEADING_FILLER, '').replace(/^(?:[A-Z][\w]*[- ])?based\s+/, '').replace(/^(?:China|Chinese|US|U\.S\.|American|French|German|British|Japanese|Korean|Indian|Israeli)['’]s\s+/, '').trim();
  name = name.replace(/['’]s$/, '').replace(/[.,]$/, '').trim();
  // "$40bn raise": an amount's digits and magnitude are no name.
  if (/^\d+(?:\.\d+)?\s?(?:bn|mn|m|b|k|tn|t|bln|mln)$/i.test(name)) return null;
  if (/^(?:Series\s+[A-Z]|Seed|Round|Pre-IPO|IPO|Funding)\b/i.test(name)) return null;
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
const BACK_REFERENCE = /\b(?:the company|the startup|the firm|the lab|the group|the business|the developer|the maker|the unicorn|its|their|it|they|the round|this round|the funding|this funding|the raise|the deal)\b|\bthe\s+[\w-]+[- ]based\s+[\w-]+|\bthe\s+(?:[\w-]+\s+){1,3}?(?:company|startup|start-up|firm|lab|group|business|developer|maker|unicorn|outfit|upstart|venture)\b|\b(?:the|this|its|today['’]s|this week['’]s|yesterday['’]s)\s+(?:\S+\s+){0,3}?(?:round|raise|financing|fundraise|seed|Series\s+[A-Z]\d?|extension)\b/i;
/** "an AGI infrastructure startup", "another lab", "rival firms": someone other than the article's company. */
const SOMEONE_ELSE = /\b(?:an?|another|one|other|rival|competing)\s+(?:[\w-]+\s+){0,4}?(?:startup|company|firm|lab|developer|maker|unicorn|player|rival|competitor)s?\b|\b(?:startups|companies|firms|labs|players|rivals|competitors|unicorns)\b|\b(?:his|her|their)\s+(?:new|own)\s+(?:[\w-]+\s+)?(?:startup|company|firm|lab|venture)\b|['’]s\s+(?:new|own)\s+(?:[\w-]+\s+)?(?:startup|company|firm|lab|venture)\b/i;
/** A sentence about the whole market, not one company. */
const WHOLE_MARKET = /\b(?:global|globally|worldwide|industry|sector|market|ecosystem|venture capital(?!\s+(?:arm|firm|fund|unit|partners?|investors?|group|division|vehicle))|VC funding|investors poured|across)\b/i;
/** Capitalised words that name no one: months, acronyms of the trade. */
const NO_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Q[1-4]|AI|ARR|IPO|LLM|LLMs|API|CEO|CFO|CTO|US|U\.S\.|USD|EUR|GBP|RMB|CNY|JPY|Series|[A-Z]|YoY)$/;
/** Before another company: a competitor, a comparison, a former employer, not the subject. */
const ASIDE_BEFORE = /\b(?:like|unlike|including|include|includes|included|such as|than|versus|vs\.?|compared (?:with|to)|against|incumbents?|former|formerly|ex-|left|leaving|quit|alumni of|alumnus of|veteran of|answer to|rivaling|joined|joins|(?:co-)?founders? of|employees of|executives of|staff of|alumni of|rivalling|competes? with|competing with|compete against|building on|built on|returned to|partner(?:ed|s)? with|customers?|clients?|supplier to|spun out of|spun off from|of those of|those of|as well as|from|with|(?:backed|founded|co-founded|started|run|led|owned|created|chaired) by)\s+(?:[\w-]+\s+){0,2}$|\bex-$/i;
/** After a company: it names a person's employer, a product or a backer, not the one that raises. */
const ASIDE_AFTER = /^(?:['’]s?\s+(?:US)?[$€£¥][\d.,]+\s*(?:billion|million|bn|m|b)?\s+(?:investment|cheque|check|stake|commitment|contribution|share)\b|['’]s?\s+(?!(?:\S+\s+){0,5}?(?:round|rounds|valuation|valuations|value|worth|price|funding|financing|raise|fundraise|revenue|revenues|sales|ARR|run-rate|cash|total|Series|seed|backers?|investors?|shareholders?|owners?)\b)(?!\s*(?:latest|new|recent|own|previous|last|first|current|total|reported|proposed|planned|annual|annualised|annualized)?\s*(?:(?:was|is|at|hit|hits|reached|stood at|stands at|now|about|around|roughly|nearly|of)\s+){0,3}[$€£¥\d])|-backed\b|-founded\b|\s+(?:co-?founders?|founders?|engineers?|researchers?|scientists?|executives?|alumni|alums?|veterans?|employees?|staff(?:ers)?|chief|president|vice|partner|partners|board|director|investors?|backers?|shareholders?|rivals?|competitors?|peers?|alumni|models?|chatbot|products?|platform|business|search|cloud|chips?)\b)/i;
/** Words that open an aside set off by commas ("X, founded by ..., raised"): names in it are not the subject. */
const ASIDE_OPENER = /^\s*(?:which|who|whose|where|that|founded|co-founded|cofounded|started|created|set up|spun|backed|a|an|once|formerly|run|led|owned|part of|one of|home to|known|best known|maker of|developer of|the maker|the developer|among|including|like|unlike|along with|as well as)\b/i;

export interface Attribution {
  sentence: string;
  /** The figure or the investor phrase being attributed. */
  at: Span;
  mentions: CompanyMention[];
  /** Spans that are investor names, never the company raising. */
  exclude?: Span[];
  main: string | null;
}

/** After the figure, the company whose figure it is: "the $6.6B that OpenAI raised", "$500M investment in Acme". */
const OWNER_AFTER_BETWEEN = /^\s*(?:(?:that|which)\s+)?$|^\s+(?:(?:was|were|has been|had been)\s+)?(?:raised|collected|secured|commanded|gathered|landed)\s+by\s+$|^\s+(?:[\w-]+\s+){0,2}?(?:investment|round|funding|financing|stake|injection|infusion|raise)?\s*(?:in|into|for)\s+(?:the\s+)?$/i;
const OWNER_VERB_AFTER = /^\s*(?:['’]s?\s+)?(?:has\s+|had\s+|have\s+|already\s+|just\s+|itself\s+|reportedly\s+|recently\s+)*(?:rais|command|fetch|collect|gather|secur|got|won|reach|hit|land|bag|pull|drew|draw|attract|was valued|is valued|had been valued|earn|generat|book|post|report|clos|record|receiv|took|take|amass|pick|scoop|haul|rake)/i;

/** A segment of the sentence between commas (or dashes, semicolons) that is an aside ("X, whose ..., raised"). */
function asideSegment(sentence: string, m: CompanyMention, at: Span): boolean {
  const open = Math.max(sentence.lastIndexOf(',', m.start), sentence.lastIndexOf('—', m.start), sentence.lastIndexOf('(', m.start), sentence.lastIndexOf(' – ', m.start));
  if (open < 0) return false;
  const closeAt = sentence.slice(m.end).search(/[,;—)]| – /);
  const close = closeAt < 0 ? sentence.length : m.end + closeAt;
  // The figure in the same segment: the aside is its clause, and the name may well be its subject.
  if (at.start > open && at.start < close) return false;
  return ASIDE_OPENER.test(sentence.slice(open + 1, m.start));
}

/** A name the sentence sets aside: a rival, a former employer, a backer ("X-backed"), a person's employer. */
export function isAsideMention(sentence: string, m: CompanyMention): boolean {
  return ASIDE_BEFORE.test(sentence.slice(Math.max(0, m.start - 30), m.start)) || ASIDE_AFTER.test(sentence.slice(m.end, m.end + 60));
}

const BACKER_NOUN = '(?:[a-z-]+\\s+){0,3}?(?:investors?|backers?|shareholders?|owners?|funders?|supporters?)';
/** After a company: "'s largest investor" (the name it describes comes before or after). */
const BACKER_OF_AFTER = new RegExp(`^['’]s?\\s+${BACKER_NOUN}\\b`);
/** Before a company, right after the name described: ", one of ", ", the largest investor in ". */
const RELATIVE_IS = '(?:(?:which|who)\\s+(?:is|was|are|were|has been|remains)\\s+(?:also\\s+|already\\s+)?)?';
const NAME_THEN_BEFORE = new RegExp(`^\\s*,\\s+${RELATIVE_IS}(?:(?:one|some|two|three)\\s+of\\s+|among\\s+)?(?:(?:an?|the)\\s+${BACKER_NOUN}\\s+(?:in|of|behind)\\s+)?$`);
/** Between the name and "X's largest investor" after it: ", ", ", one of ", ", which is also ". */
const NAME_THEN_OWNER = new RegExp(`^\\s*,\\s+${RELATIVE_IS}(?:(?:one|some|two|three)\\s+of\\s+|among\\s+)?(?:the\\s+)?$`);
/** After "X's largest investor", the name it describes ("OpenAI's major shareholder Microsoft", with or without a comma). */
const NAME_AFTER = new RegExp(`^['’]s?\\s+${BACKER_NOUN}\\s*,?\\s*$`);

export interface BackerDescription {
  company: CompanyMention;
  /** The words that describe the investor: "OpenAI's largest investor", "the largest investor in OpenAI". */
  phrase: Span;
  /** The investor name described. */
  name: Span;
}

/**
 * Companies the sentence names only to describe an investor as their backer: "OpenAI's largest investor,
 * Microsoft, joined the round", "Thrive, one of OpenAI's biggest backers, led", "Microsoft, the largest investor in
 * OpenAI". The phrase sits beside one of the investor names (`names`); the company is the investor's record,
 * not necessarily the one whose round the sentence reports.
 */
export function backerDescriptions(sentence: string, mentions: CompanyMention[], names: Span[]): BackerDescription[] {
  if (!names.length || !/investor|backer|shareholder|owner|funder|supporter/.test(sentence)) return [];
  const out: BackerDescription[] = [];
  for (const m of mentions) {
    const own = BACKER_OF_AFTER.exec(sentence.slice(m.end, m.end + 60));
    // "X's largest investor, NAME" or "NAME, (one of) X's largest investors"
    const after = own ? names.find((n) => n.start > m.end && NAME_AFTER.test(sentence.slice(m.end, n.start))) : undefined;
    const before = own && !after ? names.find((n) => n.end <= m.start && NAME_THEN_OWNER.test(sentence.slice(n.end, m.start))) : undefined;
    if (own && (after || before)) {
      // ("Thrive Capital, OpenAI's biggest backer after Microsoft, led": the description runs to its comma.)
      const end = m.end + own[0].length;
      const rest = before ? /^[^,;.()$€£¥]{0,40}(?=,)/.exec(sentence.slice(end))?.[0].length ?? 0 : 0;
      out.push({ company: m, phrase: { start: before ? before.end : m.start, end: end + rest }, name: (after ?? before)! });
      continue;
    }
    // "NAME, the largest investor in X"
    const described = names.find((n) => n.end <= m.start && m.start - n.end <= 80 && NAME_THEN_BEFORE.test(sentence.slice(n.end, m.start)) && /\b(?:in|of|behind)\s+$/.test(sentence.slice(n.end, m.start)));
    if (described) out.push({ company: m, phrase: { start: described.end, end: m.end }, name: described });
  }
  return out;
}

/** The company a figure or investor phrase belongs to, or null when the sentence does not say. */
export function companyFor(a: Attribution): string | null {
  const { sentence, at, main } = a;
  const excluded = (m: CompanyMention): boolean => (a.exclude ?? []).some((x) => x.start < m.end && m.start < x.end);
  const free = a.mentions.filter((m) => !excluded(m));
  // "the $6.6B that OpenAI raised", "a $500M investment in Acme": the owner is named after the figure.
  for (const m of free) {
    if (m.start < at.end || m.start - at.end > 40) continue;
    const between = sentence.slice(at.end, m.start);
    if (!OWNER_AFTER_BETWEEN.test(between)) continue;
    if (/^\s*(?:(?:that|which)\s+)?$/i.test(between) ? OWNER_VERB_AFTER.test(sentence.slice(m.end, m.end + 40)) : true) return m.company;
    break;
  }
  // A semicolon ends what a name before it can speak for ("Sierra raised $175M; Salesforce, worth $300B, ...").
  // (A label after it, as in "raised $500M; valuation $4B", goes on with the same company.)
  let semi = sentence.lastIndexOf(';', at.start);
  if (semi >= 0 && /^\s*(?:[a-z][\w-]*\s*){0,3}:?\s*$/.test(sentence.slice(semi + 1, at.start))) semi = -1;
  const before = free.filter((m) => m.end <= at.start && m.start > semi);
  // "OpenAI's $157B", "Harvey's latest $300M round": the possessor right before the figure.
  const last = before[before.length - 1];
  // ("SoftBank's $500M investment" names the backer, not the owner.)
  // ("Anthropic's was about $4B", "Physical Intelligence's at $5.6B": the measure left unsaid is still theirs.)
  if (last && /^['’]s?\s+(?:(?:latest|new|recent|own|previous|last|first|current|total|reported|proposed|planned|annual|annualised|annualized|fresh|\w+-money|was|is|at|hit|hits|reached|stood at|stands at|now)\s+){0,3}$/i.test(sentence.slice(last.end, at.start))
    && !/^\s+(?:[\w-]+\s+)?(?:investment|cheque|check|stake|commitment|contribution|share)\b/i.test(sentence.slice(at.end, at.end + 30))) return last.company;
  // "OpenAI, which raised $40B in March, ...": the figure's own relative clause names its subject.
  if (last && /^['’]?\s*,\s*(?:which|who|that)\s+[^,;]*$/i.test(sentence.slice(last.end, at.start))) return last.company;
  const candidates = before.filter((m) => !ASIDE_BEFORE.test(sentence.slice(Math.max(0, m.start - 30), m.start))
    && !ASIDE_AFTER.test(sentence.slice(m.end, m.end + 60)) && !asideSegment(sentence, m, at));
  if (candidates.length) return candidates[candidates.length - 1].company;
  const head = sentence.slice(semi + 1, at.start);
  // "The $2B seed round, led by ...": a definite round with no one named before it is the article's.
  if (main && /\b(?:the|this|its|their)\s+(?:[\w-]+\s+)?$/i.test(head) && /^\s+(?:[\w-]+\s+){0,2}?(?:round|raise|financing|funding|investment|valuation|seed|Series)\b/i.test(sentence.slice(at.end, at.end + 40))) return main;
  if (main && BACK_REFERENCE.test(head) && !SOMEONE_ELSE.test(head.replace(BACK_REFERENCE, ''))) return main;
  // A name past ", while", ", with" or ", but" is in another clause: not the one whose figure or round this is.
  const after = free.filter((m) => m.start >= at.end && !/,\s*(?:while|whereas|but|though|although|with)\b|;/i.test(sentence.slice(at.end, m.start))
    && !ASIDE_BEFORE.test(sentence.slice(Math.max(0, m.start - 30), m.start))
    && !ASIDE_AFTER.test(sentence.slice(m.end, m.end + 60)) && !asideSegment(sentence, m, at));
  if (after.length) return after[0].company;
  // Names that are set aside (a backer's parent, a rival, a former employer) leave the article's company.
  const aside = (m: CompanyMention): boolean => ASIDE_BEFORE.test(sentence.slice(Math.max(0, m.start - 30), m.start))
    || ASIDE_AFTER.test(sentence.slice(m.end, m.end + 60)) || asideSegment(sentence, m, at);
  const setAside = a.mentions.filter((m) => excluded(m) || aside(m));
  const otherClause = (m: CompanyMention): boolean => m.start >= at.end && /,\s*(?:while|whereas|but|though|although|with)\b|;/i.test(sentence.slice(at.end, m.start));
  if (main && a.mentions.every((m) => setAside.includes(m) || otherClause(m) || (m.end <= at.start && m.start > semi))
    && isFragment(sentence, at, a.mentions.filter((m) => !setAside.includes(m) && !otherClause(m)), [...(a.exclude ?? []), ...setAside])) return main;
  return null;
}

/** A sentence or list item that names no one and no market ("Total capital raised approaching $4B"). */
function isFragment(sentence: string, at: Span, mentions: CompanyMention[], exclude: Span[]): boolean {
  // Investor names and names set aside are capitalised too ("DST Global", "SMBC Venture Capital"), and name
  // neither a company of their own nor the whole market.
  let masked = sentence;
  for (const x of exclude) masked = masked.slice(0, x.start) + ' '.repeat(Math.max(0, x.end - x.start)) + masked.slice(x.end);
  // A relative clause about an investor ("Nvidia, which has invested in dozens of startups, ...") says nothing of whose round it is.
  masked = masked.replace(/,\s+(?:which|who|whose)\b[^,;]*,/g, (m) => ' '.repeat(m.length));
  if (SOMEONE_ELSE.test(masked) || WHOLE_MARKET.test(masked)) return false;
  // Names before the figure that were not set aside leave the sentence about the article's company only
  // when it points back at it.
  if (mentions.length) return BACK_REFERENCE.test(masked.slice(0, at.start));
  if (BACK_REFERENCE.test(masked)) return true;
  const head = masked.slice(masked.lastIndexOf(';', at.start) + 1, at.start);
  const words = head.split(/[\s,;:()"“”]+/).filter(Boolean);
  return words.slice(1).every((w) => !/^[A-Z]/.test(w) || NO_NAME.test(w.replace(/['’]s$/, '')));
}

/** The company an article is mainly about: the watched company named most (a title mention counts triple);
 * failing that, an unwatched company its title says raised or was valued. */
export function mainCompany(title: string, text: string, matcher: WatchMatcher): string | null {
  const score = new Map<string, number>();
  // A backer ("Microsoft-backed startup"), a former employer or a rival named aside is not what it is about.
  const counts = (s: string, m: CompanyMention): boolean => !/^(?:-backed\b|['’]s?\s+(?:[a-z-]+\s+){0,2}(?:fund|arm|unit|co-?founder|founder|former|executive|chief))/.test(s.slice(m.end, m.end + 40))
    && !/\b(?:former|formerly|ex-)\s*$/i.test(s.slice(Math.max(0, m.start - 12), m.start));
  for (const m of matcher.find(title)) if (counts(title, m)) score.set(m.company, (score.get(m.company) ?? 0) + 3);
  let first = true;
  for (const m of matcher.find(text)) {
    if (!counts(text, m)) continue;
    // The company the body opens with is what the story is about, more than one it names in passing.
    score.set(m.company, (score.get(m.company) ?? 0) + (first ? 2 : 1));
    first = false;
  }
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
