// The first read of a feed an admin adds or tests, through the same pipeline the poller uses, so what
// the admin sees is what the bot will read.
import { analyse, collectArticles } from '../pipeline';
import { readSource } from '../feeds/read';
import type { CommandDeps, ProbeResult } from './types';
import { readingContext } from '../facts/extract';

export async function probeFeed(url: string, deps: CommandDeps): Promise<ProbeResult> {
  const r = await readSource(url, deps.readOptions);
  if (!r.ok) return { ok: false, error: r.error };
  const watch = await deps.watch.list();
  const articles = collectArticles([{ feed: url, document: r.document }]);
  const { facts } = analyse(articles, readingContext({ watch, rates: deps.rates, now: deps.now?.() ?? new Date(), log: deps.log }));
  return { ok: true, probe: { title: r.document.title, format: r.document.format, items: r.document.entries.length, warnings: r.document.warnings, facts } };
}
