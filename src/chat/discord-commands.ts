// `/moonshot` in Discord. The command is registered with structured subcommands (company autocomplete,
// a `share` switch); an interaction's options become the same words the text parser reads, so Discord
// runs exactly the handlers Slack and the terminal run. Discord wants a first answer within 3 seconds:
// quick answers go in the interaction callback, slow work is deferred and the answer edited in.
import type { Logger } from '../log';
import { REST } from '@discordjs/rest';
import { Client, GatewayIntentBits } from 'discord.js';
import { DISCORD_REST_REQUEST } from './discord';
import type {
  APIApplicationCommandInteractionDataOption, APIApplicationCommandOptionChoice, APIInteraction,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Actor, CommandDeps, Place, Reply, ReplyImage } from '../commands/types';
import { metricsFor, parseTokens, TOPIC_NAMES, type ParsedCommand, type Topic } from '../commands/parse';
import { isSlow, pendingText, runParsed } from '../commands/dispatch';
import { matchCompany, normaliseName } from '../commands/match';
import { clip, clipAtoms, DISCORD_ATOMS, discordLink, discordText, NO_ATOMS } from '../digest/escape';

// Discord's numbers (https://discord.com/developers/docs/interactions/receiving-and-responding).
const INTERACTION = { PING: 1, APPLICATION_COMMAND: 2, AUTOCOMPLETE: 4 } as const;
const CALLBACK = { PONG: 1, MESSAGE: 4, DEFERRED_MESSAGE: 5, AUTOCOMPLETE_RESULT: 8 } as const;
const OPTION = { SUB_COMMAND: 1, SUB_COMMAND_GROUP: 2, STRING: 3, BOOLEAN: 5, ATTACHMENT: 11 } as const;
const EPHEMERAL = 1 << 6;
const ANSWER_IN_CALLBACK_MS = 2000;

// ---------------------------------------------------------------- the command definition

const company = { type: OPTION.STRING, name: 'company', description: 'Company (default: the configured one)', required: false, autocomplete: true };
const share = { type: OPTION.BOOLEAN, name: 'share', description: 'Post the answer in the channel for everyone', required: false };
const url = (description = 'Feed URL'): object => ({ type: OPTION.STRING, name: 'url', description, required: true });
const sub = (name: string, description: string, options: object[] = []): object => ({ type: OPTION.SUB_COMMAND, name, description, options });

const TOPIC_HELP: Record<string, string> = {
  valuation: 'Current valuation, how many sources agree, any disagreement',
  funding: 'The latest round and its lead investor',
  raised: 'Total raised',
  revenue: 'Revenue',
  cash: 'Cash reserves',
  investors: 'Lead investor and investors',
};

/** Manage Server: who sees `/moonshot-admin` by default (a server can grant it to others in its settings). */
export const MANAGE_GUILD = String(1 << 5);
/** Where the commands can be used: servers (0) and the bot's DMs (1); installed to servers (0). */
const CONTEXT = { GUILD: 0, BOT_DM: 1 } as const;
const INTEGRATION = { GUILD_INSTALL: 0 } as const;

export const ADMIN_COMMAND = 'moonshot-admin';

/**
 * The application commands, for PUT /applications/{id}/commands: `/moonshot` for everyone's questions,
 * and `/moonshot-admin` for feeds, the watch list and the channel's digest, hidden from members without
 * Manage Server (the handlers check rights again at run time).
 */
export function moonshotCommandDefinition(): RESTPutAPIApplicationCommandsJSONBody {
  return [{
    name: 'moonshot',
    description: 'Ask about AI funding: valuations, rounds, sources and disagreements',
    contexts: [CONTEXT.GUILD, CONTEXT.BOT_DM],
    integration_types: [INTEGRATION.GUILD_INSTALL],
    options: [
      ...TOPIC_NAMES.map((t) => sub(t, TOPIC_HELP[t], [company, share])),
      sub('rounds', 'Funding rounds, newest first, one line each', [company, share]),
      sub('conflicts', 'Where sources disagree', [company, share]),
      sub('sources', 'Every source for a figure, with its sentence', [
        { type: OPTION.STRING, name: 'figure', description: 'Which figure', required: true, choices: TOPIC_NAMES.map((t) => ({ name: t, value: t })) },
        company, share,
      ]),
      sub('history', 'Figures over time', [company, share]),
      sub('news', 'Latest funding news', [company, share]),
      sub('chart', 'Valuations and round sizes over time, as a chart', [company, share]),
      sub('help', 'What Moonshot answers'),
    ],
  }, {
    name: ADMIN_COMMAND,
    description: 'Manage Moonshot: feeds, watched companies, this channel\'s digest',
    default_member_permissions: MANAGE_GUILD,
    contexts: [CONTEXT.GUILD],
    integration_types: [INTEGRATION.GUILD_INSTALL],
    options: [
      {
        type: OPTION.SUB_COMMAND_GROUP, name: 'feeds', description: 'Manage feeds', options: [
          sub('add', 'Read a feed once and add it', [url(), { type: OPTION.STRING, name: 'every', description: 'Poll interval, like 30m or 1h', required: false }]),
          sub('remove', 'Stop polling a feed', [url()]),
          sub('pause', 'Pause a feed', [url()]),
          sub('resume', 'Resume a feed', [url()]),
          sub('list', 'List the feeds'),
          sub('test', 'Read a feed without adding it', [url()]),
          sub('import', 'Add every feed of an OPML file', [
            { type: OPTION.ATTACHMENT, name: 'file', description: 'The OPML file', required: false },
            { ...url('Or the OPML file\'s URL'), required: false },
          ]),
        ],
      },
      {
        type: OPTION.SUB_COMMAND_GROUP, name: 'watch', description: 'Manage the watch list', options: [
          sub('add', 'Watch a company', [{ type: OPTION.STRING, name: 'names', description: 'Name|alias|alias', required: true }]),
          sub('remove', 'Stop watching a company', [{ ...company, description: 'Company', required: true }]),
          sub('list', 'List watched companies'),
        ],
      },
      {
        type: OPTION.SUB_COMMAND_GROUP, name: 'digest', description: 'This channel\'s digest', options: [
          sub('here', 'Post the digest in this channel', [
            { type: OPTION.STRING, name: 'cron', description: 'Schedule, like 0 9 * * 1-5', required: false },
            { type: OPTION.STRING, name: 'timezone', description: 'Time zone, like Europe/London', required: false },
          ]),
          sub('now', 'Post a digest now'),
          sub('off', 'Stop the digest here'),
          sub('preview', 'Show me the next digest (only me; nothing is posted)'),
          sub('alerts', 'What is posted at once: new_round, conflict, closed, or off', [
            { type: OPTION.STRING, name: 'kinds', description: 'Like: new_round conflict closed (or off); empty shows them', required: false },
          ]),
          sub('filter', 'What the digest leaves out', [
            { type: OPTION.STRING, name: 'setting', description: 'Like: min 100M · talks off · exclude Capital Notes · also min 20M · reset', required: false },
          ]),
        ],
      },
    ],
  }] as RESTPutAPIApplicationCommandsJSONBody;
}

/** Registers `/moonshot` globally, or in one guild (instant; global commands can take a while to appear). */
export async function registerDiscordCommands(rest: REST, applicationId: string, guildId?: string | null): Promise<void> {
  const route = guildId ? `/applications/${applicationId}/guilds/${guildId}/commands` : `/applications/${applicationId}/commands`;
  await rest.put(route as `/${string}`, { body: moonshotCommandDefinition() });
}

// ---------------------------------------------------------------- options to words

type Option = APIApplicationCommandInteractionDataOption;

function valueOf(options: Option[] | undefined, name: string): string | boolean | number | undefined {
  const o = options?.find((x) => x.name === name);
  return o && 'value' in o ? o.value : undefined;
}

/** The subcommand path and its options, as the words someone would type after /moonshot. */
export function optionsToTokens(options: Option[] | undefined, resolved?: { attachments?: Record<string, { url: string }> }): string[] {
  const first = options?.[0];
  if (!first) return [];
  if (first.type === OPTION.SUB_COMMAND_GROUP) {
    const inner = first.options?.[0];
    if (!inner) return [first.name];
    const o = inner.options;
    const str = (n: string): string[] => { const v = valueOf(o, n); return v === undefined || v === '' ? [] : [String(v)]; };
    if (first.name === 'feeds' && inner.name === 'add') return ['feeds', 'add', ...str('url'), ...str('every')];
    if (first.name === 'feeds' && inner.name === 'import') {
      // An uploaded file arrives as an attachment id; Discord resolves it to a CDN URL we can fetch.
      const file = valueOf(o, 'file');
      const fileUrl = file !== undefined ? resolved?.attachments?.[String(file)]?.url : undefined;
      return ['feeds', 'import', ...(fileUrl ? [fileUrl] : str('url'))];
    }
    if (first.name === 'digest' && inner.name === 'here') return ['digest', 'here', ...str('cron').flatMap((c) => c.split(/\s+/)), ...str('timezone')];
    return [first.name, inner.name, ...(o ?? []).flatMap((x) => ('value' in x ? [String(x.value)] : []))];
  }
  const o = first.type === OPTION.SUB_COMMAND ? first.options : undefined;
  const words = [first.name];
  const figure = valueOf(o, 'figure');
  if (figure !== undefined) words.push(String(figure));
  const co = valueOf(o, 'company');
  if (typeof co === 'string' && co.trim()) words.push(co.trim());
  if (valueOf(o, 'share') === true) words.push('share');
  return words;
}

/**
 * The command an interaction asks for, read from its options as options: a company named "Share" is a
 * company, and `timezone: Japan` is a time zone to check, never a schedule. Subcommands with a free
 * form (feeds, watch) go through the same words the text parser reads.
 */
export function optionsToCommand(options: Option[] | undefined, resolved?: { attachments?: Record<string, { url: string }> }): ParsedCommand {
  const first = options?.[0];
  if (!first) return { kind: 'help', share: false };
  if (first.type === OPTION.SUB_COMMAND_GROUP && first.name === 'digest' && first.options?.[0]?.name === 'here') {
    const o = first.options[0].options;
    const text = (n: string): string | null => { const v = valueOf(o, n); return typeof v === 'string' && v.trim() ? v.trim() : null; };
    return { kind: 'digest', digest: { action: 'here', schedule: text('cron'), timezone: text('timezone') } };
  }
  if (first.type !== OPTION.SUB_COMMAND) return parseTokens(optionsToTokens(options, resolved));
  const o = first.options;
  const co = valueOf(o, 'company');
  const companyName = typeof co === 'string' && co.trim() ? co.trim() : null;
  const shared = valueOf(o, 'share') === true;
  if (first.name === 'help') return { kind: 'help', share: shared };
  if (first.name === 'rounds' || first.name === 'conflicts' || first.name === 'history' || first.name === 'news' || first.name === 'chart') return { kind: first.name, company: companyName, share: shared };
  if (first.name === 'sources') {
    const typed = String(valueOf(o, 'figure') ?? '');
    const m = metricsFor(typed);
    return { kind: 'sources', metric: m ? m.metrics[0] : null, metricTyped: typed, company: companyName, share: shared };
  }
  const topic = (TOPIC_NAMES as string[]).includes(first.name) ? (first.name as Topic) : null;
  if (topic) return { kind: 'figure', topic, company: companyName, share: shared };
  return parseTokens(optionsToTokens(options, resolved));
}

// ---------------------------------------------------------------- answers

export interface DiscordMessage {
  content?: string;
  embeds?: { title?: string; description?: string; color?: number; image?: { url: string } }[];
  /** Files sent with the message, by their index in the upload. */
  attachments?: { id: number; filename: string; description?: string }[];
  flags?: number;
  allowed_mentions: { parse: [] };
}

const COLOURS: Record<Reply['kind'], number> = { answer: 0x2f6fdb, usage: 0x8a8f98, 'not-found': 0xd4a017, refused: 0xc0392b, error: 0xc0392b };

/** Backtick spans are our own markup (commands); they stay, everything else is escaped. Code spans cannot ping or link. */
function discordLine(s: string): string {
  return s.split(/(`[^`\n]+`)/).map((part, i) => (i % 2 === 1 ? part : discordText(part))).join('');
}

/** Follow-ups an answer may carry before it points to narrower questions (each is a message in the channel's history). */
const MAX_REPLY_MESSAGES = 10;
const DESCRIPTION_MAX = 4096;
const MESSAGE_MAX = 6000;

/**
 * A Reply as Discord messages: embeds of whole lines, ephemeral unless shared, never mentioning anyone;
 * a long answer pages on in more embeds and follow-up messages rather than losing lines.
 */
export function discordReplies(r: Reply, ephemeral = !(r.share && r.kind === 'answer')): DiscordMessage[] {
  const lines: string[] = [];
  for (const s of r.sections) {
    if (lines.length) lines.push('');
    if (s.heading) lines.push(`**${discordText(s.heading)}**`);
    lines.push(...s.lines.map(discordLine));
  }
  if (r.links.length) {
    if (lines.length) lines.push('');
    lines.push(...r.links.map((l) => `• ${discordLink(l.url, l.label)}`));
  }
  // Lines into descriptions of at most 4,096 characters, cut only between lines (or, for one overlong line, between links).
  const descriptions: string[] = [];
  let cur = '';
  for (const raw of lines) {
    const line = clipAtoms(raw, DESCRIPTION_MAX, DISCORD_ATOMS);
    if (cur && cur.length + 1 + line.length > DESCRIPTION_MAX) { descriptions.push(cur); cur = ''; }
    cur = cur ? `${cur}\n${line}` : line;
  }
  if (cur.trim()) descriptions.push(cur);
  const title = clipAtoms(r.title, 256, NO_ATOMS);
  const pages: { title?: string; description?: string; color: number }[][] = [[]];
  let used = 0;
  for (const [i, d] of [...(descriptions.length ? descriptions : [''])].entries()) {
    const embed = { ...(i === 0 ? { title } : {}), ...(d ? { description: d } : {}), color: COLOURS[r.kind] };
    const size = (embed.title?.length ?? 0) + d.length;
    const page = pages[pages.length - 1];
    if (page.length && (page.length >= 10 || used + size > MESSAGE_MAX)) { pages.push([embed]); used = size; } else { page.push(embed); used += size; }
  }
  const kept = pages.slice(0, MAX_REPLY_MESSAGES);
  if (pages.length > MAX_REPLY_MESSAGES) {
    const last = kept[kept.length - 1];
    last.push({ description: `${pages.length - MAX_REPLY_MESSAGES} more parts did not fit; ask for one company or one figure (\`/moonshot sources <figure> <company>\`).`, color: COLOURS[r.kind] });
  }
  return kept.map((embeds) => ({ embeds, ...(ephemeral ? { flags: EPHEMERAL } : {}), allowed_mentions: { parse: [] } }));
}

/** A reply's first message with its image attached and shown in its embed. */
function withImage(m: DiscordMessage, image: ReplyImage): DiscordMessage {
  const [embed, ...rest] = m.embeds ?? [{}];
  return { ...m, embeds: [{ ...embed, image: { url: `attachment://${image.filename}` } }, ...rest], attachments: [{ id: 0, filename: image.filename, description: clip(image.alt, 1024) }] };
}

/** The first message of a reply. */
export function discordReply(r: Reply, ephemeral = !(r.share && r.kind === 'answer')): DiscordMessage {
  return discordReplies(r, ephemeral)[0];
}

/** How the first answer and the later edit reach Discord: REST callbacks (gateway) or the HTTP response. */
/** A file sent with a message (multipart, through REST). */
export interface DiscordFile { name: string; data: Buffer; contentType: string }

export interface InteractionResponder {
  initial(body: { type: number; data?: unknown }): Promise<void>;
  edit(message: DiscordMessage, files?: DiscordFile[]): Promise<void>;
  /** A further message of the same answer (the rest of a long one). */
  followUp(message: DiscordMessage): Promise<void>;
}

/** Answers through Discord's REST API: POST the callback, PATCH the original response. */
export function restResponder(rest: REST, applicationId: string, interaction: { id: string; token: string }): InteractionResponder {
  return {
    async initial(body) {
      await rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body, auth: false });
    },
    async edit(message, files) {
      const { flags: _flags, ...rest2 } = message;
      await rest.patch(`/webhooks/${applicationId}/${interaction.token}/messages/@original`, { body: rest2, auth: false, ...(files?.length ? { files } : {}) });
    },
    async followUp(message) {
      await rest.post(`/webhooks/${applicationId}/${interaction.token}`, { body: message, auth: false });
    },
  };
}

export interface DiscordCommandOptions {
  deps: () => CommandDeps;
  log?: Logger;
}

/** One interaction, from the gateway or the HTTP endpoint. */
export async function handleDiscordInteraction(interaction: APIInteraction, responder: InteractionResponder, opts: DiscordCommandOptions): Promise<void> {
  if (interaction.type === INTERACTION.PING) return responder.initial({ type: CALLBACK.PONG });
  const data = interaction.data as { name?: string; options?: Option[]; resolved?: { attachments?: Record<string, { url: string }> } } | undefined;
  if (!data || (data.name !== 'moonshot' && data.name !== ADMIN_COMMAND)) return;
  const deps = opts.deps();
  if (interaction.type === INTERACTION.AUTOCOMPLETE) {
    return responder.initial({ type: CALLBACK.AUTOCOMPLETE_RESULT, data: { choices: await companyChoices(focusedValue(data.options), deps) } });
  }
  if (interaction.type !== INTERACTION.APPLICATION_COMMAND) return;

  const cmd = optionsToCommand(data.options, data.resolved);
  const user = interaction.member?.user ?? interaction.user;
  const actor: Actor = { platform: 'discord', userId: user?.id ?? 'unknown', permissions: interaction.member?.permissions ?? null };
  const appPermissions = (interaction as { app_permissions?: string }).app_permissions;
  const place: Place = { platform: 'discord', channel: interaction.channel?.id ?? interaction.channel_id ?? null, canPost: async () => discordCanPost(appPermissions) };
  const work = runParsed(cmd, actor, place, deps);
  const shared = wantsShare(cmd);
  if (isSlow(cmd)) {
    // A chart is shared when asked for; feed work stays with the admin.
    const chartShared = cmd.kind === 'chart' && cmd.share;
    await responder.initial({ type: CALLBACK.DEFERRED_MESSAGE, data: chartShared ? {} : { flags: EPHEMERAL } });
    const answer = await work;
    const [first, ...more] = discordReplies(answer, !chartShared);
    if (answer.image) await responder.edit(withImage(first, answer.image), [{ name: answer.image.filename, data: answer.image.png, contentType: 'image/png' }]);
    else await responder.edit(first);
    for (const m of more) await responder.followUp(m);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const quick = await Promise.race([work, new Promise<null>((ok) => { timer = setTimeout(() => ok(null), ANSWER_IN_CALLBACK_MS); })]);
  clearTimeout(timer);
  if (quick) {
    const [first, ...more] = discordReplies(quick);
    await responder.initial({ type: CALLBACK.MESSAGE, data: first });
    for (const m of more) await responder.followUp(m);
    return;
  }
  opts.log?.info({ command: optionsToTokens(data.options).join(' ') }, `discord: /moonshot took over ${ANSWER_IN_CALLBACK_MS} ms; deferred (${pendingText(cmd)})`);
  // Whether the answer is public is fixed when deferring.
  await responder.initial({ type: CALLBACK.DEFERRED_MESSAGE, data: shared ? {} : { flags: EPHEMERAL } });
  const [first, ...more] = discordReplies(await work, !shared);
  await responder.edit(first);
  for (const m of more) await responder.followUp(m);
}

/** What a digest needs in a Discord channel, by permission bit. */
const DIGEST_PERMISSIONS: [bigint, string][] = [
  [1n << 10n, 'View Channel'], [1n << 11n, 'Send Messages'], [1n << 14n, 'Embed Links'],
  [1n << 35n, 'Create Public Threads'], [1n << 38n, 'Send Messages in Threads'],
];

/** From the interaction's app_permissions (the bot's rights in this channel): null when it can post digests. */
export function discordCanPost(appPermissions: string | undefined): string | null {
  if (appPermissions === undefined || !/^\d+$/.test(appPermissions)) return null;
  const have = BigInt(appPermissions);
  const missing = DIGEST_PERMISSIONS.filter(([bit]) => (have & bit) !== bit).map(([, name]) => name);
  return missing.length ? `I am missing ${missing.join(', ')} here; give my role ${missing.length === 1 ? 'that permission' : 'those permissions'} in this channel's settings.` : null;
}

function wantsShare(cmd: ParsedCommand): boolean {
  return 'share' in cmd && cmd.share === true;
}

function focusedValue(options: Option[] | undefined): string {
  for (const o of options ?? []) {
    if ('focused' in o && o.focused) return String(o.value ?? '');
    if ('options' in o && o.options) {
      const v = focusedValue(o.options as Option[]);
      if (v) return v;
    }
  }
  return '';
}

/** Watched companies for the company box: the typed text matched on names and aliases, typos forgiven. */
export async function companyChoices(typed: string, deps: CommandDeps): Promise<APIApplicationCommandOptionChoice<string>[]> {
  const watch = await deps.watch.list();
  const t = normaliseName(typed);
  const ranked = watch.filter((w) => {
    if (!t) return true;
    if ([w.name, ...w.aliases].some((n) => normaliseName(n).includes(t))) return true;
    return matchCompany(typed, [w]).kind !== 'none';
  });
  return ranked.slice(0, 25).map((w) => ({ name: clip(w.name, 100), value: clip(w.name, 100) }));
}

/**
 * Gateway interactions from a discord.js Client: each raw INTERACTION_CREATE dispatch is handled and
 * answered through the client's REST.
 */
export function attachDiscordCommands(
  client: { on(event: 'raw', listener: (packet: { t?: string | null; d?: unknown }) => void): unknown; rest: REST },
  applicationId: string,
  opts: DiscordCommandOptions,
): void {
  client.on('raw', (packet) => {
    if (packet.t !== 'INTERACTION_CREATE' || !packet.d) return;
    const interaction = packet.d as APIInteraction;
    handleDiscordInteraction(interaction, restResponder(client.rest, applicationId, interaction), opts)
      .catch((err: unknown) => opts.log?.error({ err, interaction: interaction.id }, 'discord: could not answer an interaction'));
  });
}

/** A gateway client that answers `/moonshot`; log in with `client.login(token)`, stop with `client.destroy()`. */
export function discordCommandClient(applicationId: string, opts: DiscordCommandOptions): Client {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: DISCORD_REST_REQUEST });
  attachDiscordCommands(client, applicationId, opts);
  return client;
}

/** A REST client for registering the command (one retry; `api` points it at a stand-in). */
export function registrationRest(token: string, api?: string): REST {
  return new REST({ version: '10', retries: 1, ...(api ? { api } : {}) }).setToken(token);
}
