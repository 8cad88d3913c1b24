// Alerts: what a subscription asked to hear at once, posted at the end of the poll that read it rather
// than at the next digest. Two kinds share one loop (subscriptions × companies, each alert claimed once
// per subscription): a round (new, or closed after talks) and a disagreement between sources. Each
// subscription's companies and filters apply as they do to its digest.
import { createHash } from 'node:crypto';
import { DEFAULT_DIGEST_FILTER, type AlertKind, type Conflict, type DigestEvent, type DigestInput } from '../types';
import type { SubscriptionConfig } from '../config';
import type { CompanyRounds, Ledger, RoundArrival, StoredFact } from '../ledger';
import { filterDigestInput } from '../digest/filter';
import { roundLine } from '../digest/rounds';
import { alertTitle } from '../digest/alert';
import { DEFAULT_ALERTS } from '../config';
import type { BotDeps } from './poll';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);
/** Disagreements were claimed under this hash before both kinds lived here: kept, so none is told twice. */
const conflictSha = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 24);

const wants = (sub: SubscriptionConfig, k: AlertKind): boolean => (sub.alerts ?? DEFAULT_ALERTS).includes(k) || (k === 'conflict' && sub.alertOnConflict);
const watches = (sub: SubscriptionConfig, company: string): boolean => !sub.companies || sub.companies.some((c) => c.toLowerCase() === company.toLowerCase());

/** "New round: Moonshot AI · Series C · May 2026 · $2B at $20B post-money · 3 sources". */
function roundTitle(company: string, a: RoundArrival): string {
  return `${a.kind === 'closed' ? 'Round closed' : 'New round'}: ${company} · ${roundLine(a.round)}`;
}

/** One alert before a subscription's filters: its claim (once per subscription) and what it says. */
interface Candidate {
  kind: AlertKind;
  /** Stable across polls and processes: the claim key's tail. */
  sig: string;
  /** A round's articles: each is claimed too, so that two processes that saw the round from different
   *  articles (each its own first ones) do not both tell it. */
  articleIds?: string[];
  input: (sub: SubscriptionConfig) => DigestInput;
}

const bare = (now: Date): Omit<DigestInput, 'title'> => ({ since: null, until: now.toISOString(), events: [], newFigures: [], confirmed: [], conflicts: [], unwatched: [] });

/** The funding stories that report a round, so its alert links them (and a source filter can judge them). */
async function storiesOf(ledger: Ledger, company: string, arrivals: RoundArrival[]): Promise<Map<string, DigestEvent[]>> {
  const out = new Map<string, DigestEvent[]>();
  if (!arrivals.length) return out;
  const events = await ledger.events(company, { limit: 50 });
  for (const a of arrivals) {
    const ids = new Set(a.round.articleIds);
    out.set(a.round.id, events.filter((e) => e.event.articleIds.some((id) => ids.has(id)))
      .map((e) => ({ ...e.event, articles: e.articles.map(({ id, title, url, source }) => ({ id, title, url, source })) })));
  }
  return out;
}

function roundCandidates(company: string, arrivals: RoundArrival[], stories: Map<string, DigestEvent[]>, now: Date): Candidate[] {
  return arrivals.map((a) => ({
    kind: a.kind,
    articleIds: [...a.round.articleIds].sort(),
    // A round is known by its first articles: a later poll's reports on it are not a new round.
    sig: `round:${sha(JSON.stringify([company.toLowerCase(), a.kind, [...a.round.articleIds].sort().slice(0, 3)]))}`,
    // A disagreement inside the round has its own alert for a channel that asked for those; the round's line still marks it.
    input: (sub) => ({ ...bare(now), title: roundTitle(company, a), events: stories.get(a.round.id) ?? [], ...a.news, ...(wants(sub, 'conflict') ? { conflicts: [] } : {}), rounds: [a.round] }),
  }));
}

function conflictCandidates(conflicts: Conflict[], rounds: DigestInput['rounds'], now: Date): Candidate[] {
  return conflicts.map((c) => ({
    kind: 'conflict' as const,
    // The same key as alerts claimed before rounds had their own: a disagreement already told is not told again.
    sig: conflictSha(JSON.stringify([c.company, c.metric, c.claims.map((cl) => [cl.name ?? cl.amount?.value ?? '', [...cl.articleIds].sort()])])),
    // Its round rides along so a size or talks filter can judge it; the alert itself speaks only of the disagreement.
    input: () => ({ ...bare(now), title: '', conflicts: [c], rounds: (rounds ?? []).filter((r) => r.id === c.roundId) }),
  }));
}

/**
 * The facts a round is judged new or not against: this poll's, and those other processes sharing the
 * store recorded in polls that began at or after this one. Without those, two processes that both
 * recorded the first reports of a round before either judged it would each find the other's reports
 * older than its own, and neither would tell it; with them, the one whose poll began first does, and
 * the claims on the round's articles keep the other from telling it again.
 */
function arrivedWith(view: CompanyRounds, mine: StoredFact[], now: Date): StoredFact[] {
  const since = now.toISOString();
  const keys = new Set(mine.map((f) => f.key));
  const others = view.facts.filter((f) => !f.backfill && f.firstSeen >= since && !keys.has(f.key));
  return others.length ? [...mine, ...others] : mine;
}

/** Claims every key, in the order given; false as soon as one is held elsewhere. */
async function claimEach(deps: BotDeps, keys: string[]): Promise<boolean> {
  for (const k of keys) if (!(await deps.store.claim(k, deps.owner))) return false;
  return true;
}

/**
 * Sends the alerts the facts just recorded call for, to every subscription that asked for them and
 * whose filters leave something of them; the number of posts. A subscription's disagreements on one
 * company in one poll go as one alert.
 */
export async function sendAlerts(deps: BotDeps, ledger: Ledger, added: StoredFact[], now: Date): Promise<number> {
  const subs = deps.config().subscriptions.filter((s) => wants(s, 'new_round') || wants(s, 'closed') || wants(s, 'conflict'));
  if (subs.length === 0 || added.length === 0) return 0;
  const companies = [...new Set(added.map((f) => f.fact.company))].filter((c) => ledger.isWatched(c));
  let sent = 0;
  for (const company of companies) {
    const mine = added.filter((f) => f.fact.company === company);
    const asked = subs.filter((s) => watches(s, company));
    if (!asked.length) continue;
    const candidates: Candidate[] = [];
    // One read of the company's facts and one grouping serve both kinds (and leave its summary kept).
    const view = await ledger.analysis(company, now);
    if (asked.some((s) => wants(s, 'conflict'))) {
      const conflicts = await ledger.conflictsInvolving(company, mine, now, view);
      if (conflicts.length) candidates.push(...conflictCandidates(conflicts, view.rounds, now));
    }
    if (asked.some((s) => wants(s, 'new_round') || wants(s, 'closed'))) {
      const arrivals = await ledger.roundsArrived(company, arrivedWith(view, mine, now), now, view);
      candidates.push(...roundCandidates(company, arrivals, await storiesOf(ledger, company, arrivals), now));
    }

    for (const sub of asked) {
      const filters = sub.filters ?? DEFAULT_DIGEST_FILTER;
      const disagreements: Conflict[] = [];
      for (const cand of candidates) {
        if (!wants(sub, cand.kind)) continue;
        const kept = filterDigestInput(cand.input(sub), filters);
        if (!kept) continue;
        if (!(await deps.store.claim(`alert:${sub.id}:${cand.sig}`, deps.owner))) continue;
        if (cand.articleIds && !(await claimEach(deps, cand.articleIds.map((id) => `alert:${sub.id}:${cand.kind}-article:${id}`)))) continue;
        if (cand.kind === 'conflict') { disagreements.push(...kept.conflicts); continue; }
        await deps.deliver(sub, kept, 'alert');
        sent++;
      }
      if (disagreements.length) {
        // Each side is linked to the articles that said it.
        const cited = await ledger.articles(disagreements.flatMap((c) => c.claims.flatMap((cl) => cl.articleIds)));
        const articles = [...cited.values()].map((a) => ({ id: a.id, title: a.title, url: a.url, source: a.source }));
        await deps.deliver(sub, { ...bare(now), title: alertTitle(disagreements, company), conflicts: disagreements, articles }, 'alert');
        sent++;
      }
    }
  }
  return sent;
}
