// `/moonshot digest now` for a running bot: post the channel's digest through the scheduler's own job,
// so the cursor moves exactly as for a scheduled digest.
import type { DigestOutcome } from '../scheduler/digest';
import type { DigestTrigger } from './types';
import type { DigestInput } from '../types';

export interface DigestRunner {
  digest(subId: string, now?: Date): Promise<DigestOutcome>;
  preview(subId: string, now?: Date): Promise<DigestInput | null>;
}

export function digestTrigger(bot: DigestRunner): DigestTrigger {
  return {
    preview: (sub, now) => bot.preview(sub.id, now),
    async now(sub) {
      const outcome = await bot.digest(sub.id);
      if (outcome.status === 'posted') {
        const i = outcome.input;
        return i ? `Posted the digest: ${i.newFigures.length} new figures, ${i.confirmed.length} confirmed, ${i.conflicts.length} disagreements.` : 'Posted the digest.';
      }
      if (outcome.status === 'nothing-new') return 'Nothing new since the last digest, so nothing was posted.';
      return 'Another Moonshot instance is posting this digest right now.';
    },
  };
}
