// One digest for one subscription: claim the slot, read the ledger since the subscription's cursor,
// deliver, then move the cursor. The cursor lives in the store, so a restart never re-posts or skips.
import type { SubscriptionConfig } from '../config';
import type { DigestInput } from '../digest/types';
import { Ledger } from '../ledger';
import type { BotDeps } from './poll';

export const cursorKey = (subId: string): string => `cursor:${subId}`;

export interface DigestOutcome {
  subscription: string;
  status: 'posted' | 'nothing-new' | 'claimed-elsewhere';
  input: DigestInput | null;
}

/** Builds and delivers one subscription's digest as of `now`. Throws when the store fails: nothing is posted. */
export async function runDigest(deps: BotDeps, sub: SubscriptionConfig, now: Date = new Date()): Promise<DigestOutcome> {
  const cfg = deps.config();
  const until = now.toISOString();
  // Several instances may fire the same cron minute: one of them posts.
  const slot = until.slice(0, 16);
  if (!(await deps.store.claim(`digest:${sub.id}:${slot}`, deps.owner, 3_600_000))) {
    return { subscription: sub.id, status: 'claimed-elsewhere', input: null };
  }
  const since = (await deps.store.get<string>(cursorKey(sub.id))) ?? null;
  const ledger = new Ledger(deps.store, cfg.watch);
  const input = await ledger.digestInput({ companies: sub.companies }, since, until, { firstWindowMs: cfg.polling.newItemWindowMs });
  if (input) await deps.deliver(sub, input, 'digest');
  await deps.store.set(cursorKey(sub.id), until);
  const outcome: DigestOutcome = { subscription: sub.id, status: input ? 'posted' : 'nothing-new', input };
  deps.log(`digest ${until} ${sub.id}: ${input ? `posted (${input.newFigures.length} new, ${input.confirmed.length} confirmed, ${input.conflicts.length} conflicts, ${input.unwatched.length} other companies)` : 'nothing new, no post'}`);
  return outcome;
}
