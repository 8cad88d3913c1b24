// Digest -> plain text for a terminal: what the console destination prints and `moonshot demo` shows.
import type { Digest, SourceRef } from '../digest';
import { clip, consoleText as t } from '../escape';

const QUOTE_MAX = 300;
const RULE = '─'.repeat(60);

function said(r: SourceRef): string {
  const where = r.url ? `${t(r.source)} <${t(r.url)}>` : t(r.source);
  return r.quote ? `“${t(clip(r.quote, QUOTE_MAX))}” — ${where}` : where;
}

export function renderConsole(d: Digest): string {
  const out: string[] = [RULE, `🌙 ${t(d.title)}`, t(d.summary), RULE];
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
