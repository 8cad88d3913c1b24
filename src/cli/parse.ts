import type { CliIO } from './io';
import { UsageError } from './io';
import { parseOptions } from './main';
import { readAll } from '../pipeline';
import type { SourceResult } from '../types';

const USAGE = 'moonshot parse [--format json|markdown] SOURCE...';

export async function parseCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, { format: { type: 'string', default: 'markdown' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) { io.out(`usage: ${USAGE}\n`); return 0; }
  const format = values.format as string;
  if (format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be json or markdown, not "${format}"`, USAGE);
  if (positionals.length === 0) throw new UsageError('give at least one feed URL or file', USAGE);
  const results = await readAll(positionals);
  for (const r of results) io.out(format === 'json' ? JSON.stringify(toContract(r)) + '\n' : toMarkdown(r));
  return results.every((r) => r.ok) ? 0 : 1;
}

function toContract(r: SourceResult): object {
  if (!r.ok) return { source: r.source, ok: false, error: r.error };
  const d = r.document;
  return {
    source: r.source, ok: true, format: d.format, title: d.title,
    items: d.entries.map((e) => ({ title: e.title, url: e.url, guid: e.guid, published: e.published, summary: e.summary })),
    ...(d.warnings.length ? { warnings: d.warnings } : {}),
  };
}

function toMarkdown(r: SourceResult): string {
  if (!r.ok) return `## ${r.source}\n\nerror: ${r.error}\n\n`;
  const d = r.document;
  const items = d.entries.map((e) => `- ${e.title || '(untitled)'}${e.published ? ` (${e.published.slice(0, 10)})` : ''}${e.url ? ` <${e.url}>` : ''}`);
  const warnings = d.warnings.map((w) => `> warning: ${w}`);
  return [`## ${d.title || r.source} (${d.format}, ${d.entries.length} items)`, '', ...warnings, ...(warnings.length ? [''] : []), ...items, '', ''].join('\n');
}
