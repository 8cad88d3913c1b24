// Config files written to hurt: errors say the real line, aliases that explode are refused with a
// place, and a file or a watch list past its bound is refused before it is worked through.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig, MAX_CONFIG_BYTES, MAX_WATCHED } from '../../src/config';

const fail = (fn: () => unknown): ConfigError => {
  try { fn(); } catch (err) { if (err instanceof ConfigError) return err; throw err; }
  throw new Error('expected a ConfigError');
};

describe('hostile config files', () => {
  it('a YAML syntax error names its own line, not line 1', () => {
    const err = fail(() => parseConfig('watch:\n  - "Moonshot AI"\nfeeds:\n  - url: "https://a.example/feed\n', 'bad.yml'));
    expect(err.message).toMatch(/^bad\.yml:[45]: not valid YAML: /);
    const flow = fail(() => parseConfig('watch: ["MiniMax"]\n\n\nallowHosts: [127.0.0.1\n', 'flow.yml'));
    expect(flow.message).toMatch(/^flow\.yml:[45]: not valid YAML: /);
  });

  it('an alias bomb is refused with the file and the line of its first alias', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) rows.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    rows.push('watch: *i');
    const err = fail(() => parseConfig(rows.join('\n'), 'bomb.yml'));
    expect(err.message).toBe('bomb.yml:2: not valid here: the file expands its aliases past 1000 times (an alias bomb?)');
  });

  it('a file past the size cap is refused before it is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moonshot-cfg-'));
    try {
      const file = join(dir, 'huge.yml');
      writeFileSync(file, `watch:\n${'  - "Company"\n'.repeat(Math.ceil(MAX_CONFIG_BYTES / 14) + 10)}`);
      await expect(loadConfig(file, {})).rejects.toThrow(/the config file is 1\.0 MB; at most 1 MB is read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a watch list past its cap is refused in one line', () => {
    const text = `watch:\n${Array.from({ length: MAX_WATCHED + 1 }, (_, i) => `  - "Company ${i}"`).join('\n')}\n`;
    const err = fail(() => parseConfig(text, 'long.yml'));
    expect(err.issues).toEqual([`long.yml:2: watch: expected at most ${MAX_WATCHED} entries, got ${MAX_WATCHED + 1}`]);
  });
});
