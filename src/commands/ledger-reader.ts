// The handlers' view of the ledger, over the ledger module's own queries.
import type { Store } from '../store/types';
import type { Metric, WatchedCompany } from '../types';
import type { LedgerFigure } from '../types';
import { Ledger, type StoredArticle, type StoredEvent } from '../ledger';
import type { LedgerReader, NewsItem } from './types';

const companyKey = (name: string): string => encodeURIComponent(name.trim().toLowerCase());

export function ledgerReader(store: Store, watch: WatchedCompany[]): LedgerReader {
  const ledger = new Ledger(store, watch);
  return {
    async figures(company: string, metric?: Metric): Promise<LedgerFigure[]> {
      const figs = await ledger.figures(company);
      return figs.filter((f) => !metric || f.metric === metric).map(({ facts: _f, ...plain }) => plain);
    },
    conflicts: (company) => ledger.conflictsFor(company),
    async current(company, metric) {
      const c = await ledger.currentFigure(company, metric);
      return c ? { figure: c.figure, sourceCount: c.sourceCount, newest: c.newest } : null;
    },
    async history(company) {
      return (await ledger.history(company)).map((h) => ({ date: h.date, figure: h.figure }));
    },
    async companies() {
      return (await ledger.companies()).map((c) => c.name);
    },
    async events(company, limit) {
      // TODO(ledger): use a public Ledger.events(company) once it exists; until then, its stored records.
      const events = (await store.entries<StoredEvent>(`ledger:event:${companyKey(company)}:`)).map(([, se]) => se);
      // Each event's first article, all in one read.
      const firsts = await store.getMany<StoredArticle>(events.map((se) => `ledger:article:${se.event.articleIds[0] ?? ''}`));
      const items: NewsItem[] = [];
      for (const [i, se] of events.entries()) {
        const first = se.event.articleIds.length ? firsts[i] : undefined;
        items.push({
          id: se.event.id, company: se.event.company, headline: se.event.headline,
          published: se.event.published ?? first?.published ?? se.firstSeen, url: first?.url ?? null, source: first?.source ?? null,
        });
      }
      return items.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '')).slice(0, limit);
    },
  };
}
