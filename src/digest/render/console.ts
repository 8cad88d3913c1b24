// Digest -> plain text for a terminal: what the console destination prints and `moonshot demo` shows.
import type { Digest, SourceRef } from '../digest';
import { clip, consoleText as t } from '../escape';
import { possessive } from '../alert';

const QUOTE_MAX = 300;
const RULE = '─'.repeat(60);

function said(r: SourceRef): string {
  const where = r.url ? `${t(r.source)} <${t(r.url)}>` : t(r.source);
  return r.quote ? `“${t(clip(r.quote, QUOTE_MAX))}” — ${where}` : where;
}

export function renderConsole(d: Digest): string {
  // An alert's title says what happened; digest counts under it would only repeat it.
  const out: string[] = d.alert ? [RULE, t(d.title), RULE] : [RULE, `🌙 ${t(d.title)}`, t(d.summary), RULE];
  if (d.sections.length === 0 && d.unwatched.length === 0) out.push('Nothing new in this window.');
  for (const s of d.sections) {
    out.push('', t(s.company));
    for (const e of s.events) {
      out.push(`  📰 ${t(e.headline)} (${e.sourceCount === 1 ? '1 source' : `${e.sourceCount} sources`})`);
      for (const l of e.links) out.push(`       ${t(l.source)}${l.url ? ` <${t(l.url)}>` : ''}`);
    }
    for (const c of s.conflicts) {
      out.push(`  ⚠️  CONFLICT · ${c.label}: the sources disagree`);
      for (const cl of c.claims) {
        out.push(`     • ${t(cl.value)}`);
        for (const r of cl.sources) out.push(`         ${said(r)}`);
      }
    }
    for (const f of s.newFigures) {
      out.push(`  🆕 ${f.label}: ${t(f.value)}`);
      for (const r of f.sources) out.push(`       ${said(r)}`);
    }
    for (const f of s.confirmed) out.push(`  ✅ ${f.label}: ${t(f.value)} — confirmed by ${f.sources.map((r) => t(r.source)).join(', ')}`);
  }
  if (d.unwatched.length) {
    out.push('', 'Also raising (not on your watch list)');
    for (const u of d.unwatched) out.push(`  • ${t(u.company)}${u.amount ? ` — ${t(u.amount)}` : ''} — ${t(u.headline)}${u.url ? ` <${t(u.url)}>` : ''}`);
  }
  out.push(RULE, t(d.footer), '');
  return out.join('\n');
}

/**
 * What a digest's channel message says, as plain lines (no links, no markup): for a preview in a
 * command's answer. The same headline lines compose made for the channel; the details are not here.
 */
export function headlineLines(d: Digest): string[] {
  const out: string[] = [d.summary];
  for (const s of d.sections) {
    out.push('', s.company);
    for (const e of s.stories) out.push(`📰 ${e.headline} · ${e.sourceCount === 1 ? '1 source' : `${e.sourceCount} sources`}`);
    for (const c of s.conflicts) out.push(`⚠️ Sources disagree on ${possessive(s.company)} ${c.topic}: ${c.claims.map((cl) => `${cl.value} (${cl.sources.map((r) => r.source).join(', ')})`).join(' vs ')}`);
    for (const h of s.headline) {
      out.push(h.kind === 'round' ? `🆕 ${h.text}` : h.kind === 'investors' ? `🆕 Investors: ${h.text}` : `🆕 ${h.label}: ${h.text} — ${h.sources.map((r) => r.source).join(', ')}`);
      for (const q of h.quotes) out.push(`  “${clip(q.quote, 200)}” — ${q.source}`);
    }
    for (const f of s.confirmed) out.push(`✅ ${f.label}: ${f.value} — confirmed by ${f.sources.map((r) => r.source).join(', ')}`);
  }
  if (d.unwatched.length) {
    out.push('', 'Also raising (not on your watch list)');
    for (const u of d.unwatched) out.push(`• ${u.company}${u.amount ? ` — ${u.amount}` : ''} — ${u.headline}`);
  }
  return out;
}
