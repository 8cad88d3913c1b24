// Facts, articles and companies to rows of the ledger's tables and back. One place decides how a
// value is kept, for the ledger's writes and for the import of a key-value ledger alike.
import { createHash } from 'node:crypto';
import type { Article, Basis, Confidence, Fact, Metric, Status, When } from '../types';
import type { ArticlesTable, FactsTable } from './schema';
import type { StoredFact } from './figures';
import { companyKey } from '../facts/companies';

// Which company a name means is the facts' decision; the ledger keys its rows by it.
export { companyKey };
const sha = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 20);

/** Same article, same metric, same figure, same sentence: the same fact, however often it is read. */
export function factKey(f: Fact): string {
  return sha([f.articleId, f.metric, f.amount?.value ?? '', f.amount?.currency ?? '', f.name ?? '', f.round ?? '', f.basis ?? '', f.when, f.status, f.quote].join('\u0000'));
}

/** What a fact claims, whatever sentence says it: a reworded sentence with the same figure is no news. */
export const claimOf = (f: Fact): string =>
  [f.company.toLowerCase(), f.metric, f.amount?.value ?? '', f.amount?.currency ?? '', f.name ?? '', f.round ?? '', f.basis ?? '', f.when, f.status].join('\u0000');

export function factRow(sf: StoredFact): FactsTable {
  const f = sf.fact;
  return {
    company_key: companyKey(f.company), key: sf.key, article_id: f.articleId, company: f.company, metric: f.metric,
    amount_value: f.amount?.value ?? null, currency: f.amount?.currency ?? null, usd: f.amount?.usd ?? null,
    low: f.amount ? f.amount.low : null, high: f.amount ? f.amount.high : null, approx: f.amount ? Number(f.amount.approx) : null,
    name: f.name ?? null, basis: f.basis ?? null, round_name: f.round ?? null, when_said: f.when, status: f.status,
    ref_date: f.refDate ?? null, confidence: f.confidence ?? null, quote: f.quote, source: f.source, url: f.url,
    published: f.published ?? null, first_seen: sf.firstSeen, backfill: Number(sf.backfill), superseded_at: sf.supersededAt ?? null,
  };
}

// Postgres gives double precision back as numbers, SQLite as numbers too; a driver that gives text is read as well.
const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

/** The same text, held once: a company's facts repeat their article's link, source and dates, and a poll's time. */
export type Intern = (s: string) => string;

export function interner(): Intern {
  const held = new Map<string, string>();
  return (s) => {
    const x = held.get(s);
    if (x !== undefined) return x;
    held.set(s, s);
    return s;
  };
}

const same: Intern = (s) => s;

export function rowFact(r: FactsTable, intern: Intern = same): StoredFact {
  const t = (s: string | null): string | null => (s === null ? null : intern(s));
  // Built field by field, in one order, rather than by spreading optional parts: this runs once per
  // fact a company has, every time its answers are worked out.
  const fact = { company: intern(r.company), metric: r.metric as Metric } as Fact;
  if (r.amount_value !== null && r.currency !== null) {
    fact.amount = { value: num(r.amount_value)!, currency: intern(r.currency), usd: num(r.usd), low: num(r.low), high: num(r.high), approx: Boolean(num(r.approx)) };
  }
  if (r.name !== null) fact.name = intern(r.name);
  if (r.basis !== null) fact.basis = r.basis as Basis;
  if (r.round_name !== null) fact.round = intern(r.round_name);
  fact.when = r.when_said as When;
  fact.status = r.status as Status;
  fact.articleId = intern(r.article_id);
  fact.source = intern(r.source);
  fact.url = t(r.url);
  fact.quote = intern(r.quote);
  fact.published = t(r.published);
  if (r.ref_date !== null) fact.refDate = intern(r.ref_date);
  if (r.confidence !== null) fact.confidence = r.confidence as Confidence;
  const sf: StoredFact = { key: r.key, fact, firstSeen: intern(r.first_seen), backfill: Boolean(num(r.backfill)) };
  if (r.superseded_at) sf.supersededAt = intern(r.superseded_at);
  return sf;
}

export function articleRow(a: Pick<Article, 'id' | 'title' | 'url' | 'source' | 'published'> & { feed?: string }, firstSeen: string, backfill: boolean): ArticlesTable {
  return { id: a.id, feed: a.feed ?? '', title: a.title, link: a.url, source: a.source, published: a.published, first_seen: firstSeen, backfill: Number(backfill) };
}
