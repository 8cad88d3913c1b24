// Who led a round and who else took part: "led by X", "X led the round", "lead investor X", "with X
// leading", "with participation from X, Y and Z", "backed by X", "investors include X", "X and Y
// participated". Names are normalised so sources compare equal: "Meituan's Longzhu investment arm" is
// "Meituan Longzhu"; "the", "existing investors" and other generic words are no names.
import { wordDispatch, type WordPattern } from './wordstarts';

export interface InvestorName {
  name: string;
  start: number;
  end: number;
}

export interface InvestorMentions {
  lead: InvestorName[];
  other: InvestorName[];
  /** Where the first investor phrase starts, for deciding whose round it is. */
  at: number | null;
}

/** Phrases a list of names follows, each with the words it opens with (see wordstarts.ts). */
const LEAD_AFTER: WordPattern[] = [
  { re: /\b(?:co-|jointly\s+)?(?:led|anchored|headed|spearheaded)\s+(?:(?:in|on)\s+[A-Z]\w+(?:\s+\d{4})?\s+|jointly\s+)?by\s*:?\s+/gi },
  { re: /\bleading the (?:round|financing|investment|raise|deal) (?:was|were|is|are)\s+/gi },
  { re: /\b(?:exclusively|solely|wholly|entirely)\s+(?:invested|funded|financed|backed|subscribed)\s+by\s+/gi },
  { re: /\blead\s*:\s*/gi },
  { re: /\bco-led\s+(?:the|a|an|this|its)\s+[^,.;]{0,40}?\bwith\s+/gi },
  { re: /\bled\s+(?:the|a|an|this|its)\s+[^,.;]{0,30}?\btogether with\s+/gi },
  { re: /\blead investors?\s*[:\-–]?\s+(?:(?:for|in|of)\s+(?:this|the|its)\s+(?:round|financing|deal|raise|Series\s+[A-Z]\d?|seed)\s+)?(?:participation\s+)?(?:(?:came|comes)\s+)?(?:from|was|were|is|are|included|including|includes|include)?\s*/gi },
  { re: /\bled (?:the round|the financing|the investment|the deal)\s+(?:was|were)\s+/gi },
];
/** Phrases a list of names precedes, each with the word it cannot match without (they match case). */
const LEAD_BEFORE: { re: RegExp; needs: string }[] = [
  { re: /(?:\s+(?:has|have|had|also|jointly|reportedly|again))*\s+(?:co-)?led\s+(?:the|a|an|this|its|their)\b(?!\s+(?:[a-z-]+\s+)?(?:talks|team|company|effort|research|charge|negotiations|development|lab|business|project|push|way|group|department|division|work|study|engineering|sales|product|discussions))/g, needs: 'led' },
  { re: /(?:\s+(?:has|have|had|also|jointly|reportedly|again))*\s+(?:co-)?led\s+(?=[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}['’]s?\s)/g, needs: 'led' },
  { re: /\s+(?:was|were|is|are|as)\s+(?:the\s+)?(?:lead|leading)\s+investors?\b/g, needs: 'lead' },
  { re: /\s+(?:is|are)\s+leading\s+(?:the|a|an|this)\b/g, needs: 'leading' },
  { re: /\s+leading(?=\s*[,.;]|\s*$)/g, needs: 'leading' },
  { re: /,\s+(?:which|who)\s+(?:co-)?led\b/g, needs: 'led' },
  { re: /\s+(?:co-)?led(?=\s*(?:[,.;]|$)|\s+(?:with|and|alongside)\s)/g, needs: 'led' },
  { re: /\s+(?:is|are|was|were)?\s*(?:set|expected|poised|slated|due|likely|planning|preparing|tipped|understood|said|in talks|in discussions|negotiating)\s+to\s+(?:co-)?lead\b/g, needs: 'lead' },
  { re: /\s*\((?:co-)?lead(?: investor)?\)/g, needs: 'lead' },
];
const WITH_LEADING = /\bwith\s+((?:(?!\s(?:is|are|was|were|has|have|had|the|its|their)\s)[^.;]){1,80}?)\s+(?:leading|as (?:the )?(?:co-)?leads?(?: investors?)?|co-leading)\b/gi;
/** "with Nvidia and AMD participating", "with existing shareholders Alibaba and Tencent following". */
const WITH_OTHERS = /\bwith\s+((?:(?!\s(?:is|are|was|were|has|have|had|the|its|their)\s)(?:[^.;]|(?<=[A-Z])\.)){1,120}?)\s+(?:also\s+)?(?:participating|joining|investing|taking part|following|returning|contributing|continuing|also in|in too|as well|chipping in|backing the round|coming in|among (?:the\s+)?(?:[a-z-]+\s+)?(?:investors|backers|participants|underwriters|allottees|subscribers|shareholders)|as (?:an?\s+)?(?:[a-z-]+\s+)?(?:investor|backer|participant)s?)\b/gi;
/** "raised $2 billion from A, B and C": the names the money came from. */
const FROM_AFTER_MONEY = /(?:\d|million|billion|trillion|bn|mn|yen|yuan|euros?|dollars|pounds|crore|won)\)?\s+(?:in\s+[\w -]{0,30}?\s+)?from\s+(?=[A-Z]|the\s|a\s|investors|backers|a group|funds)/gi;
const OTHER_AFTER: WordPattern[] = [
  { re: /\b(?:with\s+)?(?:additional\s+|further\s+|also\s+)?participation\s+(?:(?:came|comes)\s+)?(?:from|of|by)\s+/gi },
  { re: /\b(?:backed by|joined by|alongside)\s+/gi },
  { re: /\bjoin(?:s|ed|ing)?\s+(?=(?:existing|returning|other|fellow|earlier)\s+(?:investors|backers|shareholders)\s)/gi },
  { re: /\b(?:to|from)\s+(?:a\s+group\s+of\s+)?(?:companies|firms|investors|funds|institutions|backers)\s+(?:including|such as|like)\s+/gi },
  { re: /\b(?:also in|with|returning|participants|others|co-investors|angels(?: in the round)?|investors in the round|angel investors)\s*:\s*/gi },
  { re: /\bin (?:early |advanced |preliminary )?(?:talks|discussions) with\s+(?=[^.;]{0,80}\babout\s+(?:a|an|its|the)\s+(?:new\s+|fresh\s+)?(?:round|investment|funding|raise))/gi },
  { re: /\b(?:could|would|will|may|might)\s+(?:also\s+)?include\s+(?=[A-Z])/g },
  // "a startup that also counts Applied Materials as an investor"
  { re: /\bcount(?:s|ed)?\s+(?=[A-Z](?:(?!\s(?:among|as)\s)[^.;]){0,60}?\s+(?:as\s+(?:an?\s+)?(?:[a-z-]+\s+)?(?:investors?|backers?|shareholders?)|among\s+(?:its|their)\s+(?:[a-z-]+\s+)?(?:investors|backers|shareholders))\b)/g },
  { re: /\b(?:underwritten|subscribed|funded|financed|bankrolled)\s+by\s+/gi },
  // "a third-party allotment of shares to Mitsubishi UFJ Capital and others"
  { re: /\ballotment\s+(?:of\s+(?:new\s+)?(?:shares|stock)\s+)?to\s+(?=[A-Z])/gi },
  { re: /\b(?:backing|support|funding|investment|investments|money|capital)\s+(?:(?:came|comes)\s+)?from\s+/gi },
  { re: /\b(?:investors|backers|shareholders|participants|allottees|supporters|angels|investors in the round)\b(?:[^.;,:]|,\s+(?=who|which)){0,40}?\b(?:include|included|includes|including|such as|like)\s+/gi },
  { re: /\b(?:other\s+)?(?:investors|backers|allottees|participants|subscribers)\s+(?:are|were)\s+/gi },
  { re: /\b(?:(?:new|returning|other)\s+)?(?:investors|backers)\s*:\s*/gi },
  { re: /\b(?:drew|draws|attracted|attracts|brought in|included|includes|featured|features)\s+(?=[A-Z]|the\s+(?:family|investment|venture)\s)/g },
  { re: /\b(?:among\s+)?the\s+(?:[a-z-]+\s+){0,2}(?:backers|investors|participants)\s+(?:were|are|was|is)\s+/gi },
  { re: /\bother (?:investors|backers|participants)\s+(?:were|are|include|included|including)?\s*/gi },
];
/** Both lists in one pass over the sentence's words: the lead phrases first, then the others. */
const PHRASES_AFTER = wordDispatch([...LEAD_AFTER, ...OTHER_AFTER]);
const OTHER_BEFORE = /\s+(?:(?:all|also|each|both|too|now|still|then|alone|itself|reportedly|is|are|was|were|has|have|had|will be)\s+){0,2}(?:wr(?:ote|ites|iting)\s+(?:the\s+|a\s+)?(?:(?:US)?[$€£¥]\s?[\d.,]+(?:\s*(?:billion|million|bn|mn|m|b))?[\s-]+)?(?:[a-z-]+\s+)?(?:cheques?|checks?)|subscribed|put(?:s|ting)?(?=\s+(?:in\s+|up\s+)?(?:[$€£¥\d]|about|roughly|some|nearly|more than))|contribut(?:ed|es|ing)(?=\s+(?:about\s+|up to\s+|roughly\s+|some\s+|nearly\s+|more than\s+)?[$€£¥\d])|participated|joined(?=\s*[.,;]|\s+(?:the|\S+['’]s?)\s+(?:(?:[$€£¥][\d.,]+(?:\s*(?:billion|million|bn|mn))?|[\w-]+)\s+){0,3}?(?:round|financing|raise|deal|Series)|\s+as\s+(?:an?\s+|new\s+)?(?:investors?|angels?|backers?))|invested|chipped in|took part|doubled down|increas(?:ed|es|ing)\s+(?:its|their)\s+(?:holdings?|stakes?|investment)|came in as\s+(?:an?\s+)?(?:new\s+)?(?:angels?|investors?|backers?)|followed on|continued to follow|followed on|re-?invested|(?:were|are|was|is)\s+among\s+(?:the\s+)?(?:\S+\s+)?(?:investors|backers)|among\s+(?:its|their)\s+(?:[a-z-]+\s+)?(?:investors|backers|shareholders)|(?:are|is|were|was)\s+(?:also\s+)?investing|(?:will\s+|would\s+)?(?:supply|supplies|supplied|provide|provides|provided)(?=\s+(?:about\s+|up to\s+|roughly\s+)?[$€£¥\d])|account(?:ed|s) for(?=\s+(?:about\s+|roughly\s+|some\s+|nearly\s+)?(?:US)?[$€£¥]))\b|,?\s+(?:(?:is|are|remains?|was|were|became|becomes?)\s+(?!not\b|no longer\b)(?:one of\s+|among\s+)?(?:an?\s+|the\s+)?(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s?\s+)?|(?<=,\s*)(?:one of\s+|among\s+)?(?:an?\s+|the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s?\s+)(?:[a-z-]+\s+){0,3}?(?:backers?|investors?|shareholders?|owners?)(?:\s+(?:of|in)\s+(?=[A-Z]))?(?=[\s,.;])|,\s+(?:an?|the)\s+(?:[a-z-]+\s+){0,3}?(?:backers?|investors?|shareholders?)\s+(?:of|in)\s+(?=[A-Z])/g;
const OTHER_BEFORE_NEEDS = /account(?:ed|s) for|contribut|doubled down|increased (?:its|their)|came in as|investing|wr|subscribed|suppl|provide|follow|invested|put|participated|joined|invested|chipped in|took part|followed on|among|backer|investor|shareholder|owner/;

/** Where a list of names stops: the end of the clause, or a word that starts something else. */
const LIST_STOP = /(?<![A-Z])\.(?=\s|$)|[;()\n—–|]|:\s|\s(?:according to|about|to|as|for|that|who|which|in a|in the|in its|at a|at the|on|after|amid|marking|bringing|with)\s|,\s+(?:which|marking|bringing|according|with|who|as|while|and\s+(?:the|is|was|has|will))\b/i;
const FILLER = /^(?:and\s+|the\s+|existing\s+investors?\s+|existing\s+backers?\s+|returning\s+investors?\s+|new\s+investors?\s+|institutional\s+investors?\s+(?:including\s+|such as\s+|like\s+)?|investors?\s+(?:including\s+|such as\s+|like\s+)?|including\s+|such as\s+|from\s+|(?:a\s+)?(?:group|consortium|syndicate|roster|slate|number)\s+(?:of\s+[\w-]+\s+)?(?:that\s+)?(?:includes?|including)\s+|(?:existing|old|previous|returning)\s+(?:shareholders?|backers?|investors?)\s+|by\s+|(?:the\s+)?(?:family\s+offices?|investment\s+arms?|venture\s+arms?)\s+of\s+|(?:funds?|accounts?|vehicles?)(?:\s+and\s+(?:funds|accounts|vehicles))?\s+(?:managed|advised|run)\s+by\s+(?!(?:a|an|the|his|her|their|its|one|two)\s)|firms?\s+(?:like|such as)\s+|other\s+|also\s+)+/i;
/** What a reporter puts before a name: "the Singapore sovereign wealth fund GIC", "Dutch chipmaker ASML",
 *  "U.S. venture firm Lux Capital", "Sarah Guo's Conviction Partners", "funds managed by Blackstone". */
const DESCRIPTOR = /^[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+(?:[a-z-]+\s+){1,4}(?=[A-Z0-9])|^(?:the\s+)?(?:(?:[A-Z][\w.-]*(?!['’])|U\.S\.)\s+){0,3}?(?:(?:state-backed|state-owned|[a-z][a-z-]*)\s+){1,5}(?=[A-Z0-9])|^(?:[A-Z][\w.-]*\s+){1,3}?[A-Z][\w.-]*['’]s?\s+(?=[A-Z][\w.-]*(?:\s+[A-Z][\w.&-]*)*\s*(?:[,.;]|$|\s+(?:and|with|as|led|joined|also)\b))/;
/** "Sequoia Capital partner Pat Grady": a firm, a person's title at it, the person. */
const TITLED = /^[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*\s+(?:managing\s+|general\s+|founding\s+|venture\s+)?(?:partner|principal)\s+[A-Z]/;
/** A person's title before their name: "former GitHub chief executive", "Stripe co-founder", "ex-Google CEO". */
const PERSON_TITLE = /^(?:(?:former|ex-)\s*)?(?:[A-Z][\w.&-]*\s+){0,3}?(?:co-?founder(?:\s+and\s+(?:chief executive|CEO|CTO))?|founder|chief executive(?:\s+officer)?|chief\s+[a-z]+\s+officer|chief\s+[a-z]+|CEO|CTO|COO|president|chairman|chairwoman)\s+(?=[A-Z][a-z]+\s+[A-Z])/;
/** Lowercase words that are no descriptor: the list or the clause goes on through them. */
const DESCRIPTOR_STOP = /\s(?:last|this|next|early|late|earlier|later|in|on|at|for|to|with|as|and|or|of|which|who|whom|whose|where|when|that|also|alongside|said|says|led|joined|invested|its|their|his|her|is|was|are|were|has|had)\s/;
/** A nationality, a country, a region or a city alone names no investor ("led by Chinese tech giant Tencent"
 *  reads Tencent; "investors from Beijing and Shanghai" names none). */
const PLACES = /^(?:(?:Chinese|Japanese|Korean|Indian|American|US|U\.S\.|British|UK|French|German|Dutch|Swiss|Swedish|Danish|Norwegian|Finnish|Italian|Spanish|Canadian|Australian|Israeli|Emirati|Saudi|Qatari|Singaporean|Taiwanese|European|Asian|Middle Eastern|Gulf|Western|Eastern|Nordic|Arab|African|Latin American|China|Japan|Korea|India|America|Britain|France|Germany|Europe|Asia|Africa|Singapore|Qatar|Saudi Arabia|Abu Dhabi|Dubai|Riyadh|Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou|Hong Kong|Tokyo|Osaka|Seoul|London|Paris|Berlin|Munich|Stockholm|Amsterdam|Tel Aviv|New York|San Francisco|Silicon Valley|Washington|Ottawa|Brussels)(?:\s+(?:state|state-owned|state-backed|government|city|region|province))?)$/;
/** Round names, amounts and dates that a capitalised run may catch. */
const NOT_INVESTOR = /^(?:(?:AI|ML|IPO|CEO|CFO|LLM|GPU|ARR|Backed|Led|Founded)$|(?:In|On|At|By|For|From|Since|Until|Through|Via)\s|Series\s+[A-Z]\b|Seed\b|Pre-|IPO\b|[$€£¥]|\d+(?:[.,]\d+)?\s*(?:%|percent|million|billion|bn|mn|m\b|$)|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$)/;
const CONNECTORS = new Set(['of', 'de', 'du', 'la', 'van', 'von', 'and', '&']);
const GENERIC = /^(?:Separately|Meanwhile|Additionally|However|Elsewhere|Finally|Instead|Similarly|Likewise|Earlier|Later|Today|Yesterday|Neither|Either|None|Each|Among|For|This|That|These|Those|The|Existing|Other|Others|Several|Some|Many|Investors?|Backers?|Sources|Strategic|Additional|Lead|Key|Total|Institutional|Returning|Participants?|Both|All|Its|Their|It|They|We|AM|PM|ET|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|JST|HKT|SGT|Update|Updated)$/i;

/** "Meituan’s Longzhu investment arm" -> "Meituan Longzhu"; "the Sequoia China" -> "Sequoia China". */
/** A name as the reader may report it: no generic word, round, amount, place or nationality. */
export function isInvestorName(name: string): boolean {
  return !!name && !GENERIC.test(name) && !NOT_INVESTOR.test(name) && !PLACES.test(name) && !/-backed$/i.test(name);
}

export function normaliseInvestor(raw: string): string {
  let s = raw.replace(/\s+/g, ' ').trim();
  s = s.replace(/^the\s+/i, '');
  s = s.replace(/['’]s\b/g, '');
  s = s.replace(/\s+(?:(?:corporate\s+)?(?:strategic\s+)?(?:investment|venture(?:s)?|venture capital|VC|CVC)\s+)?(?:arm|unit|division|subsidiary)$/i, '');
  s = s.replace(/\s+(?:investment|venture)\s+fund$/i, '');
  return s.replace(/[\s,.]+$/, '').trim();
}

/** A capitalised word, a number-led name ("1789 Capital"), or a lowercase brand with a digit or capital inside ("a16z", "byFounders"). */
const NAME_WORD = /^(?:[A-Z0-9\u4e00-\u9fff]|[a-z]+[0-9A-Z])/;
function isName(w: string): boolean {
  // ("12:40 Accel led the round", "2/ Accel led": a live blog's time stamp, a thread's post number, is no part of the name.)
  return NAME_WORD.test(w) && !/^\d{1,2}[:.]\d{2}\b|^\d{1,3}\/\d{0,3}$/.test(w);
}

/** A name runs while words are capitalised (or connectors between capitalised words). */
function nameRun(text: string, offset: number, fromEnd: boolean): InvestorName | null {
  const words: { w: string; start: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) words.push({ w: m[0], start: m.index });
  let i = fromEnd ? words.length - 1 : 0;
  const step = fromEnd ? -1 : 1;
  const picked: typeof words = [];
  while (i >= 0 && i < words.length && picked.length < 7) {
    const w = words[i];
    if (isName(w.w)) picked.push(w);
    else if (CONNECTORS.has(w.w.toLowerCase()) && w.w.toLowerCase() !== 'and' && picked.length > 0 && words[i + step] && isName(words[i + step].w)) picked.push(w);
    else break;
    i += step;
  }
  if (fromEnd) picked.reverse();
  while (picked.length && GENERIC.test(picked[0].w)) picked.shift();
  if (!picked.length) return null;
  const first = picked[0];
  const last = picked[picked.length - 1];
  const raw = text.slice(first.start, last.start + last.w.length).replace(/[,.]$/, '');
  // "Meituan's Longzhu investment arm": the arm is named by its parent.
  const arm = /^\s+(?:[\w-]+\s+){0,3}?(?:arm|unit|division|subsidiary|fund|vehicle)\b/i.test(text.slice(last.start + last.w.length, last.start + last.w.length + 40));
  // "Sarah Guo's Conviction Partners", "Abu Dhabi's MGX": the firm, not its owner or home.
  // ("SoftBank's Vision Fund 2", "Amazon's Industrial Innovation Fund": a fund named for its owner keeps the owner.)
  const owned = arm || /['’]s\s+(?:Vision Fund|(?:[A-Z][\w-]*\s+){0,3}Fund\s+(?:\d+|[IVX]+))$/.test(raw) ? null : /^[^'’]+['’]s\s+([A-Z0-9][^'’]*)$/.exec(raw);
  // "Abu Dhabi-based MGX": the firm, not where it is based.
  const name = normaliseInvestor((owned ? owned[1] : raw).replace(/^(?:[A-Z][\w.]*\s+)*[A-Z][\w.]*-based\s+/, ''));
  if (!name || GENERIC.test(name) || NOT_INVESTOR.test(name) || PLACES.test(name)) return null;
  return { name, start: offset + first.start, end: offset + first.start + raw.length };
}

/** "OpenAI's largest investor", "one of Anthropic's earliest backers", "the biggest shareholder in OpenAI": a
 *  name's description as someone's backer, set beside the name (companies.ts reads the same phrase). */
export const BACKER_OF = /^(?:(?:one|some|two|three)\s+of\s+)?(?:(?:(?:[A-Z]|[a-z][A-Z])[\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+(?:[a-z-]+\s+){0,3}?(?:investors?|backers?|shareholders?|owners?|funders?|supporters?))|(?:(?:an?|the)\s+)?(?:[a-z-]+\s+){0,3}?(?:investors?|backers?|shareholders?|owners?|funders?|supporters?)\s+(?:in|of|behind)\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)[.,]?$/;

/** After a name in a list, a verb of its own: the list is over and a new clause begins. */
const CLAUSE_VERB = /^\s+(?:also\s+|too\s+|then\s+)?(?:joined|joins|invested|invests|participated|participates|took part|followed|came in|chipped in|said|says|added|adds|is|was|were|are|has|have|had|will|would)\b/;

/** The names listed right after `from`, up to the end of the clause. */
function listAfter(sentence: string, from: number): InvestorName[] {
  // "Congruent Ventures (lead), Maersk Growth, ...": the mark of a lead does not end the list.
  // ("funds and accounts advised by Counterpoint Global": the adviser names them.)
  const rest = sentence.slice(from, from + 300).replace(/\b(?:funds?|accounts?|vehicles?)(?:\s+and\s+(?:funds|accounts|vehicles))?\s+(?:managed|advised|run)\s+by\s+(?!(?:a|an|the|his|her|their|its|one|two)\s)/gi, (m) => ' '.repeat(m.length)).replace(/,?\s+as well as\s+/g, (m) => `,${' '.repeat(m.length - 1)}`).replace(/\s*\((?:co-)?lead(?: investor)?\)|\s*\([^()]{1,30}['’]s\s+[^()]{1,20}\)/gi, (m) => ' '.repeat(m.length));
  const stop = LIST_STOP.exec(rest);
  const span = stop ? rest.slice(0, stop.index) : rest;
  const out: InvestorName[] = [];
  let offset = from;
  let skipped = false;
  let sep = '';
  for (const piece of span.split(/(,\s*(?:and\s+)?|\s+and\s+|\s*&\s+(?=[A-Z][a-z]+\s+[A-Z])(?![A-Z][a-z]+\s+(?:Company|Co\b)))/)) {
    if (/^(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s+)$/.test(piece)) { offset += piece.length; sep = piece; continue; }
    // "DBJ Capital, the investment arm of the Development Bank of Japan": an appositive on the name before
    // says whose arm it is; it is no item of its own.
    if (out.length > 0 && /^,\s*$/.test(sep) && /^(?:the|an?)\s+(?:[\w-]+\s+){0,3}?(?:arm|unit|division|subsidiary|affiliate|vehicle)\s+of\b/i.test(piece)) { offset += piece.length; skipped = true; continue; }
    // "OpenAI's biggest shareholder, Microsoft": a piece that says whose backer the next name is, not an item.
    if (BACKER_OF.test(piece.trim())) { offset += piece.length; continue; }
    const filler = FILLER.exec(piece);
    let skip = filler ? filler[0].length : 0;
    // "former GitHub chief executive Nat Friedman" co-leading a round: the person, not the employer.
    const person = TITLED.test(piece.slice(skip)) ? null : PERSON_TITLE.exec(piece.slice(skip));
    if (person) skip += person[0].length;
    const descriptor = person || TITLED.test(piece.slice(skip)) ? null : DESCRIPTOR.exec(piece.slice(skip));
    if (descriptor && !DESCRIPTOR_STOP.test(descriptor[0])) skip += descriptor[0].length;
    const body = piece.slice(skip);
    if (body.trim()) {
      // An aside on the name before it ("Temasek, Singapore's state investor, and ...", "Conviction, the
      // venture firm founded by Sarah Guo"), a person's employer ("Hugging Face's co-founder") or a name set
      // aside as a place ("Shanghai state-owned capital and Tencent") is no item but does not end the list.
      const text = piece.trim();
      const endsLower = /\s[a-z][\w-]*$/.test(text);
      const aside = (/^(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+|(?:an?|the)\s+)[a-z]/.test(text) && (endsLower || /\b(?:founded|run|led|owned|started|backed|set up|created|chaired)\s+by\b/.test(text)))
        || endsLower
        || /^[A-Z][\w.-]*\s+(?:state-owned|state-backed|state|government|municipal|provincial)\b/.test(body.trim())
        || /^(?:the\s+)?(?:founders?|co-founders?|executives?|employees?|alumni)\s+of\b/i.test(text);
      if (aside && (out.length > 0 || /^(?:the\s+)?(?:founders?|co-founders?|executives?)\s+of\b|['’]s\s+(?:co-)?(?:founder|chief|ceo|president|partner|executive|head)/i.test(text))) { offset += piece.length; skipped = true; continue; }
      // "Sequoia Capital partner Pat Grady": the firm, not its partner.
      const titled = /^([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)\s+(?:managing\s+|general\s+|founding\s+|venture\s+)?(?:partner|principal)\s+[A-Z]/.exec(body);
      const run = titled ? nameRun(titled[1], offset + skip, false) : nameRun(body, offset + skip, false);
      // After an aside, only a whole name goes on with the list ("..., Ostrava AI is building" does not).
      if (run && skipped && run.end - offset - skip < body.trimEnd().length - 1) break;
      // "OpenAI's startup fund, Amazon's Industrial Innovation Fund and Samsung": a backer's fund is an item.
      const fundItem = run !== null && /['’]s?\s+(?:[a-z-]+\s+){0,3}(?:fund|arm|unit|vehicle)$/.test(text);
      if (!run) { if (!aside && !/^(?:existing|other|new|returning)?\s*(?:investors?|backers?|others)$/i.test(body.trim())) break; }
      // "led by HongShan, and Tencent joined": a name with its own verb opens a clause of its own.
      else if (out.length > 0 && CLAUSE_VERB.test(sentence.slice(run.end, run.end + 30))) break;
      else out.push(run);
      if (titled) break;
      if (run && !fundItem && run.end - offset - skip < body.trimEnd().length - 1) break; // trailing words: the list is over
    }
    offset += piece.length;
  }
  return out;
}

/** "which counts Amazon and Alphabet among ...": the names after the verb. */
const LISTING_VERB = /^.*\b(?:counts|count|counted|includes?|included|including|such as|like)\s+(?=[A-Z])/;

/** The names listed right before `to` ("Sequoia China, Alibaba and ByteDance participated"). */
function listBefore(sentence: string, to: number): InvestorName[] {
  const head = sentence.slice(Math.max(0, to - 200), to);
  const base = Math.max(0, to - 200);
  // (A full stop after an initial or a legal abbreviation, "T. Rowe Price Associates, Inc.", ends no clause;
  // nor does the colon of a time, "12:40 Accel led".)
  let stop = -1;
  for (const m of head.matchAll(/(?<!\b(?:[A-Z]|Inc|Co|Corp|Ltd|Jr|Sr|St|Mr|Ms|Dr|Mt|vs|No))\.(?=\s|$)|[;•]|(?<!\d):|:(?!\d)/g)) stop = m.index;
  const cut = stop;
  // "Alibaba, which has invested in A and B, led": the relative clause names no lead.
  // ("1. Nvidia — led ...": a dash between the name and the verb is no part of the name.)
  // ("T. Rowe Price Associates, Inc. led": a legal suffix after a comma is part of the name.)
  // ("Sequoia China (now HongShan) increased its holdings": the name as written, not its later one.)
  const clause = head.slice(cut + 1).replace(/\s*\((?:now|formerly|previously|once|also known as|known as)\s+[^()]{1,40}\)/g, (m) => ' '.repeat(m.length)).replace(/,(?=\s+(?:Inc|LLC|LLP|Ltd|L\.P|LP|Co|Corp|GmbH|AG|SA|NV|plc|Pte)\b)/g, ' ').replace(/,\s+(?:which|who|whose|an?|the)\b[^,]*,\s*$/, (m) => ' '.repeat(m.length)).replace(/\s*[—–]\s*$/, (m) => ' '.repeat(m.length));
  const clauseBase = base + cut + 1;
  const pieces = clause.split(/(,\s*(?:and\s+)?|\s+and\s+)/);
  const out: InvestorName[] = [];
  let asides = 0;
  let end = clause.length;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i];
    const start = end - piece.length;
    end = start;
    if (i % 2 === 1) continue;
    // "Accel, an early backer, led", "Bezos Expeditions, Jeff Bezos's family office, also invested": the
    // aside between the name and the verb is skipped; so is "HongShan, formerly Sequoia China, and ...".
    // "The Kingdom of Saudi Arabia, through its Public Investment Fund, led": the fund it acts through.
    const through = /^\s*(?:through|via)\s+(?:its|their)\s+([A-Z].*)$/.exec(piece);
    if (through && out.length === 0) {
      const r = nameRun(through[1], clauseBase + start + piece.indexOf(through[1]), true);
      if (r) { out.unshift(r); break; }
    }
    // (One aside only: "..., the name at the top was not a venture firm but X, the city's state capital arm,
    // which led" has the name in the clause before the aside.)
    if (out.length === 0 && i > 0 && (!piece.trim() || /^\s*(?:which|who|that)\s*$/.test(piece) || (!asides && /\s[a-z]/.test(piece) && /,\s*$/.test(pieces[i - 1] ?? '') && !LISTING_VERB.test(piece)))) {
      if (piece.trim() && !/^\s*(?:which|who|that)\s*$/.test(piece)) asides++;
      continue;
    }
    // "Bpifrance, the French state investment bank, and Nvidia were": an appositive inside the list.
    if (out.length > 0 && i > 0 && /^\s*(?:the|an?)\s+(?:[A-Z][\w-]*\s+)?[a-z]/.test(piece) && /,\s*$/.test(pieces[i - 1] ?? '')) continue;
    if (/^\s*(?:formerly|previously|once|now|also known as)\b/i.test(piece) && /,\s*$/.test(pieces[i - 1] ?? '')) continue;
    // ("Funds managed by Blackstone", "accounts advised by T. Rowe Price": the manager names them.)
    const kind = /^\s*(?:and\s+)?(?:the\s+)?(?:(?:strategic|financial|institutional|new|existing|returning|old|other|early)\s+)?(?:investors?|backers?|shareholders?)\s+|^\s*(?:and\s+)?(?:funds?|accounts?|vehicles?|entities)(?:\s+and\s+(?:funds|accounts|vehicles))?\s+(?:managed|advised|run)\s+by\s+(?!(?:a|an|the|his|her|their|its|one|two)\s)/i.exec(piece);
    // "Nvidia's venture arm led": the arm is named by its parent.
    const arm = out.length === 0 ? /^(.*?[A-Z][\w.&-]*)['’]s?\s+(?:[a-z-]+\s+){0,3}(?:arm|unit|division|fund)\s*$/.exec(piece) : null;
    // "which counts Amazon and Alphabet among ...": the names after the verb.
    const verb = LISTING_VERB.exec(piece);
    const body = kind ? piece.slice(kind[0].length) : arm ? arm[1] : verb ? piece.slice(verb[0].length) : piece;
    const run = nameRun(body, clauseBase + start + (kind ? kind[0].length : 0), true);
    if (!run) break;
    // Only the last piece may carry words before its name ("said Sequoia China"); an earlier piece that is
    // more than a name ("HongShan led the Series B") is no list item, and the list starts after it.
    // "Hedge funds D1 Capital Partners", "Former Y Combinator president Sam Altman": a descriptor or a title
    // before the name leaves it whole.
    const lead = body.slice(0, run.start - (clauseBase + start + (kind ? kind[0].length : 0))).trim();
    const described = /^(?:(?:[A-Z][\w.&-]*\s+){0,3})?(?:[a-z][\w-]*\s*){1,3}$/.test(lead) && !/\b(?:said|says|and|with|by|from|to|in|of|at|the)$/.test(lead);
    const whole = described || verb !== null || body.trim().length <= sentence.slice(run.start, run.end).length + 1;
    if (!whole && out.length > 0) break;
    out.unshift(run);
    if (!whole) break;
  }
  return out;
}

/** Words the patterns above cannot match without: "led" or "lead" for a lead, one of the others for the
 *  rest. Most sentences have neither, or no lead, and then skip those patterns. */
const LEAD_CUE = /lea?d|anchored|headed|spearheaded/i;
const OTHER_CUE = /accounted|accounts for|contribut|particip|back|join|doubled down|increased (?:its|their)|came in as|alongside|support|funding|invest|money|capital|chipped in|chipping in|took part|taking part|shareholder|allottee|angel|follow|among|includ|drew|draws|attract|featur|counts|subscri|underwr|exclusiv|talks|discussions|also in|returning|continuing|coming in|others|with:|take part|wr(?:ote|ites|iting)|suppl|provide|put|companies|cheque|check|stake|led|lead/i;
/** "raised $2 billion from A and B": a "from" counts only where there is an amount. */
const FROM_CUE = /\bfrom\b/;

export function findInvestors(sentence: string): InvestorMentions {
  const leads = LEAD_CUE.test(sentence);
  const others = OTHER_CUE.test(sentence) || (FROM_CUE.test(sentence) && /\d/.test(sentence));
  if (!leads && !others) return { lead: [], other: [], at: null };
  const lead: InvestorName[] = [];
  const other: InvestorName[] = [];
  // Where the first investor phrase starts (the smallest offset noted).
  let at = Infinity;
  const after = PHRASES_AFTER.matches(sentence);
  if (after.length > 1) after.sort((a, b) => a.pattern - b.pattern); // stable: each pattern's matches stay in order
  let k = 0;
  for (; k < after.length && after[k].pattern < LEAD_AFTER.length; k++) {
    const m = after[k];
    // "led by former OpenAI technology chief Mira Murati": the company's leader, no investor.
    // A round that a person co-leads says so ("the round was co-led by former GitHub chief executive Nat
    // Friedman", "co-led the round with ..."): then the person is an investor.
    if (/^(?:[Aa]n?\s+|[Tt]wo\s+|[Tt]hree\s+|[Ii]ts\s+|[Hh]is\s+|[Hh]er\s+)?(?:[Ff]ormer|ex-|co-?founders?|founders?|chief|CEO|president|researchers?|engineers?)\b/.test(sentence.slice(m.end, m.end + 30))
      && !/\b(?:round|financing|investment|raise|deal|Series\s+[A-Z]\d?|seed)\b[^,;.]{0,20}$/i.test(sentence.slice(Math.max(0, m.start - 40), m.end))) continue;
    lead.push(...listAfter(sentence, m.end)); at = Math.min(at, m.start);
  }
  for (const { re, needs } of leads ? LEAD_BEFORE : []) {
    if (!sentence.includes(needs)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) { const l = listBefore(sentence, m.index); lead.push(...l); if (l.length) at = Math.min(at, l[0].start); }
  }
  WITH_LEADING.lastIndex = 0;
  for (let m = leads ? WITH_LEADING.exec(sentence) : null; m !== null; m = WITH_LEADING.exec(sentence)) {
    lead.push(...listAfter(sentence, m.index + m[0].indexOf(m[1])).filter((n) => n.end <= m!.index + m![0].length)); at = Math.min(at, m.index);
  }
  // "in a Lightspeed-led round", "an Amazon-led round": the lead named before "-led".
  if (sentence.includes('-led')) {
    for (const m of sentence.matchAll(/([A-Z][\w.&]*(?:\s+[A-Z][\w.&]*){0,2})-(?:co-)?led\s+(?:[\w$.,-]+\s+){0,3}?(?:round|financing|investment|raise|deal|Series\s+[A-Z]|seed)\b/g)) {
      const raw = m[1].replace(/^(?:An?|The|In|On)\s+/, '');
      const name = normaliseInvestor(raw);
      if (name && isInvestorName(name)) { const start = m.index + m[0].indexOf(raw); lead.push({ name, start, end: start + raw.length }); at = Math.min(at, start); }
    }
  }
  WITH_OTHERS.lastIndex = 0;
  for (let m = others ? WITH_OTHERS.exec(sentence) : null; m !== null; m = WITH_OTHERS.exec(sentence)) {
    other.push(...listAfter(sentence, m.index + m[0].indexOf(m[1])).filter((n) => n.end <= m!.index + m![0].length)); at = Math.min(at, m.index);
  }
  FROM_AFTER_MONEY.lastIndex = 0;
  for (let m = sentence.includes('from') ? FROM_AFTER_MONEY.exec(sentence) : null; m !== null; m = FROM_AFTER_MONEY.exec(sentence)) {
    const l = listAfter(sentence, m.index + m[0].length); other.push(...l); if (l.length) at = Math.min(at, l[0].start);
  }
  for (; k < after.length; k++) {
    const m = after[k];
    // "lead investor participation from X" was read as a lead above.
    if (/lead investors?\s*$/i.test(sentence.slice(Math.max(0, m.start - 20), m.start))) continue;
    other.push(...listAfter(sentence, m.end).filter((n) => !isLead(lead, n))); at = Math.min(at, m.start);
  }
  if (others && OTHER_BEFORE_NEEDS.test(sentence)) {
    OTHER_BEFORE.lastIndex = 0;
    for (let m = OTHER_BEFORE.exec(sentence); m !== null; m = OTHER_BEFORE.exec(sentence)) {
      const l = listBefore(sentence, m.index).filter((n) => !isLead(lead, n)); other.push(...l); if (l.length) at = Math.min(at, l[0].start);
    }
  }
  return { lead: uniqueNames(lead), other: uniqueNames(other).filter((n) => !isLead(lead, n)), at: at === Infinity ? null : at };
}

function isLead(lead: InvestorName[], n: InvestorName): boolean {
  return lead.some((l) => l.name === n.name);
}

function uniqueNames(ns: InvestorName[]): InvestorName[] {
  const seen = new Set<string>();
  return ns.filter((n) => (seen.has(n.name.toLowerCase()) ? false : (seen.add(n.name.toLowerCase()), true)));
}
