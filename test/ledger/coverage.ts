// Coverage written for these tests: feed items about made-up companies, read by the real pipeline
// (articles, facts, rounds) and recorded in a real ledger, so a test asks `/moonshot` what a user would.
import type { FeedDocument, WatchedCompany } from '../../src/types';
import type { Store } from '../../src/store/types';
import { analyse, collectArticles } from '../../src/pipeline';
import { DEFAULT_CONFIG } from '../../src/config';
import { Ledger, type StoredFact } from '../../src/ledger';

export interface Item { outlet: string; published: string; title: string; body: string }

export const WATCH: WatchedCompany[] = [
  { name: 'Corvid Labs', aliases: ['Corvid'] },
  { name: 'Tessellate AI', aliases: ['Tessellate'] },
  { name: 'Brightwater Robotics', aliases: ['Brightwater'] },
  { name: 'Lumen Harbor', aliases: [] },
  { name: 'Quillon AI', aliases: ['Quillon'] },
];

let n = 0;
/** Reads the items as their outlets' feeds would carry them and records what was read, as one poll at `at`. */
export async function record(store: Store, items: Item[], at: Date, opts: { backfill?: boolean } = {}): Promise<{ added: number; facts: StoredFact[] }> {
  const docs = items.map((it): { feed: string; document: FeedDocument } => {
    const slug = `${it.outlet.toLowerCase().replace(/\W+/g, '-')}`;
    const id = `${slug}-${++n}`;
    return {
      feed: `https://${slug}.example/feed.xml`,
      document: {
        format: 'rss', title: it.outlet, link: `https://${slug}.example/`, warnings: [],
        entries: [{ title: it.title, url: `https://${slug}.example/story/${id}`, guid: id, published: it.published, summary: it.body, content: null, author: null }],
      },
    };
  });
  const articles = collectArticles(docs);
  const a = analyse(articles, { watch: WATCH, rates: DEFAULT_CONFIG.rates, now: at });
  const r = await new Ledger(store, WATCH).record({ articles, facts: a.facts, events: a.events }, at, opts);
  return { added: r.added.length, facts: r.added };
}

/** Three rounds over a year, no disagreement; and a revenue series. */
export const CORVID: Item[] = [
  { outlet: 'Harbor Ledger', published: '2025-03-10T09:00:00Z', title: 'Corvid Labs raises $150 million Series A',
    body: 'Corvid Labs raised $150 million in a Series A led by Pinecrest Capital, at a valuation of $1 billion.' },
  { outlet: 'Quay Times', published: '2025-09-15T09:00:00Z', title: 'Corvid Labs lands $400 million Series B',
    body: 'Corvid Labs has raised $400 million in a Series B led by Alder Partners that values the company at $4 billion. Its annualized revenue reached $50 million, the company said.' },
  { outlet: 'Harbor Ledger', published: '2026-03-02T09:00:00Z', title: 'Corvid Labs closes $1 billion Series C',
    body: 'Corvid Labs closed a $1 billion Series C led by Northgate Fund, valuing it at $12 billion post-money. Annual recurring revenue is now $200 million.' },
  { outlet: 'Signal Post', published: '2026-03-03T11:00:00Z', title: 'Northgate leads Corvid Labs round',
    body: 'Corvid Labs raised $1 billion in its Series C at a $12 billion post-money valuation, with Northgate Fund leading the deal.' },
];

/** Two sources on one round that disagree on its lead. */
export const TESSELLATE: Item[] = [
  { outlet: 'Harbor Ledger', published: '2026-05-07T08:00:00Z', title: 'Tessellate AI raises $2 billion',
    body: 'Tessellate AI raised $2 billion in a Series C led by Sequoia China, valuing it at $20 billion post-money.' },
  { outlet: 'Quay Times', published: '2026-05-08T10:00:00Z', title: 'Tessellate AI round: another account of its lead',
    body: 'The $2 billion Series C of Tessellate AI was led by Meituan Longzhu, two people familiar with the deal said.' },
];

/** Half a year later, a new round in talks: reported beside the closed one, never instead. */
export const TESSELLATE_TALKS: Item[] = [
  { outlet: 'Signal Post', published: '2026-11-10T08:00:00Z', title: 'Tessellate AI seeks new money',
    body: 'Tessellate AI is in talks to raise new funding at a valuation of about $30 billion, according to people familiar with the matter.' },
];

/** In talks in September, closed in October: one round. */
export const BRIGHTWATER: Item[] = [
  { outlet: 'Quay Times', published: '2026-09-04T08:00:00Z', title: 'Brightwater Robotics in talks for new funding',
    body: 'Brightwater Robotics is in talks to raise about $300 million at a valuation of roughly $3 billion, people briefed on the plans said.' },
  { outlet: 'Harbor Ledger', published: '2026-10-12T08:00:00Z', title: 'Brightwater Robotics raises $320 million',
    body: 'Brightwater Robotics raised $320 million in a Series B at a $3.2 billion valuation.' },
];

/** A round named in passing: the article reports a Series C and mentions last year's Series B. */
export const LUMEN: Item[] = [
  { outlet: 'Signal Post', published: '2026-06-20T08:00:00Z', title: 'Lumen Harbor raises $500 million',
    body: 'Lumen Harbor raised $500 million in a Series C at a $6 billion valuation. In July 2025 it raised $200 million in a Series B that valued it at $1.5 billion.' },
];

/** Two sources on one round that disagree on its valuation. */
export const QUILLON: Item[] = [
  { outlet: 'Harbor Ledger', published: '2026-08-03T08:00:00Z', title: 'Quillon AI raises $1 billion Series D',
    body: 'Quillon AI raised $1 billion in a Series D that values the startup at $10 billion post-money.' },
  { outlet: 'Quay Times', published: '2026-08-04T09:00:00Z', title: 'Quillon AI valued at $14 billion',
    body: 'Quillon AI raised $1 billion in its Series D at a $14 billion post-money valuation, according to a filing.' },
];
