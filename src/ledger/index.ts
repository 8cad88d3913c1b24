// The ledger: every fact the bot has read, with where and when, kept in the store. Figures, history,
// conflicts and digests are computed from it on demand, so nothing rests on a process's memory and a
// later rule change (what counts as agreeing) applies to everything already known.
import { createHash, randomUUID } from 'node:crypto';
import type { Article, Conflict, Fact, FundingEvent, Metric, Money, WatchedCompany } from '../types';
import type { DigestEvent, DigestInput, LedgerFigure, UnwatchedNews } from '../digest/types';
import type { Store } from '../store/types';
import { conflictsAmong, mergeFigures, newestDate, type Figure, type StoredFact } from './figures';

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

/** Facts by the time first seen: `ledger:seen:<iso>:<company>:<fact>` -> the fact's storage key. */
const SEEN_PREFIX = 'ledger:seen:';
const ISO_LENGTH = '2026-01-01T00:00:00.000Z'.length;
const seenIndexKey = (firstSeen: string, ck: string, key: string): string => `${SEEN_PREFIX}${firstSeen}:${ck}:${key}`;

/**
 * A company's figures and conflicts, worked out once after its facts change (by the first reader) and
 * kept in the store, so that a question or a digest reads two keys instead of every fact. Each figure keeps a small line per fact
 * behind it (storage key, first seen, backfill, source), which is what a digest's window needs.
 */
interface Summary {
  v: number;
  /** The generation of the company's facts it was worked out from (see summaryGenKey). */
  gen?: string | null;
  figures: (LedgerFigure & { members: Member[] })[];
  conflicts: Conflict[];
}
interface Member { k: string; f: string; b: boolean; s: string }
const SUMMARY_VERSION = 1;
const summaryKey = (ck: string): string => `ledger:summary:${ck}`;
/** Moved on by every record that changes the company's facts. */
const summaryGenKey = (ck: string): string => `ledger:summary-gen:${ck}`;

function summarise(facts: StoredFact[]): Summary {
  return {
    v: SUMMARY_VERSION,
    figures: mergeFigures(facts).map(({ facts: fs, ...f }) => ({ ...f, members: fs.map((x) => ({ k: x.key, f: x.firstSeen, b: x.backfill, s: x.fact.source.toLowerCase() })) })),
    conflicts: conflictsAmong(facts),
  };
}

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
      put(seenIndexKey(sf.firstSeen, ck, key), k);
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
    const [gen, kept] = await this.store.getMany<string | Summary>([summaryGenKey(ck), summaryKey(ck)]) as [string | undefined, Summary | undefined];
    if (kept?.v === SUMMARY_VERSION && kept.gen === (gen ?? null)) return kept;
    // Worked out under the generation read first: a record landing meanwhile moves the generation on,
    // so this summary, missing its facts, is never taken for the current one.
    const fresh = { ...summarise(await this.facts(company)), gen: gen ?? null };
    await this.store.set(summaryKey(ck), fresh);
    return fresh;
  }

  async companies(): Promise<CompanyEntry[]> {
    const out = (await this.store.entries<CompanyEntry>('ledger:co:')).map(([, v]) => v);
    return out.sort((a, b) => Number(b.watched) - Number(a.watched) || a.name.localeCompare(b.name));
  }

  /** Every fact on a company, oldest first; claims a corrected article withdrew only when asked. */
  async facts(company: string, opts: { superseded?: boolean } = {}): Promise<StoredFact[]> {
    const out = (await this.store.entries<StoredFact>(`ledger:fact:${companyKey(company)}:`)).map(([, v]) => v).filter((f) => opts.superseded || !f.supersededAt);
    return out.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.key.localeCompare(b.key));
  }

  /** The company's figures, from its summary (one key): the facts behind them are not read. */
  async figures(company: string): Promise<Figure[]> {
    return (await this.summary(company)).figures.map(({ members: _m, ...f }) => f);
  }

  async conflictsFor(company: string): Promise<Conflict[]> {
    return (await this.summary(company)).conflicts;
  }

  /** The figure to quote now on a metric: current and reported before talks, newest first, then best backed. */
  async currentFigure(company: string, metric: Metric): Promise<CurrentFigure | null> {
    const sum = await this.summary(company);
    const figs = sum.figures.filter((f) => f.metric === metric && f.when === 'current');
    if (figs.length === 0) return null;
    figs.sort((a, b) => Number(a.status === 'talks') - Number(b.status === 'talks') || newestDate(b).localeCompare(newestDate(a)) || b.sources.length - a.sources.length);
    const best = figs[0];
    const { members: _m, ...figure } = best;
    return {
      company: best.company, metric, figure,
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
    // Only the facts first seen in the window, from the time-ordered index: never every fact known.
    const freshByCo = await this.freshFacts(from, until);
    const newFigures: LedgerFigure[] = [];
    const confirmed: LedgerFigure[] = [];
    const conflicts: Conflict[] = [];
    const events: DigestEvent[] = [];
    for (const co of all.filter((c) => c.watched && wanted.has(c.name.toLowerCase()))) {
      const fresh = (freshByCo.get(companyKey(co.name)) ?? []).filter(inWindow);
      if (fresh.length === 0) continue;
      const sum = await this.summary(co.name);
      for (const { members, ...plain } of sum.figures) {
        const mine = members.filter((m) => m.f <= until);
        const newOnes = mine.filter((m) => !m.b && m.f > from);
        if (newOnes.length === 0) continue;
        const before = mine.filter((m) => m.b || m.f <= from);
        if (before.length === 0) newFigures.push(plain);
        else {
          const oldSources = new Set(before.map((m) => m.s));
          if (newOnes.some((m) => !oldSources.has(m.s))) confirmed.push(plain);
        }
      }
      const freshIds = new Set(fresh.map((f) => f.fact.articleId));
      conflicts.push(...sum.conflicts.filter((c) => c.claims.some((cl) => cl.articleIds.some((id) => freshIds.has(id)))));
      events.push(...(await this.eventsIn(co.name, inWindow)));
    }
    const unwatched = await this.unwatchedIn(all.filter((c) => !c.watched), freshByCo, inWindow);
    if (!newFigures.length && !confirmed.length && !conflicts.length && !unwatched.length) return null;
    return {
      title: scope.title ?? `Funding news: ${scopeNames.join(', ') || 'AI companies'}`,
      since, until, events, newFigures, confirmed, conflicts, unwatched,
    };
  }

  /** Facts first seen in (from, until], by company key, read through the time-ordered index. */
  private async freshFacts(from: string, until: string): Promise<Map<string, StoredFact[]>> {
    // Keys are `<iso>:<company>:<fact>`; from's own second is excluded, until's included.
    const refs = await this.store.entries<string>(SEEN_PREFIX, { from: `${from}:\uffff`, to: `${until}:\uffff` });
    const facts = await this.store.getMany<StoredFact>(refs.map(([, k]) => k));
    const out = new Map<string, StoredFact[]>();
    refs.forEach(([k], i) => {
      const sf = facts[i];
      if (!sf || sf.supersededAt) return;
      const ck = k.slice(SEEN_PREFIX.length + ISO_LENGTH + 1).split(':')[0];
      out.set(ck, [...(out.get(ck) ?? []), sf]);
    });
    return out;
  }

  private async eventsIn(company: string, inWindow: (x: StoredEvent) => boolean): Promise<DigestEvent[]> {
    const stored = (await this.store.entries<StoredEvent>(`ledger:event:${companyKey(company)}:`)).map(([, v]) => v);
    const out: DigestEvent[] = [];
    for (const se of stored.filter(inWindow).sort((a, b) => a.firstSeen.localeCompare(b.firstSeen))) {
      const arts = await this.getAll<StoredArticle>(se.event.articleIds.map((id) => `ledger:article:${id}`));
      out.push({ ...se.event, articles: arts.map((a) => ({ id: a.id, title: a.title, url: a.url, source: a.source })) });
    }
    return out;
  }

  /** One line per unwatched company and article in the window, with its headline figure. */
  private async unwatchedIn(companies: CompanyEntry[], freshByCo: Map<string, StoredFact[]>, inWindow: (x: StoredFact) => boolean): Promise<UnwatchedNews[]> {
    const out: UnwatchedNews[] = [];
    for (const co of companies) {
      const fresh = (freshByCo.get(companyKey(co.name)) ?? []).filter(inWindow).sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.key.localeCompare(b.key));
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
    return (await this.store.getMany<T>(keys)).filter((v): v is T => v !== undefined);
  }
}
