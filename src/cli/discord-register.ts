// `moonshot discord-register [--guild ID]`: tells Discord about /moonshot and /moonshot-admin (once, and after upgrades).
import type { CliIO } from './io';
import { parseOptions, UsageError } from './io';
import { loadEnv, readSecrets } from '../config';
import { moonshotCommandDefinition, registerDiscordCommands, registrationRest } from '../chat/discord-commands';
import { plainError } from '../feeds/read';

const USAGE = 'moonshot discord-register [--guild ID] [--print]';

export async function discordRegisterCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, { guild: { type: 'string' }, print: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) { io.out(`usage: ${USAGE}\n  --guild ID  register in one server (appears at once; global commands can take up to an hour)\n  --print     print the command definition instead of registering it\n`); return 0; }
  if (values.print) { io.out(JSON.stringify(moonshotCommandDefinition(), null, 2) + '\n'); return 0; }
  const guild = values.guild as string | undefined;
  if (guild !== undefined && !/^\d{5,25}$/.test(guild)) throw new UsageError(`--guild takes a server id (digits), not "${guild}"`, USAGE);
  const env = loadEnv();
  const secrets = readSecrets(env);
  if (!secrets.discordToken || !secrets.discordApplicationId) {
    io.err('moonshot discord-register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in the environment or .env)\n');
    return 2;
  }
  const rest = registrationRest(secrets.discordToken, env.DISCORD_API_URL?.trim() || undefined);
  try {
    await registerDiscordCommands(rest, secrets.discordApplicationId, guild ?? null);
  } catch (err) {
    io.err(`moonshot discord-register: Discord refused the registration: ${plainError(err)}\n`);
    return 1;
  }
  io.out(`Registered /moonshot and /moonshot-admin ${guild ? `in server ${guild}` : 'globally (it can take up to an hour to appear everywhere)'}.\n`);
  return 0;
}
