// DigestInput -> Digest: group by company, word every figure, attach sources and quotes. Pure.
import { createHash } from 'node:crypto';
import { METRICS, ROUND_METRICS, type Conflict, type Metric, type ScanResult } from '../types';
import type { DigestEvent, DigestInput, FigureSource, LedgerFigure, UnwatchedNews } from '../types';
import type { CompanySection, ConflictLine, Digest, EventLine, FigureLine, HeadlineLine, SourceRef, UnwatchedLine } from './digest';
import type { Round } from '../types';
import { monthYear, roundLine } from './rounds';
import { formatFigureValue, formatMoney, metricLabel } from './money';
import { roundDigest } from '../ledger/digest';
import { monthOf, roundLabel } from '../ledger/round-label';

interface ArticleInfo { source: string; url: string | null; title: string; quote: string }

/** Everything the input says about each article id, so a conflict's claim can show its link and sentence. */
function articleLookup(input: DigestInput): Map<string, ArticleInfo> {
  const map = new Map<string, ArticleInfo>();
  for (const a of input.articles ?? []) map.set(a.id, { source: a.source, url: a.url, title: a.title, quote: '' });
  for (const e of input.events) {
    for (const a of e.articles) map.set(a.id, { source: a.source, url: a.url, title: a.title, quote: '' });
  }
  for (const f of [...input.newFigures, ...input.confirmed]) {
    for (const s of f.sources) {
      const known = map.get(s.articleId);
      map.set(s.articleId, { source: s.source, url: s.url ?? known?.url ?? null, title: known?.title ?? '', quote: known?.quote || s.quote });
    }
  }
  return map;
}

function dedupeSources(refs: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.source}\u0000${r.url ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function figureLine(f: LedgerFigure, taken: Set<string>): FigureLine {
  const value = formatFigureValue(f);
  let key = `${f.company}|${f.metric}|${value}`;
  for (let n = 2; taken.has(key); n++) key = `${f.company}|${f.metric}|${value}#${n}`;
  taken.add(key);
  return {
    key, metric: f.metric, label: metricLabel(f.metric), value,
    sources: dedupeSources(f.sources.map((s: FigureSource) => ({ source: s.source, url: s.url, quote: s.quote }))),
  };
}

function conflictLine(c: Conflict, lookup: Map<string, ArticleInfo>, taken: Set<string>): ConflictLine {
  let key = `${c.company}|${c.metric}|conflict`;
  for (let n = 2; taken.has(key); n++) key = `${c.company}|${c.metric}|conflict#${n}`;
  taken.add(key);
  const claims = c.claims.map((cl) => {
    const refs: SourceRef[] = cl.articleIds.length
      ? cl.articleIds.map((id, i) => {
        const a = lookup.get(id);
        return { source: a?.source ?? cl.sources[i] ?? cl.sources[0] ?? 'unknown source', url: a?.url ?? null, quote: cl.quotes[i] ?? a?.quote ?? '' };
      })
      : cl.sources.map((s, i) => ({ source: s, url: null, quote: cl.quotes[i] ?? '' }));
    // The round is named once, in the label.
    return { value: formatFigureValue({ amount: cl.amount, name: cl.name, round: c.roundId ? undefined : cl.round }), sources: dedupeSources(refs) };
  });
  // Which round (or which weeks) the sources disagree about: a disagreement is always inside one.
  const round = c.claims.map((cl) => cl.round).find(Boolean) ?? null;
  const where = c.roundId && c.date ? ` · ${roundLabel({ name: round, date: c.date })}` : c.date ? ` · ${monthOf(c.date)}` : '';
  // The headline names the round by its date ("May 2026 round"), as the conflict alert's title does.
  const topic = c.roundId !== undefined
    ? `${c.date ? `${monthYear(c.date)} round` : 'latest round'} (${c.metric === 'round_size' ? 'size' : metricLabel(c.metric).toLowerCase()})`
    : `${metricLabel(c.metric).toLowerCase()}${c.date ? ` · ${monthOf(c.date)}` : ''}`;
  return { key, metric: c.metric, label: `${metricLabel(c.metric)}${where}`, claims, topic, ...(c.roundId !== undefined ? { roundId: c.roundId } : {}), ...(c.date ? { date: c.date } : {}) };
}

/** Quotes in a company's headline, in all: enough to show how it was said; the rest are in the details.
 *  Two at most, so no figure has more than two, and the channel message stays a read of seconds. */
const HEADLINE_QUOTES = 2;

/**
 * A company's headline: a line per new or changed round (its figures folded into it), then each figure
 * no round line carries, investors as one list. Quotes: two in all, never the same one twice.
 */
function headlineOf(rounds: Round[], figures: { fig: LedgerFigure; line: FigureLine }[], stories: EventLine[]): HeadlineLine[] {
  // A quote that is only a story's headline says nothing the story line does not.
  const said = (q: string): string => q.trim().toLowerCase().replace(/[.!?…\s]+$/, '');
  const headlines = new Set(stories.map((e) => said(e.headline)));
  const used = new Set<string>();
  const quotesOf = (refs: SourceRef[]): SourceRef[] => {
    const out: SourceRef[] = [];
    for (const r of refs) {
      const q = said(r.quote);
      if (!q || used.has(q) || headlines.has(q) || used.size >= HEADLINE_QUOTES) continue;
      used.add(q);
      out.push(r);
    }
    return out;
  };
  const covered = new Set<string>();
  const out: HeadlineLine[] = [];
  for (const r of rounds) {
    const label = roundLabel(r);
    const mine = figures.filter(({ fig }) => fig.round === label && ROUND_METRICS.includes(fig.metric));
    for (const m of mine) covered.add(m.line.key);
    const closed = mine.find(({ fig }) => !fig.amount && fig.name?.startsWith('closed after talks'));
    const refs = dedupeSources(mine.flatMap(({ line }) => line.sources));
    const quoted = mine.filter(({ fig }) => fig.metric !== 'investor').flatMap(({ line }) => line.sources);
    out.push({
      kind: 'round', label: '', text: `${roundLine(r)}${closed ? ` · ${closed.fig.name}` : ''}`, metric: 'round_size', sources: refs, quotes: quotesOf(quoted),
      disputed: !!(r.round_size?.disputed || r.valuation?.disputed || r.lead_disputed),
    });
  }
  const rest = figures.filter(({ line }) => !covered.has(line.key));
  for (const { line } of rest.filter(({ fig }) => fig.metric !== 'investor')) {
    out.push({ kind: 'figure', label: line.label, text: line.value, metric: line.metric, sources: line.sources, quotes: quotesOf(line.sources), disputed: false });
  }
  const investors = rest.filter(({ fig }) => fig.metric === 'investor');
  if (investors.length) {
    out.push({ kind: 'investors', label: '', text: investors.map(({ line }) => line.value).join(', '), metric: 'investor', sources: dedupeSources(investors.flatMap(({ line }) => line.sources)), quotes: [], disputed: false });
  }
  return out;
}

function eventLine(e: DigestEvent): EventLine {
  const links = e.articles.map((a) => ({ source: a.source, url: a.url, title: a.title }));
  return { headline: e.headline, published: e.published, sourceCount: Math.max(links.length, e.articleIds.length), links };
}

/**
 * The stories for the channel: events whose articles all report one of the section's rounds are one
 * story, the earliest one's headline and link standing for them, every article counted.
 */
function storiesOf(events: DigestEvent[], rounds: Round[]): EventLine[] {
  const roundOf = (e: DigestEvent): Round | undefined => rounds.find((r) => e.articleIds.length > 0 && e.articleIds.every((id) => r.articleIds.includes(id)));
  const byRound = new Map<string, DigestEvent[]>();
  const out: { at: number; line: EventLine; round?: string }[] = [];
  events.forEach((e, i) => {
    const r = roundOf(e);
    if (!r) { out.push({ at: i, line: eventLine(e) }); return; }
    if (!byRound.has(r.id)) out.push({ at: i, line: eventLine(e), round: r.id });
    byRound.set(r.id, [...(byRound.get(r.id) ?? []), e]);
  });
  return out.map(({ line, round }) => {
    const group = round ? byRound.get(round) ?? [] : [];
    if (group.length < 2) return line;
    const first = [...group].sort((a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff'))[0];
    const ids = new Set(group.flatMap((e) => e.articleIds));
    return { ...eventLine(first), sourceCount: ids.size, links: [first, ...group.filter((e) => e !== first)].flatMap((e) => eventLine(e).links) };
  });
}

function unwatchedLine(u: UnwatchedNews): UnwatchedLine {
  const amount = u.amount ? `${formatMoney(u.amount)}${u.metric ? ` ${metricLabel(u.metric).toLowerCase()}` : ''}` : null;
  return { company: u.company, headline: u.headline, amount, source: u.source, url: u.url };
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${DAY.format(d)} ${TIME.format(d)} UTC`;
}

/** "22 Nov 2026 07:00 UTC – 22 Nov 2026 08:00 UTC", or "up to …" for a first digest. */
export function formatWindow(since: string | null, until: string): string {
  return since ? `${when(since)} – ${when(until)}` : `up to ${when(until)}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export interface ComposeOptions {
  /** Worded as an alert (see Digest.alert). */
  alert?: boolean;
}

export function composeDigest(input: DigestInput, opts: ComposeOptions = {}): Digest {
  const lookup = articleLookup(input);
  const byCompany = new Map<string, CompanySection>();
  const section = (company: string): CompanySection => {
    let s = byCompany.get(company);
    if (!s) {
      s = { company, events: [], stories: [], newFigures: [], confirmed: [], conflicts: [], rounds: [], current: [], headline: [] };
      byCompany.set(company, s);
    }
    return s;
  };
  const taken = new Set<string>();
  const raw = new Map<CompanySection, DigestEvent[]>();
  for (const e of input.events) {
    const s = section(e.company);
    s.events.push(eventLine(e));
    raw.set(s, [...(raw.get(s) ?? []), e]);
  }
  const made = new Map<CompanySection, { fig: LedgerFigure; line: FigureLine }[]>();
  for (const f of input.newFigures) {
    const s = section(f.company);
    const line = figureLine(f, taken);
    s.newFigures.push(line);
    made.set(s, [...(made.get(s) ?? []), { fig: f, line }]);
  }
  for (const f of input.confirmed) section(f.company).confirmed.push(figureLine(f, taken));
  for (const c of input.conflicts) section(c.company).conflicts.push(conflictLine(c, lookup, taken));

  // Within a company, figures read in a fixed order: round, valuation, ..., investors.
  const rank = (m: Metric): number => METRICS.indexOf(m);
  const companyOf = (name: string): CompanySection | undefined => byCompany.get(name) ?? [...byCompany.values()].find((x) => x.company.toLowerCase() === name.toLowerCase());
  for (const r of input.rounds ?? []) companyOf(r.company)?.rounds.push(r);
  for (const a of input.current ?? []) companyOf(a.company)?.current.push(a);
  for (const s of byCompany.values()) {
    for (const list of [s.newFigures, s.confirmed]) list.sort((a, b) => rank(a.metric) - rank(b.metric));
    s.conflicts.sort((a, b) => rank(a.metric) - rank(b.metric));
    s.rounds.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
    const figs = (made.get(s) ?? []).sort((a, b) => rank(a.line.metric) - rank(b.line.metric));
    s.stories = storiesOf(raw.get(s) ?? [], s.rounds);
    s.headline = headlineOf(s.rounds, figs, s.events);
  }

  // Disagreements first: they are what a reader must not miss. Otherwise, the order the news came in.
  const sections = [...byCompany.values()].map((s, i) => ({ s, i }))
    .sort((a, b) => Number(b.s.conflicts.length > 0) - Number(a.s.conflicts.length > 0) || a.i - b.i)
    .map((x) => x.s);
  const unwatched = input.unwatched.map(unwatchedLine);

  const sourceNames = new Set<string>();
  for (const s of sections) {
    for (const e of s.events) for (const l of e.links) sourceNames.add(l.source);
    for (const f of [...s.newFigures, ...s.confirmed]) for (const r of f.sources) sourceNames.add(r.source);
    for (const c of s.conflicts) for (const cl of c.claims) for (const r of cl.sources) sourceNames.add(r.source);
  }
  const counts = {
    companies: sections.length,
    events: input.events.length,
    newFigures: input.newFigures.length,
    confirmed: input.confirmed.length,
    conflicts: input.conflicts.length,
    unwatched: unwatched.length,
    sources: sourceNames.size,
  };
  const summaryParts = [plural(counts.companies, 'company', 'companies'), plural(counts.newFigures, 'new figure')];
  if (counts.confirmed) summaryParts.push(plural(counts.confirmed, 'confirmed figure'));
  summaryParts.push(plural(counts.conflicts, 'conflict'));
  const id = createHash('sha256').update(JSON.stringify([input.title, input.since, input.until])).digest('hex').slice(0, 16);
  return {
    id,
    title: input.title,
    ...(opts.alert ? { alert: true } : {}),
    ...(input.chart ? { chart: input.chart } : {}),
    since: input.since,
    until: input.until,
    summary: summaryParts.join(' · '),
    sections,
    unwatched,
    footer: `Moonshot · ${formatWindow(input.since, input.until)} · ${plural(counts.sources, 'source')}`,
    counts,
  };
}

// ---------------------------------------------------------------- from a scan

export interface ScanDigestOptions {
  /** Canonical names of watched companies; anything else becomes a line under "unwatched". Empty: all watched. */
  watch?: string[];
  title?: string;
  now?: Date;
}

/** A scan as a digest input: everything in the scan is new, nothing is confirmed. */
export function digestInputFromScan(result: ScanResult, opts: ScanDigestOptions = {}): DigestInput {
  const until = (opts.now ?? new Date()).toISOString();
  const watched = new Set(opts.watch ?? []);
  const isWatched = (company: string): boolean => watched.size === 0 || watched.has(company);
  const articles = new Map(result.articles.map((a) => [a.id, a]));

  // What the scan found, as the bot's digest reports news: by round (each round's size, valuation and
  // investors with their sources), then company-level figures, agreeing claims merged.
  const everything = { facts: result.facts.map((fact, i) => ({ key: String(i), fact, firstSeen: until, backfill: false })), rounds: result.rounds, current: result.current, conflicts: result.conflicts };
  const news = roundDigest({ facts: [], rounds: [], current: [], conflicts: [] }, everything, new Set(everything.facts.map((f) => f.key)));
  const figures: LedgerFigure[] = news.newFigures.map((fig) => ({
    ...fig,
    sources: fig.sources.map((s) => ({ ...s, published: s.published ?? articles.get(s.articleId)?.published ?? null })),
  }));

  const events: DigestEvent[] = result.events.map((e) => ({
    ...e,
    articles: e.articleIds.flatMap((id) => {
      const a = articles.get(id);
      return a ? [{ id: a.id, title: a.title, url: a.url, source: a.source }] : [];
    }),
  }));

  const unwatched: UnwatchedNews[] = [];
  const unwatchedSeen = new Set<string>();
  const addUnwatched = (company: string, fallback: { headline: string; url: string | null; source: string }): void => {
    if (unwatchedSeen.has(company)) return;
    unwatchedSeen.add(company);
    const round = result.facts.find((f) => f.company === company && f.metric === 'round_size' && f.amount)
      ?? result.facts.find((f) => f.company === company && f.amount);
    unwatched.push({ company, ...fallback, amount: round?.amount, metric: round?.metric });
  };
  for (const e of events.filter((x) => !isWatched(x.company))) {
    const first = e.articles[0];
    addUnwatched(e.company, { headline: e.headline, url: first?.url ?? null, source: first?.source ?? '' });
  }
  for (const f of result.facts.filter((x) => !isWatched(x.company))) {
    addUnwatched(f.company, { headline: articles.get(f.articleId)?.title ?? f.quote, url: f.url, source: f.source });
  }

  return {
    title: opts.title ?? 'Moonshot scan',
    since: null,
    until,
    events: events.filter((e) => isWatched(e.company)),
    newFigures: figures.filter((f) => isWatched(f.company)),
    confirmed: [],
    conflicts: result.conflicts.filter((c) => isWatched(c.company)),
    unwatched,
    rounds: result.rounds.filter((r) => isWatched(r.company)),
    current: result.current.filter((a) => isWatched(a.company)),
  };
}
