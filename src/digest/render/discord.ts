// Digest -> Discord message bodies (embeds). The channel gets a headline (an embed per company, a line
// per figure, at most two sources linked, disagreements in one titled line); the details (every source
// with its sentence, each side of a disagreement) go in a thread on that message. Several messages when
// a part outgrows one: at most 10 embeds and 6,000 characters each, 25 fields an embed, 1,024 a field,
// 4,096 a description; a line is cut between links, never inside one, and nothing is dropped.
import { createHash } from 'node:crypto';
import type { CompanySection, ConflictLine, Digest, FigureLine, SourceRef } from '../digest';
import { possessive } from '../alert';
import { clipAtoms, DISCORD_ATOMS, discordLink, discordText, NO_ATOMS, safeUrl } from '../escape';

export const DISCORD_LIMITS = {
  embedsPerMessage: 10, charsPerMessage: 6000, fieldsPerEmbed: 25, fieldName: 256, fieldValue: 1024,
  description: 4096, title: 256, footer: 2048, content: 2000, nonce: 25,
} as const;

export interface DiscordEmbedField { name: string; value: string; inline?: boolean }
export interface DiscordEmbed {
  title?: string;
  /** Makes the title a link. */
  url?: string;
  description?: string;
  color?: number;
  fields?: DiscordEmbedField[];
  footer?: { text: string };
  timestamp?: string;
  /** An attached image shown in the embed (`attachment://name.png`). */
  image?: { url: string };
}

/** The exact body of one `POST /channels/{id}/messages` call. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  /** Nobody is ever pinged by feed text. */
  allowed_mentions: { parse: [] };
  /** With enforce_nonce, Discord answers a repeated post with the message it already made. */
  nonce: string;
  enforce_nonce: true;
}

const COLOR = { conflict: 0xe67e22, news: 0x5865f2, other: 0x95a5a6 } as const;
const QUOTE_MAX = 300;
const HEADLINE_LINKS = 2;

const clip = (s: string, max: number): string => clipAtoms(s, max, NO_ATOMS);
const clipLine = (s: string, max: number): string => clipAtoms(s, max, DISCORD_ATOMS);

/** The characters Discord counts towards the 6,000 of a message. */
export function embedChars(e: DiscordEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0)
    + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

export function messageChars(m: DiscordMessage): number {
  return (m.content?.length ?? 0) + m.embeds.reduce((n, e) => n + embedChars(e), 0);
}

/** Lines joined into chunks of at most `max` characters; an overlong line is cut before the link it would split. */
function chunks(lines: string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = clipLine(raw, max);
    if (cur && cur.length + 1 + line.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) out.push(cur);
  return out;
}

/** A time in the reader's own zone and language. */
export function discordDate(iso: string | null, style: 'd' | 'D' | 'f' | 'R' = 'D'): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : `<t:${Math.floor(t / 1000)}:${style}>`;
}

function quoteLine(r: SourceRef): string {
  const q = r.quote ? `> *“${discordText(clip(r.quote, QUOTE_MAX))}”* ` : '> ';
  return `${q}— ${discordLink(r.url, r.source)}`;
}

/** One logical field, split into several when its value outgrows a field. */
function fieldsOf(name: string, lines: string[]): DiscordEmbedField[] {
  const n = clip(name, DISCORD_LIMITS.fieldName - 10);
  return chunks(lines, DISCORD_LIMITS.fieldValue).map((value, i) => ({ name: i === 0 ? n : `${n} (cont.)`, value }));
}

function linked(refs: { url: string | null; source: string }[]): string {
  return refs.slice(0, 1).map((r) => discordLink(r.url, r.source)).join(', ') + (refs.length > 1 ? ` +${refs.length - 1}` : '');
}

/** "Tech Wire, Capital Ledger +58 more (thread · `/moonshot sources round_size Moonshot AI`)". */
function whoSaid(refs: SourceRef[], metric: string, company: string): string {
  const names = refs.slice(0, HEADLINE_LINKS).map((r) => discordText(r.source)).join(', ');
  const rest = refs.length - HEADLINE_LINKS;
  return rest > 0 ? `${names} +${rest} more (thread · \`/moonshot sources ${metric} ${company.replace(/`/g, "'")}\`)` : names;
}

function figureFields(f: FigureLine): DiscordEmbedField[] {
  return fieldsOf(`🆕 ${f.label}`, [`**${discordText(f.value)}** — ${f.sources.length === 1 ? '1 source' : `${f.sources.length} sources`}`, ...f.sources.map(quoteLine)]);
}

function conflictFields(company: string, c: ConflictLine): DiscordEmbedField[] {
  const lines: string[] = [];
  for (const cl of c.claims) {
    lines.push(`• **${discordText(cl.value)}**`);
    for (const r of cl.sources) lines.push(quoteLine(r));
  }
  return fieldsOf(`⚠️ Sources disagree on ${possessive(company)} ${c.topic}`, lines);
}

/** A company's parts: title, link, colour, description chunks and fields, before they are packed into messages. */
interface CompanyParts { title: string; url?: string; color: number; descriptions: string[]; fields: DiscordEmbedField[] }

function firstUrl(s: CompanySection): string | undefined {
  const urls = [
    // The story the channel links first, so the title goes where its first line does.
    ...[...s.stories, ...s.events].flatMap((e) => e.links.map((l) => l.url)),
    ...[...s.newFigures, ...s.confirmed].flatMap((f) => f.sources.map((r) => r.url)),
    ...s.conflicts.flatMap((c) => c.claims.flatMap((cl) => cl.sources.map((r) => r.url))),
  ];
  return urls.map((u) => safeUrl(u)).find((u): u is string => !!u);
}

/** The company in the channel: its news linked once, disagreements with both sides linked, a line per figure. */
function headlineParts(s: CompanySection, alert: string | null): CompanyParts {
  const lines: string[] = [];
  for (const e of s.stories) {
    const date = discordDate(e.published);
    const count = e.sourceCount === 1 ? '1 source' : `${e.sourceCount} sources`;
    lines.push(`📰 ${discordLink(e.links[0]?.url ?? null, e.headline)}${date ? ` · ${date}` : ''} · ${count}`);
  }
  for (const c of s.conflicts) {
    const sides = c.claims.map((cl) => `**${discordText(cl.value)}** (${linked(cl.sources)})`);
    // Under an alert's title, which already says who and which round, only what is disputed and each side.
    lines.push(alert !== null ? `**${discordText(c.label)}**: ${sides.join(' vs ')}` : `⚠️ Sources disagree on ${discordText(possessive(s.company))} ${discordText(c.topic)}: ${sides.join(' vs ')}`);
  }
  for (const h of s.headline) {
    if (h.kind === 'round' && alert?.includes(h.text)) { /* the alert's title is this line */ }
    else if (h.kind === 'round') lines.push(`🆕 **${discordText(h.text)}**`);
    else if (h.kind === 'investors') lines.push(`🆕 **Investors**: ${discordText(h.text)} (thread · \`/moonshot sources investors ${s.company.replace(/`/g, "'")}\`)`);
    else lines.push(`🆕 **${h.label}**: ${discordText(h.text)} — ${whoSaid(h.sources, h.metric, s.company)}`);
    // Named, not linked: the links are in the thread, and a channel line stays short.
    for (const q of h.quotes) lines.push(`> *“${discordText(clip(q.quote, 200))}”* — ${discordText(q.source)}`);
  }
  for (const f of s.confirmed) lines.push(`✅ **${f.label}**: ${discordText(f.value)} — confirmed by ${whoSaid(f.sources, f.metric, s.company)}`);
  return { title: clip(discordText(s.company), DISCORD_LIMITS.title - 14), url: firstUrl(s), color: s.conflicts.length ? COLOR.conflict : COLOR.news, descriptions: chunks(lines, DISCORD_LIMITS.description), fields: [] };
}

/** The company in the thread: every source of every figure and every side of a disagreement. */
function detailParts(s: CompanySection): CompanyParts {
  const eventLines = s.events.flatMap((e) => {
    const date = discordDate(e.published);
    return [`📰 ${discordText(e.headline)}${date ? ` · ${date}` : ''}`, ...e.links.map((l) => `• ${discordLink(l.url, l.title || l.source)} (${discordText(l.source)})`)];
  });
  const fields: DiscordEmbedField[] = [
    ...s.conflicts.flatMap((c) => conflictFields(s.company, c)),
    ...s.newFigures.flatMap(figureFields),
    ...(s.confirmed.length
      ? fieldsOf('✅ Confirmed', s.confirmed.map((f) => `**${f.label}**: ${discordText(f.value)} — ${f.sources.map((r) => discordLink(r.url, r.source)).join(', ')}`))
      : []),
  ];
  return { title: clip(`${discordText(s.company)} — the sources`, DISCORD_LIMITS.title - 14), url: firstUrl(s), color: s.conflicts.length ? COLOR.conflict : COLOR.news, descriptions: chunks(eventLines, 2000), fields };
}

function hasDetails(s: CompanySection): boolean {
  return s.conflicts.length > 0 || s.events.some((e) => e.links.length > 0) || [...s.newFigures, ...s.confirmed].some((f) => f.sources.length > 0);
}

function unwatchedParts(d: Digest): CompanyParts[] {
  if (!d.unwatched.length) return [];
  const lines = d.unwatched.map((u) =>
    `• **${discordText(u.company)}**${u.amount ? ` — ${discordText(u.amount)}` : ''} — ${discordLink(u.url, u.headline || u.source)}${u.headline && u.source ? ` (${discordText(u.source)})` : ''}`);
  return [{ title: 'Also raising (not on your watch list)', color: COLOR.other, descriptions: chunks(lines, 2000), fields: [] }];
}

/** Parts into groups of embeds, each group one message's worth. */
function packEmbeds(parts: CompanyParts[], budget: number): DiscordEmbed[][] {
  const groups: { embeds: DiscordEmbed[]; used: number }[] = [];
  const newGroup = (): { embeds: DiscordEmbed[]; used: number } => {
    const g = { embeds: [] as DiscordEmbed[], used: 0 };
    groups.push(g);
    return g;
  };
  let g = newGroup();
  const open = (p: CompanyParts, first: boolean, description?: string): DiscordEmbed => {
    const e: DiscordEmbed = { title: first ? p.title : `${p.title} (continued)`, color: p.color };
    if (first && p.url) e.url = p.url;
    if (description) e.description = description;
    const size = embedChars(e);
    if (g.embeds.length >= DISCORD_LIMITS.embedsPerMessage || (g.embeds.length && g.used + size > budget)) g = newGroup();
    g.embeds.push(e);
    g.used += size;
    return e;
  };
  for (const p of parts) {
    let cur = open(p, true, p.descriptions[0]);
    for (const desc of p.descriptions.slice(1)) cur = open(p, false, desc);
    for (const f of p.fields) {
      const size = f.name.length + f.value.length;
      if ((cur.fields?.length ?? 0) >= DISCORD_LIMITS.fieldsPerEmbed || g.used + size > budget) {
        if (g.used + size + p.title.length + 14 > budget) g = newGroup();
        cur = open(p, false);
      }
      (cur.fields ??= []).push(f);
      g.used += size;
    }
  }
  return groups.map((x) => x.embeds).filter((e) => e.length);
}

/** "**🌙 Title**", the bold closed whatever the length of the title. */
function boldTitle(title: string, extra: string, max: number, moon = true): string {
  const tail = extra ? ` ${extra}` : '';
  return `**${moon ? '🌙 ' : ''}${clip(discordText(title), Math.max(20, max - tail.length - 8))}**${tail}`;
}

/** A nonce Discord accepts (at most 25 characters) that is the same every time this message is rendered. */
export function discordNonce(seed: string, index: number): string {
  return createHash('sha256').update(`${seed}#${index}`).digest('hex').slice(0, DISCORD_LIMITS.nonce);
}

export interface DiscordRenderOptions {
  /** Makes the nonces unique per destination: pass the subscription's id. Default: the digest id. */
  nonceSeed?: string;
}

export interface DiscordDigestMessages {
  channel: DiscordMessage[];
  thread: DiscordMessage[];
}

/** A digest as channel messages and the thread messages that carry its details, in posting order. */
export function renderDiscordDigest(d: Digest, opts: DiscordRenderOptions = {}): DiscordDigestMessages {
  const since = discordDate(d.since, 'f');
  const until = discordDate(d.until, 'f');
  const window = until ? (since ? `${since} – ${until}` : `up to ${until}`) : '';
  const headParts = [...d.sections.map((s) => headlineParts(s, d.alert ? d.title : null)), ...unwatchedParts(d)];
  const details = d.sections.filter(hasDetails).map(detailParts);
  // Room for embeds in each message, after the content line (at most 400) and the footer.
  const budget = DISCORD_LIMITS.charsPerMessage - 400 - (d.footer.length + 30);
  const main = packEmbeds(headParts, budget);
  if (main.length === 0) main.push([{ description: '*Nothing new in this window.*', color: COLOR.other }]);
  const thread = details.length ? packEmbeds(details, budget) : [];

  const seed = opts.nonceSeed ?? d.id;
  const n = main.length;
  const inThread = thread.length ? ' · the sources are in the thread' : '';
  const channel = main.map((embeds, i): DiscordMessage => {
    const part = n > 1 ? ` · part ${i + 1} of ${n}` : '';
    const last = embeds[embeds.length - 1];
    last.footer = { text: clip(`${d.footer}${part}`, DISCORD_LIMITS.footer) };
    last.timestamp = d.until;
    // An alert's counts would only repeat its title ("1 company · 0 new figures · 1 conflict").
    const summary = d.alert ? (thread.length ? '· the sources are in the thread' : '') : `— ${discordText(d.summary)}${window ? ` · ${window}` : ''}${inThread}`;
    return {
      content: i === 0 ? boldTitle(d.title, summary, 400, !d.alert) : boldTitle(d.title, `(continued${part})`, 400, !d.alert),
      embeds,
      allowed_mentions: { parse: [] },
      nonce: discordNonce(seed, i),
      enforce_nonce: true,
    };
  });
  const t = thread.length;
  const replies = thread.map((embeds, i): DiscordMessage => ({
    content: boldTitle(d.title, `· the sources${t > 1 ? ` (${i + 1} of ${t})` : ''}`, 400, !d.alert),
    embeds,
    allowed_mentions: { parse: [] },
    nonce: discordNonce(seed, n + i),
    enforce_nonce: true,
  }));
  return { channel, thread: replies };
}

/** Every message of a digest in posting order: the channel messages, then the thread. */
export function renderDiscord(d: Digest, opts: DiscordRenderOptions = {}): DiscordMessage[] {
  const m = renderDiscordDigest(d, opts);
  return [...m.channel, ...m.thread];
}

/** A message Discord refused as too large, as two smaller ones; null when it cannot be made smaller. */
export function splitDiscordMessage(m: DiscordMessage, seed: string): DiscordMessage[] | null {
  const as = (embeds: DiscordEmbed[], i: number): DiscordMessage => ({ ...m, content: i === 0 ? m.content : undefined, embeds, nonce: discordNonce(`${seed}|${m.nonce}`, i) });
  if (m.embeds.length >= 2) {
    const half = Math.ceil(m.embeds.length / 2);
    return [as(m.embeds.slice(0, half), 0), as(m.embeds.slice(half), 1)];
  }
  const e = m.embeds[0];
  const fields = e?.fields ?? [];
  if (fields.length >= 2) {
    const half = Math.ceil(fields.length / 2);
    return [as([{ ...e, fields: fields.slice(0, half) }], 0), as([{ ...e, title: e.title ? `${e.title} (continued)` : undefined, url: undefined, fields: fields.slice(half) }], 1)];
  }
  if (e?.description && fields.length === 0) {
    const lines = e.description.split('\n');
    if (lines.length < 2) return null;
    const half = Math.ceil(lines.length / 2);
    return [as([{ ...e, description: lines.slice(0, half).join('\n') }], 0), as([{ ...e, url: undefined, description: lines.slice(half).join('\n') }], 1)];
  }
  return null;
}

/** A notice for the admins: one embed of our own words, no digest header or counts. */
export function renderDiscordNotice(text: string, seed: string): DiscordMessage {
  return {
    embeds: [{ title: '⚠️ Moonshot notice', description: clipLine(discordText(text), DISCORD_LIMITS.description), color: COLOR.conflict, footer: { text: 'Moonshot · for the admins' } }],
    allowed_mentions: { parse: [] },
    nonce: discordNonce(`notice|${seed}`, 0),
    enforce_nonce: true,
  };
}
