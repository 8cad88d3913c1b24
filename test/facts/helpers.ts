// Builds articles and contexts for the fact readers' tests: text written for these tests, not copied.
import type { Article, Fact, WatchedCompany } from '../../src/types';
import { DEFAULT_RATES } from '../../src/facts/rates';
import { extractFacts, type ExtractContext } from '../../src/facts/extract';

export const WATCH: WatchedCompany[] = [
  { name: 'Moonshot AI', aliases: ['Moonshot', 'Kimi maker', '月之暗面'] },
  { name: 'MiniMax', aliases: [] },
  { name: 'Zhipu AI', aliases: ['Zhipu'] },
  { name: 'Acme Robotics', aliases: ['Acme'] },
];

export const CTX: ExtractContext = { watch: WATCH, rates: DEFAULT_RATES, now: new Date('2026-11-22T00:00:00Z') };

let n = 0;
export function article(text: string, opts: Partial<Article> = {}): Article {
  n++;
  const title = opts.title ?? text.split('\n')[0];
  return {
    id: opts.id ?? `a${n}`, title, url: opts.url ?? `https://news.example/${n}`, canonicalUrl: null,
    source: opts.source ?? 'Test Wire', feed: 'test.xml', published: opts.published ?? '2026-05-10T00:00:00Z',
    summary: '', text: opts.title ? `${opts.title}\n${text}` : text, duplicates: [],
  };
}

export function facts(text: string, opts: Partial<Article> = {}, ctx: ExtractContext = CTX): Fact[] {
  return extractFacts(article(text, opts), ctx);
}

/** A compact view of a fact for table-driven expectations. */
export function brief(f: Fact): string {
  const a = f.amount;
  const amt = a ? `${a.currency} ${a.value}${a.low === null ? ' low=null' : a.low !== a.value ? ` low=${a.low}` : ''}${a.high === null ? ' high=null' : a.high !== a.value ? ` high=${a.high}` : ''}${a.approx ? ' ~' : ''}` : f.name;
  return [f.company, f.metric, amt, f.when === 'past' ? 'past' : '', f.status === 'talks' ? 'talks' : '', f.basis ?? '', f.round ?? ''].filter(Boolean).join(' | ');
}
