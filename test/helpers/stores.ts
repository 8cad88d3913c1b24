// The stores the store and hardening tests run on: the SQLite file always, and a real Postgres when
// MOONSHOT_TEST_POSTGRES_URL names one (.ci/run starts one and sets it). Each place is new and empty:
// a file in a temporary folder, or a database of its own, dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';

export interface StorePlace {
  /** Opens (another connection to) the place. */
  open(): Promise<Store>;
  /** SQLite: the file; Postgres: null. */
  file: string | null;
  /** Postgres: the database's URL; SQLite: null. */
  url: string | null;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'SQLite' | 'Postgres';
  place(): Promise<StorePlace>;
}

export const POSTGRES_URL = process.env.MOONSHOT_TEST_POSTGRES_URL;

const sqlite: Backend = {
  name: 'SQLite',
  async place() {
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-place-'));
    const file = join(dir, 'moonshot.sqlite');
    const opened: Store[] = [];
    return {
      file, url: null,
      async open() { const s = await openStore({ path: file }); opened.push(s); return s; },
      async cleanup() { for (const s of opened) await s.close().catch(() => undefined); rmSync(dir, { recursive: true, force: true }); },
    };
  },
};

const postgres = (admin: string): Backend => ({
  name: 'Postgres',
  async place() {
    const { Client } = await import('pg');
    const db = `moonshot_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${db}`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${db}`;
    const url = u.toString();
    const opened: Store[] = [];
    return {
      file: null, url,
      async open() { const s = await openStore({ url }); opened.push(s); return s; },
      async cleanup() {
        for (const s of opened) await s.close().catch(() => undefined);
        const c = new Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        await c.end();
      },
    };
  },
});

let told = false;
/** The backends to run a suite on; Postgres only when one is named, saying so once when it is not. */
export function backends(): Backend[] {
  if (POSTGRES_URL) return [sqlite, postgres(POSTGRES_URL)];
  if (!told) {
    told = true;
    console.info('Postgres store tests skipped: set MOONSHOT_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5433/postgres) to run them');
  }
  return [sqlite];
}

/** `describe` once per backend, with a fresh place before each test (closed and removed after it). */
export function describeEachStore(title: string, body: (ctx: { backend: Backend; place: () => StorePlace }) => void): void {
  for (const backend of backends()) {
    describe(`${title} (${backend.name})`, () => {
      let current: StorePlace | null = null;
      beforeEach(async () => { current = await backend.place(); });
      afterEach(async () => { await current?.cleanup(); current = null; });
      body({ backend, place: () => current! });
    });
  }
  if (!POSTGRES_URL) describe.skip(`${title} (Postgres: MOONSHOT_TEST_POSTGRES_URL not set)`, () => { it('runs on a real Postgres', () => undefined); });
}
