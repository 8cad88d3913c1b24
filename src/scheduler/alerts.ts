// Alerts on rounds: a new round of a watched company, and (when a subscription asks for it) a round
// closed after talks, posted at the end of the poll that read them rather than at the next digest.
// Each subscription's filters apply as they do to its digest; each alert goes out once per round.
import { createHash } from 'node:crypto';
import { DEFAULT_DIGEST_FILTER, type AlertKind, type DigestInput } from '../types';
import type { Ledger, RoundArrival, StoredFact } from '../ledger';
import { filterDigestInput } from '../digest/filter';
import { roundLine } from '../digest/rounds';
import { DEFAULT_ALERTS } from '../config';
import type { BotDeps } from './poll';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** "New round: Moonshot AI · Series C · May 2026 · $2B at $20B post-money · 3 sources". */
function title(company: string, a: RoundArrival): string {
  return `${a.kind === 'closed' ? 'Round closed' : 'New round'}: ${company} · ${roundLine(a.round)}`;
}

/** Sends the round alerts the facts just recorded call for; the number sent. */
export async function alertRounds(deps: BotDeps, ledger: Ledger, added: StoredFact[], now: Date): Promise<number> {
  const wants = (kinds: AlertKind[] | undefined, k: AlertKind): boolean => (kinds ?? DEFAULT_ALERTS).includes(k);
  const subs = deps.config().subscriptions.filter((s) => wants(s.alerts, 'new_round') || wants(s.alerts, 'closed'));
  if (subs.length === 0 || added.length === 0) return 0;
  const companies = [...new Set(added.map((f) => f.fact.company))].filter((c) => ledger.isWatched(c));
  let sent = 0;
  for (const company of companies) {
    const arrivals = await ledger.roundsArrived(company, added.filter((f) => f.fact.company === company), now);
    for (const a of arrivals) {
      // A round is known by its first articles: a later poll's reports on it are not a new round.
      const sig = sha(JSON.stringify([company.toLowerCase(), a.kind, [...a.round.articleIds].sort().slice(0, 3)]));
      for (const sub of subs) {
        if (!wants(sub.alerts, a.kind)) continue;
        if (sub.companies && !sub.companies.some((c) => c.toLowerCase() === company.toLowerCase())) continue;
        // A disagreement inside the round has its own alert for a channel that asked for those; the
        // round's line still marks it.
        const news = wants(sub.alerts, 'conflict') || sub.alertOnConflict ? { ...a.news, conflicts: [] } : a.news;
        const input: DigestInput = { title: title(company, a), since: null, until: now.toISOString(), events: [], ...news, unwatched: [], rounds: [a.round] };
        const kept = filterDigestInput(input, sub.filters ?? DEFAULT_DIGEST_FILTER);
        if (!kept) continue;
        if (!(await deps.store.claim(`alert:${sub.id}:round:${sig}`, deps.owner))) continue;
        await deps.deliver(sub, kept, 'alert');
        sent++;
      }
    }
  }
  return sent;
}
