import type { CliIO } from './io';

export async function discordRegisterCommand(_argv: string[], io: CliIO): Promise<number> {
  io.err('moonshot discord-register: not available yet\n');
  return 2;
}
