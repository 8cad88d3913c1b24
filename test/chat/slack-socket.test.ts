// Socket Mode with a bot token and an app token only: Bolt's SocketModeReceiver connects to a local
// stand-in (apps.connections.open, then a WebSocket that says hello), answers /moonshot over the
// socket, and hears the events that make channels undeliverable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '@slack/bolt';
import { createSlackCommandApp, type SlackLifecycle } from '../../src/chat/slack-commands';
import { destinationFor, outboxDeliver, pauseOnSlackLifecycle } from '../../src/chat/deliver';
import { Outbox } from '../../src/chat/outbox';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { conflictingInput } from '../digest/fixtures';
import { depsFor, seedLedger, tempStore, type TempStore } from '../commands/fixtures';
import { slackStandIn, type StandIn } from './standins';

let t: TempStore;
let api: StandIn;
let http: Server;
let wss: WebSocketServer;
let socket: WebSocket | null = null;
const acks: Record<string, unknown>[] = [];
let app: App;
const left: string[] = [];
const gone: string[] = [];
/** What the app does on hearing an event; a test may swap it. */
let on: SlackLifecycle = { onChannelLeft: (c) => { left.push(c); }, onUninstalled: (why) => { gone.push(why); } };

function waitFor<T>(find: () => T | undefined): Promise<T> {
  return new Promise((ok) => {
    const tick = (): void => { const v = find(); if (v !== undefined) ok(v); else setImmediate(tick); };
    tick();
  });
}

beforeAll(async () => {
  t = await tempStore();
  await seedLedger(t.store);
  http = createServer();
  wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (raw) => acks.push(JSON.parse(String(raw)) as Record<string, unknown>));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'standin', approximate_connection_time: 3600 }, connection_info: { app_id: 'A1' } }));
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  api = await slackStandIn();
  api.socketUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/link`;
  app = createSlackCommandApp({
    botToken: 'xoxb-test', appToken: 'xapp-test', slackApiUrl: `${api.url}/api/`, deps: () => depsFor(t.store),
    onChannelLeft: (c) => on.onChannelLeft?.(c), onUninstalled: (why) => on.onUninstalled?.(why),
  });
  await app.start();
});

afterAll(async () => {
  await app.stop();
  wss.close();
  http.closeAllConnections();
  await new Promise((ok) => http.close(ok));
  await api.close();
  await t.cleanup();
});

it('starts with SLACK_BOT_TOKEN and SLACK_APP_TOKEN only, and answers /moonshot over the socket', async () => {
  expect(api.requests.map((r) => r.path)).toContain('/api/apps.connections.open');
  socket!.send(JSON.stringify({
    envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true,
    payload: { command: '/moonshot', text: 'valuation moonshot', user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: `${api.url}/response/1`, trigger_id: '1' },
  }));
  const ack = await waitFor(() => acks.find((a) => a.envelope_id === 'env-1'));
  expect(JSON.stringify(ack.payload)).toMatch(/\$20B \(Series C, Oct 2026, 4 sources agree\)/);
});

it('hears channel_left, app_uninstalled and tokens_revoked', async () => {
  const event = (id: string, e: Record<string, unknown>): void => {
    socket!.send(JSON.stringify({ envelope_id: id, type: 'events_api', accepts_response_payload: false,
      payload: { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: id, event_time: 1, event: e } }));
  };
  event('ev-1', { type: 'channel_left', channel: 'C0FUNDING', actor_id: 'U1', event_ts: '1.1' });
  event('ev-2', { type: 'tokens_revoked', tokens: { bot: ['UBOT'] }, event_ts: '1.2' });
  event('ev-3', { type: 'app_uninstalled', event_ts: '1.3' });
  await waitFor(() => (left.length && gone.length >= 2 ? true : undefined));
  expect(left).toEqual(['C0FUNDING']);
  expect(gone).toEqual(['the Slack bot token was revoked', 'the Slack app was uninstalled from the workspace']);
});

it('stops posting to a channel the bot left, keeps its digest queued, tells the admins, and posts elsewhere as before', async () => {
  const config = parseConfig([
    'watch: ["Moonshot AI"]',
    'subscriptions:',
    '  - id: funding\n    platform: slack\n    channel: C0FUNDING\n    schedule: "0 9 * * *"',
    '  - id: private\n    platform: slack\n    channel: G0PRIVATE\n    schedule: "0 9 * * *"',
    '  - id: news\n    platform: slack\n    channel: C0NEWS\n    schedule: "0 9 * * *"',
  ].join('\n'), 'lifecycle.yml', {});
  const outbox = new Outbox(t.store, [], { log: silentLogger() });
  const told: string[] = [];
  const heard: string[] = [];
  const pauses = pauseOnSlackLifecycle(outbox, () => config.subscriptions, async (text) => { told.push(text); });
  on = { onChannelLeft: async (c) => { await pauses.onChannelLeft(c); heard.push(c); } };
  const event = (id: string, e: Record<string, unknown>): void => {
    socket!.send(JSON.stringify({ envelope_id: id, type: 'events_api', accepts_response_payload: false,
      payload: { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: id, event_time: 1, event: e } }));
  };
  event('ev-10', { type: 'channel_left', channel: 'C0FUNDING', actor_id: 'U1', event_ts: '2.1' });
  event('ev-11', { type: 'group_left', channel: 'G0PRIVATE', actor_id: 'U1', event_ts: '2.2' });
  await waitFor(() => (heard.length === 2 ? true : undefined));
  expect(told.join('\n')).toMatch(/A Slack digest is paused: the bot left channel C0FUNDING\. Their messages stay queued/);
  expect(told.join('\n')).toMatch(/the bot left channel G0PRIVATE/);

  const before = api.posted.length;
  const deliver = outboxDeliver(outbox, (s) => destinationFor(s, { slackBotToken: 'xoxb-test', slackSigningSecret: null, slackAppToken: 'xapp-test', discordToken: null, discordApplicationId: null }, { slackApiUrl: `${api.url}/api/` }));
  for (const sub of config.subscriptions) await deliver(sub, conflictingInput(), 'digest');
  const channels = api.posted.slice(before).map((m) => m.channel);
  expect(new Set(channels)).toEqual(new Set(['C0NEWS']));
  // Nothing was even tried where the bot is gone; those digests wait for the bot to be back.
  expect(api.requests.filter((r) => r.path === '/api/chat.postMessage' && ['C0FUNDING', 'G0PRIVATE'].includes(String(r.body.channel)))).toEqual([]);
  expect((await outbox.pending('sub:funding')).length).toBeGreaterThan(0);
  await outbox.resume('sub:funding');
  await outbox.drain();
  expect(api.posted.slice(before).map((m) => m.channel)).toContain('C0FUNDING');
});

it('refuses to build the HTTP endpoint without a signing secret, saying what to set', () => {
  expect(() => createSlackCommandApp({ botToken: 'xoxb-test', deps: () => depsFor(t.store) })).toThrow(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/);
});
