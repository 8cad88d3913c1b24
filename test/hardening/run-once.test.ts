// `moonshot run --once`: one poll and every digest, then exit. It must post what its own poll read,
// and a store it cannot use must be said, not just an exit status.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { openStore } from '../../src/store';
import type { CliIO } from '../../src/cli/io';
import { mutableFeed, type MutableFeed } from './world';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  return io;
}

describe('moonshot run --once', () => {
  let dir: string;
  let feed: MutableFeed;
  const saved = { STORE_URL: process.env.STORE_URL, STORE_PATH: process.env.STORE_PATH, SLACK_BOT_TOKEN: process.env.SLACK_BOT_TOKEN, DISCORD_TOKEN: process.env.DISCORD_TOKEN };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-once-'));
    feed = await mutableFeed();
    for (const k of Object.keys(saved)) delete process.env[k];
  });
  afterEach(async () => {
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  });

  const configFile = (storePath: string): string => {
    const file = join(dir, 'moonshot.yml');
    writeFileSync(file, [
      `feeds:\n  - url: ${feed.url}\n    interval: 1m`,
      'watch: ["Moonshot AI|Kimi maker"]',
      'subscriptions:\n  - id: main\n    platform: console\n    schedule: "0 9 * * *"',
      'allowHosts: [127.0.0.1]',
      `store:\n  path: ${storePath}`,
      'polling:\n  jitter: 0s',
    ].join('\n'));
    return file;
  };

  it('posts what its own poll read', async () => {
    feed.items = [{ guid: 'once-1', link: 'https://wire.example/once-1', title: 'Moonshot AI raises $700 million', body: 'Moonshot AI raised $700 million in a Series E round, the company said.', published: new Date() }];
    const io = capture();
    expect(await main(['run', '--once', '--config', configFile(join(dir, 's.sqlite'))], io)).toBe(0);
    expect(io.stdout).toMatch(/Moonshot AI/);
    expect(io.stdout).toMatch(/\$700M|700 million/);
  });

  it.each([
    ['not a database at all', (file: string) => writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a))],
    ['a database whose schema reads but whose data pages are garbage', async (file: string) => {
      const store = await openStore({ path: file });
      for (let i = 0; i < 200; i++) await store.set(`filler:${i}`, 'x'.repeat(200));
      await store.close();
      const bytes = readFileSync(file);
      // Page 1 (the schema) stays whole, so the file opens; every page after it is noise.
      bytes.fill(0x5a, bytes.readUInt16BE(16));
      writeFileSync(file, bytes);
    }],
  ])('says why when the store is corrupt: %s', async (_name, corrupt) => {
    const file = join(dir, 'corrupt.sqlite');
    await corrupt(file);
    const io = capture();
    const code = await main(['run', '--once', '--config', configFile(file)], io);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/moonshot run( --once)?: .*(store|database|SQLITE|file is not a database)/i);
  });

  it('refuses at start, saying what to do, a store holding a ledger it cannot carry over', async () => {
    const file = join(dir, 'old.sqlite');
    const { default: Keyv } = await import('keyv');
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const kv = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}` }), namespace: undefined, useKeyPrefix: false });
    await kv.set('moonshot:ledger:fact:kestrel%20labs:x', { something: 'else' });
    await kv.disconnect();
    feed.items = [];
    const io = capture();
    expect(await main(['run', '--once', '--config', configFile(file)], io)).toBe(1);
    expect(io.stderr).toMatch(/moonshot run: the store's ledger cannot be used: .*Start the previous version of Moonshot on it once/);
  });
});
