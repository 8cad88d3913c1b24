// The handlers' view of the ledger, over the ledger module's own queries: what the ledger keeps, and
// how, stays the ledger's.
import type { Store } from '../store/types';
import type { Metric, WatchedCompany } from '../types';
import type { LedgerFigure } from '../types';
import { Ledger, mergeFigures, type LedgerOptions, type StoredFact } from '../ledger';
import { roundLabel } from '../ledger/round-label';
import type { LedgerReader, NewsItem } from './types';

export function ledgerReader(store: Store, watch: WatchedCompany[], now: () => Date = () => new Date(), opts: LedgerOptions = {}): LedgerReader {
  const ledger = new Ledger(store, watch, opts);
  return {
    async figures(company: string, metric?: Metric): Promise<LedgerFigure[]> {
      // Agreeing claims merge within one round (a figure of two rounds is two figures), named by it.
      const r = await ledger.analysis(company, now());
      const byRound = new Map<string, StoredFact[]>();
      for (const f of r.facts) {
        if (metric && f.fact.metric !== metric) continue;
        const k = f.fact.roundId ?? '';
        byRound.set(k, [...(byRound.get(k) ?? []), f]);
      }
      return [...byRound].flatMap(([roundId, facts]) => {
        const round = r.rounds.find((x) => x.id === roundId);
        return mergeFigures(facts).map(({ facts: _f, ...plain }) => (round ? { ...plain, round: roundLabel(round) } : plain));
      });
    },
    rounds: (company) => ledger.rounds(company, now()),
    conflicts: (company) => ledger.conflictsFor(company, now()),
    async companies() {
      return (await ledger.companies()).map((c) => c.name);
    },
    async events(company, limit) {
      return (await ledger.events(company, { limit })).map((e): NewsItem => ({
        id: e.event.id, company: e.event.company, headline: e.event.headline,
        published: e.event.published ?? e.first?.published ?? e.firstSeen, url: e.first?.url ?? null, source: e.first?.source ?? null,
      }));
    },
  };
}
