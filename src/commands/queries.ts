// The questions anyone may ask: a figure, its sources, disagreements, history and news on a company.
import type { Conflict, Metric, Round, WatchedCompany } from '../types';
import { METRICS } from '../types';
import type { CommandDeps, Reply, ReplySection, RoundsView } from './types';
import { TOPICS, TOPIC_NAMES, USAGE, type Topic } from './parse';
import { matchCompany } from './match';
import { newestDate } from '../ledger';
import { agreement, claimLine, currentValuationLine, day, disputeLines, figureValue, lines, metricLabel, moneyValue, monthOf, plural, reply, roundLabel, roundLine, sourceLinks, factLinks } from './format';

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
  const { metrics } = await deps.ledger.rounds(company);
  if (!metrics.length) return `Nothing is known on ${company} yet: no source has reported a figure.`;
  const topics = TOPIC_NAMES.filter((t) => metrics.some((m) => (TOPICS[t] as readonly Metric[]).includes(m)));
  return `Known on ${company}: ${topics.map((t) => `\`${t}\``).join(', ')}.`;
}

const byDateDesc = <T>(date: (x: T) => string | null): ((a: T, b: T) => number) => (a, b) => (date(b) ?? '').localeCompare(date(a) ?? '');

/** The newest round, in talks or closed: what `funding` answers. */
const newestRound = (rounds: Round[]): Round | undefined => [...rounds].sort(byDateDesc((r) => r.date))[0];

export async function figureQuery(topic: Topic, typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const { company, note } = r;
  const view = await deps.ledger.rounds(company);
  const sections = topic === 'valuation' ? valuationSections(view)
    : topic === 'funding' ? fundingSections(view)
      : topic === 'investors' ? investorSections(view)
        : seriesSections(view, TOPICS[topic][0]);
  if (!sections.length) {
    return reply('not-found', `No ${TOPIC_LABEL[topic]} known for ${company}.`, [lines(note, await knownLine(company, deps))], [], share);
  }
  if (note) sections.unshift({ lines: [note] });
  // The links are the answer's own sources: the facts of the round it answers from (any round for a
  // company-level figure), newest first.
  const roundId = topic === 'valuation' ? view.current.find((c) => c.metric === 'valuation')?.roundId
    : topic === 'funding' ? newestRound(view.rounds)?.id
      : topic === 'investors' ? view.current.find((c) => c.metric === 'lead_investor' || c.metric === 'investor')?.roundId : undefined;
  const metrics = TOPICS[topic] as readonly Metric[];
  const links = factLinks(view.links.filter((f) => metrics.includes(f.metric) && f.when === 'current' && (roundId === undefined || f.roundId === roundId)));
  return reply('answer', `${company}: ${TOPIC_LABEL[topic]}`, sections, links, share);
}

function valuationSections(view: RoundsView): ReplySection[] {
  const v = view.current.find((c) => c.metric === 'valuation');
  if (!v || (!v.amount && !v.talks)) return [];
  const out = [currentValuationLine(v, view.rounds)];
  const dispute = view.conflicts.find((c) => c.metric === 'valuation' && c.roundId === v.roundId);
  if (dispute) out.push(...disputeLines(dispute, view.rounds));
  // The round before, for scale: a timeline, never a disagreement.
  const current = view.rounds.find((x) => x.id === v.roundId);
  const earlier = view.rounds.filter((x) => x.valuation && x.status === 'closed' && x.id !== v.roundId && current && (x.date ?? '') < (current.date ?? ''))
    .sort(byDateDesc((x) => x.date))[0];
  if (earlier?.valuation) out.push(`Earlier: ${moneyValue(earlier.valuation.amount, earlier.valuation.basis)} (${roundLabel(earlier)})`);
  return [{ heading: 'Valuation', lines: out }];
}

function fundingSections(view: RoundsView): ReplySection[] {
  const round = newestRound(view.rounds);
  if (!round) return [];
  const out = [roundLine(round, view.conflicts)];
  if (round.lead_investors.length) out.push(`Lead investor${round.lead_investors.length === 1 ? '' : 's'}: ${round.lead_investors.map((l) => `${l.name} (${plural(l.sources, 'source')})`).join(', ')}`);
  if (round.investors.length) out.push(`Also investing: ${round.investors.join(', ')}`);
  for (const c of view.conflicts.filter((x) => x.roundId === round.id)) out.push(...disputeLines(c, view.rounds));
  const sections: ReplySection[] = [{ heading: 'Latest round', lines: out }];
  if (round.status === 'talks') {
    const closed = view.rounds.filter((x) => x.status === 'closed' && x.id !== round.id).sort(byDateDesc((x) => x.date))[0];
    if (closed) sections.push({ heading: 'Last closed round', lines: [roundLine(closed, view.conflicts)] });
  }
  return sections;
}

function investorSections(view: RoundsView): ReplySection[] {
  const out: string[] = [];
  const leads = view.current.find((c) => c.metric === 'lead_investor');
  const others = view.current.find((c) => c.metric === 'investor');
  const round = view.rounds.find((x) => x.id === (leads?.roundId ?? others?.roundId));
  const where = round ? ` (${roundLabel(round)})` : '';
  if (leads?.names?.length) out.push(`Led by ${leads.names.join(', ')}${where} — ${agreement(leads.sources, leads.disputed)}`);
  if (others?.names?.length) out.push(`Also investing: ${others.names.join(', ')}`);
  const dispute = view.conflicts.find((c) => c.metric === 'lead_investor' && c.roundId === leads?.roundId);
  if (dispute) out.push(...disputeLines(dispute, view.rounds));
  return out.length ? [{ heading: 'Investors', lines: out }] : [];
}

/** Total raised, revenue or cash: the newest figure, with the one before as history. */
function seriesSections(view: RoundsView, metric: Metric): ReplySection[] {
  const points = view.series.filter((p) => p.figure.metric === metric);
  const cur = view.current.find((c) => c.metric === metric);
  const newestPoint = points.at(-1);
  if (!cur?.amount && !newestPoint) return [];
  const out = cur?.amount
    ? [`${moneyValue(cur.amount, cur.basis)} (${monthOf(cur.asOf)}, ${agreement(cur.sources, cur.disputed)})`]
    : [`${figureValue(newestPoint!.figure)} (${monthOf(newestPoint!.date)}, ${agreement(newestPoint!.figure.sources.length, false)})`];
  const dispute = view.conflicts.find((c) => c.metric === metric && !c.roundId);
  if (dispute) out.push(...disputeLines(dispute, view.rounds));
  const shown = cur?.amount ? moneyValue(cur.amount, cur.basis) : figureValue(newestPoint!.figure);
  const earlier = [...points].reverse().find((p) => figureValue(p.figure) !== shown && (!cur?.asOf || p.date.slice(0, 10) <= cur.asOf.slice(0, 10)));
  if (earlier) out.push(`Earlier: ${figureValue(earlier.figure)} (${monthOf(earlier.date)})`);
  return [{ heading: metricLabel(metric), lines: out }];
}

export async function roundsQuery(typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const view = await deps.ledger.rounds(r.company);
  if (!view.rounds.length) return reply('not-found', `No funding rounds known for ${r.company}.`, [lines(r.note, await knownLine(r.company, deps))], [], share);
  const rounds = [...view.rounds].sort(byDateDesc((x) => x.date));
  return reply('answer', `${r.company}: ${plural(rounds.length, 'funding round')}`, [lines(r.note, ...rounds.map((x) => roundLine(x, view.conflicts)))], [], share);
}

export async function conflictsQuery(typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const { conflicts, rounds } = await deps.ledger.rounds(r.company);
  if (!conflicts.length) return reply('answer', `No disagreements on ${r.company}: the sources that report a figure agree.`, [lines(r.note)], [], share);
  const where = (c: Conflict): string => {
    const round = rounds.find((x) => x.id === c.roundId);
    return round ? ` — ${roundLabel(round)}` : c.date ? ` — ${monthOf(c.date)}` : '';
  };
  return reply('answer', `${r.company}: ${plural(conflicts.length, 'disagreement')}`, [
    ...(r.note ? [lines(r.note)] : []),
    ...conflicts.map((c) => ({ heading: `${metricLabel(c.metric)}${where(c)}`, lines: c.claims.map((cl) => claimLine({ ...cl, round: undefined })) })),
  ], [], share);
}

export async function sourcesQuery(metric: Metric | null, metricTyped: string, typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  if (!metric) {
    return reply('usage', `I don't know the figure "${metricTyped}".`, [lines(`Try one of: ${TOPIC_NAMES.join(', ')} (or ${METRICS.join(', ')}).`, USAGE.sources)], [], share);
  }
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const figs = (await deps.ledger.figures(r.company, metric)).sort((a, b) => newestDate(b).localeCompare(newestDate(a)));
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
  const view = await deps.ledger.rounds(r.company);
  // The rounds' timeline with the company-level figures in it, newest first.
  // By day; on one day a round comes before the figures its coverage gave.
  const entries = [
    ...view.rounds.map((x) => ({ date: (x.date ?? '').slice(0, 10), rank: 0, line: roundLine(x, view.conflicts) })),
    ...view.series.map((p) => ({ date: p.date.slice(0, 10), rank: 1, line: `${metricLabel(p.figure.metric)} · ${monthOf(p.date)} · ${figureValue(p.figure)} · ${plural(p.figure.sources.length, 'source')}` })),
  ].sort((a, b) => b.date.localeCompare(a.date) || a.rank - b.rank);
  if (!entries.length) return reply('not-found', `No figures on ${r.company} yet.`, [lines(r.note)], [], share);
  return reply('answer', `${r.company}: rounds and figures over time`, [lines(r.note, ...entries.map((e) => e.line))], [], share);
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
        '`/moonshot valuation [company]` — the latest closed round\'s valuation, how many sources agree, any dispute; a round in talks beside it',
        '`/moonshot funding [company]` — the latest round, its leads and any dispute',
        '`/moonshot rounds [company]` — every funding round, newest first',
        '`/moonshot raised | revenue | cash | investors [company]` — total raised, revenue, cash, investors',
        '`/moonshot conflicts [company]` — where sources disagree',
        '`/moonshot sources <figure> [company]` — every source for a figure, with its sentence',
        '`/moonshot history [company]` — rounds, total raised, revenue and cash over time',
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
