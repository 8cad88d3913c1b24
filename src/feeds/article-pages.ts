// Article pages for a poll's new items (feeds set to `fetchFullArticle`), under limits of their own:
// a deadline for all of a cycle's pages together and a small pool, so pages that never answer hold
// the cycle's news for at most the deadline, and never a feed's fetch slot. Each page is fetched with
// the allowlist limited to its own feed's host: a hostile item elsewhere can only point at public pages.
import type { Article } from '../types';
import { fetchArticleText } from './article-page';
import type { FetchOptions, FetchResult } from './fetch';

export interface PageLimits {
  /** All of a cycle's pages, from the first request to the last byte. */
  deadlineMs: number;
  /** Pages fetched at once. */
  concurrency: number;
}

export const DEFAULT_PAGE_LIMITS: Readonly<PageLimits> = Object.freeze({ deadlineMs: 15_000, concurrency: 4 });

export type PageFetch = (url: string, opts?: FetchOptions) => Promise<FetchResult>;

/**
 * Replaces each item's text with its page's when the page says more. A page not had by the deadline
 * (or at all) leaves the feed's text; a late answer is dropped, never written into an item the cycle
 * has moved on with.
 */
export async function fillFromPages(items: Article[], fetchFn: PageFetch, allowHosts: string[], limits: PageLimits = DEFAULT_PAGE_LIMITS): Promise<{ filled: number; abandoned: number }> {
  const queue = items.filter((a) => a.url && /^https?:\/\//i.test(a.url));
  let open = true;
  let filled = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let a = queue.shift(); a && open; a = queue.shift()) {
      const item = a;
      const text = await fetchArticleText(item.url as string, { timeoutMs: limits.deadlineMs, allowHosts, allowListScope: item.feed }, fetchFn);
      if (!open) return;
      done++;
      if (!text || text.length <= item.text.length) continue;
      item.text = item.title && !text.startsWith(item.title) ? `${item.title}\n${text}` : text;
      filled++;
    }
  };
  const total = queue.length;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, limits.deadlineMs); });
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.max(1, limits.concurrency) }, worker)), deadline]);
  } finally {
    open = false;
    clearTimeout(timer);
  }
  return { filled, abandoned: total - done };
}
