// Command text (or a parsed command) to an answer: the one entry every platform calls.
import type { Actor, CommandDeps, Place, Reply } from './types';
import { parseCommand, type ParsedCommand } from './parse';
import { isAdmin, refusal } from './authorise';
import { conflictsQuery, figureQuery, helpReply, historyQuery, newsQuery, roundsQuery, sourcesQuery } from './queries';
import { digestCommand, feedsCommand, watchCommand } from './admin';
import { chartQuery } from './chart';
import { lines, reply } from './format';
import { plainError } from '../feeds/read';

export function isAdminCommand(cmd: ParsedCommand): boolean {
  return cmd.kind === 'feeds' || cmd.kind === 'watch' || cmd.kind === 'digest';
}

/**
 * Commands that may take longer than a platform allows before its first answer (Slack 3 s, Discord
 * 3 s): they read a feed over the network or post a digest. The adapters acknowledge first for these.
 */
export function isSlow(cmd: ParsedCommand): boolean {
  if (cmd.kind === 'feeds') return cmd.feeds.action === 'add' || cmd.feeds.action === 'test' || cmd.feeds.action === 'import';
  if (cmd.kind === 'chart') return true;
  return cmd.kind === 'digest' && cmd.digest.action === 'now';
}

/** What the asker sees while a slow command runs. */
export function pendingText(cmd: ParsedCommand): string {
  if (cmd.kind === 'feeds' && (cmd.feeds.action === 'add' || cmd.feeds.action === 'test')) return `Reading ${cmd.feeds.url} …`;
  if (cmd.kind === 'feeds' && cmd.feeds.action === 'import') return `Reading ${cmd.feeds.source} …`;
  if (cmd.kind === 'chart') return 'Drawing the chart …';
  return 'Working on it …';
}

/** Admin replies go to the admin only: changes are announced by their effects, not in the channel. */
export async function runParsed(cmd: ParsedCommand, actor: Actor, place: Place, deps: CommandDeps): Promise<Reply> {
  try {
    if (isAdminCommand(cmd) && !(await isAdmin(actor, deps.admins))) return reply('refused', refusal(actor));
    switch (cmd.kind) {
      case 'bad': return reply('usage', cmd.message, [lines(`Usage: ${cmd.usage}`, 'Say `/moonshot help` for every command.')]);
      case 'help': return helpReply(cmd.share);
      case 'figure': return await figureQuery(cmd.topic, cmd.company, deps, cmd.share);
      case 'conflicts': return await conflictsQuery(cmd.company, deps, cmd.share);
      case 'sources': return await sourcesQuery(cmd.metric, cmd.metricTyped, cmd.company, deps, cmd.share);
      case 'history': return await historyQuery(cmd.company, deps, cmd.share);
      case 'rounds': return await roundsQuery(cmd.company, deps, cmd.share);
      case 'news': return await newsQuery(cmd.company, deps, cmd.share);
      case 'chart': return await chartQuery(cmd.company, deps, cmd.share);
      case 'feeds': return await feedsCommand(cmd.feeds, deps);
      case 'watch': return await watchCommand(cmd.watch, deps);
      case 'digest': return await digestCommand(cmd.digest, place, deps);
    }
  } catch (err) {
    // The store or a network call failed: say so in one line; the details belong in the bot's log.
    deps.log?.error({ err, command: commandLine(cmd), platform: actor.platform, user: actor.userId, channel: place.channel }, 'command failed');
    return reply('error', `Something went wrong answering that: ${plainError(err)}. Nothing was changed; try again in a minute.`);
  }
}

/** The command as its words, for the log: the kind, and what it names. */
function commandLine(cmd: ParsedCommand): string {
  const { kind, ...rest } = cmd;
  return `${kind} ${JSON.stringify(rest)}`;
}

export function runText(text: string, actor: Actor, place: Place, deps: CommandDeps): Promise<Reply> {
  return runParsed(parseCommand(text), actor, place, deps);
}
