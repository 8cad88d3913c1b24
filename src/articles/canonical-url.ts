// The canonical form of an article's link: the key that says two links name the same article.
// It is an identity key first and an address second, so it folds spellings that reach the same page
// on every news site we know of, and it keeps everything that could name a different page.
//
// Decisions:
// - Only http(s) links have one; anything else (mailto:, a relative path, junk) gives null.
// - http: becomes https:. News sites serve one article under both; the key must not split on it.
// - A leading "www." is dropped. No news site serves different articles on example.com and
//   www.example.com, and syndicators write both.
// - Host lower-cased (the URL parser does this and IDNA), a trailing dot dropped, default ports,
//   user info and the fragment dropped.
// - Tracking parameters dropped (below); the rest sorted by name, then value, so order does not matter.
// - A trailing slash on the path dropped ("/a/b/" = "/a/b"); the root stays "/". Servers that tell the
//   two apart for one article are rare, and feeds write both for the same page.
// - Path case kept: paths are case-sensitive on most servers.
// - Idempotent: canonicalUrl(canonicalUrl(u)) === canonicalUrl(u).

/** Query parameters that only say who sent the reader, never which page. Compared lower-cased. */
const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'li_fat_id', 'igshid', 'igsh', 'mc_cid', 'mc_eid', 'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid',
  'icid', 'ncid', 'ocid', 'cmp', 'cmp_id', 'spm', 'scm', 'mkt_tok', '_hsenc', '_hsmi', '__hstc',
  '__hssc', '__hsfp', 'hsctatracking', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 's_cid', 's_kwcid',
  'vero_id', 'vero_conv', 'wickedid', '_ga', '_gl', 'trk', 'trkcampaign', 'sr_share', 'soc_src',
  'soc_trk', 'xtor', 'guccounter', 'guce_referrer', 'guce_referrer_sig', 'smid', 'smtyp', 'share',
  'src_campaign', 'ito', 'itm_source', 'itm_medium', 'itm_campaign', 'itm_content', 'from_rss', 'amp',
]);
/** Families of tracking parameters, by prefix. */
const TRACKING_PREFIX = /^(?:utm_|pk_|mtm_|matomo_|hmb_|ga_|_branch|__twitter|stm_|ns_|at_)/;

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING.has(n) || TRACKING_PREFIX.test(n);
}

/** The canonical form of `link`, or null when it is not an http(s) URL. Never throws. */
export function canonicalUrl(link: string | null | undefined): string | null {
  if (typeof link !== 'string') return null;
  const raw = link.trim();
  if (!/^https?:\/\/[^/?#\s]/i.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const bare = u.hostname.replace(/\.+$/, '');
  const stripped = bare.replace(/^(?:www\d*\.)+/, '');
  const host = stripped.includes('.') ? stripped : bare;
  if (!host) return null;
  const port = u.port && !(u.port === '80' || u.port === '443') ? `:${u.port}` : '';

  let path = u.pathname || '/';
  // Percent-escapes in one case, so "%2f" and "%2F" agree; collapse runs of slashes.
  path = path.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase()).replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '') || '/';

  const params: [string, string][] = [];
  for (const [k, v] of u.searchParams) if (k && !isTrackingParam(k)) params.push([k, v]);
  params.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';

  try {
    // Re-parsing once settles any spelling the URL parser would change, which keeps the result idempotent.
    const out = new URL(`https://${host}${port}${path}${query}`);
    return out.href;
  } catch {
    return null;
  }
}

const PLAIN_LINK = /^https?:\/\/[a-z0-9.-]+(?::\d+)?(\/[^?#\\\s]*)?(\?[^#\s]*)?$/i;

/** True when a canonical URL names a site rather than one article (a bare home page), so it cannot
 *  identify an entry: some feeds give every item the site's address as its link. */
export function isSiteRoot(canonical: string): boolean {
  // A plain link is read without the URL parser; anything it might rewrite (dot segments, escapes,
  // back slashes, white space, a fragment) goes to the parser.
  const m = PLAIN_LINK.exec(canonical);
  if (m && !m[1]?.includes('/.') && !m[1]?.includes('%')) return (m[1] === undefined || m[1] === '/') && (m[2] === undefined || m[2] === '?');
  try {
    const u = new URL(canonical);
    return (u.pathname === '/' || u.pathname === '') && !u.search;
  } catch {
    return true;
  }
}
