// The commands that change the bot: feeds, watch list, digest subscriptions. The caller checks the
// actor's rights first (see dispatch); these only do the work and say what happened.
import { validate as validCron } from 'node-cron';
import { parseWatchSpec, formatDuration } from '../config';
import { formatFigureValue, metricLabel } from '../digest/money';
import type { CommandDeps, FeedProbe, Place, Reply, ReplySection } from './types';
import type { DigestAction, FeedsAction, FilterChange, WatchAction } from './parse';
import { DEFAULT_ALERTS, formatUsdAmount } from '../config';
import { DEFAULT_DIGEST_FILTER, type AlertKind, type DigestFilter, type DigestInput } from '../types';
import { composeDigest } from '../digest/compose';
import { headlineLines } from '../digest/render/console';
import { DEFAULT_INTERVAL_MS, USAGE } from './parse';
import { matchCompany } from './match';
import { parseOpml } from './opml';
import { probeFeed } from './probe';
import { lines, plural, reply } from './format';
import { plainError } from '../feeds/read';
import { isFeedUrl } from '../feeds/feed-url';

export const DEFAULT_DIGEST_SCHEDULE = '0 9 * * 1-5';

const ALERT_WORDS: Record<AlertKind, string> = { new_round: 'a new round', conflict: 'a new disagreement', closed: 'a round closed after talks' };

function alertsSentence(kinds: AlertKind[]): string {
  if (!kinds.length) return 'This channel gets no alerts between digests.';
  return `This channel is alerted at once, at the end of the poll that reads it, to ${kinds.map((k) => ALERT_WORDS[k]).join(', ')}.`;
}

function changeFilters(f: DigestFilter, c: FilterChange): DigestFilter {
  switch (c.what) {
    case 'reset': return { ...DEFAULT_DIGEST_FILTER };
    case 'min': return { ...f, minRoundUsd: c.usd };
    case 'talks': return { ...f, includeTalks: c.on };
    case 'metrics': return { ...f, metrics: c.metrics };
    case 'exclude': return { ...f, excludeSources: [...f.excludeSources.filter((s) => s.toLowerCase() !== c.source.toLowerCase()), c.source] };
    case 'include': return { ...f, excludeSources: f.excludeSources.filter((s) => s.toLowerCase() !== c.source.toLowerCase()) };
    case 'also': return { ...f, alsoRaising: c.on };
    case 'also-min': return { ...f, alsoRaisingMinUsd: c.usd };
    default: return f;
  }
}

export function describeFilters(f: DigestFilter, companies: string[] | null): string[] {
  return [
    `Companies: ${companies?.join(', ') ?? 'every watched company'}`,
    `Metrics: ${f.metrics?.join(', ') ?? 'all'}`,
    `Minimum round: ${f.minRoundUsd === null ? 'none' : formatUsdAmount(f.minRoundUsd)}`,
    `Rounds in talks: ${f.includeTalks ? 'shown' : 'left out'}`,
    `Sources left out: ${f.excludeSources.join(', ') || 'none'}`,
    `Also raising: ${f.alsoRaising ? `shown${f.alsoRaisingMinUsd === null ? '' : `, from ${formatUsdAmount(f.alsoRaisingMinUsd)}`}` : 'off'}`,
  ];
}

/** The next digest for the admin's eyes only: what the channel's message would say, company by company. */
function previewReply(input: DigestInput): Reply {
  const d = composeDigest(input);
  const text = headlineLines(d).filter((l) => l.trim());
  const chart = input.chart ? `Then a chart of ${input.chart.company}'s rounds (${input.chart.rounds.length}).` : null;
  return reply('answer', `Preview (only you see this; nothing was posted): ${d.title}`, [lines(...text), lines('The sources and their sentences go in the thread.', chart, 'The digest goes out as usual; this preview did not move it.')]);
}

export async function feedsCommand(a: FeedsAction, deps: CommandDeps): Promise<Reply> {
  switch (a.action) {
    case 'list': {
      const feeds = await deps.feeds.list();
      if (!feeds.length) return reply('answer', 'No feeds yet. Add one with `/moonshot feeds add <url>`.');
      return reply('answer', `${plural(feeds.length, 'feed')}`, [lines(...feeds.map((f) =>
        `${f.paused ? '⏸ ' : ''}${f.name ? `${f.name} — ` : ''}${f.url} · every ${formatDuration(f.intervalMs)}${f.paused ? ' · paused' : ''}${f.origin === 'chat' ? ' · added from chat' : ''}`))]);
    }
    case 'test': {
      const p = await probeFeed(a.url, deps);
      if (!p.ok) return reply('error', `Could not read ${a.url}: ${p.error}`);
      return reply('answer', `Read ${a.url} (nothing was added)`, probeLines(p.probe));
    }
    case 'add': {
      if ((await deps.feeds.list()).some((f) => f.url === a.url)) return reply('answer', `${a.url} is already a feed. \`/moonshot feeds list\` shows them all.`);
      const p = await probeFeed(a.url, deps);
      // A feed that cannot be read now is not added: the admin fixes the URL and tries again.
      if (!p.ok) return reply('error', `Could not add ${a.url}: ${p.error}. Nothing was added.`);
      const added = await deps.feeds.add(a.url, a.intervalMs, p.probe.title || null);
      if (!added) return reply('answer', `${a.url} is already a feed.`);
      return reply('answer', `Added ${p.probe.title || a.url}, polled every ${formatDuration(a.intervalMs)}`, probeLines(p.probe));
    }
    case 'remove':
      return (await deps.feeds.remove(a.url)) ? reply('answer', `Removed ${a.url}. Figures already read from it stay in the ledger.`) : notAFeed(a.url, deps);
    case 'pause':
      return (await deps.feeds.pause(a.url)) ? reply('answer', `Paused ${a.url}. \`/moonshot feeds resume ${a.url}\` starts it again.`) : notAFeed(a.url, deps);
    case 'resume':
      return (await deps.feeds.resume(a.url)) ? reply('answer', `Resumed ${a.url}: it is polled on the next cycle.`) : notAFeed(a.url, deps);
    case 'import':
      return importOpml(a.source, deps);
  }
}

function probeLines(p: FeedProbe): ReplySection[] {
  const facts = p.facts;
  return [
    lines(`“${p.title || '(untitled)'}” · ${p.format.toUpperCase()} · ${plural(p.items, 'item')}`, p.items === 0 && 'The feed is empty right now; it will be read as items appear.'),
    lines(facts.length ? `${plural(facts.length, 'figure')} found:` : 'No funding figures found in its current items.',
      ...facts.slice(0, 8).map((f) => `• ${f.company} ${metricLabel(f.metric).toLowerCase()}: ${formatFigureValue(f)}`),
      facts.length > 8 && `… and ${facts.length - 8} more`),
    lines(...p.warnings.slice(0, 3).map((w) => `warning: ${w}`)),
  ];
}

async function notAFeed(url: string, deps: CommandDeps): Promise<Reply> {
  const feeds = await deps.feeds.list();
  return reply('not-found', `${url} is not one of the feeds.`, [lines(feeds.length ? `Feeds: ${feeds.map((f) => f.url).join(', ')}` : 'There are no feeds yet.')]);
}

async function importOpml(source: string, deps: CommandDeps): Promise<Reply> {
  if (!deps.readOpml) return reply('error', 'Importing OPML is not available here.');
  let text: string;
  try {
    text = await deps.readOpml(source);
  } catch (err) {
    return reply('error', `Could not read ${source}: ${plainError(err)}. Nothing was added.`);
  }
  const parsed = parseOpml(text);
  if (!parsed.ok) return reply('error', `Could not import ${source}: ${parsed.error}. Nothing was added.`);
  const added: string[] = [];
  const already: string[] = [];
  const skipped: string[] = [];
  for (const f of parsed.feeds) {
    if (!isFeedUrl(f.url)) { skipped.push(f.url); continue; }
    if (await deps.feeds.add(f.url, DEFAULT_INTERVAL_MS, f.title)) added.push(f.title ?? f.url);
    else already.push(f.url);
  }
  return reply('answer', `Imported ${plural(added.length, 'feed')} from ${source}`, [
    lines(...added.map((t) => `• ${t}`)),
    lines(already.length > 0 && `${plural(already.length, 'feed was', 'feeds were')} already there.`, skipped.length > 0 && `Skipped ${plural(skipped.length, 'entry', 'entries')} without an http(s) URL: ${skipped.slice(0, 3).join(', ')}`),
  ]);
}

export async function watchCommand(a: WatchAction, deps: CommandDeps): Promise<Reply> {
  const watch = await deps.watch.list();
  switch (a.action) {
    case 'list':
      if (!watch.length) return reply('answer', 'No companies are watched yet.', [lines(USAGE.watch)]);
      return reply('answer', `Watching ${plural(watch.length, 'company', 'companies')}`, [lines(...watch.map((w) => `• ${w.name}${w.aliases.length ? ` (also: ${w.aliases.join(', ')})` : ''}`))]);
    case 'add': {
      const company = parseWatchSpec(a.spec);
      for (const n of [company.name, ...company.aliases]) {
        const m = matchCompany(n, watch);
        if (m.kind === 'exact') return reply('answer', `${m.company.name} is already watched${m.company.name.toLowerCase() !== n.toLowerCase() ? ` (as "${n}")` : ''}.`);
      }
      await deps.watch.add(company);
      return reply('answer', `Now watching ${company.name}${company.aliases.length ? ` (also: ${company.aliases.join(', ')})` : ''}.`, [lines('New articles are matched on these names from the next poll.')]);
    }
    case 'remove': {
      const m = matchCompany(a.name, watch);
      if (m.kind === 'none') return reply('not-found', `"${a.name}" is not on the watch list.`, [lines(m.suggestion && `Did you mean ${m.suggestion.name}?`, `Watched: ${watch.map((w) => w.name).join(', ') || 'nothing'}`)]);
      if (m.kind === 'close') return reply('not-found', `"${a.name}" is not on the watch list. Did you mean ${m.company.name}? Say \`/moonshot watch remove ${m.company.name}\`.`);
      await deps.watch.remove(m.company.name);
      return reply('answer', `Stopped watching ${m.company.name}. What is known on it stays in the ledger.`);
    }
  }
}

export async function digestCommand(a: DigestAction, place: Place, deps: CommandDeps): Promise<Reply> {
  if (place.platform === 'cli' || !place.channel) return reply('usage', '`digest here`, `now`, `off`, `preview`, `alerts` and `filter` work in a Slack or Discord channel.');
  const platform = place.platform;
  const channel = place.channel;
  const existing = (await deps.subscriptions.list()).find((s) => s.platform === platform && s.channel === channel);
  switch (a.action) {
    case 'here': {
      const schedule = a.schedule ?? existing?.schedule ?? DEFAULT_DIGEST_SCHEDULE;
      const timezone = a.timezone ?? existing?.timezone ?? 'UTC';
      if (schedule.split(/\s+/).length < 5 || !validCron(schedule)) return reply('usage', `"${schedule}" is not a cron schedule; for 09:00 on weekdays write \`0 9 * * 1-5\`.`, [lines(USAGE.digest)]);
      try { new Intl.DateTimeFormat('en', { timeZone: timezone }); } catch { return reply('usage', `"${timezone}" is not a time zone; use a name like Europe/London or UTC.`, [lines(USAGE.digest)]); }
      // Said now, not discovered at 09:00 when the first digest bounces.
      const cannot = await place.canPost?.();
      if (cannot) return reply('refused', `I can't post digests in this channel: ${cannot}`, [lines('Nothing was changed. Fix that, then say `digest here` again.')]);
      const id = existing?.id ?? `${platform}:${channel}`;
      // What was set for this channel before (filters, alerts) stays.
      await deps.subscriptions.set({ ...(existing ?? {}), id, platform, channel, schedule, timezone });
      // Subscribing again is how an admin says the bot is back: what waited for this channel goes out.
      await deps.resumeDelivery?.(id);
      return reply('answer', `This channel gets the digest at \`${schedule}\` (${timezone}).`, [lines('Only new figures and new disagreements are posted; a quiet day posts nothing. `/moonshot digest off` stops it.')]);
    }
    case 'off':
      return (await deps.subscriptions.remove(platform, channel)) ? reply('answer', 'This channel no longer gets the digest.') : reply('answer', 'This channel had no digest.');
    case 'preview': {
      if (!deps.digest) return reply('error', 'A digest can only be previewed while the bot is running (`moonshot run`).');
      if (!existing) return reply('not-found', 'This channel has no digest yet: `/moonshot digest here` subscribes it.');
      try {
        const input = await deps.digest.preview(existing, deps.now?.() ?? new Date());
        if (!input) return reply('answer', 'Preview: nothing new since the last digest, so the next one would post nothing.');
        return previewReply(input);
      } catch (err) {
        return reply('error', `The preview could not be made: ${plainError(err)}`);
      }
    }
    case 'alerts': {
      if (!existing) return reply('not-found', 'This channel has no digest yet: `/moonshot digest here` subscribes it.');
      const now = existing.alerts ?? [...DEFAULT_ALERTS];
      if (a.kinds === null) return reply('answer', alertsSentence(now), [lines(USAGE.digest)]);
      await deps.subscriptions.set({ ...existing, alerts: a.kinds });
      return reply('answer', alertsSentence(a.kinds));
    }
    case 'filter': {
      if (!existing) return reply('not-found', 'This channel has no digest yet: `/moonshot digest here` subscribes it.');
      const before = { filters: existing.filters ?? { ...DEFAULT_DIGEST_FILTER }, companies: existing.companies ?? null };
      if (a.change.what === 'show') return reply('answer', 'This channel\'s digest filters', [lines(...describeFilters(before.filters, before.companies)), lines(USAGE.filter)]);
      let companies = before.companies;
      if (a.change.what === 'companies' && a.change.names) {
        const watch = await deps.watch.list();
        const named: string[] = [];
        for (const n of a.change.names) {
          const m = matchCompany(n, watch);
          if (m.kind !== 'exact') return reply('not-found', `"${n}" is not on the watch list${m.kind === 'close' ? `; did you mean ${m.company.name}?` : '.'}`, [lines(`Watched: ${watch.map((w) => w.name).join(', ') || 'nothing'}`)]);
          named.push(m.company.name);
        }
        companies = named;
      } else if (a.change.what === 'companies') companies = null;
      const filters = changeFilters(before.filters, a.change);
      await deps.subscriptions.set({ ...existing, companies, filters });
      return reply('answer', 'Filters changed; the next digest and its preview use them', [lines(...describeFilters(filters, companies))]);
    }
    case 'now': {
      if (!deps.digest) return reply('error', 'A digest can only be posted while the bot is running (`moonshot run`).');
      if (!existing) return reply('not-found', 'This channel has no digest yet: `/moonshot digest here` subscribes it.');
      try {
        return reply('answer', await deps.digest.now(existing));
      } catch (err) {
        return reply('error', `The digest could not be posted: ${plainError(err)}`);
      }
    }
  }
}
