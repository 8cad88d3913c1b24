// The dates a text gives, resolved against the article's publication: "last November" in an article of
// May 2026 is 2025-11, "in July" the most recent July not after publication, "six months earlier" month
// arithmetic, "in 2023" the year, "early this year" the year. Which date a figure speaks of: the one in
// its own clause (the nearest, preferring one written after the figure, as "raised $X in July" puts it),
// else a date that opens the sentence ("In July, ...", "Two years ago, ...").
import type { Span } from './metric';

export interface DateMention {
  start: number;
  end: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  eighteen: 18, 'a few': 3, several: 4, 'a couple of': 2,
};
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SEASON_END: Record<string, number> = { spring: 5, summer: 8, autumn: 11, fall: 11, winter: 2 };

const MONTH_NAME = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const COUNT = '(\\d{1,2}|a few|a couple of|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)';

/** Each pattern with how it resolves; tried in order, a later match may not overlap an earlier one. */
const PATTERNS: { re: RegExp; resolve: (m: RegExpExecArray, pub: YearMonth) => string | null }[] = [
  // 2025-11-03, 2025-11
  { re: /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?\b/g, resolve: (m) => m[0] },
  // "last November", "November 2024", "Nov. 3, 2024", "in July", "its June round"
  {
    re: new RegExp(`\\b(?:(last|this|next|past)\\s+)?${MONTH_NAME}(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?![\\d,.]*\\s*(?:million|billion|bn|m\\b)))?(?:,?\\s+((?:19|20)\\d{2})|\\s+(?:of\\s+)?(last|this|next)\\s+year)?(?![A-Za-z])`, 'g'),
    resolve: (m, pub) => {
      const month = MONTHS[m[2].toLowerCase().replace('.', '')];
      if (m[2] === 'May' && /^\s+(?:be|have|not|also|well|still|need|want|take|raise|seek|value)\b/.test(m.input.slice(m.index + m[0].length))) return null;
      let year: number;
      if (m[4]) year = Number(m[4]);
      else if (m[5]) year = pub.year + (m[5].toLowerCase() === 'last' ? -1 : m[5].toLowerCase() === 'next' ? 1 : 0);
      // ("last July" written in August is a year back: last month would be "last month" or "in July".)
      else if (m[1]?.toLowerCase() === 'last') year = month < pub.month - 2 ? pub.year : pub.year - 1;
      else if (m[1]?.toLowerCase() === 'past') year = month < pub.month ? pub.year : pub.year - 1;
      else if (m[1]?.toLowerCase() === 'next') year = month > pub.month ? pub.year : pub.year + 1;
      else if (m[1]?.toLowerCase() === 'this') year = pub.year;
      else year = month <= pub.month ? pub.year : pub.year - 1;
      const day = m[3] ? `-${m[3].padStart(2, '0')}` : '';
      return `${year}-${String(month).padStart(2, '0')}${day}`;
    },
  },
  // "ended last year with", "at the start of the year", "earlier this year", "the first nine months"
  { re: /\b(?:ended|closed|finished)\s+(last|this)\s+year\b/gi, resolve: (m, pub) => `${m[1].toLowerCase() === 'last' ? pub.year - 1 : pub.year}-12` },
  {
    re: /\b(the start of|the beginning of|the end of|the middle of|early in|late in|earlier in)\s+the\s+year\b/gi,
    resolve: (m, pub) => (/start|beginning/i.test(m[1]) ? `${pub.year}-01` : /end/i.test(m[1]) ? `${pub.year}-12` : String(pub.year)),
  },
  { re: /\bearlier this year\b/gi, resolve: (_m, pub) => String(pub.year) },
  { re: /\b(?:the\s+)?first\s+(?:\w+\s+)?(?:months|quarter|half)(?:\s+of\s+(?:the|this)\s+year)?\b/gi, resolve: (_m, pub) => String(pub.year) },
  // "the end of last year", "early this year", "last year", "next year"
  {
    re: /\b(?:(?:(early|late|mid-?|the end of|the start of|the beginning of|the first half of|the second half of)\s+)?(last|this|next|the previous|the past)\s+year)\b/gi,
    resolve: (m, pub) => {
      const rel = m[2].toLowerCase();
      const year = rel === 'this' ? pub.year : rel === 'next' ? pub.year + 1 : pub.year - 1;
      const part = (m[1] ?? '').toLowerCase();
      if (part === 'the end of') return `${year}-12`;
      if (part === 'the start of' || part === 'the beginning of') return `${year}-01`;
      return String(year);
    },
  },
  // "last month", "this month", "last week"
  {
    re: /\b(last|this|next|earlier this|late last)\s+(month|week)\b/gi,
    resolve: (m, pub) => {
      const rel = m[1].toLowerCase();
      const shift = m[2].toLowerCase() === 'week' ? 0 : rel === 'last' || rel === 'late last' ? -1 : rel === 'next' ? 1 : 0;
      return ym(addMonths(pub, shift));
    },
  },
  // "last summer", "this spring"
  {
    re: /\b(last|this|past|next)\s+(spring|summer|autumn|fall|winter)\b/gi,
    resolve: (m, pub) => {
      const rel = m[1].toLowerCase();
      const end = SEASON_END[m[2].toLowerCase()];
      if (rel === 'this') return String(pub.year);
      if (rel === 'next') return String(end > pub.month ? pub.year : pub.year + 1);
      return String(end < pub.month ? pub.year : pub.year - 1);
    },
  },
  // "six months earlier", "two years ago", "a year before"
  {
    re: new RegExp(`\\b${COUNT}\\s+(months?|years?|weeks?)\\s+(ago|earlier|before|prior|previously)\\b`, 'gi'),
    resolve: (m, pub) => {
      const n = NUMBERS[m[1].toLowerCase()] ?? Number(m[1]);
      const unit = m[2].toLowerCase();
      if (!Number.isFinite(n)) return null;
      // "earlier" and "before" count from the date the sentence gave before, when it gave one.
      if (m[3].toLowerCase() !== 'ago' && !unit.startsWith('week')) return `REL:${unit.startsWith('year') ? 12 * n : n}`;
      if (unit.startsWith('week')) return ym(addMonths(pub, -Math.round((n * 7) / 30)));
      // "a year ago" names a month; "three years ago" only a year.
      if (unit.startsWith('year') && n > 1) return String(pub.year - n);
      return ym(addMonths(pub, unit.startsWith('year') ? -12 * n : -n));
    },
  },
  // "on Monday", "said on Thursday": the most recent such day, publication day included
  {
    re: /\b(?:on|last|this past)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
    resolve: (m, pub) => {
      if (!pub.day) return null;
      const want = WEEKDAYS.indexOf(m[1]);
      const d = new Date(Date.UTC(pub.year, pub.month - 1, pub.day));
      const back = (d.getUTCDay() - want + 7) % 7 || (/^last/i.test(m[0]) ? 7 : 0);
      d.setUTCDate(d.getUTCDate() - back);
      return d.toISOString().slice(0, 10);
    },
  },
  // "on the 17th" (Japanese and Chinese releases): that day of the publication's month, or the month before
  {
    re: /\bon the (\d{1,2})(?:st|nd|rd|th)\b/g,
    resolve: (m, pub) => {
      const day = Number(m[1]);
      if (!pub.day || day < 1 || day > 31) return null;
      const at = day <= pub.day ? pub : addMonths(pub, -1);
      return `${ym(at)}-${String(day).padStart(2, '0')}`;
    },
  },
  // "later that year", "by the end of that year": the year of the date before it
  { re: /\b(?:(later|earlier) (?:in )?|(?:by )?(the end of) |(?:in )?the same )?that year\b|\bthe same year\b/gi, resolve: (m) => (m[2] ? 'THAT_YEAR_END' : 'THAT_YEAR') },
  // "today": the day of publication
  { re: /\btoday\b/gi, resolve: (_m, pub) => (pub.day ? `${ym(pub)}-${String(pub.day).padStart(2, '0')}` : null) },
  // "the end of 2023", "the start of 2024"
  {
    re: /\b(the end of|the close of|the start of|the beginning of)\s+((?:19|20)\d{2})\b/gi,
    resolve: (m) => `${m[2]}-${/end|close/i.test(m[1]) ? '12' : '01'}`,
  },
  // "in 2023", "early 2024", "fiscal 2025", "2024's round", "Q3 2024"
  { re: /(?<![\d$€£¥.,])\b((?:19|20)\d{2})\b(?!\d|[.,]\d|\s*(?:million|billion|bn|m\b|[-–]\s*\d))/g, resolve: (m) => m[1] },
];

/** What a sentence cannot give a date without: a digit, a month, a weekday or a relative word. */
const DATE_CUE = /\d|\b(?:last|this|next|past|that|same)\s+(?:year|month|week|spring|summer|autumn|fall|winter|[A-Z])|\bago\b|\bearlier\b|\bbefore\b|\bprior\b|\btoday\b|\b(?:the (?:start|beginning|end|middle) of|early in|late in|earlier in) the year\b|\bfirst\s+(?:\w+\s+)?(?:months|quarter|half)\b|\b(?:ended|closed|finished) (?:last|this) year\b|day\b|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/;

/** Words before a date that make it no date of the figure: a founding, a launch, a deadline. */
const NOT_THE_FIGURES = /\b(?:founded|established|launched|started|set up|born|incorporated|formed|created|since|until|through|till)\s+(?:in\s+)?$/i;

interface YearMonth { year: number; month: number; day?: number }

function addMonths(p: YearMonth, n: number): YearMonth {
  const k = p.year * 12 + (p.month - 1) + n;
  return { year: Math.floor(k / 12), month: (k % 12) + 1 };
}
const ym = (p: YearMonth): string => `${p.year}-${String(p.month).padStart(2, '0')}`;

/** Every date in a sentence, resolved against `published`, left to right. */
export function findDates(sentence: string, published: Date): DateMention[] {
  if (!DATE_CUE.test(sentence)) return [];
  const pub = { year: published.getUTCFullYear(), month: published.getUTCMonth() + 1, day: published.getUTCDate() };
  const out: DateMention[] = [];
  for (const { re, resolve } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((d) => d.start < end && start < d.end)) continue;
      // "since August 2023, when ..." dates what the "when" clause tells.
      if (NOT_THE_FIGURES.test(sentence.slice(Math.max(0, start - 24), start)) && !/^\s*,\s*when\b/i.test(sentence.slice(end, end + 10))) continue;
      const date = resolve(m, pub);
      if (date) out.push({ start, end, date });
    }
  }
  out.sort((a, b) => a.start - b.start);
  // "that year" takes its year from the date the sentence gave before it, if any; "a year earlier" counts
  // back from it (else from publication).
  for (let k = 0; k < out.length; k++) {
    if (out[k].date.startsWith('REL:')) {
      const back = Number(out[k].date.slice(4));
      const prev = k > 0 && /^\d{4}-\d{2}/.test(out[k - 1].date) ? out[k - 1].date : null;
      const from = prev ? { year: Number(prev.slice(0, 4)), month: Number(prev.slice(5, 7)) } : pub;
      out[k] = { ...out[k], date: back >= 24 && !prev ? String(pub.year - back / 12) : ym(addMonths(from, -back)) };
      continue;
    }
    if (!out[k].date.startsWith('THAT_YEAR')) continue;
    const prev = k > 0 && !out[k - 1].date.startsWith('THAT') ? out[k - 1].date.slice(0, 4) : null;
    out[k] = { ...out[k], date: prev ? (out[k].date === 'THAT_YEAR_END' ? `${prev}-12` : prev) : '' };
  }
  return out.filter((d) => d.date !== '');
}


/**
 * The date a figure speaks of: the nearest date after it, up to the next clause that starts something else
 * ("raised $X at a $Y valuation in October" dates both); else the nearest date before it with no other
 * figure between; else a date that opens the sentence.
 */
export function dateFor(sentence: string, fig: Span, figures: Span[], dates: DateMention[]): string | undefined {
  if (!dates.length) return undefined;
  const between = (a: number, b: number): boolean => figures.some((f) => f !== fig && f.start >= a && f.end <= b);
  // "raised $X at a $Y valuation in October": a date may reach past a figure the first is raised at.
  const crossed = (a: number, b: number): boolean => figures.some((f) => f !== fig && f.start >= a && f.end <= b
    && !/^\s*(?:[\w-]+\s+){0,3}?(?:at|@)\s+(?:an?\s+)?$/i.test(sentence.slice(a, f.start)));
  // "today announced a $260M Series D at a $3B valuation": a date before may reach past the figure raised "at".
  const crossedBefore = (a: number, b: number): boolean => figures.some((f) => f !== fig && f.start >= a && f.end <= b
    && !/^\s*(?:[\w-]+\s+){0,8}?(?:at|@)\s+(?:an?\s+)?$/i.test(sentence.slice(f.end, fig.start)));
  // A date right after another figure is that figure's ("from $2.2B last year to $5.5B").
  const taken = (d: DateMention): boolean => figures.some((f) => f !== fig && f.end <= d.start && d.start - f.end <= 25 && !/[,;]/.test(sentence.slice(f.end, d.start)));
  let best: { d: DateMention; score: number } | null = null;
  for (const d of dates) {
    const after = d.start >= fig.end;
    const gap = after ? sentence.slice(fig.end, d.start) : sentence.slice(d.end, fig.start);
    if (gap.length > 70) continue;
    // "$183B, nearly triple its valuation in March", "triple the price it fetched in April": the date is the comparison's.
    if (after && COMPARED_BEFORE_DATE.test(gap)) continue;
    if (after) {
      // "... after its 2024 round" dates the figure by that round; "..., the company said on Monday" by the report.
      const linked = /^\s+(?:after|following|in|with|since)\s+(?:its|the|a|their)\s+(?:[\w-]+\s+){0,4}?$/i.test(gap)
        || /^[^;]*?\b(?:said|announced|confirmed|disclosed|reported|closed|completed|finali[sz]ed|told \w+)\s+(?:\S+\s+){0,3}?$/i.test(gap)
        // "raised $500M from SoftBank last December": the backers between the figure and its date.
        || /^\s+from\s+[A-Z][\w.&'’-]*(?:(?:\s+|\s+and\s+|,\s+(?:and\s+)?)[A-Z][\w.&'’-]*){0,6}\s+$/.test(gap);
      if (!linked && (NEW_CLAUSE.test(gap) || crossed(fig.end, d.start) || (between(fig.end, d.start) && /[,;:]/.test(gap)))) continue;
    } else {
      // "since August 2023, when it raised $X", "Series A, announced in September, was $30M", "today's Series B, $120M"
      const linked = /^\s*,\s*when\b[^;]*$/i.test(gap)
        || /^\s*,\s*(?:was|were|is|had been|came to|totall?ed|raised|secured|drew|brought in|(?:values?|valued|valuing|put)\s+(?:it|the company|its value|\w+(?:\s+\w+)?)\s+at)\s+(?:an?\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+)?$/i.test(gap)
        || /^['’]s\s+(?:[\w-]+\s+){0,3}?,?\s*$/.test(gap);
      // "raised $X in February at a $Y valuation": the date both figures share.
      const shared = /^\s+(?:(?:values?|valued|valuing)\s+(?:it|the company|\w+)\s+)?(?:at|@)\s+(?:an?\s+)?$/i.test(gap);
      if (!linked && (crossedBefore(d.end, fig.start) || (taken(d) && !shared) || /\b(?:now|today|and|but|then|while|whereas|since)\b|[;,]/i.test(gap))) continue;
    }
    const score = (after ? gap.length : gap.length * 1.5) + (gap.match(/[,;:—–(]/g) ?? []).length * 15;
    if (!best || score < best.score) best = { d, score };
  }
  if (best) return best.d.date;
  const first = dates[0];
  // A date that opens the sentence, set off by a comma ("In July, ...", "At its Series A in 2022, ...").
  // ("Compared with the Series A completed in January, ...": the opening's date is the other round's.)
  if (first.end <= fig.start && /^[^,;]{0,40}$/.test(sentence.slice(0, first.start)) && !/^\s*(?:Compared|Unlike|Versus|Against|Relative|Like)\b/i.test(sentence) && /^\s*,/.test(sentence.slice(first.end)) && !/;/.test(sentence.slice(first.end, fig.start))) return first.date;
  return undefined;
}

/** After a figure, where its clause ends and another begins: a date past this belongs to something else. */
const COMPARED_BEFORE_DATE = /\b(?:double|triple|quadruple|twice|thrice|(?:two|three|four|five|six|ten|\d+)\s+times|half|a fraction of|more than|less than|up from|down from|compared (?:with|to)|versus|than)\b[^$€£¥]*$/i;
const NEW_CLAUSE = /;|\b(?:and|but|while|whereas|then|now|after|before|since|up from|down from|compared|versus|from)\b/i;

/** Whole months from a date (its last month, for a year) to the publication: negative when after it. */
export function monthsBefore(date: string, published: Date): number {
  const [y, m] = date.split('-').map(Number);
  const pubK = published.getUTCFullYear() * 12 + published.getUTCMonth();
  const k = y * 12 + (m ? m - 1 : 11);
  return pubK - k;
}
