// A child for hostile-documents.test.ts: one poll of a feed whose body is all tiny items, in a heap
// held to the bench's memory figure. Prints the cycle's report as JSON; dies with V8's out-of-memory
// when one feed can cost more than that.
import { memoryLogger } from '../../../src/log';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../src/config';
import { openStore } from '../../../src/store';
import { pollOnce } from '../../../src/scheduler';

async function main(): Promise<void> {
  const kind = process.argv[2];
  const body = kind === 'json'
    ? `{"version":"https://jsonfeed.org/version/1.1","items":[${Array.from({ length: 1_000_000 }, () => '{}').join(',')}]}`
    : `<rss version="2.0"><channel><title>t</title>${Array.from({ length: 150_000 }, (_, i) => `<item><guid>g${i}</guid></item>`).join('')}</channel></rss>`;
  const server = createServer((_req, res) => { res.writeHead(200, { 'content-type': kind === 'json' ? 'application/feed+json' : 'application/rss+xml' }); res.end(body); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  const dir = mkdtempSync(join(tmpdir(), 'moonshot-huge-'));
  const store = await openStore({ path: join(dir, 's.sqlite') });
  const config = parseConfig(`feeds:\n  - ${url}\nallowHosts: [127.0.0.1]\npolling:\n  jitter: 0s\n`, 'huge.yml', {});
  const { log: logger, lines: log } = memoryLogger();
  const deps = { store, config: () => config, owner: 'huge', random: () => 0, deliver: async () => undefined, notifyAdmin: async () => undefined, log: logger };
  const now = new Date();
  const first = await pollOnce(deps, now);
  const second = await pollOnce(deps, new Date(now.getTime() + 3_600_000));
  await store.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ first, second, log, bytes: body.length }));
}

main().catch((err: unknown) => { process.stderr.write(String(err)); process.exit(1); });
