// The store on a real Postgres (MOONSHOT_TEST_POSTGRES_URL; .ci/run starts one): the same contract as
// SQLite's, claims unique across connections, and the ledger's schema brought up once however many
// processes start together.
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { sql } from 'kysely';
import { Ledger } from '../../src/ledger';
import { LEDGER_MIGRATIONS } from '../../src/ledger/migrations';
import { storeContract } from './contract';
import { backends, type StorePlace } from '../helpers/stores';
import { lapsedSql } from '../../src/store/expiry';

const pg = backends().find((b) => b.name === 'Postgres');

if (pg) {
  let shared: StorePlace;
  beforeAll(async () => { shared = await pg.place(); });
  afterAll(async () => { await shared.cleanup(); });
  storeContract('Postgres', () => shared.open());

  describe('Postgres store across processes', () => {
    it('claims are unique between two connections to the same database', async () => {
      const [a, b] = await Promise.all([shared.open(), shared.open()]);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('digest:pg:2026-01-01T09:00', `w${i}`, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      await a.set('shared', 'written by a');
      expect(await b.get('shared')).toBe('written by a');
      await Promise.all([a.close(), b.close()]);
    });

    it('four instances starting at once on a new database bring the schema up once, and all can record', async () => {
      const p = await pg.place();
      try {
        const stores: Store[] = await Promise.all([1, 2, 3, 4].map(() => p.open()));
        // Each records a company of its own through the ledger, whose first write brings the schema up.
        await Promise.all(stores.map((s, i) => {
          const a = { id: `a${i}`, title: `t${i}`, url: null, canonicalUrl: null, source: 'Wire', feed: 'f', published: null, summary: '', text: '', duplicates: [] };
          const fact = { company: `C${i}`, metric: 'round_size' as const, when: 'current' as const, status: 'reported' as const, articleId: a.id, source: 'Wire', url: null, quote: `C${i} raised.` };
          return new Ledger(s, []).record({ articles: [a], facts: [fact], events: [] }, new Date('2026-11-20T00:00:00Z'));
        }));
        const versions = await stores[0].tables.read((db) => sql<{ version: number }>`SELECT version FROM moonshot_schema ORDER BY version`.execute(db));
        expect(versions.rows.map((v) => v.version)).toEqual(LEDGER_MIGRATIONS.map((m) => m.version));
        expect((await new Ledger(stores[3], []).companies()).map((c) => c.name)).toEqual(['C0', 'C1', 'C2', 'C3']);
      } finally {
        await p.cleanup();
      }
    });

    it('sweeps lapsed values out of keyv\'s table through an index over their expiry, with two replicas sweeping at once', async () => {
      const p = await pg.place();
      const { Client } = await import('pg');
      const raw = new Client({ connectionString: p.url! });
      await raw.connect();
      const stores: Store[] = [];
      try {
        // A database as an older version left it: keyv's table with no index over expiry, holding lapsed
        // and live values, text that is not keyv's, and another program's lapsed value.
        const hourAgo = Date.now() - 3_600_000;
        const inHour = Date.now() + 3_600_000;
        await raw.query('CREATE TABLE keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
        await raw.query('INSERT INTO keyv (key, value) SELECT * FROM unnest($1::text[], $2::text[])', [
          ['moonshot:old:lapsed', 'moonshot:old:live', 'moonshot:odd:text', 'moonshot:odd:json', 'moonshot:odd:big', 'theirs:lapsed'],
          [`{"value":1,"expires":${hourAgo}}`, `{"value":2,"expires":${inHour}}`, 'not json {"expires":1', '{"expires":"soon"}', '{"value":3,"expires":99999999999999999999}', `{"value":4,"expires":${hourAgo}}`],
        ]);
        // Two replicas opening together make the index once between them.
        stores.push(...(await Promise.all([1, 2].map(() => openStore({ url: p.url!, sweepEveryMs: 0 })))));
        const [a, b] = stores;
        await a.setMany([
          ...Array.from({ length: 40 }, (_, i) => ({ key: `seen:2026-11-20:${i}`, value: { firstSeen: '2026-11-20' }, ttlMs: 1 })),
          { key: 'feed:https://lapsed.test/rss', value: { etag: 'a' }, ttlMs: 1 },
          { key: 'feed:https://live.test/rss', value: { etag: 'b' }, ttlMs: 3_600_000 },
          { key: 'seen:forever', value: { firstSeen: '2026-11-01' } },
        ]);
        await b.set('outbox:sent:1', { at: 1 }, 1);
        await new Promise((r) => setTimeout(r, 20));
        // Every claim sweeps first (sweepEveryMs 0): many sweeps from both replicas at once, while one
        // of them writes some of the lapsed keys again with a new lifetime.
        const rewritten = Array.from({ length: 10 }, (_, i) => ({ key: `seen:2026-11-20:${i * 4}`, value: { firstSeen: 'again' }, ttlMs: 3_600_000 }));
        const claims = await Promise.all([
          ...Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).claim(`poll:feed:${i}`, `w${i}`, 60_000)),
          b.setMany(rewritten).then(() => true),
        ]);
        expect(claims.every(Boolean)).toBe(true);

        const left = (await raw.query<{ key: string }>('SELECT key FROM keyv ORDER BY key COLLATE "C"')).rows.map((r) => r.key);
        expect(left).toEqual([
          'moonshot:feed:https://live.test/rss', 'moonshot:odd:big', 'moonshot:odd:json', 'moonshot:odd:text', 'moonshot:old:live',
          ...rewritten.map((r) => `moonshot:${r.key}`).sort(), 'moonshot:seen:forever', 'theirs:lapsed',
        ]);
        expect(await b.get('feed:https://live.test/rss')).toEqual({ etag: 'b' });
        expect(await a.get('seen:2026-11-20:8')).toEqual({ firstSeen: 'again' });
        expect((await raw.query('SELECT value FROM keyv WHERE key = $1', ['moonshot:odd:text'])).rows).toEqual([{ value: 'not json {"expires":1' }]);

        // The sweep finds lapsed values through the index (a sequential scan only where Postgres must).
        const indexes = await raw.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'keyv' ORDER BY indexname");
        expect(indexes.rows.map((r) => r.indexname)).toEqual(['keyv_expires', 'keyv_pkey']);
        await raw.query('ANALYZE keyv');
        await raw.query('SET enable_seqscan = off');
        const plan = await raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN DELETE FROM keyv WHERE ${lapsedSql('postgres', '$1')}`, [Date.now()]);
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/keyv_expires/);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        await raw.end();
        await p.cleanup();
      }
    });

    it('says plainly when the server cannot be reached', async () => {
      await expect(openStore({ url: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/cannot reach Postgres/);
    });
  });
} else {
  describe.skip('Postgres store (MOONSHOT_TEST_POSTGRES_URL not set)', () => { it('runs against a real Postgres', () => undefined); });
}
