// The ledger: every fact the bot has read, with where and when, kept in the store. Figures, history,
// conflicts and digests are computed from it on demand, so nothing rests on a process's memory and a
// later rule change (what counts as agreeing) applies to everything already known.
import { createHash } from 'node:crypto';
import type { Article, Conflict, Fact, FundingEvent, Metric, Money, WatchedCompany } from '../types';
import type { DigestEvent, DigestInput, LedgerFigure, UnwatchedNews } from '../digest/types';
import type { Store } from '../store/types';
import { conflictsAmong, mergeFigures, newestDate, type Figure, type StoredFact } from './figures';

export { agree, mergeFigures, type Figure, type StoredFact } from './figures';

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

export interface CompanyEntry {
  name: string;
  watched: boolean;
  firstSeen: string;
}

/** What `/moonshot valuation` answers: the current figure on a metric, with its backing. */
export interface CurrentFigure {
  company: string;
  metric: Metric;
  figure: LedgerFigure;
  amount?: Money;
  name?: string;
  /** The range the agreeing sources allow (money metrics). */
  range: { low: number | null; high: number | null } | null;
  /** Distinct articles that agree on it. */
  sourceCount: number;
  /** Disagreements on this company and metric, across everything known. */
  conflicts: Conflict[];
  /** Newest publication date among its sources (else first seen), ISO-8601. */
  newest: string;
  links: { source: string; url: string }[];
}

export interface HistoryPoint {
  /** When the figure was reported: its earliest source's publication, else first seen. */
  date: string;
  figure: LedgerFigure;
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

const companyKey = (name: string): string => encodeURIComponent(name.trim().toLowerCase());
const sha = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 20);

/** Same article, same metric, same figure, same sentence: the same fact, however often it is read. */
export function factKey(f: Fact): string {
  return sha([f.articleId, f.metric, f.amount?.value ?? '', f.amount?.currency ?? '', f.name ?? '', f.round ?? '', f.basis ?? '', f.when, f.status, f.quote].join('\u0000'));
}

/** What a fact claims, whatever sentence says it: a reworded sentence with the same figure is no news. */
const claimOf = (f: Fact): string =>
  [f.company.toLowerCase(), f.metric, f.amount?.value ?? '', f.amount?.currency ?? '', f.name ?? '', f.round ?? '', f.basis ?? '', f.when, f.status].join('\u0000');

/** The storage keys of every fact read from one article, so a corrected article can find its old claims. */
const byArticleKey = (articleId: string): string => `ledger:by-article:${articleId}`;

export class Ledger {
  private readonly watched: Map<string, string>;

  constructor(private readonly store: Store, watch: WatchedCompany[]) {
    this.watched = new Map(watch.map((w) => [w.name.toLowerCase(), w.name]));
  }

  isWatched(company: string): boolean {
    return this.watched.has(company.toLowerCase());
  }

  /**
   * Records what one poll read. Idempotent: a fact already known keeps its first-seen time, so
   * reading the same article again (a crash before it was marked seen) changes nothing.
   *
   * `revised` names articles the publisher changed since we read them (new id -> the ids it had
   * before, often the same): their earlier claims that the new text no longer makes are superseded,
   * so a figure corrected in place is an update, not a disagreement of the article with itself. A
   * claim the new text still makes, in other words, keeps its first-seen time and is not news again.
   */
  async record(batch: { articles: Article[]; facts: Fact[]; events: FundingEvent[] }, at: Date, opts: { backfill?: boolean; revised?: Map<string, string[]> } = {}): Promise<RecordResult> {
    const firstSeen = at.toISOString();
    const backfill = opts.backfill ?? false;
    const added: StoredFact[] = [];
    const superseded: StoredFact[] = [];
    for (const a of batch.articles) {
      const k = `ledger:article:${a.id}`;
      const known = await this.store.get<StoredArticle>(k);
      if (!known) {
        await this.store.set<StoredArticle>(k, { id: a.id, title: a.title, url: a.url, source: a.source, published: a.published, firstSeen, backfill });
      } else if (opts.revised?.has(a.id) && known.title !== a.title) {
        await this.store.set<StoredArticle>(k, { ...known, title: a.title });
      }
    }
    // Earlier claims of each revised article, by what they claim.
    const earlier = new Map<string, Map<string, { k: string; sf: StoredFact }>>();
    for (const [id, priorIds] of opts.revised ?? []) {
      const claims = new Map<string, { k: string; sf: StoredFact }>();
      for (const prior of new Set([id, ...priorIds])) {
        for (const k of (await this.store.get<string[]>(byArticleKey(prior))) ?? []) {
          const sf = await this.store.get<StoredFact>(k);
          if (sf && !sf.supersededAt) claims.set(claimOf(sf.fact), { k, sf });
        }
      }
      earlier.set(id, claims);
    }
    const kept = new Set<string>();
    for (const fact of batch.facts) {
      const ck = companyKey(fact.company);
      if (!(await this.store.get<CompanyEntry>(`ledger:co:${ck}`))) {
        await this.store.set<CompanyEntry>(`ledger:co:${ck}`, { name: this.watched.get(fact.company.toLowerCase()) ?? fact.company, watched: this.isWatched(fact.company), firstSeen });
      }
      const key = factKey(fact);
      const k = `ledger:fact:${ck}:${key}`;
      const same = earlier.get(fact.articleId)?.get(claimOf(fact));
      if (same) kept.add(same.k);
      const existing = await this.store.get<StoredFact>(k);
      if (existing && !existing.supersededAt) continue;
      // A claim the article made before (maybe in other words) keeps the time we first read it.
      const sf: StoredFact = same ? { key, fact, firstSeen: same.sf.firstSeen, backfill: same.sf.backfill } : { key, fact, firstSeen, backfill };
      await this.store.set(k, sf);
      await this.index(fact.articleId, k);
      kept.add(k);
      if (!same) added.push(sf);
    }
    for (const claims of earlier.values()) {
      for (const { k, sf } of claims.values()) {
        if (kept.has(k)) continue;
        const old: StoredFact = { ...sf, supersededAt: firstSeen };
        await this.store.set(k, old);
        superseded.push(old);
      }
    }
    for (const event of batch.events) {
      const k = `ledger:event:${companyKey(event.company)}:${event.id}`;
      if (!(await this.store.get<StoredEvent>(k))) await this.store.set<StoredEvent>(k, { event, firstSeen, backfill });
    }
    return { added, superseded };
  }

  private async index(articleId: string, factStorageKey: string): Promise<void> {
    const k = byArticleKey(articleId);
    const list = (await this.store.get<string[]>(k)) ?? [];
    if (!list.includes(factStorageKey)) await this.store.set(k, [...list, factStorageKey]);
  }

  async companies(): Promise<CompanyEntry[]> {
    const keys = await this.store.keys('ledger:co:');
    const out = await this.getAll<CompanyEntry>(keys);
    return out.sort((a, b) => Number(b.watched) - Number(a.watched) || a.name.localeCompare(b.name));
  }

  /** Every fact on a company, oldest first; claims a corrected article withdrew only when asked. */
  async facts(company: string, opts: { superseded?: boolean } = {}): Promise<StoredFact[]> {
    const keys = await this.store.keys(`ledger:fact:${companyKey(company)}:`);
    const out = (await this.getAll<StoredFact>(keys)).filter((f) => opts.superseded || !f.supersededAt);
    return out.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.key.localeCompare(b.key));
  }

  async figures(company: string): Promise<Figure[]> {
    return mergeFigures(await this.facts(company));
  }

  async conflictsFor(company: string): Promise<Conflict[]> {
    return conflictsAmong(await this.facts(company));
  }

  /** The figure to quote now on a metric: current and reported before talks, newest first, then best backed. */
  async currentFigure(company: string, metric: Metric): Promise<CurrentFigure | null> {
    const facts = await this.facts(company);
    const figs = mergeFigures(facts).filter((f) => f.metric === metric && f.when === 'current');
    if (figs.length === 0) return null;
    figs.sort((a, b) => Number(a.status === 'talks') - Number(b.status === 'talks') || newestDate(b).localeCompare(newestDate(a)) || b.sources.length - a.sources.length);
    const best = figs[0];
    const { facts: _facts, ...figure } = best;
    return {
      company: best.company, metric, figure,
      ...(best.amount ? { amount: best.amount } : {}),
      ...(best.name ? { name: best.name } : {}),
      range: best.amount ? { low: best.amount.low, high: best.amount.high } : null,
      sourceCount: best.sources.length,
      conflicts: conflictsAmong(facts).filter((c) => c.metric === metric),
      newest: newestDate(best),
      links: best.sources.filter((s) => s.url).map((s) => ({ source: s.source, url: s.url! })),
    };
  }

  /** Every figure on a company over time, oldest first. */
  async history(company: string): Promise<HistoryPoint[]> {
    const figs = await this.figures(company);
    return figs
      .map(({ facts: _f, ...figure }) => ({ date: figure.sources.map((s) => s.published).filter((d): d is string => !!d).sort()[0] ?? figure.firstSeen, figure }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  /**
   * Conflicts on a company that involve any of the given facts (just recorded), judged across
   * everything known: for an alert the moment sources disagree.
   */
  async conflictsInvolving(company: string, added: StoredFact[]): Promise<Conflict[]> {
    const ids = new Set(added.map((f) => f.fact.articleId));
    return (await this.conflictsFor(company)).filter((c) => c.claims.some((cl) => cl.articleIds.some((id) => ids.has(id))));
  }

  /**
   * The digest for a scope over (since, until]: figures first seen in it, older figures a new
   * source confirmed, conflicts a new fact takes part in, and unwatched companies' news.
   * null when there is nothing new: no post.
   */
  async digestInput(scope: DigestScope, since: string | null, until: string, opts: { firstWindowMs?: number } = {}): Promise<DigestInput | null> {
    // With no cursor yet, look back one window rather than over all history.
    const from = since ?? new Date(Date.parse(until) - (opts.firstWindowMs ?? 24 * 3_600_000)).toISOString();
    const inWindow = (sf: { firstSeen: string; backfill: boolean }): boolean => !sf.backfill && sf.firstSeen > from && sf.firstSeen <= until;
    const known = (sf: StoredFact): boolean => sf.backfill || sf.firstSeen <= from;

    const all = await this.companies();
    const scopeNames = scope.companies ?? all.filter((c) => c.watched).map((c) => c.name);
    const wanted = new Set(scopeNames.map((n) => n.toLowerCase()));
    const newFigures: LedgerFigure[] = [];
    const confirmed: LedgerFigure[] = [];
    const conflicts: Conflict[] = [];
    const events: DigestEvent[] = [];
    for (const co of all.filter((c) => c.watched && wanted.has(c.name.toLowerCase()))) {
      const facts = (await this.facts(co.name)).filter((f) => f.firstSeen <= until);
      const fresh = facts.filter(inWindow);
      if (fresh.length === 0) continue;
      for (const fig of mergeFigures(facts)) {
        const newOnes = fig.facts.filter(inWindow);
        if (newOnes.length === 0) continue;
        const before = fig.facts.filter(known);
        const { facts: _f, ...plain } = fig;
        if (before.length === 0) newFigures.push(plain);
        else {
          const oldSources = new Set(before.map((f) => f.fact.source.toLowerCase()));
          if (newOnes.some((f) => !oldSources.has(f.fact.source.toLowerCase()))) confirmed.push(plain);
        }
      }
      const freshIds = new Set(fresh.map((f) => f.fact.articleId));
      conflicts.push(...conflictsAmong(facts).filter((c) => c.claims.some((cl) => cl.articleIds.some((id) => freshIds.has(id)))));
      events.push(...(await this.eventsIn(co.name, inWindow)));
    }
    const unwatched = await this.unwatchedIn(all.filter((c) => !c.watched), inWindow);
    if (!newFigures.length && !confirmed.length && !conflicts.length && !unwatched.length) return null;
    return {
      title: scope.title ?? `Funding news: ${scopeNames.join(', ') || 'AI companies'}`,
      since, until, events, newFigures, confirmed, conflicts, unwatched,
    };
  }

  private async eventsIn(company: string, inWindow: (x: StoredEvent) => boolean): Promise<DigestEvent[]> {
    const stored = await this.getAll<StoredEvent>(await this.store.keys(`ledger:event:${companyKey(company)}:`));
    const out: DigestEvent[] = [];
    for (const se of stored.filter(inWindow).sort((a, b) => a.firstSeen.localeCompare(b.firstSeen))) {
      const arts = await this.getAll<StoredArticle>(se.event.articleIds.map((id) => `ledger:article:${id}`));
      out.push({ ...se.event, articles: arts.map((a) => ({ id: a.id, title: a.title, url: a.url, source: a.source })) });
    }
    return out;
  }

  /** One line per unwatched company and article in the window, with its headline figure. */
  private async unwatchedIn(companies: CompanyEntry[], inWindow: (x: StoredFact) => boolean): Promise<UnwatchedNews[]> {
    const out: UnwatchedNews[] = [];
    for (const co of companies) {
      const fresh = (await this.facts(co.name)).filter(inWindow);
      const byArticle = new Map<string, StoredFact[]>();
      for (const f of fresh) byArticle.set(f.fact.articleId, [...(byArticle.get(f.fact.articleId) ?? []), f]);
      for (const [articleId, fs] of byArticle) {
        const art = await this.store.get<StoredArticle>(`ledger:article:${articleId}`);
        const lead = fs.find((f) => f.fact.metric === 'round_size') ?? fs.find((f) => f.fact.amount) ?? fs[0];
        out.push({
          company: co.name, headline: art?.title ?? lead.fact.quote, url: art?.url ?? lead.fact.url, source: art?.source ?? lead.fact.source,
          ...(lead.fact.amount ? { amount: lead.fact.amount, metric: lead.fact.metric } : {}),
        });
      }
    }
    return out;
  }

  private async getAll<T>(keys: string[]): Promise<T[]> {
    const out: T[] = [];
    for (const k of keys) {
      const v = await this.store.get<T>(k);
      if (v !== undefined) out.push(v);
    }
    return out;
  }
}
