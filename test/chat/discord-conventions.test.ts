// Discord's conventions: admin commands hidden from members by default, options read as options.
import { ADMIN_COMMAND, MANAGE_GUILD, moonshotCommandDefinition, optionsToCommand } from '../../src/chat/discord-commands';
import { digestCommand } from '../../src/commands/admin';
import { depsFor, tempStore } from '../commands/fixtures';
import type { DigestAction, ParsedCommand } from '../../src/commands/parse';

function digestOf(c: ParsedCommand): DigestAction {
  if (c.kind !== 'digest') throw new Error(`not a digest command: ${c.kind}`);
  return c.digest;
}

type Def = { name: string; default_member_permissions?: string; contexts?: number[]; integration_types?: number[]; options: { name: string }[] };

it('puts the admin subcommands in their own command, hidden by default permissions (Manage Server)', () => {
  const [main, admin] = moonshotCommandDefinition() as unknown as Def[];
  expect(main.name).toBe('moonshot');
  expect(main.default_member_permissions).toBeUndefined();
  expect(main.options.map((o) => o.name)).not.toEqual(expect.arrayContaining(['feeds']));
  expect(main.options.map((o) => o.name)).toContain('chart');
  expect(admin.name).toBe(ADMIN_COMMAND);
  expect(admin.default_member_permissions).toBe(MANAGE_GUILD);
  expect(MANAGE_GUILD).toBe('32');
  expect(admin.options.map((o) => o.name)).toEqual(['feeds', 'watch', 'digest']);
  for (const d of [main, admin]) {
    expect(d.contexts?.length).toBeGreaterThan(0);
    expect(d.integration_types).toEqual([0]);
  }
  expect(admin.contexts).toEqual([0]);
});

it('reads a company named "Share" as a company, and the share switch as the switch', () => {
  expect(optionsToCommand([{ type: 1, name: 'valuation', options: [{ type: 3, name: 'company', value: 'Share' }] }] as never))
    .toEqual({ kind: 'figure', topic: 'valuation', company: 'Share', share: false });
  expect(optionsToCommand([{ type: 1, name: 'news', options: [{ type: 3, name: 'company', value: 'Share' }, { type: 5, name: 'share', value: true }] }] as never))
    .toEqual({ kind: 'news', company: 'Share', share: true });
  expect(optionsToCommand([{ type: 1, name: 'sources', options: [{ type: 3, name: 'figure', value: 'valuation' }] }] as never))
    .toMatchObject({ kind: 'sources', metric: 'valuation', company: null });
});

it('reads timezone: Japan as a time zone, never as a schedule', async () => {
  const cmd = optionsToCommand([{ type: 2, name: 'digest', options: [{ type: 1, name: 'here', options: [{ type: 3, name: 'timezone', value: 'Japan' }] }] }] as never);
  expect(cmd).toEqual({ kind: 'digest', digest: { action: 'here', schedule: null, timezone: 'Japan' } });
  const t = await tempStore();
  try {
    // "Japan" is an IANA name (Asia/Tokyo's alias): the default schedule, in Japan's time.
    const answer = await digestCommand(digestOf(cmd), { platform: 'discord', channel: '55' }, depsFor(t.store));
    expect(answer.title).toBe('This channel gets the digest at `0 9 * * 1-5` (Japan).');
    const bad = optionsToCommand([{ type: 2, name: 'digest', options: [{ type: 1, name: 'here', options: [{ type: 3, name: 'timezone', value: 'Mars/Olympus' }] }] }] as never);
    const refused = await digestCommand(digestOf(bad), { platform: 'discord', channel: '55' }, depsFor(t.store));
    expect(refused.kind).toBe('usage');
    expect(refused.title).toMatch(/"Mars\/Olympus" is not a time zone/);
  } finally {
    await t.cleanup();
  }
});
