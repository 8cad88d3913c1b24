// A company's figures and conflicts, worked out from its facts once after they change and kept in the
// store, so that a question reads one key instead of every fact. What only a digest needs (when each
// fact behind a figure was first seen, and from which source) is kept under a key of its own, so a
// question never reads or parses it.
import type { Conflict } from '../types';
import type { LedgerFigure } from '../digest/types';
import { conflictsAmong, mergeFigures, type StoredFact } from './figures';

/**
 * Version 1 kept the digest's lines inside each figure; a summary of another version is worked out
 * again on its first read, so a store written by an older bot needs no migration.
 */
export const SUMMARY_VERSION = 2;

export interface Summary {
  v: number;
  /** The generation of the company's facts it was worked out from (see summaryGenKey). */
  gen: string | null;
  figures: LedgerFigure[];
  conflicts: Conflict[];
}

/**
 * What a digest's window needs of one fact behind a figure: first seen (ISO-8601), backfill (1) or
 * not (0), and its source in lower case. Facts alike in all three are one line: the digest only asks
 * whether any fact behind a figure is new, any older, and which sources each side has.
 */
export type MemberLine = [firstSeen: string, backfill: 0 | 1, source: string];

/** The member lines of each figure of the summary of the same generation, in the summary's order. */
export interface Members {
  v: number;
  gen: string | null;
  figures: MemberLine[][];
}

export const summaryKey = (ck: string): string => `ledger:summary:${ck}`;
export const membersKey = (ck: string): string => `ledger:members:${ck}`;
/** Moved on by every record that changes the company's facts. */
export const summaryGenKey = (ck: string): string => `ledger:summary-gen:${ck}`;

export function summarise(facts: StoredFact[], gen: string | null): { summary: Summary; members: Members } {
  const merged = mergeFigures(facts);
  const lines = merged.map(({ facts: fs }) => {
    const seen = new Map<string, MemberLine>();
    for (const x of fs) {
      const line: MemberLine = [x.firstSeen, x.backfill ? 1 : 0, x.fact.source.toLowerCase()];
      seen.set(line.join('\u0000'), line);
    }
    return [...seen.values()];
  });
  return {
    summary: { v: SUMMARY_VERSION, gen, figures: merged.map(({ facts: _f, ...figure }) => figure), conflicts: conflictsAmong(facts) },
    members: { v: SUMMARY_VERSION, gen, figures: lines },
  };
}

/** Whether a kept summary (or its members) is the one for generation `gen`. */
export const isCurrent = (kept: { v: number; gen?: string | null } | undefined, gen: string | null): boolean =>
  kept?.v === SUMMARY_VERSION && (kept.gen ?? null) === gen;
