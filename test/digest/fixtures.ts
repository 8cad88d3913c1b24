// Digest inputs written for the tests: one with disagreeing sources, one far too big for one message.
import type { DigestInput, LedgerFigure } from '../../src/types';
import type { Money } from '../../src/types';

export const usd = (value: number, extra: Partial<Money> = {}): Money => ({ value, currency: 'USD', usd: value, low: value, high: value, approx: false, ...extra });

const A1 = { id: 'a1', title: 'Moonshot AI closes a big new round', url: 'https://wire.example/moonshot-round', source: 'Tech Wire' };
const A2 = { id: 'a2', title: 'Kimi maker Moonshot said to raise at a higher price', url: 'https://ledger.example/kimi', source: 'Capital Ledger' };

/** Moonshot AI: $2B vs $500M for the Series C, Sequoia China vs Meituan Longzhu as lead. */
export function conflictingInput(): DigestInput {
  return {
    title: 'Moonshot digest',
    since: '2026-11-21T08:00:00.000Z',
    until: '2026-11-22T08:00:00.000Z',
    events: [{ id: 'e1', company: 'Moonshot AI', articleIds: ['a1', 'a2'], headline: A1.title, published: '2026-11-21T10:00:00.000Z', articles: [A1, A2] }],
    newFigures: [
      { company: 'Moonshot AI', metric: 'valuation', amount: usd(4.3e9), basis: 'post', round: 'Series C', when: 'current', status: 'reported', firstSeen: '2026-11-21T10:00:00.000Z',
        sources: [{ source: A1.source, url: A1.url, articleId: 'a1', quote: 'The deal puts Moonshot AI at $4.3 billion after the money.', published: null }] },
      { company: 'Moonshot AI', metric: 'revenue', amount: { value: 3e9, currency: 'CNY', usd: 4.2e8, low: 3e9, high: 3e9, approx: false }, when: 'current', status: 'talks', firstSeen: '2026-11-21T10:00:00.000Z',
        sources: [{ source: A2.source, url: A2.url, articleId: 'a2', quote: 'Its annual sales could reach 3 billion yuan, people said.', published: null }] },
    ],
    confirmed: [
      { company: 'Moonshot AI', metric: 'total_raised', amount: usd(1.3e9, { approx: true }), when: 'current', status: 'reported', firstSeen: '2026-10-01T00:00:00.000Z',
        sources: [{ source: A2.source, url: A2.url, articleId: 'a2', quote: 'It has raised about $1.3 billion so far.', published: null }] },
    ],
    conflicts: [
      { company: 'Moonshot AI', metric: 'round_size', claims: [
        { amount: usd(2e9), round: 'Series C', articleIds: ['a1'], sources: [A1.source], quotes: ['Moonshot AI raised $2 billion in a Series C.'] },
        { amount: usd(5e8), round: 'Series C', articleIds: ['a2'], sources: [A2.source], quotes: ['The Series C brought in $500 million, the filing shows.'] },
      ] },
      { company: 'Moonshot AI', metric: 'lead_investor', claims: [
        { name: 'Sequoia China', articleIds: ['a1'], sources: [A1.source], quotes: ['Sequoia China led the round.'] },
        { name: 'Meituan Longzhu', articleIds: ['a2'], sources: [A2.source], quotes: ["Meituan's Longzhu fund led, according to two people."] },
      ] },
    ],
    unwatched: [{ company: 'Tiny Robotics', headline: 'Tiny Robotics lands seed money', url: 'https://wire.example/tiny', source: 'Tech Wire', amount: usd(1.2e7), metric: 'round_size' }],
  };
}

/** `companies` companies with `perCompany` new figures each, every figure with long quotes from three sources. */
export function oversizedInput(companies = 40, perCompany = 12): DigestInput {
  const newFigures: LedgerFigure[] = [];
  const events: DigestInput['events'] = [];
  for (let c = 0; c < companies; c++) {
    const company = `Company ${c}`;
    events.push({ id: `e${c}`, company, articleIds: [`a${c}`], headline: `${company} raises again, and the story is long `.repeat(4), published: null,
      articles: [{ id: `a${c}`, title: 't', url: `https://news.example/${c}`, source: 'News' }] });
    for (let f = 0; f < perCompany; f++) {
      newFigures.push({
        company, metric: 'valuation', amount: usd((c + 1) * 1e9 + f * 1e6), when: 'current', status: 'reported', firstSeen: '2026-11-22T00:00:00.000Z',
        sources: [0, 1, 2].map((s) => ({ source: `Outlet ${s}`, url: `https://o${s}.example/${c}/${f}`, articleId: `a${c}-${f}-${s}`,
          quote: `Figure ${c}-${f}: ${'a sentence that goes on and on about the deal '.repeat(6)}`, published: null })),
      });
    }
  }
  return { title: 'Big digest', since: null, until: '2026-11-22T08:00:00.000Z', events, newFigures, confirmed: [], conflicts: [], unwatched: [] };
}

/** Feed text that tries to ping everyone, in every place feed text lands. */
export function mentionInput(): DigestInput {
  const evil = 'Hey @everyone and @here <!channel> <!here> <@U123> <@&1> <#42> look';
  const input = conflictingInput();
  input.events[0].headline = evil;
  input.events[0].articles[0].source = `Wire ${evil}`;
  input.newFigures[0].sources[0].quote = evil;
  input.newFigures[0].company = 'Moonshot AI';
  input.conflicts[1].claims[0].name = `Sequoia @everyone <@U123>`;
  input.conflicts[1].claims[0].quotes = [evil];
  input.unwatched[0].headline = evil;
  input.unwatched[0].company = '<!channel> Corp';
  return input;
}
