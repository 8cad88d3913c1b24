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

    it('says plainly when the server cannot be reached', async () => {
      await expect(openStore({ url: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/cannot reach Postgres/);
    });
  });
} else {
  describe.skip('Postgres store (MOONSHOT_TEST_POSTGRES_URL not set)', () => { it('runs against a real Postgres', () => undefined); });
}
