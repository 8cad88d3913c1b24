import { runText } from '../../src/commands/dispatch';
import { replyText } from '../../src/commands/format';
import { applyOverlay } from '../../src/scheduler/overlay';
import { commandDeps } from '../../src/commands/deps';
import { digestTrigger } from '../../src/commands/digest-trigger';
import type { Actor, Place } from '../../src/commands/types';
import { depsFor, testConfig, tempStore, type TempStore } from './fixtures';
import { feedServer, SAMPLE_OPML, SAMPLE_RSS, type FeedServer } from './feed-server';

const slackPlace: Place = { platform: 'slack', channel: 'C0DIGEST' };
const configAdmin: Actor = { platform: 'slack', userId: 'UADMIN' };

describe('admin commands', () => {
  let t: TempStore;
  let srv: FeedServer;
  beforeEach(async () => {
    t = await tempStore();
    srv = await feedServer({
      '/feed.xml': { body: SAMPLE_RSS },
      '/page.html': { type: 'text/html', body: '<!doctype html><html><head><title>Blog</title></head><body>hello</body></html>' },
      '/feeds.opml': { type: 'text/x-opml', body: SAMPLE_OPML },
    });
  });
  afterEach(async () => { await srv.close(); await t.cleanup(); });

  it('are refused to anyone else, on Slack and on Discord, and change nothing', async () => {
    const deps = depsFor(t.store);
    const slackUser: Actor = { platform: 'slack', userId: 'UPLAIN', workspaceAdmin: async () => false };
    const r = await runText(`feeds add ${srv.url('/feed.xml')}`, slackUser, slackPlace, deps);
    expect(r.kind).toBe('refused');
    expect(r.title).toMatch(/Only Moonshot admins/);
    const discordMember: Actor = { platform: 'discord', userId: '42', permissions: String(0x400 | 0x800) };
    const d = await runText('watch add "Mistral AI|Mistral"', discordMember, { platform: 'discord', channel: '9' }, deps);
    expect(d.kind).toBe('refused');
    expect(d.title).toMatch(/Manage Server/);
    expect(await t.store.keys('admin:')).toEqual([]);
  });

  it('are allowed to config admins, workspace admins and Discord Manage Server', async () => {
    const deps = depsFor(t.store);
    expect((await runText('watch list', configAdmin, slackPlace, deps)).kind).toBe('answer');
    expect((await runText('watch list', { platform: 'slack', userId: 'UOWNER', workspaceAdmin: async () => true }, slackPlace, deps)).kind).toBe('answer');
    expect((await runText('watch list', { platform: 'discord', userId: '1', permissions: String(0x20) }, slackPlace, deps)).kind).toBe('answer');
  });

  it('feeds add of a broken URL answers the reason and stores nothing', async () => {
    const deps = depsFor(t.store);
    const missing = await runText(`feeds add ${srv.url('/gone.xml')}`, configAdmin, slackPlace, deps);
    expect(missing.kind).toBe('error');
    expect(missing.title).toMatch(/Could not add .*gone\.xml: .*404.*Nothing was added/);
    const html = await runText(`feeds add ${srv.url('/page.html')}`, configAdmin, slackPlace, deps);
    expect(html.kind).toBe('error');
    expect(html.title).toMatch(/Nothing was added/);
    expect(await t.store.keys('admin:')).toEqual([]);
    expect(replyText(await runText('feeds list', configAdmin, slackPlace, deps))).toMatch(/No feeds yet/);
  });

  it('feeds add reads the feed once and says what it read', async () => {
    const r = await runText(`feeds add ${srv.url('/feed.xml')} every 1h`, configAdmin, slackPlace, depsFor(t.store));
    expect(r.kind).toBe('answer');
    const text = replyText(r);
    expect(text).toMatch(/Added Test Funding Wire, polled every 1h/);
    expect(text).toMatch(/RSS · 2 items/);
    expect(text).toMatch(/figures? found|No funding figures found/);
  });

  it('feeds test reads without adding', async () => {
    const r = await runText(`feeds test ${srv.url('/feed.xml')}`, configAdmin, slackPlace, depsFor(t.store));
    expect(replyText(r)).toMatch(/nothing was added/);
    expect(await t.store.keys('admin:')).toEqual([]);
  });

  it('changes survive a restart: a new store on the same SQLite file sees them, over the config', async () => {
    const config = testConfig({ feeds: [{ url: 'https://config.example/feed.xml', intervalMs: 1_800_000, fetchFullArticle: false, name: null }] });
    const before = depsFor(t.store, config);
    await runText(`feeds add ${srv.url('/feed.xml')}`, configAdmin, slackPlace, before);
    await runText('feeds pause https://config.example/feed.xml', configAdmin, slackPlace, before);
    await runText('watch add "Mistral AI|Mistral"', configAdmin, slackPlace, before);
    await runText('watch remove zhipu', configAdmin, slackPlace, before);
    await runText('digest here 0 8 * * * Asia/Shanghai', configAdmin, slackPlace, before);
    await t.store.close();

    const store = await t.reopen();
    const after = commandDeps(store, () => config);
    const feeds = replyText(await runText('feeds list', configAdmin, slackPlace, after));
    expect(feeds).toMatch(/Test Funding Wire — http:\/\/127\.0\.0\.1:\d+\/feed\.xml · every 10m · added from chat/);
    expect(feeds).toMatch(/⏸ https:\/\/config\.example\/feed\.xml · every 30m · paused/);
    const watch = replyText(await runText('watch list', configAdmin, slackPlace, after));
    expect(watch).toMatch(/Mistral AI \(also: Mistral\)/);
    expect(watch).not.toMatch(/Zhipu/);
    // The scheduler's view: paused feeds are not polled, the subscription is there.
    const effective = await applyOverlay(config, store);
    expect(effective.feeds.map((f) => f.url)).toEqual([srv.url('/feed.xml')]);
    expect(effective.subscriptions).toContainEqual(expect.objectContaining({ platform: 'slack', channel: 'C0DIGEST', schedule: '0 8 * * *', timezone: 'Asia/Shanghai' }));
    expect(effective.watch.map((w) => w.name)).toEqual(['Moonshot AI', 'MiniMax', 'Mistral AI']);
    // And a company added from chat can be asked about.
    expect(replyText(await runText('valuation mistral', { platform: 'slack', userId: 'U9' }, slackPlace, after))).toMatch(/Mistral AI/);
  });

  it('digest here checks the schedule and the time zone; digest off stops it', async () => {
    const deps = depsFor(t.store);
    expect((await runText('digest here 0 99 * * *', configAdmin, slackPlace, deps)).title).toMatch(/not a cron schedule/);
    expect((await runText('digest here 0 9 * * * Mars/Olympus', configAdmin, slackPlace, deps)).title).toMatch(/not a time zone/);
    expect((await runText('digest here', configAdmin, slackPlace, deps)).title).toMatch(/0 9 \* \* 1-5.*UTC/);
    expect((await runText('digest off', configAdmin, slackPlace, deps)).title).toMatch(/no longer/);
    expect((await runText('digest now', configAdmin, slackPlace, deps)).title).toMatch(/while the bot is running/);
  });

  it('digest filter and digest alerts change what this channel gets, and what is not understood changes nothing', async () => {
    const deps = depsFor(t.store);
    expect((await runText('digest filter min 100M', configAdmin, slackPlace, deps)).title).toMatch(/no digest yet/);
    await runText('digest here', configAdmin, slackPlace, deps);
    expect(replyText(await runText('digest filter min 100M', configAdmin, slackPlace, deps))).toMatch(/Minimum round: \$100M/);
    await runText('digest filter talks off', configAdmin, slackPlace, deps);
    await runText('digest filter exclude Capital Notes', configAdmin, slackPlace, deps);
    await runText('digest filter also min 20M', configAdmin, slackPlace, deps);
    expect(replyText(await runText('digest filter companies kimi maker', configAdmin, slackPlace, deps))).toMatch(/Companies: Moonshot AI/);
    const bad = await runText('digest filter min lots', configAdmin, slackPlace, deps);
    expect(bad.kind).toBe('usage');
    expect(replyText(bad)).toMatch(/"lots" is not an amount/);
    expect((await runText('digest alerts new_round closed', configAdmin, slackPlace, deps)).title).toMatch(/a new round, a round closed after talks/);
    expect((await runText('digest alerts sometimes', configAdmin, slackPlace, deps)).kind).toBe('usage');
    // The scheduler's view of the channel: what was said, and a later `digest here` keeps it.
    await runText('digest here 0 8 * * *', configAdmin, slackPlace, deps);
    const sub = (await applyOverlay(testConfig(), t.store)).subscriptions.find((s) => s.channel === 'C0DIGEST');
    expect(sub).toMatchObject({
      schedule: '0 8 * * *', companies: ['Moonshot AI'], alerts: ['new_round', 'closed'],
      filters: { minRoundUsd: 100e6, includeTalks: false, excludeSources: ['Capital Notes'], alsoRaising: true, alsoRaisingMinUsd: 20e6, metrics: null },
    });
    expect(replyText(await runText('digest filter reset', configAdmin, slackPlace, deps))).toMatch(/Minimum round: none/);
  });

  it('digest now posts the channel\'s digest through the bot\'s digest job', async () => {
    const ran: string[] = [];
    const bot = { digest: async (id: string) => { ran.push(id); return { subscription: id, status: 'nothing-new' as const, input: null }; }, preview: async () => null };
    const deps = { ...depsFor(t.store), digest: digestTrigger(bot) };
    expect((await runText('digest now', configAdmin, slackPlace, deps)).title).toMatch(/no digest yet/);
    await runText('digest here', configAdmin, slackPlace, deps);
    expect((await runText('digest now', configAdmin, slackPlace, deps)).title).toMatch(/Nothing new since the last digest/);
    expect(ran).toEqual(['slack:C0DIGEST']);
  });

  it('feeds import adds every http(s) feed of an OPML file and skips the rest', async () => {
    const r = await runText(`feeds import ${srv.url('/feeds.opml')}`, configAdmin, slackPlace, depsFor(t.store));
    const text = replyText(r);
    expect(text).toMatch(/Imported 2 feeds/);
    expect(text).toMatch(/Skipped 1 entry/);
    const list = replyText(await runText('feeds list', configAdmin, slackPlace, depsFor(t.store)));
    expect(list).toMatch(/https:\/\/two\.example\/rss\?x=1&y=2/);
    const bad = await runText(`feeds import ${srv.url('/feed.xml')}`, configAdmin, slackPlace, depsFor(t.store));
    expect(bad.title).toMatch(/not an OPML file \(it starts with <rss>\)/);
  });

  it('watch and feeds commands on unknown things say so', async () => {
    const deps = depsFor(t.store);
    expect((await runText('watch remove minmax', configAdmin, slackPlace, deps)).title).toMatch(/Did you mean MiniMax\?/);
    expect((await runText('watch add "moonshot"', configAdmin, slackPlace, deps)).title).toMatch(/Moonshot AI is already watched/);
    expect((await runText('feeds remove https://nope.example/x', configAdmin, slackPlace, deps)).title).toMatch(/is not one of the feeds/);
  });
});
