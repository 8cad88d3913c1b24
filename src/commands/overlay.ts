// Changes made from chat (feeds, watch list, digest subscriptions), kept in the store on top of the
// config file. The file stays the starting point; the store says what chat added, removed or paused,
// one key per feed, company or channel, so two admins changing different things never overwrite each
// other, and a restart (or another instance) sees the same result.
import type { FeedConfig, MoonshotConfig, SubscriptionConfig } from '../config';
import type { Store } from '../store/types';
import type { WatchedCompany } from '../types';
import { readFeedState, resumeFeed } from '../scheduler/feed-state';
import type { ChannelSubscription, FeedAdmin, FeedEntryState, SubscriptionAdmin, WatchAdmin } from './types';
import { normaliseName } from './match';

interface FeedOverlay {
  url: string;
  state: 'added' | 'removed';
  intervalMs: number;
  name: string | null;
  paused: boolean;
}

interface WatchOverlay {
  state: 'added' | 'removed';
  company: WatchedCompany;
}

type SubOverlay = { state: 'set'; sub: ChannelSubscription } | { state: 'off'; platform: 'slack' | 'discord'; channel: string };

const FEED = 'admin:feed:';
const WATCH = 'admin:watch:';
const SUB = 'admin:sub:';
const feedKey = (url: string): string => FEED + encodeURIComponent(url);
const watchKey = (name: string): string => WATCH + encodeURIComponent(normaliseName(name));
const subKey = (platform: string, channel: string): string => `${SUB}${platform}:${encodeURIComponent(channel)}`;

async function all<T>(store: Store, prefix: string): Promise<T[]> {
  const out: T[] = [];
  for (const k of (await store.keys(prefix)).sort()) {
    const v = await store.get<T>(k);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** The feeds to poll: the config's, minus those removed or paused from chat, plus those added. */
export async function effectiveFeeds(config: MoonshotConfig, store: Store): Promise<(FeedConfig & { paused: boolean; origin: 'config' | 'chat' })[]> {
  const overlays = new Map((await all<FeedOverlay>(store, FEED)).map((o) => [o.url, o]));
  const out: (FeedConfig & { paused: boolean; origin: 'config' | 'chat' })[] = [];
  for (const f of config.feeds) {
    const o = overlays.get(f.url);
    if (o?.state === 'removed') continue;
    out.push({ ...f, intervalMs: o?.intervalMs ?? f.intervalMs, paused: o?.paused ?? false, origin: 'config' });
  }
  for (const o of overlays.values()) {
    if (o.state === 'added' && !config.feeds.some((f) => f.url === o.url)) {
      out.push({ url: o.url, intervalMs: o.intervalMs, fetchFullArticle: false, name: o.name, paused: o.paused, origin: 'chat' });
    }
  }
  return out;
}

export async function effectiveWatch(config: MoonshotConfig, store: Store): Promise<WatchedCompany[]> {
  const overlays = await all<WatchOverlay>(store, WATCH);
  const removed = new Set(overlays.filter((o) => o.state === 'removed').map((o) => normaliseName(o.company.name)));
  const base = config.watch.filter((w) => !removed.has(normaliseName(w.name)));
  const added = overlays.filter((o) => o.state === 'added' && !base.some((w) => normaliseName(w.name) === normaliseName(o.company.name)));
  return [...base, ...added.map((o) => o.company)];
}

export async function effectiveSubscriptions(config: MoonshotConfig, store: Store): Promise<SubscriptionConfig[]> {
  const overlays = await all<SubOverlay>(store, SUB);
  const touched = (s: { platform: string; channel: string | null }): SubOverlay | undefined =>
    overlays.find((o) => (o.state === 'set' ? o.sub.platform === s.platform && o.sub.channel === s.channel : o.platform === s.platform && o.channel === s.channel));
  const out = config.subscriptions.filter((s) => !touched(s));
  for (const o of overlays) {
    if (o.state !== 'set') continue;
    const base = config.subscriptions.find((s) => s.platform === o.sub.platform && s.channel === o.sub.channel);
    out.push({
      id: o.sub.id, platform: o.sub.platform, channel: o.sub.channel, webhook: null, schedule: o.sub.schedule, timezone: o.sub.timezone,
      companies: base?.companies ?? null, alertOnConflict: base?.alertOnConflict ?? false,
    });
  }
  return out;
}

/** The config with the chat changes applied: what the scheduler and the digest jobs should run on. */
export async function applyOverlay(config: MoonshotConfig, store: Store): Promise<MoonshotConfig> {
  const feeds = (await effectiveFeeds(config, store)).filter((f) => !f.paused).map(({ paused: _p, origin: _o, ...f }) => f);
  return { ...config, feeds, watch: await effectiveWatch(config, store), subscriptions: await effectiveSubscriptions(config, store) };
}

export interface StoreAdmins {
  feeds: FeedAdmin;
  watch: WatchAdmin;
  subscriptions: SubscriptionAdmin;
}

/**
 * Admin state over the store. `config` is a function so a reloaded file is seen; `onChange` lets the
 * bot re-read the effective configuration at once instead of at its next reload.
 */
export function storeAdmins(store: Store, config: () => MoonshotConfig, onChange: () => void | Promise<void> = () => undefined): StoreAdmins {
  const changed = async (): Promise<void> => { await onChange(); };
  const feedList = async (): Promise<FeedEntryState[]> =>
    (await effectiveFeeds(config(), store)).map((f) => ({ url: f.url, intervalMs: f.intervalMs, paused: f.paused, origin: f.origin, name: f.name }));
  const find = async (url: string): Promise<FeedEntryState | undefined> => (await feedList()).find((f) => f.url === url);
  const setPaused = async (url: string, paused: boolean): Promise<boolean> => {
    const f = await find(url);
    if (!f) return false;
    const prev = await store.get<FeedOverlay>(feedKey(url));
    await store.set<FeedOverlay>(feedKey(url), { url, state: prev?.state ?? 'added', intervalMs: f.intervalMs, name: f.name, paused });
    // Resuming also clears a pause the scheduler made after repeated failures.
    if (!paused && (await readFeedState(store, url)).pausedAt) await resumeFeed(store, url);
    await changed();
    return true;
  };

  const feeds: FeedAdmin = {
    list: feedList,
    async add(url, intervalMs, name) {
      if (await find(url)) return false;
      await store.set<FeedOverlay>(feedKey(url), { url, state: 'added', intervalMs, name, paused: false });
      await changed();
      return true;
    },
    async remove(url) {
      if (!(await find(url))) return false;
      if (config().feeds.some((f) => f.url === url)) await store.set<FeedOverlay>(feedKey(url), { url, state: 'removed', intervalMs: 0, name: null, paused: false });
      else await store.delete(feedKey(url));
      await changed();
      return true;
    },
    pause: (url) => setPaused(url, true),
    resume: (url) => setPaused(url, false),
  };

  const watch: WatchAdmin = {
    list: () => effectiveWatch(config(), store),
    async add(company) {
      const n = normaliseName(company.name);
      if ((await effectiveWatch(config(), store)).some((w) => normaliseName(w.name) === n)) return false;
      await store.set<WatchOverlay>(watchKey(company.name), { state: 'added', company });
      await changed();
      return true;
    },
    async remove(name) {
      const n = normaliseName(name);
      const current = (await effectiveWatch(config(), store)).find((w) => normaliseName(w.name) === n);
      if (!current) return false;
      if (config().watch.some((w) => normaliseName(w.name) === n)) await store.set<WatchOverlay>(watchKey(name), { state: 'removed', company: current });
      else await store.delete(watchKey(name));
      await changed();
      return true;
    },
  };

  const subscriptions: SubscriptionAdmin = {
    async list() {
      return (await effectiveSubscriptions(config(), store))
        .filter((s): s is SubscriptionConfig & { platform: 'slack' | 'discord'; channel: string } => (s.platform === 'slack' || s.platform === 'discord') && !!s.channel)
        .map((s) => ({ id: s.id, platform: s.platform, channel: s.channel, schedule: s.schedule, timezone: s.timezone }));
    },
    async set(sub) {
      await store.set<SubOverlay>(subKey(sub.platform, sub.channel), { state: 'set', sub });
      await changed();
    },
    async remove(platform, channel) {
      const had = (await this.list()).some((s) => s.platform === platform && s.channel === channel);
      if (!had) return false;
      if (config().subscriptions.some((s) => s.platform === platform && s.channel === channel)) {
        await store.set<SubOverlay>(subKey(platform, channel), { state: 'off', platform, channel });
      } else {
        await store.delete(subKey(platform, channel));
      }
      await changed();
      return true;
    },
  };

  return { feeds, watch, subscriptions };
}
