// Digest -> markdown, for a person reading `moonshot scan` output or a file.
import type { Digest, SourceRef } from '../digest';
import { clip, markdownLink, markdownText } from '../escape';

const QUOTE_MAX = 400;

function said(r: SourceRef): string {
  const who = markdownLink(r.url, r.source);
  return r.quote ? `${who}: “${markdownText(clip(r.quote, QUOTE_MAX))}”` : who;
}

export function renderMarkdown(d: Digest, errors: { source: string; message: string }[] = []): string {
  const out: string[] = [`# 🌙 ${markdownText(d.title)}`, '', `_${d.summary}_`, ''];
  if (d.sections.length === 0 && d.unwatched.length === 0) out.push('Nothing new in this window.', '');
  for (const s of d.sections) {
    out.push(`## ${markdownText(s.company)}`, '');
    for (const e of s.events) {
      const count = e.sourceCount === 1 ? '1 source' : `${e.sourceCount} sources`;
      const links = e.links.map((l) => markdownLink(l.url, l.source)).join(' · ');
      out.push(`- 📰 **${markdownText(e.headline)}**${e.published ? ` (${e.published.slice(0, 10)})` : ''} — ${count}${links ? `: ${links}` : ''}`);
    }
    if (s.events.length) out.push('');
    for (const c of s.conflicts) {
      out.push(`- ⚠️ **CONFLICT · ${c.label}**: the sources disagree`);
      for (const cl of c.claims) {
        out.push(`  - **${markdownText(cl.value)}**`);
        for (const r of cl.sources) out.push(`    - ${said(r)}`);
      }
    }
    for (const f of s.newFigures) {
      out.push(`- 🆕 **${f.label}**: ${markdownText(f.value)}`);
      for (const r of f.sources) out.push(`  - ${said(r)}`);
    }
    for (const f of s.confirmed) {
      out.push(`- ✅ **${f.label}**: ${markdownText(f.value)} — confirmed by ${f.sources.map((r) => markdownLink(r.url, r.source)).join(', ')}`);
    }
    if (s.conflicts.length || s.newFigures.length || s.confirmed.length) out.push('');
  }
  if (d.unwatched.length) {
    out.push('## Also raising (not on your watch list)', '');
    for (const u of d.unwatched) {
      out.push(`- **${markdownText(u.company)}**${u.amount ? ` — ${markdownText(u.amount)}` : ''} — ${markdownLink(u.url, u.headline || u.source)}${u.headline && u.source ? ` (${markdownText(u.source)})` : ''}`);
    }
    out.push('');
  }
  if (errors.length) {
    out.push('## Sources that could not be read', '');
    for (const e of errors) out.push(`- \`${e.source.replace(/`/g, "'")}\`: ${markdownText(e.message)}`);
    out.push('');
  }
  out.push('---', `_${markdownText(d.footer)}_`, '');
  return out.join('\n');
}
