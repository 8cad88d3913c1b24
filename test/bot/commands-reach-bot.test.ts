// Admin commands from chat must reach the jobs of a running bot, not just the store.
import { silentLogger } from '../../src/log';
import { runText } from '../../src/commands/dispatch';
import { commandDeps } from '../../src/commands/deps';
import { digestTrigger } from '../../src/commands/digest-trigger';
import type { Actor, Place } from '../../src/commands/types';
import { Bot } from '../../src/scheduler';
import type { SubscriptionConfig } from '../../src/config';
import type { DigestInput } from '../../src/types';
import { testConfig, tempStore, type TempStore } from '../commands/fixtures';
import { feedServer, SAMPLE_RSS, type FeedServer } from '../commands/feed-server';

const admin: Actor = { platform: 'slack', userId: 'UADMIN' };
const place: Place = { platform: 'slack', channel: 'C0DIGEST' };

describe('chat changes reach the running bot', () => {
  let t: TempStore;
  let srv: FeedServer;
  beforeEach(async () => {
    t = await tempStore();
    srv = await feedServer({ '/feed.xml': { body: SAMPLE_RSS } });
  });
  afterEach(async () => { await srv.close(); await t.cleanup(); });

  it('a feed added and a channel subscribed from chat are polled and served, also after a restart', async () => {
    const delivered: { sub: SubscriptionConfig; input: DigestInput }[] = [];
    const makeBot = (store = t.store): Bot => new Bot({
      config: testConfig({ feeds: [], subscriptions: [] }), configFile: null, store, log: silentLogger(),
      deliver: async (sub, input) => { delivered.push({ sub, input }); }, notifyAdmin: async () => undefined,
    });
    const bot = makeBot();
    await bot.refresh();
    const deps = commandDeps(bot.store, () => bot.baseConfig(), { onChange: () => bot.refresh(), digest: digestTrigger(bot) });

    expect((await runText(`feeds add ${srv.url('/feed.xml')}`, admin, place, deps)).kind).toBe('answer');
    expect((await runText('digest here', admin, place, deps)).kind).toBe('answer');
    expect(bot.config().feeds.map((f) => f.url)).toEqual([srv.url('/feed.xml')]);
    expect(bot.config().subscriptions.map((s) => s.channel)).toEqual(['C0DIGEST']);

    const report = await bot.pollOnce();
    expect(report.polled.map((p) => p.url)).toEqual([srv.url('/feed.xml')]);
    await bot.stop();

    // A new process on the same store file starts with the chat changes applied.
    const again = makeBot(await t.reopen());
    await again.refresh();
    expect(again.config().feeds.map((f) => f.url)).toEqual([srv.url('/feed.xml')]);
    expect(again.config().subscriptions.map((s) => s.channel)).toEqual(['C0DIGEST']);
    await again.stop();
  });
});
