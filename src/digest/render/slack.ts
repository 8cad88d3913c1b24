// Digest -> Slack `chat.postMessage` bodies (Block Kit). Several messages when the digest outgrows
// one: at most 50 blocks each, 3,000 characters per section, 150 for the header; nothing dropped.
import type { CompanySection, ConflictLine, Digest, FigureLine, SourceRef } from '../digest';
import { clip, slackLink, slackText } from '../escape';

export const SLACK_LIMITS = { blocksPerMessage: 50, sectionText: 3000, headerText: 150, contextText: 2000 } as const;

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

/** How long a quote may run in a digest; the link leads to the rest. */
const QUOTE_MAX = 300;

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, SLACK_LIMITS.contextText) }] });

/** Lines into as few section blocks as fit, each within the section limit; a single overlong line is cut at the limit. */
export function sectionsOf(lines: string[], max: number = SLACK_LIMITS.sectionText): SlackBlock[] {
  const out: SlackBlock[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = raw.length > max ? clip(raw, max) : raw;
    if (cur && cur.length + 1 + line.length > max) {
      out.push(section(cur));
      cur = '';
    }
    cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur) out.push(section(cur));
  return out;
}

function quoteLine(r: SourceRef): string {
  const q = r.quote ? `_“${slackText(clip(r.quote, QUOTE_MAX))}”_ — ` : '';
  return `>${q}${slackLink(r.url, r.source)}`;
}

function figureLines(mark: string, f: FigureLine): string[] {
  return [`${mark} *${f.label}*: ${slackText(f.value)}`, ...f.sources.map(quoteLine)];
}

function conflictLines(c: ConflictLine): string[] {
  const lines = [`⚠️ *CONFLICT · ${c.label}*: the sources disagree`];
  for (const cl of c.claims) {
    lines.push(`• *${slackText(cl.value)}*`);
    for (const r of cl.sources) lines.push(quoteLine(r));
  }
  return lines;
}

/** A company's blocks: heading, events, conflicts, new figures, confirmed figures. */
function companyBlocks(s: CompanySection): SlackBlock[] {
  const blocks: SlackBlock[] = [section(`*${slackText(clip(s.company, 200))}*`)];
  if (s.events.length) {
    blocks.push(...sectionsOf(s.events.map((e) => {
      const links = e.links.map((l) => slackLink(l.url, l.source)).join(' · ');
      const count = e.sourceCount === 1 ? '1 source' : `${e.sourceCount} sources`;
      return `📰 ${slackText(e.headline)} — ${count}${links ? `: ${links}` : ''}`;
    })));
  }
  for (const c of s.conflicts) blocks.push(...sectionsOf(conflictLines(c)));
  for (const f of s.newFigures) blocks.push(...sectionsOf(figureLines('🆕', f)));
  if (s.confirmed.length) {
    blocks.push(...sectionsOf(s.confirmed.map((f) =>
      `✅ *${f.label}*: ${slackText(f.value)} — confirmed by ${f.sources.map((r) => slackLink(r.url, r.source)).join(', ')}`)));
  }
  return blocks;
}

export interface SlackRenderOptions {
  channel: string;
}

/** A digest as one or more `chat.postMessage` bodies, in the order they must be posted. */
export function renderSlack(d: Digest, opts: SlackRenderOptions): SlackPostMessage[] {
  const title = clip(`🌙 ${d.title}`, SLACK_LIMITS.headerText);
  const units: { heading: string; blocks: SlackBlock[] }[] = d.sections.map((s) => ({ heading: `*${slackText(clip(s.company, 200))}* (continued)`, blocks: companyBlocks(s) }));
  if (d.unwatched.length) {
    const heading = '*Also raising* (not on your watch list)';
    units.push({
      heading: `${heading} (continued)`,
      blocks: sectionsOf([heading, ...d.unwatched.map((u) =>
        `• *${slackText(u.company)}*${u.amount ? ` — ${slackText(u.amount)}` : ''} — ${slackLink(u.url, u.headline || u.source)}${u.headline && u.source ? ` (${slackText(u.source)})` : ''}`)]),
    });
  }
  if (units.length === 0) units.push({ heading: '', blocks: [section('_Nothing new in this window._')] });

  // Each message: [header, summary] or [continued], the body, a divider between companies, [footer].
  const capacity = SLACK_LIMITS.blocksPerMessage - 3;
  const bodies: SlackBlock[][] = [[]];
  for (const unit of units) {
    let body = bodies[bodies.length - 1];
    const need = unit.blocks.length + (body.length ? 1 : 0);
    if (body.length && body.length + need > capacity) {
      body = [];
      bodies.push(body);
    }
    let pending = unit.blocks;
    if (body.length) body.push({ type: 'divider' });
    while (pending.length) {
      const room = capacity - body.length;
      body.push(...pending.slice(0, room));
      pending = pending.slice(room);
      if (pending.length) {
        body = [];
        bodies.push(body);
        pending = [section(unit.heading), ...pending];
      }
    }
  }

  const n = bodies.length;
  return bodies.map((body, i) => {
    const part = n > 1 ? ` (part ${i + 1} of ${n})` : '';
    const top: SlackBlock[] = i === 0
      ? [{ type: 'header', text: { type: 'plain_text', text: title, emoji: true } }, context(slackText(d.summary))]
      : [context(`*${slackText(d.title)}*${part}`)];
    return {
      channel: opts.channel,
      text: slackText(`${d.title}: ${d.summary}${part}`),
      blocks: [...top, ...body, context(`${slackText(d.footer)}${part}`)],
      unfurl_links: false,
      unfurl_media: false,
    };
  });
}
