// What a money figure measures, read from the cue words nearest to it in its sentence: "raised $2B"
// (round size), "$20B valuation", "ARR of $200M", "cash reserves toward $1.4B", or a cue that makes it no
// funding figure at all ("costing", "per token", "hardware"). The nearest cue wins, not any cue anywhere
// in the sentence, so "a $2B round at a $20B valuation" reads as one round size and one valuation.
import type { Basis, MoneyMetric } from '../types';
import { wordDispatch } from './wordstarts';

export interface Cue {
  start: number;
  end: number;
  /** null: the cue says the figure is no funding metric (a price, a cost, a market size). */
  metric: MoneyMetric | null;
  /** Breaks ties between cues at the same distance: the more specific phrase wins. */
  priority: number;
  basis?: Basis;
  /** "the round, valued at $2B": a round size unless a larger figure in the sentence is the valuation. */
  roundValued?: boolean;
}

interface CueRule {
  /** Its first words are read from the pattern itself (see wordstarts.ts); a pattern opening with a
   *  Chinese character is scanned whole instead. */
  re: RegExp;
  metric: MoneyMetric | null;
  priority: number;
  basis?: Basis;
  roundValued?: boolean;
}

const NUMBER_WORD = '(?:\\w+|\\d+)';

const RULES: CueRule[] = [
  // valuation
  { re: /\bpost[- ]money(?:\s+valuation)?\b/gi, metric: 'valuation', priority: 4, basis: 'post' },
  { re: /\bpre[- ]money(?:\s+valuation)?\b/gi, metric: 'valuation', priority: 4, basis: 'pre' },
  { re: /\bvaluations?\b|\bvalued\b|\bvaluing\b|\bworth\b/gi, metric: 'valuation', priority: 2 },
  { re: /\bvalues?\s+(?:it|the company|the startup|the firm|them)\s+at\b/gi, metric: 'valuation', priority: 3 },
  // round size
  { re: /\b(?:round|financing|deal|raise|tranche|investment|funding)\s*,?\s*valued at\b/gi, metric: 'round_size', priority: 5, roundValued: true },
  { re: /\b(?:round|financing|raise|tranche|investment|funding)\s*,?\s*worth\b/gi, metric: 'round_size', priority: 5 },
  { re: /\b(?:round|financing|raise|tranche|funding)\s+(?:of|totall?ing|sized at|amounting to)\b/gi, metric: 'round_size', priority: 5 },
  { re: /\b(?:raise[sd]?|raising|procur(?:e|es|ed|ing)|fund-?raise|fund-?raising|funding|round|secur(?:e|es|ed|ing)|clos(?:e|es|ed|ing)|land(?:s|ed)?|bag(?:s|ged)?|nab(?:s|bed)?|infusion|injection|investment|financing|tranche|backing|picked up|picks up|pulled in|pulls in|scoop(?:s|ed)? up|rak(?:e|es|ed) in|haul(?:s|ed)? in)\b/gi, metric: 'round_size', priority: 1 },
  { re: /\bSeries\s+[A-Z]\b|\b(?:pre-seed|seed|angel|bridge|pre-IPO)\b/g, metric: 'round_size', priority: 2 },
  { re: /\bin (?:new|fresh) (?:capital|funds|money|funding)\b/gi, metric: 'round_size', priority: 2 },
  // "its second $300M in four months": a raise counted by its order is one round.
  { re: /\b(?:second|third|fourth|fifth|another)(?=\s+(?:US)?[$€£¥]\s?\d)/gi, metric: 'round_size', priority: 4 },
  // total raised
  { re: /\bin total\b|\btotal\s+(?:funding|raised|capital(?:\s+raised)?|investment|financing|of)\b|\bto date\b|\bso far\b|\bcumulative(?:ly)?(?:\s+(?:funding|capital|investment|financing|raised))?\b|\baltogether\b|\bin aggregate\b/gi, metric: 'total_raised', priority: 6 },
  { re: /\b(?:brings|bringing|brought|takes|taking|took|lifts|lifting|pushes|pushing)\s+(?:its|their|the company['’]s|the startup['’]s|the firm['’]s)?\s*(?:total|overall|funding total|tally)\b/gi, metric: 'total_raised', priority: 6 },
  { re: /\bsince (?:its )?(?:founding|inception|launch)\b|\bacross (?:\w+ )?(?:rounds|funding rounds)\b/gi, metric: 'total_raised', priority: 6 },
  { re: new RegExp(`\\b(?:within|over|in)\\s+(?:the\\s+(?:past|last)\\s+)?(?:a\\s+)?${NUMBER_WORD}[- ](?:months?|years?)(?:[- ](?:window|period|span|stretch))?\\b`, 'gi'), metric: 'total_raised', priority: 3 },
  { re: /\btotal\b/gi, metric: 'total_raised', priority: 2 },
  // revenue
  { re: /\bannual(?:ized|ised)?\s+recurring\s+revenue\b|\bannuali[sz]ed\s+revenue\b|\brun[- ]rate\b|\bARR\b/g, metric: 'revenue', priority: 4 },
  { re: /\brevenues?\b|\bsales\b|\bturnover\b|\bbookings\b|\bannuali[sz]ed\b/gi, metric: 'revenue', priority: 2 },
  // cash
  { re: /\bcash\s+(?:reserves?|on hand|position|pile|balance)\b|\bwar\s?chest\b|\bin the bank\b|\bcash reserves?\b/gi, metric: 'cash_reserves', priority: 4 },
  // Chinese reports: 融资 (financing), 估值 (valuation), 累计 (cumulative), 营收/收入 (revenue), 现金储备 (cash)
  { re: /累计融资|总融资|累计/g, metric: 'total_raised', priority: 6 },
  { re: /融资|募资/g, metric: 'round_size', priority: 1 },
  { re: /估值/g, metric: 'valuation', priority: 2 },
  { re: /年化收入|营收|收入/g, metric: 'revenue', priority: 2 },
  { re: /现金储备/g, metric: 'cash_reserves', priority: 4 },
  // none of the above: prices, costs, markets, spending, deals that are no funding
  { re: /\brevenue multiples?\b|\bmultiple\b/gi, metric: null, priority: 5 },
  { re: /\bcost(?:s|ing|ed)?\b|\bprice[sd]?\b|\bpricing\b|\bper\s+(?:token|tokens|month|year|user|seat|hour|share|query|request|million|unit|gpu|head|employee|call)\b/gi, metric: null, priority: 3 },
  { re: /\bsalar(?:y|ies)\b|\bcompensation\b|\bpay package\b|\bbonus(?:es)?\b|\bfined?\b|\bfines\b|\bpenalt(?:y|ies)\b|\bsettlement\b|\bdamages\b|\blawsuit\b|\btax(?:es)?\b|\btariffs?\b/gi, metric: null, priority: 3 },
  { re: /\bspen(?:d|ds|ding|t)\b|\bcapex\b|\bcapital expenditures?\b|\bbudget\b|\bhardware\b|\bGPUs?\b|\bchips?\b|\bdata cent(?:er|re)s?\b|\bburn(?:s|ed|ing)?\b|\blosses\b|\bloss\b|\bprofits?\b/gi, metric: null, priority: 3 },
  { re: /\bacquir(?:e|es|ed|ing)\b|\bacquisitions?\b|\bbuyout\b|\bbought\b|\bpurchased?\b|\bloans?\b|\bdebt\b|\bgrants?\b|\bsubsid(?:y|ies)\b/gi, metric: null, priority: 3 },
  { re: /\bmarket\b|\bTAM\b|\bindustry\b|\bsector\b|\bglobal(?:ly)?\b|\bworldwide\b|\bventure (?:funding|investment|capital)\b/gi, metric: null, priority: 2 },
  // What one investor put in is its share, not the round's size.
  { re: /\bput(?:s|ting)? in\b|\bwr(?:ote|ites) a (?:check|cheque)\b|\binvest(?:s|ed|ing)?\b|\bcontribut(?:ed|es|ing)\b|\bcommitted\b|\bpledged?\b|\bdonat(?:ed|ion|ions)\b/gi, metric: null, priority: 1 },
];

const HAS_CJK = /[\u4e00-\u9fff]/;
const isCjk = (r: CueRule): boolean => HAS_CJK.test(r.re.source[0]);
const WORD_RULES = RULES.filter((r) => !isCjk(r));
const WORD_CUES = wordDispatch(WORD_RULES.map((r) => ({ re: r.re })));
const CJK_RULES = RULES.filter(isCjk);

const cueOf = (rule: CueRule, start: number, end: number): Cue =>
  ({ start, end, metric: rule.metric, priority: rule.priority, basis: rule.basis, roundValued: rule.roundValued });

/** Every cue in a sentence, left to right; cues that start together in the order of RULES. */
export function findCues(sentence: string): Cue[] {
  const words = WORD_CUES.matches(sentence);
  if (!HAS_CJK.test(sentence)) return words.map((m) => cueOf(WORD_RULES[m.pattern], m.start, m.end));
  const all = words.map((m) => ({ rule: RULES.indexOf(WORD_RULES[m.pattern]), cue: cueOf(WORD_RULES[m.pattern], m.start, m.end) }));
  for (const rule of CJK_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(sentence); m !== null; m = rule.re.exec(sentence)) {
      all.push({ rule: RULES.indexOf(rule), cue: cueOf(rule, m.index, m.index + m[0].length) });
    }
  }
  return all.sort((a, b) => a.cue.start - b.cue.start || a.rule - b.rule).map((o) => o.cue);
}

export interface Span { start: number; end: number; value?: number }

/** Characters past which a cue no longer speaks for a figure. */
const MAX_DISTANCE = 70;
/** A comma, dash or pipe between cue and figure usually starts another clause or cell. */
const CLAUSE_PENALTY = 12;
/** Another figure between cue and figure almost always owns the cue. */
const CROSSING_PENALTY = 60;

export interface MetricChoice { metric: MoneyMetric | null; basis?: Basis; cue: Cue | null }

/**
 * The metric of `fig` in `sentence`: the nearest cue by characters between them, with a penalty for each
 * clause boundary and for each other figure crossed; ties go to the more specific cue.
 */
export function chooseMetric(sentence: string, fig: Span, figures: Span[], cues: Cue[] = findCues(sentence)): MetricChoice {
  let best: { cue: Cue; score: number } | null = null;
  for (const cue of cues) {
    if (cue.end > fig.start && cue.start < fig.end) continue; // inside the figure itself ("$2B" has no cue)
    const before = cue.end <= fig.start;
    const from = before ? cue.end : fig.end;
    const to = before ? fig.start : cue.start;
    const gap = sentence.slice(from, to);
    if (gap.includes('|')) continue;
    let score = to - from + (gap.match(/[,;:—–(]/g) ?? []).length * CLAUSE_PENALTY;
    for (const other of figures) if (other !== fig && other.start >= from && other.end <= to) score += CROSSING_PENALTY;
    if (score > MAX_DISTANCE) continue;
    if (!best || score < best.score || (score === best.score && cue.priority > best.cue.priority)) best = { cue, score };
  }
  if (!best) return { metric: null, cue: null };
  const cue = best.cue;
  if (cue.roundValued) {
    // "a funding round valued at $20B" usually means the company; only a larger figure nearby says otherwise.
    const larger = figures.some((f) => f !== fig && (f.value ?? 0) > (fig.value ?? 0));
    return { metric: larger ? 'round_size' : 'valuation', cue };
  }
  let basis = cue.basis;
  if (cue.metric === 'valuation' && !basis) basis = basisNear(sentence, fig);
  return { metric: cue.metric, basis, cue };
}

/** "post-money" or "pre-money" within the figure's clause. */
export function basisNear(sentence: string, fig: Span): Basis | undefined {
  // "$18 billion before the new money and $24 billion after it": the words right after the figure.
  const after = sentence.slice(fig.end, fig.end + 40);
  if (after.includes('before') && /^\s+(?:\([^)]*\)\s+)?before\s+(?:the\s+)?(?:new\s+)?(?:money|investment|round|financing|raise)\b/i.test(after)) return 'pre';
  // ("... and $24 billion after it": the contrast with a figure before the money.)
  if (after.includes('after it') && /^\s+(?:\([^)]*\)\s+)?after\s+it\b/i.test(after)) return 'post';
  const window = sentence.slice(Math.max(0, fig.start - 40), Math.min(sentence.length, fig.end + 40));
  const head = sentence.slice(Math.max(0, fig.start - 60), fig.start);
  if ((head.includes('before') || head.includes('pre-')) && /\bvaluation\s+before\s+the\s+(?:new\s+)?(?:money|investment)\b|\bpre-investment\b/i.test(head)) return 'pre';
  if (/\bpost[- ]money\b/i.test(window)) return 'post';
  if (/\bpre[- ]money\b/i.test(window)) return 'pre';
  return undefined;
}
