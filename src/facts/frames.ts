// Which figure a money amount is, read from the frame it sits in: the words right before it ("values the
// young company at", "bringing its total funding to", "ARR of") or right after it ("$2B valuation", "$2B
// Series C", "$1B to date", "$18B worth of interest"). A frame says more than the nearest cue word, so
// it is tried first; a figure in no frame falls back to the cues (metric.ts). Some frames say the figure
// is no funding figure at all: an investor's own cheque or stake, demand, a minimum ticket, a secondary
// sale, a fund or programme, a contract, a market value.
import type { Basis, MoneyMetric } from '../types';
import { firstWordsOf } from './wordstarts';

export interface FrameReading {
  /** null: the frame says this is no funding figure. */
  metric: MoneyMetric | null;
  basis?: Basis;
  /** "the round, valued at $2B": a round size only when a larger figure in the sentence is the valuation. */
  roundValued?: boolean;
  /** "the $2.4B of its round a year ago": a figure of a round, its measure left to what the sentence compares it with. */
  ofRound?: boolean;
}

interface Frame {
  /** Tested against the text before the figure (hedge words removed), anchored at its end. */
  before?: RegExp;
  /** Tested against the text after the figure, anchored at its start. */
  after?: RegExp;
  /** The frame does not hold when the text before the figure matches this. */
  unless?: RegExp;
  /** ... or when the text after it matches this. */
  unlessAfter?: RegExp;
  metric: MoneyMetric | null;
  basis?: Basis;
  roundValued?: boolean;
  ofRound?: boolean;
}

const ART = '(?:(?:a|an|the|its|their|his|her|another|some|fresh|new|additional|further|extra|total|whopping|staggering|reported|record|hefty|massive|mammoth|combined|roughly|about|nearly)\\s+)*';
const RAISE_VERB = '(?:rais(?:e|es|ed|ing)|procur(?:e|es|ed|ing)|t(?:ook|akes|aking)|ask(?:s|ed|ing)? (?:investors |backers )?for|secur(?:e|es|ed|ing)|clos(?:e|es|ed|ing)|land(?:s|ed|ing)?|bag(?:s|ged|ging)?|nab(?:s|bed|bing)?|snag(?:s|ged)?|'
  + 'pick(?:s|ed|ing)? up|pull(?:s|ed|ing)? in|rak(?:e|es|ed|ing) in|haul(?:s|ed|ing)? in|scoop(?:s|ed|ing)? up|draw(?:s|ing)? in|drew in|'
  + 'garner(?:s|ed|ing)?|attract(?:s|ed|ing)?|gather(?:s|ed|ing)?|collect(?:s|ed|ing)?|obtain(?:s|ed|ing)?|receiv(?:e|es|ed|ing)|get(?:s|ting)?|got|'
  + 'seek(?:s|ing)?|sought|target(?:s|ed|ing)?|complet(?:e|es|ed|ing)|finali[sz](?:e|es|ed|ing)|announc(?:e|es|ed|ing)|unveil(?:s|ed|ing)?|add(?:s|ed|ing)?|'
  + 'lead(?:s|ing)?|led|co-led|anchor(?:s|ed|ing)?)';
const ROUND_NOUN = '(?:round|financing|funding|fundraise|fund-?raising|raise|investment|tranche|injection|infusion|capital raise|extension|'
  + 'Series\\s+[A-Z](?:\\d|[-+]\\d?)?(?:\\s+(?:round|extension))?|seed(?:\\s+round)?|pre-seed|angel round|bridge round|growth round|venture round|equity round|mega-?round)';
/** After "a total of $X": the one round the total is of ("through a third-party allotment", "in a Series B"). */
const ONE_ROUND_AFTER = /^\s+(?:\S+\s+){0,3}?(?:through|via|in|from)\s+(?:a|an|the|its|this)\s+(?:[\w-]+\s+){0,3}?(?:allotment|round|Series\s+[A-Z]|financing|raise|tranche|share issue)\b/i;
const VALUE_NOUN = '(?:the\\s+)?(?:company|startup|firm|lab|group|business|developer|maker|unicorn|venture|outfit|it|them|\\S+(?:\\s+\\S+){0,2})';

/** After a figure: "since it was founded", "since its 2022 seed", "since 2023", optionally after its
 *  restatement in brackets. What a company raised since its start is its total. */
export const SINCE_START = /^\s*(?:\([^)]{0,60}\)\s*)?,?\s*(?:in total\s+)?since\s+(?:it was (?:founded|started|launched|set up|created|spun out)|(?:its|the company['’]s|their)\s+(?:(?:19|20)\d{2}\s+)?(?:founding|inception|launch|start|creation|birth|seed(?:\s+round)?|first round|debut)|(?:being|its) found(?:ed|ing)|founding|inception|(?:(?:early|late|mid-?)\s*)?(?:19|20)\d{2}\b)/i;

const FRAMES: Frame[] = [
  // ---- frames that a more general one below would misread
  // listicles and briefs: "Lovable: $15M.", "Databricks $1B @ $100B", "$300M raised", "Amount raised: $2B"
  { before: /(?:^|;)\s*(?:\d+[.)]\s*)?(?!(?:At|In|On|By|For|The|About|Some|Nearly|Over|Up|With|Around|Roughly|Almost|Just|Only|Another|This|That|Its|Their)\b)[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}\s*(?::|—|–|-)?\s*$/, after: /^\s*(?:[.;,]|$|\s+(?:@|at)\s|\s+(?:Series|seed|round))/i, metric: 'round_size' },
  { after: /^\s+(?:raised|secured|in new money)\b|^\s+(?:was|were|has been|had been)\s+(?:raised|secured|raked in|pulled in)\b/i, metric: 'round_size' },
  // "Perplexity, the $20 billion answer engine", "the $183 billion company's customers"
  // ("the $2 billion company", not "the $2 billion the company was seeking")
  { before: /\bthe\s+$/i, after: /^\s+(?!(?:the|a|an|its|their|that|which|it|this)\s)(?:[\w-]+\s+){0,2}?(?:company|startup|start-up|firm|lab|developer|maker|engine|unicorn|decacorn|giant|outfit|business|group|platform)\b/i, metric: 'valuation' },
  { before: /\b(?:raise|round|financing|fundraise)\s*,\s*$/i, metric: 'round_size' },
  { before: /\b(?:amount|sum)\s+(?:raised|secured)\s*:\s*$|(?<!\btotal\s+)\braised\s*:\s*$/i, metric: 'round_size' },
  { after: /^\s+(?:of|in)\s+new\s+(?:shares|stock|equity|preferred)\b/i, unless: /\bauthori[sz]\w*\b|\b(?:could|may|might|would)\b/i, metric: 'round_size' },
  { before: /\b(?:Series\s+[A-Z]\d?|round|seed|extension)\s+(?:total|tally|size)\s+(?:to|at|of|is|was)\s+$/i, metric: 'round_size' },
  { after: /^\s+(?:brings|lifts|pushes|takes|bringing|lifting|pushing|taking|values|valued|valuing)\b/i, metric: 'round_size' },
  { before: /^\s*At\s+$/, after: /^\s*,/, metric: 'valuation' },
  // "Figure AI, at $39 billion, trades at ...": a company set beside its price.
  { before: /[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3},\s*at\s+$/, after: /^\s*,/, metric: 'valuation' },
  { after: /^\s*:\s+(?:\S+\s+){0,3}?(?:post-money\s+|pre-money\s+)?valuation\b/i, metric: 'valuation' },
  { after: /^\s*:\s+(?:\S+\s+){0,3}?(?:annuali[sz]ed\s+|annual\s+|recurring\s+)*(?:revenues?|ARR|run-rate|sales)\b/i, metric: 'revenue' },
  { after: /^\s*:\s+(?:\S+\s+){0,3}?(?:total\s+(?:funding|raised|capital))\b/i, metric: 'total_raised' },
  { after: /^\s*:\s+(?:\S+\s+){0,3}?(?:settlement|fine|cost|costs|spending|loss|losses|burn|contract|deal with)\b/i, metric: null },
  { before: /\b(?:rais(?:e|es|ed|ing)|fundraising|seeking (?:funds|money|capital)|talks)\s+(?:(?:money|funds|capital|new money|fresh funds)\s+)?at\s+(?:an?\s+)?$/i, metric: 'valuation' },
  { before: new RegExp(`\\b${ROUND_NOUN}\\s*,?\\s+at\\s+(?:an?\\s+)?$`, 'i'), metric: 'valuation' },
  // (Not "$7.2 billion valuation, $100 million ARR": that valuation is the figure before.)
  { before: /\b(valuation|valued)\s*[,:—–]\s*$/i, unless: /\d\s*(?:trillion|billion|million|bn|mn|tn|[mbk])?\s+(?:post-money\s+|pre-money\s+)?(?:valuation|valued)\s*[,:—–]\s*$/i, metric: 'valuation' },
  { before: /\bvaluations?\b[^$€£¥.;]{0,60}?\bfrom\s+$/i, metric: 'valuation' },
  { before: /\b(?:revenues?|ARR|sales|run[- ]rate)\b[^$€£¥.;]{0,60}?\bfrom\s+$/i, metric: 'revenue' },
  { before: /\b(?:revenues?|ARR|sales|run[- ]rate(?: revenue)?|bookings)\s*:\s*$/i, metric: 'revenue' },
  { after: /^\s+(?:that|which)?\s*(?:[A-Z][\w.-]*\s+){1,3}(?:commanded|fetched|was valued at|is valued at|was worth|is worth)\b/, metric: 'valuation' },
  { after: /^\s+(?:that\s+)?(?:it|they|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})\s+(?:has|have|had)\s+(?:already\s+|now\s+|so far\s+)?(?:raised|collected|amassed|gathered)\b/, metric: 'total_raised' },
  // "has raised nearly €3 billion (about $3.4 billion) since it was founded": money gathered since a
  // start is the company's total, not one round.
  { after: SINCE_START, metric: 'total_raised' },
  { before: /\bin total\s*,?\s+(?:[\w.&'’-]+\s+){0,4}?(?:has|have|had)\s+(?:now\s+|so far\s+)?raised\s+(?:\S+\s+)?$/i, metric: 'total_raised' },
  { before: /\b(?:had|has|have)\s+(?:already\s+)?raised\s+(?:\S+\s+)?$/i, after: /^\s+(?:in\s+[\w\s-]{0,20}?)?before\s+(?:its|the|this|their|a|[A-Z][\w.&-]*['’]s)\b/i, metric: 'total_raised' },
  // "closed a $2 billion round, led by Nvidia, at $8 billion": the round's size came first, so the figure
  // after "at" is what the round valued the company at.
  { before: /[$€£¥]\s?\d[\d.,]*[\s-]*(?:billion|million|trillion|bn|mn|tn|[mb])?\s+(?:[\w-]+\s+){0,3}?(?:round|raise|financing|Series\s+[A-Z]\d?)\b[^$€£¥.;]{0,40},\s*at\s+(?:an?\s+)?$/i, metric: 'valuation' },
  { before: /\b(?:one|round|raise)\s+at\s+$/i, metric: 'valuation' },
  { before: /\b(?:round|raise|financing|seed|Series\s+[A-Z]\d?)\b[^$€£¥.;]{0,25},\s*at\s+$/i, unlessAfter: /^\s+(?:post|pre)(?:[- ]money)?\b|^\s+(?:[\w-]+\s+)?valuation\b/i, metric: 'round_size' },
  // ---- no funding figure
  { after: /^\s+as part of\b/i, metric: null },
  { after: /^\s+(?:investment|cheque|check|commitment)\s+from\b/i, metric: null },
  // "Amazon's $4B investment was the largest in the round": a named backer's own money ("Harvey's $300M
  // investment round" is a round; "before SoftBank's $500M investment in December" dates the round it was).
  { before: /[A-Z][\w.&-]*['’]s?\s+$/, after: /^\s+(?:investment|commitment|pledge|stake)\b(?!\s+(?:round|rounds|vehicle|arm))/i, unless: /\b(?:before|after|following|since|until)\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+$/, metric: null },
  // "wrote a $500M cheque", "Lightspeed's $1B check": one backer's ticket, never the round.
  { after: /^\s+(?:cheques?|checks?|ticket|contribution)\b/i, metric: null },
  // A backer's part named as such: "Iconiq's share of the round was $1B", "the largest single investment, $1B,",
  // "the investment from Amazon, $4B,", "led the round with $1B", "invested a total of $8B in ...",
  // "including $1B from Iconiq and $500M from Fidelity".
  { before: /\b(?:share|portion|part|slice|piece|chunk|allocation|cheque|check|contribution|commitment|ticket)\s+(?:of|in)\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?(?:round|financing|raise|deal|funding|Series\s+[A-Z]\d?)\s+(?:was|is|came to|comes to|amounted to|amounts to|totall?ed|of|at|:)\s+$/i, metric: null },
  { before: /\b(?:largest|biggest|single|top|lead)\s+(?:single\s+)?(?:cheque|check|investment|contribution|commitment|ticket)s?\s*(?:[,:—–]|\bwas\b|\bis\b)\s*$/i, metric: null },
  { before: /\binvestment\s+(?:from|by)\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\s*[,:—–]\s*$/, metric: null },
  { before: /\b(?:co-)?(?:led|joined|backed|anchored)\s+(?:the|its|a|an|this)\s+(?:[\w-]+\s+){0,2}?(?:round|financing|raise|investment|Series\s+[A-Z]\d?)\s+with\s+(?:an?\s+)?$/i, metric: null },
  { before: /\binvest(?:ed|s|ing)?\s+(?:a\s+)?(?:total|combined|cumulative)\s+(?:of\s+)?$/i, metric: null },
  { before: /\b(?:including|included|includes|of which)\s+(?:(?:US)?[$€£¥][\d.,]+\s*(?:billion|million|bn|mn|m|b)?\s+from\s+[^$€£¥;]{1,60}?(?:,\s*|\s+and\s+))*$/i, after: /^\s+(?:\([^)]{0,40}\)\s+)?from\s+(?:[A-Z]|its\s+|existing\s+)/, metric: null },
  // "SoftBank committed $30B of the $40B total": the total a backer's part is of is the round.
  { before: /\b(?:of|from)\s+(?:the|a|an)\s+$/i, after: /^\s+total\b(?!\s+(?:raised|funding|financing|capital|to date|so far|it has|the company has))/i, unless: /\b(?:raised|funding)\s+(?:\S+\s+){0,3}$/i, metric: 'round_size' },
  // "Of the total, Fidelity provided $400M": a named backer's part.
  { before: /[A-Z][\w.&-]*\s+(?:(?:alone|also|itself|reportedly|separately)\s+)?(?:provid(?:ed|es|ing)|suppl(?:ied|ies|ying)|accounted for|accounts for)\s+$/, metric: null },
  { after: /^\s+(?:\S+\s+){0,4}?to help (?:build|fund|pay for|finance)\b/i, metric: null },
  { after: /^\s+worth\s+of\b/i, metric: null },
  { after: /^\s+(?:[\w-]+\s+)?(?:gain|gains|profit|write-?down|write-?off|charge|impairment|markdown|mark-up|markup)\b/i, metric: null },
  { before: /\b(?:together|combined|collectively|between them)\s+(?:\S+\s+){0,2}?$/i, metric: null },
  { before: /\b(?:cheque|check|ticket|contribution|commitment)\s+(?:of|for|worth|was|is)\s+$/i, metric: null },
  { after: /^\s+(?:of|in)\s+(?:[\w-]+\s+){0,2}?(?:debt|loans?|credit|notes|bonds|convertibles?|venture debt|borrowing)\b/i, metric: null },
  { after: /^\s+for\s+(?:a\s+)?\d+(?:\.\d+)?\s?%/i, metric: null },
  { after: /^\s+club\b/i, metric: null },
  { before: /\b(?:share|stock)\s+price\s+(?:\S+\s+){0,2}?(?:of|at|is|was)?\s*$|\bprice per share\s+(?:of\s+)?$/i, metric: null },
  // hypotheses, losses, burn, per-head figures, a share of someone's cheque
  { before: /\b(?:could|might|may|would)\s+(?:one day\s+|eventually\s+|soon\s+|then\s+)?be\s+worth\s+$/i, metric: null },
  { before: /\b(?:lost|loses|losing|loss of|losses of|net loss of|burn(?:s|ed|ing|t)?(?:\s+through)?|burn rate of)\s+$/i, metric: null },
  { after: /^\s+(?:(?:of|in)\s+(?:revenue|sales)\s+)?per\s+(?:employee|head|user|seat|customer|share|month|year|token)\b/i, metric: null },
  { after: /^\s+(?:share|portion|slice|part|piece|chunk|allocation)\s+of\b/i, metric: null },
  { after: /^\s+(?:on the stock market|in market value|of market value|on paper|in stock market value)\b/i, metric: null },
  { before: /\b(?:analysts|observers|people|experts|bankers)\s+(?:\S+\s+){0,2}?(?:value|valued|put|estimate|estimated)\s+(?:it\s+)?at\s+$/i, metric: null },
  { before: /\b(?:commitments?|obligations?|spending|capex|purchases?|planned investment|investment in the project|investments? in (?:data cent(?:er|re)s|infrastructure|compute|chips))\s+(?:[^,;]{0,40}?\s+)?(?:worth|of|totall?ing|to)\s+$/i, metric: null },
  { before: /\b(?:position|holding|stake|shares)s?\s+(?:[^,;]{0,30}?\s+)?(?:is\s+|are\s+|was\s+)?(?:now\s+)?(?:worth|valued at)\s+$/i, metric: null },
  // an investor's own cheque or holding: "doubled its investment to", "a stake worth", "put in"
  { before: /\b(?:doubl|tripl|increas|rais|boost|upp|lift|expand|grow|grew|bring|brought|tak|took)\w*\s+(?:its|their|his|her)\s+(?:total\s+)?(?:investment|stake|commitment|holding|exposure|backing)s?\s+(?:in\s+\S+(?:\s+\S+)?\s+)?(?:to|by)\s+$/i, metric: null },
  { before: /\b(?:stake|holding|shares|stock|equity)\s+(?:\S+\s+){0,4}?(?:worth|valued at|of|totall?ing)\s+$/i, metric: null },
  { before: /\b(?:stake|holding)s?\s+(?:in\s+\S+(?:\s+\S+){0,2}\s+)?(?:is\s+|are\s+)?(?:now\s+)?(?:worth|valued at)\s+$/i, metric: null },
  { before: /\b(?:put(?:s|ting)?|pour(?:s|ed|ing)?|wr(?:ote|ites|iting) (?:a check|a cheque|checks|cheques) (?:for|of)|chipp(?:ed|ing) in|chips in|contribut(?:e|es|ed|ing)|commit(?:s|ted|ting)?|pledg(?:e|es|ed|ing)|invest(?:s|ed|ing)?|would invest|will invest|to invest|(?:its|their|his|her) (?:own\s+)?(?:investment|cheque|check|contribution|commitment|share|portion|stake) of)\s+(?:in\s+|up\s+)?(?:another\s+|an additional\s+|a further\s+|up to\s+)?$/i, metric: null },
  { after: /^\s+(?:of|in|into|to)\s+(?:the|this|that|its|their)\s+(?:round|financing|raise|deal|funding)\b/i, before: /\b(?:put(?:s|ting)?(?:\s+up)?|contribut\w+|invest\w*|commit\w*|provid\w+|suppl\w+|account\w* for|took|takes|bought|buys)\s+(?:in\s+)?$/i, metric: null },
  // demand, orders, interest
  { after: /^\s+(?:worth\s+of|of|in)\s+(?:investor\s+|buyer\s+)?(?:interest|demand|orders|bids|commitments|indications|subscriptions|oversubscription)\b/i, metric: null },
  { before: /\b(?:demand|interest|orders|bids|oversubscribed|subscriptions)\s+(?:\S+\s+){0,3}?(?:of|worth|totall?ing|topping|exceeding|reaching|at)\s+$/i, metric: null },
  // a minimum ticket
  { before: /\bminimum\s+(?:\S+\s+){0,3}?(?:of|is|was|at|:)?\s*$/i, metric: null },
  { after: /^\s+minimum\b/i, metric: null },
  // a secondary sale, a tender, a buyback, a share sale authorised but not done
  { after: /^\s+(?:(?:in|via|through|from|of)\s+)?(?:(?:a|an|the|its)\s+)?(?:[\w-]+\s+)?(?:secondary|tender offer|tender|buyback|buy-back|share sale|stock sale|share buyback|employee share)\b/i, unless: /\bvalu\w*\b[^$€£¥]{0,40}$|\bworth\s+$/i, metric: null },
  { after: /^\s+(?:worth\s+)?of\s+(?:existing\s+|employee\s+|its\s+|their\s+|company\s+|[A-Z][\w.-]*\s+)?(?:shares|stock|equity)\b|^\s+in\s+(?:existing\s+|employee\s+)?(?:shares|stock)\b/i, metric: null },
  { before: /\b(?:secondary|tender offer|tender|buyback|buy-back|share sale|stock sale|sell(?:s|ing)?|sold|resell\w*|offload\w*|cash(?:ed|ing)? out)\s+(?:sale\s+)?(?:\S+\s+){0,3}?(?:of|worth|for|totall?ing|up to|about)?\s*$/i, unless: /\bvalu(?:e|es|ed|ing)\s+\S+(?:\s+\S+)?\s+at\s+$/i, unlessAfter: /^\s+(?:[\w-]+\s+)?valuation\b/i, metric: null },
  { before: /\bauthori[sz](?:e|es|ed|ing)\s+(?:\S+\s+){0,6}?$/i, metric: null },
  // a fund, a programme, a plan
  { after: /^\s+(?!in\b|of\b|from\b|at\b|round\b|funding\b|valuation\b|raise\b)(?:[A-Za-z-]+\s+){0,3}?(?:fund|funds|vehicle|programme|program|initiative|scheme|plan|facility|pot)\b/i, metric: null },
  { before: /\b(?:fund|programme|program|initiative|scheme|plan|facility|pot)\s+(?:\S+\s+){0,2}?(?:of|worth|totall?ing|with|is worth|was worth|sized at|manages|managing)\s+$/i, metric: null },
  { before: /\b(?:manag(?:e|es|ed|ing)|oversee(?:s|ing)?|oversaw|assets under management of|AUM of)\s+$/i, metric: null },
  // contracts, orders, purchases
  { after: /^\s+(?:[A-Za-z-]+\s+){0,3}?(?:contract|contracts|agreement|order|orders|lease|licen[cs]ing deal|cloud deal|compute deal|supply deal|partnership|settlement|guarantee|warranty|credit line|credit lines|credit facility|revolving|acquisition|takeover|buyout|bid|offer)\b/i, metric: null },
  { before: /\b(?:contract|agreement|order|lease|partnership|settlement|acquisition|takeover|buyout|purchase|subsidy|grant|programme|program)s?\s+(?:[^;]{0,80}?\s+)?(?:worth|valued at|of|totall?ing|for)\s+$/i, metric: null },
  { before: /\b(?:buy(?:s|ing)?|bought|purchas\w+|acquir\w+|pay(?:s|ing)?|paid|spend(?:s|ing)?|spent|offer(?:s|ed|ing)?|bid(?:s|ding)?)\s+(?:\S+\s+){0,4}?(?:for\s+)?$/i, unlessAfter: /^\s+(?:[\w-]+\s+)?(?:round|raise|funding|Series)\b/i, metric: null },
  { after: /^\s+(?:price|price tag|price-tag)\b/i, metric: 'valuation' },
  // market values of listed companies
  { before: /\bmarket\s+(?:value|valuation|capitali[sz]ation|cap)\s+(?:\S+\s+){0,2}?(?:of|at|to|is|was|near|around|above|topping|reached|hit)?\s*$/i, metric: null },
  { after: /^\s+(?:in\s+)?market\s+(?:value|valuation|capitali[sz]ation|cap)\b/i, metric: null },
  // One backer's money, not the company's: "a multiyear investment from Microsoft worth $10B", "bringing the
  // retailer's investment to $8B", "$8B from Amazon alone".
  { before: /\binvestments?\s+(?:from\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\s+)?worth\s+$/i, metric: null },
  { before: /\b(?:bring|brings|bringing|brought|take|takes|taking|took|lift\w*|push\w*|rais\w+|doubl\w+)\s+(?:the\s+[a-z-]+|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['’]s\s+(?:total\s+|overall\s+|cumulative\s+)?(?:investment|stake|commitment|holding|exposure)s?\s+(?:\S+\s+)?to\s+$/i, metric: null },
  { after: /^\s+from\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\s+alone\b/, metric: null },
  // One product's revenue: "Its Claude Code tool alone brings in $500M a year", "Its AI products alone have passed a $1B run-rate".
  { before: /\b(?:tool|tools|product|products|app|apps|model|models|service|services|unit|business|line|offering)\s+alone\s+(?:\S+\s+){0,4}$/i, metric: null },
  // A target, not a raise: "against a target of $15B", "the $15B it had set out to raise".
  { before: /\b(?:target|goal|aim)\s+(?:of\s+)?$/i, metric: null },
  { after: /^\s+(?:it|the company|they|the startup)\s+(?:had\s+)?(?:set out|sought|aimed|hoped|planned|targeted|wanted|intended)\s+to\s+raise\b/i, metric: null },
  // A listed company's worth: "Baidu, by contrast, is listed and worth about 230 billion yuan".
  { before: /\blisted\b[^.;$€£¥]{0,30}\bworth\s+$/i, metric: null },
  // A deal signed with someone: "Groq signed a deal with Saudi Arabia worth $1.5B".
  { before: /\b(?:signed|signs|signing|struck|strikes|inked|inks|agreed)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:deal|agreement|contract|pact)\b[^;$€£¥]{0,60}?\b(?:worth|valued at|totall?ing)\s+$/i, metric: null },
  // A tally of the market, not one company's: "Our running total for AI rounds in May is $11.8B".
  { before: /\btotal\s+for\s+(?:[\w-]+\s+){0,3}?(?:rounds|deals|startups|companies|funding|investments?)\b[^$€£¥;]{0,30}$/i, metric: null },
  // "From Series A to $6.8 billion", "from a pre-Series A in February to $6.6 billion": from a stage to what it is worth.
  { before: /\bfrom\s+(?:(?:a|an|its|the)\s+)?(?:pre-)?(?:Series\s+[A-Z]\d?|seed|angel|garage|stealth|zero|nothing|scratch)\b[^$€£¥;]{0,30}?\bto\s+$/i, metric: 'valuation' },
  // "could be worth $1T within two years", "might one day be worth $100B if ...": a guess at the future.
  { before: /\b(?:could|might|may|will)\s+(?:one day\s+|eventually\s+|soon\s+|someday\s+)?be\s+worth\s+$/i, after: /^\s+(?:(?:with)?in|by)\s+(?:\w+\s+)?(?:years?|decades?|20\d\d)\b|^[^.;]{0,50}\bif\b/i, metric: null },
  // ---- total raised
  // "raised more than 2.5 billion yuan over the whole of last year": a year's rounds together.
  { after: /^\s+(?:over|across|during|throughout|in)\s+(?:the\s+(?:whole|course|entirety)\s+of\s+)(?:last|this|the past|the previous)\s+year\b/i, metric: 'total_raised' },
  // A dated list of rounds: "January 2024: $73.6 million at $520 million, led by IVP."
  { before: /^\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d{2}\s*[:—–]\s*$/, metric: 'round_size' },
  // "raised a total of ¥4B through a third-party allotment": the sum of one round's cheques is the round.
  { before: /\b(?:raised|raising|raises|secured|procured|received)\s+(?:a\s+)?(?:total|combined)\s+(?:of\s+)?$/i, after: ONE_ROUND_AFTER, metric: 'round_size' },
  // "it had raised $6M before", "had previously raised $75M": what came in before the news, all of it.
  { before: /\bhad\s+(?:already\s+|previously\s+)?(?:raised|taken in|secured)\s+$/i, after: /^\s+(?:before|previously|earlier|prior to|until|up to then|by then|in (?:all|total|earlier rounds|prior rounds)|across)\b|^\s*(?:[.;]|$)/i, metric: 'total_raised' },
  // A press release's boilerplate: "Founded in 2021, Acme has raised more than $650M from leading investors".
  { before: /\bFounded in (?:\d{4}|[A-Z][a-z]+ \d{4}),\s+(?:[A-Z][\w.&-]*\s+){1,4}(?:has|have)\s+(?:now\s+|so far\s+|already\s+)?(?:raised|secured|received)\s+$/, metric: 'total_raised' },
  { before: /\b(?:bring|brings|bringing|brought|take|takes|taking|took|lift|lifts|lifting|push|pushes|pushing|boost|boosts|boosting|raise|raises|raising|swell\w*)\s+(?:its|their|the\s+\S+['’]s|\S+['’]s|the)?\s*(?:total|overall|cumulative|aggregate)?\s*(?:funding|capital|investment|financing|fundraising|tally|haul|total|war chest)?\s*(?:raised\s+|total\s+|to date\s+|so far\s+)?(?:to|at)\s+$/i, metric: 'total_raised' },
  { before: /\b(?:total|overall|cumulative|aggregate)\s+(?:of\s+)?(?:(?:funding|capital|investment|financing|fundraising|amount)\s+)?(?:raised\s*)?(?:to date\s+|so far\s+)?(?:of|to|at|is|was|now|stands at|reached|reaches|is now|has reached|tops|topped|exceeds|exceeding|near|nearing|above|comes to|came to|amounts to|:)?\s*$/i, unlessAfter: ONE_ROUND_AFTER, metric: 'total_raised' },
  // ("raised a total of ¥4B through a third-party allotment": the sum of one round's cheques.)
  { before: /\b(?:raised|raising|secured|received|attracted|has raised|have raised)\s+(?:a\s+)?(?:total|combined|cumulative)\s+(?:of\s+)?$/i, unlessAfter: ONE_ROUND_AFTER, metric: 'total_raised' },
  { before: /\b(?:bring|brings|bringing|brought|take|takes|taking|took|lift\w*|push\w*)\s+(?:the\s+|its\s+|their\s+)?(?:total|tally|overall|sum)\b[^,;$€£¥]{0,70}?\bto\s+$/i, metric: 'total_raised' },
  { before: /\bin\s+total\s+(?:funding|capital|financing|investment)\s+(?:of\s+)?$/i, metric: 'total_raised' },
  { after: /^\s+(?:across (?:its |their )?(?:[\w-]+ (?:and |, )?){0,4}(?:rounds|financings|Series [A-Z]|seed)|(?:in\s+)?(?:total\s+)?(?:(?:funding|capital|financing|investment|equity|venture funding|outside funding|in funding|in capital|in equity)\s+)?(?:to date|so far|in total|in all(?! of)|altogether|in aggregate|overall|cumulatively|total|since (?:it was (?:founded|started|set up|launched)|its (?:founding|inception|launch|creation)|founding|inception|launch|\d{4})|across (?:\w+ )?(?:rounds|funding rounds|financings)|over (?:its|the) (?:lifetime|life|history)|(?:within|over|in) (?:the (?:past|last) )?(?:a )?\w+[- ](?:months?|years?)))\b/i, unless: /\b(?:second|third|fourth|fifth|another|latest|newest|fresh)\s+$/i, metric: 'total_raised' },
  { after: /^\s+in\s+(?:total|cumulative|combined|aggregate)\s+(?:funding|capital|financing|investment)\b/i, metric: 'total_raised' },
  // ---- valuation
  { before: /\b(?:post[- ]money)\s+(?:valuation\s+)?(?:\S+\s+){0,2}?(?:of|at|to|was|is|near|around|reached|hit|topping|:)?\s*$/i, metric: 'valuation', basis: 'post' },
  { before: /\b(?:pre[- ]money)\s+(?:valuation\s+)?(?:\S+\s+){0,2}?(?:of|at|to|was|is|near|around|reached|hit|topping|:)?\s*$/i, metric: 'valuation', basis: 'pre' },
  { after: /^\s+(?:post[- ]money)\b/i, metric: 'valuation', basis: 'post' },
  { after: /^\s+(?:pre[- ]money)\b/i, metric: 'valuation', basis: 'pre' },
  // (Not "$3B financing, valuation above $20B": a word and a comma between end the frame.)
  { after: /^\s+(?:of\s+|in\s+)?(?:(?!(?:round|financing|funding|raise|investment|Series|seed)\b)[^\s,;]+\s+)?valuations?\b/i, metric: 'valuation' },
  // "at a valuation that people familiar with the round put at about $230B"
  { before: /\bvaluation\s+(?:that|which)\s+[^$€£¥;]{0,60}?\b(?:put|puts|pegged|pegs|placed|places|set|sets|estimated|estimates)\s+at\s+$/i, metric: 'valuation' },
  { before: /\b(?:round|financing|deal|raise|tranche|investment|funding|injection|Series\s+[A-Z]\d?)\s*,?\s*(?:was\s+|is\s+|being\s+)?(?:valued|worth|sized)\s+at\s+$/i, metric: 'round_size', roundValued: true },
  { before: new RegExp(`\\bvalu(?:e|es|ed|ing)\\s+${VALUE_NOUN}\\s+at\\s+(?:${ART})?$`, 'i'), metric: 'valuation' },
  { before: new RegExp(`\\b(?:valued|valuation|value)[\\s,]+(?:(?![$€£¥\\d])(?!round\\b|funding\\b|raise\\b)\\S+\\s+){0,6}?(?:at|of|to|near|around|reached|hit|hits|topping|tops|topped|above|exceeding|surpassing|past|passing|crossing|crossed|was|is|stood at|stands at|now at|be|would be|will be|reach|rise to|rose to|climb to|climbed to|jump to|jumped to|grew to|doubled to|tripled to)\\s+(?:${ART})?$`, 'i'), metric: 'valuation' },
  { before: /\b(?:valuations?|valued)\s*(?:[:=]|\(|—|–|-)?\s*$/i, metric: 'valuation' },
  { before: /\b(?:put|puts|putting|pegged|pegs|pegging|placed|places|placing)\s+(?:its|the|their)\s+(?:value|worth|valuation)\s+(?:at|to)\s+$/i, metric: 'valuation' },
  // "the share sale now under way sets it at $500B", "a deal that pegs the startup at $12B"
  { before: /\b(?:sets?|setting|puts?|putting|pegged|pegs?|pegging|places?|placed|placing|prices?|priced|pricing)\s+(?:it|them|the (?:company|startup|firm|lab|group|business))\s+at\s+$/i, metric: 'valuation' },
  { before: /\b(?:is|was|are|were|be|been|being|now|company|startup|firm|lab|itself)\s+worth\s+(?:\S+\s+){0,1}?$/i, metric: 'valuation' },
  { before: /\b(?:worth|price tag|valuation|valued|value)\s*:?\s*$/i, unless: /\b(?:round|financing|funding|raise|deal|investment|tranche|injection|stake|shares|Series\s+[A-Z]\d?)\s*,?\s*(?:worth|valued)\s*$/i, metric: 'valuation' },
  { before: /\bvaluation\s+(?:after|following|post|with|in)\s+(?:the|this|its)\s+(?:new\s+)?(?:round|financing|raise|deal)\s+(?:is|was|of|at|stands at|came to|reached)\s+$/i, metric: 'valuation' },
  { before: /\bpost-investment\s+valuation\b[^$€£¥]{0,30}?(?:is|was|of|at|reached)\s+$/i, metric: 'valuation', basis: 'post' },
  { after: /^\s+val(?:n|uation)?\.?(?![a-z])/i, metric: 'valuation' },
  { before: /\b(?:price(?:\s+tag)?|value)\s+(?:(?![$€£¥\d])\S+\s+){0,5}?(?:at|of|is|was|to|be|been|being)\s+$/i, metric: 'valuation' },
  { before: /\bat\s+(?:a\s+)?(?:price|valuation)\s+(?:of\s+)?$/i, metric: 'valuation' },
  { after: /^\s+(?:post|pre)\b(?![- ]?(?:IPO|seed|tax|Series|A\b|B\b))/i, metric: 'valuation' },
  { after: /^\s+(?:unicorn|decacorn)\b/i, metric: 'valuation' },
  // ---- revenue
  { before: /\b(?:annual(?:i[sz]ed)?\s+)?(?:recurring\s+)?(?:revenues?|sales|turnover|bookings|ARR|run[- ]rate)\s+(?:run[- ]rate\s+)?(?:\S+\s+){0,4}?(?:of|at|to|reaching|reached|reach|hit|hits|hitting|topped|tops|topping|surpassed|passed|crossed|crossing|exceeded|exceeding|was|is|were|are|stood at|stands at|totall?ing|near|nearing|approaching|above|around|now|grew to|rose to|climbed to|jumped to|doubled to|:)\s+$/i, metric: 'revenue' },
  { before: /\b(?:generat(?:e|es|ed|ing)|earn(?:s|ed|ing)?|book(?:s|ed|ing)?|bring(?:s|ing)? in|brought in|post(?:s|ed|ing)?|report(?:s|ed|ing)?)\s+(?:\S+\s+){0,2}?(?:in\s+)?$/i, after: /^\s+(?:in\s+|of\s+)?(?:annual(?:i[sz]ed)?\s+)?(?:recurring\s+)?(?:revenues?|sales|ARR|turnover|run[- ]rate)\b/i, metric: 'revenue' },
  { after: /^\s+(?:in\s+|of\s+)?(?:annual(?:i[sz]ed)?\s+|yearly\s+)?(?:recurring\s+)?(?:revenues?|sales|ARR|turnover|bookings|run[- ]rate|annual run[- ]rate)\b/i, metric: 'revenue' },
  { before: /\b(?:generat\w*|earn\w*|bring(?:s|ing)? in|brought in|mak(?:e|es|ing)|made|book\w*)\s+(?:\S+\s+){0,2}?$/i, after: /^\s+(?:a|per|each)\s+(?:year|annum)\b|^\s+annually\b/i, metric: 'revenue' },
  // ---- cash
  { before: /\b(?:cash|war\s?chest|reserves?|liquidity)\s+(?:\S+\s+){0,3}?(?:of|at|to|toward|towards|near|around|was|is|stood at|stands at|:)\s+$/i, metric: 'cash_reserves' },
  { after: /^\s+(?:in\s+|of\s+)?(?:cash|war\s?chest|in the bank|on (?:its|the) balance sheet|cash reserves?|cash on hand)\b/i, metric: 'cash_reserves' },
  // ---- round size
  { after: /^\s+(?:of|in|at)\s+(?:the|its|their|that|this)\s+(?:[\w-]+\s+){0,2}?(?:round|raise|financing|fundraise|Series\s+[A-Z]\d?|seed)\b/i, metric: 'round_size', ofRound: true },
  { before: new RegExp(`\\b${ROUND_NOUN}(?:\\s*,?\\s+(?:of|totall?ing|worth|sized at|amounting to|valued at|at|size of|size at|was|is|came to|comes to)|\\s*:)\\s+(?:${ART})?$`, 'i'), metric: 'round_size' },
  { before: new RegExp(`\\b${RAISE_VERB}\\s+(?:${ART})?$`, 'i'), metric: 'round_size' },
  { after: new RegExp(`^\\s+(?:(?:in|for|of|as|from)\\s+)?(?:(?:a|an|the|its|this|their|new|fresh|latest|first|second|third|planned|proposed|mega|equity|venture|growth|strategic|funding|financing)\\s+){0,2}${ROUND_NOUN}\\b`, 'i'), metric: 'round_size' },
  { after: /^\s+in\s+(?:(?:new|fresh|additional|further|more|primary|equity|venture|growth|seed|pre-seed|strategic|Series\s+[A-Z]\d?|private|outside|external)\s+)*(?:funding|financing|capital|investment|money|funds|cash|equity|backing)\b/i, metric: 'round_size' },
  // A brief's "Sarvam AI — ₹1,000 crore (about $120 million) from Lightspeed and Peak XV": money from backers.
  { before: /^\s*(?:\d{1,2}[.)]\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4}\s*(?:[:—–]|,)\s*$/, after: /^\s*(?:\([^()]{0,40}\)\s*)?from\s+(?:[A-Z]|existing\s|new\s|investors\b|backers\b)/, metric: 'round_size' },
];

/** Hedge words between a frame and its figure ("valued at more than $2B"): not part of the frame. */
const HEDGE_TAIL = /(?:\b(?:between|about|roughly|nearly|approximately|approx\.?|close to|around|some|almost|circa|an estimated|estimated|approaching|toward|towards|just shy of|shy of|more than|just over|over|beyond|exceeding|above|at least|upwards of|north of|in excess of|greater than|up to|as much as|as high as|less than|just under|under|below|no more than|at most|a reported|a further|an additional|another)\s+|[~≈]\s*)+$/i;

/**
 * The words each "before" pattern's match must open with (wordstarts.ts reads them from the pattern); a text
 * holding none of them cannot match, and the pattern, tried at every start of the text, is skipped. A
 * pattern that opens otherwise ("^At", a name) has no such words and is always tried.
 */
const OPENINGS: (string[] | null)[] = FRAMES.map((f) => {
  if (!f.before) return null;
  try {
    return firstWordsOf(f.before);
  } catch {
    return null;
  }
});
/** For each opening word, the frames that open with it: a figure's text picks its candidate frames by the
 *  words it holds, in one pass, instead of trying every pattern. */
const BY_OPENING = new Map<string, number[]>();
OPENINGS.forEach((words, k) => {
  for (const w of words ?? []) BY_OPENING.set(w, [...(BY_OPENING.get(w) ?? []), k]);
});
const LONGEST_OPENING = Math.max(...[...BY_OPENING.keys()].map((w) => w.length));
const WORD = /[a-z][a-z-]*/g;

/** A pattern that may span many words ("valuation ... of", "{0,6}" words between) reads the long window;
 *  the others only the last few words, which is where their time goes. */
const LONG = FRAMES.map((f) => (f.before ? /\{0,(?:[4-9]|\d\d)\}|\{1,(?:[4-9]|\d\d)\}/.test(f.before.source) : false));

/** The frame the figure at [start, end) of `sentence` sits in, or null when it sits in none. */
export function frameOf(sentence: string, start: number, end: number): FrameReading | null {
  // The patterns end at the figure ("...$"), so each is tried at every start of the text before it: that
  // text is kept to the few words a frame can span, and the hedge is cut from its last words only.
  let before = sentence.slice(Math.max(0, start - 80), start);
  const tail = before.slice(-40);
  const hedge = HEDGE_TAIL.exec(tail);
  if (hedge) before = before.slice(0, before.length - tail.length + hedge.index);
  const after = sentence.slice(end, end + 90);
  const near = before.length > 45 ? before.slice(before.length - 45) : before;
  // The frames some word of the text opens (every prefix of each word looked up once).
  const candidate = new Uint8Array(FRAMES.length);
  const lower = before.toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    // A word starts after a hyphen too ("all-stock" holds "stock"), as a pattern's \b sees it.
    for (let from = 0; from >= 0; from = m[0].indexOf('-', from) < 0 ? -1 : m[0].indexOf('-', from) + 1) {
      const t = m[0].slice(from);
      for (let n = 2, top = Math.min(t.length, LONGEST_OPENING); n <= top; n++) {
        const ks = BY_OPENING.get(t.slice(0, n));
        if (ks) for (const k of ks) candidate[k] = 1;
      }
    }
  }
  for (let k = 0; k < FRAMES.length; k++) {
    const f = FRAMES[k];
    if (f.before && OPENINGS[k] && !candidate[k]) continue;
    if (f.after && !f.after.test(after)) continue;
    const text = LONG[k] ? before : near;
    if (f.before && !f.before.test(text)) continue;
    if (f.unless && f.unless.test(before)) continue;
    if (f.unlessAfter && f.unlessAfter.test(after)) continue;
    return { metric: f.metric, basis: f.basis, roundValued: f.roundValued, ofRound: f.ofRound };
  }
  return null;
}
