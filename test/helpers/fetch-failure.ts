import { FetchError } from '../../src/feeds/fetch';

/** The FetchError a fetch fails with; any other outcome fails the test. */
export async function fetchFailure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error('expected the fetch to fail');
}
