// The time-ordered index a digest reads its window from: `ledger:seen:<iso>:<company>:<fact>`, one
// key per fact, holding a compact line (article, metric, amount) rather than the fact. A digest reads
// the window a page at a time and keeps, per company, only what it reports: the articles with news on
// a watched company (for its conflicts) and each unwatched article's headline figure. It never holds
// the facts of the window.
import type { Metric, Money } from '../types';
import type { Store } from '../store/types';
import { entryPages } from '../store/pages';
import type { StoredFact } from './figures';

export const SEEN_PREFIX = 'ledger:seen:';
const ISO_LENGTH = '2026-01-01T00:00:00.000Z'.length;

export const seenIndexKey = (firstSeen: string, ck: string, key: string): string => `${SEEN_PREFIX}${firstSeen}:${ck}:${key}`;

/**
 * One fact in the index. Its key says when it was first seen, its company and its fact key. Stores
 * written before this line existed hold the fact's storage key (a string) instead; those are read
 * through the fact itself.
 */
export interface SeenLine {
  /** The article it was read from. */
  a: string;
  m: Metric;
  /** Its amount, when it has one: the headline figure of an unwatched company's article. */
  $?: Money;
  /** Read as a feed's backlog: known, never news. */
  b?: 1;
  /** Superseded: the article was corrected and no longer makes this claim. */
  x?: 1;
}

export function seenLine(sf: StoredFact): SeenLine {
  return {
    a: sf.fact.articleId, m: sf.fact.metric,
    ...(sf.fact.amount ? { $: sf.fact.amount } : {}),
    ...(sf.backfill ? { b: 1 as const } : {}),
    ...(sf.supersededAt ? { x: 1 as const } : {}),
  };
}

/** A fact with news in the window, as the digest sees it. */
export interface WindowFact {
  ck: string;
  /** The fact's key (its storage key is `ledger:fact:<ck>:<key>`). */
  key: string;
  line: SeenLine;
}

/**
 * Calls `each` for every live, non-backfill fact first seen in (from, until], in index order (first
 * seen, then company, then fact key), reading the index a page at a time.
 */
export async function forEachInWindow(store: Store, from: string, until: string, each: (f: WindowFact) => void, pageSize = 2000): Promise<void> {
  // Keys are `<iso>:<company>:<fact>`; from's own instant is excluded, until's included.
  for await (const page of entryPages<SeenLine | string>(store, SEEN_PREFIX, { from: `${from}:\uffff`, to: `${until}:\uffff` }, pageSize)) {
    const legacy = page.filter((e): e is [string, string] => typeof e[1] === 'string');
    const facts = legacy.length ? new Map(legacy.map(([k], i) => [k, i])) : null;
    const read = facts ? await store.getMany<StoredFact>(legacy.map(([, ref]) => ref)) : [];
    for (const [k, v] of page) {
      const iso = k.slice(SEEN_PREFIX.length, SEEN_PREFIX.length + ISO_LENGTH);
      const rest = k.slice(SEEN_PREFIX.length + ISO_LENGTH + 1);
      const sep = rest.indexOf(':');
      const ck = rest.slice(0, sep);
      const key = rest.slice(sep + 1);
      let line: SeenLine;
      if (typeof v === 'string') {
        // An older store's index names the fact; the fact says whether it is still live and news.
        const sf = read[facts!.get(k)!];
        if (!sf || sf.supersededAt || sf.backfill || !(sf.firstSeen > from && sf.firstSeen <= until)) continue;
        line = seenLine(sf);
      } else {
        if (v.x || v.b || !(iso > from && iso <= until)) continue;
        line = v;
      }
      each({ ck, key, line });
    }
  }
}
