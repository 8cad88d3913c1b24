// `moonshot scan --format markdown`: the scan as a digest in which everything is new.
import type { ScanResult, WatchedCompany } from '../types';
import { composeDigest, digestInputFromScan } from './compose';
import { renderMarkdown } from './render/markdown';
import { currentLine, roundLine } from './rounds';
import { metricLabel } from './money';

export interface ScanRenderOptions {
  watch?: WatchedCompany[];
  now?: Date;
}

export function renderScanMarkdown(r: ScanResult, opts: ScanRenderOptions = {}): string {
  const digest = composeDigest(digestInputFromScan(r, { watch: opts.watch?.map((w) => w.name), now: opts.now }));
  const head = `${r.articles.length} articles read, ${r.events.length} funding events, ${r.rounds.length} rounds, ${r.facts.length} figures, ${r.conflicts.length} conflicts`;
  return renderMarkdown(digest, r.errors).replace(/\n\n/, `\n\n${head}\n\n${roundsSection(r, opts)}`);
}

const NOW_LABELS: Partial<Record<string, string>> = { round_size: 'Latest round', valuation: 'Valuation', lead_investor: 'Led by' };

/** Per company: what it answers today, then its rounds, newest first, one line each. */
function roundsSection(r: ScanResult, opts: ScanRenderOptions): string {
  const watched = opts.watch?.length ? new Set(opts.watch.map((w) => w.name.toLowerCase())) : null;
  const companies = [...new Set([...r.rounds.map((x) => x.company), ...r.current.map((c) => c.company)])]
    .filter((c) => !watched || watched.has(c.toLowerCase()));
  if (companies.length === 0) return '';
  const out: string[] = ['## Rounds', ''];
  for (const c of companies) {
    out.push(`### ${c}`, '');
    for (const a of r.current.filter((x) => x.company === c && x.metric !== 'investor')) out.push(`- ${NOW_LABELS[a.metric] ?? metricLabel(a.metric)}: ${currentLine(a)}`);
    for (const x of r.rounds.filter((y) => y.company === c).reverse()) out.push(`- ${roundLine(x)}`);
    out.push('');
  }
  return out.join('\n') + '\n';
}
