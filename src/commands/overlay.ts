// The admin commands' state over the store: feeds, the watch list and digest subscriptions changed
// from chat, written in the layout src/scheduler/overlay.ts owns (and reads back as the bot's config).
import type { MoonshotConfig, SubscriptionConfig } from '../config';
import type { Store } from '../store/types';
import { readFeedState, resumeFeed } from '../scheduler/feed-state';
import {
  effectiveFeeds, effectiveSubscriptions, effectiveWatch, feedOverlayKey as feedKey, subOverlayKey as subKey, watchOverlayKey as watchKey,
  type FeedOverlay, type SubOverlay, type WatchOverlay,
} from '../scheduler/overlay';
import type { FeedAdmin, FeedEntryState, SubscriptionAdmin, WatchAdmin } from './types';
import { normaliseName } from './match';

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
        .map((s) => ({ id: s.id, platform: s.platform, channel: s.channel, schedule: s.schedule, timezone: s.timezone, companies: s.companies, alerts: s.alerts, filters: s.filters }));
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
