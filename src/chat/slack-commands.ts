// `/moonshot` in Slack, through Bolt. Slack wants an answer within 3 seconds: a quick answer goes back
// in the acknowledgement itself; anything slower (reading a feed, a slow store) is acknowledged at
// once and finished through response_url (respond()). Requests are checked by Bolt's own receiver
// (signing secret, 5-minute timestamp window); Socket Mode is used when an app token is given.
import { silentLogger, type Logger } from '../log';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type RespondArguments, type SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor, CommandDeps, Place, Reply, ReplyImage } from '../commands/types';
import { parseCommand, type ParsedCommand } from '../commands/parse';
import { isSlow, pendingText, runParsed } from '../commands/dispatch';
import { replyText } from '../commands/format';
import { clipAtoms, SLACK_ATOMS, slackEscape, slackLink } from '../digest/escape';
import { SLACK_LIMITS, sectionsOf } from '../digest/render/slack';

/** How long a quick command may take before we acknowledge first and answer through response_url. */
const ANSWER_IN_ACK_MS = 2000;

export interface SlackCommandOptions {
  /** The handlers' dependencies, read per command so a reloaded config is seen. */
  deps: () => CommandDeps;
  command?: string;
  log?: Logger;
}

/** What an ack or respond() carries: Block Kit with a plain-text fallback. */
export interface SlackMessage {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks?: Record<string, unknown>[];
}
// Bolt's RespondArguments is a union over chat.postMessage shapes; ours is one member of it.
const asBolt = (m: SlackMessage): RespondArguments => m as unknown as RespondArguments;

/** Slack lets one command answer through its response_url this many times. */
const MAX_REPLY_MESSAGES = 5;

type Block = Record<string, unknown>;
const sectionBlock = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const chars = (b: Block): number => JSON.stringify(b).length;

/**
 * A Reply as Slack messages: Block Kit with a plain-text fallback, as many messages as it takes (a
 * long answer pages on rather than losing lines), each within Slack's blocks and characters, every
 * line whole unless a single line is longer than a section, and then cut between links.
 */
export function slackReplies(r: Reply): SlackMessage[] {
  // Answers mix feed text with our own backticks (command names), so they are escaped, not neutralised.
  const title: Block = sectionBlock(clipAtoms(`*${slackEscape(r.title)}*`, SLACK_LIMITS.sectionText, SLACK_ATOMS));
  const body: Block[] = [];
  for (const s of r.sections) {
    const lines = [s.heading ? `*${slackEscape(s.heading)}*` : null, ...s.lines.map(slackEscape)].filter((x): x is string => !!x);
    body.push(...sectionsOf(lines) as unknown as Block[]);
  }
  for (let i = 0; i < r.links.length; i += 10) {
    body.push({ type: 'context', elements: r.links.slice(i, i + 10).map((l) => ({ type: 'mrkdwn', text: clipAtoms(slackLink(l.url, l.label), SLACK_LIMITS.contextText, SLACK_ATOMS) })) });
  }
  const pages: Block[][] = [[title]];
  let used = chars(title);
  for (const b of body) {
    const page = pages[pages.length - 1];
    if (page.length + 1 > SLACK_LIMITS.blocksPerMessage - 1 || used + chars(b) > SLACK_LIMITS.charsBudget) {
      pages.push([b]);
      used = chars(b);
    } else {
      page.push(b);
      used += chars(b);
    }
  }
  const kept = pages.slice(0, MAX_REPLY_MESSAGES);
  if (pages.length > MAX_REPLY_MESSAGES) {
    const left = pages.slice(MAX_REPLY_MESSAGES).reduce((n, p) => n + p.length, 0);
    kept[kept.length - 1].push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${left} more parts of this answer did not fit in ${MAX_REPLY_MESSAGES} messages; ask for one company or one figure (\`/moonshot sources <figure> <company>\`).` }] });
  }
  const response_type = r.share && r.kind === 'answer' ? 'in_channel' : 'ephemeral';
  const n = kept.length;
  return kept.map((blocks, i) => ({
    response_type,
    // Slack reads `text` too (notifications, some clients): escaped like the blocks, or feed text would ping and link.
    text: i === 0 ? clipAtoms(slackEscape(replyText(r)), 3000, SLACK_ATOMS) : `${clipAtoms(slackEscape(r.title), 200, SLACK_ATOMS)} (${i + 1} of ${n})`,
    blocks: n > 1 ? [...blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: `${i + 1} of ${n}` }] }] : blocks,
  }));
}

/** The first message of a reply (what the acknowledgement carries). */
export function slackReply(r: Reply): SlackMessage {
  return slackReplies(r)[0];
}

function pending(cmd: ParsedCommand): SlackMessage {
  return { response_type: 'ephemeral', text: slackEscape(pendingText(cmd)) };
}

/**
 * An image posted in the channel through files.uploadV2 (Slack has no ephemeral files, so a chart is
 * seen by the channel). Returns what went wrong, in words, or null.
 */
export async function uploadImage(client: WebClient, channel: string, image: ReplyImage): Promise<string | null> {
  try {
    await client.files.uploadV2({ channel_id: channel, file: image.png, filename: image.filename, title: image.title, alt_text: image.alt });
    return null;
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === 'not_in_channel' || code === 'channel_not_found') return `I could not post the chart here (Slack said ${code}): invite me to this channel with /invite, then ask again.`;
    return `I could not post the chart: ${code ? `Slack said ${code}` : err instanceof Error ? err.message.split('\n')[0] : String(err)}.`;
  }
}

/**
 * Whether the bot can post digests in a channel, from conversations.info: a private channel it is not
 * in is "not found" to it; an archived one takes nothing. Public channels take posts without
 * membership (chat:write.public), but charts and threads read better with the bot in the channel.
 */
export async function slackCanPost(client: WebClient, channel: string): Promise<string | null> {
  try {
    const res = await client.conversations.info({ channel });
    const c = res.channel;
    if (c?.is_archived) return 'the channel is archived.';
    if (c?.is_member === false && (c.is_private || c.is_im || c.is_mpim)) return 'I am not in this private channel: invite me with `/invite @Moonshot`, then try again.';
    return null;
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found') return 'I cannot see this channel (a private channel I was not invited to): invite me with `/invite @Moonshot`, then try again.';
    if (code === 'missing_scope') return 'the app lacks the channels:read scope; reinstall it from the manifest (`moonshot slack-manifest`).';
    return `Slack did not say whether I may post here (${code ?? (err instanceof Error ? err.message.split('\n')[0] : String(err))}).`;
  }
}

/** Workspace admins and owners may run admin commands; users.info says who they are. */
function actorFor(command: SlashCommand, client: WebClient): Actor {
  return {
    platform: 'slack',
    userId: command.user_id,
    workspaceAdmin: async () => {
      const res = await client.users.info({ user: command.user_id });
      return Boolean(res.user?.is_admin || res.user?.is_owner || res.user?.is_primary_owner);
    },
  };
}

export function registerSlackCommands(app: App, opts: SlackCommandOptions): void {
  const log = opts.log ?? silentLogger();
  app.command(opts.command ?? '/moonshot', async ({ command, ack, respond, client }) => {
    const cmd = parseCommand(command.text ?? '');
    const actor = actorFor(command, client);
    const place: Place = { platform: 'slack', channel: command.channel_id, canPost: () => slackCanPost(client, command.channel_id) };
    const work = runParsed(cmd, actor, place, opts.deps());
    if (isSlow(cmd)) {
      await ack(asBolt(pending(cmd)));
      const answer = await work;
      for (const m of slackReplies(answer)) await respond(asBolt(m));
      if (answer.image) {
        const failed = await uploadImage(client, command.channel_id, answer.image);
        if (failed) await respond(asBolt({ response_type: 'ephemeral', text: slackEscape(failed) }));
      }
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const quick = await Promise.race([work, new Promise<null>((ok) => { timer = setTimeout(() => ok(null), ANSWER_IN_ACK_MS); })]);
    clearTimeout(timer);
    if (quick) {
      const [first, ...more] = slackReplies(quick);
      await ack(asBolt(first));
      for (const m of more) await respond(asBolt(m));
      return;
    }
    log.info({ command: command.text, user: command.user_id, channel: command.channel_id }, `slack: /moonshot took over ${ANSWER_IN_ACK_MS} ms; answering through response_url`);
    await ack(asBolt(pending(cmd)));
    for (const m of slackReplies(await work)) await respond(asBolt(m));
  });
}

/** What the app hears that makes a channel (or every channel) undeliverable. */
export interface SlackLifecycle {
  /** The app was uninstalled or its tokens revoked: nothing can be posted any more. */
  onUninstalled?: (why: string) => Promise<void> | void;
  /** The bot left (or was removed from) a channel. */
  onChannelLeft?: (channel: string) => Promise<void> | void;
}

/** app_uninstalled, tokens_revoked, channel_left and group_left, each passed on once in plain words. */
export function registerSlackLifecycle(app: App, on: SlackLifecycle, log: Logger = silentLogger()): void {
  app.event('app_uninstalled', async () => {
    log.warn('slack: the app was uninstalled from the workspace');
    await on.onUninstalled?.('the Slack app was uninstalled from the workspace');
  });
  app.event('tokens_revoked', async ({ event }) => {
    // Only the bot's own tokens matter here; user tokens are not used.
    if (!event.tokens.bot?.length) return;
    log.warn('slack: the bot token was revoked');
    await on.onUninstalled?.('the Slack bot token was revoked');
  });
  app.event('channel_left', async ({ event }) => {
    log.warn({ channel: event.channel }, 'slack: the bot left a channel');
    await on.onChannelLeft?.(event.channel);
  });
  // A private channel's leaving has its own name.
  app.event('group_left', async ({ event }) => {
    log.warn({ channel: event.channel }, 'slack: the bot left a private channel');
    await on.onChannelLeft?.(event.channel);
  });
}

export interface SlackCommandAppOptions extends SlackCommandOptions, SlackLifecycle {
  /** Needed for the HTTP endpoint (Slack signs each request); Socket Mode does without. */
  signingSecret?: string | null;
  botToken: string;
  /** xapp-...: Socket Mode instead of an HTTP endpoint. */
  appToken?: string | null;
  /** Where the Web API lives; a local stand-in in tests. */
  slackApiUrl?: string;
  /** The HTTP path Slack posts to (default /slack/events). */
  endpoint?: string;
}

/**
 * A Bolt app answering `/moonshot`: Socket Mode when an app token is given (a bot token and an app
 * token are all it needs), else HTTP, where Bolt's HTTPReceiver verifies every request's signature
 * and age with the signing secret. Start it with `app.start(port)`.
 */
export function createSlackCommandApp(opts: SlackCommandAppOptions): App {
  const clientOptions = opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : undefined;
  let app: App;
  if (opts.appToken) {
    const receiver = new SocketModeReceiver({ appToken: opts.appToken, logLevel: LogLevel.ERROR, installerOptions: { clientOptions } });
    app = new App({ token: opts.botToken, receiver, clientOptions, logLevel: LogLevel.ERROR });
  } else {
    if (!opts.signingSecret) throw new Error('the Slack HTTP endpoint needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    app = new App({
      token: opts.botToken,
      receiver: new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: opts.endpoint ?? '/slack/events', logLevel: LogLevel.ERROR }),
      clientOptions,
      logLevel: LogLevel.ERROR,
    });
  }
  registerSlackCommands(app, opts);
  registerSlackLifecycle(app, opts, opts.log ?? silentLogger());
  app.error(async (err) => { (opts.log ?? silentLogger()).error({ err }, 'slack: the app failed'); });
  return app;
}
