// The ledger: every fact the bot has read, with where and when, kept in the store. Figures, history,
// conflicts and digests are computed from it on demand, so nothing rests on a process's memory and a
// later rule change (what counts as agreeing) applies to everything already known.
import { createHash, randomUUID } from 'node:crypto';
import type { Article, Conflict, Fact, FundingEvent, Metric, Money, WatchedCompany } from '../types';
import type { DigestEvent, DigestInput, LedgerFigure, UnwatchedNews } from '../types';
import type { Store } from '../store/types';
import { entryPages } from '../store/pages';
import { newestDate, type Figure, type StoredFact } from './figures';
import { forEachInWindow, seenIndexKey, seenLine, type SeenLine } from './seen';
import { decodeSummary, isCurrent, membersKey, summarise, summaryGenKey, summaryKey, type Members, type StoredSummary, type Summary } from './summary';

export { agree, mergeFigures, type Figure, type MergedFigure, type StoredFact } from './figures';

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

/**
 * The fact an unwatched company's article is listed by: its first round size, else its first fact
 * with an amount, else its first fact (`rank` 2, 1, 0; a later fact replaces it only by outranking it).
 */
interface ArticleLead { key: string; line: SeenLine; rank: number }
const leadRank = (line: SeenLine): number => (line.m === 'round_size' ? 2 : line.$ ? 1 : 0);

export class Ledger {
  private readonly watched: Map<string, string>;
  /**
   * The summary last read, with its generation: the parts of one answer (figures, conflicts, the
   * current figure) read the summary once and only check its generation after that.
   */
  private lastSummary: { ck: string; summary: Summary } | null = null;

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
    // Every read of the batch in a few queries, every write in one setMany: one commit, not one per key.
    const writes = new Map<string, unknown>();
    const put = (key: string, value: unknown): void => { writes.set(key, value); };
    const artKeys = batch.articles.map((a) => `ledger:article:${a.id}`);
    const knownArts = await this.store.getMany<StoredArticle>(artKeys);
    batch.articles.forEach((a, i) => {
      const known = knownArts[i];
      if (!known) put(artKeys[i], { id: a.id, title: a.title, url: a.url, source: a.source, published: a.published, firstSeen, backfill } satisfies StoredArticle);
      else if (opts.revised?.has(a.id) && known.title !== a.title) put(artKeys[i], { ...known, title: a.title });
    });
    // Earlier claims of each revised article, by what they claim.
    const earlier = new Map<string, Map<string, { k: string; sf: StoredFact }>>();
    for (const [id, priorIds] of opts.revised ?? []) {
      const claims = new Map<string, { k: string; sf: StoredFact }>();
      for (const prior of new Set([id, ...priorIds])) {
        const ks = (await this.store.get<string[]>(byArticleKey(prior))) ?? [];
        const sfs = await this.store.getMany<StoredFact>(ks);
        ks.forEach((k, i) => { const sf = sfs[i]; if (sf && !sf.supersededAt) claims.set(claimOf(sf.fact), { k, sf }); });
      }
      earlier.set(id, claims);
    }
    const touched = new Map<string, string>();
    const cks = [...new Set(batch.facts.map((f) => companyKey(f.company)))];
    const cos = await this.store.getMany<CompanyEntry>(cks.map((ck) => `ledger:co:${ck}`));
    const haveCo = new Set(cks.filter((_, i) => cos[i]));
    const factKeys = batch.facts.map((f) => `ledger:fact:${companyKey(f.company)}:${factKey(f)}`);
    const existing = await this.store.getMany<StoredFact>(factKeys);
    const byArticle = new Map<string, string[]>();
    const kept = new Set<string>();
    for (const [i, fact] of batch.facts.entries()) {
      const ck = companyKey(fact.company);
      if (!haveCo.has(ck)) {
        haveCo.add(ck);
        put(`ledger:co:${ck}`, { name: this.watched.get(fact.company.toLowerCase()) ?? fact.company, watched: this.isWatched(fact.company), firstSeen } satisfies CompanyEntry);
      }
      const key = factKey(fact);
      const k = factKeys[i];
      const same = earlier.get(fact.articleId)?.get(claimOf(fact));
      if (same) kept.add(same.k);
      const ex = existing[i];
      if ((ex && !ex.supersededAt) || (writes.has(k) && !same)) continue;
      // A claim the article made before (maybe in other words) keeps the time we first read it.
      const sf: StoredFact = same ? { key, fact, firstSeen: same.sf.firstSeen, backfill: same.sf.backfill } : { key, fact, firstSeen, backfill };
      put(k, sf);
      // The time-ordered index a digest reads its window from, instead of every fact of a company.
      put(seenIndexKey(sf.firstSeen, ck, key), seenLine(sf));
      byArticle.set(fact.articleId, [...(byArticle.get(fact.articleId) ?? []), k]);
      touched.set(ck, fact.company);
      kept.add(k);
      if (!same) added.push(sf);
    }
    const lists = [...byArticle.keys()];
    const oldLists = await this.store.getMany<string[]>(lists.map(byArticleKey));
    lists.forEach((id, i) => {
      const list = oldLists[i] ?? [];
      const more = byArticle.get(id)!.filter((k) => !list.includes(k));
      if (more.length) put(byArticleKey(id), [...list, ...more]);
    });
    for (const claims of earlier.values()) {
      for (const { k, sf } of claims.values()) {
        if (kept.has(k)) continue;
        const old: StoredFact = { ...sf, supersededAt: firstSeen };
        put(k, old);
        put(seenIndexKey(old.firstSeen, companyKey(old.fact.company), old.key), seenLine(old));
        superseded.push(old);
        touched.set(companyKey(sf.fact.company), sf.fact.company);
      }
    }
    const evKeys = batch.events.map((e) => `ledger:event:${companyKey(e.company)}:${e.id}`);
    const evs = await this.store.getMany<StoredEvent>(evKeys);
    batch.events.forEach((event, i) => { if (!evs[i] && !writes.has(evKeys[i])) put(evKeys[i], { event, firstSeen, backfill } satisfies StoredEvent); });
    // Each touched company's summary is marked out of date in the same write: a new generation, which
    // the next reader works the summary out for (from what the store then holds) and keeps.
    for (const ck of touched.keys()) put(summaryGenKey(ck), `${firstSeen}/${randomUUID()}`);
    await this.store.setMany([...writes].map(([key, value]) => ({ key, value })));
    return { added, superseded };
  }

  /** The company's figures and conflicts as last recorded; worked out from its facts when none is kept. */
  private async summary(company: string): Promise<Summary> {
    const ck = companyKey(company);
    const gen = (await this.store.get<string>(summaryGenKey(ck))) ?? null;
    if (this.lastSummary?.ck === ck && this.lastSummary.summary.gen === gen) return this.lastSummary.summary;
    const kept = await this.store.get<StoredSummary>(summaryKey(ck));
    const summary = kept && isCurrent(kept, gen) ? decodeSummary(kept) : (await this.workOut(company, gen)).summary;
    this.lastSummary = { ck, summary };
    return summary;
  }

  /** The summary and its members, as a digest reads them (not kept in memory after). */
  private async digestView(company: string): Promise<{ summary: Summary; members: Members }> {
    const ck = companyKey(company);
    const [gen, summary, members] = await this.store.getMany<unknown>([summaryGenKey(ck), summaryKey(ck), membersKey(ck)]) as [string | undefined, StoredSummary | undefined, Members | undefined];
    if (summary && members && isCurrent(summary, gen ?? null) && isCurrent(members, gen ?? null) && members.figures.length === summary.figures.length) {
      return { summary: decodeSummary(summary), members };
    }
    return this.workOut(company, gen ?? null);
  }

  /**
   * Works the summary out under the generation read first: a record landing meanwhile moves the
   * generation on, so this summary, missing its facts, is never taken for the current one.
   */
  private async workOut(company: string, gen: string | null): Promise<{ summary: Summary; members: Members }> {
    const ck = companyKey(company);
    const out = summarise(await this.facts(company), gen);
    await this.store.setMany([{ key: summaryKey(ck), value: out.stored }, { key: membersKey(ck), value: out.members }]);
    return { summary: out.summary, members: out.members };
  }

  async companies(): Promise<CompanyEntry[]> {
    const out = (await this.store.entries<CompanyEntry>('ledger:co:')).map(([, v]) => v);
    return out.sort((a, b) => Number(b.watched) - Number(a.watched) || a.name.localeCompare(b.name));
  }

  /** Every fact on a company, oldest first; claims a corrected article withdrew only when asked. */
  async facts(company: string, opts: { superseded?: boolean } = {}): Promise<StoredFact[]> {
    // A page at a time: never every fact's stored text at once as well as the facts read from it.
    const out: StoredFact[] = [];
    for await (const page of entryPages<StoredFact>(this.store, `ledger:fact:${companyKey(company)}:`)) {
      for (const [, f] of page) if (opts.superseded || !f.supersededAt) out.push(f);
    }
    return out.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.key.localeCompare(b.key));
  }

  /** The company's figures, from its summary (one key): the facts behind them are not read. */
  async figures(company: string): Promise<Figure[]> {
    return [...(await this.summary(company)).figures];
  }

  async conflictsFor(company: string): Promise<Conflict[]> {
    return [...(await this.summary(company)).conflicts];
  }

  /** The figure to quote now on a metric: current and reported before talks, newest first, then best backed. */
  async currentFigure(company: string, metric: Metric): Promise<CurrentFigure | null> {
    const sum = await this.summary(company);
    const figs = sum.figures.filter((f) => f.metric === metric && f.when === 'current');
    if (figs.length === 0) return null;
    figs.sort((a, b) => Number(a.status === 'talks') - Number(b.status === 'talks') || newestDate(b).localeCompare(newestDate(a)) || b.sources.length - a.sources.length);
    const best = figs[0];
    return {
      company: best.company, metric, figure: best,
      ...(best.amount ? { amount: best.amount } : {}),
      ...(best.name ? { name: best.name } : {}),
      range: best.amount ? { low: best.amount.low, high: best.amount.high } : null,
      sourceCount: best.sources.length,
      conflicts: sum.conflicts.filter((c) => c.metric === metric),
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

    const all = await this.companies();
    const scopeNames = scope.companies ?? all.filter((c) => c.watched).map((c) => c.name);
    const wanted = new Set(scopeNames.map((n) => n.toLowerCase()));
    const inScope = all.filter((c) => c.watched && wanted.has(c.name.toLowerCase()));
    const unwatchedCos = all.filter((c) => !c.watched);
    // One pass over the window's index, a page at a time, keeping only what the digest reports: the
    // articles with news on each watched company in scope, and each unwatched article's lead figure.
    const freshArticles = new Map<string, Set<string>>(inScope.map((c) => [companyKey(c.name), new Set<string>()]));
    const leads = new Map<string, Map<string, ArticleLead>>(unwatchedCos.map((c) => [companyKey(c.name), new Map<string, ArticleLead>()]));
    await forEachInWindow(this.store, from, until, ({ ck, key, line }) => {
      freshArticles.get(ck)?.add(line.a);
      const byArticle = leads.get(ck);
      if (!byArticle) return;
      const rank = leadRank(line);
      const lead = byArticle.get(line.a);
      if (!lead || rank > lead.rank) byArticle.set(line.a, { key, line, rank });
    });
    const newFigures: LedgerFigure[] = [];
    const confirmed: LedgerFigure[] = [];
    const conflicts: Conflict[] = [];
    const events: DigestEvent[] = [];
    // One company's summary at a time, dropped before the next is read.
    for (const co of inScope) {
      const freshIds = freshArticles.get(companyKey(co.name))!;
      if (freshIds.size === 0) continue;
      const { summary: sum, members } = await this.digestView(co.name);
      sum.figures.forEach((plain, i) => {
        const mine = members.figures[i].filter(([f]) => f <= until);
        const newOnes = mine.filter(([f, b]) => !b && f > from);
        if (newOnes.length === 0) return;
        const before = mine.filter(([f, b]) => b || f <= from);
        if (before.length === 0) newFigures.push(plain);
        else {
          const oldSources = new Set(before.map(([, , src]) => src));
          if (newOnes.some(([, , src]) => !oldSources.has(src))) confirmed.push(plain);
        }
      });
      conflicts.push(...sum.conflicts.filter((c) => c.claims.some((cl) => cl.articleIds.some((id) => freshIds.has(id)))));
      events.push(...(await this.eventsIn(co.name, inWindow)));
    }
    freshArticles.clear();
    const unwatched: UnwatchedNews[] = [];
    for (const co of unwatchedCos) {
      const byArticle = leads.get(companyKey(co.name))!;
      if (byArticle.size) unwatched.push(...(await this.unwatchedNews(co, byArticle)));
      leads.delete(companyKey(co.name));
    }
    if (!newFigures.length && !confirmed.length && !conflicts.length && !unwatched.length) return null;
    return {
      title: scope.title ?? `Funding news: ${scopeNames.join(', ') || 'AI companies'}`,
      since, until, events, newFigures, confirmed, conflicts, unwatched,
    };
  }

  private async eventsIn(company: string, inWindow: (x: StoredEvent) => boolean): Promise<DigestEvent[]> {
    const stored = (await this.store.entries<StoredEvent>(`ledger:event:${companyKey(company)}:`)).map(([, v]) => v);
    const fresh = stored.filter(inWindow).sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
    // Every event's articles in one read.
    const ids = [...new Set(fresh.flatMap((se) => se.event.articleIds))];
    const read = await this.store.getMany<StoredArticle>(ids.map((id) => `ledger:article:${id}`));
    const arts = new Map(ids.map((id, i) => [id, read[i]]));
    return fresh.map((se) => ({
      ...se.event,
      articles: se.event.articleIds.map((id) => arts.get(id)).filter((a): a is StoredArticle => a !== undefined).map((a) => ({ id: a.id, title: a.title, url: a.url, source: a.source })),
    }));
  }

  /** One line per article with news on an unwatched company: its title and link, and its headline figure (a round size first). */
  private async unwatchedNews(co: CompanyEntry, byArticle: Map<string, ArticleLead>): Promise<UnwatchedNews[]> {
    const ck = companyKey(co.name);
    const ids = [...byArticle.keys()];
    const arts = await this.store.getMany<StoredArticle>(ids.map((id) => `ledger:article:${id}`));
    const leads = ids.map((id) => byArticle.get(id)!);
    // An article not kept (or kept without a link) is told by its lead fact's own sentence and link.
    const short = ids.flatMap((_, i) => (!arts[i] || arts[i]!.url === null ? [i] : []));
    const facts = new Map<number, StoredFact | undefined>();
    if (short.length) (await this.store.getMany<StoredFact>(short.map((i) => `ledger:fact:${ck}:${leads[i].key}`))).forEach((sf, j) => facts.set(short[j], sf));
    return ids.map((_, i) => {
      const art = arts[i];
      const { line } = leads[i];
      const fact = facts.get(i)?.fact;
      return {
        company: co.name, headline: art?.title ?? fact?.quote ?? '', url: art?.url ?? fact?.url ?? null, source: art?.source ?? fact?.source ?? '',
        ...(line.$ ? { amount: line.$, metric: line.m } : {}),
      };
    });
  }
}
