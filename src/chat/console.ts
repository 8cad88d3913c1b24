// The embedded default: with no chat tokens, each digest is printed where the bot runs.
import type { Digest } from '../digest/digest';
import { renderConsole } from '../digest/render/console';
import { consoleText } from '../digest/escape';
import { wrongPlatform, type Destination, type OutgoingMessage, type SendResult } from './destination';

export function consoleDestination(out: (text: string) => void = (t) => { process.stdout.write(t); }, id = 'console'): Destination {
  return {
    id,
    label: 'the console',
    render: (digest: Digest): OutgoingMessage[] => [{ platform: 'text', text: renderConsole(digest) }],
    notice: (text: string): OutgoingMessage[] => [{ platform: 'text', text: `⚠️  Moonshot notice: ${consoleText(text)}\n` }],
    async send(m: OutgoingMessage): Promise<SendResult> {
      if (m.platform !== 'text') return wrongPlatform(id, m);
      out(m.text);
      return { ok: true, remoteId: null };
    },
  };
}
