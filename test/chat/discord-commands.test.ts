// `/moonshot` interactions driven with Discord's payloads; the callback and the edit land on a local
// stand-in for Discord's REST API (REST's `api` option).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { REST } from '@discordjs/rest';
import type { APIInteraction } from 'discord-api-types/v10';
import { attachDiscordCommands, handleDiscordInteraction, moonshotCommandDefinition, optionsToCommand, optionsToTokens, registerDiscordCommands, restResponder } from '../../src/chat/discord-commands';
import { depsFor, seedLedger, tempStore, type TempStore } from '../commands/fixtures';

interface Call { method: string; path: string; body: Record<string, unknown> }

async function discordStandIn(): Promise<{ api: string; calls: Call[]; events: EventEmitter; close(): Promise<void> }> {
  const calls: Call[] = [];
  const events = new EventEmitter();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const call = { method: req.method ?? '', path: req.url ?? '', body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
      calls.push(call);
      events.emit('call', call);
      if (call.path.endsWith('/callback')) { res.writeHead(204); res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(call.method === 'PUT' ? call.body : { id: 'm1' }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, calls, events,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

let seq = 0;
function command(options: unknown[], permissions = '0'): APIInteraction {
  seq++;
  return {
    id: `i${seq}`, application_id: 'APP', type: 2, token: `tok${seq}`, version: 1, channel_id: 'CH1', guild_id: 'G1',
    member: { user: { id: 'U7', username: 'someone' }, permissions, roles: [] },
    data: { id: 'cmd', name: 'moonshot', type: 1, options },
  } as unknown as APIInteraction;
}

describe('Discord /moonshot interactions', () => {
  let t: TempStore;
  let standIn: Awaited<ReturnType<typeof discordStandIn>>;
  let rest: REST;
  const opts = (): { deps: () => ReturnType<typeof depsFor> } => ({ deps: () => depsFor(t.store) });
  const run = async (i: APIInteraction): Promise<Call[]> => {
    const from = standIn.calls.length;
    await handleDiscordInteraction(i, restResponder(rest, 'APP', i as { id: string; token: string }), opts());
    return standIn.calls.slice(from);
  };

  beforeAll(async () => {
    t = await tempStore();
    await seedLedger(t.store);
    standIn = await discordStandIn();
    rest = new REST({ version: '10', api: standIn.api, retries: 0 }).setToken('bot-token');
  });
  afterAll(async () => { await standIn.close(); await t.cleanup(); });

  it('answers a question in the callback, only to the asker', async () => {
    const calls = await run(command([{ type: 1, name: 'valuation', options: [{ type: 3, name: 'company', value: 'kimi maker' }] }]));
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].path).toMatch(/\/api\/v10\/interactions\/i\d+\/tok\d+\/callback$/);
    const body = calls[0].body as { type: number; data: { flags?: number; embeds: { title: string; description: string }[]; allowed_mentions: unknown } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].title).toBe('Moonshot AI: valuation');
    expect(body.data.embeds[0].description).toMatch(/\$20B \(Series C, Oct 2026, 4 sources agree\)/);
    expect(body.data.embeds[0].description).toMatch(/\[Pacific Tech Wire, 28 Oct 2026\]\(https:\/\/news\.example\/0\)/);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /moonshot rounds with the company\'s rounds, one line each', async () => {
    const calls = await run(command([{ type: 1, name: 'rounds', options: [{ type: 3, name: 'company', value: 'moonshot' }] }]));
    const body = calls[0].body as { data: { embeds: { title: string; description: string }[] } };
    expect(body.data.embeds[0].description).toMatch(/Series C · Oct 2026 · .*4 sources/);
  });

  it('posts for everyone with share', async () => {
    const calls = await run(command([{ type: 1, name: 'valuation', options: [{ type: 5, name: 'share', value: true }] }]));
    expect((calls[0].body as { data: { flags?: number } }).data.flags).toBeUndefined();
  });

  it('refuses an admin command to a member without Manage Server', async () => {
    const calls = await run(command([{ type: 2, name: 'watch', options: [{ type: 1, name: 'add', options: [{ type: 3, name: 'names', value: 'Mistral AI|Mistral' }] }] }], String(0x400)));
    const body = calls[0].body as { data: { embeds: { title: string }[] } };
    expect(body.data.embeds[0].title).toMatch(/Manage Server/);
    expect(await t.store.keys('admin:')).toEqual([]);
  });

  it('defers slow work and edits the answer in: a broken feed URL, nothing stored', async () => {
    const calls = await run(command([{ type: 2, name: 'feeds', options: [{ type: 1, name: 'add', options: [{ type: 3, name: 'url', value: 'http://127.0.0.1:9/nothing.xml' }] }] }], String(0x20)));
    expect(calls.map((c) => [c.method, (c.body as { type?: number }).type])).toEqual([['POST', 5], ['PATCH', undefined]]);
    expect((calls[0].body as { data: { flags: number } }).data.flags).toBe(64);
    expect(calls[1].path).toBe('/api/v10/webhooks/APP/' + (calls[0].path.split('/')[5]) + '/messages/@original');
    const edit = calls[1].body as { embeds: { title: string }[] };
    expect(edit.embeds[0].title).toMatch(/Could not add http:\/\/127\.0\.0\.1:9\/nothing\.xml: .+\. Nothing was added\./);
    expect(await t.store.keys('admin:')).toEqual([]);
  });

  it('autocompletes the company from the watch list, forgiving typos', async () => {
    const i = { ...command([]), type: 4, data: { id: 'cmd', name: 'moonshot', type: 1, options: [{ type: 1, name: 'valuation', options: [{ type: 3, name: 'company', value: 'minmax', focused: true }] }] } } as unknown as APIInteraction;
    const calls = await run(i);
    expect(calls[0].body).toEqual({ type: 8, data: { choices: [{ name: 'MiniMax', value: 'MiniMax' }] } });
  });

  it('turns structured options into the words the parser reads', () => {
    expect(optionsToCommand([{ type: 2, name: 'digest', options: [{ type: 1, name: 'filter', options: [{ type: 3, name: 'setting', value: 'min 100M' }] }] }] as never))
      .toEqual({ kind: 'digest', digest: { action: 'filter', change: { what: 'min', usd: 100e6 } } });
    expect(optionsToCommand([{ type: 2, name: 'digest', options: [{ type: 1, name: 'alerts', options: [{ type: 3, name: 'kinds', value: 'new_round closed' }] }] }] as never))
      .toEqual({ kind: 'digest', digest: { action: 'alerts', kinds: ['new_round', 'closed'] } });
    expect(optionsToCommand([{ type: 2, name: 'digest', options: [{ type: 1, name: 'preview' }] }] as never)).toEqual({ kind: 'digest', digest: { action: 'preview' } });
    expect(optionsToTokens([{ type: 1, name: 'sources', options: [{ type: 3, name: 'figure', value: 'valuation' }, { type: 3, name: 'company', value: 'MiniMax' }] }] as never)).toEqual(['sources', 'valuation', 'MiniMax']);
    expect(optionsToTokens([{ type: 2, name: 'digest', options: [{ type: 1, name: 'here', options: [{ type: 3, name: 'cron', value: '0 9 * * 1-5' }, { type: 3, name: 'timezone', value: 'Asia/Shanghai' }] }] }] as never))
      .toEqual(['digest', 'here', '0', '9', '*', '*', '1-5', 'Asia/Shanghai']);
    expect(optionsToTokens([{ type: 2, name: 'feeds', options: [{ type: 1, name: 'import', options: [{ type: 11, name: 'file', value: '55' }] }] }] as never,
      { attachments: { 55: { url: 'https://cdn.discordapp.com/attachments/1/2/feeds.opml' } } })).toEqual(['feeds', 'import', 'https://cdn.discordapp.com/attachments/1/2/feeds.opml']);
  });

  it('answers gateway interactions from a client\'s raw events', async () => {
    const emitter = new EventEmitter();
    attachDiscordCommands({ on: (e, l) => emitter.on(e, l), rest }, 'APP', opts());
    const got = new Promise<Call>((ok) => standIn.events.once('call', ok));
    emitter.emit('raw', { t: 'INTERACTION_CREATE', d: command([{ type: 1, name: 'help' }]) });
    expect(((await got).body as { data: { embeds: { title: string }[] } }).data.embeds[0].title).toMatch(/Moonshot/);
  });

  it('registers the command with subcommands and company autocomplete', async () => {
    await registerDiscordCommands(rest, 'APP', 'G1');
    const put = standIn.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/api/v10/applications/APP/guilds/G1/commands');
    expect(put.body).toEqual(moonshotCommandDefinition());
    const def = moonshotCommandDefinition()[0] as { options: { name: string; options?: { name: string; autocomplete?: boolean }[] }[] };
    expect(def.options.length).toBeLessThanOrEqual(25);
    expect(def.options.find((o) => o.name === 'valuation')?.options?.find((o) => o.name === 'company')?.autocomplete).toBe(true);
  });
});
