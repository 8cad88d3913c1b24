// `moonshot slack-manifest`: the app manifest to paste at api.slack.com/apps ("Create New App" ->
// "From an app manifest"). Socket Mode by default, so the bot needs no public URL; --http URL for the
// request-URL variant.
import { stringify } from 'yaml';
import type { CliIO } from './io';
import { parseOptions, UsageError } from './io';

const USAGE = 'moonshot slack-manifest [--format yaml|json] [--name NAME] [--http URL]';

/**
 * Bot scopes, each for what the bot does with it: chat:write posts digests and thread replies,
 * chat:write.public posts in public channels it was not invited to, commands is /moonshot, users:read
 * tells workspace admins apart (users.info), channels:read and groups:read let `digest here` ask
 * conversations.info whether it can post there (and bring channel_left and group_left), files:write
 * uploads charts.
 */
export const SLACK_BOT_SCOPES = ['chat:write', 'chat:write.public', 'commands', 'users:read', 'channels:read', 'groups:read', 'files:write'] as const;

/** What makes a channel undeliverable: the bot pauses those digests instead of retrying them. */
export const SLACK_BOT_EVENTS = ['app_uninstalled', 'tokens_revoked', 'channel_left', 'group_left'] as const;

export interface SlackManifest {
  display_information: { name: string; description: string; background_color: string; long_description: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: { command: string; description: string; usage_hint: string; should_escape: boolean; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    socket_mode_enabled: boolean;
    interactivity: { is_enabled: boolean };
    org_deploy_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/**
 * The manifest for Socket Mode (the default: no public URL), or, given the bot's public events URL
 * (https://bot.example/slack/events), for Slack's HTTP requests. No buttons or menus are used, so
 * interactivity stays off.
 */
export function slackManifest(name = 'Moonshot', httpUrl: string | null = null): SlackManifest {
  return {
    display_information: {
      name,
      description: 'AI funding news: who raised what, with sources, and where they disagree.',
      background_color: '#1d1c3b',
      long_description:
        'Moonshot reads AI-funding news feeds, pulls out round sizes, valuations, revenue and investors with the sentence each came from, '
        + 'and posts digests that mark new figures and figures where the sources disagree. Ask it with /moonshot, e.g. "/moonshot valuation Moonshot AI".',
    },
    features: {
      bot_user: { display_name: name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'), always_online: true },
      slash_commands: [{
        command: '/moonshot',
        description: 'Ask about AI funding figures and manage the digest',
        usage_hint: 'valuation Moonshot AI | chart | conflicts | feeds | help',
        should_escape: false,
        ...(httpUrl ? { url: httpUrl } : {}),
      }],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { bot_events: [...SLACK_BOT_EVENTS], ...(httpUrl ? { request_url: httpUrl } : {}) },
      socket_mode_enabled: !httpUrl,
      interactivity: { is_enabled: false },
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    },
  };
}

export async function slackManifestCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'yaml' },
    name: { type: 'string', default: 'Moonshot' },
    http: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) {
    io.out(`usage: ${USAGE}\n\nPrints a Slack app manifest: paste it at https://api.slack.com/apps -> Create New App -> From an app manifest.\n`
      + '  --http URL  the bot\'s public events URL (https://bot.example/slack/events) instead of Socket Mode; the bot then needs SLACK_SIGNING_SECRET\n');
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, USAGE);
  const format = values.format as string;
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`--format must be yaml or json, not "${format}"`, USAGE);
  const name = (values.name as string).trim();
  if (!name || name.length > 35) throw new UsageError('--name must be 1 to 35 characters (Slack\'s limit for an app name)', USAGE);
  const http = values.http as string | undefined;
  if (http !== undefined && !/^https:\/\/[^\s/]+\/\S*$/.test(http)) throw new UsageError(`--http takes the bot's public https URL, like https://bot.example/slack/events, not "${http}"`, USAGE);
  const manifest = slackManifest(name, http ?? null);
  io.out(format === 'json' ? `${JSON.stringify(manifest, null, 2)}\n` : `# Slack app manifest for ${name}: paste at https://api.slack.com/apps -> Create New App -> From an app manifest\n${stringify(manifest)}`);
  return 0;
}
