import { composeDigest } from '../../src/digest/compose';
import { renderSlack, renderSlackDigest, SLACK_LIMITS, type SlackBlock, type SlackPostMessage } from '../../src/digest/render/slack';
import { renderDiscord, renderDiscordDigest, DISCORD_LIMITS, messageChars, type DiscordMessage } from '../../src/digest/render/discord';
import { renderMarkdown } from '../../src/digest/render/markdown';
import { renderConsole } from '../../src/digest/render/console';
import { conflictingInput, mentionInput, oversizedInput } from './fixtures';

const blockText = (b: SlackBlock): string =>
  b.type === 'section' || b.type === 'header' ? b.text.text : b.type === 'context' ? b.elements.map((e) => e.text).join(' ') : '';
const slackAll = (m: SlackPostMessage): string => [m.text, ...m.blocks.map(blockText)].join('\n');
const discordAll = (m: DiscordMessage): string => [m.content ?? '', ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');

function expectSlackWithinLimits(msgs: SlackPostMessage[]): void {
  for (const m of msgs) {
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(m.unfurl_links).toBe(false);
    for (const b of m.blocks) {
      if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    }
  }
}

function expectDiscordWithinLimits(msgs: DiscordMessage[]): void {
  for (const m of msgs) {
    expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(messageChars(m)).toBeLessThanOrEqual(DISCORD_LIMITS.charsPerMessage);
    expect(m.allowed_mentions).toEqual({ parse: [] });
    expect(m.enforce_nonce).toBe(true);
    expect(m.nonce.length).toBeLessThanOrEqual(DISCORD_LIMITS.nonce);
    for (const e of m.embeds) {
      expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldsPerEmbed);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  }
}

describe('a digest with disagreeing sources', () => {
  const digest = composeDigest(conflictingInput());

  it('composes sections with conflicts, new and confirmed figures, and unwatched news', () => {
    expect(digest.summary).toBe('1 company · 2 new figures · 1 confirmed figure · 2 conflicts');
    const s = digest.sections[0];
    expect(s.company).toBe('Moonshot AI');
    expect(s.events[0].sourceCount).toBe(2);
    expect(s.conflicts.map((c) => c.claims.map((cl) => cl.value))).toEqual([['$2B, Series C', '$500M, Series C'], ['Sequoia China', 'Meituan Longzhu']]);
    expect(s.conflicts[1].claims[1].sources[0]).toEqual({ source: 'Capital Ledger', url: 'https://ledger.example/kimi', quote: "Meituan's Longzhu fund led, according to two people." });
    expect(s.newFigures.map((f) => f.value)).toEqual(['$4.3B post-money, Series C', '¥3B (≈$420M) (in talks)']);
    expect(s.confirmed[0].value).toBe('~$1.3B');
    expect(digest.unwatched[0].amount).toBe('$12M round');
  });

  it('renders a Slack headline of a line per figure, one titled line per disagreement, and the sources in the thread', () => {
    const { channel: [m, ...rest], thread } = renderSlackDigest(digest, { channel: '#funding' });
    expect(rest).toHaveLength(0);
    expect(m.channel).toBe('#funding');
    expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🌙 Moonshot digest', emoji: true } });
    const all = slackAll(m);
    expect(all).toContain("⚠️ Sources disagree on Moonshot AI's lead investor: *Sequoia China* (<https://wire.example/moonshot-round|Tech Wire>) vs *Meituan Longzhu* (<https://ledger.example/kimi|Capital Ledger>)");
    expect(all).toContain('🆕 *Valuation*: $4.3B post-money, Series C — Tech Wire');
    expect(all).toMatch(/📰 <https:\/\/wire\.example\/moonshot-round\|Moonshot AI closes a big new round> · <!date\^1795255200\^\{date_short_pretty\}\|2026-11-21 10:00 UTC>/);
    // Each quote at most once in the channel message.
    for (const q of ['The deal puts Moonshot AI', 'Its annual sales', 'Sequoia China led']) expect(all.split(q).length).toBeLessThanOrEqual(2);
    expect(m.blocks[m.blocks.length - 1].type).toBe('context');
    expect(thread).toHaveLength(1);
    const details = slackAll(thread[0]);
    expect(details).toContain("⚠️ *Sources disagree on Moonshot AI's lead investor*");
    expect(details).toContain('>_“Sequoia China led the round.”_ — <https://wire.example/moonshot-round|Tech Wire>');
    expect(details).toContain(">_“Meituan's Longzhu fund led, according to two people.”_");
    expectSlackWithinLimits([m, ...thread]);
  });

  it('renders Discord embeds with the same content, titles linked, the details for the thread', () => {
    const { channel: [m, ...rest], thread } = renderDiscordDigest(digest);
    expect(rest).toHaveLength(0);
    const all = discordAll(m);
    expect(all).toContain("⚠️ Sources disagree on Moonshot AI's round: **$2B, Series C** ([Tech Wire](https://wire.example/moonshot-round)) vs **$500M, Series C** ([Capital Ledger](https://ledger.example/kimi))");
    expect(all).toContain('📰 [Moonshot AI closes a big new round](https://wire.example/moonshot-round) · <t:1795255200:D> · 2 sources');
    expect(m.embeds[0].url).toBe('https://wire.example/moonshot-round');
    expect(m.content).toMatch(/^\*\*🌙 Moonshot digest\*\* — 1 company/);
    expect(m.embeds[m.embeds.length - 1].footer?.text).toMatch(/^Moonshot · /);
    const details = discordAll(thread[0]);
    expect(details).toContain('**$500M, Series C**');
    expect(details).toContain('🆕 Revenue');
    expect(details).toContain('> *“Sequoia China led the round.”* — [Tech Wire](https://wire.example/moonshot-round)');
    expectDiscordWithinLimits([m, ...thread]);
  });

  it('keeps the closing ** of a Discord header however long the title', () => {
    const long = composeDigest({ ...conflictingInput(), title: `Moonshot ${'very '.repeat(200)}long title` });
    for (const m of renderDiscord(long)) expect(m.content).toMatch(/^\*\*🌙 [^*]+…\*\*/);
  });

  it('gives the same message the same nonce every time, and different destinations different ones', () => {
    expect(renderDiscord(digest, { nonceSeed: 'x' })[0].nonce).toBe(renderDiscord(digest, { nonceSeed: 'x' })[0].nonce);
    expect(renderDiscord(digest, { nonceSeed: 'x' })[0].nonce).not.toBe(renderDiscord(digest, { nonceSeed: 'y' })[0].nonce);
  });

  it('renders markdown and console text a person can read', () => {
    const md = renderMarkdown(digest, [{ source: 'bad.xml', message: 'not a feed' }]);
    expect(md).toContain('## Moonshot AI');
    expect(md).toContain('- ⚠️ **CONFLICT · Lead investor**');
    expect(md).toContain('[Tech Wire](https://wire.example/moonshot-round): “Sequoia China led the round.”');
    expect(md).toContain('- 🆕 **Valuation**: $4.3B post-money, Series C');
    expect(md).toContain('`bad.xml`: not a feed');
    const text = renderConsole(digest);
    expect(text).toContain('CONFLICT · Round');
    expect(text).toContain('• Meituan Longzhu');
  });
});

describe('an oversized digest (40 companies × 12 figures)', () => {
  const digest = composeDigest(oversizedInput());
  const markers = Array.from({ length: 40 }, (_, c) => Array.from({ length: 12 }, (_, f) => `Figure ${c}-${f}:`)).flat();

  it('splits into several Slack messages within limits, each figure in exactly one', () => {
    const { channel, thread } = renderSlackDigest(digest, { channel: '#x' });
    expect(channel.length).toBeGreaterThan(1);
    expectSlackWithinLimits([...channel, ...thread]);
    // Every figure's sentence once in the thread; in the channel at most once (one quote a company).
    for (const m of markers) expect(thread.map(slackAll).filter((t) => t.includes(m))).toHaveLength(1);
    for (const m of markers) expect(channel.map(slackAll).filter((t) => t.includes(m)).length).toBeLessThanOrEqual(1);
    for (let c = 0; c < 40; c++) expect(channel.map(slackAll).some((t) => t.includes(`*Company ${c}*`))).toBe(true);
    expect(channel[1].text).toMatch(/\(part 2 of \d+\)$/);
  });

  it('splits into several Discord messages within limits, each figure in exactly one', () => {
    const { channel, thread } = renderDiscordDigest(digest);
    const msgs = [...channel, ...thread];
    expect(channel.length).toBeGreaterThan(1);
    expectDiscordWithinLimits(msgs);
    for (const m of markers) expect(thread.map(discordAll).filter((t) => t.includes(m))).toHaveLength(1);
    for (const m of markers) expect(channel.map(discordAll).filter((t) => t.includes(m)).length).toBeLessThanOrEqual(1);
    expect(new Set(msgs.map((m) => m.nonce)).size).toBe(msgs.length);
  });
});

it('never lets feed markup format a Discord digest: **Moonshot AI** in a feed shows as text', () => {
  const input = conflictingInput();
  input.events[0].headline = '**Moonshot AI** raises _big_ at `$20B` ~~maybe~~';
  for (const f of input.newFigures) f.company = '**Moonshot AI**';
  input.events[0].company = '**Moonshot AI**';
  const msgs = renderDiscord(composeDigest(input));
  const all = msgs.map(discordAll).join('\n');
  expect(all).toContain('\\*\\*Moonshot AI\\*\\* raises \\_big\\_ at \\`$20B\\` \\~\\~maybe\\~\\~');
  // Titles too: an embed title is markdown in Discord.
  expect(msgs[0].embeds.map((e) => e.title)).toContain('\\*\\*Moonshot AI\\*\\*');
  expect(all).not.toMatch(/(^|[^\\])\*\*Moonshot AI\*\*/m);
});

describe('feed text never pings anyone', () => {
  const digest = composeDigest(mentionInput());

  it('escapes Slack control characters everywhere, link labels included', () => {
    for (const m of renderSlack(digest, { channel: '#x' })) {
      const all = slackAll(m);
      expect(all).not.toMatch(/<!channel>|<!here>|<@U123>|<@&1>|<#42>/);
      expect(all).not.toMatch(/@everyone|@here/);
      expect(all).toContain('&lt;!channel&gt;');
      expect(all).toContain('&lt;@U123&gt;');
      // Every `<` left is one of our links or a date token.
      for (const link of all.match(/<[^>]*>/g) ?? []) expect(link).toMatch(/^<https?:\/\/[^|<>]+\|[^<>]*>$|^<!date\^\d+\^\{[a-z_]+\}(?: \{time\})?\|[^<>]*>$/);
    }
  });

  it('disables Discord mentions and defuses them visibly', () => {
    for (const m of renderDiscord(digest)) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      const all = discordAll(m);
      expect(all).not.toMatch(/@everyone|@here|<@U123>|<@&1>|<#42>/);
      expect(all).toContain('@\u200beveryone');
    }
  });

  it('keeps markdown free of live links from feed text', () => {
    const md = renderMarkdown(digest);
    // Every `<` from feed text is backslash-escaped, so no autolink or HTML survives.
    expect(md).not.toMatch(/(^|[^\\])<(!channel|@U123)/m);
    expect(md).toContain('\\<@U123>');
  });
});
