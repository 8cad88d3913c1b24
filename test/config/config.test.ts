import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadEnv, parseConfig, parseDuration } from '../../src/config';
import { DEFAULT_RATES } from '../../src/facts/rates';

const errorOf = (text: string, file = 'config/moonshot.yml'): string => {
  try {
    parseConfig(text, file, {});
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

describe('config', () => {
  it('reads a subscription\'s alerts and filters, with their defaults, and says what is wrong with them', () => {
    const sub = (extra: string): string => `subscriptions:\n  - platform: console\n    schedule: "0 9 * * *"\n${extra}`;
    const plain = parseConfig(sub(''), 'm.yml', {}).subscriptions[0];
    expect(plain.alerts).toEqual(['new_round', 'conflict']);
    expect(plain.filters).toEqual({ metrics: null, minRoundUsd: null, includeTalks: true, excludeSources: [], alsoRaising: true, alsoRaisingMinUsd: null });
    const set = parseConfig(sub('    alerts: [closed]\n    alertOnConflict: true\n    filters:\n      minRound: 50M\n      alsoRaisingMin: $1.5B\n      includeTalks: false\n      excludeSources: [Some Aggregator]\n      metrics: [round_size, valuation]'), 'm.yml', {}).subscriptions[0];
    expect(set.alerts).toEqual(['closed', 'conflict']);
    expect(set.filters).toEqual({ metrics: ['round_size', 'valuation'], minRoundUsd: 50e6, includeTalks: false, excludeSources: ['Some Aggregator'], alsoRaising: true, alsoRaisingMinUsd: 1.5e9 });
    expect(errorOf(sub('    filters:\n      minRound: lots'))).toMatch(/subscriptions\[0\]\.filters\.minRound: expected an amount in USD like '50M' or '1\.5B'/);
    expect(errorOf(sub('    alerts: [sometimes]'))).toMatch(/subscriptions\[0\]\.alerts\[0\]: expected one of new_round, conflict, closed/);
  });

  it('loads the example: feeds, the sample watch list and the default company', async () => {
    const c = await loadConfig('config/moonshot.example.yml', {});
    expect(c.watch.map((w) => w.name)).toEqual(['Moonshot AI', 'MiniMax', 'Zhipu AI']);
    expect(c.watch[0].aliases).toEqual(expect.arrayContaining(['Moonshot', 'Kimi maker', '月之暗面']));
    expect(c.defaultCompany).toBe('Moonshot AI');
    expect(c.feeds.length).toBeGreaterThan(0);
    expect(c.polling.newItemWindowMs).toBe(24 * 3_600_000);
    expect(c.store.url).toBeNull();
  });

  it('names the file, the line, the field and what was expected', () => {
    const text = [
      'watch:',
      '  - name: Moonshot AI',
      'subscriptions:',
      '  - platform: console',
      '    schedule: "0 9 * * 1-5"',
      '  - platform: slack',
      '    channel: C123',
      '    schedule: daily',
    ].join('\n');
    expect(errorOf(text)).toBe("config/moonshot.yml:8: subscriptions[1].schedule: expected a cron expression like '0 9 * * 1-5', got 'daily'");
  });

  it('reports every problem, in line order, each on its own line', () => {
    const msg = errorOf('feeds:\n  - url: ftp://x\n    interval: soon\npolling:\n  concurrency: 0\ncolour: blue\n', 'my.yml');
    const lines = msg.split('\n');
    expect(lines).toEqual([
      "my.yml:2: feeds[0].url: expected an http(s) URL like 'https://example.com/feed.xml', got 'ftp://x'",
      "my.yml:3: feeds[0].interval: expected a duration like '30m', got 'soon'",
      'my.yml:5: polling.concurrency: expected a whole number from 1 to 64, got 0',
      expect.stringMatching(/^my\.yml:6: colour: unknown field; expected one of feeds, watch/),
    ]);
  });

  it('says what is missing and refers names to the watch list', () => {
    expect(errorOf('subscriptions:\n  - platform: slack\n    schedule: "0 9 * * *"\n')).toBe('config/moonshot.yml:2: subscriptions[0].channel: expected a channel id for platform slack, but it is missing');
    expect(errorOf('watch: ["Moonshot AI|Kimi"]\ndefaultCompany: OpenAI\n')).toBe("config/moonshot.yml:2: defaultCompany: expected a company from the watch list ('Moonshot AI'), got 'OpenAI'");
  });

  it('refuses secrets in the file and reads them from the environment', () => {
    expect(errorOf('slackBotToken: xoxb-123\n')).toMatch(/^config\/moonshot\.yml:1: slackBotToken: secrets belong in the environment/);
    const c = parseConfig('watch: ["Zhipu AI|Zhipu"]\n', 'x.yml', { SLACK_BOT_TOKEN: 'xoxb-1', STORE_URL: 'redis://h:6379' });
    expect(c.secrets.slackBotToken).toBe('xoxb-1');
    expect(c.secrets.discordToken).toBeNull();
    expect(c.store.url).toBe('redis://h:6379');
  });

  it('reads .env, with the real environment taking precedence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-env-'));
    writeFileSync(join(dir, '.env'), 'DISCORD_TOKEN=from-file\nSLACK_APP_TOKEN=xapp-file\n');
    const env = loadEnv({ DISCORD_TOKEN: 'from-env' }, join(dir, '.env'));
    expect(env.DISCORD_TOKEN).toBe('from-env');
    expect(env.SLACK_APP_TOKEN).toBe('xapp-file');
  });

  it('overrides currency rates over the defaults without copying them', () => {
    const c = parseConfig('currency:\n  rates:\n    EUR: 1.2\n', 'x.yml');
    expect(c.rates.usdPer.EUR).toBe(1.2);
    expect(c.rates.usdPer.JPY).toBe(DEFAULT_RATES.usdPer.JPY);
    expect(errorOf('currency:\n  rates:\n    euro: 1.2\n')).toBe("config/moonshot.yml:3: currency.rates.euro: expected a three-letter currency code like 'EUR', got 'euro'");
  });

  it('reads durations and YAML syntax errors with their line', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('daily')).toBeNull();
    expect(errorOf('feeds:\n  - url: "https://a\n')).toMatch(/^config\/moonshot\.yml:\d+: not valid YAML: /);
  });

  it('a missing file is one plain line', async () => {
    await expect(loadConfig('nope/missing.yml', {})).rejects.toThrow('nope/missing.yml: no such config file');
  });
  it('reads the rounds window, and names the line of a bad one', () => {
    expect(parseConfig('rounds:\n  windowDays: 30\n', 'c.yml', {}).rounds.windowDays).toBe(30);
    expect(parseConfig('feeds: []\n', 'c.yml', {}).rounds.windowDays).toBe(45);
    expect(errorOf('rounds:\n  windowDays: forever\n', 'c.yml')).toMatch(/^c\.yml:2: rounds\.windowDays: /);
  });
});
