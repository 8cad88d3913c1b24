// The bot's configuration: a YAML file checked against the schema below, plus secrets from the
// environment (and `.env` when present). Errors name the file, the line, the field and what was
// expected, so a person can fix the file without reading code.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import { parse as parseEnvFile } from 'dotenv';
import { validate as validCron } from 'node-cron';
import { ALERT_KINDS, DEFAULT_DIGEST_FILTER, METRICS, type AlertKind, type DigestFilter, type RatesTable, type WatchedCompany } from '../types';
import { DEFAULT_RATES } from '../facts/rates';
import { DEFAULT_ROUND_WINDOW_DAYS } from '../rounds';
import { parseDuration } from './duration';
import { parseUsdAmount } from './amount';
import { isFeedUrl } from '../feeds/feed-url';
import { DEFAULT_PAGE_LIMITS, type PageLimits } from '../feeds/article-pages';
import { DEFAULT_MAX_ITEMS } from '../feeds/parse/options';
import {
  Ctx, INVALID, bool, describe, formatPath, int, list, object, oneOf, optional, parsed, positive, record, required, str,
  type Issue, type Path, type Spec,
} from './schema';

export { parseDuration, formatDuration } from './duration';
export { parseUsdAmount, formatUsdAmount } from './amount';

// ---------------------------------------------------------------- types

export type Platform = 'slack' | 'discord' | 'console' | 'slack-webhook' | 'discord-webhook';
export const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'console', 'slack-webhook', 'discord-webhook'];

export interface FeedConfig {
  url: string;
  /** How often to poll, in ms. */
  intervalMs: number;
  /** Fetch each new item's page for the full text (the feed only carries a teaser). */
  fetchFullArticle: boolean;
  name: string | null;
}

/** Where something is posted. */
export interface DestinationConfig {
  platform: Platform;
  /** Slack channel id or Discord channel id; null for console and webhooks. */
  channel: string | null;
  /** Incoming-webhook URL for the webhook platforms. */
  webhook: string | null;
}

export interface SubscriptionConfig extends DestinationConfig {
  /** Stable id: the digest cursor is kept under it. */
  id: string;
  /** Cron expression (five or six fields). */
  schedule: string;
  timezone: string;
  /** Canonical names of the watched companies this channel wants; null = all. */
  companies: string[] | null;
  /** Post right away when sources newly disagree, without waiting for the digest (kept for older files: it adds 'conflict' to `alerts`). */
  alertOnConflict: boolean;
  /** What is posted at the end of the poll that read it. Default new_round and conflict. */
  alerts: AlertKind[];
  /** What the digest leaves out (see DigestFilter). */
  filters: DigestFilter;
  /**
   * Messages of one digest posted in the channel itself; the rest of it, and its sources, go in the
   * thread of the first (Slack and Discord bot tokens; webhooks have no threads). Default 3.
   */
  maxChannelMessages?: number;
  /**
   * A chart of the company with the most news, posted with the digest: 'weekly' (the default) when the
   * schedule fires at most once a week, 'always', or 'off'.
   */
  chart?: DigestChartSetting;
}

export type DigestChartSetting = 'weekly' | 'always' | 'off';
export const DIGEST_CHART_SETTINGS: readonly DigestChartSetting[] = ['weekly', 'always', 'off'];

export interface PollingConfig {
  /** Fetches in flight at once, across all feeds. */
  concurrency: number;
  /** Fetches in flight at once against one host. */
  perHostConcurrency: number;
  /** Up to this much random delay is added to each feed's interval, so polls spread out. */
  jitterMs: number;
  backoff: { initialMs: number; maxMs: number; factor: number };
  /** When a feed is added, its items newer than this are treated as news; older ones are only remembered. */
  newItemWindowMs: number;
  /** After this many failures in a row a feed is paused and the admins are told. */
  pauseAfterFailures: number;
  /** Article pages (`fetchFullArticle`): one deadline for a cycle's pages together, and how many at once. */
  articlePages: PageLimits;
  /** Items read from one feed document; the rest are left out with a warning. */
  maxItemsPerFeed: number;
  /**
   * How long a process's claim on a feed holds: when the process dies mid-poll, another one polls the
   * feed once this has passed. Longer than one feed's fetch and recording.
   */
  claimLeaseMs: number;
}

export interface Secrets {
  slackBotToken: string | null;
  slackSigningSecret: string | null;
  slackAppToken: string | null;
  discordToken: string | null;
  discordApplicationId: string | null;
}

export interface StoreConfig {
  /** redis://..., postgres://... or null for the embedded SQLite file. */
  url: string | null;
  /** The SQLite file when `url` is null. */
  path: string;
}

export interface MoonshotConfig {
  /** The file this came from, or null for built-in defaults. */
  file: string | null;
  feeds: FeedConfig[];
  watch: WatchedCompany[];
  defaultCompany: string | null;
  subscriptions: SubscriptionConfig[];
  /** Slack user ids allowed to run admin commands (pause, resume, add feeds). */
  admins: string[];
  /** Where notices for admins go (a feed paused after failures); null = console. */
  adminChannel: DestinationConfig | null;
  /** Hosts the fetcher may reach even when they resolve to private addresses (address guard). */
  allowHosts: string[];
  rates: RatesTable;
  polling: PollingConfig;
  rounds: RoundsConfig;
  store: StoreConfig;
  secrets: Secrets;
  /** The name and picture webhook posts go out under; absent = DEFAULT_IDENTITY. */
  identity?: BotIdentity;
}

/** Who the bot's posts say they are from, where the platform lets the poster say (webhooks). */
export interface BotIdentity {
  name: string;
  /** An https image; null = the bot account's own avatar where it has one, else the webhook's. */
  avatarUrl: string | null;
}

export const DEFAULT_IDENTITY: BotIdentity = { name: 'Moonshot', avatarUrl: null };

/** How reports are grouped into funding rounds (src/rounds). */
export interface RoundsConfig {
  /** Reports of one company published within this many days, naming no different rounds, are one round. */
  windowDays: number;
}

export const DEFAULT_ROUNDS: RoundsConfig = { windowDays: DEFAULT_ROUND_WINDOW_DAYS };

/** How often a feed is polled when its entry or command names no interval. */
export const DEFAULT_FEED_INTERVAL_MS = 10 * 60_000;

// Fetching is bound by the servers' latency, not by our CPU: many fetches wait at once, a few per host.
export const DEFAULT_POLLING: PollingConfig = {
  concurrency: 32,
  perHostConcurrency: 4,
  jitterMs: 60_000,
  backoff: { initialMs: 5 * 60_000, maxMs: 6 * 3_600_000, factor: 2 },
  newItemWindowMs: 24 * 3_600_000,
  pauseAfterFailures: 10,
  articlePages: { ...DEFAULT_PAGE_LIMITS },
  maxItemsPerFeed: DEFAULT_MAX_ITEMS,
  claimLeaseMs: 5 * 60_000,
};

export const DEFAULT_CONFIG: MoonshotConfig = {
  file: null, feeds: [], watch: [], defaultCompany: null, subscriptions: [], admins: [], adminChannel: null,
  allowHosts: [], rates: DEFAULT_RATES, polling: DEFAULT_POLLING, rounds: DEFAULT_ROUNDS,
  store: { url: null, path: 'data/moonshot.sqlite' },
  secrets: { slackBotToken: null, slackSigningSecret: null, slackAppToken: null, discordToken: null, discordApplicationId: null },
};

/** A config file that cannot be used; `message` is one line per problem, each "file:line: path: what". */
export class ConfigError extends Error {
  constructor(message: string, readonly file: string, readonly issues: string[] = [message]) {
    super(message);
    this.name = 'ConfigError';
  }
}

// ---------------------------------------------------------------- schema

const SECRET_NOTE = 'secrets belong in the environment (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN, DISCORD_TOKEN, DISCORD_APPLICATION_ID) or .env, not in the config file';
const looksSecret = (k: string): string | null => (/token|secret|password|key$/i.test(k) ? SECRET_NOTE : null);

/** The longest duration a setting may have: past it, dates computed from it stop being dates. */
const MAX_DURATION_MS = 366 * 86_400_000;

/** A duration no longer than MAX_DURATION_MS; `positive` refuses 0. */
const boundedDuration = (expected: string, positiveOnly: boolean): Spec<number> => (v, p, ctx) => {
  const ms = parsed(expected, (s) => {
    const d = parseDuration(s);
    return d !== null && (!positiveOnly || d > 0) ? d : null;
  })(v, p, ctx);
  if (ms === INVALID || ms <= MAX_DURATION_MS) return ms;
  return ctx.note(p, `expected a duration of at most 366d, ${describe(v)}`);
};

const duration = (example: string): Spec<number> => boundedDuration(`a duration like '${example}'`, true);

const httpUrl = (expected = "an http(s) URL like 'https://example.com/feed.xml'"): Spec<string> => parsed(expected, (s) => (isFeedUrl(s) ? s : null));

const cron: Spec<string> = parsed("a cron expression like '0 9 * * 1-5'", (s) => (s.split(/\s+/).length >= 5 && validCron(s) ? s : null));

const timezone: Spec<string> = parsed("an IANA time zone like 'Europe/London' or 'UTC'", (s) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: s });
    return s;
  } catch {
    return null;
  }
});

/** "Name|alias|alias" or { name, aliases }. */
const watchEntry: Spec<WatchedCompany> = (v, p, ctx) => {
  if (typeof v === 'string') {
    try { return parseWatchSpec(v); } catch { return ctx.fail(p, "a company like 'Moonshot AI|Kimi maker'", v); }
  }
  const r = object({ name: required(str('the company name')), aliases: optional(list(str('an alias')), [] as string[]) })(v, p, ctx);
  return r === INVALID ? r : { name: r.name, aliases: r.aliases };
};

const feedEntry: Spec<FeedConfig> = (v, p, ctx) => {
  if (typeof v === 'string') v = { url: v };
  const r = object({
    url: required(httpUrl()),
    interval: optional(duration('30m'), DEFAULT_FEED_INTERVAL_MS),
    fetchFullArticle: optional(bool(), false),
    name: optional(str('a name for the feed'), null as string | null),
  })(v, p, ctx);
  return r === INVALID ? r : { url: r.url, intervalMs: r.interval, fetchFullArticle: r.fetchFullArticle, name: r.name };
};

/** A webhook URL written in the file, or "$NAME" to read it from the environment. */
const webhookValue = (env: Record<string, string | undefined>): Spec<string> => (v, p, ctx) => {
  if (typeof v === 'string' && v.startsWith('$')) {
    const name = v.slice(1).replace(/^\{(.*)\}$/, '$1');
    const got = env[name];
    return got ? got : ctx.note(p, `the environment variable ${name} is not set (it should hold the webhook URL)`);
  }
  return httpUrl("a webhook URL, or '$NAME' to read it from the environment")(v, p, ctx);
};

const destinationFields = (env: Record<string, string | undefined>) => ({
  platform: required(oneOf(PLATFORMS)),
  channel: optional(parsed<string>("a channel id like 'C0123456789'", (s) => s.replace(/^#/, '') || null), null as string | null),
  webhook: optional(webhookValue(env), null as string | null),
});

function checkDestination(d: DestinationConfig, p: Path, ctx: Ctx): boolean {
  if ((d.platform === 'slack' || d.platform === 'discord') && !d.channel) { ctx.note([...p, 'channel'], `expected a channel id for platform ${d.platform}, but it is missing`); return false; }
  if (d.platform.endsWith('-webhook') && !d.webhook) { ctx.note([...p, 'webhook'], `expected a webhook URL for platform ${d.platform}, but it is missing`); return false; }
  return true;
}

const destination = (env: Record<string, string | undefined>): Spec<DestinationConfig> => (v, p, ctx) => {
  const r = object(destinationFields(env))(v, p, ctx);
  if (r === INVALID || !checkDestination(r, p, ctx)) return INVALID;
  return r;
};

export const DEFAULT_ALERTS: readonly AlertKind[] = ['new_round', 'conflict'];

const usdAmount = parsed<number>("an amount in USD like '50M' or '1.5B'", parseUsdAmount);

/** `filters:` of a subscription: each key optional, the rest as DEFAULT_DIGEST_FILTER. */
const digestFilter: Spec<DigestFilter> = (v, p, ctx) => {
  const d = DEFAULT_DIGEST_FILTER;
  const r = object({
    metrics: optional(list(oneOf(METRICS)), d.metrics),
    minRound: optional(usdAmount, d.minRoundUsd),
    includeTalks: optional(bool(), d.includeTalks),
    excludeSources: optional(list(str('a source name')), d.excludeSources),
    alsoRaising: optional(bool(), d.alsoRaising),
    alsoRaisingMin: optional(usdAmount, d.alsoRaisingMinUsd),
  })(v, p, ctx);
  if (r === INVALID) return r;
  return { metrics: r.metrics, minRoundUsd: r.minRound, includeTalks: r.includeTalks, excludeSources: r.excludeSources, alsoRaising: r.alsoRaising, alsoRaisingMinUsd: r.alsoRaisingMin };
};

const subscription = (env: Record<string, string | undefined>): Spec<SubscriptionConfig> => (v, p, ctx) => {
  const r = object({
    id: optional(str('an id'), null as string | null),
    ...destinationFields(env),
    schedule: required(cron),
    timezone: optional(timezone, 'UTC'),
    companies: optional(list(str('a company name')), null as string[] | null),
    alertOnConflict: optional(bool(), false),
    alerts: optional(list(oneOf(ALERT_KINDS)), [...DEFAULT_ALERTS]),
    filters: optional(digestFilter, { ...DEFAULT_DIGEST_FILTER }),
    maxChannelMessages: optional(int(1, 20), 3),
    chart: optional(oneOf(DIGEST_CHART_SETTINGS), 'weekly' as DigestChartSetting),
  }, { note: looksSecret })(v, p, ctx);
  if (r === INVALID || !checkDestination(r, p, ctx)) return INVALID;
  const target = r.channel ?? (r.webhook ? createHash('sha1').update(r.webhook).digest('hex').slice(0, 10) : 'out');
  const alerts = [...new Set([...r.alerts, ...(r.alertOnConflict ? ['conflict' as const] : [])])];
  return { ...r, alerts, id: r.id ?? `${r.platform}:${target}:${r.schedule}` };
};

const rates: Spec<RatesTable> = (v, p, ctx) => {
  const r = object({
    asOf: optional(str("a date like '2026-11-01'"), DEFAULT_RATES.asOf),
    rates: optional(record(positive('USD per one unit, a positive number'), { test: (k) => /^[A-Z]{3}$/.test(k), expected: "a three-letter currency code like 'EUR'" }), {} as Record<string, number>),
  })(v, p, ctx);
  if (r === INVALID) return r;
  return { asOf: r.asOf, usdPer: { ...DEFAULT_RATES.usdPer, ...r.rates, USD: 1 } };
};

const polling: Spec<PollingConfig> = (v, p, ctx) => {
  const d = DEFAULT_POLLING;
  const r = object({
    concurrency: optional(int(1, 64), d.concurrency),
    perHostConcurrency: optional(int(1, 16), d.perHostConcurrency),
    jitter: optional(boundedDuration("a duration like '1m' (or '0s')", false), d.jitterMs),
    backoff: optional(object({
      initial: optional(duration('5m'), d.backoff.initialMs),
      max: optional(duration('6h'), d.backoff.maxMs),
      factor: optional(positive('a factor above 1, like 2'), d.backoff.factor),
    }), { initial: d.backoff.initialMs, max: d.backoff.maxMs, factor: d.backoff.factor }),
    newItemWindow: optional(duration('24h'), d.newItemWindowMs),
    pauseAfterFailures: optional(int(1, 1000), d.pauseAfterFailures),
    articlePages: optional(object({
      deadline: optional(duration('15s'), d.articlePages.deadlineMs),
      concurrency: optional(int(1, 16), d.articlePages.concurrency),
    }), { deadline: d.articlePages.deadlineMs, concurrency: d.articlePages.concurrency }),
    maxItemsPerFeed: optional(int(1, 100_000), d.maxItemsPerFeed),
    claimLease: optional(duration('5m'), d.claimLeaseMs),
  })(v, p, ctx);
  if (r === INVALID) return r;
  return {
    concurrency: r.concurrency, perHostConcurrency: r.perHostConcurrency, jitterMs: r.jitter,
    backoff: { initialMs: r.backoff.initial, maxMs: r.backoff.max, factor: r.backoff.factor },
    newItemWindowMs: r.newItemWindow, pauseAfterFailures: r.pauseAfterFailures,
    articlePages: { deadlineMs: r.articlePages.deadline, concurrency: r.articlePages.concurrency },
    maxItemsPerFeed: r.maxItemsPerFeed, claimLeaseMs: r.claimLease,
  };
};

function topLevel(env: Record<string, string | undefined>) {
  return object({
    feeds: optional(list(feedEntry), [] as FeedConfig[]),
    watch: optional(list(watchEntry, { max: MAX_WATCHED }), [] as WatchedCompany[]),
    defaultCompany: optional(str('a company name from the watch list'), null as string | null),
    subscriptions: optional(list(subscription(env)), [] as SubscriptionConfig[]),
    admins: optional(list(parsed("a Slack user id like 'U0123456789'", (s) => (/^[UW][A-Z0-9]{2,}$/.test(s) ? s : null))), [] as string[]),
    adminChannel: optional(destination(env), null as DestinationConfig | null),
    allowHosts: optional(list(str('a host name or address like 127.0.0.1')), [] as string[]),
    currency: optional(rates, DEFAULT_RATES),
    polling: optional(polling, DEFAULT_POLLING),
    rounds: optional(object({ windowDays: optional(int(1, 366), DEFAULT_ROUNDS.windowDays) }), DEFAULT_ROUNDS),
    store: optional(object({ path: optional(str('a file path'), DEFAULT_CONFIG.store.path) }), { path: DEFAULT_CONFIG.store.path }),
    identity: optional(object({
      name: optional(parsed<string>('a name of 1 to 80 characters', (s) => (s.length <= 80 ? s : null)), DEFAULT_IDENTITY.name),
      avatarUrl: optional(httpUrl('an https URL of an image'), DEFAULT_IDENTITY.avatarUrl as string | null),
    }), { ...DEFAULT_IDENTITY }),
  }, { expected: 'a mapping of sections (feeds, watch, subscriptions, ...)', note: looksSecret });
}

// ---------------------------------------------------------------- loading

/** The file `run` and `scan` use when none is given: config/moonshot.yml, else the example, else none. */
export function defaultConfigFile(cwd = process.cwd()): string | null {
  for (const f of ['config/moonshot.yml', 'config/moonshot.yaml', 'config/moonshot.example.yml']) {
    if (existsSync(resolve(cwd, f))) return f;
  }
  return null;
}

/** process.env over `.env` (when present): the environment always wins over the file. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env, dotenvFile = resolve(process.cwd(), '.env')): Record<string, string | undefined> {
  let fromFile: Record<string, string> = {};
  try {
    if (existsSync(dotenvFile)) fromFile = parseEnvFile(readFileSync(dotenvFile));
  } catch {
    // An unreadable .env is the same as none; the config check reports what is then missing.
  }
  return { ...fromFile, ...env };
}

export function readSecrets(env: Record<string, string | undefined>): Secrets {
  const get = (k: string): string | null => (env[k] && env[k]!.trim() ? env[k]!.trim() : null);
  return {
    slackBotToken: get('SLACK_BOT_TOKEN'), slackSigningSecret: get('SLACK_SIGNING_SECRET'), slackAppToken: get('SLACK_APP_TOKEN'),
    discordToken: get('DISCORD_TOKEN'), discordApplicationId: get('DISCORD_APPLICATION_ID'),
  };
}

/**
 * Loads and checks a config file (default: see defaultConfigFile). Throws ConfigError, whose message
 * says where each problem is. With no file at all, the built-in defaults (nothing watched, no feeds).
 */
export async function loadConfig(file?: string, env: Record<string, string | undefined> = loadEnv()): Promise<MoonshotConfig> {
  const chosen = file ?? defaultConfigFile();
  if (!chosen) return { ...DEFAULT_CONFIG, secrets: readSecrets(env), store: storeFrom(DEFAULT_CONFIG.store.path, env) };
  let text: string;
  try {
    // Checked before reading: a huge file would hold the event loop while YAML parses it.
    const size = statSync(chosen).size;
    if (size > MAX_CONFIG_BYTES) throw new ConfigError(tooBig(chosen, size), chosen);
    text = readFileSync(chosen, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${chosen}: ${code === 'ENOENT' ? 'no such config file' : code === 'EISDIR' ? 'a directory, not a config file' : 'cannot be read'}`, chosen);
  }
  return parseConfig(text, chosen, env);
}

/** Checks config text; `file` is only for messages. */
export function parseConfig(text: string, file: string, env: Record<string, string | undefined> = {}): MoonshotConfig {
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigError(tooBig(file, text.length), file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    // With prettyErrors off the errors carry offsets, not lines: the line counter turns one into the other.
    const issues = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
    throw new ConfigError(issues.join('\n'), file, issues);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
  } catch (err) {
    // yaml's only refusal here is the alias count (a "billion laughs" file); it names no place, so the first alias is named.
    const issue = `${file}:${firstAliasLine(doc, lineCounter)}: not valid here: ${/alias/i.test(String(err)) ? `the file expands its aliases past ${MAX_ALIASES} times (an alias bomb?)` : String(err).split('\n')[0]}`;
    throw new ConfigError(issue, file);
  }
  const ctx = new Ctx();
  const r = topLevel(env)(value, [], ctx);
  if (r !== INVALID) crossCheck(r, ctx);
  if (r === INVALID || ctx.issues.length) {
    const issues = ctx.issues
      .map((i) => ({ line: lineOf(doc, lineCounter, i), i }))
      .sort((a, b) => a.line - b.line)
      .map(({ line, i }) => `${file}:${line}: ${formatPath(i.path)}: ${i.message}`);
    throw new ConfigError(issues.join('\n'), file, issues);
  }
  return {
    file,
    feeds: r.feeds, watch: r.watch, defaultCompany: r.defaultCompany, subscriptions: r.subscriptions,
    admins: r.admins, adminChannel: r.adminChannel, allowHosts: r.allowHosts, rates: r.currency, polling: r.polling, rounds: r.rounds,
    store: storeFrom(r.store.path, env), secrets: readSecrets(env), identity: r.identity,
  };
}

/** A config file is hand-written: past this it is not one, and parsing it would hold the bot. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Aliases expanded in all; yaml's own default (100) is the same kind of bound. */
const MAX_ALIASES = 1000;
/** Companies on the watch list: every article is matched against each. */
export const MAX_WATCHED = 5000;

function tooBig(file: string, size: number): string {
  return `${file}: the config file is ${(size / 1024 / 1024).toFixed(1)} MB; at most ${MAX_CONFIG_BYTES / 1024 / 1024} MB is read`;
}

function firstAliasLine(doc: Document, lc: LineCounter): number {
  let line = 1;
  visit(doc, { Alias(_key, node) { if (node.range) { line = lc.linePos(node.range[0]).line; return visit.BREAK; } return undefined; } });
  return line;
}

type Checked = Exclude<ReturnType<ReturnType<typeof topLevel>>, typeof INVALID>;

/** Rules across sections: names must refer to the watch list, ids must be unique. */
function crossCheck(c: Checked, ctx: Ctx): void {
  const known = new Map(c.watch.map((w) => [w.name.toLowerCase(), w.name]));
  const names = [...known.values()].map((n) => `'${n}'`).join(', ') || '(the watch list is empty)';
  if (c.defaultCompany && !known.has(c.defaultCompany.toLowerCase())) {
    ctx.note(['defaultCompany'], `expected a company from the watch list (${names}), ${describe(c.defaultCompany)}`);
  }
  c.subscriptions.forEach((s, i) => {
    s.companies?.forEach((name, j) => {
      if (!known.has(name.toLowerCase())) ctx.note(['subscriptions', i, 'companies', j], `expected a company from the watch list (${names}), ${describe(name)}`);
      else s.companies![j] = known.get(name.toLowerCase())!;
    });
  });
  const seen = new Map<string, number>();
  c.subscriptions.forEach((s, i) => {
    if (seen.has(s.id)) ctx.note(['subscriptions', i], `two subscriptions share the id '${s.id}' (the other is subscriptions[${seen.get(s.id)}]); give one an id`);
    seen.set(s.id, i);
  });
  const urls = new Map<string, number>();
  c.feeds.forEach((f, i) => {
    if (urls.has(f.url)) ctx.note(['feeds', i, 'url'], `the same feed is listed twice (also feeds[${urls.get(f.url)}])`);
    urls.set(f.url, i);
  });
}

function storeFrom(path: string, env: Record<string, string | undefined>): StoreConfig {
  const url = env.STORE_URL && env.STORE_URL.trim() ? env.STORE_URL.trim() : null;
  return { url, path: env.STORE_PATH && env.STORE_PATH.trim() ? env.STORE_PATH.trim() : path };
}

/** The line of the deepest node on the issue's path that exists in the document. */
function lineOf(doc: Document, lc: LineCounter, issue: Issue): number {
  for (let n = issue.path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(issue.path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return 1;
}

// ---------------------------------------------------------------- watch specs

/** "Canonical Name|alias|alias" to a watched company. */
export function parseWatchSpec(spec: string): WatchedCompany {
  const [name, ...aliases] = spec.split('|').map((s) => s.trim()).filter(Boolean);
  if (!name) throw new Error(`empty --watch value: "${spec}"`);
  return { name, aliases };
}
