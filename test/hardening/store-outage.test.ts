// The store going away in the middle of a cycle: the real SQLite handle is closed after the n-th write
// (for every n a cycle makes), the SQLite file is made read-only at the n-th write while its handle
// stays open, or Redis is stopped and started again. The cycle stops, nothing is posted or lost, and
// the first cycle after recovery reports every item, once.
import { silentLogger } from '../../src/log';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { pollOnce, runDigest, type BotDeps } from '../../src/scheduler';
import { Outbox } from '../../src/chat/outbox';
import { consoleDestination } from '../../src/chat/console';
import { outboxDeliver } from '../../src/chat/deliver';
import { configFor, depsFor, later, mutableFeed, type MutableFeed } from './world';
import { describeEachStore } from '../helpers/stores';

const T0 = new Date('2026-11-20T12:00:00Z');

/** The real store, with `before` run ahead of each of its writes (set, setMany, delete, claim, release). */
function beforeWrites(real: Store, before: () => Promise<void> | void): Store {
  const write = async <T>(call: () => Promise<T>): Promise<T> => {
    await before();
    return call();
  };
  return {
    get: (k) => real.get(k),
    keys: (p) => real.keys(p),
    entries: (p, r) => real.entries(p, r),
    getMany: (ks) => real.getMany(ks),
    set: (k, v, ttl) => write(() => real.set(k, v, ttl)),
    setMany: (es) => write(() => real.setMany(es)),
    delete: (k) => write(() => real.delete(k)),
    claim: (k, o, ttl) => write(() => real.claim(k, o, ttl)),
    release: (k, o) => write(() => real.release(k, o)),
    tables: { dialect: real.tables.dialect, read: (fn) => real.tables.read(fn), write: (fn) => write(() => real.tables.write(fn)), migrate: (m) => real.tables.migrate(m) },
    close: () => real.close(),
  };
}

/** The real store, whose real handle is closed just before its n-th write. */
function dyingAfter(real: Store, n: number): Store {
  let writes = 0;
  return beforeWrites(real, async () => { if (++writes === n) await real.close(); });
}

/** How many writes one whole cycle makes, on a store that never fails. */
async function writesPerCycle(open: () => Promise<Store>, feed: MutableFeed): Promise<number> {
  let total = 0;
  const real = await open();
  await cycle(beforeWrites(real, () => { total++; }), feed, T0, [], new Set());
  await real.close();
  return total;
}

const tokens = ['tokAA1', 'tokBB2', 'tokCC3'];
function plant(feed: MutableFeed): void {
  const site = feed.url.replace('/feed.xml', '');
  feed.items = tokens.map((tok, i) => ({
    guid: `s-${tok}`, link: `${site}/story/${tok}`, published: later(T0, -10 - i),
    title: `MiniMax round ${tok}`, body: `MiniMax raised $${i + 1}00 million in a round led by Fund ${tok}.`,
  }));
}

/** One poll then one digest through the outbox to a console; what was printed is appended to `out`. */
async function cycle(store: Store, feed: MutableFeed, at: Date, out: string[], unreleased: Set<string>): Promise<void> {
  const config = configFor(feed.url);
  const outbox = new Outbox(store, [], { owner: 'hardening', sleep: async () => undefined, log: silentLogger() });
  const deliver = outboxDeliver(outbox, (sub) => consoleDestination((t) => out.push(t), `sub:${sub.id}`));
  const deps: BotDeps = depsFor(store, config, deliver, { unreleased });
  await pollOnce(deps, at);
  await runDigest(deps, config.subscriptions[0], later(at, 1));
  await outbox.drain();
}

const appearances = (out: string[], tok: string): number => out.filter((m) => m.includes(tok)).length;

describeEachStore('the store going away mid-cycle', ({ backend }) => {
  let feed: MutableFeed;
  beforeEach(async () => {
    feed = await mutableFeed();
    plant(feed);
  });
  afterEach(async () => {
    await feed.close();
  });

  it('at any write of a cycle: nothing posted then, everything posted once after recovery', async () => {
    // Batched writes, the ledger's transactions, deletes and releases are writes too: the store can die at any of them.
    const counting = await backend.place();
    const total = await writesPerCycle(() => counting.open(), feed);
    await counting.cleanup();
    expect(total).toBeGreaterThan(10);

    const step = Math.max(1, Math.floor(total / 25));
    for (let n = 1; n <= total; n += step) {
      const p = await backend.place();
      try {
        const out: string[] = [];
        const unreleased = new Set<string>();
        const real = await p.open();
        await expect(cycle(dyingAfter(real, n), feed, T0, out, unreleased)).rejects.toThrow(/closed/);
        const postedEarly = out.length;
        // Recovery: the process opens the store again; the next cycle catches up.
        const again = await p.open();
        await cycle(again, feed, later(T0, 60), out, unreleased);
        await cycle(again, feed, later(T0, 120), out, unreleased);
        for (const tok of tokens) expect([n, tok, appearances(out, tok)]).toEqual([n, tok, 1]);
        // Nothing went out before the failure unless the failure came after the send itself.
        expect(postedEarly).toBeLessThanOrEqual(1);
      } finally {
        await p.cleanup();
      }
    }
  }, 60_000);
});

/**
 * Makes files read-only for every writer, open handles included: the immutable attribute (chattr +i),
 * which needs root on a file system that has it. Permission bits would not do: root ignores them, and
 * a handle opened before they changed keeps writing. Null where it cannot be done here.
 */
function immutability(dir: string): { set(files: string[], on: boolean): void } | null {
  const probe = join(dir, 'probe');
  try {
    writeFileSync(probe, '');
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    let refused = false;
    try { appendFileSync(probe, 'x'); } catch { refused = true; }
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    if (!refused) return null;
  } catch {
    return null;
  }
  return {
    // SQLite's shared-memory index (-shm) is left writable: it is mapped into memory, and a write to a
    // mapped page of an immutable file kills the process with SIGBUS. The database and its log are what hold data.
    set: (files, on) => { if (files.length) execFileSync('chattr', [on ? '+i' : '-i', ...files], { stdio: 'ignore' }); },
  };
}

describe('the SQLite file made read-only while the bot runs', () => {
  let dir: string;
  let feed: MutableFeed;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-hard-ro-'));
    feed = await mutableFeed();
    plant(feed);
  });
  afterEach(async () => {
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('at any write of a cycle: the cycle stops, and once writable the same open store posts everything once', async () => {
    const fs = immutability(dir);
    if (!fs) {
      // Not root, or a file system without the attribute: the closed-handle test above covers the code path.
      console.warn('skipped: files cannot be made immutable here (needs root and chattr)');
      return;
    }
    const total = await writesPerCycle(() => openStore({ path: join(dir, 'count.sqlite') }), feed);
    const step = Math.max(1, Math.floor(total / 12));
    for (let n = 1; n <= total; n += step) {
      const file = join(dir, `ro-${n}.sqlite`);
      const files = (): string[] => [file, `${file}-wal`].filter((f) => existsSync(f));
      const out: string[] = [];
      const unreleased = new Set<string>();
      const store = await openStore({ path: file });
      let writes = 0;
      const turning = beforeWrites(store, () => { if (++writes === n) fs.set(files(), true); });
      try {
        await expect(cycle(turning, feed, T0, out, unreleased)).rejects.toThrow(/SQLITE_(?:IOERR|READONLY|CANTOPEN)/);
        const postedEarly = out.length;
        // While the file stays read-only, a cycle stops again and posts nothing.
        await expect(cycle(store, feed, later(T0, 30), out, unreleased)).rejects.toThrow();
        expect(out.length).toBe(postedEarly);
        fs.set(files(), false);
        // Writable again: the same process, on the same open store, catches up.
        await cycle(store, feed, later(T0, 60), out, unreleased);
        await cycle(store, feed, later(T0, 120), out, unreleased);
        for (const tok of tokens) expect([n, tok, appearances(out, tok)]).toEqual([n, tok, 1]);
        expect(postedEarly).toBeLessThanOrEqual(1);
      } finally {
        fs.set(files(), false);
        await store.close();
      }
    }
  }, 60_000);
});

// Redis, when the environment provides one: our own server on a spare port, stopped and restarted just
// after the ledger has recorded the poll (the ledger's tables are in the SQLite file beside it).
const redisTest = process.env.MOONSHOT_TEST_REDIS_URL ? describe : describe.skip;
redisTest('Redis stopping mid-cycle', () => {
  let dir: string;
  let port: number;
  let server: ChildProcess | null = null;
  const startRedis = async (): Promise<void> => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      const ok = await new Promise<boolean>((r) => { const s = createServer(); s.once('error', () => r(true)); s.listen(port, '127.0.0.1', () => s.close(() => r(false))); });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stopRedis = async (): Promise<void> => {
    const s = server;
    server = null;
    if (!s) return;
    await new Promise<void>((r) => { s.once('exit', () => r()); s.kill('SIGTERM'); });
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-hard-redis-'));
    port = await new Promise<number>((r) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => r(p)); }); });
    await startRedis();
  });
  afterAll(async () => {
    await stopRedis();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a cycle during the outage stops; after the restart every item is reported once', async () => {
    const feed = await mutableFeed();
    plant(feed);
    const out: string[] = [];
    const unreleased = new Set<string>();
    const store = await openStore({ url: `redis://127.0.0.1:${port}`, path: join(dir, 'ledger.sqlite') });
    try {
      const real = store;
      let stopped = false;
      const stopAtLedger = async (keys: string[]): Promise<void> => { if (!stopped && keys.some((k) => k.startsWith('seen:'))) { stopped = true; await stopRedis(); } };
      const stopping: Store = { ...real, get: (k) => real.get(k), keys: (p) => real.keys(p), entries: (p, r) => real.entries(p, r), getMany: (ks) => real.getMany(ks), delete: (k) => real.delete(k), claim: (k, o, t) => real.claim(k, o, t), release: (k, o) => real.release(k, o), close: () => real.close(),
        set: async (k, v, t) => { await stopAtLedger([k]); return real.set(k, v, t); },
        setMany: async (es) => { await stopAtLedger(es.map((e) => e.key)); return real.setMany(es); } };
      await expect(cycle(stopping, feed, T0, out, unreleased)).rejects.toThrow();
      expect(out).toEqual([]);
      await startRedis();
      // Recovered once the client has reconnected: until then a cycle fails fast, as above.
      for (let i = 0; i < 100 && !(await store.get('probe').then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
      await cycle(store, feed, later(T0, 60), out, unreleased);
      await cycle(store, feed, later(T0, 120), out, unreleased);
      for (const tok of tokens) expect([tok, appearances(out, tok)]).toEqual([tok, 1]);
    } finally {
      await store.close();
      await feed.close();
    }
  }, 30_000);
});

// Postgres, when the machine has its server (.ci/run installs it): our own cluster on a spare port,
// stopped as the ledger is about to record the poll, and started again.
const pgBin = ((): string | null => {
  try {
    return execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();
if (!pgBin) console.info('Postgres outage test skipped: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin) on this machine');
(pgBin ? describe : describe.skip)('Postgres stopping mid-cycle', () => {
  let dir: string;
  let port: number;
  // initdb and the server refuse to run as root: as root, they run as the postgres user.
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', `${pgBin}/${cmd}`, ...args]] : [`${pgBin}/${cmd}`, args];
    execFileSync(file, argv, { stdio: 'ignore' });
  };
  const data = (): string => join(dir, 'data');
  const startPg = (): void => run('pg_ctl', ['-D', data(), '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const stopPg = (): void => run('pg_ctl', ['-D', data(), '-m', 'fast', '-w', 'stop']);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-hard-pg-'));
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
    port = await new Promise<number>((r) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => r(p)); }); });
    run('initdb', ['-D', data(), '-A', 'trust', '-U', 'postgres']);
    startPg();
  }, 60_000);
  afterAll(() => {
    try { stopPg(); } catch { /* already stopped */ }
    rmSync(dir, { recursive: true, force: true });
  });

  it('a cycle during the outage stops; after the restart every item is reported once', async () => {
    const feed = await mutableFeed();
    plant(feed);
    const out: string[] = [];
    const unreleased = new Set<string>();
    const store = await openStore({ url: `postgres://postgres@127.0.0.1:${port}/postgres` });
    try {
      let stopped = false;
      const stopping: Store = {
        ...beforeWrites(store, () => undefined),
        tables: { ...store.tables, write: async (fn) => { if (!stopped) { stopped = true; stopPg(); } return store.tables.write(fn); } },
      };
      await expect(cycle(stopping, feed, T0, out, unreleased)).rejects.toThrow();
      expect(out).toEqual([]);
      startPg();
      // The pool opens new connections once the server is back: until then a cycle fails fast, as above.
      for (let i = 0; i < 100 && !(await store.get('probe').then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
      await cycle(store, feed, later(T0, 60), out, unreleased);
      await cycle(store, feed, later(T0, 120), out, unreleased);
      for (const tok of tokens) expect([tok, appearances(out, tok)]).toEqual([tok, 1]);
    } finally {
      await store.close();
      await feed.close();
    }
  }, 60_000);
});
