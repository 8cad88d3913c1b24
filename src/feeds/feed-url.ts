// The one check of a feed's address, for chat, the CLI, OPML and the reader alike. Strict on purpose:
// the WHATWG parser reads "http:/etc/passwd" as http://etc/passwd, while a check that wants "//"
// does not, and a string one check passes and the next reads as a local path is how a chat user
// reads the bot's files. Only "http://" or "https://" followed by a host is a feed URL.

/** Whether `s` is an http(s) URL with a host, written out in full. */
export function isFeedUrl(s: string): boolean {
  const t = s.trim();
  if (!/^https?:\/\/[^/?#\s\\]/i.test(t)) return false;
  try {
    const u = new URL(t);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Whether `s` names a URL scheme ("http:", "file:", "javascript:"): such a string is never a local
 * path, so it is either a feed URL or refused. A drive letter ("C:\\feeds") is not a scheme.
 */
export function looksLikeUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(s.trim());
}
