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
  /** Host names ("localhost", "*.corp.example"), addresses ("127.0.0.1", "::1") or ranges ("10.1.0.0/16") to permit. */
  allowHosts: readonly string[];
  lookup?: HostLookup;
}

export interface AddressGuard {
  /** A refusal for a URL's host before anything is sent: the host as written when it is an IP literal. */
  checkHost(hostname: string): FetchError | null;
  /** A refusal for the address a socket actually reached, the last word whatever DNS said. */
  checkConnected(hostname: string, remoteAddress: string | undefined): FetchError | null;
  /** A net.connect lookup that drops forbidden addresses, so a name that resolves (or rebinds) inside fails. */
  lookup: LookupFunction;
}

const RANGE_WORDS: Record<string, string> = {
  private: 'a private address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  carrierGradeNat: 'a carrier-grade NAT address',
  uniqueLocal: 'a unique-local address',
  ipv4Mapped: 'an IPv4-mapped IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
  deprecatedSiteLocal: 'a site-local address',
};

/**
 * Why an address may not be fetched ("a private address"), or null when it is public unicast.
 * Only global unicast passes: every special range ipaddr.js knows is refused, named where it matters.
 */
export function addressRefusal(address: string): string | null {
  const bare = unbracket(address);
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  const ip = ipaddr.parse(bare);
  const range: string = ip.range();
  if (range === 'unicast') return null;
  if (ip.kind() === 'ipv4' && ip.toString() === '169.254.169.254') return 'a link-local address (cloud metadata)';
  if (range === 'rfc6052') {
    // NAT64 (64:ff9b::/96) carries a real IPv4 address in its last 32 bits; judge that one.
    const bytes = ip.toByteArray().slice(-4);
    const inner = addressRefusal(bytes.join('.'));
    return inner === null ? null : `${inner} (via NAT64)`;
  }
  return RANGE_WORDS[range] ?? 'a reserved address';
}

export function createAddressGuard(options: GuardOptions): AddressGuard {
  const resolve = options.lookup ?? ((hostname: string) => dnsLookup(hostname, { all: true }));
  const allow = compileAllowList(options.allowHosts);
  const permitted = (hostname: string, address: string | null): boolean =>
    !options.enabled || allow.host(hostname) || (address !== null && allow.address(address));

  const refusal = (hostname: string, address: string): FetchError | null => {
    if (permitted(hostname, address)) return null;
    const why = addressRefusal(address);
    if (why === null) return null;
    const shown = isIP(address) === 6 ? `[${address}]` : address;
    const subject = sameHost(hostname, address) ? `${shown} is ${why}` : `${hostname} resolves to ${shown}, ${why}`;
    return new FetchError('blocked', `refused: ${subject} (set allowHosts to permit it)`);
  };

  const lookup: LookupFunction = (hostname, lookupOptions: LookupOptions, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
        const wanted = family === 4 || family === 6 ? found.filter((a) => a.family === family) : found;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        const usable = wanted.filter((a) => refusal(hostname, a.address) === null);
        if (usable.length === 0) {
          callback(refusal(hostname, wanted[0].address), '', 0);
          return;
        }
        if (lookupOptions.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };

  return {
    lookup,
    checkHost(hostname) {
      const host = unbracket(hostname);
      return isIP(host) ? refusal(host, host) : null;
    },
    checkConnected(hostname, remoteAddress) {
      if (!options.enabled) return null;
      // A socket with no peer address was closed already; refuse rather than guess.
      if (!remoteAddress) return permitted(unbracket(hostname), null) ? null : new FetchError('blocked', `refused: could not tell which address ${hostname} reached`);
      return refusal(unbracket(hostname), remoteAddress);
    },
  };
}

interface AllowList {
  host(hostname: string): boolean;
  address(address: string): boolean;
}

/** Entries are host names (exact, or "*.example.com" for subdomains), IP addresses or CIDR ranges. */
function compileAllowList(entries: readonly string[]): AllowList {
  const names = new Set<string>();
  const suffixes: string[] = [];
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const raw of entries) {
    const entry = canonicalHost(raw);
    if (!entry) continue;
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (isIP(entry)) {
      const ip = ipaddr.parse(entry);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
    else names.add(entry);
  }
  return {
    host(hostname) {
      const host = normaliseHost(hostname);
      return names.has(host) || suffixes.some((s) => host.endsWith(s));
    },
    address(address) {
      const bare = unbracket(address);
      if (!ipaddr.isValid(bare)) return false;
      const ip = ipaddr.parse(bare);
      return ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
    },
  };
}

/**
 * An allowlist entry as the URL parser would spell its host, so "2130706433" or "0x7f.1" mean 127.0.0.1
 * and an IDN means its punycode. CIDR ranges and "*." wildcards are kept as written; a port is ignored.
 */
function canonicalHost(entry: string): string {
  const host = normaliseHost(entry);
  if (!host || host.startsWith('*.') || ipaddr.isValidCIDR(host) || isIP(host)) return host;
  try {
    return normaliseHost(new URL(`http://${host}`).hostname);
  } catch {
    return host;
  }
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
