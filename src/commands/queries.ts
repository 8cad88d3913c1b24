// The questions anyone may ask: a figure, its sources, disagreements, history and news on a company.
import type { Metric, WatchedCompany } from '../types';
import { METRICS } from '../types';
import type { CommandDeps, Reply } from './types';
import { TOPICS, TOPIC_NAMES, USAGE, type Topic } from './parse';
import { matchCompany } from './match';
import { newestDate as newest } from '../ledger/figures';
import { claimLine, conflictSummary, day, figureValue, lines, metricLabel, plural, reply, sourceLinks } from './format';

const TOPIC_LABEL: Record<Topic, string> = {
  valuation: 'valuation', funding: 'latest round', raised: 'total raised', revenue: 'revenue', cash: 'cash', investors: 'investors',
};

export type Resolved = { ok: true; company: string; note: string | null } | { ok: false; reply: Reply };

/** The company a query means: as typed (forgiving case and typos), else the default. */
export async function resolveCompany(typed: string | null, deps: CommandDeps, share: boolean): Promise<Resolved> {
  const watch = await deps.watch.list();
  if (!typed) {
    if (deps.defaultCompany) return { ok: true, company: deps.defaultCompany, note: null };
    return { ok: false, reply: reply('usage', 'Say which company, for example `/moonshot valuation MiniMax`.', [lines(watchedLine(watch))], [], share) };
  }
  let m = matchCompany(typed, watch);
  if (m.kind === 'none') {
    // Companies nobody watches are in the ledger under the name as written.
    const known = (await deps.ledger.companies()).filter((n) => !watch.some((w) => w.name === n)).map((name) => ({ name, aliases: [] }));
    const other = matchCompany(typed, known);
    if (other.kind !== 'none') m = other;
    else if (!m.suggestion && other.suggestion) m = other;
  }
  if (m.kind === 'exact') return { ok: true, company: m.company.name, note: null };
  if (m.kind === 'close') return { ok: true, company: m.company.name, note: `(taking "${typed}" as ${m.company.name})` };
  return {
    ok: false,
    reply: reply('not-found', `I don't follow a company called "${typed}".`, [
      lines(m.suggestion ? `Did you mean ${m.suggestion.name}?` : null, watchedLine(watch)),
    ], [], share),
  };
}

function watchedLine(watch: WatchedCompany[]): string {
  return watch.length ? `Watched companies: ${watch.map((w) => w.name).join(', ')}.` : 'No companies are watched yet (an admin can add one with `/moonshot watch add "Name|alias"`).';
}

/** What the ledger does know on a company, for an answer that found nothing on the question asked. */
async function knownLine(company: string, deps: CommandDeps): Promise<string> {
  const figs = await deps.ledger.figures(company);
  if (!figs.length) return `Nothing is known on ${company} yet: no source has reported a figure.`;
  const topics = TOPIC_NAMES.filter((t) => figs.some((f) => (TOPICS[t] as readonly Metric[]).includes(f.metric)));
  return `Known on ${company}: ${topics.map((t) => `\`${t}\``).join(', ')}.`;
}

export async function figureQuery(topic: Topic, typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const { company, note } = r;
  const metrics = TOPICS[topic] as readonly Metric[];
  const conflicts = (await deps.ledger.conflicts(company)).filter((c) => metrics.includes(c.metric));
  const all = (await deps.ledger.figures(company)).filter((f) => metrics.includes(f.metric));
  const sections = [];
  let links: ReturnType<typeof sourceLinks> = [];
  for (const metric of metrics) {
    const current = await deps.ledger.current(company, metric);
    if (!current) continue;
    const f = current.figure;
    if (metric === 'investor') {
      const names = [...new Set(all.filter((x) => x.metric === 'investor' && x.when === 'current').map((x) => x.name).filter(Boolean))];
      sections.push({ heading: 'Investors', lines: [names.join(', ')] });
      continue;
    }
    const agree = current.sourceCount === 1 ? '1 source' : `${current.sourceCount} sources agree`;
    const out = [`${figureValue(f)} — ${agree}; newest ${day(current.newest)}`];
    const conflict = conflicts.find((c) => c.metric === metric);
    if (conflict) out.push(`Sources disagree: ${conflictSummary(conflict)}. See \`/moonshot conflicts ${company}\`.`);
    const earlier = all.filter((x) => x.metric === metric && x.when === 'past').sort((a, b) => newest(b).localeCompare(newest(a)))[0];
    if (earlier) out.push(`Earlier: ${figureValue(earlier)} (${day(newest(earlier))})`);
    const talks = all.find((x) => x.metric === metric && x.when === 'current' && x.status === 'talks' && x !== f && figureValue(x) !== figureValue(f));
    if (talks && f.status !== 'talks') out.push(`Also reported in talks: ${figureValue(talks)}`);
    sections.push({ heading: metricLabel(metric), lines: out });
    if (!links.length) links = sourceLinks(f);
  }
  if (!sections.length) {
    return reply('not-found', `No ${TOPIC_LABEL[topic]} known for ${company}.`, [lines(note, await knownLine(company, deps))], [], share);
  }
  if (note) sections.unshift({ lines: [note] });
  return reply('answer', `${company}: ${TOPIC_LABEL[topic]}`, sections, links, share);
}

export async function conflictsQuery(typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const conflicts = await deps.ledger.conflicts(r.company);
  if (!conflicts.length) return reply('answer', `No disagreements on ${r.company}: the sources that report a figure agree.`, [lines(r.note)], [], share);
  return reply('answer', `${r.company}: ${plural(conflicts.length, 'disagreement')}`, [
    ...(r.note ? [lines(r.note)] : []),
    ...conflicts.map((c) => ({ heading: metricLabel(c.metric), lines: c.claims.map(claimLine) })),
  ], [], share);
}

export async function sourcesQuery(metric: Metric | null, metricTyped: string, typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  if (!metric) {
    return reply('usage', `I don't know the figure "${metricTyped}".`, [lines(`Try one of: ${TOPIC_NAMES.join(', ')} (or ${METRICS.join(', ')}).`, USAGE.sources)], [], share);
  }
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const figs = (await deps.ledger.figures(r.company, metric)).sort((a, b) => newest(b).localeCompare(newest(a)));
  if (!figs.length) return reply('not-found', `No source has reported a ${metricLabel(metric).toLowerCase()} for ${r.company}.`, [lines(r.note, await knownLine(r.company, deps))], [], share);
  const sections = figs.map((f) => ({
    heading: `${figureValue(f)} — ${plural(f.sources.length, 'source')}`,
    lines: f.sources.map((s) => `${s.source} (${day(s.published)}): “${s.quote}”`),
  }));
  if (r.note) sections.unshift({ heading: '', lines: [r.note] });
  return reply('answer', `${r.company}: who reported the ${metricLabel(metric).toLowerCase()}`, sections, figs.flatMap((f) => sourceLinks(f, 3)).slice(0, 10), share);
}

export async function historyQuery(typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const points = (await deps.ledger.history(r.company)).filter((p) => p.figure.metric !== 'investor');
  if (!points.length) return reply('not-found', `No figures on ${r.company} yet.`, [lines(r.note)], [], share);
  return reply('answer', `${r.company}: figures over time`, [
    lines(r.note, ...points.map((p) => `${day(p.date)} · ${metricLabel(p.figure.metric)}: ${figureValue(p.figure)} (${plural(p.figure.sources.length, 'source')})`)),
  ], [], share);
}

export async function newsQuery(typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const items = await deps.ledger.events(r.company, 5);
  if (!items.length) return reply('not-found', `No funding news on ${r.company} yet.`, [lines(r.note, await knownLine(r.company, deps))], [], share);
  return reply('answer', `${r.company}: latest news`, [
    lines(r.note, ...items.map((e) => `${day(e.published)} · ${e.headline}${e.source ? ` (${e.source})` : ''}`)),
  ], items.filter((e) => e.url).map((e) => ({ label: e.headline.slice(0, 80), url: e.url! })), share);
}

export function helpReply(share: boolean): Reply {
  return reply('answer', 'Moonshot: ask about AI funding', [
    {
      heading: 'Questions (only you see the answer; add `share` to post it in the channel)',
      lines: [
        '`/moonshot valuation [company]` — the current valuation, how many sources agree, any disagreement',
        '`/moonshot funding [company]` — the latest round and its lead investor',
        '`/moonshot raised | revenue | cash | investors [company]` — total raised, revenue, cash, investors',
        '`/moonshot conflicts [company]` — where sources disagree',
        '`/moonshot sources <figure> [company]` — every source for a figure, with its sentence',
        '`/moonshot history [company]` — figures over time',
        '`/moonshot news [company]` — the latest funding news',
        '`/moonshot chart [company]` — valuations and round sizes over time, as an image',
      ],
    },
    {
      heading: 'Admins (in Discord: `/moonshot-admin …`)',
      lines: [
        '`/moonshot feeds add <url> [every 30m]` · `feeds remove|pause|resume|test <url>` · `feeds list` · `feeds import <opml-url>`',
        '`/moonshot watch add "Name|alias|alias"` · `watch remove <name>` · `watch list`',
        '`/moonshot digest here [cron] [timezone]` · `digest now` · `digest off`',
      ],
    },
  ], [], share);
}
