// `/moonshot` through Bolt's real HTTP receiver: signed requests on a loopback port, the Web API and
// response_url answered by a local stand-in.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import type { App } from '@slack/bolt';
import { createSlackCommandApp } from '../../src/chat/slack-commands';
import { depsFor, seedLedger, tempStore, type TempStore } from '../commands/fixtures';
import { feedServer, SAMPLE_RSS, type FeedServer } from '../commands/feed-server';

const SECRET = 'test-signing-secret';

interface SlackStandIn { url: string; events: EventEmitter; responses: Record<string, unknown>[]; usersInfo: string[]; close(): Promise<void> }

/** Slack's Web API (auth.test, users.info) and the response_url endpoint. */
async function slackStandIn(workspaceAdmins: string[]): Promise<SlackStandIn> {
  const events = new EventEmitter();
  const responses: Record<string, unknown>[] = [];
  const usersInfo: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const json = (body: unknown): void => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.url === '/api/auth.test') return json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
      if (req.url === '/api/users.info') {
        const user = new URLSearchParams(raw).get('user') ?? '';
        usersInfo.push(user);
        return json({ ok: true, user: { id: user, is_admin: workspaceAdmins.includes(user), is_owner: false } });
      }
      if (req.url?.startsWith('/response/')) {
        const body = JSON.parse(raw) as Record<string, unknown>;
        responses.push(body);
        events.emit('response', body);
        return json({ ok: true });
      }
      res.writeHead(404); res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, events, responses, usersInfo, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }) };
}

function sign(body: string, ts: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

function commandBody(text: string, user: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'legacy', team_id: 'T1', team_domain: 'test', channel_id: 'C0CHAN', channel_name: 'funding', user_id: user, user_name: 'someone',
    command: '/moonshot', text, api_app_id: 'A1', response_url: responseUrl, trigger_id: '1.2.3',
  }).toString();
}

describe('Slack /moonshot through Bolt', () => {
  let t: TempStore;
  let api: SlackStandIn;
  let app: App;
  let base: string;
  let n = 0;

  beforeAll(async () => {
    t = await tempStore();
    await seedLedger(t.store);
    api = await slackStandIn(['UWSADMIN']);
    app = createSlackCommandApp({ signingSecret: SECRET, botToken: 'xoxb-test', slackApiUrl: `${api.url}/api/`, deps: () => depsFor(t.store) });
    const server = (await app.start(0)) as unknown as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => { await app.stop(); await api.close(); await t.cleanup(); });

  async function post(body: string, headers: Partial<{ ts: number; sig: string }> = {}): Promise<{ status: number; json: Record<string, unknown> | null }> {
    const ts = headers.ts ?? Math.floor(Date.now() / 1000);
    const res = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': headers.sig ?? sign(body, ts) },
      body,
    });
    const text = await res.text();
    let json: Record<string, unknown> | null = null;
    try { json = text ? (JSON.parse(text) as Record<string, unknown>) : null; } catch { json = null; }
    return { status: res.status, json };
  }
  const responseUrl = (): string => `${api.url}/response/${++n}`;
  const nextResponse = (): Promise<Record<string, unknown>> => new Promise((ok) => api.events.once('response', ok));

  it('answers a question in the acknowledgement, only to the asker', async () => {
    const r = await post(commandBody('valuation kimi maker', 'UANY', responseUrl()));
    expect(r.status).toBe(200);
    expect(r.json?.response_type).toBe('ephemeral');
    expect(String(r.json?.text)).toMatch(/\$20B \(Series C, Oct 2026, 4 sources agree\)/);
    expect(JSON.stringify(r.json?.blocks)).toMatch(/<https:\/\/news\.example\/0\|Pacific Tech Wire, 28 Oct 2026>/);
  });

  it('shows where sources disagree, from the ledger', async () => {
    const r = await post(commandBody('investors moonshot', 'UANY', responseUrl()));
    expect(String(r.json?.text)).toMatch(/Sources disagree on the Series C, Oct 2026:[\s\S]*Sequoia China — 2 sources[\s\S]*Meituan Longzhu — 1 source: Capital Notes/);
  });

  it('posts in the channel when asked to share', async () => {
    const r = await post(commandBody('valuation share', 'UANY', responseUrl()));
    expect(r.json?.response_type).toBe('in_channel');
  });

  it('help and usage carry no raw <…> in text or blocks: Slack would read <url> as a link', async () => {
    for (const text of ['help', 'feeds frobnicate']) {
      const r = await post(commandBody(text, 'UANY', responseUrl()));
      const all = `${String(r.json?.text)}\n${JSON.stringify(r.json?.blocks ?? [])}`;
      expect(all).not.toMatch(/<(url|figure|name|opml-url)>/);
      expect(all).toContain('&lt;url&gt;');
    }
  });

  it('refuses a tampered body, a stale timestamp and a wrong signature with 401', async () => {
    const body = commandBody('valuation', 'UANY', responseUrl());
    const ts = Math.floor(Date.now() / 1000);
    const sig = sign(body, ts);
    expect((await post(body.replace('valuation', 'feeds+list'), { ts, sig })).status).toBe(401);
    const stale = ts - 6 * 60;
    expect((await post(body, { ts: stale, sig: sign(body, stale) })).status).toBe(401);
    expect((await post(body, { ts, sig: sign(body, ts, 'another-secret') })).status).toBe(401);
  });

  it('refuses an admin command to a user who is neither a config admin nor a workspace admin', async () => {
    const answer = nextResponse();
    const r = await post(commandBody('watch add "Mistral AI|Mistral"', 'UPLAIN', responseUrl()));
    expect(r.status).toBe(200);
    const final = r.json && String(r.json.text).match(/Only Moonshot admins/) ? r.json : await answer;
    expect(String(final.text)).toMatch(/Only Moonshot admins/);
    expect(api.usersInfo).toContain('UPLAIN');
    expect(await t.store.keys('admin:watch:')).toEqual([]);
  });

  it('lets a workspace admin (users.info is_admin) run admin commands', async () => {
    const r = await post(commandBody('watch list', 'UWSADMIN', responseUrl()));
    expect(String(r.json?.text)).toMatch(/Watching 3 companies/);
  });

  describe('a slow feed', () => {
    let feeds: FeedServer;
    const order: string[] = [];
    let release: () => void = () => undefined;
    beforeAll(async () => {
      // The feed answers after 5 s, or as soon as the test has seen Slack's acknowledgement.
      const gate = new Promise<void>((ok) => { release = ok; setTimeout(ok, 5000).unref(); });
      feeds = await feedServer({ '/slow.xml': { body: SAMPLE_RSS, delayMs: 1, onServed: () => order.push('feed served') } });
      const handler = feeds.server.listeners('request')[0] as (...a: unknown[]) => void;
      feeds.server.removeAllListeners('request');
      feeds.server.on('request', (req, res) => { order.push('feed requested'); void gate.then(() => handler(req, res)); });
    });
    afterAll(async () => { release(); await feeds.close(); });

    it('is acknowledged before the fetch finishes, and answered through response_url', async () => {
      const answer = nextResponse().then((b) => { order.push('response_url'); return b; });
      const r = await post(commandBody(`feeds add ${feeds.url('/slow.xml')}`, 'UADMIN', responseUrl()));
      order.push('ack');
      expect(r.status).toBe(200);
      expect(String(r.json?.text)).toMatch(/Reading http:\/\/127\.0\.0\.1:\d+\/slow\.xml/);
      release();
      const final = await answer;
      expect(String(final.text)).toMatch(/Added Test Funding Wire/);
      expect(order.indexOf('ack')).toBeLessThan(order.indexOf('feed served'));
      expect(order.indexOf('feed served')).toBeLessThan(order.indexOf('response_url'));
    });
  });
});
