// One reading of command text for every platform: "/moonshot valuation kimi maker share" in Slack,
// the structured options of a Discord command (turned into the same words), and `moonshot ask`.
import { isFeedUrl } from '../feeds/feed-url';
import type { AlertKind, Metric } from '../types';
import { ALERT_KINDS, METRICS } from '../types';
import { parseUsdAmount } from '../config/amount';
import { formatDuration, parseDuration } from '../config/duration';
import { DEFAULT_FEED_INTERVAL_MS } from '../config';
import { closestWord } from './match';

/** The figure questions and the metrics each reads. */
export const TOPICS = {
  valuation: ['valuation'],
  funding: ['round_size', 'lead_investor'],
  raised: ['total_raised'],
  revenue: ['revenue'],
  cash: ['cash_reserves'],
  investors: ['lead_investor', 'investor'],
} as const satisfies Record<string, readonly Metric[]>;
export type Topic = keyof typeof TOPICS;
export const TOPIC_NAMES = Object.keys(TOPICS) as Topic[];

/** Other words people use for a topic. */
const TOPIC_WORDS: Record<string, Topic> = {
  valuation: 'valuation', valued: 'valuation', value: 'valuation', worth: 'valuation',
  funding: 'funding', round: 'funding', latest: 'funding',
  raised: 'raised', total: 'raised', 'total-raised': 'raised',
  revenue: 'revenue', revenues: 'revenue', arr: 'revenue', sales: 'revenue',
  cash: 'cash', reserves: 'cash', runway: 'cash',
  investors: 'investors', investor: 'investors', backers: 'investors', lead: 'investors',
};

export const QUERY_WORDS = [...TOPIC_NAMES, 'rounds', 'conflicts', 'sources', 'history', 'news', 'chart', 'help'] as const;
export const ADMIN_WORDS = ['feeds', 'watch', 'digest'] as const;

export type FeedsAction =
  | { action: 'add'; url: string; intervalMs: number }
  | { action: 'remove' | 'pause' | 'resume' | 'test'; url: string }
  | { action: 'list' }
  | { action: 'import'; source: string };

export type WatchAction = { action: 'add'; spec: string } | { action: 'remove'; name: string } | { action: 'list' };

export type DigestAction =
  | { action: 'here'; schedule: string | null; timezone: string | null }
  | { action: 'now' } | { action: 'off' } | { action: 'preview' }
  | { action: 'filter'; change: FilterChange }
  | { action: 'alerts'; kinds: AlertKind[] | null };

/** One change to a subscription's filters, as said in chat; `show` changes nothing. */
export type FilterChange =
  | { what: 'show' } | { what: 'reset' }
  | { what: 'min'; usd: number | null }
  | { what: 'talks'; on: boolean }
  | { what: 'companies'; names: string[] | null }
  | { what: 'metrics'; metrics: Metric[] | null }
  | { what: 'exclude' | 'include'; source: string }
  | { what: 'also'; on: boolean }
  | { what: 'also-min'; usd: number | null };

export type ParsedCommand =
  | { kind: 'figure'; topic: Topic; company: string | null; share: boolean }
  | { kind: 'rounds' | 'conflicts' | 'history' | 'news' | 'chart'; company: string | null; share: boolean }
  | { kind: 'sources'; metric: Metric | null; metricTyped: string; company: string | null; share: boolean }
  | { kind: 'help'; share: boolean }
  | { kind: 'feeds'; feeds: FeedsAction }
  | { kind: 'watch'; watch: WatchAction }
  | { kind: 'digest'; digest: DigestAction }
  | { kind: 'bad'; message: string; usage: string };

export const DEFAULT_INTERVAL_MS = DEFAULT_FEED_INTERVAL_MS;

export const USAGE: Record<string, string> = {
  query: '/moonshot valuation|funding|raised|revenue|cash|investors|rounds|conflicts|history|news [company] [share]',
  sources: '/moonshot sources <valuation|funding|raised|revenue|cash|investors> [company] [share]',
  feeds: '/moonshot feeds add <url> [every 30m] | remove <url> | pause <url> | resume <url> | list | test <url> | import <opml-url>',
  watch: '/moonshot watch add "Name|alias|alias" | remove <name> | list',
  digest: '/moonshot digest here [cron] [timezone] | now | off | preview | alerts [new_round] [conflict] [closed] | filter …',
  filter: '/moonshot digest filter [min 100M|off] [talks on|off] [companies A, B|all] [metrics round_size valuation|all] [exclude <source>] [include <source>] [also on|off] [also min 20M|off] [reset]',
  chart: '/moonshot chart [company] [share]',
  all: '/moonshot <valuation|funding|raised|revenue|cash|investors|rounds|conflicts|sources|history|news|chart|help> [company] [share]',
};

/** Words, keeping "quoted text" (straight or curly quotes) together. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out.filter((t) => t !== '');
}

/** The metric a person named, by topic word or contract name ("valuation", "cash", "round_size"). */
export function metricsFor(word: string): { topic: Topic | null; metrics: Metric[] } | null {
  const w = word.toLowerCase();
  const topic = TOPIC_WORDS[w];
  if (topic) return { topic, metrics: [...TOPICS[topic]] };
  const m = METRICS.find((x) => x === w.replace(/-/g, '_'));
  return m ? { topic: null, metrics: [m] } : null;
}

export function parseCommand(text: string): ParsedCommand {
  return parseTokens(tokenize(text));
}

export function parseTokens(input: string[]): ParsedCommand {
  let tokens = [...input];
  let share = false;
  // `share` as the last (or first) word asks for the answer in the channel.
  if (tokens.length && /^(share|public)$/i.test(tokens[tokens.length - 1])) { share = true; tokens = tokens.slice(0, -1); }
  const [head, ...rest] = tokens;
  if (!head) return { kind: 'help', share };
  const word = head.toLowerCase();
  const company = rest.length ? rest.join(' ') : null;

  if (word === 'help' || word === '?') return { kind: 'help', share };
  if (word === 'conflicts' || word === 'conflict' || word === 'disagreements') return { kind: 'conflicts', company, share };
  if (word === 'history') return { kind: 'history', company, share };
  if (word === 'rounds') return { kind: 'rounds', company, share };
  if (word === 'news' || word === 'events') return { kind: 'news', company, share };
  if (word === 'chart' || word === 'graph' || word === 'plot') return { kind: 'chart', company, share };
  if (word === 'sources' || word === 'source') {
    if (!rest.length) return { kind: 'bad', message: 'say which figure: for example `sources valuation`', usage: USAGE.sources };
    const m = metricsFor(rest[0]);
    const metric = m ? (m.metrics[0] as Metric) : null;
    return { kind: 'sources', metric, metricTyped: rest[0], company: rest.length > 1 ? rest.slice(1).join(' ') : null, share };
  }
  if (word === 'feeds' || word === 'feed') return parseFeeds(rest);
  if (word === 'watch') return parseWatch(rest);
  if (word === 'digest') return parseDigest(rest);
  const topic = TOPIC_WORDS[word];
  if (topic) return { kind: 'figure', topic, company, share };

  const guess = closestWord(word, [...QUERY_WORDS, ...ADMIN_WORDS]);
  return { kind: 'bad', message: `I don't know "${head}"${guess ? ` — did you mean \`${guess}\`?` : ''}`, usage: USAGE.all };
}

function parseFeeds(args: string[]): ParsedCommand {
  const [verb, ...rest] = args;
  const bad = (message: string): ParsedCommand => ({ kind: 'bad', message, usage: USAGE.feeds });
  const v = (verb ?? 'list').toLowerCase();
  if (v === 'list' || v === 'ls') return { kind: 'feeds', feeds: { action: 'list' } };
  if (v === 'import') {
    if (rest.length !== 1) return bad('give the OPML file to import: `feeds import <url>`');
    return { kind: 'feeds', feeds: { action: 'import', source: unwrapLink(rest[0]) } };
  }
  if (!['add', 'remove', 'rm', 'delete', 'pause', 'resume', 'test'].includes(v)) {
    const guess = closestWord(v, ['add', 'remove', 'pause', 'resume', 'list', 'test', 'import']);
    return bad(`I don't know \`feeds ${verb}\`${guess ? ` — did you mean \`feeds ${guess}\`?` : ''}`);
  }
  if (!rest.length) return bad(`give the feed's URL: \`feeds ${v} https://example.com/feed.xml\``);
  const url = unwrapLink(rest[0]);
  if (!isHttpUrl(url)) return bad(`"${rest[0]}" is not an http(s) URL`);
  if (v === 'add') {
    let intervalMs = DEFAULT_INTERVAL_MS;
    const extra = rest.slice(1).filter((w) => !/^every$/i.test(w));
    if (extra.length > 1) return bad(`I don't understand "${rest.slice(1).join(' ')}"; try \`every 30m\``);
    if (extra.length === 1) {
      const ms = parseDuration(extra[0]);
      if (ms === null || ms < 60_000) return bad(`"${extra[0]}" is not an interval of a minute or more, like 30m or 1h`);
      intervalMs = ms;
    }
    return { kind: 'feeds', feeds: { action: 'add', url, intervalMs } };
  }
  if (rest.length > 1) return bad(`\`feeds ${v}\` takes one URL`);
  const action = v === 'rm' || v === 'delete' ? 'remove' : (v as 'remove' | 'pause' | 'resume' | 'test');
  return { kind: 'feeds', feeds: { action, url } };
}

function parseWatch(args: string[]): ParsedCommand {
  const [verb, ...rest] = args;
  const bad = (message: string): ParsedCommand => ({ kind: 'bad', message, usage: USAGE.watch });
  const v = (verb ?? 'list').toLowerCase();
  if (v === 'list') return { kind: 'watch', watch: { action: 'list' } };
  if (v === 'add') {
    const spec = rest.join(' ').trim();
    if (!spec || !spec.split('|')[0].trim()) return bad('give the company: `watch add "Name|alias|alias"`');
    return { kind: 'watch', watch: { action: 'add', spec } };
  }
  if (v === 'remove' || v === 'rm' || v === 'delete') {
    const name = rest.join(' ').trim();
    if (!name) return bad('say which company: `watch remove "Name"`');
    return { kind: 'watch', watch: { action: 'remove', name } };
  }
  const guess = closestWord(v, ['add', 'remove', 'list']);
  return bad(`I don't know \`watch ${verb}\`${guess ? ` — did you mean \`watch ${guess}\`?` : ''}`);
}

function parseDigest(args: string[]): ParsedCommand {
  const [verb, ...rest] = args;
  const bad = (message: string): ParsedCommand => ({ kind: 'bad', message, usage: USAGE.digest });
  const v = (verb ?? '').toLowerCase();
  if (v === 'now') return { kind: 'digest', digest: { action: 'now' } };
  if (v === 'off' || v === 'stop') return { kind: 'digest', digest: { action: 'off' } };
  if (v === 'preview') return { kind: 'digest', digest: { action: 'preview' } };
  if (v === 'alerts' || v === 'alert') {
    const words = rest.flatMap((w) => w.toLowerCase().split(/[\s,]+/)).filter(Boolean);
    if (!words.length) return { kind: 'digest', digest: { action: 'alerts', kinds: null } };
    if (words.length === 1 && (words[0] === 'off' || words[0] === 'none')) return { kind: 'digest', digest: { action: 'alerts', kinds: [] } };
    const unknown = words.find((w) => !(ALERT_KINDS as readonly string[]).includes(w));
    if (unknown) return bad(`"${unknown}" is not an alert; say any of ${ALERT_KINDS.join(', ')}, or \`off\``);
    return { kind: 'digest', digest: { action: 'alerts', kinds: [...new Set(words as AlertKind[])] } };
  }
  if (v === 'filter' || v === 'filters') return parseFilter(rest);
  if (v === 'here' || v === 'on') {
    const words = rest.flatMap((w) => w.split(/\s+/)).filter(Boolean);
    let timezone: string | null = null;
    // A time zone is the one word with a slash ("Asia/Shanghai") or UTC; the rest is the cron.
    if (words.length && /\/|^utc$|^gmt$/i.test(words[words.length - 1])) timezone = words.pop()!;
    return { kind: 'digest', digest: { action: 'here', schedule: words.length ? words.join(' ') : null, timezone } };
  }
  const guess = v ? closestWord(v, ['here', 'now', 'off', 'preview', 'alerts', 'filter']) : null;
  return bad(v ? `I don't know \`digest ${verb}\`${guess ? ` — did you mean \`digest ${guess}\`?` : ''}` : 'say `digest here`, `digest now` or `digest off`');
}

function parseFilter(args: string[]): ParsedCommand {
  const words = args.flatMap((w) => w.split(/\s+/)).filter(Boolean);
  const [verb, ...rest] = words;
  const arg = rest.join(' ').trim();
  const bad = (message: string): ParsedCommand => ({ kind: 'bad', message, usage: USAGE.filter });
  const ok = (change: FilterChange): ParsedCommand => ({ kind: 'digest', digest: { action: 'filter', change } });
  const onOff = (w: string | undefined): boolean | null => (w && /^(on|yes|true|include)$/i.test(w) ? true : w && /^(off|no|false|exclude|none)$/i.test(w) ? false : null);
  const amount = (w: string): number | null | 'bad' => (/^(off|none|0)$/i.test(w) ? null : parseUsdAmount(w) ?? 'bad');
  const v = (verb ?? '').toLowerCase();
  switch (v) {
    case '': case 'show': case 'list': return ok({ what: 'show' });
    case 'reset': case 'clear': return ok({ what: 'reset' });
    case 'min': case 'minround': case 'minimum': {
      const usd = amount(arg);
      return usd === 'bad' ? bad(`"${arg}" is not an amount; write it like \`min 50M\` or \`min 1.5B\`, or \`min off\``) : ok({ what: 'min', usd });
    }
    case 'talks': {
      const on = onOff(rest[0]);
      return on === null ? bad('say `talks on` or `talks off`') : ok({ what: 'talks', on });
    }
    case 'companies': case 'company': {
      if (!arg) return bad('name the companies: `companies Moonshot AI, Zhipu AI`, or `companies all`');
      return ok({ what: 'companies', names: /^all$/i.test(arg) ? null : arg.split(',').map((x) => x.trim()).filter(Boolean) });
    }
    case 'metrics': case 'metric': {
      if (!arg || /^all$/i.test(arg)) return ok({ what: 'metrics', metrics: null });
      const names = arg.split(/[\s,]+/).filter(Boolean);
      const unknown = names.find((m) => !(METRICS as readonly string[]).includes(m));
      return unknown ? bad(`"${unknown}" is not a metric; say any of ${METRICS.join(', ')}, or \`all\``) : ok({ what: 'metrics', metrics: names as Metric[] });
    }
    case 'exclude': case 'include': {
      if (!arg) return bad(`name the source: \`${v} Capital Notes\``);
      return ok({ what: v, source: arg });
    }
    case 'also': case 'also-raising': {
      if ((rest[0] ?? '').toLowerCase() === 'min') {
        const w = rest.slice(1).join(' ');
        const usd = amount(w);
        return usd === 'bad' ? bad(`"${w}" is not an amount; write it like \`also min 20M\`, or \`also min off\``) : ok({ what: 'also-min', usd });
      }
      const on = onOff(rest[0]);
      return on === null ? bad('say `also on`, `also off` or `also min 20M`') : ok({ what: 'also', on });
    }
    default: {
      const guess = closestWord(v, ['min', 'talks', 'companies', 'metrics', 'exclude', 'include', 'also', 'reset']);
      return bad(`I don't know \`digest filter ${verb}\`${guess ? ` — did you mean \`digest filter ${guess}\`?` : ''}`);
    }
  }
}

/** Slack wraps links as <https://x|label>; take the address. */
export function unwrapLink(s: string): string {
  const m = /^<([^>|]+)(\|[^>]*)?>$/.exec(s.trim());
  return (m ? m[1] : s).trim();
}

/** The reader's own check (feeds/feed-url), so chat never passes what the reader takes for a path. */
export const isHttpUrl = isFeedUrl;

export { formatDuration };
