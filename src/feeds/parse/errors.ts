/** A feed that cannot be read, with the reason in one line of plain words. */
export class FeedError extends Error {
  override name = 'FeedError';
}
