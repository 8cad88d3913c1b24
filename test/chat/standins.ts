// Local stand-ins for Slack's Web API and Discord's REST API: real HTTP servers on 127.0.0.1 that
// answer like the platforms do, with a script of canned answers (429, 5xx, 403) to play first.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Canned { status: number; headers?: Record<string, string>; body?: unknown }

export interface StandIn {
  url: string;
  /** Every request that reached the server, answered or not. */
  requests: { path: string; body: Record<string, unknown> }[];
  /** Messages the platform actually kept (a repeated Discord nonce is not kept twice). */
  posted: Record<string, unknown>[];
  /** Answers to play, in order, before behaving normally. */
  script: Canned[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    // The WebClient sends form fields, with objects (blocks) as JSON strings.
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      try { out[k] = k === 'channel' || k === 'text' ? v : JSON.parse(v); } catch { out[k] = v; }
    }
    return out;
  }
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

async function start(handle: (path: string, body: Record<string, unknown>, s: StandIn) => Canned): Promise<StandIn> {
  const standIn: StandIn = { url: '', requests: [], posted: [], script: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = req.url ?? '/';
      standIn.requests.push({ path, body });
      const answer = standIn.script.shift() ?? handle(path, body, standIn);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  standIn.url = `http://127.0.0.1:${port}`;
  standIn.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return standIn;
}

/** Slack's Web API: chat.postMessage answers {ok: true, ts}; webhooks answer "ok". */
export function slackStandIn(): Promise<StandIn> {
  let n = 0;
  return start((path, body, s) => {
    if (path === '/api/chat.postMessage') {
      s.posted.push(body);
      n++;
      return { status: 200, body: { ok: true, channel: body.channel, ts: `1763800000.${String(n).padStart(6, '0')}` } };
    }
    if (path.startsWith('/services/')) {
      s.posted.push(body);
      return { status: 200, body: 'ok' };
    }
    return { status: 200, body: { ok: false, error: 'unknown_method' } };
  });
}

/** Discord's REST: POST /channels/:id/messages, with enforce_nonce answered by the message already made. */
export function discordStandIn(): Promise<StandIn> {
  let n = 0;
  const byNonce = new Map<string, Record<string, unknown>>();
  return start((path, body, s) => {
    const m = /\/channels\/(\d+)\/messages$/.exec(path) ?? /\/webhooks\/(\d+)\/[^/?]+/.exec(path);
    if (!m) return { status: 404, body: { message: '404: Not Found', code: 0 } };
    const nonce = typeof body.nonce === 'string' ? `${m[1]}|${body.nonce}` : null;
    if (nonce && body.enforce_nonce && byNonce.has(nonce)) return { status: 200, body: byNonce.get(nonce) };
    const message = { id: String(1_300_000_000_000_000_000n + BigInt(++n)), channel_id: m[1], ...body };
    s.posted.push(body);
    if (nonce) byNonce.set(nonce, message);
    return { status: 200, body: message };
  });
}
