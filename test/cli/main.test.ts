import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out(t: string) { io.stdout += t; }, err(t: string) { io.stderr += t; } };
  return io;
}

describe('moonshot command', () => {
  it('prints help listing the commands', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/usage: moonshot <command>/);
    expect(io.stdout).toMatch(/scan/);
  });

  it('answers an unknown command with the list of commands and exit 2', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('answers a bad option with one line and a usage line, exit 2', async () => {
    const io = capture();
    expect(await main(['scan', '--format', 'yaml', 'x.xml'], io)).toBe(2);
    expect(io.stderr).toMatch(/--format must be one of/);
    expect(io.stderr).toMatch(/usage: moonshot scan/);
  });
});
