import { lookup as dnsLookup } from 'node:dns';
import { request } from 'undici';
import { createAddressGuard, type AddressGuard } from '../../src/feeds/guard';
import { createGuardedAgent } from '../../src/feeds/http-agent';
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
