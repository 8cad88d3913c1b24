// `moonshot parse`: only the feed-reading stage, printed per source in the order given.
import type { CliIO } from './io';
import { parseOptions, UsageError } from './io';
import { readSource, type ReadOptions } from '../feeds/read';
import type { SourceResult } from '../types';

const USAGE = 'moonshot parse [--format json|markdown] [--allow-host HOST]... SOURCE...';
// Reading is mostly waiting on the network; parsing is quick. A few at once keeps a long list moving.
const CONCURRENCY = 8;

export async function parseCommand(argv: string[], io: CliIO, opts: ReadOptions = {}): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'markdown' },
    'allow-host': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) {
    io.out(`usage: ${USAGE}\n\n  --allow-host H let the fetcher reach a host its address guard refuses, e.g. 127.0.0.1 (repeatable)\n`);
    return 0;
  }
  const allowHosts = (values['allow-host'] as string[] | undefined) ?? [];
  if (allowHosts.length) opts = { ...opts, fetch: { ...opts.fetch, allowHosts: [...(opts.fetch?.allowHosts ?? []), ...allowHosts] } };
  const format = values.format as string;
  if (format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be json or markdown, not "${format}"`, USAGE);
  if (positionals.length === 0) throw new UsageError('give at least one feed URL or file', USAGE);
  let allOk = true;
  await readInOrder(positionals, opts, (r) => {
    allOk &&= r.ok;
    io.out(format === 'json' ? JSON.stringify(toContract(r)) + '\n' : toMarkdown(r));
  });
  return allOk ? 0 : 1;
}

/** Reads sources a few at a time and hands each result on as soon as all before it are out, so
 *  output starts early and memory stays flat however many sources are given. */
async function readInOrder(sources: string[], opts: ReadOptions, emit: (r: SourceResult) => void): Promise<void> {
  const done = new Map<number, SourceResult>();
  let next = 0;
  let flushed = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const i = next++;
      done.set(i, await readSource(sources[i], opts));
      while (done.has(flushed)) {
        emit(done.get(flushed) as SourceResult);
        done.delete(flushed++);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, sources.length) }, worker));
}

function toContract(r: SourceResult): object {
  if (!r.ok) return { source: r.source, ok: false, error: r.error };
  const d = r.document;
  return {
    source: r.source, ok: true, format: d.format, title: d.title, link: d.link,
    items: d.entries.map((e) => ({ title: e.title, url: e.url, guid: e.guid, published: e.published, summary: e.summary, author: e.author })),
    ...(d.warnings.length ? { warnings: d.warnings } : {}),
  };
}

function toMarkdown(r: SourceResult): string {
  if (!r.ok) return `## ${r.source}\n\nerror: ${r.error}\n\n`;
  const d = r.document;
  const items = d.entries.map((e) => `- ${e.title || '(untitled)'}${e.published ? ` (${e.published.slice(0, 10)})` : ''}${e.url ? ` <${e.url}>` : ''}`);
  const warnings = d.warnings.map((w) => `> warning: ${w}`);
  const count = `${d.entries.length} item${d.entries.length === 1 ? '' : 's'}`;
  return [`## ${d.title || r.source} (${d.format}, ${count})`, '', ...warnings, ...(warnings.length ? [''] : []), ...items, '', ''].join('\n');
}
