// The console destination: what a channel would see, printed. The embedded default when no chat
// tokens are set, and what `moonshot demo` shows.
import type { DigestInput } from '../digest/types';
import { composeDigest, renderConsole } from '../digest';
import type { SubscriptionConfig } from '../config';
import type { Deliver } from './poll';

export function renderForConsole(input: DigestInput): string {
  return renderConsole(composeDigest(input));
}

/** A Deliver that writes each digest to `write`, headed by where it would have gone. */
export function consoleDeliver(write: (text: string) => void): Deliver {
  return async (sub: SubscriptionConfig, input: DigestInput, kind: 'digest' | 'alert') => {
    const where = sub.platform === 'console' ? '' : `(for ${sub.platform} ${sub.channel ?? 'webhook'}; printed here because that platform is not connected)\n`;
    write(`${kind === 'alert' ? 'Alert: sources newly disagree\n' : ''}${where}${renderForConsole(input)}`);
  };
}
