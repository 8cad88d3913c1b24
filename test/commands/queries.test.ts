import { runText } from '../../src/commands/dispatch';
import { replyText } from '../../src/commands/format';
import { cliActor, cliPlace, conflictRuleLanded, depsFor, seedLedger, tempStore, type TempStore } from './fixtures';

describe('questions answered from the ledger', () => {
  let t: TempStore;
  beforeAll(async () => { t = await tempStore(); await seedLedger(t.store); });
  afterAll(async () => { await t.cleanup(); });
  const ask = (text: string) => runText(text, { platform: 'slack', userId: 'UANYONE' }, { platform: 'slack', channel: 'C1' }, depsFor(t.store));

  it('answers the valuation of the default company: figure, sources agreeing, newest date, links', async () => {
    const r = await ask('valuation');
    expect(r.kind).toBe('answer');
    expect(r.share).toBe(false);
    const text = replyText(r);
    expect(text).toMatch(/Moonshot AI: valuation/);
    expect(text).toMatch(/\$20B — 4 sources agree; newest 2 Nov 2026/);
    expect(text).toMatch(/Earlier: \$4\.3B/);
    expect(r.links.map((l) => l.url)).toContain('https://news.example/0');
  });

  it('forgives a typo in the company and says how it read it', async () => {
    const text = replyText(await ask('valuation kimi makr share'));
    expect(text).toMatch(/taking "kimi makr" as Moonshot AI/);
    expect((await ask('valuation kimi makr share')).share).toBe(true);
  });

  it('answers the latest round with its lead investor', async () => {
    const text = replyText(await ask('funding moonshot'));
    expect(text).toMatch(/\$2B, Series C/);
    expect(text).toMatch(/Lead investor/);
  });

  (conflictRuleLanded ? it : it.skip)('shows where sources disagree on the lead investor', async () => {
    const text = replyText(await ask('investors'));
    expect(text).toMatch(/Sources disagree: Sequoia China \(2 sources\) vs Meituan Longzhu \(1 source\)/);
    const c = replyText(await ask('conflicts moonshot'));
    expect(c).toMatch(/Lead investor/);
    expect(c).toMatch(/Meituan Longzhu — 1 source: Capital Notes/);
  });

  it('lists each source of a figure with its sentence', async () => {
    const text = replyText(await ask('sources valuation'));
    expect(text).toMatch(/\$20B — 4 sources/);
    expect(text).toMatch(/Capital Notes \(2 Nov 2026\): “Writer 3 puts the Kimi maker at twenty billion dollars\.”/);
  });

  it('shows figures over time and the latest news', async () => {
    const h = replyText(await ask('history'));
    expect(h.indexOf('$4.3B')).toBeGreaterThan(-1);
    expect(h).toMatch(/Valuation: \$20B/);
    expect(replyText(await ask('news'))).toMatch(/Kimi maker raises at a \$20B valuation/);
  });

  it('an unknown company gets a suggestion and the watch list, never silence', async () => {
    const r = await ask('valuation minimaxxxx');
    expect(r.kind).toBe('not-found');
    expect(replyText(r)).toMatch(/Did you mean MiniMax\?/);
    const r2 = await ask('revenue openai');
    expect(replyText(r2)).toMatch(/Watched companies: Moonshot AI, MiniMax, Zhipu AI/);
  });

  it('a figure nobody reported says what is known instead', async () => {
    const r = await ask('revenue');
    expect(r.kind).toBe('not-found');
    expect(replyText(r)).toMatch(/No revenue known for Moonshot AI/);
    expect(replyText(r)).toMatch(/Known on Moonshot AI: `valuation`, `funding`/);
    expect(replyText(await ask('valuation minmax'))).toMatch(/Nothing is known on MiniMax yet/);
  });

  it('an unknown figure in sources gets the list of figures', async () => {
    const r = await ask('sources profits');
    expect(r.kind).toBe('usage');
    expect(replyText(r)).toMatch(/Try one of: valuation, funding/);
  });

  it('a bad command gets a usage line; help lists the commands', async () => {
    expect(replyText(await ask('valuashun'))).toMatch(/Usage: \/moonshot/);
    expect(replyText(await ask('help'))).toMatch(/\/moonshot sources <figure>/);
  });

  it('the terminal gets the same answer', async () => {
    const r = await runText('valuation moonshot', cliActor, cliPlace, depsFor(t.store));
    expect(replyText(r)).toMatch(/\$20B — 4 sources agree/);
  });
});
