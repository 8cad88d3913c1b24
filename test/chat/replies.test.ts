// Long command answers page on instead of losing lines, and never cut a link.
import { slackReplies } from '../../src/chat/slack-commands';
import { discordReplies } from '../../src/chat/discord-commands';
import { reply, lines } from '../../src/commands/format';
import { DISCORD_ATOMS, SLACK_ATOMS } from '../../src/digest/escape';
import { slackRefusal, discordRefusal } from './standins';

const url = (i: number): string => `https://news.example/2026/11/${i}/moonshot?${'utm_source=feed&utm_campaign=funding&'.repeat(9)}n=${i}`.slice(0, 368);
const long = reply('answer', 'Moonshot AI: every source for the valuation', [
  lines(...Array.from({ length: 40 }, (_, i) => `Source ${i} (${url(i)}): “Moonshot AI is valued at $20 billion after the round, outlet ${i} reports, citing people who know the terms.”`)),
], Array.from({ length: 40 }, (_, i) => ({ label: `Outlet ${i}, 21 Nov 2026`, url: url(i) })));

type Block = { type: string; text?: { text: string }; elements?: { text: string }[] };
const texts = (blocks: unknown[]): string[] => (blocks as Block[]).flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)]);

it('pages a 40-line Slack answer over messages Slack takes, every line and link whole', () => {
  const msgs = slackReplies(long);
  for (const m of msgs) expect(slackRefusal(m as unknown as Record<string, unknown>)).toBeNull();
  const all = msgs.flatMap((m) => texts(m.blocks ?? []));
  const joined = all.join('\n');
  for (let i = 0; i < 40; i++) {
    expect(joined).toContain(`Source ${i} (`);
    expect(joined).toContain(`<${url(i)}|Outlet ${i}, 21 Nov 2026>`);
  }
  for (const t of all) expect((t.match(/</g) ?? []).length).toBe((t.match(SLACK_ATOMS) ?? []).length);
});

it('pages a 40-line Discord answer into embeds and follow-ups, every line and link whole', () => {
  const msgs = discordReplies(long);
  expect(msgs.length).toBeGreaterThan(1);
  for (const m of msgs) expect(discordRefusal(m as unknown as Record<string, unknown>)).toBeNull();
  const joined = msgs.flatMap((m) => (m.embeds ?? []).map((e) => e.description ?? '')).join('\n');
  for (let i = 0; i < 40; i++) {
    expect(joined).toContain(`Source ${i} (`);
    expect(joined).toContain(`[Outlet ${i}, 21 Nov 2026](${url(i)})`);
  }
  expect((joined.match(/\]\(https/g) ?? []).length).toBe((joined.match(DISCORD_ATOMS) ?? []).length);
  expect(msgs.every((m) => m.flags === 1 << 6)).toBe(true);
});
