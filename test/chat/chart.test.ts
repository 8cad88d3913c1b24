// `/moonshot chart`: the PNG reaches Slack (files.uploadV2 through Bolt's client) and Discord (an
// attachment on the interaction's answer, through REST), and decodes to a chart that is not blank.
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import type { App } from '@slack/bolt';
import type { APIInteraction } from 'discord-api-types/v10';
import { createSlackCommandApp } from '../../src/chat/slack-commands';
import { handleDiscordInteraction, restResponder } from '../../src/chat/discord-commands';
import { discordRest } from '../../src/chat/discord';
import { roundsChartPng } from '../../src/chart';
import { depsFor, seedLedger, tempStore, type TempStore } from '../commands/fixtures';
import { discordStandIn, slackStandIn, type StandIn } from './standins';

const SECRET = 'chart-signing-secret';

function expectChart(png: Buffer): void {
  const img = PNG.sync.read(png);
  expect(img.width).toBeGreaterThanOrEqual(400);
  expect(img.height).toBeGreaterThanOrEqual(200);
  const colours = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4 * 7) colours.add(img.data.readUInt32BE(i));
  // A blank image has one colour; axes, labels and points make many.
  expect(colours.size).toBeGreaterThan(5);
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setImmediate(r));
}

let t: TempStore;
beforeAll(async () => { t = await tempStore(); await seedLedger(t.store); });
afterAll(async () => { await t.cleanup(); });

describe('the chart, posted as an image', () => {
  let slack: StandIn;
  let app: App;
  let base: string;
  beforeAll(async () => {
    slack = await slackStandIn();
    app = createSlackCommandApp({ signingSecret: SECRET, botToken: 'xoxb-test', slackApiUrl: `${slack.url}/api/`, deps: () => ({ ...depsFor(t.store), drawChart: roundsChartPng }) });
    const server = (await app.start(0)) as unknown as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => { await app.stop(); await slack.close(); });

  it('uploads the PNG to the Slack channel through files.uploadV2', async () => {
    const body = new URLSearchParams({
      token: 'legacy', team_id: 'T1', channel_id: 'C0CHART', user_id: 'U1', command: '/moonshot', text: 'chart moonshot',
      api_app_id: 'A1', response_url: `${slack.url}/response/1`, trigger_id: '1.2.3',
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(base, {
      method: 'POST', body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('Drawing the chart');
    await until(() => slack.posted.some((p) => 'files' in p));
    const done = slack.posted.find((p) => 'files' in p)!;
    expect(done.channel_id).toBe('C0CHART');
    expect(slack.files).toHaveLength(1);
    expectChart(slack.files[0].data);
    const answer = JSON.stringify(slack.posted.find((p) => String(p.response_url).startsWith('/response/')));
    expect(answer).toMatch(/Moonshot AI: \d+ rounds? over time/);
  });

  it('says at once when it cannot post the chart in the channel', async () => {
    slack.members = new Set(['C0OTHER']);
    const body = new URLSearchParams({ team_id: 'T1', channel_id: 'C0CLOSED', user_id: 'U1', command: '/moonshot', text: 'chart moonshot', response_url: `${slack.url}/response/2`, trigger_id: '1' }).toString();
    const ts = Math.floor(Date.now() / 1000);
    await fetch(base, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` } });
    await until(() => JSON.stringify(slack.posted).includes('not_in_channel'));
    expect(JSON.stringify(slack.posted)).toContain('invite me to this channel');
    slack.members = null;
  });
});

it('attaches the PNG to the Discord answer, shown in its embed', async () => {
  const discord = await discordStandIn();
  const rest = discordRest('bot', `${discord.url}/api`);
  try {
    const interaction = {
      id: 'i1', application_id: 'APP', type: 2, token: 'tok1', version: 1, channel_id: '77', guild_id: 'G1',
      member: { user: { id: 'U7', username: 'someone' }, permissions: '0', roles: [] },
      data: { id: 'cmd', name: 'moonshot', type: 1, options: [{ type: 1, name: 'chart', options: [{ type: 3, name: 'company', value: 'Moonshot AI' }, { type: 5, name: 'share', value: true }] }] },
    } as unknown as APIInteraction;
    await handleDiscordInteraction(interaction, restResponder(rest, 'APP', { id: 'i1', token: 'tok1' }), { deps: () => ({ ...depsFor(t.store), drawChart: roundsChartPng }) });
    const [deferred, edit] = discord.posted;
    expect(deferred).toMatchObject({ interaction: 'callback', type: 5, data: {} });
    expect(edit.interaction).toBe('edit');
    expect(edit.attachments).toEqual([expect.objectContaining({ id: 0, filename: 'moonshot-ai-rounds.png' })]);
    expect((edit.embeds as { image?: { url: string } }[])[0].image).toEqual({ url: 'attachment://moonshot-ai-rounds.png' });
    expect(discord.files.map((f) => f.name)).toEqual(['moonshot-ai-rounds.png']);
    expectChart(discord.files[0].data);
  } finally {
    rest.clearHashSweeper(); rest.clearHandlerSweeper();
    await discord.close();
  }
});
