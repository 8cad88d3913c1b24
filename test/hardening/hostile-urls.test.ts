// One URL check for chat, CLI, OPML and the reader: a string one of them passes is never read by
// another as a local path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runText } from '../../src/commands/dispatch';
import { replyText } from '../../src/commands/format';
import { parseCommand } from '../../src/commands/parse';
import { parseConfig, ConfigError } from '../../src/config';
import { isFeedUrl } from '../../src/feeds/feed-url';
import { readSource } from '../../src/feeds/read';
import { depsFor, tempStore, type TempStore } from '../commands/fixtures';

const SNEAKY = ['http:/etc/passwd', 'https:etc/passwd', 'http:\\\\etc\\passwd', 'file:///etc/passwd', 'http:///etc/passwd'.replace('///', '/')];

describe('the one URL check', () => {
  it.each(SNEAKY)('%s is not a feed URL anywhere', (url) => {
    expect(isFeedUrl(url)).toBe(false);
    expect(parseCommand(`feeds test ${url}`)).toMatchObject({ kind: 'bad' });
    expect(parseCommand(`feeds add ${url}`)).toMatchObject({ kind: 'bad' });
    expect(() => parseConfig(`feeds:\n  - ${url}\n`, 'urls.yml', {})).toThrow(ConfigError);
  });

  it.each(SNEAKY)('the reader refuses %s rather than open it as a path', async (url) => {
    const r = await readSource(url);
    expect(r).toEqual({ source: url, ok: false, error: `not an http(s) URL: ${url}` });
  });

  it('full URLs pass', () => {
    for (const url of ['http://feeds.example/rss', 'HTTPS://feeds.example:8443/a?b=c', 'http://127.0.0.1:8080/feed.xml']) expect(isFeedUrl(url)).toBe(true);
  });
});

describe('chat never reads a local file', () => {
  let t: TempStore;
  let dir: string;
  beforeAll(async () => { t = await tempStore(); dir = mkdtempSync(join(tmpdir(), 'moonshot-urls-')); });
  afterAll(async () => { await t.cleanup(); rmSync(dir, { recursive: true, force: true }); });

  it('`feeds test` with a path answers that it is not a URL, and reads nothing', async () => {
    const secret = join(dir, 'secret.xml');
    writeFileSync(secret, '<rss version="2.0"><channel><title>password hunter2</title></channel></rss>');
    const r = await runText(`feeds test ${secret}`, { platform: 'slack', userId: 'UADMIN' }, { platform: 'slack', channel: 'C1' }, depsFor(t.store));
    const text = replyText(r);
    expect(r.kind).toBe('usage');
    expect(text).toMatch(/is not an http\(s\) URL/);
    expect(text).not.toMatch(/hunter2/);
    // The reader itself refuses a path when the source came from chat.
    const direct = await readSource(secret, { localFiles: false });
    expect(direct.ok).toBe(false);
    // The command line still reads it.
    expect((await readSource(secret)).ok).toBe(true);
  });
});
