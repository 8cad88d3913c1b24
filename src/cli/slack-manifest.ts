import type { CliIO } from './io';

export async function slackManifestCommand(_argv: string[], io: CliIO): Promise<number> {
  io.err('moonshot slack-manifest: not available yet\n');
  return 2;
}
