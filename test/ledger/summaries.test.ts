// A company's kept answers (its summary) against the plain definition: the rounds stage over every
// live fact the ledger holds on it, asked afresh. Whatever was recorded, corrected or left undated,
// and whichever process asks, the kept answer is the one the facts give now; and once a poll has
// recorded facts, a question reads the answer it worked out rather than working it out again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Article, Fact, Metric, Money } from '../../src/types';
import type { Store } from '../../src/store/types';
import { Ledger, type CompanySummary } from '../../src/ledger';
import { analyseRounds } from '../../src/rounds';
import { factLinks } from '../../src/commands/format';
import { parseConfig } from '../../src/config';
import { pollOnce } from '../../src/scheduler';
import { silentLogger } from '../../src/log';
import { sql } from 'kysely';
import { describeEachStore } from '../helpers/stores';
import { BRIGHTWATER, CORVID, record, TESSELLATE, TESSELLATE_TALKS, WATCH } from './coverage';

const usd = (value: number): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx: false });
const METRICS_ASKED: Metric[][] = [['valuation'], ['round_size'], ['lead_investor', 'investor'], ['total_raised'], ['revenue'], ['cash_reserves']];

/** The plain definition: every live fact, through the rounds stage, now; and the links each answer would give over them. */
async function plain(ledger: Ledger, company: string, now: Date, windowDays?: number): Promise<{ a: ReturnType<typeof analyseRounds>; links: string[] }> {
  const facts = (await ledger.facts(company)).map((f) => f.fact);
  const a = analyseRounds(facts, { now, ...(windowDays ? { windowDays } : {}) });
  return { a, links: linksOf(a.facts, a.rounds.map((r) => r.id)) };
}

/** Every answer's links: per metric set, for each round and for all rounds. */
function linksOf(facts: Pick<Fact, 'metric' | 'when' | 'roundId' | 'source' | 'url' | 'published'>[], roundIds: string[]): string[] {
  return METRICS_ASKED.flatMap((ms) => [undefined, ...roundIds].map((id) => JSON.stringify(factLinks(facts.filter((f) => ms.includes(f.metric) && f.when === 'current' && (id === undefined || f.roundId === id))))));
}

async function expectPlain(kept: CompanySummary, ledger: Ledger, company: string, now: Date, windowDays?: number): Promise<void> {
  const p = await plain(ledger, company, now, windowDays);
  expect(kept.rounds).toEqual(p.a.rounds);
  expect(kept.current).toEqual(p.a.current);
  expect(kept.conflicts).toEqual(p.a.conflicts);
  expect(linksOf(kept.links, p.a.rounds.map((r) => r.id))).toEqual(p.links);
}

function article(id: string, source: string, published: string | null): Article {
  return { id, title: `${source} on Corvid Labs`, url: `https://news.example/${id}`, canonicalUrl: `https://news.example/${id}`, source, feed: `https://${source.replace(/ /g, '')}.example/feed`, published, summary: '', text: '', duplicates: [] };
}
function fact(a: Article, f: Partial<Fact> & Pick<Fact, 'metric'>): Fact {
  return { company: 'Corvid Labs', when: 'current', status: 'reported', articleId: a.id, source: a.source, url: a.url, quote: `${a.source} wrote about ${f.metric}.`, published: a.published, ...f };
}

const T = (day: number): Date => new Date(Date.UTC(2026, 10, 20 + day, 9));

describeEachStore('company summaries', ({ place }) => {
  let store: Store;
  beforeEach(async () => {
    store = await place().open();
  });

  it('give what the facts give, poll after poll, to this process and to another', async () => {
    const other = new Ledger(await place().open(), WATCH);
    const items = [...CORVID, ...TESSELLATE, ...TESSELLATE_TALKS, ...BRIGHTWATER];
    for (let i = 0; i < items.length; i++) {
      await record(store, [items[i]], T(i));
      const ledger = new Ledger(store, WATCH);
      for (const company of ['Corvid Labs', 'Tessellate AI', 'Brightwater Robotics']) {
        await expectPlain(await ledger.rounds(company, T(i)), ledger, company, T(i));
        // The other process held its own summary from the poll before: the generation tells it that moved on.
        await expectPlain(await other.rounds(company, T(i)), ledger, company, T(i));
      }
    }
  });

  it('follow a correction that withdraws a figure, and a figure recorded again', async () => {
    const ledger = new Ledger(store, WATCH);
    const reader = new Ledger(store, WATCH);
    const m = article('m1', 'Wire', '2026-11-19T08:00:00Z');
    await ledger.record({ articles: [m], facts: [fact(m, { metric: 'valuation', amount: usd(20e9), round: 'Series C' })], events: [] }, T(0));
    expect((await reader.rounds('Corvid Labs', T(0))).current.find((c) => c.metric === 'valuation')?.amount?.value).toBe(20e9);
    const m2 = { ...m, title: 'Corrected' };
    await ledger.record({ articles: [m2], facts: [fact(m2, { metric: 'valuation', amount: usd(25e9), round: 'Series C', quote: 'Corrected: $25 billion.' })], events: [] }, T(1), { revised: new Map([['m1', ['m1']]]) });
    const kept = await reader.rounds('Corvid Labs', T(1));
    expect(kept.current.find((c) => c.metric === 'valuation')?.amount?.value).toBe(25e9);
    await expectPlain(kept, ledger, 'Corvid Labs', T(1));
  });

  it('with an undated fact, hold for the day they were worked out, as the rounds stage dates it by then', async () => {
    const ledger = new Ledger(store, WATCH);
    const a = article('u1', 'Wire', null);
    const b = article('u2', 'Post', '2026-11-20T08:00:00Z');
    await ledger.record({ articles: [a, b], facts: [fact(a, { metric: 'round_size', amount: usd(3e8) }), fact(b, { metric: 'round_size', amount: usd(3e8), round: 'Series B' })], events: [] }, T(0));
    await expectPlain(await ledger.rounds('Corvid Labs', T(0)), ledger, 'Corvid Labs', T(0));
    // Ninety days on, the undated report is no longer in the dated one's weeks.
    const later = T(90);
    await expectPlain(await ledger.rounds('Corvid Labs', later), ledger, 'Corvid Labs', later);
    expect((await ledger.rounds('Corvid Labs', later)).rounds).not.toEqual((await ledger.rounds('Corvid Labs', T(0))).rounds);
  });

  it('are not taken for another grouping window', async () => {
    await record(store, CORVID, T(0));
    await new Ledger(store, WATCH).refresh(T(0));
    await new Ledger(store, WATCH).rounds('Corvid Labs', T(0));
    const narrow = new Ledger(store, WATCH, { roundWindowDays: 1 });
    await expectPlain(await narrow.rounds('Corvid Labs', T(0)), narrow, 'Corvid Labs', T(0), 1);
  });

  it('made by other rules (an older bot\'s) are worked out again, not read', async () => {
    await record(store, CORVID, T(0));
    await new Ledger(store, WATCH).rounds('Corvid Labs', T(0));
    // As an older bot would have left it: the same generation, other rules, other answers.
    await store.tables.write((trx) => sql`UPDATE ledger_summaries SET options = ${'rules older; window 45'}, body = ${JSON.stringify({ rounds: [], current: [], conflicts: [], series: [], metrics: [], links: [] })}`.execute(trx));
    const fresh = new Ledger(store, WATCH);
    await expectPlain(await fresh.rounds('Corvid Labs', T(0)), fresh, 'Corvid Labs', T(0));
    expect(fresh.rebuilds).toBe(1);
  });

  it('are worked out by the poll that recorded the facts: the next question, in another ledger, reads them', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Quay Times</title><link>https://quay.example/</link>
        <item><title>Corvid Labs lands $400 million Series B</title><link>https://quay.example/corvid-b</link><guid>q-1</guid><pubDate>${T(0).toUTCString()}</pubDate>
        <description>Corvid Labs has raised $400 million in a Series B led by Alder Partners that values the company at $4 billion.</description></item>
      </channel></rss>`);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
      const config = parseConfig(['feeds:', `  - url: ${url}`, 'watch: ["Corvid Labs|Corvid"]', 'allowHosts: [127.0.0.1]'].join('\n'), 'test.yml', {});
      const deps = { store, config: () => config, owner: 'test', random: () => 0, log: silentLogger(), notifyAdmin: async () => undefined, deliver: async () => undefined };
      const now = new Date(T(0).getTime() + 3_600_000);
      expect((await pollOnce(deps, now)).facts).toBeGreaterThan(0);
      const asking = new Ledger(store, config.watch);
      const answer = await asking.rounds('Corvid Labs', now);
      expect(answer.current.find((c) => c.metric === 'valuation')?.amount?.value).toBe(4e9);
      expect(asking.rebuilds).toBe(0);
      await expectPlain(answer, asking, 'Corvid Labs', now);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});
