// Which due feeds this process takes, and when. Several `moonshot run` processes on one store split the
// feeds between them through the store's claims: a process claims a feed only when it has room to
// fetch it soon, so each takes a share in proportion to how fast it gets through them, and one that
// dies holds no more than the few feeds it had claimed ahead.
import { createHash } from 'node:crypto';

export interface ClaimPump<T, U> {
  /** This process's name in claims: where in the list it starts. */
  owner: string;
  hostOf(item: T): string;
  /** Feeds claimed and not yet done, at most, overall and against one host. */
  ahead: number;
  aheadPerHost: number;
  /**
   * Runs a batch of claims: the store's turn, which claims share with the feeds' records. Claims are
   * made as many at a time as there is room for, so they keep up however busy the store is.
   */
  turn(claims: () => Promise<void>): Promise<void>;
  /** Claims the item; what to work on when this process won it, null when another has it. */
  claim(item: T): Promise<U | null>;
  /** Fetches and records a claimed feed; settles when the feed is done (it never rejects). */
  work(won: U): Promise<void>;
  /** True once the cycle is failing: nothing more is claimed. */
  stopped(): boolean;
}

/** A number in [0, 1) of its own for each owner. */
function placeOf(owner: string): number {
  return createHash('sha1').update(owner).digest().readUInt32BE(0) / 2 ** 32;
}

/** The list turned to start at `place` (a fraction of its length). */
const turned = <X>(xs: X[], place: number): X[] => {
  const k = Math.floor(place * xs.length);
  return [...xs.slice(k), ...xs.slice(0, k)];
};

interface HostQueue<T> {
  items: T[];
  next: number;
  busy: number;
}

/**
 * Claims the items one at a time, as room frees up, and starts the work on each one won. Hosts are
 * taken in turn, so the feeds claimed ahead are spread over hosts rather than waiting behind one
 * host's politeness limit; each owner starts at its own place in every host's list, so two processes
 * begin on different feeds instead of contending for the same ones. Resolves once every started
 * piece of work has settled; a claim that throws (the store failed) stops the claiming and is
 * rethrown after that.
 */
export async function claimAsRoomFrees<T, U>(items: readonly T[], o: ClaimPump<T, U>): Promise<void> {
  const place = placeOf(o.owner);
  const byHost = new Map<string, T[]>();
  for (const item of items) {
    const host = o.hostOf(item);
    const list = byHost.get(host);
    if (list) list.push(item);
    else byHost.set(host, [item]);
  }
  const ring: HostQueue<T>[] = turned([...byHost.values()].map((list) => ({ items: turned(list, place), next: 0, busy: 0 })), place);
  let busy = 0;
  let at = 0;
  let wake: (() => void) | null = null;
  const working: Promise<void>[] = [];

  /** The next host in turn with room for one more claim, or null when every host left is full. */
  const nextWithRoom = (): HostQueue<T> | null => {
    for (let tried = 0; tried < ring.length; tried++) {
      const q = ring[at % ring.length];
      at = (at + 1) % ring.length;
      if (q.busy < o.aheadPerHost) return q;
    }
    return null;
  };
  /** Feeds done so far: a wait begins only if none ended since the room was last looked at. */
  let ends = 0;
  const done = (q: HostQueue<T>): void => {
    q.busy--;
    busy--;
    ends++;
    const w = wake;
    wake = null;
    w?.();
  };

  /** Claims items while there is room; how many were tried. */
  const claimWhileRoom = async (): Promise<number> => {
    let tried = 0;
    for (let q = nextWithRoom(); q && !o.stopped(); q = busy < o.ahead ? nextWithRoom() : null) {
      const host = q;
      const item = host.items[host.next++];
      if (host.next === host.items.length) {
        const i = ring.indexOf(host);
        ring.splice(i, 1);
        if (i < at) at--;
        if (ring.length) at %= ring.length;
      }
      host.busy++;
      busy++;
      tried++;
      let won: U | null = null;
      try {
        won = await o.claim(item);
      } finally {
        if (won === null) done(host);
      }
      if (won !== null) working.push(o.work(won).finally(() => done(host)));
    }
    return tried;
  };

  try {
    while (ring.length > 0 && !o.stopped()) {
      let tried = 0;
      let seen = ends;
      if (busy < o.ahead) await o.turn(async () => { tried = await claimWhileRoom(); seen = ends; });
      // Full: some claimed feed is still being worked on, and its end wakes this loop.
      if (tried === 0 && ends === seen && ring.length > 0 && !o.stopped()) await new Promise<void>((resolve) => { wake = resolve; });
    }
  } finally {
    // Work under way finishes (or fails) before the cycle goes on or gives its claims back.
    await Promise.allSettled(working);
  }
}
