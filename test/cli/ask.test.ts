import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';
import { openStore } from '../../src/store';
import { seedLedger } from '../commands/fixtures';
import { SAMPLE_OPML } from '../commands/feed-server';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  return io;
}

describe('moonshot ask and moonshot feeds', () => {
  let dir: string;
  let config: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moonshot-ask-'));
    const storeFile = join(dir, 'moonshot.sqlite');
    config = join(dir, 'moonshot.yml');
    writeFileSync(config, [
      'watch:', '  - name: Moonshot AI', '    aliases: [Moonshot, Kimi maker]', '  - MiniMax', '  - "Zhipu AI|Zhipu"',
      'defaultCompany: Moonshot AI', 'store:', `  path: ${JSON.stringify(storeFile)}`, '',
    ].join('\n'));
    const store = await openStore({ path: storeFile });
    await seedLedger(store);
    await store.close();
    writeFileSync(join(dir, 'my feeds.opml'), SAMPLE_OPML);
  });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('answers what a chat user would ask, from the store', async () => {
    const io = capture();
    expect(await main(['ask', '--config', config, 'valuation kimi maker'], io)).toBe(0);
    expect(io.stdout).toMatch(/Moonshot AI: valuation/);
    expect(io.stdout).toMatch(/\$20B \(Series C, Oct 2026, 4 sources agree\)/);
    expect(io.stdout).toMatch(/Pacific Tech Wire, 28 Oct 2026: https:\/\/news\.example\/0/);
  });

  it('accepts the question as separate words, and says when nothing is known', async () => {
    const io = capture();
    expect(await main(['ask', '--config', config, 'revenue', 'minmax'], io)).toBe(1);
    expect(io.stdout).toMatch(/No revenue known for MiniMax/);
  });

  it('a question it cannot read gets a usage line and exit 2', async () => {
    const io = capture();
    expect(await main(['ask', '--config', config, 'valuaton'], io)).toBe(2);
    expect(io.stderr).toMatch(/did you mean `valuation`/);
    expect(io.stderr).toMatch(/Usage: moonshot ask /);
    expect(await main(['ask', '--config', config], capture())).toBe(2);
  });

  it('imports feeds from an OPML file, kept for the next run', async () => {
    const io = capture();
    expect(await main(['feeds', '--config', config, 'import', join(dir, 'my feeds.opml')], io)).toBe(0);
    expect(io.stdout).toMatch(/Imported 2 feeds/);
    const list = capture();
    expect(await main(['feeds', '--config', config, 'list'], list)).toBe(0);
    expect(list.stdout).toMatch(/Wire one — https:\/\/one\.example\/feed\.xml · every 10m · added from chat/);
    const missing = capture();
    expect(await main(['feeds', '--config', config, 'import', join(dir, 'nope.opml')], missing)).toBe(1);
    expect(missing.stdout).toMatch(/Could not read .*nope\.opml: no such file/);
  });

  it('a broken config file is one line per problem, exit 2', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'watch: 12\n');
    const io = capture();
    expect(await main(['ask', '--config', bad, 'valuation'], io)).toBe(2);
    expect(io.stderr).toMatch(/bad\.yml:1: watch: expected a list/);
  });
});
