// Digest -> Slack `chat.postMessage` bodies (Block Kit). The channel gets a headline that reads in
// seconds (a line per figure, at most two sources linked, disagreements in one titled line); the
// details (every source with its sentence, each side of a disagreement) go as thread replies under it.
// Every message stays inside Slack's limits: 50 blocks, 3,000 characters a section, 150 for the header,
// and about 12,000 characters of block text in all (past that Slack answers `msg_blocks_too_long`).
// Nothing is dropped: what does not fit goes in the next message, and a line is only ever cut between
// links, never inside one.
import type { CompanySection, ConflictLine, Digest, FigureLine, SourceRef } from '../digest';
import { possessive } from '../alert';
import { clipAtoms, NO_ATOMS, SLACK_ATOMS, slackEscape, slackLink, slackText } from '../escape';

export const SLACK_LIMITS = {
  blocksPerMessage: 50, sectionText: 3000, headerText: 150, contextText: 2000,
  /** Slack's own ceiling on a message's block text. */
  charsPerMessage: 12000,
  /** What we fill a message to: room under the ceiling for Slack counting differently from us. */
  charsBudget: 11000,
} as const;

export interface SlackText { type: 'mrkdwn' | 'plain_text'; text: string; emoji?: boolean }
export type SlackBlock =
  | { type: 'header'; text: SlackText & { type: 'plain_text' } }
  | { type: 'section'; text: SlackText & { type: 'mrkdwn' } }
  | { type: 'context'; elements: (SlackText & { type: 'mrkdwn' })[] }
  | { type: 'divider' };

/** The exact body of one `chat.postMessage` call. */
export interface SlackPostMessage {
  channel: string;
  /** The notification and screen-reader fallback. */
  text: string;
  blocks: SlackBlock[];
  unfurl_links: false;
  unfurl_media: false;
}

/** How long a quote may run in the details; the link leads to the rest. */
const QUOTE_MAX = 300;
/** Sources linked on a headline line; the rest are counted and found in the thread. */
const HEADLINE_LINKS = 2;

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clipAtoms(text, SLACK_LIMITS.contextText, SLACK_ATOMS) }] });

/** The characters of a block that Slack counts towards a message's total. */
export function blockChars(b: SlackBlock): number {
  switch (b.type) {
    case 'header': case 'section': return b.text.text.length;
    case 'context': return b.elements.reduce((n, e) => n + e.text.length, 0);
    default: return 0;
  }
}

export const blocksChars = (blocks: SlackBlock[]): number => blocks.reduce((n, b) => n + blockChars(b), 0);

/** Lines into as few section blocks as fit; a single overlong line is cut before the link it would split. */
export function sectionsOf(lines: string[], max: number = SLACK_LIMITS.sectionText): SlackBlock[] {
  const out: SlackBlock[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = clipAtoms(raw, max, SLACK_ATOMS);
    if (cur && cur.length + 1 + line.length > max) {
      out.push(section(cur));
      cur = '';
    }
    cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) out.push(section(cur));
  return out;
}

/** A time in the reader's own zone: Slack renders the token; the fallback is for clients that cannot. */
export function slackDate(iso: string | null, format = '{date_short_pretty}'): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const fallback = new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return `<!date^${Math.floor(t / 1000)}^${format}|${fallback}>`;
}

/** Where a figure's other sources are listed in full: the thread, and the command that answers them. */
export function sourcesCommand(metric: string, company: string): string {
  return `/moonshot sources ${metric} ${company}`;
}

/** "Tech Wire, Capital Ledger +58 more (thread · `/moonshot sources round_size Moonshot AI`)". */
function whoSaid(refs: SourceRef[], metric: string, company: string): string {
  const names = refs.slice(0, HEADLINE_LINKS).map((r) => slackText(r.source)).join(', ');
  const rest = refs.length - HEADLINE_LINKS;
  return rest > 0 ? `${names} +${rest} more (thread · \`${slackEscape(sourcesCommand(metric, company)).replace(/`/g, "'")}\`)` : names;
}

function linked(refs: SourceRef[]): string {
  return refs.slice(0, 1).map((r) => slackLink(r.url, r.source)).join(', ') + (refs.length > 1 ? ` +${refs.length - 1}` : '');
}

function quoteLine(r: SourceRef): string {
  const q = r.quote ? `_“${slackText(clipAtoms(r.quote, QUOTE_MAX, NO_ATOMS))}”_ — ` : '';
  return `>${q}${slackLink(r.url, r.source)}`;
}

/** "⚠️ Sources disagree on Moonshot AI's May 2026 round (lead investor): *Sequoia China* (Tech Wire) vs *Meituan Longzhu* (Capital Ledger)", each side linked. */
function conflictHeadline(company: string, c: ConflictLine): string {
  const sides = c.claims.map((cl) => `*${slackText(cl.value)}* (${linked(cl.sources)})`);
  return `⚠️ Sources disagree on ${slackText(possessive(company))} ${slackText(c.topic)}: ${sides.join(' vs ')}`;
}

/** A disagreement under an alert's title: what is disputed and each side, linked. */
function conflictSides(c: ConflictLine): string {
  const sides = c.claims.map((cl) => `*${slackText(cl.value)}* (${linked(cl.sources)})`);
  return `*${slackText(c.label)}*: ${sides.join(' vs ')}`;
}

function headlineQuote(r: SourceRef): string {
  // Named, not linked: the links are in the thread, and a channel line stays short.
  return `>_“${slackText(clipAtoms(r.quote, 200, NO_ATOMS))}”_ — ${slackText(r.source)}`;
}

/**
 * The company's lines in the channel message: its news linked once, each disagreement with both sides
 * linked, a line per new or changed round and per company-level figure (compose decides which, and
 * which quotes: two at most, none twice); the rest of the sources and sentences are in the thread.
 */
function headlineBlocks(s: CompanySection, alert: AlertView | null): SlackBlock[] {
  // An alert's title names the company and what happened: the lines below say only what it does not.
  const lines: string[] = alert?.single ? [] : [`*${slackText(clipAtoms(s.company, 200, NO_ATOMS))}*`];
  for (const e of s.stories) {
    const date = slackDate(e.published);
    const count = e.sourceCount === 1 ? '1 source' : `${e.sourceCount} sources`;
    lines.push(`📰 ${slackLink(e.links[0]?.url ?? null, e.headline)}${date ? ` · ${date}` : ''} · ${count}`);
  }
  for (const c of s.conflicts) lines.push(alert?.single ? conflictSides(c) : conflictHeadline(s.company, c));
  for (const h of s.headline) {
    if (h.kind === 'round' && alert?.title.includes(h.text)) { /* the title is this line */ }
    else if (h.kind === 'round') lines.push(`🆕 *${slackText(h.text)}*`);
    else if (h.kind === 'investors') lines.push(`🆕 *Investors*: ${slackText(h.text)} (thread · \`${slackEscape(sourcesCommand('investors', s.company)).replace(/`/g, "'")}\`)`);
    else lines.push(`🆕 *${h.label}*: ${slackText(h.text)} — ${whoSaid(h.sources, h.metric, s.company)}`);
    for (const q of h.quotes) lines.push(headlineQuote(q));
  }
  for (const f of s.confirmed) lines.push(`✅ *${f.label}*: ${slackText(f.value)} — confirmed by ${whoSaid(f.sources, f.metric, s.company)}`);
  return sectionsOf(lines);
}

function figureLines(mark: string, f: FigureLine): string[] {
  return [`${mark} *${f.label}*: ${slackText(f.value)} — ${f.sources.length === 1 ? '1 source' : `${f.sources.length} sources`}`, ...f.sources.map(quoteLine)];
}

function conflictLines(company: string, c: ConflictLine): string[] {
  const lines = [`⚠️ *Sources disagree on ${slackText(possessive(company))} ${slackText(c.topic)}*`];
  for (const cl of c.claims) {
    lines.push(`• *${slackText(cl.value)}*`);
    for (const r of cl.sources) lines.push(quoteLine(r));
  }
  return lines;
}

/** The company's details for the thread: every source with its sentence, each side of a disagreement. */
function detailBlocks(s: CompanySection): SlackBlock[] {
  const blocks: SlackBlock[] = [section(`*${slackText(clipAtoms(s.company, 200, NO_ATOMS))}* — the sources`)];
  for (const e of s.events) {
    const date = slackDate(e.published);
    blocks.push(...sectionsOf([`📰 ${slackText(e.headline)}${date ? ` · ${date}` : ''}`, ...e.links.map((l) => `• ${slackLink(l.url, l.title || l.source)} (${slackText(l.source)})`)]));
  }
  for (const c of s.conflicts) blocks.push(...sectionsOf(conflictLines(s.company, c)));
  for (const f of s.newFigures) blocks.push(...sectionsOf(figureLines('🆕', f)));
  for (const f of s.confirmed) blocks.push(...sectionsOf(figureLines('✅', f)));
  return blocks;
}

/** True when a company's headline leaves something out that its details carry. */
function hasDetails(s: CompanySection): boolean {
  return s.conflicts.length > 0 || s.events.some((e) => e.links.length > 0)
    || [...s.newFigures, ...s.confirmed].some((f) => f.sources.length > 0);
}

interface Unit { heading: string; blocks: SlackBlock[] }

/** How an alert reads: its title, and whether it is about one company (the title then names it). */
interface AlertView { title: string; single: boolean }

/**
 * Units into message bodies of at most `capacity` blocks and `budget` characters. A unit that does not
 * fit what is left starts a new message; one larger than a whole message continues over several, its
 * heading repeated.
 */
function pack(units: Unit[], capacity: number, budget: number): SlackBlock[][] {
  const bodies: SlackBlock[][] = [[]];
  let chars = 0;
  const fresh = (): SlackBlock[] => { const b: SlackBlock[] = []; bodies.push(b); chars = 0; return b; };
  for (const unit of units) {
    let body = bodies[bodies.length - 1];
    const size = blocksChars(unit.blocks);
    if (body.length && (body.length + 1 + unit.blocks.length > capacity || chars + size > budget)) body = fresh();
    if (body.length) body.push({ type: 'divider' });
    for (const [i, b] of unit.blocks.entries()) {
      const n = blockChars(b);
      if (body.length && (body.length + 1 > capacity || chars + n > budget)) {
        body = fresh();
        if (i > 0) { const h = section(unit.heading); body.push(h); chars += blockChars(h); }
      }
      body.push(b);
      chars += n;
    }
  }
  return bodies.filter((b) => b.length);
}

export interface SlackRenderOptions {
  channel: string;
}

/** A digest as channel messages, and the thread replies that carry its details. */
export interface SlackDigestMessages {
  channel: SlackPostMessage[];
  thread: SlackPostMessage[];
}

/** The footer with the window in the reader's time. */
function footer(d: Digest): string {
  const until = slackDate(d.until, '{date_short_pretty} {time}');
  const since = slackDate(d.since, '{date_short_pretty} {time}');
  const window = until ? (since ? `${since} – ${until}` : `up to ${until}`) : slackText(d.footer);
  return `Moonshot · ${window} · ${d.counts.sources === 1 ? '1 source' : `${d.counts.sources} sources`}`;
}

export function renderSlackDigest(d: Digest, opts: SlackRenderOptions): SlackDigestMessages {
  const title = clipAtoms(d.alert ? d.title : `🌙 ${d.title}`, SLACK_LIMITS.headerText, NO_ATOMS);
  const foot = footer(d);
  const heading = (company: string, what = ''): string => `*${slackText(clipAtoms(company, 200, NO_ATOMS))}*${what} (continued)`;
  // Only what the header shows whole stands for a line below it.
  const alert: AlertView | null = d.alert ? { title: title === d.title ? d.title : '', single: d.sections.length === 1 } : null;
  const units: Unit[] = d.sections.map((s) => ({ heading: heading(s.company), blocks: headlineBlocks(s, alert) }))
    .filter((u) => u.blocks.length);
  if (d.unwatched.length) {
    const head = '*Also raising* (not on your watch list)';
    units.push({
      heading: `${head} (continued)`,
      blocks: sectionsOf([head, ...d.unwatched.map((u) =>
        `• *${slackText(u.company)}*${u.amount ? ` — ${slackText(u.amount)}` : ''} — ${slackLink(u.url, u.headline || u.source)}${u.headline && u.source ? ` (${slackText(u.source)})` : ''}`)]),
    });
  }
  if (units.length === 0 && !d.alert) units.push({ heading: '', blocks: [section('_Nothing new in this window._')] });
  const details: Unit[] = d.sections.filter(hasDetails).map((s) => ({ heading: heading(s.company, ' — the sources'), blocks: detailBlocks(s) }));

  // Room for a message's own top and bottom: header and summary (or a "continued" line), and the footer.
  const reserve = SLACK_LIMITS.headerText + SLACK_LIMITS.contextText + foot.length + 200;
  const capacity = SLACK_LIMITS.blocksPerMessage - 3;
  const budget = SLACK_LIMITS.charsBudget - reserve;
  const main = units.length ? pack(units, capacity, budget) : [[]];
  const thread = details.length ? pack(details, capacity, budget) : [];

  const n = main.length;
  const inThread = thread.length ? ' · the sources are in the thread' : '';
  const channel = main.map((body, i): SlackPostMessage => {
    const part = n > 1 ? ` (part ${i + 1} of ${n})` : '';
    // An alert's counts would only repeat its title ("1 company · 0 new figures · 1 conflict").
    const summary = d.alert ? (thread.length ? [context('The sources are in the thread')] : []) : [context(`${slackText(d.summary)}${inThread}`)];
    const top: SlackBlock[] = i === 0
      ? [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }, ...summary]
      : [context(`*${slackText(d.title)}*${part}`)];
    return {
      channel: opts.channel,
      text: slackText(d.alert ? `${d.title}${part}` : `${d.title}: ${d.summary}${part}`),
      blocks: [...top, ...body, context(`${foot}${part}`)],
      unfurl_links: false,
      unfurl_media: false,
    };
  });
  const t = thread.length;
  const replies = thread.map((body, i): SlackPostMessage => {
    const part = t > 1 ? ` (${i + 1} of ${t})` : '';
    return {
      channel: opts.channel,
      text: slackText(`${d.title}: the sources${part}`),
      blocks: [context(`*${slackText(d.title)}* · the sources${part}`), ...body],
      unfurl_links: false,
      unfurl_media: false,
    };
  });
  return { channel, thread: replies };
}

/** Every message of a digest in the order it is posted: the channel messages, then the thread. */
export function renderSlack(d: Digest, opts: SlackRenderOptions): SlackPostMessage[] {
  const m = renderSlackDigest(d, opts);
  return [...m.channel, ...m.thread];
}

/**
 * A message Slack refused as too long, as two or more smaller ones (null when it cannot be made
 * smaller): its blocks halved, or a single section's lines spread over several.
 */
export function splitSlackMessage(m: SlackPostMessage): SlackPostMessage[] | null {
  const as = (blocks: SlackBlock[], i: number): SlackPostMessage => ({ ...m, text: i === 0 ? m.text : `${m.text} (continued)`, blocks });
  const content = m.blocks.filter((b) => b.type !== 'divider');
  if (content.length >= 2) {
    const half = Math.ceil(m.blocks.length / 2);
    return [as(m.blocks.slice(0, half), 0), as(m.blocks.slice(half), 1)];
  }
  const only = content[0];
  if (!only || only.type !== 'section') return null;
  const lines = only.text.text.split('\n');
  if (lines.length < 2) return null;
  const half = Math.ceil(lines.length / 2);
  return [as([section(lines.slice(0, half).join('\n'))], 0), as([section(lines.slice(half).join('\n'))], 1)];
}

/** A notice for the admins: one section of our own words, no digest header or counts. */
export function renderSlackNotice(text: string, channel: string): SlackPostMessage {
  const body = slackEscape(text);
  return {
    channel,
    text: clipAtoms(`Moonshot notice: ${body}`, 3000, SLACK_ATOMS),
    blocks: [...sectionsOf([`⚠️ *Moonshot notice*`, ...body.split('\n')]), context('Moonshot · for the admins')],
    unfurl_links: false,
    unfurl_media: false,
  };
}
