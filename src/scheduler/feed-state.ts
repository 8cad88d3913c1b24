// Each feed's polling state, kept in the store (never in memory) so a restart or a second instance
// carries on where the last poll left off.
import { createHash } from 'node:crypto';
import type { Store } from '../store/types';
import type { PollingConfig } from '../config';

export interface FeedState {
  url: string;
  /** Conditional GET validators from the last 200 response. */
  etag: string | null;
  lastModified: string | null;
  /** ISO-8601 of the first successful poll; absent until then (the next poll is the feed's first). */
  initialisedAt: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  /** Not polled before this time (interval, jitter, backoff, Retry-After), ISO-8601. */
  nextPollAt: string | null;
  /** Failures in a row. */
  failures: number;
  lastError: string | null;
  /** Set when the feed was paused after repeated failures; cleared by resumeFeed. */
  pausedAt: string | null;
  /** The hash of the body last read in full: the same bytes again are not parsed (feeds/read). */
  bodyHash?: string | null;
}

export const feedKey = (url: string): string => `feed:${url}`;

export function blankState(url: string): FeedState {
  return { url, etag: null, lastModified: null, initialisedAt: null, lastPolledAt: null, lastSuccessAt: null, nextPollAt: null, failures: 0, lastError: null, pausedAt: null };
}

export async function readFeedState(store: Store, url: string): Promise<FeedState> {
  return { ...blankState(url), ...((await store.get<FeedState>(feedKey(url))) ?? {}) };
}

/**
 * When a feed that was just read is next due: on its own slot, a phase within its interval taken from
 * a hash of its URL, so that many feeds with one interval spread over it instead of firing together.
 * The first slot at least half an interval away: a cycle that ran late does not pull the next poll
 * forward, and the gap settles at one interval.
 */
export function nextSlot(url: string, intervalMs: number, now: number): number {
  const interval = Math.max(1, Math.floor(intervalMs));
  const phase = createHash('sha1').update(url).digest().readUInt32BE(0) % interval;
  const earliest = now + interval / 2;
  const k = Math.floor((earliest - phase) / interval) + 1;
  return phase + k * interval;
}

/** The wait after the n-th failure in a row: initial, initial*factor, ... capped at max. */
export function backoffMs(failures: number, p: PollingConfig['backoff']): number {
  return Math.min(p.maxMs, p.initialMs * Math.pow(p.factor, Math.max(0, failures - 1)));
}

/** Every feed's state, for `/moonshot feeds` and admin views. */
export async function listFeedStates(store: Store): Promise<FeedState[]> {
  const keys = await store.keys('feed:');
  const out: FeedState[] = [];
  for (const k of keys) {
    const s = await store.get<FeedState>(k);
    if (s) out.push({ ...blankState(s.url), ...s });
  }
  return out.sort((a, b) => a.url.localeCompare(b.url));
}

/** Un-pauses a feed (an admin's command): failures forgotten, polled on the next cycle. */
export async function resumeFeed(store: Store, url: string, now = new Date()): Promise<FeedState | null> {
  const cur = await store.get<FeedState>(feedKey(url));
  if (!cur) return null;
  const next: FeedState = { ...blankState(url), ...cur, pausedAt: null, failures: 0, lastError: null, nextPollAt: now.toISOString() };
  await store.set(feedKey(url), next);
  return next;
}
