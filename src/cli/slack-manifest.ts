// `moonshot slack-manifest`: the app manifest to paste at api.slack.com/apps ("Create New App" ->
// "From an app manifest"). Socket Mode, so the bot needs no public URL.
import { stringify } from 'yaml';
import type { CliIO } from './io';
import { parseOptions, UsageError } from './io';

const USAGE = 'moonshot slack-manifest [--format yaml|json] [--name NAME]';

/** Bot scopes, each for a reason: posting, posting where not invited, the slash command, channel and admin look-ups. */
export const SLACK_BOT_SCOPES = ['chat:write', 'chat:write.public', 'commands', 'channels:read', 'users:read'] as const;

export interface SlackManifest {
  display_information: { name: string; description: string; background_color: string; long_description: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: { command: string; description: string; usage_hint: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean }; org_deploy_enabled: boolean; token_rotation_enabled: boolean };
}

export function slackManifest(name = 'Moonshot'): SlackManifest {
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
        usage_hint: 'valuation Moonshot AI | conflicts | feeds | help',
        should_escape: false,
      }],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: { socket_mode_enabled: true, interactivity: { is_enabled: true }, org_deploy_enabled: false, token_rotation_enabled: false },
  };
}

export async function slackManifestCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string', default: 'yaml' },
    name: { type: 'string', default: 'Moonshot' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) {
    io.out(`usage: ${USAGE}\n\nPrints a Slack app manifest: paste it at https://api.slack.com/apps -> Create New App -> From an app manifest.\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, USAGE);
  const format = values.format as string;
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`--format must be yaml or json, not "${format}"`, USAGE);
  const name = (values.name as string).trim();
  if (!name || name.length > 35) throw new UsageError('--name must be 1 to 35 characters (Slack\'s limit for an app name)', USAGE);
  const manifest = slackManifest(name);
  io.out(format === 'json' ? `${JSON.stringify(manifest, null, 2)}\n` : `# Slack app manifest for ${name}: paste at https://api.slack.com/apps -> Create New App -> From an app manifest\n${stringify(manifest)}`);
  return 0;
}
