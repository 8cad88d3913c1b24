// The ledger: every fact the bot has read, with where and when, in tables of its own (see schema.ts),
// brought up to date with its migrations on an open store's first read or write (see tables.ts).
// Rounds, current answers and conflicts are the rounds stage's answer over a company's facts, so one
// module owns the grouping. A company's answers are kept as a summary (see summary.ts) under the
// company's generation, which every record that changes its facts moves on: the poll that recorded
// them works the summary out again (`refresh`), and a question reads one row, never the facts.
import type { Article, Conflict, CurrentAnswer, Fact, FundingEvent, Round, WatchedCompany } from '../types';
import type { Store } from '../store/types';
import type { SelectQueryBuilder } from 'kysely';
import type { ArticlesTable, FactsTable, LedgerSchema, LedgerTrx } from './schema';
import { jsonPageOf, rowsOfJson } from './fact-json';
import { analyseRounds, dayOf, DAY_MS, DEFAULT_ROUND_WINDOW_DAYS } from '../rounds';
import { rulesFingerprint, summaryOf, type CompanySummary } from './summary';
import { mergeFigures, type Figure, type StoredFact } from './figures';
import { articleRow, claimOf, companyKey, factKey, factRow, interner, rowFact } from './rows';
import { matchRounds, priorReading, roundDigest, type RoundNews } from './digest';
import { ledgerTables, type LedgerTables } from './tables';
import { roundLabel } from './round-label';
import type { DigestEvent, DigestInput, UnwatchedNews } from '../types';

export { agree, mergeFigures, newestDate, type Figure, type MergedFigure, type StoredFact } from './figures';
export { factKey } from './rows';
export type { CompanySummary, LinkFact } from './summary';

export interface StoredArticle {
  id: string;
  title: string;
  url: string | null;
  source: string;
  published: string | null;
  firstSeen: string;
  backfill: boolean;
}

export interface StoredEvent {
  event: FundingEvent;
  firstSeen: string;
  backfill: boolean;
}

/** A round the facts of one poll brought: one no earlier fact spoke of, or one in talks they report closed. */
export interface RoundArrival {
  kind: 'new_round' | 'closed';
  round: Round;
  /** For 'closed': the talks' date as first reported. */
  talksDate?: string | null;
  /** What the digest would say of it: its figures with their sources, and any disagreement in it. */
  news: RoundNews;
}

export interface CompanyEntry {
  name: string;
  watched: boolean;
  firstSeen: string;
}

export interface RecordResult {
  /** Facts not already in the ledger. */
  added: StoredFact[];
  /** Claims a corrected article no longer makes (see `record`'s `revised`). */
  superseded: StoredFact[];
}

/** Where a digest is going: the companies it covers (null = every watched one) and its title. */
export interface DigestScope {
  companies: string[] | null;
  title?: string;
}

/** A company as the rounds stage reads its facts: its rounds, current answers and conflicts. */
export interface CompanyRounds {
  /** The company's live facts, oldest first, each round-level one with its round. */
  facts: StoredFact[];
  rounds: Round[];
  current: CurrentAnswer[];
  conflicts: Conflict[];
}

/** An event with its articles (as kept), the first of which reported it first. */
export interface EventItem extends StoredEvent {
  first: StoredArticle | null;
  articles: StoredArticle[];
}

const CHUNK = 400;
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Keys by company, each once: what a lookup by a table's (company, key) primary key is asked. */
function byCompany(pairs: [string, string][]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const [ck, key] of pairs) {
    const set = out.get(ck);
    if (set) set.add(key); else out.set(ck, new Set([key]));
  }
  return new Map([...out].map(([ck, keys]) => [ck, [...keys]]));
}

const storedArticle = (r: ArticlesTable): StoredArticle => ({ id: r.id, title: r.title, url: r.link, source: r.source, published: r.published, firstSeen: r.first_seen, backfill: Boolean(Number(r.backfill)) });

/** The fact an unwatched company's article is listed by: its first round size, else its first fact with an amount. */
const leadRank = (f: Fact): number => (f.metric === 'round_size' ? 2 : f.amount ? 1 : 0);

/** A fact as far as a news line reads it, from the lead columns alone. The row is written out column by
 *  column, not spread from the driver's: a driver row is a dictionary, and spreading it makes another. */
function leadFact(company: string, r: Pick<FactsTable, (typeof LEAD_COLUMNS)[number]>): Fact {
  const { fact } = rowFact({
    company_key: '', key: '', article_id: r.article_id, company, metric: r.metric,
    amount_value: r.amount_value, currency: r.currency, usd: r.usd, low: r.low, high: r.high, approx: r.approx,
    name: null, basis: null, round_name: null, when_said: 'current', status: 'reported', ref_date: null, confidence: null,
    quote: r.quote, source: r.source, url: r.url, published: null, first_seen: '', backfill: 0, superseded_at: null,
  });
  return fact;
}

export interface LedgerOptions {
  /** Reports of one company this close together, naming no different rounds, are one round (days). */
  roundWindowDays?: number;
  /** Facts read as the driver's rows even on SQLite: the plain definition the JSON pages are tested against. */
  driverRows?: boolean;
}

interface FactQuery { superseded?: boolean; from?: string; until?: string; news?: boolean }

/** Pages of FACT_PAGE rows in (first seen, key) order, each read after where the last one ended. */
async function* keysetPages<R extends Pick<FactsTable, 'first_seen' | 'key'>>(read: (at: { seen: string; key: string } | null) => Promise<R[]>): AsyncGenerator<R[]> {
  let at: { seen: string; key: string } | null = null;
  for (;;) {
    const rows = await read(at);
    if (rows.length) yield rows;
    if (rows.length < FACT_PAGE) return;
    const last = rows[rows.length - 1];
    at = { seen: last.first_seen, key: last.key };
  }
}

/** A company's facts as a query asks for them, after the page that ended at `at` (first seen, key). */
function factFilter<Q extends SelectQueryBuilder<LedgerSchema, 'ledger_facts', object>>(q: Q, ck: string, opts: FactQuery, at: { seen: string; key: string } | null): Q {
  let f = q.where('company_key', '=', ck);
  if (!opts.superseded) f = f.where('superseded_at', 'is', null);
  if (opts.from) f = f.where('first_seen', '>', opts.from);
  if (opts.until) f = f.where('first_seen', '<=', opts.until);
  if (opts.news) f = f.where('backfill', '=', 0);
  if (at) f = f.where((eb) => eb.or([eb('first_seen', '>', at.seen), eb.and([eb('first_seen', '=', at.seen), eb('key', '>', at.key)])]));
  return f as Q;
}

/** What an unwatched company's news line needs of a fact (see unwatchedNews). */
const LEAD_COLUMNS = ['article_id', 'metric', 'amount_value', 'currency', 'usd', 'low', 'high', 'approx', 'quote', 'source', 'url'] as const;

/** Fact rows read at once (see factPages). */
const FACT_PAGE = 2000;

/** How many companies' summaries a ledger holds in memory (see `rounds`). */
const KEPT_ANSWERS = 32;

/** Where a summary stands: the company's generation, and the day it is for when some fact is undated. */
interface SummaryStamp { generation: number; day: number | null }

const dayNumber = (now: Date): number => Math.floor(now.getTime() / DAY_MS);
const current = (s: SummaryStamp, generation: number, now: Date): boolean => s.generation === generation && (s.day === null || s.day === dayNumber(now));

export class Ledger {
  private readonly watched: Map<string, string>;
  /** Summaries read or made, by company key, the most recently used last. */
  private readonly kept = new Map<string, SummaryStamp & { summary: CompanySummary }>();
  /** Companies whose facts this ledger recorded since its last `refresh`: key -> name. */
  private readonly recorded = new Map<string, string>();
  private worked = 0;

  /** How many times this ledger worked a company's answers out from its facts (rather than read them). */
  get rebuilds(): number {
    return this.worked;
  }

  private readonly tables: LedgerTables;

  constructor(store: Store, watch: WatchedCompany[], private readonly opts: LedgerOptions = {}) {
    this.watched = new Map(watch.map((w) => [w.name.toLowerCase(), w.name]));
    this.tables = ledgerTables(store);
  }

  /** Brings the store's tables up to date now (a store of an older bot is carried over, or refused with
   *  what to do), so that `moonshot run` says so at start rather than at its first poll or question. */
  async prepare(): Promise<void> {
    await this.tables.read(async () => undefined);
  }

  isWatched(company: string): boolean {
    return this.watched.has(company.toLowerCase());
  }

  /**
   * Records what one poll read, in one transaction. Idempotent: a fact already known keeps its
   * first-seen time, so reading the same article again (a crash before it was marked seen) changes nothing.
   *
   * `revised` names articles their own feed changed since we read them (new id -> the ids it had
   * before, often the same): their earlier claims that the new text no longer makes are superseded,
   * so a figure corrected in place is an update, not a disagreement of the article with itself. A
   * claim the new text still makes keeps its first-seen time and is not news again.
   */
  async record(batch: { articles: Article[]; facts: Fact[]; events: FundingEvent[] }, at: Date, opts: { backfill?: boolean; revised?: Map<string, string[]> } = {}): Promise<RecordResult> {
    const firstSeen = at.toISOString();
    const backfill = opts.backfill ?? false;
    return this.tables.write(async (trx) => {
      const added: StoredFact[] = [];
      const superseded: StoredFact[] = [];
      await this.putCompanies(trx, batch.facts, firstSeen);
      await this.putArticles(trx, batch.articles, firstSeen, backfill, opts.revised);

      // Earlier live claims of each revised article, by what they claim.
      const earlier = new Map<string, Map<string, StoredFact>>();
      for (const [id, priorIds] of opts.revised ?? []) {
        const rows = await trx.selectFrom('ledger_facts').selectAll().where('article_id', 'in', [...new Set([id, ...priorIds])]).where('superseded_at', 'is', null).execute();
        earlier.set(id, new Map(rows.map((r) => { const sf = rowFact(r); return [claimOf(sf.fact), sf]; })));
      }
      const keyed = batch.facts.map((fact) => ({ fact, ck: companyKey(fact.company), key: factKey(fact) }));
      const known = new Map<string, { superseded: boolean }>();
      // By company and key, the table's own key: a key alone would be a scan of every fact.
      for (const [ck, keys] of byCompany(keyed.map((k) => [k.ck, k.key]))) {
        for (const part of chunks(keys)) {
          for (const r of await trx.selectFrom('ledger_facts').select(['key', 'superseded_at']).where('company_key', '=', ck).where('key', 'in', part).execute()) {
            known.set(`${ck}\u0000${r.key}`, { superseded: r.superseded_at !== null });
          }
        }
      }
      const puts = new Map<string, FactsTable>();
      const kept = new Set<string>();
      for (const { fact, ck, key } of keyed) {
        const id = `${ck}\u0000${key}`;
        const same = earlier.get(fact.articleId)?.get(claimOf(fact));
        if (same) kept.add(`${companyKey(same.fact.company)}\u0000${same.key}`);
        const ex = known.get(id);
        if ((ex && !ex.superseded) || (puts.has(id) && !same)) continue;
        // A claim the article made before (maybe in other words) keeps the time we first read it.
        const sf: StoredFact = same ? { key, fact, firstSeen: same.firstSeen, backfill: same.backfill } : { key, fact, firstSeen, backfill };
        puts.set(id, factRow(sf));
        kept.add(id);
        if (!same) added.push(sf);
      }
      for (const part of chunks([...puts.values()])) {
        await trx.insertInto('ledger_facts').values(part).onConflict((oc) => oc.columns(['company_key', 'key']).doUpdateSet((eb) => ({
          first_seen: eb.ref('excluded.first_seen'), backfill: eb.ref('excluded.backfill'), superseded_at: eb.ref('excluded.superseded_at'),
        }))).execute();
      }
      for (const claims of earlier.values()) {
        for (const sf of claims.values()) {
          const ck = companyKey(sf.fact.company);
          if (kept.has(`${ck}\u0000${sf.key}`)) continue;
          await trx.updateTable('ledger_facts').set({ superseded_at: firstSeen }).where('company_key', '=', ck).where('key', '=', sf.key).execute();
          superseded.push({ ...sf, supersededAt: firstSeen });
        }
      }
      await this.putEvents(trx, batch.events, firstSeen, backfill);
      // Any change to a company's facts moves its generation on, in the same transaction: a summary
      // made before it is never read as current.
      const changed = new Set([...puts.values()].map((r) => r.company_key));
      for (const sf of superseded) changed.add(companyKey(sf.fact.company));
      for (const part of chunks([...changed])) {
        await trx.updateTable('ledger_companies').set((eb) => ({ generation: eb('generation', '+', 1) })).where('key', 'in', part).execute();
      }
      for (const f of batch.facts) if (changed.has(companyKey(f.company))) this.recorded.set(companyKey(f.company), f.company);
      for (const sf of superseded) this.recorded.set(companyKey(sf.fact.company), sf.fact.company);
      return { added, superseded };
    });
  }

  private async putCompanies(trx: LedgerTrx, facts: Fact[], firstSeen: string): Promise<void> {
    const byKey = new Map<string, { key: string; name: string; watched: number; first_seen: string }>();
    for (const f of facts) {
      const ck = companyKey(f.company);
      if (!byKey.has(ck)) byKey.set(ck, { key: ck, name: this.watched.get(f.company.toLowerCase()) ?? f.company, watched: Number(this.isWatched(f.company)), first_seen: firstSeen });
    }
    for (const part of chunks([...byKey.values()])) await trx.insertInto('ledger_companies').values(part).onConflict((oc) => oc.column('key').doNothing()).execute();
  }

  private async putArticles(trx: LedgerTrx, articles: Article[], firstSeen: string, backfill: boolean, revised: Map<string, string[]> | undefined): Promise<void> {
    const unique = [...new Map(articles.map((a) => [a.id, a])).values()];
    for (const part of chunks(unique)) {
      await trx.insertInto('ledger_articles').values(part.map((a) => articleRow(a, firstSeen, backfill))).onConflict((oc) => oc.column('id').doNothing()).execute();
    }
    for (const a of unique) {
      if (revised?.has(a.id)) await trx.updateTable('ledger_articles').set({ title: a.title }).where('id', '=', a.id).execute();
    }
    const sightings = new Map<string, { article_id: string; feed: string; source: string; link: string }>();
    for (const a of unique) {
      for (const d of a.duplicates) sightings.set(`${a.id}\u0000${d.feed}\u0000${d.url ?? ''}`, { article_id: a.id, feed: d.feed, source: d.source, link: d.url ?? '' });
    }
    for (const part of chunks([...sightings.values()])) {
      await trx.insertInto('ledger_sightings').values(part).onConflict((oc) => oc.columns(['article_id', 'feed', 'link']).doNothing()).execute();
    }
  }

  /** New events with their articles; an event already known keeps the articles it was recorded with. */
  private async putEvents(trx: LedgerTrx, events: FundingEvent[], firstSeen: string, backfill: boolean): Promise<void> {
    const fresh = new Map<string, FundingEvent>();
    for (const e of events) {
      const id = `${companyKey(e.company)}\u0000${e.id}`;
      if (!fresh.has(id)) fresh.set(id, e);
    }
    for (const [ck, ids] of byCompany(events.map((e) => [companyKey(e.company), e.id]))) {
      for (const part of chunks(ids)) {
        for (const r of await trx.selectFrom('ledger_events').select('id').where('company_key', '=', ck).where('id', 'in', part).execute()) fresh.delete(`${ck}\u0000${r.id}`);
      }
    }
    const rows = [...fresh.values()].map((e) => ({ company_key: companyKey(e.company), id: e.id, company: e.company, headline: e.headline, published: e.published ?? null, first_seen: firstSeen, backfill: Number(backfill) }));
    for (const part of chunks(rows)) await trx.insertInto('ledger_events').values(part).onConflict((oc) => oc.columns(['company_key', 'id']).doNothing()).execute();
    const links = [...fresh.values()].flatMap((e) => [...new Set(e.articleIds)].map((id, position) => ({ company_key: companyKey(e.company), event_id: e.id, article_id: id, position })));
    for (const part of chunks(links)) await trx.insertInto('ledger_event_articles').values(part).onConflict((oc) => oc.columns(['company_key', 'event_id', 'article_id']).doNothing()).execute();
  }

  /** Companies known, watched first, then by name. */
  async companies(): Promise<CompanyEntry[]> {
    const rows = await this.tables.read((db) => db.selectFrom('ledger_companies').selectAll().execute());
    return rows.map((r) => ({ name: r.name, watched: Boolean(Number(r.watched)), firstSeen: r.first_seen }))
      .sort((a, b) => Number(b.watched) - Number(a.watched) || a.name.localeCompare(b.name));
  }

  /** Every fact on a company, oldest first; claims a corrected article withdrew only when asked. */
  async facts(company: string, opts: { superseded?: boolean; until?: string } = {}): Promise<StoredFact[]> {
    const out: StoredFact[] = [];
    const intern = interner();
    for await (const page of this.factPages(companyKey(company), opts)) for (const r of page) out.push(rowFact(r, intern));
    return out;
  }

  /**
   * A company's fact rows in first-seen order, a page at a time through the (company, first seen, key)
   * index: a driver holds one page of rows at once, however many facts the company has.
   */
  private async *factPages(ck: string, opts: FactQuery): AsyncGenerator<FactsTable[]> {
    if (this.tables.dialect !== 'sqlite' || this.opts.driverRows) { yield* this.factColumnPages(ck, opts, null); return; }
    // On SQLite, each page comes as one JSON text (see fact-json.ts): the same rows, read faster.
    yield* keysetPages((at) => this.tables.read(async (db) => {
      const page = factFilter(db.selectFrom('ledger_facts'), ck, opts, at).selectAll().orderBy('first_seen').orderBy('key').limit(FACT_PAGE);
      const r = await db.selectFrom(page.as('p')).select(jsonPageOf('p').as('rows')).executeTakeFirst();
      return rowsOfJson(r?.rows ?? '[]');
    }));
  }

  /** As factPages, with only the columns given (and the ones it pages by): fewer values for the driver to make. */
  private factColumnPages<C extends keyof FactsTable>(ck: string, opts: FactQuery, columns: readonly C[] | null): AsyncGenerator<Pick<FactsTable, C | 'first_seen' | 'key'>[]> {
    return keysetPages((at) => this.tables.read((db) => {
      const ordered = factFilter(db.selectFrom('ledger_facts'), ck, opts, at).orderBy('first_seen').orderBy('key').limit(FACT_PAGE);
      return (columns ? ordered.select([...new Set([...columns, 'first_seen', 'key'] as const)]) : ordered.selectAll()).execute() as Promise<Pick<FactsTable, C | 'first_seen' | 'key'>[]>;
    }));
  }

  /** The company's figures: agreeing claims merged, current and past, every metric. */
  async figures(company: string): Promise<Figure[]> {
    return mergeFigures(await this.facts(company));
  }

  /**
   * The company's answers as of `now`: its summary, held while the company's generation stays where it
   * was (one read of the generation), else read from the store (one row), else worked out from its
   * facts and kept for the next reader. Any record by any process moves the generation on, so the
   * summary read is only ever the one the facts give now.
   */
  async rounds(company: string, now: Date = new Date()): Promise<CompanySummary> {
    const ck = companyKey(company);
    const generation = await this.generation(ck);
    const held = this.kept.get(ck);
    if (held && current(held, generation, now)) {
      this.keep(ck, held);
      return held.summary;
    }
    const row = await this.tables.read((db) => db.selectFrom('ledger_summaries').selectAll().where('company_key', '=', ck).executeTakeFirst());
    if (row && this.rowHolds(row, generation, now)) {
      const summary = JSON.parse(row.body) as CompanySummary;
      this.keep(ck, { generation, day: row.day === null ? null : Number(row.day), summary });
      return summary;
    }
    return (await this.rebuild(ck, company, generation, now)).summary;
  }

  /**
   * The company's rounds, current answers and conflicts with every live fact, each round-level one with
   * its round: worked out from the facts (what the digest, round alerts and a list of every source
   * need). Its summary is kept on the way; the facts are not held after.
   */
  async analysis(company: string, now: Date = new Date()): Promise<CompanyRounds> {
    const ck = companyKey(company);
    return (await this.rebuild(ck, company, await this.generation(ck), now)).view;
  }

  /**
   * Works out again the summaries of the companies this ledger recorded facts for since it last did,
   * where no other process has: what a poll does once it has recorded, so that no question after it
   * pays for the work. A company that cannot be worked out now (the store failed) is left to the next
   * question, which works it out itself. Returns how many were worked out.
   */
  async refresh(now: Date = new Date()): Promise<number> {
    const companies = [...this.recorded.values()];
    this.recorded.clear();
    let made = 0;
    for (const company of companies) {
      try {
        const ck = companyKey(company);
        const generation = await this.generation(ck);
        const row = await this.tables.read((db) => db.selectFrom('ledger_summaries').select(['generation', 'options', 'day']).where('company_key', '=', ck).executeTakeFirst());
        if (row && this.rowHolds(row, generation, now)) continue;
        await this.rebuild(ck, company, generation, now);
        made++;
      } catch {
        this.recorded.set(companyKey(company), company);
      }
    }
    return made;
  }

  private async generation(ck: string): Promise<number> {
    const r = await this.tables.read((db) => db.selectFrom('ledger_companies').select('generation').where('key', '=', ck).executeTakeFirst());
    return r ? Number(r.generation) : -1;
  }

  /** Whether a stored summary row is the one the company's facts give now, by the rules and window in use. */
  private rowHolds(row: { generation: unknown; options: string; day: unknown }, generation: number, now: Date): boolean {
    return row.options === this.optionsKey() && current({ generation: Number(row.generation), day: row.day === null ? null : Number(row.day) }, generation, now);
  }

  /** What a summary depends on besides the facts: the rules that made it and the grouping window. */
  private optionsKey(): string {
    return `rules ${rulesFingerprint()}; window ${this.opts.roundWindowDays ?? DEFAULT_ROUND_WINDOW_DAYS}`;
  }

  private keep(ck: string, entry: SummaryStamp & { summary: CompanySummary }): void {
    this.kept.delete(ck);
    this.kept.set(ck, entry);
    if (this.kept.size > KEPT_ANSWERS) this.kept.delete(this.kept.keys().next().value!);
  }

  /** From the facts: the generation is read before them, so a summary never claims facts it lacks. */
  private async rebuild(ck: string, company: string, generation: number, now: Date): Promise<{ view: CompanyRounds; summary: CompanySummary }> {
    const facts = await this.facts(company);
    const view = this.analyse(facts, now);
    this.worked++;
    const summary = summaryOf(view);
    // Undated facts are dated "now" by the rounds stage: such answers hold for the day they were made.
    const day = facts.some((f) => dayOf(f.fact.published) === null) ? dayNumber(now) : null;
    this.keep(ck, { generation, day, summary });
    if (generation >= 0) {
      const body = JSON.stringify(summary);
      const options = this.optionsKey();
      // Kept for every reader; a store that takes no writes (read-only, down) still gets its answer.
      await this.tables.write((trx) => trx.insertInto('ledger_summaries')
        .values({ company_key: ck, generation, options, day, body, made_at: now.toISOString() })
        .onConflict((oc) => oc.column('company_key').doUpdateSet({ generation, options, day, body, made_at: now.toISOString() })
          .where('ledger_summaries.generation', '<=', generation))
        .execute()).catch(() => undefined);
    }
    return { view, summary };
  }

  private analyse(facts: StoredFact[], now: Date): CompanyRounds {
    const a = analyseRounds(facts.map((f) => f.fact), { now, ...(this.opts.roundWindowDays ? { windowDays: this.opts.roundWindowDays } : {}) });
    // The stage gives its facts back in the order given, each round-level one with its round.
    const withRounds = facts.map((sf, i) => (a.facts[i] === sf.fact ? sf : { ...sf, fact: a.facts[i] }));
    return { facts: withRounds, rounds: a.rounds, current: a.current, conflicts: a.conflicts };
  }

  async conflictsFor(company: string, now: Date = new Date()): Promise<Conflict[]> {
    return (await this.rounds(company, now)).conflicts;
  }

  /**
   * Conflicts on a company that involve any of the given facts (just recorded), judged across
   * everything known: for an alert the moment sources disagree.
   */
  async conflictsInvolving(company: string, added: StoredFact[], now: Date = new Date(), view?: CompanyRounds): Promise<Conflict[]> {
    const ids = new Set(added.map((f) => f.fact.articleId));
    return (view ? view.conflicts : await this.conflictsFor(company, now)).filter((c) => c.claims.some((cl) => cl.articleIds.some((id) => ids.has(id))));
  }

  /**
   * The rounds that the given facts (just recorded, of one company) brought, judged by the rounds stage
   * over everything known with and without them: for an alert at the end of the poll that read them.
   * `view` is the company's analysis at `now` when the caller has already worked it out.
   */
  async roundsArrived(company: string, added: StoredFact[], now: Date = new Date(), view?: CompanyRounds, opts: { plain?: boolean } = {}): Promise<RoundArrival[]> {
    const keys = new Set(added.filter((f) => !f.backfill).map((f) => f.key));
    if (!keys.size) return [];
    const after = view ?? await this.analysis(company, now);
    // A round whose every fact is new has no match in any earlier grouping, and what is said of it
    // (its figures, its disagreements) owes nothing to one: the earlier facts are grouped afresh only
    // when a round the new facts joined holds earlier ones too. (`plain` always groups them: the
    // definition the shortcut is tested against.)
    const touched = new Set<string>();
    const holdsEarlier = new Set<string>();
    for (const f of after.facts) {
      if (!f.fact.roundId) continue;
      (keys.has(f.key) ? touched : holdsEarlier).add(f.fact.roundId);
    }
    if (!touched.size) return [];
    const needed = opts.plain || [...touched].some((id) => holdsEarlier.has(id));
    // Without the rounds that answer placed them in: the earlier facts are grouped afresh.
    const earlier = needed ? after.facts.filter((f) => !keys.has(f.key)).map(({ fact: { roundId: _placed, ...fact }, ...sf }) => ({ ...sf, fact })) : [];
    const before = needed ? this.analyse(earlier, now) : { facts: [], rounds: [], current: [], conflicts: [] };
    const prior = matchRounds(before, after);
    const news = roundDigest(before, after, keys);
    const out: RoundArrival[] = [];
    for (const r of after.rounds) {
      if (!touched.has(r.id)) continue;
      const was = prior.get(r.id);
      const kind = !was ? 'new_round' : was.status === 'talks' && r.status === 'closed' ? 'closed' : null;
      if (!kind) continue;
      const label = roundLabel(r);
      const mine = {
        newFigures: news.newFigures.filter((f) => f.round === label),
        confirmed: [],
        conflicts: news.conflicts.filter((c) => c.roundId === r.id),
      };
      out.push({ kind, round: r, ...(was ? { talksDate: was.date } : {}), news: mine });
    }
    return out;
  }

  /** The company's funding events, newest first, each with its first article. */
  async events(company: string, opts: { limit?: number; from?: string; until?: string } = {}): Promise<EventItem[]> {
    const ck = companyKey(company);
    return this.tables.read(async (db) => {
      let q = db.selectFrom('ledger_events').selectAll().where('company_key', '=', ck);
      if (opts.from) q = q.where('first_seen', '>', opts.from).where('backfill', '=', 0);
      if (opts.until) q = q.where('first_seen', '<=', opts.until);
      const events = await q.execute();
      if (!events.length) return [];
      const links = await db.selectFrom('ledger_event_articles').selectAll().where('company_key', '=', ck).where('event_id', 'in', events.map((e) => e.id)).orderBy('position').execute();
      const ids = [...new Set(links.map((l) => l.article_id))];
      const arts = new Map<string, StoredArticle>();
      for (const part of chunks(ids)) for (const r of await db.selectFrom('ledger_articles').selectAll().where('id', 'in', part).execute()) arts.set(r.id, storedArticle(r));
      const items = events.map((e): EventItem => {
        const articleIds = links.filter((l) => l.event_id === e.id).map((l) => l.article_id);
        const first = articleIds.length ? arts.get(articleIds[0]) ?? null : null;
        return {
          event: { id: e.id, company: e.company, articleIds, headline: e.headline, published: e.published },
          firstSeen: e.first_seen, backfill: Boolean(Number(e.backfill)), first,
          articles: articleIds.map((id) => arts.get(id)).filter((a): a is StoredArticle => !!a),
        };
      });
      const date = (x: EventItem): string => x.event.published ?? x.first?.published ?? x.firstSeen;
      items.sort((a, b) => date(b).localeCompare(date(a)));
      return opts.limit ? items.slice(0, opts.limit) : items;
    });
  }

  async articles(ids: string[]): Promise<Map<string, StoredArticle>> {
    const out = new Map<string, StoredArticle>();
    if (!ids.length) return out;
    await this.tables.read(async (db) => {
      for (const part of chunks([...new Set(ids)])) for (const r of await db.selectFrom('ledger_articles').selectAll().where('id', 'in', part).execute()) out.set(r.id, storedArticle(r));
    });
    return out;
  }

  /**
   * The digest for a scope over (since, until]: per company, what is new by round (a new round, a new
   * figure for a known round, a round closed after talks, a new disagreement inside a round) and new
   * company-level figures, with unwatched companies' news. null when there is nothing new: no post.
   */
  async digestInput(scope: DigestScope, since: string | null, until: string, opts: { firstWindowMs?: number } = {}): Promise<DigestInput | null> {
    // With no cursor yet, look back one window rather than over all history.
    const from = since ?? new Date(Date.parse(until) - (opts.firstWindowMs ?? 24 * 3_600_000)).toISOString();
    const all = await this.companies();
    const scopeNames = scope.companies ?? all.filter((c) => c.watched).map((c) => c.name);
    const wanted = new Set(scopeNames.map((n) => n.toLowerCase()));
    // Which companies have news in the window, by the first-seen index; each company's facts are then
    // read one company at a time, so a digest holds one company's facts, never the window's.
    const withNews = new Set((await this.tables.read((db) => db.selectFrom('ledger_facts').select('company_key').distinct()
      .where('first_seen', '>', from).where('first_seen', '<=', until).where('backfill', '=', 0).where('superseded_at', 'is', null)
      .execute())).map((r) => r.company_key));
    const isFresh = (f: StoredFact): boolean => !f.backfill && f.firstSeen > from && f.firstSeen <= until;

    const out: Required<Pick<DigestInput, 'events' | 'newFigures' | 'confirmed' | 'conflicts' | 'rounds' | 'current'>> = { events: [], newFigures: [], confirmed: [], conflicts: [], rounds: [], current: [] };
    for (const co of all.filter((c) => c.watched && wanted.has(c.name.toLowerCase()))) {
      if (!withNews.has(companyKey(co.name))) continue;
      const facts = await this.facts(co.name, { until });
      const mine = facts.filter(isFresh);
      if (!mine.length) continue;
      const isOld = (f: StoredFact): boolean => f.backfill || f.firstSeen <= from;
      // The reading before the window is reduced before the one after it is made: one whole reading held at a time.
      const before = priorReading(this.analyse(facts.filter(isOld), new Date(from)));
      const after = this.analyse(facts, new Date(until));
      const news = roundDigest(before, after, new Set(mine.map((f) => f.key)));
      out.newFigures.push(...news.newFigures);
      out.confirmed.push(...news.confirmed);
      out.conflicts.push(...news.conflicts);
      // The rounds the window's facts speak of: the headline gives each in one line.
      out.rounds.push(...after.rounds.filter((r) => after.facts.some((f) => f.fact.roundId === r.id && isFresh(f))));
      out.current.push(...after.current);
      const events = await this.events(co.name, { from, until });
      events.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
      out.events.push(...events.map((e): DigestEvent => ({
        ...e.event,
        articles: e.articles.map((a) => ({ id: a.id, title: a.title, url: a.url, source: a.source })),
      })));
    }
    const unwatched = await this.unwatchedNews(all.filter((c) => !c.watched && withNews.has(companyKey(c.name))), from, until);
    if (!out.newFigures.length && !out.confirmed.length && !out.conflicts.length && !unwatched.length) return null;
    return { title: scope.title ?? `Funding news: ${scopeNames.join(', ') || 'AI companies'}`, since, until, ...out, unwatched };
  }

  /** One line per article with news on an unwatched company: its title and link, and its headline figure (a round size first). */
  private async unwatchedNews(companies: CompanyEntry[], from: string, until: string): Promise<UnwatchedNews[]> {
    const out: UnwatchedNews[] = [];
    // A company at a time: only the lines are kept, not the facts they were chosen from.
    for (const co of companies) {
      const byArticle = new Map<string, Fact>();
      for await (const page of this.factColumnPages(companyKey(co.name), { from, until, news: true }, LEAD_COLUMNS)) {
        for (const r of page) {
          const fact = leadFact(co.name, r);
          const lead = byArticle.get(fact.articleId);
          if (!lead || leadRank(fact) > leadRank(lead)) byArticle.set(fact.articleId, fact);
        }
      }
      const arts = await this.articles([...byArticle.keys()]);
      for (const fact of byArticle.values()) {
        const art = arts.get(fact.articleId);
        out.push({
          company: co.name, headline: art?.title ?? fact.quote, url: art?.url ?? fact.url ?? null, source: art?.source ?? fact.source,
          ...(fact.amount ? { amount: fact.amount, metric: fact.metric } : {}),
        });
      }
    }
    return out;
  }
}
