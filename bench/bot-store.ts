// A store as a bot leaves it after reading N articles: the ledger (bench/fill-store.ts, through the
// real Ledger), and beside it what each poll writes per article: its seen keys and its duplicate-index
// entry (with the entry's time to live), so that a bot opened on the file loads what a running bot
// would. The entries are the real index's exports of the base batch, each copy under a new id with a
// signature of its own, dated over the last month (all still held). One such store serves every step
// that needs a ledger at size; each starts on a copy of it (`copyStore`).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import type { WatchedCompany } from '../src/types';
import { openStore } from '../src/store';
import { DuplicateIndex, type DuplicateEntry } from '../src/articles/duplicates';
import { DUPLICATE_MEMORY_MS, seenKeys } from '../src/scheduler/poll';
import { mix32 } from '../src/articles/minhash';
import { fillLedger, replica, type LedgerBatch } from './fill-store';

const sha = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 24);

/** Entry `e` as copy `r`: a new id, other link and title keys, and a signature no other copy shares. */
function entryCopy(e: DuplicateEntry, r: number, id: string, published: string): DuplicateEntry {
  if (r === 0) return { ...e, id, published };
  let sig = e.sig;
  if (sig) {
    const b = Buffer.from(sig, 'base64');
    for (let i = 0; i + 1 < b.length; i += 2) b.writeUInt16LE((b.readUInt16LE(i) ^ mix32(r * 4096 + i)) & 0xffff, i);
    sig = b.toString('base64');
  }
  const shift = (k: number | null): number | null => (k === null ? null : (k + r * 104_729) % 2 ** 52);
  return { ...e, id, url: shift(e.url), short: shift(e.short), sig, published };
}

/** What a filled store holds, kept beside a `--store` file (FILE.json) for the next run. */
export interface BotStore {
  articles: number;
  facts: number;
  seconds: number;
  /** When its ledger's last day was recorded (ISO): a day before the fill. */
  at: string;
}

/** Copies the store file (and its write-ahead log, when there is one) to `to`, for a step to change. */
export function copyStore(file: string, to: string): void {
  for (const ext of ['', '-wal']) if (existsSync(file + ext)) copyFileSync(file + ext, to + ext);
}

export async function fillBotStore(path: string, base: LedgerBatch, watch: WatchedCompany[], articles: number, now: Date): Promise<BotStore> {
  const t = performance.now();
  const at = new Date(now.getTime() - 86_400_000);
  const ledger = await fillLedger(path, base, watch, articles, at);
  const index = new DuplicateIndex();
  for (const a of base.articles) index.add(a);
  const store = await openStore({ path });
  try {
    const month = DUPLICATE_MEMORY_MS - 86_400_000;
    let done = 0;
    for (let r = 0; done < articles; r++) {
      const copy = replica(base, r);
      const writes: { key: string; value: unknown; ttlMs?: number }[] = [];
      for (const [i, a] of copy.articles.slice(0, articles - done).entries()) {
        const firstSeen = new Date(now.getTime() - ((done + i) / articles) * month).toISOString();
        for (const k of seenKeys(a)) writes.push({ key: k, value: { firstSeen, feed: a.feed, id: a.id, hash: sha(a.id) } });
        const e = index.exportEntry(base.articles[i].id);
        if (e) writes.push({ key: `dup:${sha(a.id)}`, value: entryCopy(e, r, a.id, firstSeen), ttlMs: DUPLICATE_MEMORY_MS });
        if (writes.length >= 5000) await store.setMany(writes.splice(0));
      }
      await store.setMany(writes);
      done += Math.min(copy.articles.length, articles - done);
    }
  } finally {
    await store.close();
  }
  return { articles: ledger.articles, facts: ledger.facts, seconds: (performance.now() - t) / 1000, at: at.toISOString() };
}
