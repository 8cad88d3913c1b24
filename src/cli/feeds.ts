import type { CliIO } from './io';

export async function feedsCommand(_argv: string[], io: CliIO): Promise<number> {
  io.err('moonshot feeds: not available yet\n');
  return 2;
}
