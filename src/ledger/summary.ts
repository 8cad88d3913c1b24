// A company's figures and conflicts, worked out from its facts once after they change and kept in the
// store, so that a question reads one key instead of every fact. What only a digest needs (when each
// fact behind a figure was first seen, and from which source) is kept under a key of its own, so a
// question never reads or parses it.
import type { Conflict } from '../types';
import type { FigureSource, LedgerFigure } from '../types';
import { conflictsAmong, mergeFigures, type StoredFact } from './figures';

/**
 * Version 1 kept the digest's lines inside each figure, version 2 every source in full; a summary of
 * another version is worked out again on its first read, so a store written by an older bot needs no
 * migration.
 */
export const SUMMARY_VERSION = 3;

export interface Summary {
  v: number;
  /** The generation of the company's facts it was worked out from (see summaryGenKey). */
  gen: string | null;
  figures: LedgerFigure[];
  conflicts: Conflict[];
}

/**
 * A summary as kept. A company's figures cite the same articles and sentences over and over (an
 * article backs several figures; syndicated copies repeat a sentence), so each distinct string is
 * kept once and each distinct source once, as indexes: a fraction of the text to read and parse,
 * and figures read from it share their sources' strings.
 */
export interface StoredSummary {
  v: number;
  gen: string | null;
  strings: string[];
  /** Each distinct source as SOURCE_FIELDS indexes into `strings` in a row; -1 for a null. */
  sources: number[];
  /** Each figure with its sources as indexes of rows of `sources`. */
  figures: (Omit<LedgerFigure, 'sources'> & { sources: number[] })[];
  conflicts: Conflict[];
}
const SOURCE_FIELDS = 5;

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

export function summarise(facts: StoredFact[], gen: string | null): { summary: Summary; stored: StoredSummary; members: Members } {
  const merged = mergeFigures(facts);
  const lines = merged.map(({ facts: fs }) => {
    const seen = new Map<string, MemberLine>();
    for (const x of fs) {
      const line: MemberLine = [x.firstSeen, x.backfill ? 1 : 0, x.fact.source.toLowerCase()];
      seen.set(line.join('\u0000'), line);
    }
    return [...seen.values()];
  });
  const summary: Summary = { v: SUMMARY_VERSION, gen, figures: merged.map(({ facts: _f, ...figure }) => figure), conflicts: conflictsAmong(facts) };
  return { summary, stored: encode(summary), members: { v: SUMMARY_VERSION, gen, figures: lines } };
}

function encode(summary: Summary): StoredSummary {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (x: string | null): number => {
    if (x === null) return -1;
    let i = stringIndex.get(x);
    if (i === undefined) stringIndex.set(x, (i = strings.push(x) - 1));
    return i;
  };
  const sources: number[] = [];
  const sourceIndex = new Map<string, number>();
  const src = (s: FigureSource): number => {
    const row = [str(s.source), str(s.url), str(s.articleId), str(s.quote), str(s.published)];
    const k = row.join(',');
    let i = sourceIndex.get(k);
    if (i === undefined) {
      i = sources.length / SOURCE_FIELDS;
      sourceIndex.set(k, i);
      sources.push(...row);
    }
    return i;
  };
  const figures = summary.figures.map((f) => ({ ...f, sources: f.sources.map(src) }));
  return { v: summary.v, gen: summary.gen, strings, sources, figures, conflicts: summary.conflicts };
}

/** The summary a stored one holds; figures citing one source share one object for it. */
export function decodeSummary(stored: StoredSummary): Summary {
  const { strings, sources: rows } = stored;
  const str = (i: number): string | null => (i < 0 ? null : strings[i]);
  const sources: FigureSource[] = [];
  for (let r = 0; r < rows.length; r += SOURCE_FIELDS) {
    sources.push({ source: strings[rows[r]], url: str(rows[r + 1]), articleId: strings[rows[r + 2]], quote: strings[rows[r + 3]], published: str(rows[r + 4]) });
  }
  return { v: stored.v, gen: stored.gen, figures: stored.figures.map((f) => ({ ...f, sources: f.sources.map((i) => sources[i]) })), conflicts: stored.conflicts };
}

/** Whether a kept summary (or its members) is the one for generation `gen`. */
export const isCurrent = (kept: { v: number; gen?: string | null } | undefined, gen: string | null): boolean =>
  kept?.v === SUMMARY_VERSION && (kept.gen ?? null) === gen;
