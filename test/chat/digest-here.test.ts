// `digest here` asks the platform whether the bot can post in the channel, and says so at once.
import { slackCanPost } from '../../src/chat/slack-commands';
import { discordCanPost } from '../../src/chat/discord-commands';
import { slackClient } from '../../src/chat/slack';
import { digestCommand } from '../../src/commands/admin';
import { depsFor, tempStore } from '../commands/fixtures';
import { slackStandIn } from './standins';

it('asks Slack (conversations.info) whether the bot can post in the channel', async () => {
  const api = await slackStandIn();
  try {
    const client = slackClient('xoxb-test', `${api.url}/api/`);
    expect(await slackCanPost(client, 'C0PUBLIC')).toBeNull();
    expect(await slackCanPost(client, 'G0PRIVATE')).toMatch(/^I cannot see this channel .*\/invite @Moonshot/);
    expect(api.requests.filter((r) => r.path === '/api/conversations.info').map((r) => r.body.channel)).toEqual(['C0PUBLIC', 'G0PRIVATE']);
  } finally {
    await api.close();
  }
});

it("reads Discord's app_permissions for what the bot lacks in the channel", () => {
  const all = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 35n) | (1n << 38n));
  expect(discordCanPost(all)).toBeNull();
  expect(discordCanPost(String((1n << 10n) | (1n << 14n)))).toBe(
    "I am missing Send Messages, Create Public Threads, Send Messages in Threads here; give my role those permissions in this channel's settings.");
});

it('refuses `digest here` at once, changing nothing, where the bot cannot post', async () => {
  const t = await tempStore();
  try {
    const deps = depsFor(t.store);
    const place = { platform: 'discord' as const, channel: '99', canPost: async () => discordCanPost('1024') };
    const answer = await digestCommand({ action: 'here', schedule: null, timezone: null }, place, deps);
    expect(answer.kind).toBe('refused');
    expect(answer.title).toMatch(/^I can't post digests in this channel: I am missing Send Messages/);
    expect(await deps.subscriptions.list()).toEqual([]);
  } finally {
    await t.cleanup();
  }
});
