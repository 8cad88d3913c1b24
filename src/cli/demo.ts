import type { CliIO } from './io';

export async function demoCommand(_argv: string[], io: CliIO): Promise<number> {
  io.err('moonshot demo: not available yet\n');
  return 2;
}
