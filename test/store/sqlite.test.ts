import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../../src/store';
import { lapsedSql } from '../../src/store/expiry';
import { storeContract } from './contract';

/** A second, plain connection to the file, to look at the tables themselves. */
async function rawQuery(path: string): Promise<{ q: (sql: string) => Promise<unknown>; close: () => Promise<void> }> {
  const { default: KeyvSqlite } = await import('@keyv/sqlite');
  const adapter = new KeyvSqlite({ uri: `sqlite://${path}` });
  return { q: (sql) => adapter.query(sql), close: () => adapter.disconnect() };
}

const dir = mkdtempSync(join(tmpdir(), 'moonshot-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'sub', 'moonshot.sqlite');

storeContract('SQLite', () => openStore({ path: file }));

describe('SQLite store across processes', () => {
  it('claims are unique between two connections to the same file', async () => {
    const [a, b] = await Promise.all([openStore({ path: file }), openStore({ path: file })]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('digest:x:2026-01-01T09:00', `w${i}`, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    await a.set('shared', 'written by a');
    expect(await b.get('shared')).toBe('written by a');
    await Promise.all([a.close(), b.close()]);
  });

  it('sweeps lapsed claims and values out of the file, so it does not grow by one row per poll', async () => {
    const path = join(dir, 'sweep.sqlite');
    const store = await openStore({ path, sweepEveryMs: 0 });
    for (let i = 0; i < 50; i++) await store.claim(`poll:feed:${i}`, 'w', 1);
    for (let i = 0; i < 20; i++) await store.set(`outbox:sent:${i}`, { sentAt: i }, 1);
    await store.set('seen:kept', { firstSeen: 'x' });
    await store.claim('alert:kept', 'w');
    await new Promise((r) => setTimeout(r, 20));
    await store.claim('digest:now', 'w', 60_000);
    const { q, close } = await rawQuery(path);
    expect(await q('SELECT key FROM moonshot_claims ORDER BY key')).toEqual([{ key: 'moonshot:alert:kept' }, { key: 'moonshot:digest:now' }]);
    expect(await q('SELECT key FROM keyv')).toEqual([{ key: 'moonshot:seen:kept' }]);
    await Promise.all([store.close(), close()]);
  });

  it('a file written before the expiry index gets it on open, and its lapsed values are swept through it', async () => {
    const path = join(dir, 'older.sqlite');
    // A file as an older version left it: keyv's table, no index over expiry, lapsed and live values.
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const { default: Keyv } = await import('keyv');
    const older = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${path}` }), namespace: undefined, useKeyPrefix: false });
    for (let i = 0; i < 30; i++) await older.set(`moonshot:dup:${i}`, { id: `story-${i}` }, i % 3 === 0 ? 1 : 60 * 60_000);
    await older.set('moonshot:seen:kept', { firstSeen: 'x' });
    await older.disconnect();
    await new Promise((r) => setTimeout(r, 20));

    const store = await openStore({ path, sweepEveryMs: 0 });
    await store.claim('poll:one', 'w', 60_000);
    const { q, close } = await rawQuery(path);
    const left = ((await q('SELECT key FROM keyv ORDER BY key')) as { key: string }[]).map((r) => r.key);
    expect(left).toHaveLength(21);
    expect(left).toContain('moonshot:seen:kept');
    expect(left.filter((k) => /dup:(\d+)$/.test(k) && Number(/(\d+)$/.exec(k)![1]) % 3 === 0)).toEqual([]);
    expect(await store.get('dup:1')).toEqual({ id: 'story-1' });
    // The sweep is a walk of the expiry index, not a read of every stored value.
    const plan = (await q(`EXPLAIN QUERY PLAN DELETE FROM keyv WHERE ${lapsedSql('sqlite', '0')}`)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX keyv_expires/);
    await Promise.all([store.close(), close()]);
  });

  it('writes and reads keyv\'s own format, so files written before (or by plain keyv) read the same', async () => {
    const path = join(dir, 'format.sqlite');
    const store = await openStore({ path });
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const { default: Keyv } = await import('keyv');
    const plain = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${path}` }), namespace: undefined, useKeyPrefix: false });
    const { q, close } = await rawQuery(path);
    const values = [
      { quote: ':colon first', list: [':a', 'b', 1.5, null], 'key:': 'v', text: 'line\nnext "q" é' },
      { quote: 'no colon first: here', list: ['a', 2, { x: 'y:' }], text: 'tab\t"q" \\ ü', when: '2026-11-20T09:00:00.000Z' },
    ];
    for (const [i, value] of values.entries()) {
      await store.set(`ours${i}`, value);
      await plain.set(`moonshot:theirs${i}`, value);
      expect(await plain.get(`moonshot:ours${i}`)).toEqual(value);
      expect(await store.get(`theirs${i}`)).toEqual(value);
      const rows = (await q(`SELECT value FROM keyv WHERE key IN ('moonshot:ours${i}', 'moonshot:theirs${i}')`)) as { value: string }[];
      expect(rows).toHaveLength(2);
      expect(rows[0].value).toBe(rows[1].value);
    }
    await Promise.all([store.close(), plain.disconnect(), close()]);
  });

  it('keeps every committed write when its process is killed the moment after, on both of its connections', async () => {
    // Commits are synced at checkpoints, not one by one: a process that dies loses none of them.
    const path = join(dir, 'killed.sqlite');
    const script = [
      "require('tsx/cjs');",
      "const { openStore } = require(" + JSON.stringify(join(__dirname, '../../src/store/index.ts')) + ");",
      "(async () => {",
      `  const store = await openStore({ path: ${JSON.stringify(path)} });`,
      "  for (let i = 0; i < 30; i++) await store.set('seen:' + i, { at: i });",
      "  await store.tables.write((trx) => trx.schema.createTable('killed_probe').addColumn('n', 'integer').execute());",
      "  await store.tables.write((trx) => trx.insertInto('killed_probe').values({ n: 7 }).execute());",
      "  process.kill(process.pid, 'SIGKILL');",
      "})();",
    ].join('\n');
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8', timeout: 30_000 });
    expect(r.signal).toBe('SIGKILL');
    const store = await openStore({ path });
    for (let i = 0; i < 30; i++) expect(await store.get(`seen:${i}`)).toEqual({ at: i });
    const rows = await store.tables.read((db) => sql<{ n: number }>`select n from killed_probe`.execute(db));
    expect(rows.rows).toEqual([{ n: 7 }]);
    await store.close();
  });

  it('refuses a STORE_URL it does not know, in plain words', async () => {
    await expect(openStore({ url: 'mongodb://x' })).rejects.toThrow(/STORE_URL must start with redis:\/\/, rediss:\/\/ or postgres:\/\//);
  });
});
