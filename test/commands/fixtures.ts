// A ledger in a real SQLite file, filled through the real Ledger API with facts written for these tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { Ledger } from '../../src/ledger';
import { DEFAULT_CONFIG, type MoonshotConfig } from '../../src/config';
import type { Article, Fact, FundingEvent, Money } from '../../src/types';
import { commandDeps } from '../../src/commands/deps';
import type { CommandDeps } from '../../src/commands/types';

export const WATCH = [
  { name: 'Moonshot AI', aliases: ['Moonshot', 'Kimi maker'] },
  { name: 'MiniMax', aliases: [] },
  { name: 'Zhipu AI', aliases: ['Zhipu'] },
];

export function testConfig(extra: Partial<MoonshotConfig> = {}): MoonshotConfig {
  return { ...DEFAULT_CONFIG, watch: WATCH, defaultCompany: 'Moonshot AI', admins: ['UADMIN'], allowHosts: ['127.0.0.1'], ...extra };
}

export interface TempStore {
  dir: string;
  file: string;
  store: Store;
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function tempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-cmd-'));
  const file = join(dir, 'moonshot.sqlite');
  const opened: Store[] = [];
  const open = async (): Promise<Store> => { const s = await openStore({ path: file }); opened.push(s); return s; };
  const store = await open();
  return {
    dir, file, store, reopen: open,
    async cleanup() { for (const s of opened) await s.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

const usd = (v: number, approx = false): Money => ({ value: v, currency: 'USD', usd: v, low: v, high: v, approx });

const SOURCES = [
  { source: 'Pacific Tech Wire', published: '2026-10-28T08:00:00Z' },
  { source: 'Ledger Daily', published: '2026-10-29T09:00:00Z' },
  { source: 'Startup Beat', published: '2026-10-30T10:00:00Z' },
  { source: 'Capital Notes', published: '2026-11-02T11:00:00Z' },
];

function article(i: number, source: string, published: string): Article {
  const url = `https://news.example/${i}`;
  return { id: `a${i}`, title: `Kimi maker funding story ${i}`, url, canonicalUrl: url, source, feed: `https://feeds.example/${i}.xml`, published, summary: '', text: '', duplicates: [] };
}

function fact(i: number, f: Partial<Fact> & Pick<Fact, 'metric'>): Fact {
  const s = SOURCES[i % SOURCES.length];
  return {
    company: 'Moonshot AI', when: 'current', status: 'reported', articleId: `a${i}`, source: s.source, url: `https://news.example/${i}`,
    quote: `Test sentence ${i} about the ${f.metric}.`, published: s.published, ...f,
  };
}

/** Moonshot AI: valuation $20B from 4 sources, an older $4.3B, lead investor Sequoia China (2) vs Meituan Longzhu (1). */
export async function seedLedger(store: Store): Promise<void> {
  const ledger = new Ledger(store, WATCH);
  const articles = SOURCES.map((s, i) => article(i, s.source, s.published));
  const facts: Fact[] = [
    ...[0, 1, 2, 3].map((i) => fact(i, { metric: 'valuation', amount: usd(20e9), quote: `Writer ${i} puts the Kimi maker at twenty billion dollars.` })),
    fact(1, { metric: 'valuation', amount: usd(4.3e9), when: 'past', quote: 'It had been valued at 4.3 billion earlier.' }),
    fact(0, { metric: 'lead_investor', name: 'Sequoia China', quote: 'Sequoia China led the round, writer zero says.' }),
    fact(2, { metric: 'lead_investor', name: 'Sequoia China', quote: 'Writer two also credits Sequoia China with leading.' }),
    fact(3, { metric: 'lead_investor', name: 'Meituan Longzhu', quote: 'Writer three says Meituan Longzhu led instead.' }),
    fact(0, { metric: 'round_size', amount: usd(2e9), round: 'Series C', quote: 'The Series C brought in two billion dollars.' }),
  ];
  const events: FundingEvent[] = [{ id: 'e1', company: 'Moonshot AI', articleIds: ['a0', 'a1'], headline: 'Kimi maker raises at a $20B valuation', published: '2026-10-28T08:00:00Z' }];
  await ledger.record({ articles, facts, events }, new Date('2026-11-03T00:00:00Z'));
}

export function depsFor(store: Store, config = testConfig()): CommandDeps {
  return commandDeps(store, () => config, { now: () => new Date('2026-11-03T12:00:00Z') });
}

export const cliActor = { platform: 'cli' as const, userId: 'terminal' };
export const cliPlace = { platform: 'cli' as const, channel: null };
