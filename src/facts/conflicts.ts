// Placeholder: replaced by the contract's disagreement rule (see issue 3).
import type { Conflict, Fact } from '../types';

export function findConflicts(_facts: Fact[]): Conflict[] {
  return [];
}
