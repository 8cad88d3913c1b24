import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A real HTTP server on a loopback address, counting what reached it. */
export interface Loopback {
  /** "http://127.0.0.1:PORT" (brackets for IPv6), no trailing slash. */
  origin: string;
  host: string;
  port: number;
  /** HTTP requests that reached the handler. */
  readonly hits: number;
  /** TCP connections accepted, whether or not a request followed. */
  readonly connections: number;
  /** What each request carried, in order. */
  readonly requests: ReadonlyArray<{ method: string; path: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/**
 * Starts a server on `host` (127.0.0.1 by default; any 127/8 address or ::1 works on Linux) at a free port.
 * close() ends open connections too, so a test that left a trickling response behind still finishes.
 */
export async function startLoopback(handler: LoopbackHandler, host = '127.0.0.1'): Promise<Loopback> {
  const requests: { method: string; path: string; headers: IncomingHttpHeaders }[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${shown}:${port}`,
    host,
    port,
    get hits() {
      return requests.length;
    },
    get connections() {
      return connections;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
