// The duplicate index across the life of a bot: a process started today folds a copy of a story its
// store has held for weeks, and a bot that keeps running forgets stories once they are a month old
// without reading the store's index again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log';
import { parseConfig, type MoonshotConfig } from '../../src/config';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { emptyHeldIndex, pollOnce, type BotDeps, type HeldIndex } from '../../src/scheduler';
import { startFeedServer, type FeedServer } from './feed-server';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = new Date('2026-10-01T12:00:00Z');
const at = (days: number): Date => new Date(T0.getTime() + days * DAY);

// Written for this test: two unrelated stories, each long enough to be compared by its words.
const STORY_A = 'Moonshot AI has agreed a new round of $900 million with a group of sovereign and growth investors, three people familiar with the talks said. '
  + 'The company behind the Kimi chatbot wants the money for data centre capacity in two provinces and for a second research campus in Shanghai. '
  + 'Its earlier backers are expected to keep their share, and the company would not say who set the price or when the money arrives.';
const STORY_B = 'A maker of sensors for wind turbines in Aarhus has taken in $42 million from a climate fund and two pension managers, its founders told local press. '
  + 'The firm sells vibration monitors that warn operators weeks before a gearbox fails, and plans to open an office in Hamburg next spring. '
  + 'Revenue doubled last year, the founders said, though they gave no figure and said the company is not yet profitable.';

describe('the duplicate index over weeks', () => {
  let dir: string;
  let server: FeedServer;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-dupmem-'));
    server = await startFeedServer();
    store = await openStore({ path: join(dir, 'bot.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (): MoonshotConfig => parseConfig([
    'feeds:', ...['/wire.xml', '/other.xml'].map((p) => `  - url: ${server.url(p)}\n    interval: 10m`),
    'watch: ["Moonshot AI|Kimi maker"]',
    'allowHosts: [127.0.0.1]',
    'polling:\n  jitter: 0s',
  ].join('\n'), 'dup.yml', {});
  const deps = (s: Store, duplicates: HeldIndex): BotDeps => ({
    store: s, config, owner: 'test', random: () => 0, duplicates,
    deliver: async () => undefined, notifyAdmin: async () => undefined, log: silentLogger(),
  });

  it('a process started weeks later still folds a copy of a story its store holds', async () => {
    server.setItems('/wire.xml', [{ id: 'a', title: 'Moonshot AI agrees $900 million round', published: new Date(T0.getTime() - HOUR), body: STORY_A }]);
    server.setItems('/other.xml', []);
    expect((await pollOnce(deps(store, emptyHeldIndex()), T0)).newItems).toBe(1);
    await store.close();

    // Another process, 25 days on: its index comes from the file alone.
    store = await openStore({ path: join(dir, 'bot.sqlite') });
    server.setItems('/other.xml', [{ id: 'a-copy', title: 'Kimi maker said to line up $900M', published: at(25), body: STORY_A }]);
    const later = await pollOnce(deps(store, emptyHeldIndex()), new Date(at(25).getTime() + HOUR));
    expect(later.polled.find((p) => p.url.endsWith('/other.xml'))?.status).toBe('ok');
    expect(later.newItems).toBe(0);
  });

  it('a bot that keeps running forgets month-old stories and still folds copies of recent ones', async () => {
    const held = emptyHeldIndex();
    server.setItems('/wire.xml', [{ id: 'a', title: 'Moonshot AI agrees $900 million round', published: new Date(T0.getTime() - HOUR), body: STORY_A }]);
    server.setItems('/other.xml', []);
    await pollOnce(deps(store, held), T0);
    server.setItems('/wire.xml', [{ id: 'b', title: 'Aarhus turbine sensor maker raises $42 million', published: at(20), body: STORY_B }]);
    expect((await pollOnce(deps(store, held), new Date(at(20).getTime() + HOUR))).newItems).toBe(1);
    const index = held.index;
    expect(index?.size).toBe(2);

    // Six weeks after the first story: it is forgotten, the second is not, by the index the bot holds.
    server.setItems('/other.xml', [{ id: 'b-copy', title: 'Wind sensor start-up gets $42M', published: at(42), body: STORY_B }]);
    const weeksOn = await pollOnce(deps(store, held), new Date(at(42).getTime() + HOUR));
    expect(held.index).toBe(index);
    expect(held.index?.size).toBe(1);
    expect(weeksOn.newItems).toBe(0);
  });
});
