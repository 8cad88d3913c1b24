// One digest for one subscription: claim the slot, read the ledger since the subscription's cursor,
// deliver, then move the cursor. The cursor lives in the store, so a restart never re-posts or skips.
import type { SubscriptionConfig } from '../config';
import { DEFAULT_DIGEST_FILTER, type DigestChart, type DigestInput } from '../types';
import { filterDigestInput } from '../digest/filter';
import { Ledger } from '../ledger';
import { earliestInFlight, type BotDeps } from './poll';

export const cursorKey = (subId: string): string => `cursor:${subId}`;
/** The end of a digest window being delivered; cleared once the cursor has moved past it. */
/** How far behind its firing time a digest's window ends. */
export const SETTLE_MS = 5000;
const pendingKey = (subId: string): string => `cursor-pending:${subId}`;

export interface DigestOutcome {
  subscription: string;
  status: 'posted' | 'nothing-new' | 'claimed-elsewhere';
  input: DigestInput | null;
}

/** Builds and delivers one subscription's digest as of `now`. Throws when the store fails: nothing is posted. */
export async function runDigest(deps: BotDeps, sub: SubscriptionConfig, now: Date = new Date()): Promise<DigestOutcome> {
  const until = now.toISOString();
  // Several instances may fire the same cron minute: one of them posts.
  const slot = until.slice(0, 16);
  const claim = `digest:${sub.id}:${slot}`;
  if (!(await deps.store.claim(claim, deps.owner, 3_600_000))) {
    return { subscription: sub.id, status: 'claimed-elsewhere', input: null };
  }
  try {
    return await digestClaimed(deps, sub, until);
  } catch (err) {
    // Let a retry in the same minute (a /moonshot digest, the next tick) run it; best effort.
    await deps.store.release(claim, deps.owner).catch(() => false);
    throw err;
  }
}

/**
 * A subscription's digest input over (from, to], its filters applied and its chart attached when it
 * carries one; null when nothing is left to post.
 */
export async function digestWindow(ledger: Ledger, sub: SubscriptionConfig, from: string | null, to: string, firstWindowMs: number): Promise<DigestInput | null> {
  const read = await ledger.digestInput({ companies: sub.companies }, from, to, { firstWindowMs });
  const input = read && filterDigestInput(read, sub.filters ?? DEFAULT_DIGEST_FILTER);
  const chart = input && await chartFor(ledger, sub, input, new Date(to));
  return input && chart ? { ...input, chart } : input;
}

/** True when a cron schedule fires at most once a week: one minute and hour, on one weekday or one day of the month. */
export function firesWeekly(schedule: string): boolean {
  const f = schedule.trim().split(/\s+/);
  const [min, hour, dom, , dow] = f.length === 6 ? f.slice(1) : f;
  const one = (x: string | undefined): boolean => x !== undefined && /^\d+$/.test(x);
  const weekday = one(dow) || /^[A-Za-z]{3}$/.test(dow ?? '');
  return one(min) && one(hour) && ((dom === '*' && weekday) || (one(dom) && dow === '*'));
}

/** The company with the most news in a digest: the most distinct articles behind its lines; null for none. */
export function busiestCompany(input: DigestInput): string | null {
  const articles = new Map<string, Set<string>>();
  const add = (company: string, ids: string[]): void => {
    const k = company.toLowerCase();
    const set = articles.get(k) ?? new Set<string>();
    for (const id of ids) set.add(id);
    articles.set(k, set);
  };
  for (const e of input.events) add(e.company, e.articles.map((a) => a.id));
  for (const f of [...input.newFigures, ...input.confirmed]) add(f.company, f.sources.map((s) => s.articleId));
  for (const c of input.conflicts) add(c.company, c.claims.flatMap((cl) => cl.articleIds));
  let best: string | null = null;
  let most = 0;
  for (const name of [...input.events, ...input.newFigures, ...input.confirmed, ...input.conflicts].map((x) => x.company)) {
    const n = articles.get(name.toLowerCase())?.size ?? 0;
    if (n > most) { best = name; most = n; }
  }
  return best;
}

/** The chart a subscription's digest carries, if it asked for one and its busiest company has a round to draw. */
async function chartFor(ledger: Ledger, sub: SubscriptionConfig, input: DigestInput, now: Date): Promise<DigestChart | null> {
  const setting = sub.chart ?? 'weekly';
  if (setting === 'off' || (setting === 'weekly' && !firesWeekly(sub.schedule))) return null;
  const company = busiestCompany(input);
  if (!company) return null;
  const { rounds, conflicts } = await ledger.rounds(company, now);
  const own = rounds.filter((r) => r.company.toLowerCase() === company.toLowerCase());
  return own.some((r) => r.round_size || r.valuation) ? { company, rounds: own, conflicts } : null;
}

/** Where a digest fired at `now` ends. */
async function windowEnd(deps: BotDeps, now: string): Promise<string> {
  // Facts a running poll is still writing are stamped with its start: stop the window just before it.
  // The window also ends a few seconds back: a poll that started just before this digest may not
  // have written its in-flight marker yet when we look for it.
  const busy = await earliestInFlight(deps.store);
  const settled = new Date(Date.parse(now) - SETTLE_MS).toISOString();
  return busy && busy <= settled ? new Date(Date.parse(busy) - 1).toISOString() : settled;
}

/**
 * The digest the subscription would get if it fired now: the same window and filters, read only.
 * Nothing is claimed, posted or moved, so the next real digest still reports all of it.
 */
export async function previewDigest(deps: BotDeps, sub: SubscriptionConfig, now: Date = new Date()): Promise<DigestInput | null> {
  const cfg = deps.config();
  const until = await windowEnd(deps, now.toISOString());
  const since = (await deps.store.get<string>(cursorKey(sub.id))) ?? null;
  if (since && until <= since) return null;
  const ledger = new Ledger(deps.store, cfg.watch, { roundWindowDays: cfg.rounds.windowDays });
  return digestWindow(ledger, sub, since, until, cfg.polling.newItemWindowMs);
}

async function digestClaimed(deps: BotDeps, sub: SubscriptionConfig, now: string): Promise<DigestOutcome> {
  const cfg = deps.config();
  const until = await windowEnd(deps, now);
  let since = (await deps.store.get<string>(cursorKey(sub.id))) ?? null;
  if (since && until <= since) {
    deps.log.info({ subscription: sub.id, at: now }, 'digest: a poll is still recording; nothing new before it, no post');
    return { subscription: sub.id, status: 'nothing-new', input: null };
  }
  const ledger = new Ledger(deps.store, cfg.watch, { roundWindowDays: cfg.rounds.windowDays });
  const window = (from: string | null, to: string): Promise<DigestInput | null> => digestWindow(ledger, sub, from, to, cfg.polling.newItemWindowMs);
  // A digest that was being delivered when the store (or the process) went away: finish that one
  // first, under the same window and so the same digest id, which the outbox has already queued or
  // sent. Its items are then behind the cursor, never reported a second time in a wider window.
  const unfinished = await deps.store.get<string>(pendingKey(sub.id));
  if (unfinished && (!since || unfinished > since) && unfinished < until) {
    const earlier = await window(since, unfinished);
    if (earlier) await deps.deliver(sub, earlier, 'digest');
    await deps.store.set(cursorKey(sub.id), unfinished);
    since = unfinished;
    deps.log.info({ subscription: sub.id, until: unfinished }, 'digest finished after an interruption');
  }
  await deps.store.set(pendingKey(sub.id), until);
  const input = await window(since, until);
  if (input) await deps.deliver(sub, input, 'digest');
  await deps.store.set(cursorKey(sub.id), until);
  await deps.store.delete(pendingKey(sub.id));
  const outcome: DigestOutcome = { subscription: sub.id, status: input ? 'posted' : 'nothing-new', input };
  deps.log.info(
    { subscription: sub.id, until, ...(input ? { new: input.newFigures.length, confirmed: input.confirmed.length, conflicts: input.conflicts.length, otherCompanies: input.unwatched.length } : {}) },
    input ? 'digest posted' : 'digest: nothing new, no post',
  );
  return outcome;
}
