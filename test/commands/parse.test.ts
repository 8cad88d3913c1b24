import { parseCommand, tokenize } from '../../src/commands/parse';
import { matchCompany, editDistance } from '../../src/commands/match';
import { WATCH } from './fixtures';

describe('reading command text', () => {
  it('reads a figure question with a company and share', () => {
    expect(parseCommand('valuation kimi maker share')).toEqual({ kind: 'figure', topic: 'valuation', company: 'kimi maker', share: true });
    expect(parseCommand('funding')).toEqual({ kind: 'figure', topic: 'funding', company: null, share: false });
  });

  it('keeps quoted text together, straight or curly', () => {
    expect(tokenize('watch add "Mistral AI|Mistral"')).toEqual(['watch', 'add', 'Mistral AI|Mistral']);
    expect(tokenize('watch add “Zhipu AI|Zhipu”')).toEqual(['watch', 'add', 'Zhipu AI|Zhipu']);
  });

  it('reads feeds add with an interval, and Slack-wrapped links', () => {
    expect(parseCommand('feeds add <https://x.example/feed.xml> every 1h')).toEqual({ kind: 'feeds', feeds: { action: 'add', url: 'https://x.example/feed.xml', intervalMs: 3_600_000 } });
    expect(parseCommand('feeds add https://x.example/feed.xml')).toMatchObject({ feeds: { intervalMs: 10 * 60_000 } });
  });

  it('reads digest here with a cron and a time zone', () => {
    expect(parseCommand('digest here 0 9 * * 1-5 Asia/Shanghai')).toEqual({ kind: 'digest', digest: { action: 'here', schedule: '0 9 * * 1-5', timezone: 'Asia/Shanghai' } });
    expect(parseCommand('digest here')).toEqual({ kind: 'digest', digest: { action: 'here', schedule: null, timezone: null } });
  });

  it('answers a bad command with a suggestion and a usage line', () => {
    const r = parseCommand('valuaton moonshot');
    expect(r).toMatchObject({ kind: 'bad' });
    if (r.kind !== 'bad') throw new Error('expected bad');
    expect(r.message).toMatch(/did you mean `valuation`/);
    expect(r.usage).toMatch(/^\/moonshot /);
    expect(parseCommand('feeds add not-a-url')).toMatchObject({ kind: 'bad', message: expect.stringMatching(/not an http\(s\) URL/) });
    expect(parseCommand('feeds add https://x.example/f every soon')).toMatchObject({ kind: 'bad' });
  });

  it('empty text is help', () => {
    expect(parseCommand('   ')).toEqual({ kind: 'help', share: false });
  });
});

describe('matching company names', () => {
  it.each([
    ['kimi maker', 'Moonshot AI'], ['moonshot', 'Moonshot AI'], ['MOONSHOT AI', 'Moonshot AI'], ['moonshot-ai', 'Moonshot AI'],
    ['minimax', 'MiniMax'], ['zhipu', 'Zhipu AI'],
  ])('"%s" is %s', (typed, name) => {
    expect(matchCompany(typed, WATCH)).toMatchObject({ kind: 'exact', company: { name } });
  });

  it.each([['minmax', 'MiniMax'], ['moonshto', 'Moonshot AI'], ['kimi makr', 'Moonshot AI'], ['zhpiu', 'Zhipu AI']])('forgives the typo "%s" -> %s', (typed, name) => {
    expect(matchCompany(typed, WATCH)).toMatchObject({ kind: 'close', company: { name } });
  });

  it('does not stretch a short name into another, but suggests', () => {
    const m = matchCompany('minimaxxxx', WATCH);
    expect(m.kind === 'close' || (m.kind === 'none' && m.suggestion?.name === 'MiniMax')).toBe(true);
    expect(matchCompany('openai', WATCH)).toMatchObject({ kind: 'none' });
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('zhpiu', 'zhipu')).toBe(1);
    expect(editDistance('minmax', 'minimax')).toBe(1);
  });
});
