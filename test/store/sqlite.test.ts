import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { storeContract } from './contract';

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

  it('refuses a STORE_URL it does not know, in plain words', async () => {
    await expect(openStore({ url: 'mongodb://x' })).rejects.toThrow(/STORE_URL must start with redis:\/\/, rediss:\/\/ or postgres:\/\//);
  });
});
