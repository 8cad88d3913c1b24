// Placeholder: replaced by the digest renderer (see issues 3 and 4).
import type { ScanResult } from '../types';

export function renderScanMarkdown(r: ScanResult): string {
  const lines = [`# Moonshot scan`, '', `${r.articles.length} articles, ${r.facts.length} facts, ${r.conflicts.length} conflicts`];
  for (const e of r.errors) lines.push(`- error: ${e.source}: ${e.message}`);
  return lines.join('\n') + '\n';
}
