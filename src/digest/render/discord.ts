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

/** A company's parts: title, colour, description chunks and fields, before they are packed into messages. */
interface CompanyParts { title: string; color: number; descriptions: string[]; fields: DiscordEmbedField[] }

function companyParts(s: CompanySection): CompanyParts {
  const title = clip(discordTitle(s.company), DISCORD_LIMITS.title - 14);
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
  return { title, color: s.conflicts.length ? COLOR.conflict : COLOR.news, descriptions: chunks(eventLines, 2000), fields };
}

/** Titles are not markdown in Discord, but mentions and @everyone are still defused. */
function discordTitle(s: string): string {
  return s.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(?=[@#])/g, '<\u200b');
}

function unwatchedParts(d: Digest): CompanyParts[] {
  if (!d.unwatched.length) return [];
  const lines = d.unwatched.map((u) =>
    `• **${discordText(u.company)}**${u.amount ? ` — ${discordText(u.amount)}` : ''} — ${discordLink(u.url, u.headline || u.source)}${u.headline && u.source ? ` (${discordText(u.source)})` : ''}`);
  return [{ title: 'Also raising (not on your watch list)', color: COLOR.other, descriptions: chunks(lines, 2000), fields: [] }];
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
  const parts = [...d.sections.map(companyParts), ...unwatchedParts(d)];
  const head = clip(`**🌙 ${discordText(d.title)}** — ${discordText(d.summary)}`, 400);
  // Room for embeds in each message, after the content line (at most 400) and the footer.
  const budget = DISCORD_LIMITS.charsPerMessage - 400 - (d.footer.length + 30);

  // Fill messages field by field; an embed that runs out of room continues in the next message.
  const groups: { embeds: DiscordEmbed[]; used: number }[] = [];
  const newGroup = (): { embeds: DiscordEmbed[]; used: number } => {
    const g = { embeds: [] as DiscordEmbed[], used: 0 };
    groups.push(g);
    return g;
  };
  let g = newGroup();
  const open = (p: CompanyParts, first: boolean, description?: string): DiscordEmbed => {
    const e: DiscordEmbed = { title: first ? p.title : `${p.title} (continued)`, color: p.color };
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
  if (groups[0].embeds.length === 0) groups[0].embeds.push({ description: '*Nothing new in this window.*', color: COLOR.other });

  const n = groups.length;
  const seed = opts.nonceSeed ?? d.id;
  return groups.map(({ embeds }, i) => {
    const part = n > 1 ? ` · part ${i + 1} of ${n}` : '';
    const last = embeds[embeds.length - 1];
    last.footer = { text: clip(`${d.footer}${part}`, DISCORD_LIMITS.footer) };
    last.timestamp = d.until;
    return {
      content: i === 0 ? head : clip(`**🌙 ${discordText(d.title)}** (continued${part})`, 400),
      embeds,
      allowed_mentions: { parse: [] },
      nonce: discordNonce(seed, i),
      enforce_nonce: true,
    };
  });
}
