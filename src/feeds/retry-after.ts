// Retry-After, for every client that honours it (feeds and chat webhooks): one reading, one cap.
// A server may ask for any wait; more than a day is not a wait but an outage, so the wait is held at
// a day (as Miniflux does) and the caller counts the answer as the failure it is.

/** The longest wait a Retry-After can ask for. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/** A wait in ms held within 0 .. MAX_RETRY_AFTER_MS; null when there is none (or it is not a number). */
export function capRetryAfter(ms: number | null | undefined): number | null {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/**
 * Retry-After as milliseconds from `now`, capped: delta-seconds (a fraction is allowed, as chat
 * platforms send) or an HTTP date (RFC 9110 §10.2.3). A date in the past means "now" (0); anything
 * unreadable is null, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | readonly string[] | null | undefined, now: number = Date.now()): number | null {
  const raw = (typeof value === 'string' ? value : value?.[0])?.trim();
  if (!raw) return null;
  if (/^\d+(?:\.\d+)?$/.test(raw)) return capRetryAfter(Number(raw) * 1000);
  // Only dates that name a weekday or month: Date.parse alone would also read "12" as a date.
  if (!/[a-z]{3}/i.test(raw)) return null;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return null;
  return capRetryAfter(at - now);
}
