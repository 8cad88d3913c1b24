// Admin notices read as notices, and a conflict alert says once what disagrees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { Outbox } from '../../src/chat/outbox';
import { slackDestination } from '../../src/chat/slack';
import { discordDestination } from '../../src/chat/discord';
import { alertTitle } from '../../src/digest/alert';
import { silentLogger } from '../../src/log';
import { conflictingInput } from '../digest/fixtures';
import { discordStandIn, slackStandIn } from './standins';

it('posts an admin notice as a notice, not as an empty digest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-notice-'));
  const store = await openStore({ path: join(dir, 'm.sqlite') });
  const [slack, discord] = await Promise.all([slackStandIn(), discordStandIn()]);
  try {
    const dests = [
      slackDestination({ channel: 'CADMIN', token: 'xoxb-test', slackApiUrl: `${slack.url}/api/` }),
      discordDestination({ channelId: '4444', token: 'bot', api: `${discord.url}/api` }),
    ];
    const outbox = new Outbox(store, dests, { log: silentLogger() });
    const text = 'The feed https://wire.example/feed.xml failed 10 times in a row and is paused. <!channel>';
    for (const d of dests) await outbox.enqueueMessages(d.id, 'notice-1', d.notice(text));
    expect(await outbox.drain()).toMatchObject({ sent: 2, failed: 0 });
    const s = JSON.stringify(slack.posted[0].blocks);
    expect(s).toContain('Moonshot notice');
    expect(s).toContain('is paused. &lt;!channel&gt;');
    expect(s).not.toMatch(/0 companies|new figures/);
    const d = JSON.stringify(discord.posted[0].embeds);
    expect(d).toContain('Moonshot notice');
    expect(d).not.toMatch(/0 companies|new figures/);
    for (const dest of dests) await dest.close?.();
  } finally {
    await store.close();
    await Promise.all([slack.close(), discord.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
});

it('titles a conflict alert with what disagrees, once', () => {
  const conflicts = conflictingInput().conflicts.map((c) => ({ ...c, roundId: 'r1', date: '2026-05-12' }));
  expect(alertTitle(conflicts, 'Moonshot digest')).toBe("⚠️ Sources disagree on Moonshot AI's May 2026 round");
  expect(alertTitle([{ ...conflicts[0], metric: 'revenue', roundId: undefined }], 'x')).toBe("⚠️ Sources disagree on Moonshot AI's revenue");
  expect(alertTitle([conflicts[0], { ...conflicts[0], company: 'MiniMax' }], 'x')).toBe('⚠️ Sources disagree on Moonshot AI and MiniMax');
});
