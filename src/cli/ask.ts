import type { CliIO } from './io';

export async function askCommand(_argv: string[], io: CliIO): Promise<number> {
  io.err('moonshot ask: not available yet\n');
  return 2;
}
