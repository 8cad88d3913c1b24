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
export function createGuardedAgent(guard: AddressGuard, timeouts: AgentTimeouts): Agent {
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
    // One fetch, one origin at a time: keep the pool small.
    connections: 2,
  });
}
