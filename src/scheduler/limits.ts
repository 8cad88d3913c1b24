// Concurrency limits for fetching: a global cap and one per host, so one slow site cannot hold every
// slot and no site sees more than a few requests from us at once.

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  /** Runs `fn` once a place is free; `first` goes ahead of those already waiting. */
  async run<T>(fn: () => Promise<T>, opts: { first?: boolean } = {}): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => (opts.first ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** The host a URL's politeness limit is counted against (host and port). */
export function hostOf(url: string): string {
  try { return new URL(url).host.toLowerCase(); } catch { return url; }
}

/** Runs `fn` within both the global limit and the limit for `url`'s host. */
export class HostLimiter {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, Semaphore>();
  constructor(globalLimit: number, private readonly perHost: number) {
    this.global = new Semaphore(globalLimit);
  }

  run<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    let sem = this.hosts.get(host);
    if (!sem) { sem = new Semaphore(this.perHost); this.hosts.set(host, sem); }
    // Take the host slot first: waiting for a busy host must not hold a global slot.
    return sem.run(() => this.global.run(fn));
  }
}
