import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FetchError } from './http-error';

// The address guard keeps a feed URL from reaching inside the network the bot runs in
// (cloud metadata, admin panels, the store). It judges the address actually connected to,
// not the spelling in the URL: names are judged after DNS, literals before connecting.

/** Resolves a host name to all its addresses; dns.lookup by default, injectable for tests. */
export type HostLookup = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardOptions {
  /** Off only for trusted set-ups: every address is then permitted. */
  enabled: boolean;
  /**
   * Host names ("feeds.corp", "*.corp.example"), addresses ("127.0.0.1", "::1") or ranges
   * ("10.1.0.0/16") to permit, each with an optional port ("127.0.0.1:8080", "[::1]:8080",
   * "feeds.corp:8443") that then limits it to that port. A name opens the name's private addresses,
   * never loopback, link-local (cloud metadata) or unspecified ones: those open only by address.
   */
  allowHosts: readonly string[];
  /**
   * When set, the allowlist applies only to connections to this host and port (an article page may
   * use it only on its own feed's host); every other host must be public.
   */
  scope?: { hostname: string; port: number } | null;
  lookup?: HostLookup;
}

export interface AddressGuard {
  /** A refusal for a URL's host before anything is sent: the host as written when it is an IP literal. */
  checkHost(hostname: string, port?: number): FetchError | null;
  /** A refusal for the address a socket actually reached, the last word whatever DNS said. */
  checkConnected(hostname: string, remoteAddress: string | undefined, remotePort?: number): FetchError | null;
  /** A net.connect lookup that drops forbidden addresses, so a name that resolves (or rebinds) inside fails. */
  lookup: LookupFunction;
  /** The same lookup for a connection to `port`, so a port-limited entry opens nothing on other ports. */
  lookupFor(port: number | undefined): LookupFunction;
}

/** One special-purpose range: what to call it, and whether an allowlisted name may reach it. */
interface SpecialRange {
  cidr: string;
  words: string;
  /** False for the ranges only an address entry opens (this host, the link, cloud metadata). */
  byName: boolean;
  /** Ranges that carry an IPv4 address in their last 32 bits: that address is judged instead. */
  embedsV4?: boolean;
}

// Every range that is not public unicast, in the guard's own table (first match wins), so the
// judgement does not hang on how a library names ranges: ipaddr.js, for one, calls ::/96 unicast.
const SPECIAL: readonly SpecialRange[] = [
  { cidr: '169.254.169.254/32', words: 'a link-local address (cloud metadata)', byName: false },
  { cidr: '0.0.0.0/8', words: 'an unspecified address', byName: false },
  { cidr: '10.0.0.0/8', words: 'a private address', byName: true },
  { cidr: '100.64.0.0/10', words: 'a carrier-grade NAT address', byName: true },
  { cidr: '127.0.0.0/8', words: 'a loopback address', byName: false },
  { cidr: '169.254.0.0/16', words: 'a link-local address', byName: false },
  { cidr: '172.16.0.0/12', words: 'a private address', byName: true },
  { cidr: '192.0.0.0/24', words: 'a reserved address', byName: true },
  { cidr: '192.0.2.0/24', words: 'a reserved address', byName: true },
  { cidr: '192.88.99.0/24', words: 'a reserved address', byName: true },
  { cidr: '192.168.0.0/16', words: 'a private address', byName: true },
  { cidr: '198.18.0.0/15', words: 'a reserved address', byName: true },
  { cidr: '198.51.100.0/24', words: 'a reserved address', byName: true },
  { cidr: '203.0.113.0/24', words: 'a reserved address', byName: true },
  { cidr: '224.0.0.0/4', words: 'a multicast address', byName: false },
  { cidr: '255.255.255.255/32', words: 'the broadcast address', byName: false },
  { cidr: '240.0.0.0/4', words: 'a reserved address', byName: true },
  { cidr: '::/128', words: 'an unspecified address', byName: false },
  { cidr: '::1/128', words: 'a loopback address', byName: false },
  { cidr: '::ffff:0:0/96', words: 'an IPv4-mapped IPv6 address', byName: true, embedsV4: true },
  { cidr: '::ffff:0:0:0/96', words: 'an IPv4-translated IPv6 address', byName: true, embedsV4: true },
  { cidr: '::/96', words: 'an IPv4-compatible IPv6 address', byName: true, embedsV4: true },
  { cidr: '64:ff9b:1::/48', words: 'a local NAT64 address', byName: true },
  { cidr: '::/8', words: 'a reserved address', byName: true },
  { cidr: '100::/64', words: 'a discard-only address', byName: true },
  { cidr: '2001::/32', words: 'a Teredo tunnel address', byName: true },
  { cidr: '2001::/23', words: 'a reserved address', byName: true },
  { cidr: '2001:db8::/32', words: 'a reserved address', byName: true },
  { cidr: '2002::/16', words: 'a 6to4 tunnel address', byName: true },
  { cidr: '3fff::/20', words: 'a reserved address', byName: true },
  { cidr: '5f00::/16', words: 'a reserved address', byName: true },
  { cidr: 'fc00::/7', words: 'a unique-local address', byName: true },
  { cidr: 'fe80::/10', words: 'a link-local address', byName: false },
  { cidr: 'fec0::/10', words: 'a site-local address', byName: true },
  { cidr: 'ff00::/8', words: 'a multicast address', byName: false },
];
const SPECIAL_PARSED = SPECIAL.map((r) => ({ ...r, net: ipaddr.parseCIDR(r.cidr) }));
/** NAT64 (RFC 6052) carries a real IPv4 address in its last 32 bits: that one is judged. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
/** Global unicast: the only IPv6 space that can be public. */
const GLOBAL_V6 = ipaddr.parseCIDR('2000::/3');

interface Judgement {
  /** Null when public. */
  words: string | null;
  /** Whether an allowlisted name may reach it. */
  byName: boolean;
}

/**
 * An address as ipaddr.js should read it. It reads any dotted tail as IPv4-mapped ("::127.0.0.1"
 * becomes ::ffff:7f00:1), so the tail is spelled as two hex groups first.
 */
function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let bare = unbracket(text);
  const tail = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  if (tail) {
    const [a, b, c, d] = tail.slice(2).map(Number);
    if ([a, b, c, d].some((n) => n > 255)) return null;
    bare = `${tail[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : null;
}

function judge(address: string): Judgement | 'invalid' {
  const ip = parseIp(address);
  if (!ip) return 'invalid';
  const v4 = (): ipaddr.IPv4 => new ipaddr.IPv4(ip.toByteArray().slice(-4));
  if (ip.kind() === 'ipv6' && ip.match(NAT64)) {
    const inner = judge(v4().toString());
    return inner === 'invalid' || inner.words === null ? { words: null, byName: true } : { words: `${inner.words} (via NAT64)`, byName: inner.byName };
  }
  const hit = SPECIAL_PARSED.find((r) => r.net[0].kind() === ip.kind() && ip.match(r.net));
  if (hit) {
    if (!hit.embedsV4) return { words: hit.words, byName: hit.byName };
    // ::ffff:127.0.0.1 reaches 127.0.0.1: a name may reach it only where it could reach the IPv4 address.
    const inner = judge(v4().toString());
    return { words: hit.words, byName: inner !== 'invalid' && (inner.words === null || inner.byName) };
  }
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_V6)) return { words: 'a reserved address', byName: true };
  return { words: null, byName: true };
}

/**
 * Why an address may not be fetched ("a private address"), or null when it is public unicast.
 * Only public unicast passes: every special-purpose range in the table above is refused.
 */
export function addressRefusal(address: string): string | null {
  const j = judge(address);
  return j === 'invalid' ? 'not an IP address' : j.words;
}

export function createAddressGuard(options: GuardOptions): AddressGuard {
  const resolve = options.lookup ?? ((hostname: string) => dnsLookup(hostname, { all: true }));
  const allow = compileAllowList(options.allowHosts);
  const scope = options.scope ? { hostname: normaliseHost(options.scope.hostname), port: options.scope.port } : null;
  const inScope = (hostname: string, port: number | undefined): boolean =>
    !scope || (normaliseHost(hostname) === scope.hostname && (port === undefined || port === scope.port));
  /** `port` is unknown while resolving a name: any listed port then counts, and the connected socket is judged again with its port. */
  const permitted = (hostname: string, port: number | undefined, address: string | null): boolean => {
    if (!options.enabled) return true;
    if (!inScope(hostname, port)) return false;
    if (address !== null && allow.address(address, port)) return true;
    if (!allow.host(hostname, port)) return false;
    if (address === null) return true;
    const j = judge(address);
    return j !== 'invalid' && j.byName;
  };

  const refusal = (hostname: string, address: string, port?: number): FetchError | null => {
    const why = addressRefusal(address);
    if (why === null || permitted(hostname, port, address)) return null;
    const shown = isIP(address) === 6 ? `[${address}]` : address;
    const subject = sameHost(hostname, address) ? `${shown} is ${why}` : `${hostname} resolves to ${shown}, ${why}`;
    const fix = !inScope(hostname, port)
      ? 'an article page is fetched on private addresses only on its feed\'s own host'
      : allow.host(hostname, port) && !(allow.address(address, port))
        ? 'a listed name never opens loopback or link-local addresses; list the address to permit it'
        : 'set allowHosts to permit it';
    return new FetchError('blocked', `refused: ${subject} (${fix})`);
  };

  const lookupFor = (port: number | undefined): LookupFunction => (hostname, lookupOptions: LookupOptions, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
        const wanted = family === 4 || family === 6 ? found.filter((a) => a.family === family) : found;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        const usable = wanted.filter((a) => refusal(hostname, a.address, port) === null);
        if (usable.length === 0) {
          callback(refusal(hostname, wanted[0].address, port), '', 0);
          return;
        }
        if (lookupOptions.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };

  return {
    lookup: lookupFor(undefined),
    lookupFor,
    checkHost(hostname, port) {
      const host = unbracket(hostname);
      return isIP(host) ? refusal(host, host, port) : null;
    },
    checkConnected(hostname, remoteAddress, remotePort) {
      if (!options.enabled) return null;
      const host = unbracket(hostname);
      // A socket with no peer address was closed already; refuse rather than guess.
      if (!remoteAddress) return permitted(host, remotePort, isIP(host) ? host : null) ? null : new FetchError('blocked', `refused: could not tell which address ${hostname} reached`);
      return refusal(host, remoteAddress, remotePort);
    },
  };
}

interface AllowList {
  /** A name entry matches the host (and the port, when the entry gives one). */
  host(hostname: string, port: number | undefined): boolean;
  /** An address or range entry holds the address (and the port, when the entry gives one). */
  address(address: string, port: number | undefined): boolean;
}

/** An entry's port matches when the entry gives none, or while the port is still unknown (DNS). */
const portMatches = (entry: number | null, port: number | undefined): boolean => entry === null || port === undefined || entry === port;

/** Entries are host names (exact, or "*.example.com" for subdomains), IP addresses or CIDR ranges, each with an optional port. */
function compileAllowList(entries: readonly string[]): AllowList {
  const names: { name: string; port: number | null }[] = [];
  const suffixes: { suffix: string; port: number | null }[] = [];
  const ranges: { net: [ipaddr.IPv4 | ipaddr.IPv6, number]; port: number | null }[] = [];
  for (const raw of entries) {
    const { host: entry, port } = canonicalEntry(raw);
    if (!entry) continue;
    if (ipaddr.isValidCIDR(entry)) ranges.push({ net: ipaddr.parseCIDR(entry), port });
    else if (isIP(entry)) {
      const ip = parseIp(entry) ?? ipaddr.parse(entry);
      ranges.push({ net: [ip, ip.kind() === 'ipv4' ? 32 : 128], port });
    } else if (entry.startsWith('*.')) suffixes.push({ suffix: entry.slice(1), port });
    else names.push({ name: entry, port });
  }
  return {
    host(hostname, port) {
      const host = normaliseHost(hostname);
      return names.some((n) => n.name === host && portMatches(n.port, port)) || suffixes.some((s) => host.endsWith(s.suffix) && portMatches(s.port, port));
    },
    address(address, port) {
      const ip = parseIp(address);
      if (!ip) return false;
      return ranges.some(({ net: [net, bits], port: p }) => net.kind() === ip.kind() && ip.match(net, bits) && portMatches(p, port));
    },
  };
}

/**
 * An allowlist entry as the URL parser would spell its host, so "2130706433" or "0x7f.1" mean 127.0.0.1
 * and an IDN means its punycode, and its port when it gives one. CIDR ranges and "*." wildcards are
 * kept as written.
 */
function canonicalEntry(raw: string): { host: string; port: number | null } {
  let text = raw.trim().toLowerCase();
  let port: number | null = null;
  // "[::1]:8080", "host:8080", "1.2.3.4:8080"; a bare IPv6 address has several colons and no port.
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  const withPort = /^([^:[\]]+):(\d{1,5})$/.exec(text);
  if (bracketed) { text = bracketed[1]; port = bracketed[2] ? Number(bracketed[2]) : null; }
  else if (withPort) { text = withPort[1]; port = Number(withPort[2]); }
  const host = normaliseHost(text);
  if (!host || host.startsWith('*.') || ipaddr.isValidCIDR(host) || isIP(host)) return { host, port };
  try {
    return { host: normaliseHost(new URL(`http://${host}`).hostname), port };
  } catch {
    return { host, port };
  }
}

/** The port a URL connects to. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function normaliseHost(host: string): string {
  return unbracket(host.trim().toLowerCase()).replace(/\.$/, '');
}

export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function sameHost(hostname: string, address: string): boolean {
  if (!ipaddr.isValid(hostname) || !ipaddr.isValid(address)) return false;
  return ipaddr.parse(hostname).toNormalizedString() === ipaddr.parse(address).toNormalizedString();
}
