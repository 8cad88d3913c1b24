// Changes made from chat (feeds, watch list, digest subscriptions), kept in the store on top of the
// config file. The file stays the starting point; the store says what chat added, removed or paused,
// one key per feed, company or channel, so two admins changing different things never overwrite each
// other, and a restart (or another instance) sees the same result.
// This module owns their layout in the store; the admin commands write through it.
import { DEFAULT_ALERTS, type FeedConfig, type MoonshotConfig, type SubscriptionConfig } from '../config';
import type { Store } from '../store/types';
import { DEFAULT_DIGEST_FILTER, type AlertKind, type DigestFilter, type WatchedCompany } from '../types';
import { normaliseName } from '../facts/companies';

/** A channel's digest as set from chat. */
export interface ChannelSubscription {
  id: string;
  platform: 'slack' | 'discord';
  channel: string;
  schedule: string;
  timezone: string;
  /** Set from chat (`digest filter`, `digest alerts`); absent = the config file's, else the defaults. */
  companies?: string[] | null;
  alerts?: AlertKind[];
  filters?: DigestFilter;
}

export interface FeedOverlay {
  url: string;
  state: 'added' | 'removed';
  intervalMs: number;
  name: string | null;
  paused: boolean;
}

export interface WatchOverlay {
  state: 'added' | 'removed';
  company: WatchedCompany;
}

export type SubOverlay = { state: 'set'; sub: ChannelSubscription } | { state: 'off'; platform: 'slack' | 'discord'; channel: string };

const FEED = 'admin:feed:';
const WATCH = 'admin:watch:';
const SUB = 'admin:sub:';
export const feedOverlayKey = (url: string): string => FEED + encodeURIComponent(url);
export const watchOverlayKey = (name: string): string => WATCH + encodeURIComponent(normaliseName(name));
export const subOverlayKey = (platform: string, channel: string): string => `${SUB}${platform}:${encodeURIComponent(channel)}`;

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
      companies: o.sub.companies !== undefined ? o.sub.companies : base?.companies ?? null, alertOnConflict: base?.alertOnConflict ?? false,
      alerts: o.sub.alerts ?? base?.alerts ?? [...DEFAULT_ALERTS], filters: o.sub.filters ?? base?.filters ?? { ...DEFAULT_DIGEST_FILTER },
      maxChannelMessages: base?.maxChannelMessages,
    });
  }
  return out;
}

/** The config with the chat changes applied: what the scheduler and the digest jobs should run on. */
export async function applyOverlay(config: MoonshotConfig, store: Store): Promise<MoonshotConfig> {
  const feeds = (await effectiveFeeds(config, store)).filter((f) => !f.paused).map(({ paused: _p, origin: _o, ...f }) => f);
  return { ...config, feeds, watch: await effectiveWatch(config, store), subscriptions: await effectiveSubscriptions(config, store) };
}

