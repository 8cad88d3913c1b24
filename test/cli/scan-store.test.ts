// `moonshot scan --store` fills the bot's store, and `moonshot ask` answers from it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanCommand } from '../../src/cli/scan';
import { askCommand } from '../../src/cli/ask';
import type { CliIO } from '../../src/cli/io';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  return io;
}

const FEED = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbor Ledger</title><link>https://harbor.example/</link>
<item><title>Quillwave raises $80 million</title><link>https://harbor.example/quillwave-80m</link>
<guid>hl-1</guid><pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate>
<description>Quillwave, a speech-model startup, raised $80 million in a Series B round led by Dunmore Ventures at a $600 million post-money valuation.</description></item>
</channel></rss>`;

describe('moonshot scan --store', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'moonshot-scan-store-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records the figures so that ask can answer', async () => {
    const feed = join(dir, 'harbor.xml');
    const config = join(dir, 'moonshot.yml');
    writeFileSync(feed, FEED);
    writeFileSync(config, `watch: ["Quillwave"]\ndefaultCompany: Quillwave\nstore:\n  path: ${join(dir, 'store.sqlite')}\n`);

    const scan = capture();
    expect(await scanCommand(['--store', '--config', config, '--format', 'json', '--now', '2026-11-05T00:00:00Z', feed], scan)).toBe(0);
    expect(scan.stderr).toMatch(/stored in .*store\.sqlite: 1 article/);

    const ask = capture();
    expect(await askCommand(['--config', config, 'valuation'], ask)).toBe(0);
    expect(ask.stdout).toMatch(/Quillwave/);
    expect(ask.stdout).toMatch(/\$600M/);
    expect(ask.stdout).toMatch(/harbor\.example\/quillwave-80m/);
  });
});
