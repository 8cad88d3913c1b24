// Slack and Discord down for "ten minutes" (answering 500, or hanging up): the digests wait in the
// outbox and go out once, in order, when the platform is back. Time is a fake clock the outbox's
// sleep advances; the platforms are real HTTP stand-ins on 127.0.0.1.
import { silentLogger } from '../../src/log';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../../src/store/types';
import { describeEachStore } from '../helpers/stores';
import { Outbox } from '../../src/chat/outbox';
import { destinationFor, outboxDeliver } from '../../src/chat/deliver';
import { runDigest } from '../../src/scheduler';
import { Ledger } from '../../src/ledger';
import type { SubscriptionConfig } from '../../src/config';
import type { Article, Fact } from '../../src/types';
import { configFor, depsFor, MINUTE } from './world';

const START = Date.parse('2026-11-20T12:00:00Z');

interface Platform { url: string; kept: string[]; attempts: number; close(): Promise<void> }

/** Answers `failure` (a status, or 'hang-up') while `down()` says so, then like the platform. */
async function platform(kind: 'slack' | 'discord', down: () => boolean, failure: number | 'hang-up'): Promise<Platform> {
  const p: Platform = { url: '', kept: [], attempts: 0, close: async () => undefined };
  const read = async (req: IncomingMessage): Promise<string> => { const c: Buffer[] = []; for await (const x of req) c.push(x as Buffer); return Buffer.concat(c).toString('utf8'); };
  const server = createServer((req, res) => {
    void read(req).then((raw) => {
      p.attempts++;
      if (down()) {
        if (failure === 'hang-up') { req.socket.destroy(); return; }
        res.writeHead(failure, { 'content-type': 'application/json' });
        res.end(kind === 'slack' ? '{"ok":false,"error":"internal_error"}' : '{"message":"server error"}');
        return;
      }
      const text = kind === 'slack' ? [...new URLSearchParams(raw).values()].join('\n') : raw;
      p.kept.push(text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(kind === 'slack' ? { ok: true, ts: `1.${p.kept.length}` } : { id: String(p.kept.length), channel_id: '42' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  p.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  p.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return p;
}

const article = (n: number): Article => ({
  id: `art-${n}`, title: `Story ${n}`, url: `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`, source: `Outage Wire ${n}`,
  feed: 'x', published: new Date(START).toISOString(), summary: '', text: '', duplicates: [],
});
const fact = (a: Article, n: number): Fact => ({
  company: 'MiniMax', metric: (['round_size', 'valuation', 'revenue'] as const)[n - 1], amount: { value: n * 1e8, currency: 'USD', usd: n * 1e8, low: n * 1e8, high: null, approx: false },
  when: 'current', status: 'reported', articleId: a.id, source: a.source, url: a.url, quote: `MiniMax raised money, marker digest${n}marker.`, published: a.published,
});

describeEachStore('chat outages', ({ place }) => describe.each([
  ['Slack', 500, 'slack'],
  ['Discord', 503, 'discord'],
  ['Slack', 'hang-up', 'slack'],
] as const)('%s answering %s for ten minutes', (_name, failure, kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await place().open();
  });

  it('digests wait in the outbox and go out once, in order, after recovery', async () => {
    let clock = START;
    const recoverAt = START + 10 * MINUTE;
    const chat = await platform(kind, () => clock < recoverAt, failure);
    try {
      const config = configFor('http://127.0.0.1:1/feed.xml');
      const sub: SubscriptionConfig = { ...config.subscriptions[0], platform: kind, channel: '42' };
      const secrets = { ...config.secrets, slackBotToken: 'xoxb-test', discordToken: 'discord-test' };
      const outbox = new Outbox(store, [], { owner: 'hardening', now: () => clock, sleep: async (ms) => { clock += ms; }, backoffMs: 1000, retries: 3, log: silentLogger() });
      const deliver = outboxDeliver(outbox, (s) => destinationFor(s, secrets, { slackApiUrl: `${chat.url}/api/`, discordApi: chat.url }));
      const deps = depsFor(store, { ...config, subscriptions: [sub] }, deliver);
      const ledger = new Ledger(store, config.watch);

      // A digest every 3 minutes during the outage, each about one new story; a drain every minute.
      for (let n = 1; n <= 3; n++) {
        const a = article(n);
        await ledger.record({ articles: [a], facts: [fact(a, n)], events: [] }, new Date(clock));
        clock += MINUTE;
        expect((await runDigest(deps, sub, new Date(clock))).status).toBe('posted');
        clock += 2 * MINUTE;
        await outbox.drain();
      }
      expect(chat.kept).toEqual([]);
      expect(chat.attempts).toBeGreaterThan(0);
      // Each digest: its headline and the thread reply with its sources.
      expect((await outbox.pending()).map((r) => r.state)).toEqual(Array(6).fill('pending'));

      while (clock < recoverAt + MINUTE) {
        clock += MINUTE;
        await outbox.drain();
      }
      await outbox.drain();
      // (A Discord thread is opened by a request of its own, which carries no marker.)
      const order = chat.kept.map((m) => /digest(\d)marker/.exec(m)?.[1]).filter(Boolean);
      expect(order).toEqual(['1', '1', '2', '2', '3', '3']);
      expect(await outbox.pending()).toEqual([]);
    } finally {
      await chat.close();
    }
  }, 20_000);
}));
