import { silentLogger } from '../../src/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import type { Secrets, SubscriptionConfig } from '../../src/config';
import { Outbox } from '../../src/chat/outbox';
import { destinationFor, outboxDeliver } from '../../src/chat/deliver';
import { conflictingInput } from '../digest/fixtures';
import { alertTitle } from '../../src/digest/alert';
import { DEFAULT_DIGEST_FILTER } from '../../src/types';
import { discordStandIn } from './standins';

const sub = (over: Partial<SubscriptionConfig>): SubscriptionConfig => ({
  id: 'funding', platform: 'discord', channel: '3333', webhook: null, schedule: '0 9 * * *', timezone: 'UTC', companies: null, alertOnConflict: false, alerts: ['conflict'], filters: { ...DEFAULT_DIGEST_FILTER }, ...over,
});
const secrets: Secrets = { slackBotToken: null, slackSigningSecret: null, slackAppToken: null, discordToken: 'bot-token', discordApplicationId: null };

it('delivers what the scheduler hands over once per subscription, and prints what has no token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-deliver-'));
  const store = await openStore({ path: join(dir, 'm.sqlite') });
  const discord = await discordStandIn();
  const printed: string[] = [];
  try {
    const outbox = new Outbox(store, [], { log: silentLogger() });
    const deliver = outboxDeliver(outbox, (s) => destinationFor(s, secrets, { discordApi: `${discord.url}/api`, out: (t) => printed.push(t) }));
    await deliver(sub({}), conflictingInput(), 'digest');
    await deliver(sub({}), conflictingInput(), 'digest'); // the same digest again: already posted
    await deliver(sub({ id: 'other-team' }), conflictingInput(), 'digest'); // same channel, another subscription
    const alert = conflictingInput();
    await deliver(sub({ id: 'slack-team', platform: 'slack', channel: 'C1' }), { ...alert, title: alertTitle(alert.conflicts, alert.title) }, 'alert');
    // Two subscriptions, each a headline and its thread of sources.
    expect(discord.posted.filter((m) => m.channel_id === '3333')).toHaveLength(2);
    expect(discord.posted).toHaveLength(4);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain("⚠️ Sources disagree on Moonshot AI's round and lead investor");
    // An alert, not a digest: no moon, no counts.
    expect(printed[0]).not.toMatch(/🌙|new figures/);
  } finally {
    await store.close();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
