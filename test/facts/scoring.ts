// Scores the reader against cases that say what a careful reader takes from a text, the way
// ../shared/tools/score-scan.mjs scores a scan: a fact matches an expected one on company, metric (an
// expected investor also accepts a lead) and amount within 8% in USD, or investor name. Precision counts
// only facts on watched companies. Per class, with how often when/status/round/refDate agree on matches.
import type { Article, Fact, WatchedCompany } from '../../src/types';
import { DEFAULT_RATES } from '../../src/facts/rates';
import { extractFacts } from '../../src/facts/extract';

export interface ExpectedFact {
  company: string;
  metric: string;
  usd?: number;
  value?: number;
  currency?: string;
  name?: string;
  when?: string;
  status?: string;
  round?: string;
  basis?: string;
  refDate?: string;
}

export interface Case {
  class: string;
  title: string;
  text: string;
  published: string;
  watch: WatchedCompany[];
  facts: ExpectedFact[];
  /** Where the case came from, for the list of misses. */
  label: string;
}

/** The reference rates score-scan.mjs judges conversions by. */
const FX: Record<string, number> = { USD: 1, EUR: 1.16, GBP: 1.33, CNY: 0.14, RMB: 0.14, JPY: 0.0067, HKD: 0.128, INR: 0.0113, KRW: 0.00072 };

const norm = (s: unknown): string => String(s ?? '').toLowerCase().replace(/['’]s\b/g, '').replace(/[^a-z0-9\u4e00-\u9fff]+/g, ' ').trim();
const sameCo = (a: string, b: string): boolean => norm(a) === norm(b);
function nameMatch(a: string | undefined, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return false;
  const head = (s: string): string => s.split(' ').find((w) => !['the', 'a'].includes(w)) ?? '';
  return x.includes(y) || y.includes(x) || (head(x) === head(y) && head(x).length > 3);
}
const expUsd = (e: ExpectedFact): number | null => e.usd ?? (e.value != null ? e.value * (FX[e.currency ?? 'USD'] ?? 1) : null);

function moneyMatch(f: Fact, e: ExpectedFact): boolean {
  const want = expUsd(e);
  const a = f.amount;
  if (!a || want == null) return false;
  const usd = typeof a.usd === 'number' ? a.usd : a.value * (FX[a.currency] ?? NaN);
  if (Number.isFinite(usd) && Math.abs(usd - want) / want <= 0.08) return true;
  const scale = a.usd && a.value ? a.usd / a.value : 1;
  const lo = typeof a.low === 'number' ? a.low * scale : null;
  const hi = typeof a.high === 'number' ? a.high * scale : null;
  return lo != null && want >= lo * 0.95 && (hi == null ? want <= lo * 1.25 : want <= hi * 1.05);
}

export function factMatch(f: Fact, e: ExpectedFact): boolean {
  return sameCo(f.company, e.company) && (f.metric === e.metric || (e.metric === 'investor' && f.metric === 'lead_investor'))
    && (e.name ? nameMatch(f.name, e.name) : moneyMatch(f, e));
}

export interface Tally {
  expected: number;
  found: number;
  produced: number;
  right: number;
  /** Per attribute: matched facts whose expectation states it, and how many of those agree. */
  attrs: Record<'when' | 'status' | 'round' | 'refDate', { checked: number; agree: number }>;
}

export interface Score {
  byClass: Map<string, Tally>;
  misses: string[];
}

const newTally = (): Tally => ({
  expected: 0, found: 0, produced: 0, right: 0,
  attrs: { when: { checked: 0, agree: 0 }, status: { checked: 0, agree: 0 }, round: { checked: 0, agree: 0 }, refDate: { checked: 0, agree: 0 } },
});

export function caseArticle(c: Case, id: string): Article {
  const text = c.title ? `${c.title}\n${c.text}` : c.text;
  return {
    id, title: c.title, url: null, canonicalUrl: null, source: 'Corpus', feed: 'corpus', published: c.published,
    summary: '', text, duplicates: [],
  };
}

const show = (f: Fact): string => `${f.company} ${f.metric} ${f.name ?? f.amount?.usd ?? f.amount?.value}${f.when === 'past' ? ' past' : ''}${f.refDate ? ` @${f.refDate}` : ''}`;
const showExp = (e: ExpectedFact): string => `${e.company} ${e.metric} ${e.name ?? expUsd(e)}${e.when === 'past' ? ' past' : ''}${e.refDate ? ` @${e.refDate}` : ''}`;

export function scoreCases(cases: Case[]): Score {
  const byClass = new Map<string, Tally>();
  const misses: string[] = [];
  cases.forEach((c, i) => {
    const t = byClass.get(c.class) ?? newTally();
    byClass.set(c.class, t);
    const now = new Date(c.published);
    const all = extractFacts(caseArticle(c, `case${i}`), { watch: c.watch, rates: DEFAULT_RATES, now });
    const watched = c.watch.map((w) => w.name);
    const got = all.filter((f) => watched.some((w) => sameCo(w, f.company)));
    const where = `[${c.class}] ${c.label}: ${c.text.slice(0, 140)}`;
    for (const e of c.facts) {
      t.expected++;
      const matches = got.filter((f) => factMatch(f, e));
      if (!matches.length) { misses.push(`missed ${showExp(e)} ${where}`); continue; }
      t.found++;
      const f = matches.find((m) => (e.when ?? m.when) === m.when) ?? matches[0];
      const check = (attr: keyof Tally['attrs'], want: string | undefined, have: string | undefined): void => {
        if (want === undefined) return;
        t.attrs[attr].checked++;
        if (norm(want) === norm(have)) t.attrs[attr].agree++;
        else misses.push(`${attr} ${have ?? '-'} for ${want}: ${showExp(e)} ${where}`);
      };
      check('when', e.when, f.when);
      check('status', e.status, f.status);
      check('round', e.round, f.round);
      check('refDate', e.refDate, f.refDate);
    }
    for (const f of got) {
      t.produced++;
      if (c.facts.some((e) => factMatch(f, e))) t.right++;
      else misses.push(`wrong ${show(f)} ${where}`);
    }
  });
  return { byClass, misses };
}

const pct = (a: number, b: number): string => (b === 0 ? '   - ' : (a / b).toFixed(2).padStart(5));

export function table(score: Score, title: string): string {
  const rows = [`${title}`, 'class          precision        recall          when   status  round  refDate'];
  const total = newTally();
  const line = (name: string, t: Tally): string => `${name.padEnd(14)} ${pct(t.right, t.produced)} ${`${t.right}/${t.produced}`.padEnd(9)} ${pct(t.found, t.expected)} ${`${t.found}/${t.expected}`.padEnd(9)}`
    + ` ${(['when', 'status', 'round', 'refDate'] as const).map((k) => pct(t.attrs[k].agree, t.attrs[k].checked)).join('  ')}`;
  for (const [name, t] of [...score.byClass].sort()) {
    rows.push(line(name, t));
    total.expected += t.expected; total.found += t.found; total.produced += t.produced; total.right += t.right;
    for (const k of ['when', 'status', 'round', 'refDate'] as const) { total.attrs[k].checked += t.attrs[k].checked; total.attrs[k].agree += t.attrs[k].agree; }
  }
  rows.push(line('all', total));
  return rows.join('\n');
}

export const precision = (t: Tally): number => (t.produced === 0 ? 1 : t.right / t.produced);
export const recall = (t: Tally): number => (t.expected === 0 ? 1 : t.found / t.expected);
