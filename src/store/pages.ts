// A key range read a page at a time, so a reader of a large range (a digest's window of facts) holds
// one page of values, never the whole range.
import type { EntryRange, Store } from './types';

/** The entries of `prefix` in `range`, in key order, about `size` at a time (the store's own paging where it has one). */
export async function* entryPages<T>(store: Pick<Store, 'entries' | 'pages'>, prefix: string, range: Omit<EntryRange, 'after' | 'limit'> = {}, size = 2000): AsyncGenerator<[string, T][]> {
  if (store.pages) {
    yield* store.pages<T>(prefix, range, size);
    return;
  }
  let after: string | undefined;
  for (;;) {
    const page = await store.entries<T>(prefix, { ...range, ...(after !== undefined ? { after } : {}), limit: size });
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = page[page.length - 1][0].slice(prefix.length);
  }
}
