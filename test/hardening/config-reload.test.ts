// A config file saved with mistakes while the bot runs: the error names file:line: field, and the bot
// keeps polling on the last good configuration.
import { memoryLogger } from '../../src/log';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { describeEachStore } from '../helpers/stores';
import { Bot } from '../../src/scheduler';
import { later, mutableFeed } from './world';

const T0 = new Date('2026-11-20T12:00:00Z');

describeEachStore('config reload', ({ place }) => it('a broken config on reload is reported where it is broken, and polling carries on with the last good one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-hard-reload-'));
  const feed = await mutableFeed();
  feed.items = [{ guid: 'r1', link: `${feed.url}#r1`, title: 'MiniMax raises', body: 'MiniMax raised $300 million.', published: later(T0, -5) }];
  const file = join(dir, 'moonshot.yml');
  const good = `feeds:\n  - url: ${feed.url}\n    interval: 1m\nwatch: ["MiniMax"]\nallowHosts: [127.0.0.1]\npolling:\n  jitter: 0s\n`;
  writeFileSync(file, good);
  const store = await place().open();
  const { log, lines: logs } = memoryLogger();
  const bot = new Bot({ config: await loadConfig(file, {}), configFile: file, store, deliver: async () => undefined, notifyAdmin: async () => undefined, log });
  try {
    for (const [broken, where] of [
      [good.replace('interval: 1m', 'interval: sometimes'), /moonshot\.yml:3: feeds\[0\]\.interval: /],
      [good.replace('allowHosts: [127.0.0.1]', 'allowHosts: [127.0.0.1'), /moonshot\.yml:\d+/],
      [`${good}polling:\n  jitter: 0s\n`, /moonshot\.yml:\d+/],
    ] as const) {
      writeFileSync(file, broken);
      const r = await bot.reload({});
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatch(where);
        expect(r.error).not.toMatch(/\n\s+at /); // no stack trace
      }
      expect(bot.config().feeds[0].intervalMs).toBe(60_000);
    }
    const report = await bot.pollOnce(T0);
    expect(report.polled.map((p) => p.status)).toEqual(['ok']);
    expect(report.newItems).toBe(1);
    expect(logs.filter((l) => l.includes('keeping the last good configuration'))).toHaveLength(3);
  } finally {
    await bot.stop();
    await store.close();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  }
}));
