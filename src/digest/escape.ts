// Feed text is written by strangers: it must never ping a channel, a user or a role, and never
// forge a link. Every renderer passes feed text through the function for its platform here.

const ZWSP = '\u200b';

/** "@everyone", "@here", "@channel" keep their look but lose their power: a zero-width space after the @. */
function defuseBroadcasts(s: string): string {
  return s.replace(/@(everyone|here|channel)\b/gi, `@${ZWSP}$1`);
}

/** Text that may be cut: never in the middle of a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

/** Slack's atoms: links `<url|label>` and date tokens `<!date^…>`; mrkdwn has no other `<`. */
export const SLACK_ATOMS = /<[^<>\n]*>/g;
/** Discord's atoms: `[label](url)` links and `<t:…>` timestamps. */
export const DISCORD_ATOMS = /\[(?:\\.|[^\]\\\n])*\]\([^)\s]*\)|<t:-?\d+(?::[a-zA-Z])?>/g;

/** No atoms: plain text that may be cut anywhere but inside a surrogate pair. */
export const NO_ATOMS = /(?!)/g;

/**
 * Text cut to at most `max` characters, never inside an atom (a link, a date token) or a surrogate
 * pair: a cut that would fall inside one moves to just before it.
 */
export function clipAtoms(s: string, max: number, atoms: RegExp): string {
  if (s.length <= max) return s;
  let end = max - 1;
  for (const m of s.matchAll(new RegExp(atoms.source, 'g'))) {
    const start = m.index ?? 0;
    if (start >= end) break;
    if (start + m[0].length > end) { end = start; break; }
  }
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${s.slice(0, end).trimEnd()}…`;
}

/**
 * Slack's escaping: &, < and > are its only escapable characters; escaped, `<!channel>` and `<@U123>`
 * are just text. For our own words, whose `*bold*` and backticks are meant; feed text takes slackText.
 */
export function slackEscape(s: string): string {
  return defuseBroadcasts(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

// mrkdwn has no escape for its emphasis marks, so feed text carries look-alikes that format nothing:
// a quote reads as written instead of turning bold, italic, struck or code.
const MRKDWN_LOOKALIKES: Record<string, string> = { '*': '\u2217', _: '\uff3f', '~': '\u223c', '`': '\u02cb' };

/** Feed text for Slack mrkdwn: escaped (no mention, no link) and with no formatting of its own. */
export function slackText(s: string): string {
  return slackEscape(s).replace(/[*_~`]/g, (c) => MRKDWN_LOOKALIKES[c]);
}

/** A URL we are willing to link to: http(s) only, with the characters that would break `<url|label>` encoded. */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  let u: URL;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.toString().replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\)/g, '%29').replace(/\(/g, '%28').replace(/ /g, '%20');
}

/** `<url|label>` with the label escaped (a `|` in it would end the URL part early), or the bare label. */
export function slackLink(url: string | null, label: string): string {
  const u = safeUrl(url);
  const l = slackText(label).replace(/\|/g, '¦');
  return u ? `<${u}|${l}>` : l;
}

/**
 * Discord markdown: markdown characters escaped so a headline cannot format or link, and
 * mention syntax (`<@1>`, `<@&1>`, `<#1>`, @everyone, @here) broken with a zero-width space.
 * The messages also carry allowed_mentions {parse: []}: this is the visible half of the same guard.
 */
export function discordText(s: string): string {
  const escaped = s.replace(/([\\*_`|[\]>#-]|~~)/g, (m, c: string, offset: number) => {
    // "-", "#" and ">" only matter at the start of a line; elsewhere they read better bare.
    if ((c === '-' || c === '#' || c === '>') && offset > 0 && s[offset - 1] !== '\n') return m;
    return c === '~~' ? '\\~\\~' : `\\${c}`;
  });
  return defuseBroadcasts(escaped.replace(/<(?=[@#:/a]|t:)/g, `<${ZWSP}`));
}

/** `[label](url)` with the label escaped, or the bare label. */
export function discordLink(url: string | null, label: string): string {
  const u = safeUrl(url);
  const l = discordText(label);
  return u ? `[${l}](${u})` : l;
}

/** Markdown for a person's terminal or a file: enough escaping that feed text cannot make links or emphasis. */
export function markdownText(s: string): string {
  // ">" and "#" only mean something at the start of a line, and the renderer never starts a line with feed text.
  return s.replace(/([\\*_`[\]<])/g, '\\$1');
}

export function markdownLink(url: string | null, label: string): string {
  const u = safeUrl(url);
  const l = markdownText(label);
  return u ? `[${l}](${u})` : l;
}

/** Console text: control characters out, so a feed cannot move the cursor or clear the screen. */
export function consoleText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
