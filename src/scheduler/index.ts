// The bot's timing: cron jobs that call pollOnce and runDigest, and configuration reloads. Everything
// that must be right (what was seen, cursors, who polls a feed) lives in the store; this only decides when.
import { watch as watchFile, type FSWatcher } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { schedule, type ScheduledTask, type TaskOptions } from 'node-cron';
import { loadConfig, loadEnv, type MoonshotConfig } from '../config';
import { applyOverlay } from './overlay';
import type { Store } from '../store/types';
import type { DigestInput } from '../types';
import { emptyHeldIndex, pollOnce, type BotDeps, type CycleReport } from './poll';
import { previewDigest, runDigest, type DigestOutcome } from './digest';

export { pollOnce, describeCycle, emptyHeldIndex, type BotDeps, type CycleReport, type FetchFn, type HeldIndex } from './poll';
export { runDigest, previewDigest, cursorKey, type DigestOutcome } from './digest';
export { resumeFeed, listFeedStates, readFeedState, backoffMs, type FeedState } from './feed-state';

export interface BotOptions extends Omit<BotDeps, 'config' | 'owner'> {
  config: MoonshotConfig;
  /** The file reloads read; null = no reloading. */
  configFile: string | null;
  owner?: string;
  /** How often the poll job looks for due feeds (a six-field cron); default every 15 s. */
  pollTick?: string;
}

export class Bot {
  /** The config file as loaded, before chat changes: what command handlers overlay. */
  private fileConfig: MoonshotConfig;
  /** The file's config with the chat changes kept in the store applied: what the jobs run on. */
  private current: MoonshotConfig;
  private readonly deps: BotDeps;
  private pollTask: ScheduledTask | null = null;
  private digestTasks: ScheduledTask[] = [];
  private watcher: FSWatcher | null = null;
  private reloadTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: BotOptions) {
    this.fileConfig = opts.config;
    this.current = opts.config;
    this.deps = { unreleased: new Set<string>(), duplicates: emptyHeldIndex(), ...opts, config: () => this.current, owner: opts.owner ?? `moonshot-${process.pid}-${randomUUID().slice(0, 8)}` };
  }

  get store(): Store { return this.deps.store; }

  /** Jobs under way, so stop() can let them finish before the store is closed. */
  private readonly running = new Set<Promise<unknown>>();
  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.catch(() => undefined).finally(() => this.running.delete(p));
    return p;
  }
  config(): MoonshotConfig { return this.current; }

  /** The config file's own settings, without chat changes (admin commands edit on top of these). */
  baseConfig(): MoonshotConfig { return this.fileConfig; }

  /**
   * Re-applies the feeds, companies and subscriptions changed from chat (kept in the store) over the
   * file's config. Admin commands call it after every change, so the next poll and digest see it.
   */
  async refresh(): Promise<void> {
    this.current = await applyOverlay(this.fileConfig, this.deps.store);
    if (this.pollTask) this.scheduleDigests();
  }

  /** One poll cycle now; errors are logged (the cycle posts nothing) and rethrown. */
  async pollOnce(now = new Date()): Promise<CycleReport> {
    try {
      return await this.track(pollOnce(this.deps, now));
    } catch (err) {
      // Said plainly: a store that failed mid-cycle may have taken some writes; the next cycle reads the feeds again.
      this.deps.log.error({ err, at: now.toISOString() }, 'poll stopped');
      throw err;
    }
  }

  async digest(subId: string, now = new Date()): Promise<DigestOutcome> {
    const sub = this.current.subscriptions.find((s) => s.id === subId);
    if (!sub) throw new Error(`no subscription with id ${subId}`);
    try {
      return await this.track(runDigest(this.deps, sub, now));
    } catch (err) {
      this.deps.log.error({ err, subscription: sub.id, at: now.toISOString() }, 'digest stopped: nothing posted');
      throw err;
    }
  }

  /** The digest the subscription would get now, read only: the cursor stays where it is. */
  async preview(subId: string, now = new Date()): Promise<DigestInput | null> {
    const sub = this.current.subscriptions.find((s) => s.id === subId);
    if (!sub) throw new Error(`no subscription with id ${subId}`);
    return previewDigest(this.deps, sub, now);
  }

  /** Applies the chat changes, then starts the cron jobs, and the config-file watch when there is a file. */
  async start(): Promise<void> {
    await this.refresh();
    this.pollTask = schedule(this.opts.pollTick ?? '*/15 * * * * *', () => this.pollOnce().catch(() => undefined), this.cronOptions('poll'));
    this.scheduleDigests();
    if (this.opts.configFile) {
      try {
        this.watcher = watchFile(this.opts.configFile, () => {
          // Editors write in bursts; reload once it settles.
          if (this.reloadTimer) clearTimeout(this.reloadTimer);
          this.reloadTimer = setTimeout(() => { void this.reload(); }, 300);
        });
      } catch {
        this.deps.log.warn({ file: this.opts.configFile }, 'cannot watch the config file for changes; send SIGHUP to reload');
      }
    }
  }

  private scheduleDigests(): void {
    for (const t of this.digestTasks) void t.destroy();
    this.digestTasks = this.current.subscriptions.map((sub) =>
      schedule(sub.schedule, () => this.digest(sub.id).catch(() => undefined), { ...this.cronOptions(`digest ${sub.id}`), timezone: sub.timezone }));
  }

  /**
   * A job never runs beside itself, and node-cron's own messages go to the bot's log, not to the
   * console in its colours. A tick that finds the job still running is how a slow poll is meant to
   * be absorbed (the next tick picks up what is due), so that one is not logged.
   */
  private cronOptions(name: string): TaskOptions {
    const log = (level: 'warn' | 'error', message: string | Error, err?: Error): void => {
      const text = message instanceof Error ? message.message : message;
      this.deps.log[level]({ job: name, ...(err ? { err } : {}) }, `schedule: ${text}`);
    };
    return {
      name,
      noOverlap: true,
      logger: {
        info: () => undefined,
        debug: () => undefined,
        warn: (message) => { if (!/still running/.test(message)) log('warn', message); },
        error: (message, err) => log('error', message, err),
      },
    };
  }

  /**
   * Re-reads the config file. A file with mistakes is reported (where, and what was expected) and the
   * bot carries on with the last good configuration.
   */
  async reload(env: Record<string, string | undefined> = loadEnv()): Promise<{ ok: true } | { ok: false; error: string }> {
    if (!this.opts.configFile) return { ok: false, error: 'no config file to reload' };
    try {
      const next = await loadConfig(this.opts.configFile, env);
      if (next.store.url !== this.current.store.url || next.store.path !== this.current.store.path) {
        this.deps.log.warn({ file: this.opts.configFile }, 'config reload: the store setting changed; that takes a restart (still using the old store)');
      }
      this.fileConfig = { ...next, store: this.current.store };
      await this.refresh();
      this.deps.log.info({ file: this.opts.configFile, feeds: next.feeds.length, companies: next.watch.length, subscriptions: next.subscriptions.length }, 'config reloaded');
      return { ok: true };
    } catch (err) {
      const error = errorLine(err, true);
      this.deps.log.error({ file: this.opts.configFile, error }, 'config reload failed, keeping the last good configuration');
      return { ok: false, error };
    }
  }

  async stop(): Promise<void> {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.watcher?.close();
    if (this.pollTask) await this.pollTask.destroy();
    for (const t of this.digestTasks) await t.destroy();
    this.pollTask = null;
    this.digestTasks = [];
    await Promise.allSettled([...this.running]);
  }
}

function errorLine(err: unknown, multi = false): string {
  const msg = err instanceof Error ? err.message : String(err);
  return multi ? msg : msg.split('\n')[0];
}
