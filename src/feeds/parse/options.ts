export interface ParseOptions {
  /** The address the feed came from: the last base for relative links. */
  baseUrl?: string | null;
  /** The reference time for rejecting dates in the future (default: the clock). */
  now?: Date;
}
