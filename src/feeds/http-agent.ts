import { Agent, buildConnector } from 'undici';
import { unbracket, type AddressGuard } from './guard';

export interface AgentTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** undici's idle timeout between body chunks; the total body deadline is enforced by the reader. */
  bodyTimeoutMs: number;
}

/**
 * An undici Agent whose every connection passes the guard three times: an IP literal host is judged
 * before connecting (net.connect skips lookup for literals), a name's addresses are filtered in
 * lookup (so DNS rebinding finds nothing to connect to), and the socket's peer address is judged
 * once connected, before a single request byte is written.
 */
export function createGuardedAgent(guard: AddressGuard, timeouts: AgentTimeouts, opts: { connections?: number | null } = {}): Agent {
  // One connector per port: its lookup then knows the port, so a port-limited entry lets no other port connect.
  const connectors = new Map<number, buildConnector.connector>();
  const connect: buildConnector.connector = (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const early = guard.checkHost(options.hostname, port);
    if (early) return callback(early, null);
    let base = connectors.get(port);
    if (!base) {
      base = buildConnector({ timeout: timeouts.connectTimeoutMs, lookup: guard.lookupFor(port) });
      connectors.set(port, base);
    }
    base(options, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('no socket'), null);
      const late = guard.checkConnected(unbracket(options.hostname), socket.remoteAddress, socket.remotePort ?? port);
      if (late) {
        socket.destroy();
        return callback(late, null);
      }
      callback(null, socket);
    });
  };
  return new Agent({
    connect,
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.bodyTimeoutMs,
    // One fetch, one origin at a time: keep the pool small. A pool's agents (below) serve every fetch
    // of a bot, and leave how many go to one host to the poll's per-host limit.
    connections: opts.connections === undefined ? 2 : opts.connections,
  });
}

/**
 * Guarded agents kept across fetches, one per guard and timeouts: a bot's fetches of one host reuse
 * its open connections rather than each fetch making an agent, connecting and closing again. Every
 * new connection still passes its guard, and a guard is only ever shared by fetches that would have
 * made the same one (it keeps no state of a fetch). At most `max` agents are kept; the one used least
 * recently is closed (after what it has in flight) to make room.
 */
export class AgentPool {
  private readonly agents = new Map<string, Agent>();
  private closed = false;

  constructor(private readonly max = 32) {}

  /** The agent for this guard's configuration (`key`), made with `make` the first time. */
  get(key: string, make: () => Agent): Agent | null {
    if (this.closed) return null;
    let agent = this.agents.get(key);
    if (agent) this.agents.delete(key);
    else agent = make();
    this.agents.set(key, agent);
    if (this.agents.size > this.max) {
      const [oldest, evicted] = this.agents.entries().next().value as [string, Agent];
      this.agents.delete(oldest);
      evicted.close().catch(() => undefined);
    }
    return agent;
  }

  /** Closes every agent once what it has in flight is done; later fetches make their own. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.agents.values()];
    this.agents.clear();
    await Promise.allSettled(all.map((a) => a.close()));
  }
}
