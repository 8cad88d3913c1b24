// Reads the funding figures out of one article: sentence by sentence, each money figure gets a metric
// (from the frame it sits in, frames.ts, else the nearest cue, metric.ts), a company (the subject the
// sentence gives it, companies.ts), a round name, past/current and reported/talks, and the date the text
// gives for it (dates.ts); investor phrases give lead and other investors, and stakes held outside a round
// name investors too. Table rows are read by their header.
import type { Logger } from 'pino';
import type { Article, Basis, Confidence, Fact, MoneyMetric, RatesTable, WatchedCompany } from '../types';
import { articleSuggestsYuan, yenRestatedAsYuan } from './currency';
import { findMoney, type MoneyContext, type MoneyMention } from './money';
import { basisNear, chooseMetric, findCues, type Cue, type MetricChoice, type Span } from './metric';
import { backerDescriptions, companyFor, companyKey, companyMentions, isAsideMention, mainCompany, watchMatcher, type CompanyMention, type WatchMatcher } from './companies';
import { findInvestors, isInvestorName, normaliseInvestor, type InvestorMentions } from './investors';
import { findRounds } from './rounds';
import { statusOf, whenOf } from './qualifiers';
import { splitSentences, type Sentence } from './sentences';
import { frameOf, SINCE_START } from './frames';
import { dateFor, findDates, monthsBefore, type DateMention } from './dates';

export interface ExtractContext {
  watch: WatchedCompany[];
  rates: RatesTable;
  /** Reference time for relative dates ("last year", "in May"). */
  now: Date;
  /** The watch list's matcher, built once by a caller that reads many articles (readingContext); else built per article. */
  matcher?: WatchMatcher;
  /** Where an article the reader failed on is reported. */
  log?: Pick<Logger, 'error'>;
}

/** An ExtractContext with the watch list's matcher built once, for reading many articles. */
export function readingContext<T extends ExtractContext>(ctx: T): T {
  return ctx.matcher ? ctx : { ...ctx, matcher: watchMatcher(ctx.watch) };
}

/** Below this many US dollars a figure is a price or a fee, never a round, valuation or revenue. */
const MIN_USD = 1000;
const MAX_QUOTE = 400;

interface ArticleScope {
  article: Article;
  matcher: WatchMatcher;
  main: string | null;
  money: MoneyContext;
  year: number;
  /** What relative dates ("last November", "six months earlier") are resolved against. */
  published: Date;
  /** The measure a recent sentence named without a figure ("Annualised revenue is the number everyone
   *  watches."), for the bare figures right after it ("Anysphere passed $500 million."). */
  topic: { metric: MoneyMetric; age: number } | null;
  /** The measure of the previous sentence's last figure, for a sentence that goes on from it ("That is up
   *  from about ¥225 billion ..."). */
  lastMetric: MoneyMetric | null;
  /** The figures of the last sentence that had any, for "That is nearly three times the $8.1B ...". */
  recent: { metric: MoneyMetric; usd: number }[];
}

export function extractFacts(article: Article, ctx: ExtractContext): Fact[] {
  try {
    return extractUnsafe(article, ctx);
  } catch (err) {
    // A reader bug must not cost the rest of the scan its facts: this article simply yields none.
    ctx.log?.error({ err, article: article.id, url: article.url, feed: article.feed }, 'figure reader failed on an article; it yields no figures');
    return [];
  }
}

function extractUnsafe(article: Article, ctx: ExtractContext): Fact[] {
  const text = typeof article.text === 'string' ? article.text : '';
  const matcher = ctx.matcher ?? watchMatcher(ctx.watch);
  const published = article.published ? new Date(article.published) : null;
  const year = published && !Number.isNaN(published.getTime()) ? published.getUTCFullYear() : ctx.now.getUTCFullYear();
  const scope: ArticleScope = {
    article,
    matcher,
    main: mainCompany(article.title ?? '', text, matcher),
    // Only a bare "¥" needs the article's country to say which currency it is.
    money: { rates: ctx.rates, yenIsYuan: text.includes('¥') && (yenRestatedAsYuan(text) ?? articleSuggestsYuan(text)) },
    year,
    published: published && !Number.isNaN(published.getTime()) ? published : ctx.now,
    topic: null,
    lastMetric: null,
    recent: [],
  };
  const facts: Fact[] = [];
  let header: string[] | null = null;
  // A list item that opens with its company ("2. Mistral AI. The Paris lab closed ..."): within that block
  // "the lab", "it" and a subject-less "Raised $56.5M" are the item's company, not the article's.
  const articleMain = scope.main;
  let item: { company: string; line: number } | null = null;
  let marker = -1;
  for (const s of splitSentences(text)) {
    if (item && s.line !== item.line) { item = null; scope.main = articleMain; }
    if (/^\s*\d{1,2}[.)]\s*$/.test(s.text)) { marker = s.line; continue; }
    const heading = s.text.length <= 48 ? ITEM_HEADING.exec(s.text) : null;
    if (heading && (heading[1] || marker === s.line)) {
      const named = heading[2].trim();
      item = { company: scope.matcher.find(named)[0]?.company ?? named, line: s.line };
      scope.main = item.company;
      continue;
    }
    if (s.table) {
      const cells = s.text.split('|');
      // "Lead: Insight Partners | Others: ... | Round: Series C" is labelled prose, not a table row.
      if (cells.every((c) => !c.trim() || /^\s*[A-Z][\w ()/-]{0,30}:\s/.test(c))) {
        const read = new SentenceReading(cells.join(';'), scope.matcher);
        facts.push(...readSentence(read, scope));
        for (const cell of cells) if (cell.trim()) facts.push(...readInvestors(new SentenceReading(cell, scope.matcher), scope));
        continue;
      }
      // The first row is the header; a later row without figures is still a row when it names a company.
      if (header === null || (findMoney(s.text, scope.money).length === 0 && scope.matcher.find(cells.find((c) => c.trim()) ?? '').length === 0)) header = cells;
      else facts.push(...readTableRow(s, cells, header, scope));
      continue;
    }
    header = null;
    // (A list's bare marker, "2.", is no sentence of its own: the list's measure goes on past it.)
    if (scope.topic && !/^\s*\d{1,2}[.)]\s*$/.test(s.text) && ++scope.topic.age > 2) scope.topic = null;
    // (A list's heading may end in its first item's number: "The week's five biggest AI rounds: 1.")
    if (s.text.length <= 240 && (!/\d/.test(s.text) || !MONEYISH.test(s.text))) {
      const named = TOPIC_REVENUE.test(s.text) ? 'revenue' : TOPIC_VALUATION.test(s.text) ? 'valuation' : TOPIC_ROUND.test(s.text) ? 'round_size' : null;
      if (named) scope.topic = { metric: named, age: 0 };
    }
    for (const piece of boundedPieces(s.text)) {
      const read = new SentenceReading(piece, scope.matcher);
      const figures = readSentence(read, scope);
      const money = figures.filter((f) => f.amount);
      const lastMoney = money[money.length - 1];
      scope.lastMetric = lastMoney ? (lastMoney.metric as MoneyMetric) : null;
      if (money.length) scope.recent = money.map((f) => ({ metric: f.metric as MoneyMetric, usd: f.amount?.usd ?? 0 }));
      facts.push(...figures, ...readStakeholder(read, scope));
      // "X led the seed last August; its new Series A is led by Y": each half names its own round's investors.
      if (!piece.includes(';')) facts.push(...readInvestors(read, scope));
      else {
        const rounds = findRounds(piece);
        for (const half of piece.split(/;\s+/)) {
          const found = readInvestors(new SentenceReading(half, scope.matcher), scope);
          // "Lovable's Series A was led by Accel; 20VC ... also invested": the round the sentence names.
          if (rounds.length === 1) for (const f of found) f.round ??= rounds[0].name;
          facts.push(...found);
        }
      }
    }
  }
  scope.main = articleMain;
  return dedupe(roundsAcrossArticle(shortNames(facts, text, scope.matcher)));
}

/** "N. Company." alone: the heading of a list item. */
const ITEM_HEADING = /^\s*(\d{1,2}[.)]\s*)?((?:[A-Z]|[a-z][A-Z])[\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\.?\s*$/;
/** Name endings an article drops after the first mention ("Scale AI" ... "Scale has raised"). */
const DROPPED_ENDING = /\s+(?:AI|Labs|Technologies|Robotics|Inc\.?|Intelligence)$/;

/** A watched company named in the article under its short form ("Scale" for "Scale AI") is that company. */
function shortNames(facts: Fact[], text: string, matcher: WatchMatcher): Fact[] {
  // Only a company the watch list does not know can be a short form: most articles have none, and skip the text.
  const unknown = new Set<string>();
  for (const f of facts) if (!unknown.has(f.company) && !DROPPED_ENDING.test(f.company) && !/\s/.test(f.company)) unknown.add(f.company);
  if (unknown.size === 0 || [...unknown].every((c) => matcher.find(c).some((m) => m.company === c))) return facts;
  const short = new Map<string, string>();
  for (const m of matcher.find(text)) {
    if (DROPPED_ENDING.test(m.company)) short.set(companyKey(m.company.replace(DROPPED_ENDING, '')), m.company);
  }
  if (short.size === 0) return facts;
  for (const f of facts) {
    const full = short.get(companyKey(f.company));
    if (full) f.company = full;
  }
  return facts;
}

const ROUND_LEVEL = new Set<string>(['round_size', 'valuation', 'lead_investor', 'investor']);

/**
 * An article about one round names it once ("closed its Series E on Monday: ...") and then speaks of "the
 * round": when a company's current round-level facts name exactly one round, the others of that
 * company take it too.
 */
function roundsAcrossArticle(facts: Fact[]): Fact[] {
  const named = new Map<string, Set<string>>();
  for (const f of facts) {
    if (f.round && f.when === 'current' && ROUND_LEVEL.has(f.metric)) {
      const set = named.get(f.company) ?? new Set<string>();
      set.add(f.round);
      named.set(f.company, set);
    }
  }
  for (const f of facts) {
    const set = named.get(f.company);
    // A sentence that names a round itself has already said which figures are that round's.
    if (!f.round && f.when === 'current' && ROUND_LEVEL.has(f.metric) && set?.size === 1 && findRounds(f.quote).length === 0) f.round = [...set][0];
  }
  return facts;
}

const MULTIPLES: Record<string, number> = { double: 2, twice: 2, triple: 3, quadruple: 4, half: 0.5, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "That is nearly three times the $8.1B": the measure of the recent figure about that many times this one. */
function multipleOf(head: string, usd: number | null, recent: { metric: MoneyMetric; usd: number }[]): MoneyMetric | null {
  const word = /\b(double|twice|triple|quadruple|half|two|three|four|five|six|seven|eight|nine|ten|\d+)\b(?:\s+times)?\s+(?:the|its|their)\s+\S*\s*$/i.exec(head)?.[1].toLowerCase();
  const n = word ? MULTIPLES[word] ?? Number(word) : NaN;
  if (!usd || !Number.isFinite(n)) return recent.length === 1 ? recent[0].metric : null;
  const near = recent.find((r) => r.usd > 0 && Math.abs(r.usd / usd / n - 1) <= 0.25);
  return near?.metric ?? null;
}

/** A sentence that opens by restating the previous sentence's figure at another time. */
const GOES_ON = /^\s*(?:That|This|It)(?:['’]s|\s+is|\s+was)\s+(?:nearly\s+|almost\s+|about\s+|roughly\s+|more than\s+|over\s+|well over\s+)?(?:double|triple|twice|quadruple|half|(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+times)\s+(?:the|its|their)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?$|^\s*(?:Only\s+)?(?:about\s+|some\s+|just\s+)?(?:a|one|two|three|six|\w+)\s+(?:years?|months?)\s+(?:earlier|before|ago),?\s+the\s+(?:figure|number|total|tally)\s+(?:was|stood at|had been)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|just\s+)?$|^\s*(?:That|This|It|The figure|The number)(?:['’]s|\s+is|\s+was|\s+would be|\s+marks?\s+a\s+(?:\w+\s+)?(?:jump|rise|climb|leap))?\s+(?:(?:up|down|sharply|well)\s+)*(?:from|compared with|compared to|against)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|just\s+|more than\s+|less than\s+)?$/i;
/** A brief's line: a name, a colon or dash, a figure ("Skild AI: $1.5B (July 2024) → $4.5B (now)"); with no
 *  cue of its own it goes on with the measure of the line before. */
const BRIEF_LINE = /^\s*(?:\d{1,2}[.)]\s+)?(?!The\b|This\b|That\b|Its?\b)[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}\s*(?::|—|–)\s*(?:US)?[$€£¥]\s?\d/;
const HAS_RAISED = /\b(?:has|have)\s+(?:so far\s+|already\s+)?raised\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|more than\s+|over\s+|less than\s+|just over\s+|just under\s+)?$/i;
const ROUND_WORD = /\b(?:round|Series\s+[A-Z]|seed|led by|new funding|fresh funding|tranche|extension)\b/i;
const OTHER_AT = /^\s+and\s+(?:the|its|a|an)\s+(?:[a-z-]+\s+){1,3}at\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?$/;
const QUESTION = /^\s*(?:Could|Can|Will|Would|Is|Are|Should|Might|May|Does|Do)\s[^?]*\?\s*$/;
const NO_SPANS: Span[] = [];
const TOPIC_REVENUE = /\b(?:annuali[sz]ed revenue|revenues?|ARR|run[- ]rates?)\b/i;
const TOPIC_VALUATION = /\bvaluations?\b|\b(?:value|values|worth)\s+(?:soared|rose|jumped|climbed|doubled|tripled|grew)\b/i;
const TOPIC_ROUND = /\b(?:(?:funding\s+)?rounds|raises|fundraises|financings|mega-?rounds)\b/i;
const MONEYISH = /[$€£¥₹]|\d\s*(?:trillion|billion|million|bn|mn|crore|lakh|yuan|yen|euros?|won|pounds)\b/i;

const BACKER_WORD = /investor|backer|shareholder|owner|funder|supporter/;
/** Words that say a sentence reports a round, not a backer's own dealings with the company it backs. */
const ROUND_TALK = /\b(?:round|financing|raise|fundraise|fundraising|Series\s+[A-Z]\d?|seed|extension|tranche|participants|participation|co-investors|syndicate)\b/i;

const THEIR_ROUND = /\b(?:its|their)\s+(?:[\w$€£¥.,-]+\s+){0,3}?(?:round|financing|raise|fundraise|Series\s+[A-Z]\d?|seed|extension|tranche)\b/i;

/** What both readers of a sentence ask of it, each worked out at most once. */
class SentenceReading {
  private inv: InvestorMentions | null = null;
  private mentions: CompanyMention[] | null = null;
  private watchedOnly: CompanyMention[] | null = null;
  /** The figures read from the sentence, where they sit: an investor phrase on one of them shares its time. */
  figures: { fact: Fact; fig: Span }[] = [];
  constructor(readonly text: string, private matcher: WatchMatcher) {}
  get investors(): InvestorMentions {
    return (this.inv ??= findInvestors(this.text));
  }
  get investorSpans(): Span[] {
    const inv = this.investors;
    return inv.lead.length === 0 && inv.other.length === 0 ? NO_SPANS : [...inv.lead, ...inv.other];
  }
  get companies(): CompanyMention[] {
    return (this.mentions ??= companyMentions(this.text, this.matcher));
  }
  /**
   * Companies named only as an investor's record ("OpenAI's largest investor, Microsoft, joined the round"):
   * when the sentence reports a round and the article is about another company, the round is not theirs.
   */
  setAside(main: string | null): Span[] {
    // ("OpenAI's largest investor, Microsoft, led its $10B round": "its" is the described company's.)
    if (!main || !BACKER_WORD.test(this.text) || !ROUND_TALK.test(this.text) || THEIR_ROUND.test(this.text)) return NO_SPANS;
    const names = this.investorSpans;
    if (!names.length) return NO_SPANS;
    const described = backerDescriptions(this.text, this.companies, names).filter((d) => companyKey(d.company.company) !== companyKey(main));
    if (!described.length) return NO_SPANS;
    // Only a name that takes part without its description ("Microsoft, OpenAI's largest investor, is not
    // participating in Poolside's round" says only whose investor Microsoft is): the description masked, the
    // sentence must still name it as an investor.
    let masked = this.text;
    for (const { phrase } of described) masked = masked.slice(0, phrase.start) + ' '.repeat(phrase.end - phrase.start) + masked.slice(phrase.end);
    const again = findInvestors(masked);
    const named = [...again.lead, ...again.other];
    return described.filter((d) => named.some((n) => n.start < d.name.end && d.name.start < n.end)).map((d) => d.company);
  }
  /** The watched companies named, without the search for unwatched names. */
  get watched(): CompanyMention[] {
    return this.mentions ? this.mentions.filter((m) => m.watched) : (this.watchedOnly ??= this.matcher.find(this.text));
  }
}

/** No prose sentence runs this long; a longer one is a run-on (no punctuation in the feed) or junk. */
const MAX_SENTENCE = 1200;

/**
 * A run-on "sentence" cut into pieces at white space, so the per-sentence readers (which compare every figure
 * with every cue) stay linear in the article's length however the text is punctuated.
 */
function boundedPieces(text: string): string[] {
  if (text.length <= MAX_SENTENCE) return [text];
  const out: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + MAX_SENTENCE);
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      if (space > from + MAX_SENTENCE / 2) to = space;
    }
    out.push(text.slice(from, to));
    from = to;
  }
  return out;
}

function base(scope: ArticleScope, quote: string): Pick<Fact, 'articleId' | 'source' | 'url' | 'quote' | 'published'> {
  const a = scope.article;
  return { articleId: a.id, source: a.source, url: a.url, quote, published: a.published };
}

function amountOf(m: MoneyMention): Fact['amount'] {
  return { value: m.value, currency: m.currency, usd: m.usd, low: m.low, high: m.high, approx: m.approx };
}

function readSentence(read: SentenceReading, scope: ArticleScope): Fact[] {
  const sentence = read.text;
  const mentions = findMoney(sentence, scope.money);
  if (mentions.length === 0) return [];
  // "Could OpenAI be worth $1 trillion?": a question asks, it reports no figure.
  if (QUESTION.test(sentence)) return [];
  const figs: Span[] = mentions.map((m) => ({ start: m.start, end: m.end, value: m.usd ?? m.value }));
  const cues = findCues(sentence);
  // Companies and investor names are read only once a figure has a metric worth attributing.
  let exclude: Span[] | null = null;
  const choices: Reading[] = [];
  const out: { fact: Fact; fig: Span }[] = [];
  let dates: DateMention[] | null = null;
  mentions.forEach((m, i) => {
    const goesOn = i === 0 && GOES_ON.test(sentence.slice(0, figs[0].start)) ? multipleOf(sentence.slice(0, figs[0].start), m.usd, scope.recent) ?? scope.lastMetric : null;
    const choice: Reading = goesOn ? { metric: goesOn, cue: null, confidence: 'frame' } : metricOf(sentence, figs, i, cues, mentions, choices, scope.topic?.metric ?? (BRIEF_LINE.test(sentence) ? scope.lastMetric : null));
    // "OpenAI, by comparison, has raised more than $20B", after a sentence of totals: a total too, when
    // nothing in the sentence names a round.
    if (i === 0 && choice.metric === 'round_size' && scope.lastMetric === 'total_raised' && HAS_RAISED.test(sentence.slice(Math.max(0, figs[0].start - 40), figs[0].start)) && !ROUND_WORD.test(sentence)) choice.metric = 'total_raised';
    choices.push(choice);
    // A list item that took the list's measure keeps the list going.
    if (scope.topic && choice.metric === scope.topic.metric && !choice.cue && choice.confidence === 'cue') scope.topic.age = 0;
    if (!choice.metric) return;
    if (m.usd !== null && m.usd < MIN_USD) return;
    // "valued xAI at $80B and the social network at $33B": the second figure is the other thing's.
    if (i > 0 && OTHER_AT.test(sentence.slice(figs[i - 1].end, figs[i].start))) return;
    exclude ??= [...read.investorSpans, ...read.setAside(scope.main)];
    const company = companyFor({ sentence, at: figs[i], mentions: read.companies, exclude, main: scope.main });
    if (!company) return;
    dates ??= findDates(sentence, scope.published);
    // The date in "raised $X since its 2022 seed" is where the total starts counting, not when it stood.
    const refDate = choice.metric === 'total_raised' && SINCE_START.test(sentence.slice(figs[i].end, figs[i].end + 90)) ? undefined : dateFor(sentence, figs[i], figs, dates);
    let when = whenOf(sentence, figs[i], figs);
    if (refDate) {
      const before = monthsBefore(refDate, scope.published);
      // A figure dated after publication is a projection or a target, not a funding figure.
      if (before < 0 && (refDate.length === 4 ? Number(refDate) > scope.published.getUTCFullYear() : before < -1)) return;
      if (isEarlier(refDate, scope.published, COMPANY_LEVEL.has(choice.metric))) when = 'past';
    }
    if (choice.metric === 'revenue' && PROJECTED.test(sentence.slice(Math.max(0, figs[i].start - 60), figs[i].start))) return;
    const fact: Fact = {
      company, metric: choice.metric, amount: amountOf(m),
      when, status: statusOf(sentence, figs[i]),
      ...base(scope, quoteAround(sentence, figs[i])),
      confidence: choice.confidence,
    };
    // "in talks at $170B, up from $61.5B in March": the earlier figure the talks are compared with was done,
    // unless its own stretch says it too was only talked of ("the $2B it was seeking last month").
    // (Both figures of "the talk was of a $200M raise at $3B" are the old talks.)
    const talked = out[out.length - 1];
    if (when === 'past' && fact.status === 'talks' && talked && talked.fact.when === 'current' && talked.fact.status === 'talks') {
      const from = talked.fig.end;
      if (statusOf(sentence.slice(from), { start: figs[i].start - from, end: figs[i].end - from }) === 'reported') fact.status = 'reported';
    }
    if (refDate) fact.refDate = refDate;
    if (choice.metric === 'valuation' && choice.basis) fact.basis = choice.basis;
    out.push({ fact, fig: figs[i] });
  });
  assignRounds(sentence, out);
  // "raised $50M at a $500M valuation": the valuation a round was raised at is of the round's time and name.
  for (let k = 1; k < out.length; k++) {
    const v = out[k].fact;
    const r = out[k - 1].fact;
    if (v.metric === 'valuation' && r.metric === 'round_size' && !v.refDate && r.refDate && ROUND_AT.test(sentence.slice(out[k - 1].fig.end, out[k].fig.start))) {
      v.refDate = r.refDate;
      v.when = r.when;
      if (r.round) v.round = r.round;
    }
  }
  read.figures = out;
  return out.map((o) => o.fact);
}

/**
 * A date far enough before publication that its figure is an earlier one, not the news. A round's
 * figures are old news within months; a company's revenue, cash or total stays its latest figure longer
 * ("revenue of $42M in 2024" in a 2025 article is still the latest revenue).
 */
function isEarlier(refDate: string, published: Date, companyLevel = false): boolean {
  const year = published.getUTCFullYear();
  if (refDate.length === 4) return Number(refDate) < (companyLevel ? year - 1 : year);
  return monthsBefore(refDate, published) >= (companyLevel ? 5 : 2);
}

const COMPANY_LEVEL = new Set<string>(['revenue', 'cash_reserves', 'total_raised']);

/** The company whose round the investors joined, when the sentence says so: "led Harvey's $300M round",
 *  "a $75M round in Lattice Forge", "a separate round for StepFun". */
function roundOwner(sentence: string, mentions: CompanyMention[], exclude: Span[]): string | null {
  for (const m of mentions) {
    if (exclude.some((x) => x.start < m.end && m.start < x.end)) continue;
    const before = sentence.slice(Math.max(0, m.start - 80), m.start);
    // "is not participating in Poolside's round": no part in it.
    if (/\b(?:not|never|no longer|declined to|declines to)\s+(?:\w+\s+){0,2}$/i.test(before.replace(/\s*(?:the\s+|a\s+|an\s+)?$/, ' ').replace(/\b(?:led|joined|participat\w*(?:\s+in)?|backed|take part in)\s*$/i, ''))) continue;
    if (/\b(?:co-)?(?:led|leads|leading|lead|joined|joins|joining|participated in|participating in|participate in|backed|anchored)\s+(?:the\s+|a\s+|an\s+)?$/i.test(before) && /^['’]s?\s/.test(sentence.slice(m.end, m.end + 3))) return m.company;
    if (/\b(?:round|investment|financing|raise|Series\s+[A-Z]\d?|seed)\s+(?:in|for|into|of)\s+(?:the\s+)?$/i.test(before)) return m.company;
    // "Menlo Ventures, an early backer of Anthropic, ...": the company the backer backs.
    if (/\b(?:backer|investor|shareholder)s?\s+(?:of|in)\s+$/i.test(before)) return m.company;
  }
  return null;
}

const RECORD_CLAUSE = /,\s+(?:which|who)\s+(?:(?:also|previously|earlier|had|has|have|too)\s+)*(?:co-)?(?:led|backed|funded|invested in|joined)\b/;
const PREVIOUS_ROUND_LED = /^[^;.]{0,60}?\b(?:co-)?led\s+(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s\s+|its\s+|the\s+|their\s+)(?:previous|prior|last|earlier)\s+(?:round|raise|financing|fundraise|Series\s+[A-Z])/;
const WHEN_LED = /^[^;$€£¥]{0,40},\s+when\s+$/i;
/** Between a round's figure and the investor phrase that modifies it: "$40 million Series B, led by". */
const ON_FIGURE = /^\s*(?:(?:[\w-]+|Series\s+[A-Z]\d?\+?)\s+){0,3}?(?:round|Series\s+[A-Z]\d?\+?|seed|financing|raise|extension|funding)?\s*,?\s*(?:(?:which|that)\s+was\s+)?$/i;

/** From an investor name to the round figure it led: "Microsoft, OpenAI's largest investor, led its ". */
const LED_FIGURE = /^[^;$€£¥]{0,80}?\b(?:co-)?(?:led|leads|anchored)\s+(?:the|its|their|a|an)\s+(?:[\w-]+\s+){0,2}$/;

/** A takeover bid or an acquisition: the names in it back no funding round. */
const BID = /\b(?:offer(?:ed|s)?|bid|bids|takeover|acquisition|acquire[sd]?|buyout)\b/i;

/** Words that make a revenue figure a forecast ("expects revenue to reach", "projects $X in revenue"). */
const PROJECTED = /\b(?:expect(?:s|ed|ing)?|project(?:s|ed|ing|ions?)?|forecasts?|forecasting|predict(?:s|ed|ing)?|anticipat\w+|targets?|targeting|aims? to|hopes? to|plans? to|goals?|ambition|on course|on pace|could (?:reach|hit|top)|will (?:reach|hit|top)|on track to)\b/i;

/** Between a round's figure and the valuation it was raised at: "$13B Series F at $183B", "$2B seed at $10B". */
const ROUND_AT = /^\s*(?:(?:Series\s+[A-Z]\d?|seed|pre-seed|round|funding|raise|extension|in\s+[\w-]+(?:\s+[\w-]+)?|last\s+\w+|this\s+\w+)\s+)*(?:at|@)\s*(?:an?\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|more than\s+)?$/i;
/** Between a figure and the next one in a list of the same measure at other times: "$29B in early 2023,
 *  $86B later that year and $157B in October 2024", "then $500M last year". */
const CONTINUES = /^[^$€£¥]{0,14};\s*[A-Z][\w.&'’ -]{0,30},\s*(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+)?$|^[^$€£¥;:]{0,45}?(?:,\s*(?:and\s+|then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+)(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}(?:['’]s?)?\s+)?(?:at\s+|to\s+|was\s+|is\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|more than\s+|over\s+)?$/i;

/** "The valuation is more than double the $2.4B of its round": the measure a figure is compared with. */
const COMPARED_MEASURE = /\b(valuation|valued|worth|price|revenues?|sales|ARR|run[- ]rate)\b[^$€£¥.;]{0,40}?\b(?:doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|twice|quadrupl(?:e|es|ed|ing)|(?:two|three|four|five|ten|\d+)\s+times|up from|down from|compared (?:with|to)|against|above|below|higher than|lower than|more than|less than)\s+(?:the\s+)?$/i;

interface Reading extends MetricChoice {
  confidence: Confidence;
  /** The figure was read as the valuation a round was raised "at". */
  viaAt?: boolean;
}

/**
 * The metric of the i-th figure: from the frame it sits in when there is one; else the previous figure's
 * when it restates it at another time ("from $4.3B to $20B"); else from the nearest cue.
 */
function metricOf(sentence: string, figs: Span[], i: number, cues: Cue[], mentions: MoneyMention[], choices: Reading[], topic: MoneyMetric | null): Reading {
  const fig = figs[i];
  const frame = frameOf(sentence, fig.start, fig.end);
  if (frame?.ofRound) {
    // "valued at $6.8B, more than double the $2.4B of its round a year ago": the measure compared with.
    const prev = i > 0 ? choices[i - 1] : null;
    if (prev?.metric && comparesWithPrevious(sentence, mentions[i - 1], mentions[i])) return ownBasis({ ...prev, viaAt: false, confidence: 'frame' }, sentence, fig);
    const named = COMPARED_MEASURE.exec(sentence.slice(Math.max(0, fig.start - 80), fig.start));
    if (named) return { metric: /^(?:revenue|sales|ARR|run)/i.test(named[1]) ? 'revenue' : 'valuation', cue: null, confidence: 'frame' };
  }
  if (frame) {
    if (frame.roundValued) {
      const larger = figs.some((f) => f !== fig && (f.value ?? 0) > (fig.value ?? 0));
      return { metric: larger ? 'round_size' : 'valuation', cue: null, confidence: 'frame' };
    }
    return { metric: frame.metric, basis: frame.metric === 'valuation' ? frame.basis ?? basisNear(sentence, fig) : undefined, cue: null, confidence: 'frame' };
  }
  if (i > 0) {
    const prev = choices[i - 1];
    // (The basis is the figure's own: "$18B before the new money and $24B after it".)
    if (prev.metric && comparesWithPrevious(sentence, mentions[i - 1], mentions[i])) return ownBasis({ ...prev, viaAt: false }, sentence, fig);
    // "raised $6.6B at $157B": the figure after a round's "at" is the valuation it was raised at.
    if (prev.metric === 'round_size' && ROUND_AT.test(sentence.slice(figs[i - 1].end, fig.start))) {
      return { metric: 'valuation', basis: basisNear(sentence, fig), cue: null, confidence: 'frame', viaAt: true };
    }
    // A list of one measure at several times; after "X at Y," the list goes on with X's measure.
    if (CONTINUES.test(sentence.slice(figs[i - 1].end, fig.start))) {
      const from = prev.viaAt && i > 1 ? choices[i - 2] : prev;
      if (from.metric) return ownBasis({ ...from, viaAt: false, confidence: 'cue' }, sentence, fig);
    }
  }
  const choice = chooseMetric(sentence, fig, figs, cues);
  // A bare figure with no cue at all takes the measure the text was just speaking of.
  if (!choice.metric && !choice.cue && topic) return { metric: topic, cue: null, confidence: 'cue' };
  return { ...choice, confidence: 'cue' };
}

function ownBasis(r: Reading, sentence: string, fig: Span): Reading {
  return r.metric === 'valuation' ? { ...r, basis: basisNear(sentence, fig) ?? r.basis } : r;
}

/**
 * The figure restates the previous one's metric at another time: "from $4.3B to $20B" (either side),
 * "$3B, up from $2.5B", "$20B compared with $4B a year earlier".
 */
function comparesWithPrevious(sentence: string, prev: MoneyMention, m: MoneyMention): boolean {
  const between = sentence.slice(prev.end, m.start);
  if (/^\s*to\s+(?:[a-z]+\s+){0,2}$/i.test(between) && /\bfrom\s+(?:[a-z]+\s+)?$/i.test(sentence.slice(Math.max(0, prev.start - 30), prev.start))) return true;
  // "valued at $5B in September 2024 and at $32B this spring": the same frame again.
  if (/^[^$€£¥]{0,50}?\band\s+(?:at|to)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|more than\s+)?$/i.test(between)) return true;
  if (/^[^$€£¥]{0,50}?\bto\s+(?:about\s+|around\s+|nearly\s+|roughly\s+|more than\s+|over\s+)?$/i.test(between) && /\bfrom\s+(?:about\s+|around\s+|roughly\s+)?$/i.test(sentence.slice(Math.max(0, prev.start - 30), prev.start))) return true;
  return between.length <= 70 && RESTATES.test(between);
}

/** Between two figures of one metric at two times: "up from", "compared with", "against", "more than double the",
 *  "has grown to", "now commands". */
const RESTATES = /\b(?:up|down|rising|jumping|climbing)\s+from\s+(?:[a-z]+\s+)?$|\bcompared (?:with|to)\s+(?:[a-z]+\s+)?$|\b(?:versus|vs\.?|against)\s+(?:[a-z]+\s+)?$|,\s*from\s+(?:about\s+|around\s+|roughly\s+)?$|\b(?:double|triple|twice|three times|four times|five times|ten times|quadruple|half|a fraction of)\s+(?:the\s+|its\s+)?(?:current\s+|latest\s+|new\s+|previous\s+)?$|\b(?:set|expected|poised|likely|on track)\s+to\s+(?:reach|hit|top)\s+(?:about\s+|around\s+)?$|\bnow\s+(?:has|holds|sits on)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?$|\bnow\s+(?:\w+\s+){0,3}?at\s+(?:about\s+|around\s+)?$|^\s*(?:\([^)]{0,20}\)\s*)?(?:→|->|=>|vs\.?|versus)\s*$|^[^;]{0,40}?\bfrom\s+(?:about\s+|around\s+|roughly\s+)?$|\b(?:grown|grew|risen|rose|jumped|climbed|increased|soared|surged|fallen|fell|dropped|doubled|tripled)\s+(?:that\s+|it\s+|this\s+)?to\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|more than\s+)?$|\bnow\s+(?:commands|fetches|stands at|sits at|at)\s+(?:about\s+|around\s+|roughly\s+)?$/i;

/** Each round name goes to the nearest round-size figure; a valuation takes the sentence's only round name. */
function assignRounds(sentence: string, facts: { fact: Fact; fig: Span }[]): void {
  const rounds = findRounds(sentence);
  if (!rounds.length) return;
  const sizes = facts.filter((f) => f.fact.metric === 'round_size');
  // Each round name goes to its nearest figure, the nearest pairs first ("comes after the company's $40M
  // Series B" gives the figure Series B, not the Series C named earlier).
  const pairs: { r: (typeof rounds)[number]; f: (typeof sizes)[number]; d: number }[] = [];
  for (const r of rounds) {
    for (const f of sizes) {
      const d = r.start >= f.fig.end ? r.start - f.fig.end : f.fig.start >= r.end ? f.fig.start - r.end : 0;
      // A semicolon ends the stretch a round name speaks for ("its Series A, $18M; today's Series B, $120M").
      const gap = r.start >= f.fig.end ? sentence.slice(f.fig.end, r.start) : sentence.slice(r.end, f.fig.start);
      if (d <= 60 && !gap.includes(';')) pairs.push({ r, f, d });
    }
  }
  pairs.sort((a, b) => a.d - b.d);
  const used = new Set<(typeof rounds)[number]>();
  for (const { r, f } of pairs) {
    if (used.has(r) || f.fact.round) continue;
    f.fact.round = r.name;
    used.add(r);
  }
  for (const r of rounds) {
    // "the Series B last July valued it at €5.8B": a round name no round size took is the valuation's after it.
    if (used.has(r) || pairs.some((p) => p.r === r)) continue;
    // ("the $8.1 billion of the Series G": the valuation named right before the round is its.)
    const v = facts.find((f) => f.fact.metric === 'valuation' && !f.fact.round && f.fig.end <= r.start && /^\s+(?:of|in|at|from)\s+(?:the|its|their)\s+(?:[\w-]+\s+)?$/.test(sentence.slice(f.fig.end, r.start)))
      ?? facts.find((f) => f.fact.metric === 'valuation' && !f.fact.round && f.fig.start >= r.end && f.fig.start - r.end <= 60 && !/[;]/.test(sentence.slice(r.end, f.fig.start)));
    if (v) v.fact.round = r.name;
  }
  const names = new Set(rounds.map((r) => r.name));
  // ("triple the $2.2B of its Series C a year ago": a round name an earlier valuation took is not today's.)
  if (names.size === 1 && !facts.some((f) => f.fact.metric === 'valuation' && f.fact.round && f.fact.when === 'past')) {
    for (const f of facts) if (f.fact.metric === 'valuation' && f.fact.when === 'current') f.fact.round = rounds[0].name;
  }
}

function readInvestors(read: SentenceReading, scope: ArticleScope): Fact[] {
  const sentence = read.text;
  const inv = read.investors;
  if (inv.at === null || (inv.lead.length === 0 && inv.other.length === 0)) return [];
  // "A group led by X offered $97B for ...": a bid's backers, not a round's.
  if (BID.test(sentence) && !/\b(?:round|funding|raise|raised|financing|Series|seed)\b/i.test(sentence)) return [];
  const at: Span = { start: inv.at, end: inv.at };
  const exclude = [...inv.lead, ...inv.other, ...read.setAside(scope.main)];
  const company = roundOwner(sentence, read.companies, exclude) ?? companyFor({ sentence, at, mentions: read.companies, exclude, main: scope.main });
  if (!company) return [];
  const own = new Set([company.toLowerCase(), ...scope.matcher.find(company).map((m) => m.company.toLowerCase())]);
  // "led by Accel, which also led the Series A in July": a round named in the investor's own relative
  // clause is that investor's record, not the round this phrase speaks of.
  const aside = RECORD_CLAUSE.exec(sentence.slice(inv.at));
  const asideAt = aside ? inv.at + aside.index : sentence.length;
  const rounds = [...new Set(findRounds(sentence).filter((r) => r.start < asideAt).map((r) => r.name))];
  let when = whenOf(sentence, at, [], false);
  // An investor phrase takes a date only from its own stretch of the sentence ("led in March by X").
  const dates = findDates(sentence, scope.published);
  const near = dates.filter((d, k) => (k === 0 && d.end <= inv.at! && /^[^,;]{0,40}$/.test(sentence.slice(0, d.start)))
    || !/[,;]/.test(d.start >= inv.at! ? sentence.slice(inv.at!, d.start) : sentence.slice(d.end, inv.at!)));
  const refDate = dateFor(sentence, { start: inv.at, end: inv.at }, [], near);
  if (refDate && isEarlier(refDate, scope.published)) when = 'past';
  // "Alibaba, which led Moonshot AI's previous round, ...": the names' own clause says the round is earlier.
  if (PREVIOUS_ROUND_LED.test(sentence.slice(inv.at, inv.at + 120))) when = 'past';
  // "... after the company's $40 million Series B, led by Index Ventures": the phrase on a figure is that round's.
  const on = [...read.figures].reverse().find((o) => o.fig.end <= inv.at! && ((o.fact.metric === 'round_size' && ON_FIGURE.test(sentence.slice(o.fig.end, inv.at!)))
    // ("$73.6 million at $520 million, led by IVP": the round's valuation, then its lead.)
    // ("... at a $2.2B valuation in a Series D co-led by Kleiner Perkins": that round's leads.)
    || (o.fact.metric === 'valuation' && /^\s*(?:valuation\s*)?(?:,|\s+and\s+(?:was|were|is)|\s+in\s+(?:a|an|its|the)\s+(?:Series\s+[A-Z]\d?\+?|seed|round|funding round)(?:\s+round)?)\s*$/i.test(sentence.slice(o.fig.end, inv.at!)))
    // "valued at $3.5B last August, when Tiger Global led its Series D": the lead is of the dated round.
    || WHEN_LED.test(sentence.slice(o.fig.end, inv.at!))));
  // "Microsoft, OpenAI's largest investor, led its $10B round in 2023": the round it led is the figure after the verb.
  const led = on ?? read.figures.find((o) => o.fig.start > inv.at! && o.fact.metric === 'round_size' && LED_FIGURE.test(sentence.slice(inv.at!, o.fig.start)));
  let round = rounds.length === 1 ? rounds[0] : undefined;
  let onDate = refDate;
  if (led && !on) { when = led.fact.when; round = led.fact.round ?? round; onDate = led.fact.refDate ?? refDate; }
  if (on) { when = on.fact.when; round = on.fact.round ?? round; onDate = on.fact.refDate ?? refDate; }
  const status = statusOf(sentence, at);
  const facts: Fact[] = [];
  const ownKey = companyKey(company);
  for (const [metric, names] of [['lead_investor', inv.lead], ['investor', inv.other]] as const) {
    for (const { name } of names) {
      // The company's own name (or an alias of it) caught in an investor list is no investor.
      if (own.has(name.toLowerCase()) || scope.matcher.find(name).some((m) => companyKey(m.company) === ownKey)) continue;
      const fact: Fact = { company, metric, name, when, status, ...base(scope, quoteAround(sentence, at)), confidence: 'frame' };
      if (onDate) fact.refDate = onDate;
      if (round) fact.round = round;
      facts.push(fact);
    }
  }
  return facts;
}

/** The sentence's subject when it opens it: "Amazon doubled ...", "Thrive Capital's position ...", "The Google
 *  stake ...", "Alibaba, which has invested in ...". */
const OPENING_NAME = /^(?:\d{1,2}[.)]\s+)?(?:The\s+)?(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s\s+(?=[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*,))?([A-Z][\w.&-]*(?:\s+(?:[A-Z][\w.&-]*|of|&))*?)(?:['’]s?)?(?:,\s+(?:which|who|an?|the)\s+|\s+[—–]\s+(?=[a-z])|\s+(?=[a-z]|[A-Z][\w.&-]*\s+(?:stake|investment|position|holding|commitments?)\b))/;
/** A list of names before a company, as in "invested in Moonshot AI and Zhipu AI". */
const NAMES_BEFORE = '(?:[A-Z][\\w.&-]*(?:\\s+[A-Z][\\w.&-]*)*\\s*(?:,|and|,\\s+and)\\s+)*';
/** How a sentence ties its subject to a company it holds a stake in: the words before the company's name,
 *  and the words after it that each needs. */
const STAKE_LINKS: [RegExp, RegExp][] = [
  [/\b(?:stake|stakes|investment|investments|position|holding|shareholding)\s+in\s+(?:the\s+)?$/i, /^/],
  // "its $100B pledge to OpenAI", "bought $500M of Anthropic shares"
  [/\b(?:pledge|pledges|commitment|commitments)\s+to\s+$/i, /^/],
  [/\b(?:bought|buys|buying|acquired|purchased|took)\s+(?:[^.;]{0,40}?\s+)?of\s+$/i, /^['’]?s?\s+(?:existing\s+|employee\s+)?(?:shares|stock)\b/i],
  [/\b(?:its|their|his|her|the)\s+$|^[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+$/i, /^['’]?s?\s+(?:[\w-]+\s+)?(?:stake|investment|position|holding|commitments?|shares)\b/i],
  [/\bowns?\s+(?:about\s+|roughly\s+|nearly\s+|some\s+|more than\s+)?\d+(?:\.\d+)?\s?%\s+of\s+$/i, /^/],
  [new RegExp(`(?:\\b(?:invest(?:s|ed|ing|ment)?|poured|pumped|plowed|ploughed)\\b[^.;]{0,50}?\\b(?:in|into)|\\b(?:backed|backs))\\s+${NAMES_BEFORE}$`, 'i'), /^/],
  [new RegExp(`\\b(?:an?|the|early|existing)\\s+${NAMES_BEFORE}$`, 'i'), /^\s+(?:(?:and|,)\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*\s+)*(?:investor|backer|shareholder)s?\b/],
];
const SOLD_BEFORE = /\b(?:sold|sells|selling|exited|exits|dumped|offloaded)\s+(?:\S+\s+){0,3}$/i;
/** "X's stake in C", "X owns 27% of C", "X would invest up to $100B in C": X backs C. */
const HOLDS = /\b(?:stake|investment|position|holding|shareholding|owns?|invest\w*|commitments?|pledges?|poured|pumped|backed|backs|investor|backer|shareholder|shares)\b/i;

/** Words without which no sentence names a backer's part (most sentences have none of them). */
const PART_CUE = /share|portion|cheque|check|commitment|contribution|investment|stake/i;
/** "... after Meta paid $14.3B for 49% of the company": a part bought by its percentage. */
const PART_PAID = /\b(?:paid|pays|paying|spent|invested)\b/;

/** Investors the sentence says hold or take stakes in watched companies, outside any round. */
function readStakeholder(read: SentenceReading, scope: ArticleScope): Fact[] {
  const sentence = read.text;
  const facts: Fact[] = [];
  const quote = quoteAround(sentence, { start: 0, end: 0 });
  const add = (company: string, name: string): void => {
    if (!name || scope.matcher.find(name).some((m) => m.company === company) || company.toLowerCase() === name.toLowerCase()) return;
    if (facts.some((f) => f.company === company && f.name === name)) return;
    facts.push({ company, metric: 'investor', name, when: 'current', status: 'reported', ...base(scope, quote), confidence: 'cue' });
  };
  // "OpenAI-backed Harvey", "Northwind AI, a Microsoft-backed developer": the backer of the company named.
  if (sentence.includes('-backed')) {
    for (const b of sentence.matchAll(/([A-Z][\w.&]*(?:\s+[A-Z][\w.&]*){0,2})-backed\b/g)) {
      const at = b.index + b[0].length;
      const backer = normaliseInvestor(b[1].replace(/^(?:An?|The)\s+/, ''));
      // The next company named that is not itself set aside ("An Nvidia-backed startup founded by former OpenAI
      // engineers, Kestrel Dynamics, said ..." is Kestrel Dynamics).
      const next = read.companies.find((m) => m.start >= at && m.start - at <= 110 && !/[;.]/.test(sentence.slice(at, m.start)) && !isAsideMention(sentence, m));
      const prev = [...read.companies].reverse().find((m) => m.end <= b.index && /^['’]?\s*,\s*(?:an?|the)\s+$/.test(sentence.slice(m.end, b.index)));
      const owner = next ?? prev ?? (scope.main && /\b(?:the|a|an)\s+(?:[\w-]+\s+)?$/i.test(sentence.slice(Math.max(0, b.index - 20), b.index)) && !read.companies.some((m) => m.start >= at) ? { company: scope.main } : null);
      if (owner && !PLACES_OR_KINDS.test(backer) && isInvestorName(backer)) add(owner.company, backer);
    }
  }
  // "SoftBank's $22.5B share of the round", "Thrive Capital's cheque of about $1B", "... after Meta took its
  // stake": a backer's part in the article's company, when no other company is named for it.
  const part = !PART_CUE.test(sentence) && !(sentence.includes('%') && PART_PAID.test(sentence)) ? null : /(?:^|\b(?:after|when|as|since|before|following|until)\s+)(?:The\s+)?([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})(?:['’]s?\s+(?:(?:US)?[$€£¥][\d.,]+\s*(?:billion|million|bn|m|b)?\s+|about\s+)?(?:(?:share|portion|cheque|check|commitment|contribution)\s+(?:of|in)\b|investment\b)|['’]s?\s+(?:US)?[$€£¥][\d.,]+\s*(?:billion|million|bn|m|b)?\s+(?:cheque|check|contribution|ticket)\b|\s+(?:took|takes|taking|bought|acquired)\s+(?:a|an|its|their|the)\s+(?:[\w%-]+\s+){0,2}?stake\b|\s+(?:paid|pays|paying|spent|invested)\s+[^;]{0,30}?\bfor\s+(?:a\s+)?(?:about\s+|nearly\s+|roughly\s+)?\d+(?:\.\d+)?\s?(?:%|per ?cent)\s+(?:stake\s+)?(?:of|in)\b)/.exec(sentence);
  if (part && (scope.main || read.watched.length)) {
    const name = normaliseInvestor(part[1]);
    const named = read.watched.find((m) => m.start > part.index + part[0].length && /\b(?:in|of)\s+$/.test(sentence.slice(Math.max(0, m.start - 6), m.start)));
    // (An article about the backer's cheque has the backer as its main company: then the company the cheque goes to is the other one named.)
    const other = scope.main === name ? read.watched.find((m) => m.company !== name)?.company : scope.main;
    if (isInvestorName(name) && (named?.company ?? other)) {
      add((named?.company ?? other)!, name);
      // "before Index Ventures' $120M investment in March": the part is of the round that figure dates.
      const own = read.figures.find((o) => o.fig.start >= part.index && o.fig.end <= part.index + part[0].length && o.fact.company === (named?.company ?? other));
      const f = facts[facts.length - 1];
      if (own && f?.name === name) {
        f.when = own.fact.when;
        if (own.fact.refDate) f.refDate = own.fact.refDate;
        if (own.fact.round) f.round = own.fact.round;
      }
    }
  }
  if (!HOLDS.test(sentence)) return facts;
  const subject = OPENING_NAME.exec(sentence);
  if (!subject) return facts;
  // "Google parent Alphabet agreed to invest": the parent named after the word.
  const parent = /^\s*(?:parent|owner|unit|subsidiary)\s+([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)/.exec(sentence.slice(subject.index + subject[1].length + (subject[0].startsWith('The ') ? 4 : 0)));
  const name = normaliseInvestor(parent ? parent[1] : subject[1]);
  if (!isInvestorName(name) || /^(?:A|An|The|It|Its|This|That|Some|Investors|Analysts|In|On|At|By|For|After|Before)$/i.test(name) || /^\s*by\b/i.test(sentence.slice(subject.index + subject[0].length - 1, subject.index + subject[0].length + 4))) return facts;
  const subjectEnd = subject.index + subject[0].length;
  // Only a watched company can be held here: its names are found without the slower search for others.
  for (const m of read.watched) {
    if (m.start < subjectEnd) continue;
    const before = sentence.slice(Math.max(0, m.start - 90), m.start);
    const after = sentence.slice(m.end, m.end + 60);
    if (STAKE_LINKS.some(([b, a]) => b.test(before) && a.test(after)) && !SOLD_BEFORE.test(before)) add(m.company, name);
  }
  return facts;
}

/** Words before "-backed" that name no backer: "state-backed", "VC-backed", "Chinese-backed". */
const PLACES_OR_KINDS = /^(?:State|VC|Venture|Government|Family|Founder|Private|Chinese|American|US|Japanese|French|German|European)$/i;

/** A column's meaning from its header. In a table with a round column, "Amount" or "Raised" is that round's
 *  size; in one comparing companies by "funding" or "raised", their totals. */
function headerMetric(header: string, header_row: string[]): { metric: MoneyMetric; basis?: Basis } | null {
  if (/valuation|valued|worth/i.test(header)) {
    const basis = /\bpost\b|post-money/i.test(header) ? 'post' : /\bpre\b|pre-money/i.test(header) ? 'pre' : undefined;
    return { metric: 'valuation', basis };
  }
  if (/revenue|\bARR\b|sales/i.test(header)) return { metric: 'revenue' };
  if (/cash/i.test(header)) return { metric: 'cash_reserves' };
  if (/\btotal\b|to date|cumulative/i.test(header)) return { metric: 'total_raised' };
  const roundTable = header_row.some((h) => /\bround\b|\bseries\b|\bstage\b/i.test(h));
  if (/\bround\b|latest raise|last raise|\bamount\b|\bsize\b/i.test(header)) return { metric: 'round_size' };
  if (/fund|raised|capital|investment|financing/i.test(header)) return { metric: roundTable ? 'round_size' : 'total_raised' };
  return null;
}

/** The round a table cell names: "Series B", or a bare "Seed" that only a cell of its own names. */
function roundOfCell(cell: string): string | undefined {
  const bare = /^\s*(seed|pre-seed|angel)\s*$/i.exec(cell);
  if (bare) return bare[1].charAt(0).toUpperCase() + bare[1].slice(1).toLowerCase();
  return findRounds(cell)[0]?.name;
}

function readTableRow(s: Sentence, cells: string[], header: string[] | null, scope: ArticleScope): Fact[] {
  const first = cells.find((c) => c.trim()) ?? '';
  const watched = scope.matcher.find(first);
  // A table of one company's rounds ("Round | Date | Amount | Lead") is the article's company's.
  const roundRows = !!scope.main && /^\s*(?:round|stage|series|funding round)\s*$/i.test(header?.[cells.indexOf(first)] ?? '') && roundOfCell(first) !== undefined;
  const company = roundRows ? scope.main : watched.length ? watched[0].company
    : /^[A-Z][\w&.'’ -]{0,40}$/.test(first.trim()) && findMoney(first, scope.money).length === 0 ? first.trim() : null;
  if (!company) return [];
  const facts: Fact[] = [];
  const firstIndex = cells.indexOf(first);
  const quote = quoteAround(s.text, { start: 0, end: 0 });
  const round = cells.map(roundOfCell).find((r) => r !== undefined);
  // A "Date" column dates the row's earlier figures ("Previous valuation | Date | New valuation").
  const dateCol = header ? header.findIndex((h) => /\b(?:date|when|month|year)\b/i.test(h)) : -1;
  const rowDate = dateCol >= 0 && cells[dateCol] ? findDates(cells[dateCol], scope.published)[0]?.date : undefined;
  cells.forEach((cell, col) => {
    if (col <= firstIndex) return;
    const head = header?.[col] ?? '';
    const mentions = findMoney(cell, scope.money);
    if (!mentions.length && /\blead|\binvestors?\b|backers/i.test(head)) {
      // A column of names: the round's leads or its investors.
      const metric = /\blead/i.test(head) ? 'lead_investor' : 'investor';
      for (const raw of cell.split(/,|;|\s+and\s+|\s+&\s+/)) {
        const name = normaliseInvestor(raw);
        if (!/^[A-Z0-9]/.test(name) || name.length > 60) continue;
        const fact: Fact = { company, metric, name, when: rowDate && isEarlier(rowDate, scope.published) ? 'past' : 'current', status: 'reported', ...base(scope, quote), confidence: 'frame' };
        if (round) fact.round = round;
        facts.push(fact);
      }
      return;
    }
    const figs: Span[] = mentions.map((m) => ({ start: m.start, end: m.end, value: m.usd ?? m.value }));
    mentions.forEach((m, i) => {
      const byHeader = head ? headerMetric(head, header ?? []) : null;
      const own = byHeader ? null : chooseMetric(cell, figs[i], figs);
      const metric = byHeader?.metric ?? (own?.cue ? own.metric : null);
      if (!metric || (m.usd !== null && m.usd < MIN_USD)) return;
      const fact: Fact = {
        company, metric, amount: amountOf(m), when: whenOf(cell, figs[i], figs), status: 'reported',
        ...base(scope, quote), confidence: byHeader ? 'frame' : 'cue',
      };
      if (metric === 'valuation' && byHeader?.basis) fact.basis = byHeader.basis;
      if (round && (metric === 'round_size' || metric === 'valuation')) fact.round = round;
      // A header that dates its column ("Valuation (Jan 2025)") dates its figures.
      const headDate = /\d{4}|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.test(head) ? findDates(head, scope.published)[0]?.date : undefined;
      if (/\b(?:previous|prior|old|earlier|last|before)\b/i.test(head)) {
        fact.when = 'past';
        if (rowDate) fact.refDate = rowDate;
      } else if (headDate) {
        fact.refDate = headDate;
        if (isEarlier(headDate, scope.published, COMPANY_LEVEL.has(metric))) fact.when = 'past';
      } else if (rowDate && dateCol >= 0 && !header?.some((h) => /\b(?:previous|prior|old|earlier|before)\b/i.test(h))) {
        fact.refDate = rowDate;
        if (isEarlier(rowDate, scope.published, COMPANY_LEVEL.has(metric))) fact.when = 'past';
      }
      facts.push(fact);
    });
  });
  return facts;
}

/** The sentence, or a window of it around the figure when the sentence runs long. */
function quoteAround(sentence: string, at: Span): string {
  const t = unquoted(sentence.trim());
  if (t.length <= MAX_QUOTE) return t;
  const half = Math.floor((MAX_QUOTE - (at.end - at.start)) / 2);
  let from = Math.max(0, at.start - half);
  let to = Math.min(sentence.length, at.end + half);
  if (from > 0) from = sentence.indexOf(' ', from) + 1 || from;
  if (to < sentence.length) to = sentence.lastIndexOf(' ', to) > at.end ? sentence.lastIndexOf(' ', to) : to;
  return `${from > 0 ? '…' : ''}${sentence.slice(from, to).trim()}${to < sentence.length ? '…' : ''}`;
}

/** A quote mark at either end that the text never closes (or opens) is no part of the quote. */
function unquoted(t: string): string {
  const first = t.charAt(0);
  const last = t.charAt(t.length - 1);
  if ((first === '"' || first === '“') && !/["”]/.test(t.slice(1))) return t.slice(1).trimStart();
  if ((last === '"' || last === '”') && !/["“]/.test(t.slice(0, -1))) return t.slice(0, -1).trimEnd();
  return t;
}

/** Repeated sentences (a summary inside the body, a headline restated) give one fact, not two. */
function dedupe(facts: Fact[]): Fact[] {
  const byKey = new Map<string, Fact>();
  for (const f of facts) {
    const a = f.amount;
    // All facts here share one article: its id adds nothing to the key.
    const key = `${f.company.toLowerCase()}|${f.metric}|${f.name?.toLowerCase() ?? ''}|${a ? `${a.currency}:${a.value}:${a.low}:${a.high}` : ''}|${f.when}|${f.status}|${f.basis ?? ''}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, f);
    else if (!seen.round && f.round) seen.round = f.round;
  }
  const all = oneClaimPerBacker([...byKey.values()]);
  // A lead is also an investor; saying so twice adds nothing.
  const leads = all.filter((f) => f.metric === 'lead_investor');
  if (leads.length === 0) return all;
  return all.filter((f) => f.metric !== 'investor' || !leads.some((l) => l.company === f.company && sameBacker(l.name ?? '', f.name ?? '')));
}

/** What a firm's name may add to its short form: "Accel" and "Accel Partners", "Thrive" and "Thrive Capital". */
const FIRM_TAIL = /^(?:(?:partners|capital|ventures|venture|management|group|investments?|holdings|growth|global|funds?|llc|inc\.?|co\.?|asset|equity|advisors|advisers|lp|l\.p\.)\s*)+$/i;

/** One backer under two spellings of its name in one article. */
function sameBacker(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length > 1 && long.startsWith(`${short} `) && FIRM_TAIL.test(long.slice(short.length + 1));
}

/**
 * An article that names one backer of one round twice (a live blog's posts, a thread, a summary and the
 * body; "Accel" here and "Accel Partners" there; "is set to lead" before "led") makes one claim of it: the
 * fuller name, reported rather than talked of when it says both, with the round either names.
 */
function oneClaimPerBacker(facts: Fact[]): Fact[] {
  const kept: Fact[] = [];
  for (const f of facts) {
    if (f.metric !== 'lead_investor' && f.metric !== 'investor') { kept.push(f); continue; }
    const seen = kept.find((k) => k.metric === f.metric && k.company === f.company && k.when === f.when && (!k.round || !f.round || k.round === f.round) && sameBacker(k.name ?? '', f.name ?? ''));
    if (!seen) { kept.push(f); continue; }
    // (The fuller name with the sentence that gives it.)
    if ((f.name ?? '').length > (seen.name ?? '').length) { seen.name = f.name; seen.quote = f.quote; }
    if (seen.status === 'talks' && f.status === 'reported') { seen.status = 'reported'; seen.quote = f.quote; }
    seen.round ??= f.round;
    seen.refDate ??= f.refDate;
  }
  return kept;
}
