export interface ParseOptions {
  /** The address the feed came from: the last base for relative links. */
  baseUrl?: string | null;
  /** The reference time for rejecting dates in the future (default: the clock). */
  now?: Date;
  /** Items read from one document (default DEFAULT_MAX_ITEMS); the rest are left out with a warning. */
  maxItems?: number;
}

/**
 * Items read from one feed document. The byte cap bounds a body, not the work in it: 5 MB of empty
 * items is 150,000 of them, each carried through every stage after parsing. Feeds carry tens.
 */
export const DEFAULT_MAX_ITEMS = 2_000;

/**
 * Elements read from one XML document, whatever they are; past it the rest are left out. With the
 * item cap this bounds the tree a hostile document can build, whatever it holds.
 */
export const MAX_ELEMENTS = 200_000;

/** Nesting past this is refused: no feed needs it, and every walk of the tree would pay for it. */
export const MAX_DEPTH = 512;

export function itemCap(opts: ParseOptions): number {
  return opts.maxItems !== undefined && opts.maxItems > 0 ? Math.floor(opts.maxItems) : DEFAULT_MAX_ITEMS;
}

/** The warning for a document cut at the cap. */
export const itemsLeftOut = (kept: number, total: number): string =>
  `the document has ${total.toLocaleString('en-US')} items; only the first ${kept.toLocaleString('en-US')} were read`;

/** Whether a document warning says the caps left part of it out (worth a line in the bot's log). */
export const isLeftOut = (warning: string): boolean => /only the first [\d,]+ were read|elements; the rest were left out/.test(warning);
