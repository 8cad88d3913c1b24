import { brief, facts, article, CTX } from './helpers';
import { extractFacts } from '../../src/facts/extract';

// Each sentence is read inside an article titled about Moonshot AI (the main company for "the company").
const read = (text: string): string[] => facts(text, { title: 'Moonshot AI funding news' }).map(brief).sort();

const CASES: [string, string[]][] = [
  // metric by the nearest cue
  ['Moonshot AI raised $2B at a $20B valuation.', ['Moonshot AI | round_size | USD 2000000000', 'Moonshot AI | valuation | USD 20000000000']],
  ['Moonshot AI landed a $2 billion round at a $20 billion valuation.', ['Moonshot AI | round_size | USD 2000000000', 'Moonshot AI | valuation | USD 20000000000']],
  ['Moonshot AI has secured $1 billion, pushing its valuation to $9 billion.', ['Moonshot AI | round_size | USD 1000000000', 'Moonshot AI | valuation | USD 9000000000']],
  ['Moonshot AI closed a $500 million Series C.', ['Moonshot AI | round_size | USD 500000000 | Series C']],
  ['MiniMax secured $600 million in new funding.', ['MiniMax | round_size | USD 600000000']],
  ['The raise brings Moonshot\'s total funding to $3.5 billion.', ['Moonshot AI | total_raised | USD 3500000000']],
  ['MiniMax has raised more than $1.5 billion in total since its founding.', ['MiniMax | total_raised | USD 1500000000 high=null']],
  ['Moonshot AI has raised a total of $4.2 billion across five rounds.', ['Moonshot AI | total_raised | USD 4200000000']],
  ['Zhipu AI raised nearly $3 billion within nine months.', ['Zhipu AI | total_raised | USD 3000000000 ~']],
  ['Cumulative funding for Zhipu AI stands at $2.8 billion.', ['Zhipu AI | total_raised | USD 2800000000']],
  ['Zhipu AI has a revenue run-rate of roughly $100 million and about $700 million in cash reserves.', ['Zhipu AI | cash_reserves | USD 700000000 ~', 'Zhipu AI | revenue | USD 100000000 ~']],
  ['MiniMax reported annual recurring revenue of more than US$70 million.', ['MiniMax | revenue | USD 70000000 high=null']],
  ['Moonshot AI now books ARR of $240 million.', ['Moonshot AI | revenue | USD 240000000']],
  ['Zhipu AI posted revenue of $45 million for the year.', ['Zhipu AI | revenue | USD 45000000']],
  ['The startup\'s annualized revenue hit $150 million, a 10x jump.', ['Moonshot AI | revenue | USD 150000000']],
  ['The company has $1.2 billion in the bank.', ['Moonshot AI | cash_reserves | USD 1200000000']],
  ['Moonshot AI now sits on a war chest of $1.8 billion.', ['Moonshot AI | cash_reserves | USD 1800000000']],
  ['Zhipu AI had cash on hand of about $900 million.', ['Zhipu AI | cash_reserves | USD 900000000 ~']],
  ['The round, valued at about $1 billion, lifted the company\'s post-money valuation above $12 billion.', ['Moonshot AI | round_size | USD 1000000000 ~', 'Moonshot AI | valuation | USD 12000000000 high=null | post']],
  ['Moonshot AI is now valued at $12 billion after the round.', ['Moonshot AI | valuation | USD 12000000000']],
  ['Moonshot AI\'s pre-money valuation of $18 billion compares with a post-money valuation of $20 billion.', ['Moonshot AI | valuation | USD 18000000000 | pre', 'Moonshot AI | valuation | USD 20000000000 | post']],
  ['Zhipu AI was valued at $6 billion post-money.', ['Zhipu AI | valuation | USD 6000000000 | post']],
  ['The funding round, worth $2 billion, was the largest of the year.', ['Moonshot AI | round_size | USD 2000000000']],
  // not funding figures
  ['The API is priced at $2 per million tokens.', []],
  ['The market for AI chips will reach $400 billion by 2030.', []],
  ['Training a frontier model can cost tens, if not hundreds, of millions of dollars just for compute.', []],
  ['A single GPU cluster can cost $500 million.', []],
  ['Moonshot AI pays senior engineers salaries of up to $1 million.', []],
  ['Zhipu AI was fined $2 million by regulators.', []],
  ['Moonshot AI spent $300 million on hardware last year.', []],
  ['Moonshot AI raised $2B at a 100x revenue multiple.', ['Moonshot AI | round_size | USD 2000000000']],
  ['Token demand surged 1000x as Moonshot AI grew.', []],
  ['Moonshot AI shipped a 70B parameters model.', []],
  ['Global AI startups raised $50 billion in the first quarter.', []],
  ['Investors poured $2 billion into Chinese AI labs last quarter.', []],
  ['The headline figure of $2 billion commands attention.', []],
  // whose figure it is
  ['An AGI infrastructure startup raised $2.2B this week.', []],
  ['Rival Zhipu AI raised $400 million, while Moonshot closed a $1 billion round.', ['Moonshot AI | round_size | USD 1000000000', 'Zhipu AI | round_size | USD 400000000']],
  ['Unlike Zhipu AI, Moonshot raised $1 billion.', ['Moonshot AI | round_size | USD 1000000000']],
  ['OpenAI, which raised $40 billion this spring, is not slowing down.', ['OpenAI | round_size | USD 40000000000']],
  ['Acme Robotics, a Berlin startup, closed a €40 million Series B.', ['Acme Robotics | round_size | EUR 40000000 | Series B']],
  ['Meanwhile, Acme raised $30 million.', ['Acme Robotics | round_size | USD 30000000']],
  ['Berlin-based Klarwerk raises $12 million to automate welding.', ['Klarwerk | round_size | USD 12000000']],
  ['The number that counts is the $90 million in ARR that Zhipu AI reported.', ['Zhipu AI | revenue | USD 90000000']],
  ['Total capital raised approaching $4 billion within a year', ['Moonshot AI | total_raised | USD 4000000000 ~']],
  ['A moonshot bet of $5 billion on robotics went nowhere.', []],
  ['月之暗面完成20亿美元融资。', ['Moonshot AI | round_size | USD 2000000000']],
  ['Moonshot’s $1.4 billion cash reserve lets it buy capacity.', ['Moonshot AI | cash_reserves | USD 1400000000']],
  ['Kimi maker Moonshot AI secured $700 million.', ['Moonshot AI | round_size | USD 700000000']],
  // past and current
  ['The company was valued at $4.3 billion last year.', ['Moonshot AI | valuation | USD 4300000000 | past']],
  ['Moonshot AI was valued at $2.5 billion in 2024.', ['Moonshot AI | valuation | USD 2500000000 | past']],
  ['The company\'s valuation jumped from $4.3B to $20B.', ['Moonshot AI | valuation | USD 20000000000', 'Moonshot AI | valuation | USD 4300000000 | past']],
  ['Moonshot raised $300 million at a $3.3 billion valuation, up from $2.5 billion in its prior round.', ['Moonshot AI | round_size | USD 300000000', 'Moonshot AI | valuation | USD 2500000000 | past', 'Moonshot AI | valuation | USD 3300000000']],
  ['Zhipu AI is now valued at $8 billion, compared with $3 billion a year earlier.', ['Zhipu AI | valuation | USD 3000000000 | past', 'Zhipu AI | valuation | USD 8000000000']],
  ['Moonshot AI previously raised $1 billion in a Series B.', ['Moonshot AI | round_size | USD 1000000000 | past | Series B']],
  ['Six months earlier, Moonshot AI had been valued at $4 billion.', ['Moonshot AI | valuation | USD 4000000000 | past']],
  // talks
  ['Zhipu AI is in talks to raise $500 million at a valuation of about $6 billion.', ['Zhipu AI | round_size | USD 500000000 | talks', 'Zhipu AI | valuation | USD 6000000000 ~ | talks']],
  ['Moonshot AI is said to be raising $600 million at a $4 billion valuation.', ['Moonshot AI | round_size | USD 600000000 | talks', 'Moonshot AI | valuation | USD 4000000000 | talks']],
  ['Moonshot AI plans to raise $1 billion, which could value the company at $10 billion or more.', ['Moonshot AI | round_size | USD 1000000000 | talks', 'Moonshot AI | valuation | USD 10000000000 high=null | talks']],
  ['Kimi maker Moonshot AI is seeking up to $1 billion in fresh capital.', ['Moonshot AI | round_size | USD 1000000000 low=null | talks']],
  ['MiniMax is in discussions about a round of between $300 million and $500 million.', ['MiniMax | round_size | USD 400000000 low=300000000 high=500000000 | talks']],
  ['Zhipu AI aims to raise $800 million this year.', ['Zhipu AI | round_size | USD 800000000 | talks']],
  ['MiniMax raised $600 million last week and is now seeking a $5 billion valuation.', ['MiniMax | round_size | USD 600000000', 'MiniMax | valuation | USD 5000000000 | talks']],
  // rounds
  ['Moonshot AI’s Series C extension added $200 million.', ['Moonshot AI | round_size | USD 200000000 | Series C extension']],
  ['Acme raised a $5 million seed round.', ['Acme Robotics | round_size | USD 5000000 | Seed']],
  ['Acme closed a $40 million Series B-2 at a $300 million valuation.', ['Acme Robotics | round_size | USD 40000000 | Series B-2', 'Acme Robotics | valuation | USD 300000000 | Series B-2']],
  ['Acme raised $12 million in a Series A+ round.', ['Acme Robotics | round_size | USD 12000000 | Series A+']],
  ['Zhipu AI secured 3 billion yuan (about $420 million) in a strategic round.', ['Zhipu AI | round_size | CNY 3000000000 | Strategic']],
  ['Moonshot AI raised $1.5 billion in a pre-IPO round.', ['Moonshot AI | round_size | USD 1500000000 | Pre-IPO']],
  ['Acme took $2 million in a bridge round.', ['Acme Robotics | round_size | USD 2000000 | Bridge']],
  ['The $2 billion round follows its $500 million Series C.', ['Moonshot AI | round_size | USD 2000000000', 'Moonshot AI | round_size | USD 500000000 | Series C']],
  // investors
  ['Sequoia China led the round, with participation from Alibaba and Tencent.', ['Moonshot AI | investor | Alibaba', 'Moonshot AI | investor | Tencent', 'Moonshot AI | lead_investor | Sequoia China']],
  ['The deal was co-led by HongShan and Tencent, with participation from Alibaba.', ['Moonshot AI | investor | Alibaba', 'Moonshot AI | lead_investor | HongShan', 'Moonshot AI | lead_investor | Tencent']],
  ['Lead investor participation came from Meituan’s Longzhu investment arm.', ['Moonshot AI | lead_investor | Meituan Longzhu']],
  ['Lead investor: HongShan.', ['Moonshot AI | lead_investor | HongShan']],
  ['The round was led by existing investor Tencent.', ['Moonshot AI | lead_investor | Tencent']],
  ['Moonshot AI raised $1 billion, with Tencent leading.', ['Moonshot AI | lead_investor | Tencent', 'Moonshot AI | round_size | USD 1000000000']],
  ['HongShan led Moonshot\'s $1 billion Series B, and Tencent also participated.', ['Moonshot AI | investor | Tencent | Series B', 'Moonshot AI | lead_investor | HongShan | Series B', 'Moonshot AI | round_size | USD 1000000000 | Series B']],
  ['Investors include Sequoia China, Alibaba Group and existing investors.', ['Moonshot AI | investor | Alibaba Group', 'Moonshot AI | investor | Sequoia China']],
  ['Moonshot AI, backed by Alibaba and Tencent, raised $1 billion.', ['Moonshot AI | investor | Alibaba', 'Moonshot AI | investor | Tencent', 'Moonshot AI | round_size | USD 1000000000']],
  ['Sequoia China, Tencent and Alibaba participated in the round.', ['Moonshot AI | investor | Alibaba', 'Moonshot AI | investor | Sequoia China', 'Moonshot AI | investor | Tencent']],
  ['Strategic backing came from China Mobile, marking a first for a telecom operator.', ['Moonshot AI | investor | China Mobile']],
  ['Other participants included institutional investors such as Shuimu Capital and CPE Yuanfeng.', ['Moonshot AI | investor | CPE Yuanfeng', 'Moonshot AI | investor | Shuimu Capital']],
  ['Acme Robotics raised $20 million led by Index Ventures.', ['Acme Robotics | lead_investor | Index Ventures', 'Acme Robotics | round_size | USD 20000000']],
  ['Moonshot AI\'s round was led by Alibaba, which put in $800 million.', ['Moonshot AI | lead_investor | Alibaba']],
];

describe('extractFacts: one sentence at a time', () => {
  it.each(CASES)('%s', (text, want) => {
    expect(read(text)).toEqual([...want].sort());
  });
});

describe('extractFacts: whole articles', () => {
  it('gives one fact for a sentence the summary and the body both carry', () => {
    const s = 'Moonshot AI raised $2 billion at a $20 billion valuation.';
    const fs = facts(`${s}\n${s}\nMoonshot AI raised $2 billion at a $20 billion valuation.`);
    expect(fs.map(brief).sort()).toEqual(['Moonshot AI | round_size | USD 2000000000', 'Moonshot AI | valuation | USD 20000000000']);
  });
  it('keeps provenance on every fact', () => {
    const a = article('Zhipu AI raised $400 million.', { id: 'z1', source: 'Wire', url: 'https://w.example/z', published: '2026-03-01T00:00:00Z' });
    expect(extractFacts(a, CTX)[0]).toMatchObject({ articleId: 'z1', source: 'Wire', url: 'https://w.example/z', published: '2026-03-01T00:00:00Z', quote: 'Zhipu AI raised $400 million.' });
  });
  it('reads a comparison table by its header', () => {
    const text = 'Funding compared\nCompany | Estimated Funding | Valuation Range |\nMiniMax | ~15B RMB | Mid-stage lab |\nZhipu AI | ~13B RMB | $8B+ |';
    expect(facts(text).map(brief).sort()).toEqual([
      'MiniMax | total_raised | CNY 15000000000 ~', 'Zhipu AI | total_raised | CNY 13000000000 ~', 'Zhipu AI | valuation | USD 8000000000 high=null',
    ]);
  });
  it('reads "¥" as yuan in a story set in China', () => {
    const fs = facts('Beijing-based Zhipu AI raised ¥2 billion from Chinese state funds.');
    expect(fs[0].amount?.currency).toBe('CNY');
  });
  it('keeps a long quote to about 400 characters around the figure', () => {
    const filler = 'and the analysts kept on talking about the model, '.repeat(12);
    const fs = facts(`Moonshot AI raised $2 billion ${filler}which was notable.`);
    expect(fs[0].quote.length).toBeLessThanOrEqual(402);
    expect(fs[0].quote).toContain('$2 billion');
  });
  it('gives no fact for a figure when no company can be told', () => {
    expect(facts('Analysts expect $2 billion of new funding to flow into robotics.', { title: 'Markets today' })).toEqual([]);
  });
  it('does not give another company\'s raise to the watched company of the article', () => {
    const text = 'Moonshot AI raised $2B.\nReferences\n[2] Infra Startup Raises $2.2B as Token Demand Soars';
    const fs = facts(text, { title: 'Moonshot AI news' });
    expect(fs.filter((f) => f.company === 'Moonshot AI').map((f) => f.amount?.value)).toEqual([2e9]);
  });
});
