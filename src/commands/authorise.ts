// Who may change the bot from chat. Slack: a user listed under `admins` in the config, or a workspace
// admin or owner (users.info). Discord: a member with Manage Server (or Administrator). The terminal:
// whoever runs `moonshot ask` already holds the files.
import type { Actor } from './types';

/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
export const DISCORD_ADMINISTRATOR = 0x8n;
export const DISCORD_MANAGE_GUILD = 0x20n;

export function hasManageGuild(permissions: string | null | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & DISCORD_MANAGE_GUILD) !== 0n || (bits & DISCORD_ADMINISTRATOR) !== 0n;
}

export async function isAdmin(actor: Actor, admins: readonly string[]): Promise<boolean> {
  if (actor.platform === 'cli') return true;
  if (admins.includes(actor.userId)) return true;
  if (actor.platform === 'discord') return hasManageGuild(actor.permissions);
  if (!actor.workspaceAdmin) return false;
  try {
    return await actor.workspaceAdmin();
  } catch {
    // Slack could not tell us: refuse rather than guess.
    return false;
  }
}

export function refusal(actor: Actor): string {
  return actor.platform === 'discord'
    ? 'Only members with the Manage Server permission can change Moonshot.'
    : 'Only Moonshot admins can change Moonshot: workspace admins and owners, and the users listed under `admins` in its config.';
}
