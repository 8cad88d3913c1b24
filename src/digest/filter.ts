// A subscription's filters applied to a digest input, before it is composed: the same input is then
// worded, previewed and delivered, so what a preview shows is what the channel will read. Pure.
import { roundLabel } from '../ledger/round-label';
import { ROUND_METRICS, type Claim, type Conflict, type DigestFilter, type DigestInput, type FigureSource, type LedgerFigure, type Money } from '../types';


/** The USD a threshold is compared with: the amount's upper reading, so "$45–55M" passes a 50M minimum. */
const usdOf = (m: Money | undefined): number | null => {
  if (!m || m.usd === null) return null;
  const perUnit = m.usd / m.value;
  return (m.high ?? m.value) * perUnit;
};

/** True when the input carries nothing worth a post. */
export function isEmptyInput(i: DigestInput): boolean {
  return !i.newFigures.length && !i.confirmed.length && !i.conflicts.length && !i.unwatched.length;
}

/**
 * The input with what the filter leaves out taken away; null when nothing is left (no post).
 * A round is known by its company and label: when its size is known and below `minRoundUsd`, all its
 * figures and disagreements go; a round with no size reported stays (it may be large).
 */
export function filterDigestInput(input: DigestInput, f: DigestFilter): DigestInput | null {
  const excluded = new Set(f.excludeSources.map((s) => s.trim().toLowerCase()));
  const keepSource = (name: string): boolean => !excluded.has(name.trim().toLowerCase());
  const roundKey = (company: string, round: string | undefined): string => `${company.toLowerCase()}\u0000${round ?? ''}`;

  const small = new Set<string>();
  if (f.minRoundUsd !== null) {
    for (const fig of [...input.newFigures, ...input.confirmed]) {
      const usd = fig.metric === 'round_size' ? usdOf(fig.amount) : null;
      if (usd !== null && usd < f.minRoundUsd) small.add(roundKey(fig.company, fig.round));
    }
    // A round whose size was known before the window: its new figures go with it.
    for (const r of input.rounds ?? []) {
      const usd = usdOf(r.round_size?.amount);
      if (usd !== null && usd < f.minRoundUsd) small.add(roundKey(r.company, roundLabel(r)));
    }
  }
  const smallRound = new Set((input.rounds ?? []).filter((r) => small.has(roundKey(r.company, roundLabel(r)))).map((r) => r.id));
  const talksRound = new Set((input.rounds ?? []).filter((r) => r.status === 'talks').map((r) => r.id));
  const figureKept = (fig: LedgerFigure): LedgerFigure | null => {
    if (f.metrics && !f.metrics.includes(fig.metric)) return null;
    if (!f.includeTalks && fig.status === 'talks') return null;
    if (ROUND_METRICS.includes(fig.metric) && small.has(roundKey(fig.company, fig.round))) return null;
    if (!fig.sources.length) return fig;
    const sources = fig.sources.filter((s: FigureSource) => keepSource(s.source));
    return sources.length ? { ...fig, sources } : null;
  };
  const figures = (xs: LedgerFigure[]): LedgerFigure[] => xs.map(figureKept).filter((x): x is LedgerFigure => x !== null);

  const conflictKept = (c: Conflict): Conflict | null => {
    if (f.metrics && !f.metrics.includes(c.metric)) return null;
    if (c.roundId !== undefined && smallRound.has(c.roundId)) return null;
    if (!f.includeTalks && c.roundId !== undefined && talksRound.has(c.roundId)) return null;
    if (f.minRoundUsd !== null && c.metric === 'round_size') {
      const sizes = c.claims.map((cl) => usdOf(cl.amount));
      if (sizes.every((u) => u !== null && u < f.minRoundUsd!)) return null;
    }
    const claims = c.claims.map((cl): Claim | null => {
      const keep = cl.sources.map((s) => keepSource(s));
      if (keep.every(Boolean)) return cl;
      const pick = <T>(xs: T[]): T[] => xs.filter((_, i) => keep[i] ?? true);
      const sources = pick(cl.sources);
      return sources.length ? { ...cl, sources, articleIds: pick(cl.articleIds), quotes: pick(cl.quotes) } : null;
    }).filter((x): x is Claim => x !== null);
    return claims.length >= 2 ? { ...c, claims } : null;
  };

  const newFigures = figures(input.newFigures);
  const confirmed = figures(input.confirmed);
  const conflicts = input.conflicts.map(conflictKept).filter((x): x is Conflict => x !== null);
  // A company's headline news stays only while something of the company does.
  const left = new Set([...newFigures, ...confirmed, ...conflicts].map((x) => x.company.toLowerCase()));
  const events = input.events
    .filter((e) => left.has(e.company.toLowerCase()))
    .map((e) => ({ ...e, articles: e.articles.filter((a) => keepSource(a.source)) }))
    .filter((e) => e.articles.length > 0);
  const unwatched = !f.alsoRaising ? [] : input.unwatched.filter((u) => keepSource(u.source)
    && (f.alsoRaisingMinUsd === null || (usdOf(u.amount) ?? 0) >= f.alsoRaisingMinUsd));

  // A round stays while something of it does, and only when it passes the size and talks filters itself.
  const rounds = input.rounds?.filter((r) => {
    if (!f.includeTalks && r.status === 'talks') return false;
    const usd = usdOf(r.round_size?.amount);
    if (f.minRoundUsd !== null && usd !== null && usd < f.minRoundUsd) return false;
    const label = roundLabel(r);
    return [...newFigures, ...confirmed].some((x) => x.company === r.company && x.round === label) || conflicts.some((c) => c.roundId === r.id);
  });
  const out: DigestInput = { ...input, events, newFigures, confirmed, conflicts, unwatched, ...(rounds ? { rounds } : {}) };
  return isEmptyInput(out) ? null : out;
}
