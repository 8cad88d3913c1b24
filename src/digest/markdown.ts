// `moonshot scan --format markdown`: the scan as a digest in which everything is new.
import type { ScanResult, WatchedCompany } from '../types';
import { composeDigest, digestInputFromScan } from './compose';
import { renderMarkdown } from './render/markdown';

export interface ScanRenderOptions {
  watch?: WatchedCompany[];
  now?: Date;
}

export function renderScanMarkdown(r: ScanResult, opts: ScanRenderOptions = {}): string {
  const digest = composeDigest(digestInputFromScan(r, { watch: opts.watch?.map((w) => w.name), now: opts.now }));
  const head = `${r.articles.length} articles read, ${r.events.length} funding events, ${r.facts.length} figures, ${r.conflicts.length} conflicts`;
  return renderMarkdown(digest, r.errors).replace(/\n\n/, `\n\n${head}\n\n`);
}
