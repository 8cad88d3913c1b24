// The contract between what decides a digest is due (the scheduler) and what sends it (chat): both
// sides import it from here, so neither imports the other.
import type { SubscriptionConfig } from '../config';
import type { DigestInput } from '../types';

/** Sends a digest or an alert to a subscription's destination. */
export type Deliver = (sub: SubscriptionConfig, input: DigestInput, kind: 'digest' | 'alert') => Promise<void>;
