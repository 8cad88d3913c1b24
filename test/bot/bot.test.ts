import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { memoryLogger } from '../../src/log';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { openStore } from '../../src/store';
import { Bot } from '../../src/scheduler';
import { demoCommand } from '../../src/cli/demo';

describe('the bot', () => {
  it('a bad config on reload is reported with its line and the last good one stays in force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-bot-'));
    const file = join(dir, 'moonshot.yml');
    writeFileSync(file, 'watch: ["Moonshot AI|Kimi maker"]\nfeeds:\n  - url: https://example.com/feed.xml\n');
    const config = await loadConfig(file, {});
    const store = await openStore({ path: join(dir, 's.sqlite') });
    const { log, lines: logs } = memoryLogger();
    const bot = new Bot({ config, configFile: file, store, deliver: async () => undefined, notifyAdmin: async () => undefined, log });

    writeFileSync(file, 'watch: ["Moonshot AI|Kimi maker"]\nfeeds:\n  - url: https://example.com/feed.xml\n    interval: often\n');
    const bad = await bot.reload({});
    expect(bad).toEqual({ ok: false, error: `${file}:4: feeds[0].interval: expected a duration like '30m', got 'often'` });
    expect(bot.config().feeds[0].intervalMs).toBe(10 * 60_000);
    expect(logs.at(-1)).toContain('keeping the last good configuration');

    writeFileSync(file, 'watch: ["Moonshot AI|Kimi maker", "MiniMax"]\nfeeds:\n  - url: https://example.com/feed.xml\n    interval: 2h\n');
    expect(await bot.reload({})).toEqual({ ok: true });
    expect(bot.config().feeds[0].intervalMs).toBe(2 * 3_600_000);
    expect(bot.config().watch).toHaveLength(2);
    await bot.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a poll that outlasts its tick is waited for quietly: nothing from the scheduler reaches the console', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-bot-'));
    const file = join(dir, 'moonshot.yml');
    writeFileSync(file, 'watch: ["Moonshot AI|Kimi maker"]\nfeeds:\n  - url: https://example.com/slow.xml\n');
    const config = await loadConfig(file, {});
    const store = await openStore({ path: join(dir, 's.sqlite') });
    const { log, lines: logs } = memoryLogger();
    let fetches = 0;
    // A feed that takes 2.5 s to fail, polled by a job that ticks every second.
    const fetchFeed = async (): Promise<never> => {
      fetches++;
      await new Promise((r) => setTimeout(r, 2500));
      throw new Error('timed out');
    };
    const consoleLines: unknown[][] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m).mockImplementation((...a: unknown[]) => { consoleLines.push(a); }));
    const bot = new Bot({ config, configFile: null, store, deliver: async () => undefined, notifyAdmin: async () => undefined, log, fetchFeed, pollTick: '* * * * * *' });
    try {
      await bot.start();
      await new Promise((r) => setTimeout(r, 3600));
      await bot.stop();
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(fetches).toBe(1);
    expect(consoleLines).toEqual([]);
    expect(logs.join('\n')).not.toMatch(/still running/);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, 15_000);

  it('`moonshot demo` runs with no tokens and no servers, and exits 0', async () => {
    let out = '';
    let err = '';
    const code = await demoCommand([], { out: (t) => { out += t; }, err: (t) => { err += t; } });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Moonshot demo');
    expect(out).toMatch(/✓ pacific-tech-wire\.rss\.xml/);
    expect(out).toMatch(/1 older item was only remembered/);
    // The point of the demo: the digest a channel would get, with figures and a dispute in it.
    expect(out).toContain('This is what the channel would see');
    expect(out).toContain('Valuation: $20B');
    expect(out).toMatch(/CONFLICT · Lead investor/);
    expect(out).not.toContain('The digest is empty');
  });
});
