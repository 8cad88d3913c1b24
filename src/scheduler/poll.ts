// One poll cycle: fetch the feeds that are due, read what is new through the shared pipeline, record it
// in the ledger and remember it as seen. Cron only decides when to call pollOnce; tests call it directly.
import { createHash } from 'node:crypto';
import type { Article, FeedEntry } from '../types';
import { DEFAULT_FEED_INTERVAL_MS, type MoonshotConfig } from '../config';
import type { Store } from '../store/types';
import { entryPages } from '../store/pages';
import type { Deliver } from '../digest/deliver';
import type { Logger } from '../log';
import { fetchFeed as realFetchFeed, type FetchOptions, type FetchResult } from '../feeds/fetch';
import { isLeftOut } from '../feeds/parse/options';
import { readFeed, type FeedRead } from '../feeds/read';
import { fillFromPages as fillPages } from '../feeds/article-pages';
import { analyse, articlesOf, foldArticles } from '../pipeline';
import { readingContext } from '../facts/extract';
import { DuplicateIndex, type DuplicateEntry } from '../articles/duplicates';
import { entryIds, stableHash } from '../articles/identity';
import { Ledger, type StoredFact } from '../ledger';
import { HostLimiter, Semaphore, hostOf } from './limits';
import { claimAsRoomFrees } from './claims';
import { sendAlerts } from './alerts';
import { backoffMs, blankState, feedKey, nextSlot, type FeedState } from './feed-state';

export type FetchFn = (url: string, opts: FetchOptions) => Promise<FetchResult>;

export interface BotDeps {
  store: Store;
  /** The current configuration (a function: a reload swaps it between cycles). */
  config: () => MoonshotConfig;
  deliver: Deliver;
  /** A notice for the admins (a feed was paused). */
  notifyAdmin: (text: string) => Promise<void>;
  log: Logger;
  /** This process's name in claims. */
  owner: string;
  fetchFeed?: FetchFn;
  random?: () => number;
  /**
   * Poll claims a failed cycle could not give back (the store was down): given back at the start of
   * the next cycle, so the feeds are polled as soon as the store is back rather than when the lease
   * runs out. Optional; without it the lease (one interval) decides.
   */
  unreleased?: Set<string>;
  /**
   * The duplicate index this bot holds across polls (see duplicateIndex). Each bot has its own; without
   * one, every cycle loads the index from the store.
   */
  duplicates?: HeldIndex;
}

/** A duplicate index held across polls, and when it was loaded from the store; `index` null = load it. */
export interface HeldIndex {
  index: DuplicateIndex | null;
  /** The load under way, which a cycle starting meanwhile waits on rather than loading a second copy. */
  loading?: Promise<DuplicateIndex> | null;
}

export const emptyHeldIndex = (): HeldIndex => ({ index: null });

export interface FeedOutcome {
  url: string;
  status: 'ok' | 'not-modified' | 'failed' | 'paused-now';
  newItems: number;
  error?: string;
}

export interface CycleReport {
  at: string;
  /** Feeds that were due and claimed by this process. */
  polled: FeedOutcome[];
  /** Items recorded as news (posted in the next digest). */
  newItems: number;
  /** Items only remembered: a new feed's backlog, older than the window. */
  backfilled: number;
  facts: number;
  alerts: number;
  /** Items read before whose text changed (corrections), read again. */
  corrected?: number;
  /** The most fetched documents held at once (read and not yet recorded): at most the fetch concurrency. */
  peakDocuments?: number;
  /** Feed bodies parsed: not those answered 304 or with the same bytes as last read. */
  parsed?: number;
  /** Items normalised: not those seen before with the same words. */
  normalised?: number;
}

interface Fetched {
  url: string;
  state: FeedState;
  result: FeedRead;
}

const sha = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 24);
export const seenKeys = (a: Article): string[] => [`seen:${a.id}`, ...(a.canonicalUrl ? [`seen-url:${sha(a.canonicalUrl)}`] : [])];
/** The id an item takes when its link (or link-made id) was first read in another feed with other text. */
const copyId = (a: Article): string => stableHash('other-feed', a.feed, a.id);

/** Poll cycles under way (any instance): digests hold their window's end before the earliest. */
export const IN_FLIGHT_PREFIX = 'poll-in-flight:';
const inFlightKey = (owner: string, at: string): string => `${IN_FLIGHT_PREFIX}${owner}:${at}`;
/** A cycle that died without clearing its marker holds digests back at most this long. */
const IN_FLIGHT_TTL_MS = 5 * 60_000;

/** The start of the earliest poll cycle still recording, ISO-8601, or null. */
export async function earliestInFlight(store: Store): Promise<string | null> {
  let min: string | null = null;
  for (const k of await store.keys(IN_FLIGHT_PREFIX)) {
    const at = await store.get<string>(k);
    if (at && (min === null || at < min)) min = at;
  }
  return min;
}

/** What the store remembers of an item once read. */
interface SeenRecord {
  firstSeen: string;
  feed: string;
  /** The article id it had (a feed may change guids; the link still finds it). */
  id?: string;
  /** Its text as last read: a change means the publisher corrected it. */
  hash?: string;
  /** Its words as the feed gave them, before normalising (wordsHash): the same again is not read again. */
  words?: string;
}

/** An entry's words as parsed: equal words normalise to equal text, so an item seen with these is unchanged. */
const wordsHash = (e: FeedEntry): string => sha(`${e.title}\u0000${e.summary}\u0000${e.content ?? ''}`);

/** The words of an item, not its date or guid: a re-dated item is the same item. */
const textHash = (a: Article): string => sha(`${a.title}\u0000${a.text}`);

/**
 * Polls every due feed once. Throws when the store fails: the cycle then stops before anything is
 * marked seen or posted, and the next cycle tries again from the same state.
 */
export async function pollOnce(deps: BotDeps, now: Date = new Date()): Promise<CycleReport> {
  const cfg = deps.config();
  const nowIso = now.toISOString();
  for (const k of [...(deps.unreleased ?? [])]) {
    await deps.store.release(k, deps.owner);
    deps.unreleased?.delete(k);
  }
  const claimed: string[] = [];
  // While this cycle records facts stamped `now`, a digest must not move its cursor past `now`: it
  // would read the ledger before the writes land and then never look at them again.
  const marker = inFlightKey(deps.owner, nowIso);
  // This owner's earlier markers are from cycles that are over (polls do not overlap within a
  // process); one left by a cycle the store failed under would otherwise hold digests back.
  for (const k of await deps.store.keys(`${IN_FLIGHT_PREFIX}${deps.owner}:`)) await deps.store.delete(k);
  await deps.store.set(marker, nowIso, IN_FLIGHT_TTL_MS);
  try {
    const report = await pollClaimed(deps, cfg, now, nowIso, claimed, marker);
    await deps.store.delete(marker);
    return report;
  } catch (err) {
    // The index may hold stories this cycle never recorded: the next cycle reloads it from the store.
    if (deps.duplicates) deps.duplicates.index = null;
    await deps.store.delete(marker).catch(() => false);
    // Nothing was marked seen or settled; give the feeds back so the next cycle polls them again.
    for (const k of claimed) {
      const ok = await deps.store.release(k, deps.owner).then(() => true, () => false);
      if (!ok) deps.unreleased?.add(k);
    }
    throw err;
  }
}

const DUP_PREFIX = 'dup:';
export const DUPLICATE_MEMORY_MS = 30 * 24 * 3_600_000;
/** Index entries read from the store at once when the index is loaded. */
const INDEX_PAGE = 2000;

/**
 * The duplicate index the bot holds across polls: a syndicated copy arriving in a later poll folds
 * into the story read earlier. Filled from the store's `dup:` entries on the first poll, a page at a
 * time, and dropped when a cycle fails (the next one loads what was recorded). Several instances
 * sharing one store each hold their own, so folding across them is best effort; posting stays exact
 * through claims.
 *
 * Copies arrive within days of the story, so entries are kept for DUPLICATE_MEMORY_MS (they lapse in
 * the store), and the held index forgets what was published before then at the start of each cycle
 * (a segment at a time, see DuplicateIndex.forget): a bot that runs for a year holds a month of
 * stories, not a year's, and never reads the store's entries again.
 */
async function duplicateIndex(store: Store, held: HeldIndex, now: Date): Promise<DuplicateIndex> {
  const cutoff = now.getTime() - DUPLICATE_MEMORY_MS;
  if (held.index) {
    held.index.forget(cutoff, now.getTime());
    return held.index;
  }
  if (held.loading) return held.loading;
  const load = async (): Promise<DuplicateIndex> => {
    const index = new DuplicateIndex();
    // Sets the index's clock first: undated entries are placed at it as they are imported.
    index.forget(cutoff, now.getTime());
    for await (const page of entryPages<DuplicateEntry>(store, DUP_PREFIX, {}, INDEX_PAGE)) for (const [, e] of page) index.importEntry(e);
    index.forget(cutoff, now.getTime());
    held.index = index;
    return index;
  };
  held.loading = load();
  try {
    return await held.loading;
  } finally {
    held.loading = null;
  }
}

/** What a cycle adds up as its feeds are processed one by one. */
interface Tally {
  polled: FeedOutcome[];
  newItems: number;
  backfilled: number;
  facts: number;
  revised: number;
  corrected: number;
  added: StoredFact[];
  /** Documents fetched and not yet processed and released, now and at most in this cycle. */
  held: number;
  peakHeld: number;
  /** Feed bodies parsed (not a 304, not the same bytes as last time). */
  parsed: number;
  normalised: number;
  /** Next states of feeds that had nothing to record (a 304, the same bytes, only seen items), written
   *  together: losing them re-polls those feeds, nothing more. */
  pendingStates: { key: string; value: unknown }[];
}

/** Feed states held back at most this many at once before they are written. */
const STATE_BATCH = 256;

/**
 * One cycle over the feeds this process claimed. Each feed, once fetched, is read, folded against the
 * stories held, recorded and remembered before its fetch slot is given back, so a cycle holds at most
 * the fetch concurrency's worth of documents, whatever the number of feeds. Feeds are processed one at
 * a time (the ledger and the duplicate index see one feed's items at once) while others fetch.
 */
async function pollClaimed(deps: BotDeps, cfg: MoonshotConfig, now: Date, nowIso: string, claimed: string[], marker: string): Promise<CycleReport> {
  const limiter = new HostLimiter(cfg.polling.concurrency, cfg.polling.perHostConcurrency);
  const fetchFn = deps.fetchFeed ?? (realFetchFeed as FetchFn);
  const index = await duplicateIndex(deps.store, deps.duplicates ?? emptyHeldIndex(), now);
  const ledger = new Ledger(deps.store, cfg.watch, { roundWindowDays: cfg.rounds.windowDays });
  const tally: Tally = { polled: [], newItems: 0, backfilled: 0, facts: 0, revised: 0, corrected: 0, added: [], held: 0, peakHeld: 0, parsed: 0, normalised: 0, pendingStates: [] };
  // The store serves one step of the cycle at a time (a claim, or one feed's records): on SQLite a
  // claim and a feed's ledger transaction, on two connections, would otherwise wait on each other.
  const oneAtATime = new Semaphore(1);
  let markedAt = Date.now();
  await claimAndRead(deps, cfg, now, claimed, limiter, fetchFn, oneAtATime, async (f) => {
    const doc = f.result.kind === 'doc';
    if (doc) {
      tally.parsed++;
      tally.peakHeld = Math.max(tally.peakHeld, ++tally.held);
    }
    try {
      await oneAtATime.run(async () => {
        await processFeed(deps, cfg, { ledger, index, fetchFn }, f, now, tally);
        // A long cycle keeps its marker: its later feeds' writes are stamped `now` too.
        if (Date.now() - markedAt > IN_FLIGHT_TTL_MS / 3) {
          markedAt = Date.now();
          await deps.store.set(marker, nowIso, IN_FLIGHT_TTL_MS);
        }
      });
    } finally {
      if (doc) tally.held--;
    }
  });
  if (tally.pendingStates.length) await deps.store.setMany(tally.pendingStates.splice(0));

  const alerts = await sendAlerts(deps, ledger, tally.added, now);
  // The companies this cycle recorded facts for get their answers worked out now, not at the next question.
  await ledger.refresh(now);
  const report: CycleReport = {
    at: nowIso, polled: tally.polled, newItems: tally.newItems, backfilled: tally.backfilled, facts: tally.facts, alerts,
    ...(tally.revised ? { corrected: tally.revised } : {}), peakDocuments: tally.peakHeld, parsed: tally.parsed, normalised: tally.normalised,
  };
  logCycle(deps.log, report, tally.corrected);
  return report;
}

/**
 * One fetched feed to the store: what is new or corrected is read, folded, recorded in the ledger, and
 * only then remembered as seen, in one write with the feed's next state (a crash in between re-reads
 * the items, it never loses them).
 */
async function processFeed(
  deps: BotDeps, cfg: MoonshotConfig, held: { ledger: Ledger; index: DuplicateIndex; fetchFn: FetchFn },
  f: Fetched, now: Date, tally: Tally,
): Promise<void> {
  const nowIso = now.toISOString();
  const { ledger, index, fetchFn } = held;
  const { fetched: changed, words } = await leaveOutUnchanged(deps.store, f);
  if (changed.result.kind === 'doc') tally.normalised += changed.result.document.entries.length;
  const fetched = [changed];
  const { unseen, revisedIds, priorIds, otherFeeds } = await newOrCorrected(deps.store, fetched);
  // Hashed as the feed gave them: a page's text must not read as a correction on the next poll.
  const feedHash = new Map(unseen.map((a) => [a.id, textHash(a)]));
  await fillFromPages(unseen, cfg, fetchFn, now, deps.log);
  // Copies of stories held from earlier polls are left out, and remembered as seen so they are not read again.
  const copies: Article[] = [];
  const articles = foldArticles(unseen, index, (copy) => copies.push(copy));
  const { fresh, revised, news, backlog } = sortNews(articles, fetched, revisedIds, priorIds, cfg, now);

  const recorded = await record(deps, cfg, ledger, { news, revised, backlog, priorIds }, now);
  // Seen only after the ledger has them. The seen keys, the index entries and the feed's next state go in one write.
  const seen = (a: Article): SeenRecord => ({ firstSeen: nowIso, feed: a.feed, id: a.id, hash: feedHash.get(a.id) ?? textHash(a), ...(words.has(a.id) ? { words: words.get(a.id) } : {}) });
  const writes: { key: string; value: unknown; ttlMs?: number }[] = [];
  for (const a of [...fresh, ...revised]) {
    // The link stays the first feed's: another feed's copy is found by its own id.
    for (const k of otherFeeds.has(a.id) ? [`seen:${a.id}`] : seenKeys(a)) writes.push({ key: k, value: seen(a) });
    const entry = index.exportEntry(a.id);
    if (entry) writes.push({ key: `${DUP_PREFIX}${sha(a.id)}`, value: entry, ttlMs: DUPLICATE_MEMORY_MS });
  }
  for (const a of copies) for (const k of seenKeys(a)) writes.push({ key: k, value: seen(a) });
  const settled = settle(deps, f, now, news);
  const state = { key: feedKey(settled.state.url), value: settled.state };
  if (writes.length === 0 && recorded.facts === 0 && !settled.notice) {
    tally.pendingStates.push(state);
    if (tally.pendingStates.length >= STATE_BATCH) await deps.store.setMany(tally.pendingStates.splice(0));
  } else {
    await deps.store.setMany([...tally.pendingStates.splice(0), ...writes, state]);
  }
  if (settled.notice) await deps.notifyAdmin(settled.notice);
  tally.polled.push(settled.outcome);
  tally.newItems += news.length;
  tally.backfilled += backlog.length;
  tally.facts += recorded.facts;
  tally.revised += revised.length;
  tally.corrected += recorded.corrected;
  tally.added.push(...recorded.added);
}

/**
 * The feed's document without the entries seen before with the same words, before anything is
 * normalised: one read of their seen keys by guid. The words of every entry come back for the seen
 * records. Ids depend on the whole document where entries share a guid; when leaving entries out
 * would change a kept entry's id, nothing is left out.
 */
async function leaveOutUnchanged(store: Store, f: Fetched): Promise<{ fetched: Fetched; words: Map<string, string> }> {
  if (f.result.kind !== 'doc') return { fetched: f, words: new Map() };
  const doc = f.result.document;
  const ids = entryIds(doc.entries, f.url);
  const hashes = doc.entries.map(wordsHash);
  const words = new Map(ids.map((id, i) => [id, hashes[i]]));
  const recs = await store.getMany<SeenRecord>(ids.map((id) => `seen:${id}`));
  const kept = ids.flatMap((_, i) => (recs[i]?.words === hashes[i] ? [] : [i]));
  if (kept.length === ids.length) return { fetched: f, words };
  const entries = kept.map((i) => doc.entries[i]);
  const keptIds = entryIds(entries, f.url);
  if (keptIds.some((id, j) => id !== ids[kept[j]])) return { fetched: f, words };
  return { fetched: { ...f, result: { ...f.result, document: { ...doc, entries } } }, words };
}

/** Claims due feeds (one poller per feed per slot, across every instance sharing the store) as fetch
 *  room frees up (scheduler/claims), and reads each as soon as it is claimed, within the host limits;
 *  each read is handed to `onRead` before its slot is given back. The first failure stops the
 *  processing of the rest (their reads still end) and is thrown once every fetch is over. */
async function claimAndRead(
  deps: BotDeps, cfg: MoonshotConfig, now: Date, claimed: string[], limiter: HostLimiter, fetchFn: FetchFn,
  storeTurn: Semaphore, onRead: (f: Fetched) => Promise<void>,
): Promise<void> {
  const nowIso = now.toISOString();
  // Every feed's state in one read.
  const states = await deps.store.getMany<FeedState>(cfg.feeds.map((f) => feedKey(f.url)));
  const statesReadAt = Date.now();
  let failure: { err: unknown } | null = null;
  const readAndProcess = async (state: FeedState): Promise<void> => {
    if (failure) return;
    const f = await fetchOne(fetchFn, state, cfg, now);
    for (const w of f.result.kind === 'doc' ? f.result.document.warnings.filter(isLeftOut) : []) deps.log.warn({ feed: f.url, at: nowIso }, `poll: ${w}`);
    if (failure) return;
    try {
      await onRead(f);
    } catch (err) {
      failure ??= { err };
    }
  };
  const due = cfg.feeds.flatMap((feed, i) => {
    const state: FeedState = { ...blankState(feed.url), ...(states[i] ?? {}) };
    return state.pausedAt || (state.nextPollAt && state.nextPollAt > nowIso) ? [] : [state];
  });
  const claimOf = (s: FeedState): string => `poll:${s.url}:${s.nextPollAt ?? 'first'}`;
  await claimAsRoomFrees(due, {
    owner: deps.owner, hostOf: (s) => hostOf(s.url),
    // Claimed ahead of the fetch slots by as many again, so a claim's round trip never leaves a slot idle.
    ahead: 2 * cfg.polling.concurrency, aheadPerHost: 2 * cfg.polling.perHostConcurrency,
    turn: (claims) => storeTurn.run(claims, { first: true }),
    claim: async (s) => {
      const key = claimOf(s);
      if (!(await deps.store.claim(key, deps.owner, cfg.polling.claimLeaseMs))) return null;
      claimed.push(key);
      // Another instance may have polled the feed since this cycle read its state, and its claim on
      // that slot lapsed since. That takes the state read to be older than half a lease (a feed's
      // work is far shorter than half a lease): until then the claim alone says the feed is ours.
      if (Date.now() - statesReadAt < cfg.polling.claimLeaseMs / 2) return s;
      const fresh: FeedState = { ...blankState(s.url), ...((await deps.store.get<FeedState>(feedKey(s.url))) ?? {}) };
      if (fresh.nextPollAt === s.nextPollAt && !fresh.pausedAt) return fresh;
      await deps.store.release(key, deps.owner);
      claimed.splice(claimed.indexOf(key), 1);
      return null;
    },
    work: (s) => limiter.run(s.url, () => readAndProcess(s)),
    stopped: () => failure !== null,
  });
  if (failure) throw (failure as { err: unknown }).err;
}

/** The items read that were never seen, and those seen before whose words changed (corrections,
 *  with the id each had). Dropped before folding: only new or corrected items are fingerprinted.
 *  A correction is a change in the same feed's same item; the same link (or link-made id) in another
 *  feed with other text is another source's claim, read as an article of its own (under an id of its
 *  own, listed in `otherFeeds`) and kept beside the first. */
async function newOrCorrected(store: Store, fetched: Fetched[]): Promise<{ unseen: Article[]; revisedIds: Set<string>; priorIds: Map<string, string[]>; otherFeeds: Set<string> }> {
  const all = articlesOf(fetched.flatMap((f) => (f.result.kind === 'doc' ? [{ feed: f.url, document: f.result.document }] : [])));
  const keysOf = all.map((a) => [`seen:${a.id}`, `seen:${copyId(a)}`, ...seenKeys(a).slice(1)]);
  const recs = await store.getMany<SeenRecord>(keysOf.flat());
  let at = 0;
  const unseen: Article[] = [];
  const priorIds = new Map<string, string[]>();
  const revisedIds = new Set<string>();
  const otherFeeds = new Set<string>();
  for (const [i, a0] of all.entries()) {
    const [byId, byCopy, byUrl] = recs.slice(at, (at += keysOf[i].length));
    const mineOf = (r: SeenRecord | undefined): SeenRecord | undefined => (r && (!r.feed || r.feed === a0.feed) ? r : undefined);
    const copy = mineOf(byCopy);
    const a = copy ? { ...a0, id: copyId(a0) } : a0;
    const seen = copy ?? mineOf(byId) ?? mineOf(byUrl);
    const other = seen ? undefined : (byId ?? byUrl);
    if (seen) {
      if (seen.hash && seen.hash !== textHash(a)) {
        unseen.push(a);
        revisedIds.add(a.id);
        priorIds.set(a.id, [seen.id ?? a.id]);
      }
    } else if (other && other.hash && other.hash !== textHash(a)) {
      const own = a.id === (other.id ?? a.id) ? { ...a, id: copyId(a) } : a;
      otherFeeds.add(own.id);
      unseen.push(own);
    } else if (!other) unseen.push(a);
  }
  return { unseen, revisedIds, priorIds, otherFeeds };
}

/** Folded articles as news, corrections, or a new feed's backlog (remembered, never posted). */
function sortNews(articles: Article[], fetched: Fetched[], revisedIds: Set<string>, priorIds: Map<string, string[]>, cfg: MoonshotConfig, now: Date): { fresh: Article[]; revised: Article[]; news: Article[]; backlog: Article[] } {
  const initialising = new Set(fetched.filter((f) => f.result.kind === 'doc' && !f.state.initialisedAt).map((f) => f.url));
  const fresh = articles.filter((a) => !revisedIds.has(a.id));
  // Items read before whose words changed: corrections, read again as updates.
  const revised = articles.filter((a) => revisedIds.has(a.id));
  for (const id of priorIds.keys()) if (!revised.some((a) => a.id === id)) priorIds.delete(id);
  const windowStart = now.getTime() - cfg.polling.newItemWindowMs;
  const isBacklog = (a: Article): boolean =>
    initialising.has(a.feed) && !(a.published && Date.parse(a.published) >= windowStart && Date.parse(a.published) <= now.getTime() + 3_600_000);
  return { fresh, revised, news: fresh.filter((a) => !isBacklog(a)), backlog: fresh.filter(isBacklog) };
}

/** The news and corrections analysed and recorded as news; the backlog recorded as known, not news. */
async function record(
  deps: BotDeps, cfg: MoonshotConfig, ledger: Ledger,
  sorted: { news: Article[]; revised: Article[]; backlog: Article[]; priorIds: Map<string, string[]> }, now: Date,
): Promise<{ added: StoredFact[]; facts: number; corrected: number }> {
  const ctx = readingContext({ watch: cfg.watch, rates: cfg.rates, now, log: deps.log, roundWindowDays: cfg.rounds.windowDays });
  const out = { added: [] as StoredFact[], facts: 0, corrected: 0 };
  for (const [batch, backfill] of [[[...sorted.news, ...sorted.revised], false], [sorted.backlog, true]] as [Article[], boolean][]) {
    if (batch.length === 0) continue;
    const a = analyse(batch, ctx);
    out.facts += a.facts.length;
    const r = await ledger.record({ articles: batch, facts: a.facts, events: a.events }, now, { backfill, ...(backfill ? {} : { revised: sorted.priorIds }) });
    if (!backfill) {
      out.added = r.added;
      out.corrected = r.superseded.length;
    }
  }
  return out;
}

/** A line per feed that could not be read, and one for the cycle. */
function logCycle(log: Logger, report: CycleReport, corrected: number): void {
  for (const p of report.polled) {
    if (p.error) log[p.status === 'paused-now' ? 'error' : 'warn']({ feed: p.url, error: p.error, paused: p.status === 'paused-now' }, 'feed could not be read');
  }
  if (report.polled.length === 0) return;
  log.info(
    { at: report.at, feeds: report.polled.length, newItems: report.newItems, backfilled: report.backfilled, facts: report.facts, alerts: report.alerts, corrected, parsed: report.parsed, normalised: report.normalised, peakDocuments: report.peakDocuments },
    describeCycle(report) + (corrected ? `; ${corrected} earlier figure${corrected === 1 ? '' : 's'} withdrawn by a correction` : ''),
  );
}

/**
 * For feeds set to `fetchFullArticle`, each new item's page: its text replaces the feed's teaser when it
 * says more. Only items that would be news (a new feed's backlog is only remembered); the pages have
 * their own deadline and pool (feeds/article-pages), so slow pages never hold the news past it.
 */
async function fillFromPages(items: Article[], cfg: MoonshotConfig, fetchFn: FetchFn, now: Date, log: Logger): Promise<void> {
  const full = new Set(cfg.feeds.filter((f) => f.fetchFullArticle).map((f) => f.url));
  if (full.size === 0) return;
  const oldest = now.getTime() - cfg.polling.newItemWindowMs;
  const wanted = items.filter((a) => full.has(a.feed) && !(a.published && Date.parse(a.published) < oldest));
  const pageFetch = (url: string, opts: FetchOptions = {}): Promise<FetchResult> => fetchFn(url, { ...opts, allowHosts: cfg.allowHosts });
  const { abandoned } = await fillPages(wanted, pageFetch, cfg.allowHosts, cfg.polling.articlePages);
  if (abandoned) log.warn({ at: now.toISOString(), pages: abandoned }, `poll: ${abandoned} article page${abandoned === 1 ? '' : 's'} not read within ${cfg.polling.articlePages.deadlineMs / 1000} s; the feed's text is used`);
}

/** One feed read as `scan` reads it, with the validators of its last fetch. */
async function fetchOne(fetchFn: FetchFn, state: FeedState, cfg: MoonshotConfig, now: Date): Promise<Fetched> {
  const result = await readFeed(state.url, {
    fetch: { etag: state.etag, lastModified: state.lastModified, allowHosts: cfg.allowHosts },
    fetchFn, localFiles: false, now, maxItems: cfg.polling.maxItemsPerFeed, bodyHash: state.bodyHash ?? null,
  });
  return { url: state.url, state, result };
}

/** The feed's next state: the next poll time, validators, failures, and a pause when due (with its notice). */
function settle(deps: BotDeps, f: Fetched, now: Date, news: Article[]): { state: FeedState; outcome: FeedOutcome; notice: string | null } {
  const cfg = deps.config();
  const feed = cfg.feeds.find((x) => x.url === f.url);
  const interval = feed?.intervalMs ?? DEFAULT_FEED_INTERVAL_MS;
  const jitter = Math.floor((deps.random ?? Math.random)() * cfg.polling.jitterMs);
  const nowIso = now.toISOString();
  const s: FeedState = { ...f.state, lastPolledAt: nowIso };
  let outcome: FeedOutcome;
  if (f.result.kind === 'error') {
    s.failures += 1;
    s.lastError = f.result.message;
    const wait = Math.max(backoffMs(s.failures, cfg.polling.backoff), f.result.retryAfterMs ?? 0);
    s.nextPollAt = new Date(now.getTime() + wait).toISOString();
    outcome = { url: f.url, status: 'failed', newItems: 0, error: f.result.message };
    if (s.failures >= cfg.polling.pauseAfterFailures) {
      s.pausedAt = nowIso;
      outcome.status = 'paused-now';
    }
  } else {
    s.failures = 0;
    s.lastError = null;
    s.lastSuccessAt = nowIso;
    s.nextPollAt = new Date(nextSlot(f.url, interval, now.getTime()) + jitter).toISOString();
    if (f.result.kind === 'doc' || f.result.kind === 'unchanged') {
      s.etag = f.result.etag;
      s.lastModified = f.result.lastModified;
      s.bodyHash = f.result.bodyHash;
    }
    if (f.result.kind === 'doc') s.initialisedAt ??= nowIso;
    outcome = { url: f.url, status: f.result.kind === 'doc' ? 'ok' : 'not-modified', newItems: news.filter((a) => a.feed === f.url).length };
  }
  return {
    state: s, outcome,
    notice: outcome.status !== 'paused-now' ? null : `Moonshot paused the feed ${feed?.name ? `${feed.name} (${f.url})` : f.url} after ${s.failures} failed polls in a row; the last error: ${s.lastError}. Resume it with /moonshot resume ${f.url}`,
  };
}

export function describeCycle(r: CycleReport): string {
  const count = (s: FeedOutcome['status']): number => r.polled.filter((p) => p.status === s).length;
  const parts = [`${r.polled.length} feed${r.polled.length === 1 ? '' : 's'} polled`, `${count('ok')} read`, `${count('not-modified')} unchanged`, `${count('failed') + count('paused-now')} failed`];
  const paused = count('paused-now');
  return `poll ${r.at}: ${parts.join(', ')}; ${r.newItems} new item${r.newItems === 1 ? '' : 's'}, ${r.backfilled} remembered without posting, ${r.facts} figure${r.facts === 1 ? '' : 's'} read${r.alerts ? `, ${r.alerts} alert${r.alerts === 1 ? '' : 's'}` : ''}${paused ? `, ${paused} feed${paused === 1 ? '' : 's'} paused` : ''}${failedList(r)}`;
}

function failedList(r: CycleReport): string {
  const failed = r.polled.filter((p) => p.error);
  if (failed.length === 0) return '';
  const shown = failed.slice(0, 3).map((p) => `${p.url}: ${p.error}`).join('; ');
  return ` (failed: ${shown}${failed.length > 3 ? `; and ${failed.length - 3} more` : ''})`;
}
