// Which entry is which: a stable id per article, the same on every run and in any feed order.
//
// - A guid is only unique within its feed (two feeds may both number their items 1, 2, 3), so a
//   guid id includes the feed. Where one feed gives the same guid to entries that differ (another
//   link, or another title), the guid cannot tell them apart, and every entry of that guid takes an
//   id that also includes its link (or title and date). Every one of them, not all but the first, so
//   the ids do not depend on the order the feed lists them in.
// - Without a guid, the canonical link names the article across feeds, so the id is the link alone:
//   the same story reached through two feeds gets one id.
// - Without either, the title and date within the feed.
import { createHash } from 'node:crypto';
import type { FeedEntry } from '../types';
import { canonicalUrl, isSiteRoot } from './canonical-url';
import { comparable } from './plain-text';

export const stableHash = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 20);

/** The link that identifies an entry: its canonical form, unless it is only the site's home page. */
export function identifyingUrl(entry: Pick<FeedEntry, 'url'>): string | null {
  const c = canonicalUrl(entry.url);
  return c && !isSiteRoot(c) ? c : null;
}

const guidOf = (e: FeedEntry): string | null => {
  const g = e.guid?.trim();
  return g ? g : null;
};

/** What tells one entry from another when the guid does not: its link, else its title and date. */
const entryKey = (e: FeedEntry): string => {
  const url = identifyingUrl(e);
  return url ? `url:${url}` : `title:${comparable(e.title)}|${e.published ?? ''}`;
};

/** Ids for the entries of one feed, in the order given. Equal entries get equal ids. */
export function entryIds(entries: FeedEntry[], feed: string): string[] {
  // Which guids are shared by entries that differ.
  const keysByGuid = new Map<string, Set<string>>();
  for (const e of entries) {
    const g = guidOf(e);
    if (!g) continue;
    const keys = keysByGuid.get(g) ?? new Set<string>();
    keys.add(entryKey(e));
    keysByGuid.set(g, keys);
  }
  return entries.map((e) => {
    const g = guidOf(e);
    if (g) {
      const ambiguous = (keysByGuid.get(g)?.size ?? 0) > 1;
      return ambiguous ? stableHash('guid+', feed, g, entryKey(e)) : stableHash('guid', feed, g);
    }
    const url = identifyingUrl(e);
    if (url) return stableHash('url', url);
    return stableHash('title', feed, comparable(e.title), e.published ?? '');
  });
}
