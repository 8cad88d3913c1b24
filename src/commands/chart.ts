// `/moonshot chart [company]`: the company's rounds over time as a PNG, with a line per round beside it.
import type { Conflict, Fact, Round } from '../types';
import type { CommandDeps, Reply } from './types';
import { analyseRounds } from '../rounds';
import { roundLine } from '../digest/rounds';
import { resolveCompany } from './queries';
import { lines, plural, reply } from './format';

/** Rounds read from the ledger when it keeps them; else grouped here from the company's figures. */
export async function roundsOf(company: string, deps: CommandDeps): Promise<{ rounds: Round[]; conflicts: Conflict[] }> {
  if (deps.ledger.rounds) return deps.ledger.rounds(company);
  // Each source of a merged figure is one report of it: the facts the rounds stage groups.
  const facts: Fact[] = (await deps.ledger.figures(company)).flatMap((f) => f.sources.map((s) => ({
    company: f.company, metric: f.metric, amount: f.amount, name: f.name, basis: f.basis, round: f.round, when: f.when, status: f.status,
    articleId: s.articleId, source: s.source, url: s.url, quote: s.quote, published: s.published,
  })));
  const analysis = analyseRounds(facts, { now: deps.now?.() ?? new Date() });
  return { rounds: analysis.rounds, conflicts: analysis.conflicts };
}

/** A chart's file name, title and words for screen readers, the same wherever it is posted. */
export function chartLabels(company: string, rounds: number): { filename: string; title: string; alt: string } {
  return {
    filename: `${company.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'company'}-rounds.png`,
    title: `${company}: valuations and round sizes`,
    alt: `Chart of ${company}'s valuations and round sizes over time, ${plural(rounds, 'round')}; rounds in talks hollow, disputed figures as a range.`,
  };
}

export async function chartQuery(typed: string | null, deps: CommandDeps, share: boolean): Promise<Reply> {
  const r = await resolveCompany(typed, deps, share);
  if (!r.ok) return r.reply;
  const { company, note } = r;
  if (!deps.drawChart) return reply('usage', 'Charts are posted by the running bot in Slack and Discord.', [lines(`In a terminal: \`moonshot chart "${company}" --out chart.png SOURCE…\``)], [], share);
  const { rounds, conflicts } = await roundsOf(company, deps);
  const own = rounds.filter((x) => x.company.toLowerCase() === company.toLowerCase());
  if (!own.some((x) => x.round_size || x.valuation)) {
    return reply('not-found', `No round of ${company} has a size or valuation yet, so there is nothing to chart.`, [lines(note, `\`/moonshot news ${company}\` shows what was reported.`)], [], share);
  }
  const png = deps.drawChart(company, own, conflicts);
  const newest = [...own].reverse().slice(0, 6);
  return {
    ...reply('answer', `${company}: ${plural(own.length, 'round')} over time`, [lines(note, ...newest.map((x) => `• ${roundLine(x)}`), own.length > newest.length && `… and ${own.length - newest.length} earlier (\`/moonshot history ${company}\`)`)], [], share),
    image: { ...chartLabels(company, own.length), png },
  };
}
