import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    const logs: string[] = [];
    const bot = new Bot({ config, configFile: file, store, deliver: async () => undefined, notifyAdmin: async () => undefined, log: (l) => logs.push(l) });

    writeFileSync(file, 'watch: ["Moonshot AI|Kimi maker"]\nfeeds:\n  - url: https://example.com/feed.xml\n    interval: often\n');
    const bad = await bot.reload({});
    expect(bad).toEqual({ ok: false, error: `${file}:4: feeds[0].interval: expected a duration like '30m', got 'often'` });
    expect(bot.config().feeds[0].intervalMs).toBe(30 * 60_000);
    expect(logs.at(-1)).toContain('keeping the last good configuration');

    writeFileSync(file, 'watch: ["Moonshot AI|Kimi maker", "MiniMax"]\nfeeds:\n  - url: https://example.com/feed.xml\n    interval: 2h\n');
    expect(await bot.reload({})).toEqual({ ok: true });
    expect(bot.config().feeds[0].intervalMs).toBe(2 * 3_600_000);
    expect(bot.config().watch).toHaveLength(2);
    await bot.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

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
