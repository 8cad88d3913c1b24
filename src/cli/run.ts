import type { CliIO } from './io';

export async function runCommand(_argv: string[], io: CliIO): Promise<number> {
  io.err('moonshot run: not available yet\n');
  return 2;
}
