// The reader's own cases, one class of the issue at a time, written for these tests (no outside text).
// A fact is written 'Company|metric|amount or name|flags': amount as 100M, 2.5B, EUR600M; flags past,
// talks, pre, post, r=Series C (round), d=2025-11 (refDate). Every case is read as its own article titled
// as given, published on its date (default 2026-05-10), against the watch list below.
import type { WatchedCompany } from '../../src/types';
import type { Case, ExpectedFact } from './scoring';

export const READER_WATCH: WatchedCompany[] = [
  { name: 'OpenAI', aliases: ['ChatGPT maker'] },
  { name: 'Anthropic', aliases: [] },
  { name: 'Acme Robotics', aliases: ['Acme'] },
  { name: 'Moonshot AI', aliases: ['Moonshot', 'Kimi maker'] },
  { name: 'Zhipu AI', aliases: ['Zhipu'] },
  { name: 'Mistral AI', aliases: ['Mistral'] },
  { name: 'xAI', aliases: [] },
  { name: 'Harvey', aliases: [] },
  { name: 'Perplexity', aliases: ['Perplexity AI'] },
  { name: 'Nimbus Labs', aliases: ['Nimbus'] },
  { name: 'Cohere', aliases: [] },
  { name: 'Databricks', aliases: [] },
  { name: 'Sakana AI', aliases: ['Sakana'] },
  { name: 'MiniMax', aliases: [] },
  { name: 'Cursor', aliases: ['Anysphere'] },
  { name: 'Safe Superintelligence', aliases: ['SSI'] },
  { name: 'Thinking Machines Lab', aliases: ['Thinking Machines'] },
  { name: 'Scale AI', aliases: [] },
];

const FX: Record<string, number> = { USD: 1, EUR: 1.16, GBP: 1.33, CNY: 0.14, JPY: 0.0067 };
const MAG: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

function parseFact(spec: string): ExpectedFact {
  const [company, metric, what, ...flags] = spec.split('|');
  const e: ExpectedFact = { company, metric, when: 'current', status: 'reported' };
  const m = /^([A-Z]{3})?(\d+(?:\.\d+)?)([KMBT])$/.exec(what);
  if (metric === 'lead_investor' || metric === 'investor' || !m) e.name = what;
  else e.usd = Number(m[2]) * MAG[m[3]] * FX[m[1] ?? 'USD'];
  for (const f of flags) {
    if (f === 'past') e.when = 'past';
    else if (f === 'talks') e.status = 'talks';
    else if (f === 'pre' || f === 'post') e.basis = f;
    else if (f.startsWith('r=')) e.round = f.slice(2);
    else if (f.startsWith('d=')) e.refDate = f.slice(2);
    else throw new Error(`unknown flag ${f} in ${spec}`);
  }
  return e;
}

type Row = [title: string, text: string, facts: string[], published?: string];

function cases(cls: string, rows: Row[]): Case[] {
  return rows.map(([title, text, facts, published], i) => ({
    class: cls, title, text, published: published ?? '2026-05-10T09:00:00Z', watch: READER_WATCH,
    facts: facts.map(parseFact), label: `${cls} #${i + 1}`,
  }));
}

const WHOSE: Row[] = [
  ['Harvey lands new round', 'The legal-AI startup closed a $100M Series C with money from Google Ventures, OpenAI and Kleiner Perkins.',
    ['Harvey|round_size|100M|r=Series C', 'Harvey|investor|Google Ventures', 'Harvey|investor|OpenAI', 'Harvey|investor|Kleiner Perkins']],
  ['A new lab for an ex-OpenAI scientist', 'A former OpenAI co-founder raised $1B for his new lab, two people familiar with the plans said.', []],
  ['Moonshot AI gets $500M', 'Moonshot AI raised $500 million on Tuesday. It is smaller than the $6.6B that OpenAI raised in October.',
    ['Moonshot AI|round_size|500M', 'OpenAI|round_size|6.6B|past|d=2025-10']],
  ['Europe’s champion raises again', 'Anthropic rival Mistral AI secured €600 million from a group of investors.', ['Mistral AI|round_size|EUR600M']],
  ['Mistral funding', 'Mistral AI, which competes with OpenAI and Anthropic, raised €1.7 billion in a Series C.', ['Mistral AI|round_size|EUR1.7B|r=Series C']],
  ['Perplexity raise', 'Perplexity, backed by Nvidia and Jeff Bezos, raised $500 million at a $9 billion valuation.',
    ['Perplexity|round_size|500M', 'Perplexity|valuation|9B', 'Perplexity|investor|Nvidia', 'Perplexity|investor|Jeff Bezos']],
  ['Harvey doubles valuation', 'OpenAI-backed Harvey has raised $300 million in fresh funding.', ['Harvey|round_size|300M', 'Harvey|investor|OpenAI']],
  ['Cohere deal', 'The deal values Cohere at $6.8 billion, people close to the matter said.', ['Cohere|valuation|6.8B']],
  ['OpenAI nears mega round', 'SoftBank is set to lead an investment of $40 billion in OpenAI.',
    ['OpenAI|round_size|40B|talks', 'OpenAI|lead_investor|SoftBank|talks']],
  ['Zhipu AI lists in Hong Kong', 'Unlike OpenAI, which raised $40 billion in March, Zhipu AI chose a public listing.', ['OpenAI|round_size|40B|past|d=2026-03']],
  ['Nimbus Labs seed', 'Nimbus Labs, founded by two former Anthropic researchers, raised $45 million in seed funding.', ['Nimbus Labs|round_size|45M']],
  ['Moonshot AI update', 'Its valuation now stands at $18 billion, the company said.', ['Moonshot AI|valuation|18B']],
  ['Acme Robotics funding', "The startup's latest raise, $200 million, values it at $3 billion.", ['Acme Robotics|round_size|200M', 'Acme Robotics|valuation|3B']],
  ['xAI round', "xAI's $6 billion round dwarfs the $1.1 billion Mistral AI gathered last summer.",
    ['xAI|round_size|6B', 'Mistral AI|round_size|1.1B|past|d=2025']],
  ['Sakana AI Series B', 'Tokyo-based Sakana AI raised ¥30 billion in a Series B round.', ['Sakana AI|round_size|JPY30B|r=Series B']],
  ['Cursor maker raises', 'Cursor maker Anysphere raised $900 million at a $9.9 billion valuation.', ['Cursor|round_size|900M', 'Cursor|valuation|9.9B']],
  ['Scale AI valuation', 'Scale AI, whose customers include OpenAI, was valued at $13.8 billion.', ['Scale AI|valuation|13.8B']],
  ['Thinking Machines seed', "Thinking Machines Lab, started by OpenAI's former technology chief, closed a $2 billion seed round.",
    ['Thinking Machines Lab|round_size|2B']],
  ['New lab money', 'A lab run by a former Google DeepMind researcher raised $300 million.', []],
  ['Anthropic and OpenAI', "Anthropic's valuation reached $183 billion after the round, while OpenAI is worth $500 billion.",
    ['Anthropic|valuation|183B', 'OpenAI|valuation|500B']],
  ['Anthropic raises $13B', 'Amazon, which has invested $8 billion in Anthropic, also joined the round.', ['Anthropic|investor|Amazon', 'Anthropic|round_size|13B']],
  ['Cohere raises $500M', 'Cohere raised $500 million. Rival OpenAI has raised far more, some $60 billion so far.',
    ['Cohere|round_size|500M', 'OpenAI|total_raised|60B']],
  ['MiniMax news', 'The Shanghai company raised $600 million, a sum Zhipu AI matched weeks later.', ['MiniMax|round_size|600M']],
  ['Safe Superintelligence funding', 'The lab co-founded by OpenAI’s former chief scientist raised $2 billion, valuing it at $32 billion.',
    ['Safe Superintelligence|round_size|2B', 'Safe Superintelligence|valuation|32B']],
  ['Databricks', 'Databricks is now valued at $100 billion, more than Snowflake’s market value.', ['Databricks|valuation|100B']],
  ['Perplexity raises $200M', 'Perplexity raised $200 million. By comparison, Anthropic’s latest round was $13 billion.',
    ['Perplexity|round_size|200M', 'Anthropic|round_size|13B']],
  ['Harvey', 'Harvey’s $300 million round was led by Kleiner Perkins and Coatue.',
    ['Harvey|round_size|300M', 'Harvey|lead_investor|Kleiner Perkins', 'Harvey|lead_investor|Coatue']],
  ['Mistral AI raises', 'The Paris-based firm raised €385 million, it said on Monday.', ['Mistral AI|round_size|EUR385M']],
];

const WHICH: Row[] = [
  ['Safe Superintelligence raises', 'The new funding values the young company at $32 billion.', ['Safe Superintelligence|valuation|32B']],
  ['OpenAI share sale', 'Investors are valuing it at a staggering $500 billion.', ['OpenAI|valuation|500B']],
  ['Nimbus Labs in talks', 'The round would value the startup at more than $2 billion.', ['Nimbus Labs|valuation|2B|talks']],
  ['Sakana AI', 'Its valuation was reported at $2.5 billion after a new round.', ['Sakana AI|valuation|2.5B']],
  ['OpenAI closes round', 'OpenAI raised $6.6 billion at $157 billion, a total that puts it on a par with the largest listed firms.',
    ['OpenAI|round_size|6.6B', 'OpenAI|valuation|157B']],
  ['Mistral AI', 'Mistral AI is now worth about $14 billion.', ['Mistral AI|valuation|14B']],
  ['Harvey', 'Harvey closed a $160 million round this week.', ['Harvey|round_size|160M']],
  ['Anthropic revenue', 'Anthropic’s annualised revenue is reaching $14bn, according to people briefed on the figures.', ['Anthropic|revenue|14B']],
  ['Cursor', "The company's run-rate revenue topped $500 million.", ['Cursor|revenue|500M']],
  ['Perplexity', 'Perplexity hit $200 million in ARR.', ['Perplexity|revenue|200M']],
  ['Cohere funding', 'The raise brings its total funding to $1.4 billion.', ['Cohere|total_raised|1.4B']],
  ['Databricks', 'Databricks has raised a total of $19 billion.', ['Databricks|total_raised|19B']],
  ['Cohere', 'Cohere has now raised $1.6 billion since it was founded.', ['Cohere|total_raised|1.6B']],
  ['Moonshot AI', 'Moonshot AI has raised about $1.2 billion to date.', ['Moonshot AI|total_raised|1.2B']],
  ['xAI', "The $2 billion raise lifted xAI's valuation to $50 billion.", ['xAI|round_size|2B', 'xAI|valuation|50B']],
  ['Zhipu AI', 'Zhipu AI secured 3 billion yuan in fresh capital at a post-money valuation of 40 billion yuan.',
    ['Zhipu AI|round_size|CNY3B', 'Zhipu AI|valuation|CNY40B|post']],
  ['Acme Robotics', "Acme's pre-money valuation was $800 million; the round adds $200 million.", ['Acme Robotics|valuation|800M|pre', 'Acme Robotics|round_size|200M']],
  ['MiniMax', 'MiniMax was valued at roughly $4 billion in the round, which raised $600 million.', ['MiniMax|valuation|4B', 'MiniMax|round_size|600M']],
  ['Cursor', 'Cursor now generates $1 billion in annualized revenue.', ['Cursor|revenue|1B']],
  ['Anthropic', 'The company holds about $3 billion in cash.', ['Anthropic|cash_reserves|3B']],
  ['Mistral AI', 'Mistral AI raised €385 million, or about $415 million, in a round led by Andreessen Horowitz.',
    ['Mistral AI|round_size|EUR385M', 'Mistral AI|lead_investor|Andreessen Horowitz']],
  ['Anthropic', 'The financing, worth $1 billion, was led by Lightspeed.', ['Anthropic|round_size|1B', 'Anthropic|lead_investor|Lightspeed']],
  ['Nimbus Labs', 'Investors put the value of the company at $5 billion.', ['Nimbus Labs|valuation|5B']],
  ['Zhipu AI', 'The company is raising $500 million in a deal that would value it at $5 billion.', ['Zhipu AI|round_size|500M|talks', 'Zhipu AI|valuation|5B|talks']],
  ['Thinking Machines Lab', 'Thinking Machines is seeking a valuation of about $50 billion.', ['Thinking Machines Lab|valuation|50B|talks']],
  ['Perplexity', 'Sales at Perplexity reached $80 million.', ['Perplexity|revenue|80M']],
  ['Scale AI', 'The startup was valued at $7.3 billion in a funding round worth $1 billion.', ['Scale AI|valuation|7.3B', 'Scale AI|round_size|1B']],
  ['Moonshot AI', 'Moonshot AI picked up $300 million, valuing the Kimi maker at $3.3 billion.', ['Moonshot AI|round_size|300M', 'Moonshot AI|valuation|3.3B']],
  ['Cohere', 'Cohere raised $500 million, pushing its valuation to $5.5 billion.', ['Cohere|round_size|500M', 'Cohere|valuation|5.5B']],
  ['Harvey', 'Harvey raked in $300 million at a valuation of $5 billion.', ['Harvey|round_size|300M', 'Harvey|valuation|5B']],
  ['Cursor', 'Anysphere scooped up $105 million in new funding.', ['Cursor|round_size|105M']],
  ['xAI', 'xAI’s annual revenue run rate is about $500 million.', ['xAI|revenue|500M']],
  ['Databricks', 'Databricks said its revenue run-rate passed $3 billion and that it had $10 billion of cash on hand.', ['Databricks|revenue|3B', 'Databricks|cash_reserves|10B']],
];

const WHEN: Row[] = [
  ['Anthropic', 'Anthropic was last valued at $61.5 billion early this year.', ['Anthropic|valuation|61.5B|past|d=2026'], '2026-09-15T09:00:00Z'],
  ['Cohere', 'The company previously had raised a total of about $1 billion.', ['Cohere|total_raised|1B|past']],
  ['Harvey', 'Revenue climbed to $100 million, up from $13 million at the end of last year.',
    ['Harvey|revenue|100M', 'Harvey|revenue|13M|past|d=2025-12']],
  ['Cursor', 'The new round values Cursor at $29.3 billion, after its June round valued it at $9.9 billion.',
    ['Cursor|valuation|29.3B', 'Cursor|valuation|9.9B|past|d=2026-06'], '2026-11-13T09:00:00Z'],
  ['Moonshot AI', 'Moonshot AI was valued at $4.3 billion last November.', ['Moonshot AI|valuation|4.3B|past|d=2025-11'], '2026-05-20T09:00:00Z'],
  ['Acme Robotics', 'In July, Acme raised $410 million in a Series B.', ['Acme Robotics|round_size|410M|past|r=Series B|d=2025-07']],
  ['Zhipu AI', 'Six months earlier, Zhipu AI had been valued at $4 billion.', ['Zhipu AI|valuation|4B|past|d=2025-11']],
  ['Mistral AI', 'Mistral AI raised €600 million in 2024.', ['Mistral AI|round_size|EUR600M|past|d=2024']],
  ['xAI', 'xAI closed a $6 billion round in December 2024.', ['xAI|round_size|6B|past|d=2024-12']],
  ['OpenAI', 'OpenAI, valued at $157 billion in October 2024, is now worth $300 billion.',
    ['OpenAI|valuation|157B|past|d=2024-10', 'OpenAI|valuation|300B'], '2026-04-02T09:00:00Z'],
  ['Anthropic', 'Two years ago, Anthropic raised $450 million.', ['Anthropic|round_size|450M|past|d=2024']],
  ['Perplexity', 'Perplexity was valued at $520 million in January 2024, a figure that has since grown to $9 billion.',
    ['Perplexity|valuation|520M|past|d=2024-01', 'Perplexity|valuation|9B']],
  ['Harvey', 'Harvey raised $300 million in February at a $3 billion valuation.',
    ['Harvey|round_size|300M|past|d=2026-02', 'Harvey|valuation|3B|past|d=2026-02']],
  ['Nimbus Labs', 'Nimbus Labs raised $20 million this week.', ['Nimbus Labs|round_size|20M']],
  ['Cohere', "Cohere's valuation more than doubled from $2.2 billion last year to $5.5 billion.",
    ['Cohere|valuation|2.2B|past|d=2025', 'Cohere|valuation|5.5B']],
  ['MiniMax', "MiniMax's valuation had reached $2.5 billion in March 2024.", ['MiniMax|valuation|2.5B|past|d=2024-03']],
  ['Sakana AI', 'Sakana AI raised $100 million in a Series A in September 2024 and has now added $135 million.',
    ['Sakana AI|round_size|100M|past|r=Series A|d=2024-09', 'Sakana AI|round_size|135M']],
  ['Scale AI', 'Scale AI was valued at $7.3 billion in 2021, before the new deal.', ['Scale AI|valuation|7.3B|past|d=2021']],
  ['Databricks', 'Databricks last raised in December, at a $62 billion valuation.', ['Databricks|valuation|62B|past|d=2025-12']],
  ['Moonshot AI', 'A year ago the Kimi maker was valued at $2.5 billion; today it is worth $4 billion.',
    ['Moonshot AI|valuation|2.5B|past|d=2025-05', 'Moonshot AI|valuation|4B']],
  ['Thinking Machines Lab', 'Thinking Machines Lab, which raised a $2 billion seed round last July, is seeking $5 billion more.',
    ['Thinking Machines Lab|round_size|2B|past|d=2025-07', 'Thinking Machines Lab|round_size|5B|talks']],
  ['Safe Superintelligence', 'SSI was valued at $5 billion in September 2024 and at $32 billion this spring.',
    ['Safe Superintelligence|valuation|5B|past|d=2024-09', 'Safe Superintelligence|valuation|32B']],
];

const NOT_FUNDING: Row[] = [
  ['Anthropic', 'Amazon doubled its investment to $8 billion.', []],
  ['Anthropic raises $3.5B', 'Google put in $2 billion of the round.', ['Anthropic|investor|Google', 'Anthropic|round_size|3.5B']],
  ['xAI', 'The offering drew $18 billion worth of interest from investors.', []],
  ['Harvey', 'The filing shows a minimum investment of $250,000.', []],
  ['OpenAI', "OpenAI's board authorised a share sale of up to $10 billion.", []],
  ['OpenAI', 'Employees sold $6.6 billion of existing shares in a secondary sale that valued OpenAI at $500 billion.', ['OpenAI|valuation|500B']],
  ['Mistral AI', 'France announced a €109 billion programme for AI infrastructure.', []],
  ['Nimbus Labs', 'Lightspeed closed a $9 billion fund last month.', []],
  ['Anthropic', 'Anthropic signed a $30 billion cloud contract with Microsoft.', []],
  ['Cohere', 'Listed rival Nvidia has a market value of $4 trillion.', []],
  ['Anthropic', 'Anthropic expects revenue to reach $70 billion in 2028.', []],
  ['Perplexity', 'The Pro plan costs $20 a month.', []],
  ['OpenAI', 'OpenAI agreed to buy $300 billion of computing power from Oracle.', []],
  ['Sakana AI', 'The company won a ¥1 billion government grant.', []],
  ['Moonshot AI', 'Alibaba holds a stake worth about $1 billion in Moonshot AI.', []],
  ['Zhipu AI', 'A city fund that manages 50 billion yuan invested in Zhipu AI.', []],
  ['Mistral AI', 'A tender offer lets Mistral AI staff sell $500 million of stock.', []],
  ['xAI', 'xAI is burning about $1 billion a month.', []],
  ['Anthropic', 'Anthropic’s $1.5 billion settlement with authors was approved.', []],
  ['Perplexity', 'Perplexity offered $34.5 billion to buy Chrome.', []],
  ['OpenAI', 'OpenAI projects $200 billion in revenue by 2030.', []],
  ['Databricks', 'Databricks is buying Neon for about $1 billion.', []],
  ['Cursor', 'Cursor’s parent set aside $50 million for an employee share sale.', []],
  // A stake held outside any round still names an investor, though its worth is no funding figure.
  ['Scale AI', 'Meta’s stake in Scale AI is now worth $14 billion.', ['Scale AI|investor|Meta']],
  ['Cohere', 'Canada’s government pledged C$240 million toward Cohere’s data centre.', []],
  ['Harvey', 'The secondary sale of $200 million in shares valued Harvey at $8 billion.', ['Harvey|valuation|8B']],
  ['Moonshot AI', 'Moonshot AI spent $100 million on marketing last quarter.', []],
  ['OpenAI', 'Nvidia said it would invest up to $100 billion in OpenAI as data centres come online.', ['OpenAI|investor|Nvidia']],
  ['Mistral AI', 'The government’s sovereign AI plan is worth €2.5 billion.', []],
  ['Acme Robotics', 'Acme Robotics won a $40 million order from a carmaker.', []],
];

const INVESTORS: Row[] = [
  ['Anthropic raises', 'The round was led by the Singapore sovereign wealth fund GIC and the hedge fund Coatue Management.',
    ['Anthropic|lead_investor|GIC', 'Anthropic|lead_investor|Coatue Management']],
  ['Mistral AI', 'The Series C was led by Dutch chipmaker ASML.', ['Mistral AI|lead_investor|ASML|r=Series C']],
  ['Anthropic', 'Fidelity Management & Research Company led the round.', ['Anthropic|lead_investor|Fidelity Management & Research Company']],
  ['Harvey', "Sarah Guo's Conviction Partners also invested.", ['Harvey|investor|Conviction Partners']],
  ['Databricks', 'Existing investor Accel led the Series F.', ['Databricks|lead_investor|Accel|r=Series F']],
  ['Cursor', 'The lead investors for this round were Accel and Coatue.', ['Cursor|lead_investor|Accel', 'Cursor|lead_investor|Coatue']],
  ['OpenAI', 'SoftBank is set to lead the round.', ['OpenAI|lead_investor|SoftBank|talks']],
  ['Moonshot AI', 'The round was led by Chinese tech giant Tencent.', ['Moonshot AI|lead_investor|Tencent']],
  ['Perplexity', 'Participation came from Nvidia, Bessemer Venture Partners and IVP.',
    ['Perplexity|investor|Nvidia', 'Perplexity|investor|Bessemer Venture Partners', 'Perplexity|investor|IVP']],
  ['Nimbus Labs', 'Backers include Sequoia Capital and General Catalyst.', ['Nimbus Labs|investor|Sequoia Capital', 'Nimbus Labs|investor|General Catalyst']],
  ['Cohere', 'It was co-led by Radical Ventures and Inovia Capital, with participation from Nvidia and Salesforce Ventures.',
    ['Cohere|lead_investor|Radical Ventures', 'Cohere|lead_investor|Inovia Capital', 'Cohere|investor|Nvidia', 'Cohere|investor|Salesforce Ventures']],
  ['Sakana AI', 'Lead investors included Japanese bank MUFG and US firm New Enterprise Associates.',
    ['Sakana AI|lead_investor|MUFG', 'Sakana AI|lead_investor|New Enterprise Associates']],
  ['Mistral AI', 'Andreessen Horowitz, Lightspeed Venture Partners and General Catalyst joined the round.',
    ['Mistral AI|investor|Andreessen Horowitz', 'Mistral AI|investor|Lightspeed Venture Partners', 'Mistral AI|investor|General Catalyst']],
  ['Anthropic', 'Iconiq Capital led the $13 billion Series F, co-led by Fidelity and Lightspeed.',
    ['Anthropic|lead_investor|Iconiq Capital', 'Anthropic|lead_investor|Fidelity', 'Anthropic|lead_investor|Lightspeed', 'Anthropic|round_size|13B|r=Series F']],
  ['Zhipu AI', 'State-backed investors from Beijing and Shanghai led the round.', []],
  ['xAI', 'Valor Equity Partners led the round, with Nvidia and AMD participating.',
    ['xAI|lead_investor|Valor Equity Partners', 'xAI|investor|Nvidia', 'xAI|investor|AMD']],
  ['Cursor', 'Thrive Capital led, joined by Andreessen Horowitz.', ['Cursor|lead_investor|Thrive Capital', 'Cursor|investor|Andreessen Horowitz']],
  ['Scale AI', 'Accel, an early backer, led the round.', ['Scale AI|lead_investor|Accel']],
  ['Moonshot AI', 'The round was led in March by Alibaba.', ['Moonshot AI|lead_investor|Alibaba|past|d=2026-03']],
  ['Harvey', 'The round was led by Sequoia, according to a statement.', ['Harvey|lead_investor|Sequoia']],
  ['Perplexity', 'Led by IVP, the round also drew NEA and Databricks Ventures.', ['Perplexity|lead_investor|IVP', 'Perplexity|investor|NEA', 'Perplexity|investor|Databricks Ventures']],
  ['Mistral AI', 'The European round was led by French bank BNP Paribas.', ['Mistral AI|lead_investor|BNP Paribas']],
  ['Safe Superintelligence', 'Greenoaks Capital is leading the deal.', ['Safe Superintelligence|lead_investor|Greenoaks Capital']],
  ['Acme Robotics', 'The Series A was led by Index Ventures, with Y Combinator and SV Angel also investing.',
    ['Acme Robotics|lead_investor|Index Ventures|r=Series A', 'Acme Robotics|investor|Y Combinator', 'Acme Robotics|investor|SV Angel']],
  ['Cohere', 'Investors in the round include PSP Investments, Cisco and Oracle.',
    ['Cohere|investor|PSP Investments', 'Cohere|investor|Cisco', 'Cohere|investor|Oracle']],
  ['Moonshot AI', 'The round was led by Monday Capital in November.', ['Moonshot AI|lead_investor|Monday Capital|past|d=2025-11']],
];

const MONEY: Row[] = [
  ['OpenAI', 'The deal valued OpenAI at$10 billion.', ['OpenAI|valuation|10B']],
  ['Zhipu AI', 'Zhipu AI raised $2.3 billion (around ¥16.3 billion) in the round.', ['Zhipu AI|round_size|2.3B']],
  ['Anthropic', 'Anthropic raised $29.3 billion, approximately ¥207.9 billion, in new capital.', ['Anthropic|round_size|29.3B']],
  ['Cohere', 'Cohere raised US$150 million in a Series B.', ['Cohere|round_size|150M|r=Series B']],
  ['Harvey', 'Harvey closed a $235-million round.', ['Harvey|round_size|235M']],
  ['Moonshot AI', 'Moonshot AI raised 5 billion yuan ($717 million).', ['Moonshot AI|round_size|717M']],
  ['Mistral AI', 'Mistral AI is raising close to 500 million euros.', ['Mistral AI|round_size|EUR500M|talks']],
  ['xAI', 'xAI raised US$6bn.', ['xAI|round_size|6B']],
  ['Sakana AI', 'Sakana AI raised 20 billion yen (about $135 million).', ['Sakana AI|round_size|135M']],
  ['Anthropic', 'Anthropic raised $3.5bn at a $61.5bn post-money valuation.', ['Anthropic|round_size|3.5B', 'Anthropic|valuation|61.5B|post']],
  ['Perplexity', 'Perplexity raised $500 mln at a $14 bln valuation.', ['Perplexity|round_size|500M', 'Perplexity|valuation|14B']],
  ['Cursor', 'Anysphere raised $2.3B at a $29.3B valuation.', ['Cursor|round_size|2.3B', 'Cursor|valuation|29.3B']],
  ['Moonshot AI', 'Moonshot AI raised RMB 2 billion.', ['Moonshot AI|round_size|CNY2B']],
  ['Acme Robotics', 'Acme Robotics raised €40m.', ['Acme Robotics|round_size|EUR40M']],
  ['Mistral AI', "Mistral AI's valuation is €11.7 billion ($13.6 billion).", ['Mistral AI|valuation|13.6B']],
  ['Harvey', 'Harvey raised $300M, valuing it at $3B.', ['Harvey|round_size|300M', 'Harvey|valuation|3B']],
  ['Nimbus Labs', 'Nimbus Labs raised $1.5 million in pre-seed funding.', ['Nimbus Labs|round_size|1.5M']],
  ['OpenAI', 'OpenAI closed a US$40-billion round.', ['OpenAI|round_size|40B']],
  ['Sakana AI', 'Sakana AI, the Tokyo start-up, was valued at ¥400 billion, or about $2.7 billion.', ['Sakana AI|valuation|2.7B']],
  ['MiniMax', 'MiniMax raised $850 million, approximately RMB 6.1 billion, at a $4 billion valuation.', ['MiniMax|round_size|850M', 'MiniMax|valuation|4B']],
  ['Zhipu AI', 'Zhipu AI raised 1 billion yuan (about US$140 million) from state funds in Hangzhou.', ['Zhipu AI|round_size|CNY1B']],
  ['Databricks', 'Databricks raised $10bn at a $62bn valuation.', ['Databricks|round_size|10B', 'Databricks|valuation|62B']],
  ['Acme Robotics', 'Acme Robotics raised £30 million ($40 million).', ['Acme Robotics|round_size|40M']],
  ['xAI', 'xAI is raising $15 billion at a valuation of about $200 billion, sources said.', ['xAI|round_size|15B|talks', 'xAI|valuation|200B|talks']],
];

/** Constructions read in coverage from other hands: roundups, boilerplate, translated wire copy. */
const CONSTRUCTIONS: [cls: string, row: Row][] = [
  ['investors', ['Harvey round', 'Kleiner Perkins co-led the round with former Stripe chief operating officer Claire Hughes and Elad Gil.',
    ['Harvey|lead_investor|Kleiner Perkins', 'Harvey|lead_investor|Claire Hughes', 'Harvey|lead_investor|Elad Gil']]],
  ['investors', ['Acme Robotics Series B', 'The Series B was co-led by former GitHub chief executive Nat Friedman and Daniel Gross.',
    ['Acme Robotics|lead_investor|Nat Friedman|r=Series B', 'Acme Robotics|lead_investor|Daniel Gross|r=Series B']]],
  ['investors', ['Thinking Machines Lab funding', 'Thinking Machines Lab, a company led by former OpenAI technology chief Mira Murati, raised $2 billion.',
    ['Thinking Machines Lab|round_size|2B']]],
  ['investors', ['Zhipu AI', 'When Zhipu AI announced a 2 billion yuan round on Thursday, the first name on the list was not a venture firm but Hangzhou City Investment, the city’s state capital arm, which led the round.',
    ['Zhipu AI|round_size|CNY2B|d=2026-05-07', 'Zhipu AI|lead_investor|Hangzhou City Investment']]],
  ['whose', ['Harvey raises again', 'Weekly brief. Anysphere, coding agent: $500M ARR, up from about $100M at the start of the year.',
    ['Cursor|revenue|500M', 'Cursor|revenue|100M|past|d=2026-01']]],
  ['which', ['Harvey’s second $300 million in four months', 'Harvey’s second $300 million in four months came from Kleiner Perkins.',
    ['Harvey|round_size|300M', 'Harvey|investor|Kleiner Perkins']]],
  ['which', ['Nimbus Labs raises a Series B', 'About Nimbus Labs: Founded in 2022, Nimbus Labs has raised more than $90 million from leading investors.',
    ['Nimbus Labs|total_raised|90M']]],
  ['when', ['Acme Robotics Series B', 'Acme Robotics has raised $120 million in a Series B. The company had raised $75 million before.',
    ['Acme Robotics|round_size|120M|r=Series B', 'Acme Robotics|total_raised|75M|past']]],
  ['when', ['Sakana AI Series B', 'Sakana AI’s Series B values the Tokyo company at ¥400 billion. That is up from about ¥225 billion at the Series A in September 2025.',
    ['Sakana AI|valuation|JPY400B|r=Series B', 'Sakana AI|valuation|JPY225B|past|d=2025-09']]],
  ['which', ['Chart of the week', 'Cursor valuation: $2.6B (Jan) → $29.3B (Nov). Perplexity: $9B (Jan) → $20B (Nov). Scale AI total raised: $1.6B.',
    ['Cursor|valuation|2.6B|past|d=2025-01', 'Cursor|valuation|29.3B|d=2025-11', 'Perplexity|valuation|9B|past|d=2025-01', 'Perplexity|valuation|20B|d=2025-11', 'Scale AI|total_raised|1.6B'], '2025-12-01T09:00:00Z']],
  ['which', ['Europe’s gap', 'Mistral AI has raised about 1 billion euros in total. OpenAI, by comparison, has raised more than $20 billion, and Anthropic more than $14 billion.',
    ['Mistral AI|total_raised|EUR1B', 'OpenAI|total_raised|20B', 'Anthropic|total_raised|14B']]],
];

export const READER_CASES: Case[] = [
  ...CONSTRUCTIONS.flatMap(([cls, row], i) => cases(cls, [row]).map((c) => ({ ...c, label: `${cls} construction #${i + 1}` }))),
  ...cases('whose', WHOSE), ...cases('which', WHICH), ...cases('when', WHEN),
  ...cases('not-funding', NOT_FUNDING), ...cases('investors', INVESTORS), ...cases('money', MONEY),
];
