// `moonshot demo` (npm run demo): the whole bot on one machine with nothing set up. Serves the sample
// feeds in config/demo-feeds/ on 127.0.0.1, polls them once into a throw-away store, and prints the
// digest a channel would get. No tokens, no servers, exits 0.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CliIO } from './io';
import { parseOptions, UsageError } from './io';
import { ConfigError, loadConfig, type MoonshotConfig } from '../config';
import { openStore } from '../store';
import { Bot } from '../scheduler';
import { Outbox, consoleDestination } from '../chat';
import { outboxDeliver } from '../chat/deliver';
import { memoryLogger } from '../log';

const USAGE = 'moonshot demo [--config FILE] [--feeds DIR]';
const TYPES: Record<string, string> = { '.xml': 'application/xml; charset=utf-8', '.json': 'application/feed+json; charset=utf-8' };

export async function demoCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, { config: { type: 'string' }, feeds: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) { io.out(`usage: ${USAGE}\n\nServes the sample feeds locally, polls them once and prints the digest a channel would see.\n`); return 0; }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, USAGE);
  const configFile = (values.config as string | undefined) ?? 'config/demo.yml';
  const feedsDir = resolve((values.feeds as string | undefined) ?? 'config/demo-feeds');

  let config: MoonshotConfig;
  try {
    // The demo ignores STORE_URL and chat tokens: it must behave the same on every machine.
    config = await loadConfig(configFile, {});
  } catch (err) {
    if (err instanceof ConfigError) { io.err(`moonshot demo: ${err.message}\n`); return 1; }
    throw err;
  }

  const now = new Date();
  const server = await serveFeeds(feedsDir, now, preferredPort(config));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = { ...config, feeds: config.feeds.map((f) => ({ ...f, url: origin + new URL(f.url).pathname })) };
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-demo-'));
  const store = await openStore({ path: join(dir, 'demo.sqlite') });
  const logged = memoryLogger('info');
  const printed: string[] = [];
  // The same delivery as `moonshot run` without chat tokens: through the outbox to the console destination.
  const outbox = new Outbox(store, [], { owner: 'demo', log: logged.log });
  const bot = new Bot({
    config, configFile: null, store, owner: 'demo',
    deliver: outboxDeliver(outbox, (sub) => consoleDestination((t) => printed.push(t), `sub:${sub.id}`)),
    notifyAdmin: async (t) => { logged.log.warn({ notice: t }, 'admin notice'); },
    log: logged.log,
  });
  try {
    io.out([
      'Moonshot demo',
      `Serving ${config.feeds.length} sample feeds on ${origin} and polling them once, as the bot would.`,
      `Watching: ${config.watch.map((w) => w.name).join(', ')}.`,
      '',
    ].join('\n'));
    const report = await bot.pollOnce(now);
    for (const p of report.polled) {
      const name = p.url.slice(origin.length + 1);
      io.out(`  ${p.status === 'ok' ? '✓' : '✗'} ${name}${p.status === 'ok' ? `: ${p.newItems} new item${p.newItems === 1 ? '' : 's'}` : `: ${p.error ?? p.status}`}\n`);
    }
    io.out(`\n${report.newItems} items are news; ${report.backfilled} older item${report.backfilled === 1 ? ' was' : 's were'} only remembered (a newly added feed never floods a channel). ${report.facts} figures read.\n\n`);
    // A digest's window ends a few seconds before it fires (a poll just starting may not have said so
    // yet), so the one a channel would get after this poll fires a little later.
    const digestAt = new Date(now.getTime() + 10_000);
    for (const sub of config.subscriptions) {
      const outcome = await bot.digest(sub.id, digestAt);
      if (outcome.status !== 'posted') io.out('The digest is empty: no figures were read from the sample feeds, so nothing would be posted.\n');
    }
    if (printed.length) io.out('This is what the channel would see:\n\n' + printed.join('\n'));
    io.out([
      '',
      'Next: copy config/moonshot.example.yml to config/moonshot.yml, list your feeds and companies,',
      'set SLACK_BOT_TOKEN or DISCORD_TOKEN in .env, and run `npm start`.',
      '',
    ].join('\n'));
    return 0;
  } catch (err) {
    io.err(`moonshot demo: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    for (const r of logged.records) io.err(`  ${r.level}: ${r.msg}${r.feed ? ` (${String(r.feed)}: ${String(r.error)})` : ''}\n`);
    return 1;
  } finally {
    await bot.stop();
    await store.close();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function preferredPort(config: MoonshotConfig): number {
  try { return Number(new URL(config.feeds[0]?.url ?? '').port) || 0; } catch { return 0; }
}

/**
 * Serves every file in `dir`, with {{HOURS_AGO:n}} (RFC 822) and {{ISO_HOURS_AGO:n}} (ISO-8601) replaced
 * by the time n hours before `now`, so the sample news is always recent. Tries `port`, else any free port.
 */
export async function serveFeeds(dir: string, now: Date, port = 0): Promise<Server> {
  const files = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(dir)) {
    const ext = name.slice(name.lastIndexOf('.'));
    if (!TYPES[ext]) continue;
    files.set(`/${name}`, { body: fillDates(readFileSync(join(dir, name), 'utf8'), now), type: TYPES[ext] });
  }
  const server = createServer((req, res) => {
    const f = files.get((req.url ?? '/').split('?')[0]);
    if (!f) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': f.type, 'last-modified': now.toUTCString() });
    res.end(f.body);
  });
  const listen = (p: number): Promise<void> => new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => { server.off('error', reject); resolveListen(); });
  });
  try {
    await listen(port);
  } catch {
    await listen(0);
  }
  return server;
}

export function fillDates(text: string, now: Date): string {
  const at = (h: string): Date => new Date(now.getTime() - Number(h) * 3_600_000);
  return text
    .replace(/\{\{HOURS_AGO:(\d+(?:\.\d+)?)\}\}/g, (_, h: string) => at(h).toUTCString().replace('GMT', '+0000'))
    .replace(/\{\{ISO_HOURS_AGO:(\d+(?:\.\d+)?)\}\}/g, (_, h: string) => at(h).toISOString());
}
