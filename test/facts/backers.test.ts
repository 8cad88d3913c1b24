// Who backs whom, read the way a user of the ledger would notice it: one claim per backer per article, and
// a backer described by another company's name is not made that company's investor.
import { facts } from './helpers';
import type { Fact } from '../../src/types';

const leads = (fs: Fact[]): string[] => fs.filter((f) => f.metric === 'lead_investor').map((f) => `${f.company}: ${f.name} (${f.status})`);
const backers = (fs: Fact[]): string[] => fs.filter((f) => f.metric === 'investor' || f.metric === 'lead_investor').map((f) => `${f.company}: ${f.name}`).sort();

describe('a lead named more than once in one article', () => {
  it('is one claim when a live blog repeats it in a later post, time stamps and all', () => {
    const text = '08:55 Zhipu AI has closed a 3 billion yuan round led by Qiming.\n09:40 Update: the company confirmed the round, led by Qiming.\n11:05 Qiming led the round, a partner said on a call.';
    expect(leads(facts(text, { title: 'Live: Zhipu AI funding' }))).toEqual(['Zhipu AI: Qiming (reported)']);
  });

  it('is one claim, under its fuller name, when one post shortens it', () => {
    const text = '1/ MiniMax raised $600 million in a round led by Hillhouse Capital.\n2/ Hillhouse led, and Tencent joined.';
    expect(leads(facts(text, { title: 'Thread: MiniMax raises' }))).toEqual(['MiniMax: Hillhouse Capital (reported)']);
  });

  it('is one reported claim when an early post said the firm was set to lead', () => {
    const text = 'Earlier: Sources said Sequoia China was set to lead the round.\nNow: The company said the round was led by Sequoia China.';
    expect(leads(facts(text, { title: 'Live: Moonshot AI funding' }))).toEqual(['Moonshot AI: Sequoia China (reported)']);
  });

  it('keeps two different firms that share a first word apart', () => {
    const text = 'The round was co-led by Sequoia China and Sequoia Capital, the company said.';
    expect(leads(facts(text, { title: 'Moonshot AI funding' })).sort()).toEqual(['Moonshot AI: Sequoia Capital (reported)', 'Moonshot AI: Sequoia China (reported)']);
  });
});

describe('an investor described as another company’s backer', () => {
  it('joins the round the sentence reports, not the company it is described by', () => {
    expect(backers(facts("Zhipu AI's biggest shareholder, Alibaba, also took part in the round.", { title: 'MiniMax raises $600 million' }))).toEqual(['MiniMax: Alibaba']);
    expect(backers(facts('The round was led by Tencent, one of the largest investors in Zhipu AI.', { title: 'MiniMax raises $600 million' }))).toEqual(['MiniMax: Tencent']);
  });

  it('gives the article’s company nothing when the sentence is about the other company', () => {
    expect(backers(facts('Alibaba, the largest investor in Zhipu AI, said it had no plans to sell its shares.', { title: 'MiniMax raises $600 million' }))).toEqual(['Zhipu AI: Alibaba']);
  });

  it('is the article’s company’s own investor when the company is the one described', () => {
    expect(backers(facts("MiniMax's largest investor, Alibaba, also joined the round.", { title: 'MiniMax raises $600 million' }))).toEqual(['MiniMax: Alibaba']);
  });
});
