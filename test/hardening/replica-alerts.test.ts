// Two bots on one store, each with a connection of its own, read the first reports of one new round
// from different outlets in overlapping polls: the round is alerted once, whichever bot records and
// judges first. Feeds answer when the test says, so the order is the test's, not the clock's.
import { silentLogger } from '../../src/log';
import { parseConfig, type MoonshotConfig } from '../../src/config';
import type { DigestInput } from '../../src/types';
import { Ledger } from '../../src/ledger';
import { pollOnce, type BotDeps } from '../../src/scheduler';
import type { Store } from '../../src/store/types';
import { startLoopback, type Loopback } from '../helpers/loopback';
import { describeEachStore } from '../helpers/stores';

const NOW = new Date();
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

// Written for this test: two outlets on one round.
const STORIES: Record<string, { title: string; body: string }> = {
  '/a-round.xml': { title: 'Fernhollow Labs raises $140 million', body: 'Fernhollow Labs has raised $140 million in a Series B round led by Example Partners, the start-up said on Monday.' },
  '/b-round.xml': { title: 'Fernhollow Labs lands $140M Series B', body: 'The robotics company Fernhollow Labs said it closed a $140 million Series B led by Example Partners.' },
};

interface Feeds { server: Loopback; url(path: string): string; release(path: string): void; close(): Promise<void> }

/** Every feed waits for release(path); a round feed then answers its story, the others an empty channel. */
async function feeds(): Promise<Feeds> {
  const waiting = new Map<string, (() => void)[]>();
  const released = new Set<string>();
  const server = await startLoopback((req, res) => {
    const path = req.url ?? '/';
    const answer = (): void => {
      const s = STORIES[path];
      const item = s ? `<item><title>${esc(s.title)}</title><link>${server.origin}/story${path}</link><guid>story${path}</guid><pubDate>${NOW.toUTCString()}</pubDate><description>${esc(s.body)}</description></item>` : '';
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire ${path}</title><link>${server.origin}/</link>${item}</channel></rss>`);
    };
    if (released.has(path)) return answer();
    waiting.set(path, [...(waiting.get(path) ?? []), answer]);
  });
  return {
    server,
    url: (p) => `${server.origin}${p}`,
    release: (p) => { released.add(p); for (const w of waiting.get(p) ?? []) w(); waiting.delete(p); },
    close: () => server.close(),
  };
}

const configFor = (urls: string[]): MoonshotConfig => parseConfig([
  `feeds:\n${urls.map((u) => `  - url: ${u}\n    interval: 10m`).join('\n')}`,
  'watch: ["Fernhollow Labs"]',
  'subscriptions:\n  - id: deals\n    platform: console\n    schedule: "0 0 1 1 *"\n    alerts: [new_round]',
  'allowHosts: [127.0.0.1]',
  'polling:\n  jitter: 0s',
].join('\n'), 'replica-alerts.yml', {});

describeEachStore('alerts from two bots on one store', ({ place }) => {
  let world: Feeds;
  let alerts: { owner: string; title: string }[];
  beforeEach(async () => { world = await feeds(); alerts = []; });
  afterEach(async () => { await world.close(); });

  const deps = (store: Store, owner: string, paths: string[]): BotDeps => ({
    store, owner, config: () => configFor(paths.map(world.url)), random: () => 0, log: silentLogger(), notifyAdmin: async () => undefined,
    deliver: async (_sub, input: DigestInput, kind) => { if (kind === 'alert') alerts.push({ owner, title: input.title }); },
  });
  /** Until the ledger has facts from `n` articles of the company. */
  const recorded = async (store: Store, n: number): Promise<void> => {
    const ledger = new Ledger(store, [{ name: 'Fernhollow Labs', aliases: [] }]);
    while (new Set((await ledger.facts('Fernhollow Labs')).map((f) => f.fact.articleId)).size < n) await new Promise((r) => setTimeout(r, 50));
  };

  it('both record the round before either judges it: one of them alerts it', async () => {
    const [a, b, watch] = [await place().open(), await place().open(), await place().open()];
    const first = pollOnce(deps(a, 'replica-a', ['/a-round.xml', '/a-hold.xml']), NOW);
    const second = pollOnce(deps(b, 'replica-b', ['/b-round.xml', '/b-hold.xml']), new Date(NOW.getTime() + 1000));
    world.release('/a-round.xml');
    world.release('/b-round.xml');
    await recorded(watch, 2);
    world.release('/a-hold.xml');
    world.release('/b-hold.xml');
    await Promise.all([first, second]);
    expect(alerts.map((x) => x.title.split(' · ')[0])).toEqual(['New round: Fernhollow Labs']);
  });

  it('one judges before the other has recorded: the other does not alert it again', async () => {
    const [a, b] = [await place().open(), await place().open()];
    const first = pollOnce(deps(a, 'replica-a', ['/a-round.xml']), NOW);
    world.release('/b-round.xml');
    await pollOnce(deps(b, 'replica-b', ['/b-round.xml']), new Date(NOW.getTime() + 1000));
    expect(alerts).toHaveLength(1);
    world.release('/a-round.xml');
    await first;
    expect(alerts.map((x) => x.owner)).toEqual(['replica-b']);
  });
});
