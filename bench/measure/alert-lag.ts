// From the end of the fetch that read a new round to its alert: the real bot, `moonshot run` left
// running (its poll tick, its outbox), over loopback feeds polled at a short interval, with one subscription
// that asks for new-round alerts through a Slack incoming webhook on a loopback stand-in. The bot's
// first reads of every feed are its backlog, remembered without alerts; once every feed has been read
// twice, one feed per watched
// company carries a new round, and each alert's lag is the time from the end of the response that
// carried the round (the feed server's side) to the alert's arrival at the stand-in (one clock).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderFeed, type Corpus, type CorpusItem } from '../corpus';
import { botNodeArgs } from '../bot-node-args';
import { copyStore } from '../bot-store';

export interface AlertLagResult {
  feeds: number;
  items_per_feed: number;
  delay_ms: number;
  /** Articles in the store the bot started on. */
  stored_articles: number;
  rounds: number;
  alerts: number;
  p50_s: number;
  p95_s: number;
  max_s: number;
  /** Rounds whose alert did not arrive before the deadline. */
  missing: number;
}

const listen = async (handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> => {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const quantile = (xs: number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** Written for the bench: a round no feed of the corpus reports, for company `name`. */
function roundItem(name: string, i: number, host: string): CorpusItem {
  const amount = 310 + 17 * i;
  const url = `https://${host}/news/alert-round-${i}`;
  const text = [
    `${name} has raised $${amount} million in a Series H round led by Quarry Lane Partners, the company said on Tuesday.`,
    `The new money values ${name} at $${40 + i} billion after the investment, two people briefed on the terms said.`,
    `${name} plans to spend most of it on training clusters and on a sales team for enterprise customers in Europe.`,
  ];
  return {
    title: `${name} raises $${amount} million Series H`, url, guid: url, published: new Date().toISOString(), summary: text[0],
    html: text.map((t) => `<p>${t}</p>`).join(''), author: 'Bench Desk', kind: 'original', storyId: -1 - i,
  };
}

export interface AlertLagOptions {
  feeds: number;
  itemsPerFeed: number;
  delayMs: number;
  /** Each feed's interval, as the config writes it ("1m"). */
  interval: string;
  /** The bot's poll tick (six-field cron); default: the bot's own. */
  tick?: string;
  deadlineS: number;
  store?: { file: string; articles: number };
}

export async function measureAlertLag(corpus: Corpus, opts: AlertLagOptions): Promise<AlertLagResult> {
  const feeds = corpus.feeds.slice(0, opts.feeds).map((f) => ({ ...f, items: f.items.slice(0, opts.itemsPerFeed) }));
  // One round per watched company, each in a feed of its own (as many as there are feeds).
  const watch = corpus.watch.slice(0, feeds.length);
  // Feed n carries company k's round once `armed`: spread over the feeds.
  const roundAt = new Map<number, number>(watch.map((_, k) => [Math.floor(((k + 0.5) * feeds.length) / watch.length), k]));
  let armed = false;
  const bodies = new Map<number, Buffer>();
  const servedAt = new Map<number, number>();
  /** Responses served per feed before arming: a feed served twice has had its first read processed. */
  const served = new Array<number>(feeds.length).fill(0);
  const render = (n: number): Buffer => {
    const f = feeds[n];
    const k = roundAt.get(n);
    const host = new URL(f.url).host;
    const items = armed && k !== undefined ? [roundItem(watch[k].name, k, host), ...f.items] : f.items;
    return Buffer.from(renderFeed({ ...f, items }, host));
  };
  const handler: Parameters<typeof createServer>[1] = (req, res) => {
    const n = Number((req.url ?? '').split('/').pop());
    setTimeout(() => {
      if (!Number.isInteger(n) || !feeds[n]) return void res.writeHead(404).end();
      const key = n * 2 + (armed ? 1 : 0);
      let body = bodies.get(key);
      if (!body) bodies.set(key, (body = render(n)));
      if (!armed) served[n]++;
      const k = armed ? roundAt.get(n) : undefined;
      res.on('finish', () => { if (k !== undefined && !servedAt.has(k)) servedAt.set(k, performance.now()); });
      res.writeHead(200, { 'content-type': feeds[n].contentType }).end(body);
    }, opts.delayMs);
  };
  // Several ports, as the feeds of many outlets: one port would measure the per-host limit instead.
  const feedServers = await Promise.all(Array.from({ length: Math.min(50, feeds.length) }, () => listen(handler)));
  const feedUrl = (n: number): string => `${feedServers[n % feedServers.length].origin}/feed/${n}`;
  const arrivedAt = new Map<number, number>();
  const hook = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const text = Buffer.concat(chunks).toString('utf8');
      watch.forEach((w, k) => { if (!arrivedAt.has(k) && text.includes(w.name) && text.includes('Series H')) arrivedAt.set(k, at); });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });

  const dir = mkdtempSync(join(tmpdir(), 'moonshot-bench-alert-'));
  let child: ReturnType<typeof spawn> | null = null;
  try {
    if (opts.store) copyStore(opts.store.file, join(dir, 'bot.sqlite'));
    const file = join(dir, 'moonshot.yml');
    writeFileSync(file, [
      'feeds:', ...feeds.map((_, n) => `  - url: ${JSON.stringify(feedUrl(n))}\n    interval: ${opts.interval}`),
      'watch:', ...watch.map((w) => `  - ${JSON.stringify([w.name, ...w.aliases].join('|'))}`),
      'allowHosts: [127.0.0.1]',
      'polling:\n  jitter: 0s',
      `subscriptions:\n  - id: alerts\n    platform: slack-webhook\n    webhook: ${JSON.stringify(`${hook.origin}/hook`)}\n    schedule: "0 9 * * 1"\n    alerts: [new_round]`,
      `store:\n  path: ${JSON.stringify(join(dir, 'bot.sqlite'))}`,
      '',
    ].join('\n'));
    const bin = resolve(__dirname, '..', '..', 'bin', 'moonshot.js');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production',
      ...(opts.tick ? { MOONSHOT_POLL_TICK: opts.tick } : {}),
    };
    const proc = spawn(process.execPath, [...botNodeArgs(), bin, 'run', '--config', file], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let err = '';
    let exited = false;
    proc.on('exit', () => { exited = true; });
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.length > 200_000) err = err.slice(-100_000);
    });
    const until = async (done: () => boolean, s: number): Promise<boolean> => {
      const end = performance.now() + s * 1000;
      while (!done() && !exited && performance.now() < end) await new Promise((r) => setTimeout(r, 100));
      return done();
    };
    // Every feed read twice: the first reads (the backlog) are recorded, and the bot is polling as it
    // does from then on, each tick the feeds that are due.
    if (!(await until(() => served.every((n) => n >= 2), opts.deadlineS))) throw new Error(`the bot did not read every feed twice within ${opts.deadlineS} s: ${err.trim().split('\n').pop() ?? ''}`);
    armed = true;
    await until(() => arrivedAt.size === watch.length, opts.deadlineS);
    const lags = [...arrivedAt].flatMap(([k, at]) => (servedAt.has(k) ? [(at - servedAt.get(k)!) / 1000] : []));
    return {
      feeds: feeds.length, items_per_feed: opts.itemsPerFeed, delay_ms: opts.delayMs, stored_articles: opts.store?.articles ?? 0,
      rounds: watch.length, alerts: lags.length, p50_s: quantile(lags, 0.5), p95_s: quantile(lags, 0.95), max_s: Math.max(...lags), missing: watch.length - lags.length,
    };
  } finally {
    if (child && child.exitCode === null) {
      const c = child;
      await new Promise<void>((r) => { c.on('close', () => r()); c.kill('SIGTERM'); setTimeout(() => { c.kill('SIGKILL'); }, 5000); });
    }
    await Promise.all([...feedServers, hook].map(({ server }) => new Promise((r) => { server.closeAllConnections(); server.close(r); })));
    rmSync(dir, { recursive: true, force: true });
  }
}
