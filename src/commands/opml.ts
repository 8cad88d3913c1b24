// OPML (the feed list format readers export) to feed URLs. Outlines nest in folders; every outline
// with an xmlUrl is a feed, wherever it sits.
import { Parser } from 'htmlparser2';

export interface OpmlFeed {
  url: string;
  title: string | null;
}

export type OpmlResult = { ok: true; feeds: OpmlFeed[] } | { ok: false; error: string };

export function parseOpml(text: string): OpmlResult {
  const feeds: OpmlFeed[] = [];
  let sawOpml = false;
  let firstElement: string | null = null;
  const parser = new Parser({
    onopentag(name, attrs) {
      const n = name.toLowerCase();
      firstElement ??= n;
      if (n === 'opml') sawOpml = true;
      if (n !== 'outline') return;
      const get = (k: string): string | undefined => Object.entries(attrs).find(([a]) => a.toLowerCase() === k)?.[1];
      const url = get('xmlurl')?.trim();
      if (url) feeds.push({ url, title: (get('title') ?? get('text'))?.trim() || null });
    },
  }, { xmlMode: true, decodeEntities: true });
  parser.write(text);
  parser.end();
  if (!sawOpml) return { ok: false, error: `not an OPML file${firstElement ? ` (it starts with <${firstElement}>)` : ''}` };
  if (!feeds.length) return { ok: false, error: 'the OPML file lists no feeds (no <outline xmlUrl="…">)' };
  return { ok: true, feeds };
}
