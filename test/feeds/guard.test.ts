import type { LookupAddress } from 'node:dns';
import { addressRefusal, createAddressGuard } from '../../src/feeds/guard';
import { fetchFeed, type FetchOptions } from '../../src/feeds/fetch';
import { fetchFailure as failure } from '../helpers/fetch-failure';
import { startLoopback, type Loopback } from '../helpers/loopback';

const resolvesTo =
  (table: Record<string, string[]>) =>
  async (hostname: string): Promise<LookupAddress[]> => {
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('addressRefusal: only public unicast passes', () => {
  it.each([
    ['10.0.0.5', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['169.254.10.1', 'a link-local address'],
    ['169.254.169.254', 'a link-local address (cloud metadata)'],
    ['fe80::1', 'a link-local address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['0.0.0.0', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['100.127.255.254', 'a carrier-grade NAT address'],
    ['fc00::1', 'a unique-local address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped IPv6 address'],
    ['::ffff:7f00:1', 'an IPv4-mapped IPv6 address'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped IPv6 address'],
    ['255.255.255.255', 'the broadcast address'],
    ['240.0.0.1', 'a reserved address'],
    ['192.0.2.10', 'a reserved address'],
    ['2001:db8::1', 'a reserved address'],
    ['64:ff9b::a00:1', 'a private address (via NAT64)'],
    // IPv4-compatible (::/96): ipaddr.js calls these unicast, the guard's own table does not.
    ['::127.0.0.1', 'an IPv4-compatible IPv6 address'],
    ['::a9fe:a9fe', 'an IPv4-compatible IPv6 address'],
    ['::8.8.8.8', 'an IPv4-compatible IPv6 address'],
    ['::ffff:0:a9fe:a9fe', 'an IPv4-translated IPv6 address'],
    ['100::1', 'a discard-only address'],
    ['2001::1', 'a Teredo tunnel address'],
    ['2001:2::1', 'a reserved address'],
    ['2002:7f00:1::1', 'a 6to4 tunnel address'],
    ['3fff::1', 'a reserved address'],
    ['5f00::1', 'a reserved address'],
    ['fec0::1', 'a site-local address'],
    ['1::1', 'a reserved address'],
    ['4000::1', 'a reserved address'],
    ['64:ff9b:1::a00:1', 'a local NAT64 address'],
    ['not-an-ip', 'not an IP address'],
  ])('%s is %s', (address, words) => {
    expect(addressRefusal(address)).toBe(words);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '[2a00:1450:4001::1]', '64:ff9b::808:808'])(
    '%s is public',
    (address) => {
      expect(addressRefusal(address)).toBeNull();
    },
  );
});

describe('the guard refuses every spelling of a forbidden host before connecting', () => {
  let guarded: Loopback;
  beforeAll(async () => {
    guarded = await startLoopback((_req, res) => res.end('<rss/>'));
  });
  afterAll(() => guarded.close());
  afterEach(() => {
    // The point of the guard: nothing reached the listener, not even a TCP connection.
    expect(guarded.connections).toBe(0);
    expect(guarded.hits).toBe(0);
  });

  const p = (): number => guarded.port;
  it.each([
    ['dotted', () => `http://127.0.0.1:${p()}/`, '127.0.0.1', 'a loopback address'],
    ['decimal', () => `http://2130706433:${p()}/`, '127.0.0.1', 'a loopback address'],
    ['octal', () => `http://0177.0.0.1:${p()}/`, '127.0.0.1', 'a loopback address'],
    ['hex', () => `http://0x7f.1:${p()}/`, '127.0.0.1', 'a loopback address'],
    ['whole hex', () => `http://0x7f000001:${p()}/`, '127.0.0.1', 'a loopback address'],
    ['short', () => `http://127.1:${p()}/`, '127.0.0.1', 'a loopback address'],
    ['IPv4-mapped dotted', () => `http://[::ffff:127.0.0.1]:${p()}/`, '[::ffff:7f00:1]', 'an IPv4-mapped IPv6 address'],
    ['IPv4-mapped hex', () => `http://[::ffff:7f00:1]:${p()}/`, '[::ffff:7f00:1]', 'an IPv4-mapped IPv6 address'],
    ['IPv6 loopback', () => `http://[::1]:${p()}/`, '[::1]', 'a loopback address'],
    ['IPv6 loopback, long form', () => `http://[0:0:0:0:0:0:0:1]:${p()}/`, '[::1]', 'a loopback address'],
    ['unspecified (reaches this host on Linux)', () => `http://0.0.0.0:${p()}/`, '0.0.0.0', 'an unspecified address'],
    ['unspecified, one number', () => `http://0:${p()}/`, '0.0.0.0', 'an unspecified address'],
    ['IPv6 unspecified', () => `http://[::]:${p()}/`, '[::]', 'an unspecified address'],
    ['https, too', () => `https://127.0.0.1:${p()}/`, '127.0.0.1', 'a loopback address'],
  ])('%s', async (_name, url, shown, words) => {
    const err = await failure(fetchFeed(url()));
    expect(err.kind).toBe('blocked');
    expect(err.message).toBe(`refused: ${shown} is ${words} (set allowHosts to permit it)`);
  });

  it.each([
    ['http://10.0.0.5/feed', '10.0.0.5 is a private address'],
    ['http://172.16.4.4/feed', '172.16.4.4 is a private address'],
    ['http://192.168.0.1/feed', '192.168.0.1 is a private address'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (cloud metadata)'],
    ['http://100.64.1.1/', '100.64.1.1 is a carrier-grade NAT address'],
    ['http://[fe80::1]/', '[fe80::1] is a link-local address'],
    ['http://[fd00::1]/', '[fd00::1] is a unique-local address'],
    ['http://224.0.0.251/', '224.0.0.251 is a multicast address'],
    ['http://[ff02::1]/', '[ff02::1] is a multicast address'],
    ['http://255.255.255.255/', '255.255.255.255 is the broadcast address'],
    ['http://240.1.2.3/', '240.1.2.3 is a reserved address'],
    ['http://012.0.0.5/', '10.0.0.5 is a private address'],
    ['http://3232235521/', '192.168.0.1 is a private address'],
  ])('%s', async (url, words) => {
    const err = await failure(fetchFeed(url));
    expect(err.kind).toBe('blocked');
    expect(err.message).toBe(`refused: ${words} (set allowHosts to permit it)`);
  });

  it('judges a name by what it resolves to (DNS rebinding finds nothing to connect to)', async () => {
    const lookup = resolvesTo({ 'feeds.rebind.test': ['127.0.0.1'] });
    const err = await failure(fetchFeed(`http://feeds.rebind.test:${p()}/feed`, { lookup }));
    expect(err.kind).toBe('blocked');
    expect(err.message).toBe('refused: feeds.rebind.test resolves to 127.0.0.1, a loopback address (set allowHosts to permit it)');
  });

  it('skips forbidden addresses among a name’s answers, and refuses when none is left', async () => {
    const lookup = resolvesTo({ 'mixed.test': ['10.1.1.1', '::1', '127.0.0.1'] });
    const err = await failure(fetchFeed(`http://mixed.test:${p()}/feed`, { lookup }));
    expect(err.message).toMatch(/^refused: mixed\.test resolves to 10\.1\.1\.1, a private address/);
  });

  it('refuses localhost through the system resolver', async () => {
    const err = await failure(fetchFeed(`http://localhost:${p()}/feed`));
    expect(err.kind).toBe('blocked');
    expect(err.message).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|\[::1\]), a loopback address/);
  });
});

describe('allowHosts opens chosen hosts, and only those', () => {
  let open: Loopback;
  let guarded: Loopback;
  let guarded6: Loopback;
  beforeAll(async () => {
    guarded = await startLoopback((_req, res) => res.end('<rss/>'), '127.0.0.2');
    guarded6 = await startLoopback((_req, res) => res.end('<rss/>'), '::1');
    open = await startLoopback((req, res) => {
      const to = /^\/to\?(.+)$/.exec(req.url ?? '');
      if (to) {
        res.writeHead(302, { location: decodeURIComponent(to[1]) });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss version="2.0"><channel><title>Open</title></channel></rss>');
    });
  });
  afterAll(async () => {
    await Promise.all([open.close(), guarded.close(), guarded6.close()]);
  });

  const allowed: FetchOptions = { allowHosts: ['127.0.0.1'] };

  it('fetches from an allowlisted address', async () => {
    const res = await fetchFeed(`${open.origin}/feed`, allowed);
    expect(res.kind).toBe('ok');
  });

  it('a listed name opens its private addresses (the guard\'s lookup hands them to the socket)', async () => {
    const guard = createAddressGuard({ enabled: true, allowHosts: ['*.internal.test'], lookup: resolvesTo({ 'feeds.internal.test': ['10.1.2.3', 'fd00::7'] }) });
    const got = await new Promise<unknown>((ok) => guard.lookup('feeds.internal.test', { all: true }, (err, addrs) => ok(err ?? addrs)));
    expect(got).toEqual([{ address: '10.1.2.3', family: 4 }, { address: 'fd00::7', family: 6 }]);
  });

  it.each([
    ['loopback', '127.0.0.1', 'feeds.internal.test resolves to 127.0.0.1, a loopback address'],
    ['cloud metadata', '169.254.169.254', 'feeds.internal.test resolves to 169.254.169.254, a link-local address (cloud metadata)'],
    ['loopback, IPv4-mapped', '::ffff:127.0.0.1', 'feeds.internal.test resolves to [::ffff:127.0.0.1], an IPv4-mapped IPv6 address'],
    ['the unspecified address', '0.0.0.0', 'feeds.internal.test resolves to 0.0.0.0, an unspecified address'],
  ])('a listed name never opens %s', async (_name, address, subject) => {
    const lookup = resolvesTo({ 'feeds.internal.test': [address] });
    const before = open.connections;
    const err = await failure(fetchFeed(`http://feeds.internal.test:${open.port}/feed`, { allowHosts: ['*.internal.test'], lookup }));
    expect(err.kind).toBe('blocked');
    expect(err.message).toBe(`refused: ${subject} (a listed name never opens loopback or link-local addresses; list the address to permit it)`);
    expect(open.connections).toBe(before);
  });

  it('a listed name reaches loopback when the address is listed too', async () => {
    const lookup = resolvesTo({ 'feeds.internal.test': ['127.0.0.1'] });
    const res = await fetchFeed(`http://feeds.internal.test:${open.port}/feed`, { allowHosts: ['*.internal.test', `127.0.0.1:${open.port}`], lookup });
    expect(res.kind).toBe('ok');
  });

  it('an entry with a port opens that port only', async () => {
    const other = await startLoopback((_req, res) => res.end('<rss/>'));
    try {
      const only = { allowHosts: [`127.0.0.1:${open.port}`] };
      expect((await fetchFeed(`${open.origin}/feed`, only)).kind).toBe('ok');
      const err = await failure(fetchFeed(`${other.origin}/feed`, only));
      expect(err.message).toBe('refused: 127.0.0.1 is a loopback address (set allowHosts to permit it)');
      // Nor by a redirect from the open port, nor through a name that resolves there.
      const hop = await failure(fetchFeed(`${open.origin}/to?${encodeURIComponent(`${other.origin}/feed`)}`, only));
      expect(hop.kind).toBe('blocked');
      const named = await failure(fetchFeed(`http://feeds.internal.test:${other.port}/feed`, { allowHosts: [`feeds.internal.test:${open.port}`, `127.0.0.1:${open.port}`], lookup: resolvesTo({ 'feeds.internal.test': ['127.0.0.1'] }) }));
      expect(named.kind).toBe('blocked');
      expect(other.connections).toBe(0);
      // IPv6 with brackets, and a name with a port, read the same way.
      expect((await fetchFeed(`${guarded6.origin}/feed`, { allowHosts: [`[::1]:${guarded6.port}`] })).kind).toBe('ok');
    } finally {
      await other.close();
    }
  });

  it('fetches from an allowlisted range', async () => {
    const res = await fetchFeed(`${guarded.origin}/feed`, { allowHosts: ['127.0.0.0/30'] });
    expect(res.kind).toBe('ok');
    expect(guarded.hits).toBe(1);
  });

  it('lets anything through when the guard is turned off', async () => {
    const before = guarded6.hits;
    const res = await fetchFeed(`${guarded6.origin}/feed`, { guard: false });
    expect(res.kind).toBe('ok');
    expect(guarded6.hits).toBe(before + 1);
  });

  describe('a redirect from an allowlisted server to one that is not', () => {
    let hitsBefore: number;
    let hits6Before: number;
    beforeEach(() => {
      hitsBefore = guarded.connections;
      hits6Before = guarded6.connections;
    });
    afterEach(() => {
      // Neither a request nor a connection reached the guarded listeners.
      expect(guarded.connections).toBe(hitsBefore);
      expect(guarded6.connections).toBe(hits6Before);
    });

    const via = (target: string): string => `${open.origin}/to?${encodeURIComponent(target)}`;
    it.each([
      ['dotted', () => `http://127.0.0.2:${guarded.port}/feed`, '127.0.0.2', 'a loopback address'],
      ['decimal', () => `http://2130706434:${guarded.port}/feed`, '127.0.0.2', 'a loopback address'],
      ['hex', () => `http://0x7f000002:${guarded.port}/feed`, '127.0.0.2', 'a loopback address'],
      ['octal', () => `http://0177.0.0.2:${guarded.port}/feed`, '127.0.0.2', 'a loopback address'],
      ['short', () => `http://127.2:${guarded.port}/feed`, '127.0.0.2', 'a loopback address'],
      ['IPv6 brackets', () => `http://[::1]:${guarded6.port}/feed`, '[::1]', 'a loopback address'],
      ['IPv4-mapped', () => `http://[::ffff:127.0.0.2]:${guarded.port}/feed`, '[::ffff:7f00:2]', 'an IPv4-mapped IPv6 address'],
      ['IPv4-compatible', () => `http://[::127.0.0.2]:${guarded.port}/feed`, '[::7f00:2]', 'an IPv4-compatible IPv6 address'],
      ['IPv4-compatible metadata', () => `http://[::a9fe:a9fe]/latest/meta-data/`, '[::a9fe:a9fe]', 'an IPv4-compatible IPv6 address'],
    ])('%s', async (_name, target, shown, words) => {
      const err = await failure(fetchFeed(via(target()), allowed));
      expect(err.kind).toBe('blocked');
      expect(err.message).toBe(`refused: ${shown} is ${words} (set allowHosts to permit it)`);
    });

    it('a name that resolves to the guarded listener', async () => {
      const lookup = resolvesTo({ 'evil.test': ['127.0.0.2'] });
      const err = await failure(fetchFeed(via(`http://evil.test:${guarded.port}/feed`), { ...allowed, lookup }));
      expect(err.message).toBe('refused: evil.test resolves to 127.0.0.2, a loopback address (set allowHosts to permit it)');
    });

    it('a non-http scheme', async () => {
      const err = await failure(fetchFeed(via('file:///etc/passwd'), allowed));
      expect(err.message).toBe('refused: only http and https URLs can be fetched, not file: file:///etc/passwd');
    });
  });
});
