// The behaviour every store backend must show; run against SQLite always and Redis when available.
import type { Store } from '../../src/store/types';
import { entryPages } from '../../src/store';

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    let store: Store;
    let run: string;
    beforeEach(async () => {
      store = await open();
      run = `t${Date.now()}${Math.random().toString(36).slice(2, 8)}`;
    });
    afterEach(async () => { await store.close(); });

    it('keeps values and forgets them when their time is up', async () => {
      await store.set(`${run}:a`, { n: 1, s: 'x' });
      await store.set(`${run}:short`, 1, 1);
      await new Promise((r) => setTimeout(r, 20));
      expect(await store.get(`${run}:a`)).toEqual({ n: 1, s: 'x' });
      expect(await store.get(`${run}:short`)).toBeUndefined();
      expect(await store.delete(`${run}:a`)).toBe(true);
      expect(await store.get(`${run}:a`)).toBeUndefined();
    });

    it('lists keys by prefix, taking % and _ literally and case as written', async () => {
      await store.set(`${run}:feed:a`, 1);
      await store.set(`${run}:feed:b`, 2);
      await store.set(`${run}:feedX`, 3);
      await store.set(`${run}:f%_`, 4);
      await store.set(`${run}:FEED:c`, 5);
      expect((await store.keys(`${run}:feed:`)).sort()).toEqual([`${run}:feed:a`, `${run}:feed:b`]);
      expect(await store.keys(`${run}:f%`)).toEqual([`${run}:f%_`]);
    });

    it('reads a prefix with its values in key order, and a range of it', async () => {
      await store.setMany([
        { key: `${run}:seen:2026-01-02:b`, value: { n: 2 } },
        { key: `${run}:seen:2026-01-01:a`, value: { n: 1 } },
        { key: `${run}:seen:2026-01-03:c`, value: { n: 3 } },
        { key: `${run}:seenX`, value: 9 },
        { key: `${run}:seen:gone`, value: 0, ttlMs: 1 },
      ]);
      await new Promise((r) => setTimeout(r, 20));
      expect((await store.entries<{ n: number }>(`${run}:seen:`)).map(([k, v]) => [k.slice(run.length), v.n]))
        .toEqual([[':seen:2026-01-01:a', 1], [':seen:2026-01-02:b', 2], [':seen:2026-01-03:c', 3]]);
      expect((await store.entries(`${run}:seen:`, { from: '2026-01-01:\uffff', to: '2026-01-03' })).map(([k]) => k.slice(run.length))).toEqual([':seen:2026-01-02:b']);
      expect(await store.getMany([`${run}:seen:2026-01-03:c`, `${run}:nothing`, `${run}:seenX`])).toEqual([{ n: 3 }, undefined, 9]);
      expect(await store.getMany([])).toEqual([]);
    });

    it('reads a long range a page at a time, each entry once, lapsed values not counted', async () => {
      const rows = Array.from({ length: 23 }, (_, i) => ({ key: `${run}:p:${String(i).padStart(3, '0')}`, value: i, ...(i % 5 === 2 ? { ttlMs: 1 } : {}) }));
      await store.setMany(rows);
      await new Promise((r) => setTimeout(r, 20));
      const live = rows.filter((_, i) => i % 5 !== 2).map((r) => r.value);
      const pages: number[][] = [];
      for await (const page of entryPages<number>(store, `${run}:p:`, {}, 4)) pages.push(page.map(([, v]) => v));
      expect(pages.flat()).toEqual(live);
      expect(pages.length).toBeGreaterThan(3);
      expect(pages.every((p) => p.length <= 4)).toBe(true);
      expect((await store.entries<number>(`${run}:p:`, { after: '005', to: '010', limit: 3 })).map(([, v]) => v)).toEqual([6, 8, 9]);
      expect((await store.entries<number>(`${run}:p:`, { from: '007', after: '005' })).map(([, v]) => v).slice(0, 2)).toEqual([8, 9]);
    });

    it('keeps strings that start with a colon, and other awkward values, as written', async () => {
      const value = { a: ':x', b: ['::y', ':base64:z', 'plain'], 'k:': ':', n: null, nested: { s: ':' }, u: 'ü "quoted" \\ :' };
      await store.set(`${run}:odd`, value);
      await store.set(`${run}:top`, ':top');
      expect(await store.get(`${run}:odd`)).toEqual(value);
      expect(await store.get(`${run}:top`)).toBe(':top');
      expect(await store.getMany([`${run}:odd`, `${run}:top`])).toEqual([value, ':top']);
    });

    it('gives a claim to exactly one of many concurrent callers', async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.claim(`${run}:poll`, `worker-${i}`, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.claim(`${run}:poll`, 'late', 60_000)).toBe(false);
    });

    it('lets a lapsed claim be taken again', async () => {
      expect(await store.claim(`${run}:lease`, 'a', 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      expect(await store.claim(`${run}:lease`, 'b', 60_000)).toBe(true);
      expect(await store.claim(`${run}:lease`, 'c', 60_000)).toBe(false);
    });

    it('a released claim can be taken again at once, but only its owner can release it', async () => {
      expect(await store.claim(`${run}:send`, 'a', 60_000)).toBe(true);
      expect(await store.release(`${run}:send`, 'b')).toBe(false);
      expect(await store.claim(`${run}:send`, 'b', 60_000)).toBe(false);
      expect(await store.release(`${run}:send`, 'a')).toBe(true);
      expect(await store.claim(`${run}:send`, 'b', 60_000)).toBe(true);
      expect(await store.release(`${run}:never`, 'a')).toBe(false);
    });

    it('fails loudly once closed', async () => {
      await store.close();
      await expect(store.get(`${run}:a`)).rejects.toThrow();
      await expect(store.claim(`${run}:x`, 'a')).rejects.toThrow();
    });
  });
}
