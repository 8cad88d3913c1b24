// Whether a figure is the current one or an earlier one ("up from $4.3B", "was valued at $4.3B last
// year"), and whether it is done or only talked about ("in talks", "seeking", "would value").
import type { Status, When } from '../types';
import type { Span } from './metric';

/** Clause boundaries: a past marker in one clause says nothing about a figure in the next. */
const CLAUSE_BREAK = /[,;:—–()|]|\s(?:but|while|whereas|although|though|after|before|since|compared with|compared to|versus|vs\.?)\s/gi;

/** The clause around a span, as [start, end) offsets into the sentence. */
export function clauseAround(sentence: string, span: Span): { start: number; end: number } {
  let start = 0;
  let end = sentence.length;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence); m !== null; m = CLAUSE_BREAK.exec(sentence)) {
    const mEnd = m.index + m[0].length;
    if (mEnd <= span.start) start = mEnd;
    else if (m.index >= span.end) { end = m.index; break; }
  }
  return { start, end };
}

const PAST_OPENING = /^\s*(?:In|At|During|With|For)\s+(?:its|the|their)\s+(?:previous|prior|last|earlier)\s+(?:funding\s+|financing\s+)?(?:round|raise|financing|fundraise|Series\s+[A-Z]\d?)\s*,/i;
/** "two months after a round that valued it at $14B": the earlier round's figure. */
const AFTER_ROUND_VALUED = /\b(?:after|following|since)\s+(?:its|the|a|an|their)\s+(?:[\w-]+\s+){0,2}?(?:round|raise|financing|fundraise|Series\s+[A-Z]\d?|seed)\s+(?:that|which)\s+(?:valued|priced|put|set)\s+(?:it|the company|the startup|them|\w+)\s+at\s+(?:an?\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|more than\s+)?$/i;
/** "a year after a round at $2.4B": the earlier round's price. */
const AFTER_ROUND_AT = /\b(?:after|following|since)\s+(?:its|the|a|an|their)\s+(?:[\w-]+\s+){0,2}?(?:round|raise|financing|fundraise|Series\s+[A-Z]\d?|seed)\s+(?:at|valuing\s+(?:it|the company|the startup)\s+at)\s+(?:an?\s+)?$/i;
const AFTER_EARLIER = /\b(?:after|following)\s+(?:(?:its|the|their|a|an|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s|the\s+(?:company|startup|firm)['’]s)\s+)(?:(?:earlier|previous|prior|last|first|original|smaller)\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|more than\s+)?$/;
const PAST_IN_CLAUSE = /\b(?:previously|previous|prior|earlier|formerly|last year|last round|a year ago|ago|at the time|back then|back in|in its last|its last|in the last round|then[- ]valued|once valued|had been valued|last valued|last raised|last priced|months earlier|years earlier|a year earlier)\b/i;
/** Right before the figure (after any hedge): "up from", "down from", "from ... to". */
const PAST_JUST_BEFORE = /\b(?:up|down|rising|jumping|climbing|increase|increased|rose|jumped|grew|climbed|soared|surged)?\s*from\s+(?:about|roughly|nearly|approximately|around|some|an estimated|just over|just under|more than|over|less than|under)?\s*$/i;

/**
 * 'past' when the figure's own clause marks it as earlier, or it is the "from" of "from $X to $Y". Only the
 * stretch between the figure's neighbours counts: "to $100M from $62M a year earlier" marks the second.
 * (A date the text gives is weighed by the caller, from dates.ts.)
 */
export function whenOf(sentence: string, fig: Span, others: Span[] = [], figure = true): When {
  // ("raised $2B from Andreessen Horowitz": a "from" before names is where money came from, not a change.)
  const just = sentence.slice(Math.max(0, fig.start - 40), fig.start);
  if (figure && PAST_JUST_BEFORE.test(just)) return 'past';
  // "In its previous round, completed in March, the company was valued at $2.5B": the opening says when.
  if (PAST_OPENING.test(sentence) && fig.start > (PAST_OPENING.exec(sentence)?.[0].length ?? 0)) return 'past';
  // "comes eleven months after the company's $40 million Series B": what the news comes after is earlier.
  if (figure && (AFTER_EARLIER.test(just) || AFTER_ROUND_AT.test(just) || AFTER_ROUND_VALUED.test(sentence.slice(Math.max(0, fig.start - 90), fig.start)))) return 'past';
  // "it had raised $6M before", "had raised $70M before SoftBank's investment": earlier than the news.
  if (figure && /\bhad\s+(?:already\s+|previously\s+)?(?:raised|taken in|secured)\s+[^,;$€£¥]{0,25}$/i.test(just) && /^\s*(?:\([^)]*\)\s*)?(?:in\s+(?:total|all)\s+)?before\b/i.test(sentence.slice(fig.end, fig.end + 30))) return 'past';
  const clause = clauseAround(sentence, fig);
  let start = clause.start;
  let end = clause.end;
  for (const o of others) {
    if (o === fig) continue;
    if (o.end <= fig.start && o.end > start) {
      // "from $2.2B last year to $5.5B": what follows the earlier figure, up to "to" or "and", is its own.
      // With no such link ("a $1B raise at $5.5B") the two figures share what the clause says of both.
      const link = /.*\b(?:to|and|but|while|now)\b/i.exec(sentence.slice(o.end, fig.start));
      if (link) start = o.end + link[0].length;
    }
    if (o.start >= fig.end && o.start < end) end = o.start;
  }
  if (PAST_IN_CLAUSE.test(sentence.slice(start, end))) return 'past';
  return 'current';
}

/** "The valuation before the investment would be $260B": a valuation still to come. */
const WOULD_BE_VALUATION = /\bvaluation\b[^.;$€£¥]{0,40}\bwould be\b/i;
const TALKS = /\b(?:nears|nearing|said to (?:seek|be seeking|raise|be raising)|term sheet|in talks|talks to|talks with|seeking|seeks|seek to|would value|could value|may value|might value|would be valued|could be valued|would see|is said to be|are said to be|in discussions?|discussions to|(?:the )?talk (?:was |is )?of|(?:are|is|were|was|had been|have been|had|has|have) discuss(?:ing|ed)|discussing a valuation|discuss(?:ed|es|ing)? valuing|(?:hopes|hoping|hoped|aims|aiming|seeks|seeking|wants|wanting|expects|expecting) to be valued|in (?:early|advanced|preliminary|exploratory|late-stage|final|initial|ongoing) (?:talks|discussions|negotiations)|gear(?:s|ing)? up to raise|prepar(?:es|ing) to raise|in a bid to raise|looks? to raise|(?:would|could|might|may) (?:give|put|lift|push|take)|(?:looking|angling|pushing|holding out) for (?:a|an) (?:[a-z-]+ )?valuation|wants? (?:a|an) (?:[a-z-]+ )?valuation|(?:expected|set|poised|likely|due|tipped) to value|(?:held|holding|holds|opened|began|begun|started|entered) (?:early |preliminary |advanced |exploratory )?(?:talks|discussions|negotiations)|agree(?:d|s)? (?:to )?(?:the )?terms\b|letter of intent|hop(?:es|ing) for a valuation|pitch(?:es|ed|ing)? (?:investors|backers|funds)|float(?:s|ed|ing)? (?:a|an) (?:[a-z-]+ )?valuation|aims to raise|aiming to raise|plans to raise|planning to raise|looking to raise|set to raise|set to lead|expected to lead|poised to lead|hopes to raise|hoping to raise|expected to raise|expects to raise|in negotiations|negotiating|is raising|are raising|in the process of raising|considering|weighing|exploring|targeting|nearing a deal|close to a deal|reportedly (?:raising|seeking|looking|in talks)|in early talks|in advanced talks)\b/i;

/** A headline's verbs of intent ("Scale AI eyes $25B valuation", "mulls $1B raise", "Acme to raise $50M"), only
 *  right before what they aim at: "Scale AI, which targets banks, raised $1B" is done. */
const INTENT = /\b(?:eyes|eyeing|eyed|targets|mulls|mulling|mulled|weighs|weighed|explores|explored|considers|ponders)\s+(?:(?:an?|new|fresh|up to|as much as|a new|a fresh)\s+)*$|^\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\s+(?:to\s+(?:raise|seek)|eyes|mulls|weighs|targets|explores|considers)\b/;
const INTENT_WORDS = /eye|target|mull|weigh|explor|consider|ponder|to raise|to seek/;

/** Talks named as a thing ("the talks value it at", "a valuation under discussion"): only within the
 *  figure's own stretch of the sentence ("The talks come as rivals command more; Anthropic was valued at ..."). */
const TALKS_NOUN = /\b(?:(?:the|those|these|such|ongoing|continuing)\s+(?:[a-z-]+\s+)?(?:talks|discussions|negotiations)|under discussion|being discussed|under negotiation|being negotiated|being floated|on the table|(?:valuation|funding|fundraising|investment|financing) talks|(?:has not|hasn't|have not|haven't|had not|not yet|yet to)\s+(?:yet\s+)?(?:been\s+)?(?:closed|close|completed|complete|finali[sz]ed|finali[sz]e)|still being (?:negotiated|finali[sz]ed|discussed|worked out))\b/i;

/** 'talks' when a talks marker comes before the figure in its sentence, or just after it in the same clause. */
export function statusOf(sentence: string, fig: Span): Status {
  const head = sentence.slice(0, fig.start);
  if (TALKS.test(head) || (head.includes('would be') && WOULD_BE_VALUATION.test(head))) return 'talks';
  if (TALKS_NOUN.test(head.slice(head.lastIndexOf(';') + 1))) return 'talks';
  if (INTENT_WORDS.test(head) && INTENT.test(head)) return 'talks';
  const clause = clauseAround(sentence, fig);
  const after = sentence.slice(fig.end, Math.min(clause.end, fig.end + 40));
  const own = after.split(/\s(?:and|but|then)\s/i)[0];
  if (TALKS.test(own) || TALKS_NOUN.test(own)) return 'talks';
  return 'reported';
}
