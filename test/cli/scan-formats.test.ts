import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  return io;
}

// Written for this test: two outlets that disagree on a round, and a headline that tries to ping everyone.
const FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>
<item><title>Moonshot AI raises $2 billion Series C led by Sequoia China</title>
<link>https://wire.example/a</link><guid>wire-a</guid><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
<description>Moonshot AI raised $2 billion in a Series C round led by Sequoia China, the company said on Friday.</description></item>
<item><title>@everyone look: Moonshot AI &lt;!channel&gt; Series C was $500 million</title>
<link>https://ledger.example/b</link><guid>ledger-b</guid><pubDate>Fri, 20 Nov 2026 11:00:00 GMT</pubDate>
<description>Moonshot AI's Series C brought in $500 million and was led by Meituan Longzhu, two people said.</description></item>
</channel></rss>`;

let dir: string;
let feed: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'moonshot-scan-'));
  feed = join(dir, 'wire.xml');
  writeFileSync(feed, FEED);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (format: string, ...more: string[]): string[] =>
  ['scan', '--format', format, '--watch', 'Moonshot AI|Moonshot|Kimi', '--now', '2026-11-22T08:00:00Z', ...more, feed];

describe('moonshot scan output formats', () => {
  it('--format slack prints chat.postMessage bodies as a JSON array, for #moonshot unless told', async () => {
    const io = capture();
    expect(await main(args('slack'), io)).toBe(0);
    const bodies = JSON.parse(io.stdout) as { channel: string; text: string; blocks: { type: string }[]; unfurl_links: boolean }[];
    expect(Array.isArray(bodies)).toBe(true);
    expect(bodies[0].channel).toBe('#moonshot');
    expect(bodies[0].blocks[0].type).toBe('header');
    expect(bodies[0].unfurl_links).toBe(false);
    expect(io.stdout).not.toMatch(/<!channel>/);

    const io2 = capture();
    expect(await main(args('slack', '--channel', 'C0123'), io2)).toBe(0);
    expect((JSON.parse(io2.stdout) as { channel: string }[])[0].channel).toBe('C0123');
  });

  it('--format discord prints message bodies with mentions disabled', async () => {
    const io = capture();
    expect(await main(args('discord'), io)).toBe(0);
    const bodies = JSON.parse(io.stdout) as { embeds: unknown[]; allowed_mentions: unknown; nonce: string; enforce_nonce: boolean }[];
    expect(bodies.length).toBeGreaterThan(0);
    for (const b of bodies) {
      expect(b.allowed_mentions).toEqual({ parse: [] });
      expect(b.enforce_nonce).toBe(true);
    }
    expect(io.stdout).not.toMatch(/@everyone/);
  });

  it('--format markdown reads as a report and lists the sources it could not read', async () => {
    const io = capture();
    expect(await main(args('markdown', join(dir, 'missing.xml')), io)).toBe(0);
    expect(io.stdout).toMatch(/^# 🌙 Moonshot scan/);
    expect(io.stdout).toMatch(/2 articles read/);
    expect(io.stdout).toContain('## Sources that could not be read');
    expect(io.stdout).toContain('missing.xml');
  });

  it('--format json keeps the contract', async () => {
    const io = capture();
    expect(await main(args('json'), io)).toBe(0);
    const r = JSON.parse(io.stdout) as Record<string, unknown[]>;
    expect(Object.keys(r).sort()).toEqual(['articles', 'conflicts', 'current', 'errors', 'events', 'facts', 'rounds']);
    expect(r.articles).toHaveLength(2);
  });

  it('answers --channel with another format as a usage error', async () => {
    const io = capture();
    expect(await main(args('discord', '--channel', 'x'), io)).toBe(2);
    expect(io.stderr).toMatch(/--channel only applies to --format slack/);
  });
});

describe('moonshot slack-manifest', () => {
  it('declares /moonshot, the bot scopes, Socket Mode and the name', async () => {
    const io = capture();
    expect(await main(['slack-manifest'], io)).toBe(0);
    const m = parseYaml(io.stdout) as {
      display_information: { name: string };
      features: { slash_commands: { command: string }[]; bot_user: { display_name: string } };
      oauth_config: { scopes: { bot: string[] } };
      settings: { socket_mode_enabled: boolean };
    };
    expect(m.display_information.name).toBe('Moonshot');
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/moonshot']);
    expect(m.oauth_config.scopes.bot.sort()).toEqual(['channels:read', 'chat:write', 'chat:write.public', 'commands', 'files:write', 'groups:read', 'users:read']);
    expect(m.settings.socket_mode_enabled).toBe(true);
    const full = m as unknown as { settings: { interactivity: { is_enabled: boolean }; event_subscriptions: { bot_events: string[] } } };
    expect(full.settings.interactivity.is_enabled).toBe(false);
    expect(full.settings.event_subscriptions.bot_events).toEqual(['app_uninstalled', 'tokens_revoked', 'channel_left', 'group_left']);

    const http = capture();
    expect(await main(['slack-manifest', '--format', 'json', '--http', 'https://bot.example/slack/events'], http)).toBe(0);
    const h = JSON.parse(http.stdout) as { settings: { socket_mode_enabled: boolean; event_subscriptions: { request_url: string } }; features: { slash_commands: { url: string }[] } };
    expect(h.settings.socket_mode_enabled).toBe(false);
    expect(h.settings.event_subscriptions.request_url).toBe('https://bot.example/slack/events');
    expect(h.features.slash_commands[0].url).toBe('https://bot.example/slack/events');
    expect(await main(['slack-manifest', '--http', 'http://insecure.example/x'], capture())).not.toBe(0);

    const json = capture();
    expect(await main(['slack-manifest', '--format', 'json', '--name', 'Funding Bot'], json)).toBe(0);
    expect((JSON.parse(json.stdout) as { display_information: { name: string } }).display_information.name).toBe('Funding Bot');
  });

  it('--format markdown merges agreeing figures into one line with every source behind it', async () => {
    // Written for this test: three outlets, one valuation, said three ways.
    const agree = join(dir, 'agree.xml');
    const item = (id: string, host: string, text: string): string =>
      `<item><title>Kimi maker update ${id}</title><link>https://${host}/${id}</link><guid>${id}</guid><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate><description>${text}</description></item>`;
    writeFileSync(agree, `<?xml version="1.0"?><rss version="2.0"><channel><title>Agree Wire</title><link>https://agree.example/</link>${[
      item('v1', 'one.example', 'Moonshot AI is now valued at $20 billion, people close to the deal said.'),
      item('v2', 'two.example', 'The latest deal puts Moonshot AI at a valuation of more than $20 billion, according to a memo to staff.'),
      item('v3', 'three.example', 'Moonshot AI is now worth roughly $20bn after months of talks with backers in Beijing.'),
    ].join('')}</channel></rss>`);
    const io = capture();
    expect(await main(['scan', '--format', 'markdown', '--watch', 'Moonshot AI|Kimi', '--now', '2026-11-22T08:00:00Z', agree], io)).toBe(0);
    const lines = io.stdout.split('\n').filter((l) => l.includes('**Valuation**'));
    expect(lines).toHaveLength(1);
    const block = io.stdout.slice(io.stdout.indexOf(lines[0])).split('\n- ')[0];
    for (const host of ['one.example', 'two.example', 'three.example']) expect(block).toContain(host);
  });
});
