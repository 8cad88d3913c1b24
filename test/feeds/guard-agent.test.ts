import { lookup as dnsLookup } from 'node:dns';
import { request } from 'undici';
import { createAddressGuard, type AddressGuard } from '../../src/feeds/guard';
import { AgentPool, createGuardedAgent } from '../../src/feeds/http-agent';
import { fetchFeed } from '../../src/feeds/fetch';
import { FetchError } from '../../src/feeds/http-error';
import { startLoopback, type Loopback } from '../helpers/loopback';

// The agent's last check judges the peer a socket actually reached. Here the earlier checks are
// switched off on purpose (a resolver that lies past the filter), to show the last one holds alone.
describe('the guarded agent judges the address it connected to', () => {
  let guarded: Loopback;
  beforeAll(async () => {
    guarded = await startLoopback((_req, res) => res.end('<rss/>'), '127.0.0.2');
  });
  afterAll(() => guarded.close());

  it('drops the socket before a request is written', async () => {
    const real = createAddressGuard({ enabled: true, allowHosts: [] });
    const leaky: AddressGuard = { checkHost: () => null, lookup: dnsLookup, lookupFor: () => dnsLookup, checkConnected: real.checkConnected };
    const agent = createGuardedAgent(leaky, { connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 });
    try {
      const err: unknown = await request(`${guarded.origin}/feed`, { dispatcher: agent }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(FetchError);
      expect((err as FetchError).message).toBe('refused: 127.0.0.2 is a loopback address (set allowHosts to permit it)');
      expect(guarded.hits).toBe(0);
    } finally {
      await agent.destroy();
    }
  });
});

// A bot keeps its agents across fetches: a host's feeds are fetched over the connections already open
// to it, and a guard is shared only by fetches that would have made the same one.
describe('a pool of guarded agents', () => {
  let host: Loopback;
  beforeAll(async () => {
    host = await startLoopback((_req, res) => { res.setHeader('content-type', 'application/rss+xml'); res.end('<rss version="2.0"><channel><title>t</title></channel></rss>'); });
  });
  afterAll(() => host.close());

  it('fetches one host\'s feeds over the connections it has open, and still refuses what its own guard refuses', async () => {
    const agents = new AgentPool();
    try {
      const before = host.connections;
      for (let i = 0; i < 20; i++) {
        const r = await fetchFeed(`${host.origin}/feed/${i}`, { allowHosts: ['127.0.0.1'], agents });
        expect(r.kind).toBe('ok');
      }
      // One after another: the connections already open, not one for each of the twenty (undici may open
      // a second while the first is handing back its last response).
      expect(host.connections - before).toBeLessThanOrEqual(2);
      // Without the allow-list entry the same host is refused: that fetch's guard is not the pooled one.
      const refused = await fetchFeed(`${host.origin}/feed/x`, { agents }).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(FetchError);
      expect((refused as FetchError).message).toMatch(/loopback address/);
      expect(host.requests.filter((r) => r.path === '/feed/x')).toHaveLength(0);
    } finally {
      await agents.close();
    }
  });

  it('without a pool, each fetch opens and closes its own connection', async () => {
    const before = host.connections;
    for (let i = 0; i < 3; i++) await fetchFeed(`${host.origin}/feed/solo-${i}`, { allowHosts: ['127.0.0.1'] });
    expect(host.connections - before).toBe(3);
  });
});
