import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store';
import { storeContract } from './contract';

const url = process.env.MOONSHOT_TEST_REDIS_URL;
if (url) {
  // The ledger's tables beside Redis are in a SQLite file: one in a temporary folder here.
  const path = join(mkdtempSync(join(tmpdir(), 'moonshot-redis-')), 'ledger.sqlite');
  storeContract('Redis', () => openStore({ url, path }));
} else {
  console.info('Redis store tests skipped: set MOONSHOT_TEST_REDIS_URL (e.g. redis://127.0.0.1:6399) to run them');
  describe.skip('Redis store (MOONSHOT_TEST_REDIS_URL not set)', () => { it('runs against a real Redis', () => undefined); });
}
