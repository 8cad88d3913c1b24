// Feed text in Slack: neither the blocks nor the `text` Slack notifies with may ping, link or format.
import { slackReply } from '../../src/chat/slack-commands';
import { lines, reply } from '../../src/commands/format';
import { composeDigest } from '../../src/digest';
import { renderSlack } from '../../src/digest/render/slack';
import { conflictingInput } from '../digest/fixtures';

const HOSTILE = 'Kimi maker <!channel> <@U1> <https://evil.example|click here> raises';

describe('a shared answer with hostile feed text', () => {
  const m = slackReply(reply('answer', `News: ${HOSTILE}`, [lines(`• ${HOSTILE}`)], [{ label: HOSTILE, url: 'https://wire.example/a' }], true));

  it('is posted in the channel with its text escaped as the blocks are', () => {
    expect(m.response_type).toBe('in_channel');
    for (const part of [m.text, JSON.stringify(m.blocks)]) {
      expect(part).not.toMatch(/<!channel>|<@U1>|<https:\/\/evil/);
      expect(part).toContain('&lt;!channel&gt;');
      expect(part).toContain('&lt;@U1&gt;');
    }
  });
});

describe('Slack formatting in feed text formats nothing', () => {
  const input = conflictingInput();
  const quote = 'Moonshot AI is *worth* _far_ more, ~not~ less: `rm -rf` says the memo.';
  input.newFigures[0].sources[0].quote = quote;
  input.events[0].headline = '*BREAKING* Moonshot AI `raises`';
  const all = renderSlack(composeDigest(input), { channel: 'C1' }).map((m) => JSON.stringify(m.blocks)).join('\n');

  it('shows the quote as written, its marks replaced by look-alikes', () => {
    expect(all).not.toMatch(/\*worth\*|_far_|~not~|`rm -rf`|\*BREAKING\*|`raises`/);
    expect(all).toContain('Moonshot AI is ∗worth∗ ＿far＿ more, ∼not∼ less: ˋrm -rfˋ says the memo.');
    expect(all).toContain('∗BREAKING∗ Moonshot AI ˋraisesˋ');
  });

  it('keeps its own formatting', () => {
    expect(all).toMatch(/\*Moonshot AI\*/);
    expect(all).toMatch(/_“/);
  });
});
