// What a person searching the bot's log finds: one line per failure, at error or warning level, with
// the feed, article or command it was about; and the format chosen by where the log goes.
import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, memoryLogger } from '../src/log';
import { extractFacts, readingContext } from '../src/facts/extract';
import { DEFAULT_RATES } from '../src/facts/rates';
import { runText } from '../src/commands';
import { parseConfig } from '../src/config';
import { openStore } from '../src/store';
import { pollOnce } from '../src/scheduler';
import type { Article } from '../src/types';
import { cliActor, cliPlace, depsFor, tempStore } from './commands/fixtures';
import { startFeedServer } from './scheduler/feed-server';

const collect = (isTTY: boolean): { stream: Writable & { isTTY: boolean }; text: () => string } => {
  let out = '';
  const stream = Object.assign(new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } }), { isTTY });
  return { stream, text: () => out };
};

describe('the log', () => {
  it('is one JSON object a line when it does not go to a terminal, or when LOG_FORMAT=json', () => {
    for (const [isTTY, env] of [[false, {}], [true, { LOG_FORMAT: 'json' }]] as const) {
      const { stream, text } = collect(isTTY);
      createLogger({ stream, env }).warn({ feed: 'https://wire.example/rss' }, 'feed could not be read');
      const line = JSON.parse(text().trim()) as Record<string, unknown>;
      expect(line).toMatchObject({ level: 40, feed: 'https://wire.example/rss', msg: 'feed could not be read' });
    }
  });

  it('is readable lines on a terminal, fields included', () => {
    const { stream, text } = collect(true);
    createLogger({ stream, env: {} }).error({ command: 'valuation' }, 'command failed');
    const plain = text().replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/ERROR: command failed/);
    expect(plain).toMatch(/command: "valuation"/);
    expect(() => JSON.parse(plain)).toThrow();
  });

  it('holds back what is below LOG_LEVEL', () => {
    const { stream, text } = collect(false);
    const log = createLogger({ stream, env: { LOG_LEVEL: 'warn' } });
    log.info('cycle done');
    log.warn('feed failed');
    expect(text().trim().split('\n')).toHaveLength(1);
  });

  it('has an error line with the article when the figure reader fails on one', () => {
    const { log, records } = memoryLogger();
    const article = { id: 'art-7', title: 'Acme raises $5M', url: 'https://wire.example/7', canonicalUrl: null, source: 'Wire', feed: 'https://wire.example/rss', published: null, summary: '', duplicates: [] } as unknown as Article;
    // Text a feed reader could hand over that cannot be read: the reader fails on it.
    Object.defineProperty(article, 'text', { get() { throw new Error('text cannot be read'); } });
    expect(extractFacts(article, readingContext({ watch: [], rates: DEFAULT_RATES, now: new Date('2026-11-20T00:00:00Z'), log }))).toEqual([]);
    expect(records).toEqual([expect.objectContaining({ level: 'error', article: 'art-7', feed: 'https://wire.example/rss' })]);
  });

  it('has an error line with the command when a command fails, where the asker only sees "something went wrong"', async () => {
    const t = await tempStore();
    const { log, records } = memoryLogger();
    const deps = { ...depsFor(t.store), log };
    await t.store.close();
    try {
      const answer = await runText('valuation moonshot', cliActor, cliPlace, deps);
      expect(answer.kind).toBe('error');
      expect(records).toEqual([expect.objectContaining({ level: 'error', msg: 'command failed', platform: 'cli', user: 'terminal' })]);
      expect(String(records[0].command)).toMatch(/figure.*valuation.*moonshot/i);
      expect(records[0].err).toMatchObject({ message: expect.any(String) });
    } finally {
      await t.cleanup().catch(() => undefined);
    }
  });

  it('has a line for each feed a poll could not read, naming the feed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-log-'));
    const server = await startFeedServer();
    const store = await openStore({ path: join(dir, 'bot.sqlite') });
    const { log, records } = memoryLogger();
    try {
      server.setItems('/ok.xml', [{ id: 'a', title: 'Quiet day', published: new Date('2026-11-20T10:00:00Z') }]);
      server.failWith('/down.xml', 503);
      const config = parseConfig([
        'feeds:', `  - url: ${server.url('/ok.xml')}`, `  - url: ${server.url('/down.xml')}`,
        'allowHosts: [127.0.0.1]',
      ].join('\n'), 'test.yml', {});
      await pollOnce({ store, config: () => config, owner: 'test', deliver: async () => undefined, notifyAdmin: async () => undefined, log }, new Date('2026-11-20T12:00:00Z'));
      const failed = records.filter((r) => r.level === 'warn' || r.level === 'error');
      expect(failed).toEqual([expect.objectContaining({ level: 'warn', feed: server.url('/down.xml'), msg: 'feed could not be read' })]);
      expect(String(failed[0].error)).toMatch(/503/);
      expect(records.some((r) => r.level === 'info' && /2 feeds polled/.test(r.msg))).toBe(true);
    } finally {
      await store.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
