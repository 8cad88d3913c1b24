// Digest -> Discord message bodies (embeds). Several messages when the digest outgrows one: at most
// 10 embeds and 6,000 characters each, 25 fields an embed, 1,024 a field, 4,096 a description.
import { createHash } from 'node:crypto';
import type { CompanySection, ConflictLine, Digest, FigureLine, SourceRef } from '../digest';
import { clip, discordLink, discordText } from '../escape';

export const DISCORD_LIMITS = {
  embedsPerMessage: 10, charsPerMessage: 6000, fieldsPerEmbed: 25, fieldName: 256, fieldValue: 1024,
  description: 4096, title: 256, footer: 2048, content: 2000, nonce: 25,
} as const;

export interface DiscordEmbedField { name: string; value: string; inline?: boolean }
export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: DiscordEmbedField[];
  footer?: { text: string };
  timestamp?: string;
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

/** The characters Discord counts towards the 6,000 of a message. */
export function embedChars(e: DiscordEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0)
    + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

export function messageChars(m: DiscordMessage): number {
  return (m.content?.length ?? 0) + m.embeds.reduce((n, e) => n + embedChars(e), 0);
}

/** Lines joined into chunks of at most `max` characters; an overlong line is cut at the limit. */
function chunks(lines: string[], max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = clip(raw, max);
    if (cur && cur.length + 1 + line.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) out.push(cur);
  return out;
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

function figureFields(f: FigureLine): DiscordEmbedField[] {
  return fieldsOf(`🆕 ${f.label}`, [`**${discordText(f.value)}**`, ...f.sources.map(quoteLine)]);
}

function conflictFields(c: ConflictLine): DiscordEmbedField[] {
  const lines: string[] = ['The sources disagree:'];
  for (const cl of c.claims) {
    lines.push(`• **${discordText(cl.value)}**`);
    for (const r of cl.sources) lines.push(quoteLine(r));
  }
  return fieldsOf(`⚠️ CONFLICT · ${c.label}`, lines);
}

/** Embed-sized room, leaving space in the message for the content line and the footer. */
const EMBED_BUDGET = 4800;

/** A company as one or more embeds, each within the field count and the character budget. */
function companyEmbeds(s: CompanySection): DiscordEmbed[] {
  const title = clip(discordTitle(s.company), DISCORD_LIMITS.title - 14);
  const color = s.conflicts.length ? COLOR.conflict : COLOR.news;
  const eventLines = s.events.map((e) => {
    const links = e.links.map((l) => discordLink(l.url, l.source)).join(' · ');
    const count = e.sourceCount === 1 ? '1 source' : `${e.sourceCount} sources`;
    return `📰 ${discordText(e.headline)} — ${count}${links ? `: ${links}` : ''}`;
  });
  const fields: DiscordEmbedField[] = [
    ...s.conflicts.flatMap(conflictFields),
    ...s.newFigures.flatMap(figureFields),
    ...(s.confirmed.length
      ? fieldsOf('✅ Confirmed', s.confirmed.map((f) => `**${f.label}**: ${discordText(f.value)} — ${f.sources.map((r) => discordLink(r.url, r.source)).join(', ')}`))
      : []),
  ];
  const descriptions = chunks(eventLines, Math.min(DISCORD_LIMITS.description, EMBED_BUDGET - title.length - 20));
  const embeds: DiscordEmbed[] = [];
  const open = (description?: string): DiscordEmbed => {
    const e: DiscordEmbed = { title: embeds.length ? `${title} (continued)` : title, color, fields: [] };
    if (description) e.description = description;
    embeds.push(e);
    return e;
  };
  let cur = open(descriptions.shift());
  for (const d of descriptions) cur = open(d);
  for (const f of fields) {
    const fs = cur.fields ?? [];
    if (fs.length >= DISCORD_LIMITS.fieldsPerEmbed || embedChars(cur) + f.name.length + f.value.length > EMBED_BUDGET) cur = open();
    (cur.fields ??= []).push(f);
  }
  for (const e of embeds) if (e.fields && e.fields.length === 0) delete e.fields;
  return embeds;
}

/** Titles are not markdown in Discord, but mentions and @everyone are still defused. */
function discordTitle(s: string): string {
  return s.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(?=[@#])/g, '<\u200b');
}

function unwatchedEmbeds(d: Digest): DiscordEmbed[] {
  if (!d.unwatched.length) return [];
  const lines = d.unwatched.map((u) =>
    `• **${discordText(u.company)}**${u.amount ? ` — ${discordText(u.amount)}` : ''} — ${discordLink(u.url, u.headline || u.source)}${u.headline && u.source ? ` (${discordText(u.source)})` : ''}`);
  return chunks(lines, Math.min(DISCORD_LIMITS.description, EMBED_BUDGET)).map((description, i) => ({
    title: i === 0 ? 'Also raising (not on your watch list)' : 'Also raising (continued)', description, color: COLOR.other,
  }));
}

/** A nonce Discord accepts (at most 25 characters) that is the same every time this message is rendered. */
export function discordNonce(seed: string, index: number): string {
  return createHash('sha256').update(`${seed}#${index}`).digest('hex').slice(0, DISCORD_LIMITS.nonce);
}

export interface DiscordRenderOptions {
  /** Makes the nonces unique per destination: pass the subscription's id. Default: the digest id. */
  nonceSeed?: string;
}

/** A digest as one or more Discord message bodies, in the order they must be posted. */
export function renderDiscord(d: Digest, opts: DiscordRenderOptions = {}): DiscordMessage[] {
  const embeds = [...d.sections.flatMap(companyEmbeds), ...unwatchedEmbeds(d)];
  if (embeds.length === 0) embeds.push({ description: '*Nothing new in this window.*', color: COLOR.other });
  const head = clip(`**🌙 ${discordText(d.title)}** — ${discordText(d.summary)}`, 400);
  const footerReserve = d.footer.length + 30;
  const budget = DISCORD_LIMITS.charsPerMessage - head.length - 40 - footerReserve;

  const groups: DiscordEmbed[][] = [[]];
  let used = 0;
  for (const e of embeds) {
    const size = embedChars(e);
    const g = groups[groups.length - 1];
    if (g.length && (g.length >= DISCORD_LIMITS.embedsPerMessage || used + size > budget)) {
      groups.push([e]);
      used = size;
    } else {
      g.push(e);
      used += size;
    }
  }

  const n = groups.length;
  const seed = opts.nonceSeed ?? d.id;
  return groups.map((g, i) => {
    const part = n > 1 ? ` · part ${i + 1} of ${n}` : '';
    const last = g[g.length - 1];
    last.footer = { text: clip(`${d.footer}${part}`, DISCORD_LIMITS.footer) };
    last.timestamp = d.until;
    return {
      content: i === 0 ? head : clip(`**🌙 ${discordText(d.title)}** (continued${part})`, 400),
      embeds: g,
      allowed_mentions: { parse: [] },
      nonce: discordNonce(seed, i),
      enforce_nonce: true,
    };
  });
}
