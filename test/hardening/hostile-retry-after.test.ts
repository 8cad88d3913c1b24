// A feed that answers 503 with a Retry-After no clock can hold must be that feed's failure only:
// every other feed is read and settled, and the hostile one waits a day and counts a failure.
import { memoryLogger } from '../../src/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { Bot, pollOnce, readFeedState } from '../../src/scheduler';
import { MAX_RETRY_AFTER_MS } from '../../src/feeds/retry-after';
import { startFeedServer, type FeedServer } from '../scheduler/feed-server';
import { depsFor } from './world';

const NOW = new Date('2026-11-20T12:00:00Z');
const MINUTE = 60_000;

describe('a hostile Retry-After', () => {
  let dir: string;
  let server: FeedServer;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-retry-'));
    server = await startFeedServer();
    store = await openStore({ path: join(dir, 's.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = () => parseConfig([
    `feeds:\n  - url: ${server.url('/good.xml')}\n    interval: 30m\n  - url: ${server.url('/hostile.xml')}\n    interval: 30m`,
    'watch: ["Moonshot AI|Kimi maker"]',
    'allowHosts: [127.0.0.1]',
    'polling:\n  jitter: 0s',
  ].join('\n'), 'retry.yml', {});

  it.each([
    ['twenty digits of seconds', '99999999999999999999'],
    ['a date in the year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
  ])('%s: the good feed is read and settled, the hostile one waits a day and counts a failure', async (_name, retryAfter) => {
    server.setItems('/good.xml', [{ id: 'g1', title: 'Kimi maker Moonshot AI raises $1 billion', published: NOW }]);
    server.failWith('/hostile.xml', 503, retryAfter);
    const { log: logger, lines: log } = memoryLogger();
    const bot = new Bot({ ...depsFor(store, config(), async () => undefined, { log: logger }), config: config(), configFile: null });
    const report = await bot.pollOnce(NOW);
    expect(report.polled.map((p) => p.status).sort()).toEqual(['failed', 'ok']);
    expect(report.newItems).toBe(1);
    expect(log.join('\n')).not.toMatch(/stopped|Invalid time value/);

    const good = await readFeedState(store, server.url('/good.xml'));
    // Next due on its own slot within the interval: between half an interval and one and a half away.
    const wait = Date.parse(good.nextPollAt!) - NOW.getTime();
    expect(wait).toBeGreaterThan(15 * MINUTE);
    expect(wait).toBeLessThanOrEqual(45 * MINUTE);
    const hostile = await readFeedState(store, server.url('/hostile.xml'));
    expect(hostile.failures).toBe(1);
    expect(hostile.nextPollAt).toBe(new Date(NOW.getTime() + MAX_RETRY_AFTER_MS).toISOString());

    // A minute later nothing is due: neither feed is fetched again.
    const before = server.requests.length;
    const next = await pollOnce(depsFor(store, config(), async () => undefined), new Date(NOW.getTime() + MINUTE));
    expect(next.polled).toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});
