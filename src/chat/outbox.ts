// Delivery that survives crashes. Every message is written to the store before anything is sent;
// a drain sends what is pending, in order, one destination at a time per message.
//
// Keys (all deterministic, so enqueueing the same digest twice queues nothing new):
//   outbox:msg:<destination>:<digest>:<index>   the message and its state
//   outbox:sent:<destination>:<digest>:<index>  written once the platform accepted it (remote id)
//   outbox:claim:<destination>:<digest>:<index> who is sending it now (store.claim with a lease, released
//                                               after each attempt, so the claims table does not grow)
//   outbox:dest:<destination>                   consecutive failures, paused or not, and why
//
// Exactly once: a message is sent only by the instance holding its claim, and only while its record,
// read under that claim, is still pending. If a process dies after the platform accepted a message
// but before `sent` was written, the lease runs out and the message goes again: Discord recognises it
// by its nonce (enforce_nonce) and answers with the message it already has; Slack has no such guard,
// so that window (one HTTP round trip) is the one place a duplicate can come from.
import { createLogger, type Logger } from '../log';
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/types';
import type { Digest } from '../digest/digest';
import { errorText, type Destination, type OutgoingMessage, type SendFailure, type SendResult } from './destination';

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxRecord {
  key: string;
  destinationId: string;
  digestId: string;
  index: number;
  /** How many messages the digest had for this destination. */
  of: number;
  enqueuedAt: number;
  state: OutboxState;
  attempts: number;
  message: OutgoingMessage;
  lastError?: string;
  remoteId?: string | null;
  sentAt?: number;
  /** How many times this message is a half of a refused one. */
  splitDepth?: number;
}

/** A refused message is split at most this deep (a message of 50 blocks halves to single blocks in 6). */
const MAX_SPLIT_DEPTH = 8;

export interface DestinationState {
  /** 403/404 answers in a row, across drains. */
  unreachable: number;
  paused: boolean;
  reason?: string;
  pausedAt?: number;
}

export interface OutboxOptions {
  /** This process's name in claims; default a random id. */
  owner?: string;
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** 5xx and network errors: tries per drain, and the first wait (doubling each time, capped). */
  retries?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Longest total wait for Retry-After within one drain before leaving the message for the next. */
  maxRateLimitWaitMs?: number;
  /** Pause a destination after this many 403/404 answers in a row. */
  pauseAfter?: number;
  /** How long a send claim holds before another instance may take the message over. */
  claimTtlMs?: number;
  /** How long sent messages are remembered (so the same digest enqueued again is not resent). */
  keepSentMs?: number;
  /** Told when a message could not be delivered even split small (the admin channel, in a running bot). */
  onUndeliverable?: (notice: string, destinationId: string) => Promise<void>;
}

export interface DrainReport {
  sent: number;
  /** Still waiting: unavailable, rate limited past the wait budget, claimed elsewhere, or paused. */
  pending: number;
  /** Refused by the platform as malformed: kept in the store as failed, never resent. */
  failed: number;
  paused: string[];
}

const pad = (n: number): string => String(n).padStart(5, '0');
const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Outcome = 'sent' | 'failed' | 'later' | 'split';

export class Outbox {
  private readonly owner: string;
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly o: Required<Pick<OutboxOptions, 'retries' | 'backoffMs' | 'maxBackoffMs' | 'maxRateLimitWaitMs' | 'pauseAfter' | 'claimTtlMs' | 'keepSentMs'>>;
  private readonly onUndeliverable: OutboxOptions['onUndeliverable'];
  private readonly destinations = new Map<string, Destination>();
  private readonly warnedUnknown = new Set<string>();
  private lastEnqueuedAt = 0;

  constructor(private readonly store: Store, destinations: Destination[], opts: OutboxOptions = {}) {
    for (const d of destinations) this.destinations.set(d.id, d);
    this.owner = opts.owner ?? randomUUID();
    this.log = opts.log ?? createLogger();
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.onUndeliverable = opts.onUndeliverable;
    this.o = {
      retries: opts.retries ?? 4,
      backoffMs: opts.backoffMs ?? 1000,
      maxBackoffMs: opts.maxBackoffMs ?? 30_000,
      maxRateLimitWaitMs: opts.maxRateLimitWaitMs ?? 120_000,
      pauseAfter: opts.pauseAfter ?? 3,
      claimTtlMs: opts.claimTtlMs ?? 120_000,
      keepSentMs: opts.keepSentMs ?? 30 * 24 * 3600_000,
    };
  }

  addDestination(d: Destination): void {
    this.destinations.set(d.id, d);
  }

  /** Renders the digest for the destination and persists every message; returns how many were new. */
  async enqueue(destination: Destination, digest: Digest): Promise<number> {
    this.addDestination(destination);
    return this.enqueueMessages(destination.id, digest.id, destination.render(digest));
  }

  /** Persists messages under a batch id; already-known (batch, index) pairs are left as they are. */
  async enqueueMessages(destinationId: string, batchId: string, messages: OutgoingMessage[]): Promise<number> {
    // Strictly increasing within a process: two digests queued in the same millisecond keep their order.
    const enqueuedAt = Math.max(this.now(), this.lastEnqueuedAt + 1);
    this.lastEnqueuedAt = enqueuedAt;
    let added = 0;
    for (const [index, message] of messages.entries()) {
      const key = `${destinationId}:${batchId}:${pad(index)}`;
      if (await this.store.get(`outbox:msg:${key}`) || await this.store.get(`outbox:sent:${key}`)) continue;
      const rec: OutboxRecord = { key, destinationId, digestId: batchId, index, of: messages.length, enqueuedAt, state: 'pending', attempts: 0, message };
      await this.store.set(`outbox:msg:${key}`, rec);
      added++;
    }
    return added;
  }

  /** Enqueue the digest for every destination, then drain. The scheduler's one call per digest. */
  async deliver(digest: Digest, destinations: Destination[]): Promise<DrainReport> {
    for (const d of destinations) await this.enqueue(d, digest);
    return this.drain();
  }

  /** Pending messages, oldest digest first, each digest's messages in order. */
  async pending(destinationId?: string): Promise<OutboxRecord[]> {
    const prefix = destinationId ? `outbox:msg:${destinationId}:` : 'outbox:msg:';
    const records: OutboxRecord[] = [];
    for (const k of await this.store.keys(prefix)) {
      const r = await this.store.get<OutboxRecord>(k);
      if (r && r.state === 'pending') records.push(r);
    }
    // The parts of a split message follow it: "…:00003" < "…:00003.1" < "…:00003.1.1" < "…:00003.2".
    return records.sort((a, b) => a.enqueuedAt - b.enqueuedAt || a.digestId.localeCompare(b.digestId) || a.index - b.index || a.key.localeCompare(b.key));
  }

  async destinationState(id: string): Promise<DestinationState> {
    return (await this.store.get<DestinationState>(`outbox:dest:${id}`)) ?? { unreachable: 0, paused: false };
  }

  /** Stops sending to a destination (the platform said it is gone); its messages stay queued. */
  async pause(id: string, reason: string): Promise<void> {
    const st = await this.destinationState(id);
    if (st.paused) return;
    await this.store.set<DestinationState>(`outbox:dest:${id}`, { ...st, paused: true, reason, pausedAt: this.now() });
    this.log.error({ destination: id }, `outbox: pausing ${id}: ${reason}. Its messages stay queued; resume it once the bot can post there again.`);
  }

  /** Lets a paused destination send again (after the bot was re-invited, say). */
  async resume(id: string): Promise<void> {
    const st = await this.destinationState(id);
    if (!st.paused && !st.unreachable) return;
    await this.store.set<DestinationState>(`outbox:dest:${id}`, { unreachable: 0, paused: false });
    this.log.info({ destination: id }, `outbox: ${id} resumed`);
  }

  /** Sends everything pending. Destinations drain side by side; within one, strictly in order. */
  async drain(): Promise<DrainReport> {
    const byDest = new Map<string, OutboxRecord[]>();
    for (const r of await this.pending()) {
      const list = byDest.get(r.destinationId) ?? [];
      list.push(r);
      byDest.set(r.destinationId, list);
    }
    const report: DrainReport = { sent: 0, pending: 0, failed: 0, paused: [] };
    await Promise.all([...byDest].map(async ([id, listed]) => {
      let records = listed;
      const dest = this.destinations.get(id);
      if (!dest) {
        if (!this.warnedUnknown.has(id)) this.log.warn({ destination: id }, `outbox: ${records.length} message(s) wait for ${id}, which is not configured now; they stay queued`);
        this.warnedUnknown.add(id);
        report.pending += records.length;
        return;
      }
      if ((await this.destinationState(id)).paused) {
        report.paused.push(id);
        report.pending += records.length;
        return;
      }
      for (let i = 0; i < records.length; i++) {
        const outcome = await this.sendOne(dest, records[i]);
        if (outcome === 'split') {
          // The refused message is now its parts: carry on from the first of them, in order.
          records = await this.pending(id);
          i = -1;
          continue;
        }
        if (outcome === 'sent') report.sent++;
        else if (outcome === 'failed') report.failed++;
        else {
          // Keep the order: nothing after a message that did not go.
          report.pending += records.length - i;
          if ((await this.destinationState(id)).paused) report.paused.push(id);
          return;
        }
      }
    }));
    return report;
  }

  /** The platform's id for a message already sent (a thread's parent), or null. */
  private async remoteIdOf(destinationId: string, digestId: string, index: number): Promise<string | null> {
    const sent = await this.store.get<{ remoteId: string | null }>(`outbox:sent:${destinationId}:${digestId}:${pad(index)}`);
    return sent?.remoteId ?? null;
  }

  private async sendOne(dest: Destination, queued: OutboxRecord): Promise<Outcome> {
    const recKey = `outbox:msg:${queued.key}`;
    const sentKey = `outbox:sent:${queued.key}`;
    const claimKey = `outbox:claim:${queued.key}`;
    let rateWaited = 0;
    let tries = 0;
    for (;;) {
      if (!(await this.store.claim(claimKey, this.owner, this.o.claimTtlMs))) return 'later';
      let result: SendResult;
      let rec: OutboxRecord | undefined;
      try {
        // Read under the claim: another instance may have sent it (and let go) since we listed it.
        rec = await this.store.get<OutboxRecord>(recKey);
        if (!rec || rec.state === 'sent' || (await this.store.get(sentKey))) {
          if (rec && rec.state !== 'sent') await this.store.set(recKey, { ...rec, state: 'sent' }, this.o.keepSentMs);
          return 'sent';
        }
        if (rec.state === 'failed') return 'failed';
        const threadOf = rec.message.threadOf === undefined ? null : await this.remoteIdOf(rec.destinationId, rec.digestId, rec.message.threadOf);
        try {
          result = await dest.send(rec.message, { threadOf });
        } catch (err) {
          result = { ok: false, kind: 'unavailable', detail: errorText(err) };
        }
        if (result.ok) {
          const sentAt = this.now();
          await this.store.set(sentKey, { remoteId: result.remoteId, sentAt }, this.o.keepSentMs);
          await this.store.set(recKey, { ...rec, state: 'sent', remoteId: result.remoteId, sentAt, attempts: rec.attempts + 1 }, this.o.keepSentMs);
        } else if (result.kind === 'rejected' && (rec.splitDepth ?? 0) < MAX_SPLIT_DEPTH && dest.split?.(rec.message)) {
          // Too long for the platform after all: the same content in smaller messages, sent in its place.
          const parts = dest.split(rec.message) ?? [];
          const depth = (rec.splitDepth ?? 0) + 1;
          for (const [j, message] of parts.entries()) {
            if (j === 0) continue;
            const key = `${rec.key}.${j}`;
            await this.store.set(`outbox:msg:${key}`, { ...rec, key, message, attempts: 0, splitDepth: depth, lastError: undefined } satisfies OutboxRecord);
          }
          await this.store.set(recKey, { ...rec, message: parts[0], attempts: rec.attempts + 1, splitDepth: depth, lastError: result.detail });
          this.log.warn({ destination: dest.id }, `outbox: ${dest.id} message ${rec.index + 1}/${rec.of} of digest ${rec.digestId}: refused (${result.detail}); sending it as ${parts.length} smaller messages`);
          return 'split';
        } else {
          await this.store.set(recKey, { ...rec, attempts: rec.attempts + 1, lastError: result.detail, ...(result.kind === 'rejected' ? { state: 'failed' } : {}) });
        }
      } finally {
        // The attempt is over (or the store failed, in which case the lease lapses by itself).
        await this.store.release(claimKey, this.owner).catch(() => false);
      }
      if (result.ok) {
        const st = await this.destinationState(dest.id);
        if (st.unreachable) await this.store.set<DestinationState>(`outbox:dest:${dest.id}`, { unreachable: 0, paused: false });
        return 'sent';
      }
      const what = `${dest.id} message ${rec.index + 1}/${rec.of} of digest ${rec.digestId}`;
      const next = await this.onFailure(dest, result, what, { rateWaited, tries });
      if (next === 'retry-rate') rateWaited += (result as Extract<SendFailure, { kind: 'rate_limited' }>).retryAfterMs;
      else if (next === 'retry') tries++;
      else return next;
    }
  }

  private async onFailure(dest: Destination, r: SendFailure, what: string, so: { rateWaited: number; tries: number }): Promise<Outcome | 'retry' | 'retry-rate'> {
    switch (r.kind) {
      case 'rate_limited': {
        if (so.rateWaited + r.retryAfterMs > this.o.maxRateLimitWaitMs) {
          this.log.warn({ destination: dest.id }, `outbox: ${what}: rate limited again; left queued for the next drain`);
          return 'later';
        }
        this.log.info({ destination: dest.id }, `outbox: ${what}: rate limited, waiting ${(r.retryAfterMs / 1000).toFixed(1)} s as asked`);
        await this.sleep(r.retryAfterMs);
        return 'retry-rate';
      }
      case 'unavailable': {
        if (so.tries + 1 >= this.o.retries) {
          this.log.warn({ destination: dest.id }, `outbox: ${what}: ${r.detail}; gave up after ${so.tries + 1} tries, left queued for the next drain`);
          return 'later';
        }
        const wait = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** so.tries);
        this.log.info({ destination: dest.id }, `outbox: ${what}: ${r.detail}; trying again in ${(wait / 1000).toFixed(1)} s`);
        await this.sleep(wait);
        return 'retry';
      }
      case 'unreachable': {
        const st = await this.destinationState(dest.id);
        const unreachable = st.unreachable + 1;
        if (unreachable >= this.o.pauseAfter) {
          const reason = `${dest.label} was out of reach ${unreachable} times in a row (last: ${r.detail}); the bot may have been removed from the channel, lost its token, or the channel was deleted`;
          await this.store.set<DestinationState>(`outbox:dest:${dest.id}`, { unreachable, paused: true, reason, pausedAt: this.now() });
          this.log.error({ destination: dest.id }, `outbox: pausing ${dest.id}: ${reason}. Its messages stay queued; resume it once the bot can post there again.`);
        } else {
          await this.store.set<DestinationState>(`outbox:dest:${dest.id}`, { ...st, unreachable });
          this.log.warn({ destination: dest.id }, `outbox: ${what}: ${r.detail} (${unreachable} of ${this.o.pauseAfter} before pausing); left queued`);
        }
        return 'later';
      }
      case 'rejected': {
        this.log.error({ destination: dest.id }, `outbox: ${what}: refused by the platform (${r.detail}); kept as failed, not resent`);
        const notice = `A digest message for ${dest.label} was refused by the platform (${r.detail}) even when split small; it is kept in the outbox as failed (${what}).`;
        await this.onUndeliverable?.(notice, dest.id).catch((err: unknown) => this.log.warn({ destination: dest.id }, `outbox: could not tell the admins: ${errorText(err)}`));
        return 'failed';
      }
    }
  }
}
