// Local stand-ins for Slack's Web API and Discord's REST API: real HTTP servers on 127.0.0.1 that
// answer like the platforms do, with a script of canned answers (429, 5xx, 403) to play first.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Canned { status: number; headers?: Record<string, string>; body?: unknown }

export interface StandIn {
  url: string;
  /** Every request that reached the server, answered or not. */
  requests: { path: string; method: string; body: Record<string, unknown> }[];
  /** Files that arrived (Slack uploads, Discord attachments): the bytes, as sent. */
  files: { name: string; data: Buffer }[];
  /** Discord: answer thread requests with Missing Permissions, as for a bot without Create Public Threads. */
  forbidThreads?: boolean;
  /** Slack: the WebSocket apps.connections.open hands out for Socket Mode. */
  socketUrl?: string;
  /** Slack: channels the bot is a member of (conversations.info); all when null. */
  members: Set<string> | null;
  /** Messages the platform actually kept (a repeated Discord nonce is not kept twice). */
  posted: Record<string, unknown>[];
  /** Answers to play, in order, before behaving normally. */
  script: Canned[];
  close(): Promise<void>;
}

/** A multipart/form-data body's parts: JSON fields parsed, files kept as bytes. */
function multipart(raw: Buffer, contentType: string): { fields: Record<string, unknown>; files: { name: string; data: Buffer }[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const fields: Record<string, unknown> = {};
  const files: { name: string; data: Buffer }[] = [];
  if (!boundary) return { fields, files };
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = raw.indexOf(sep);
  while (at >= 0) {
    const next = raw.indexOf(sep, at + sep.length);
    if (next < 0) break;
    const part = raw.subarray(at + sep.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename !== undefined) files.push({ name: filename, data });
    else { try { fields[name] = JSON.parse(data.toString('utf8')); } catch { fields[name] = data.toString('utf8'); } }
    at = next;
  }
  return { fields, files };
}

async function readBody(req: IncomingMessage, standIn: StandIn): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    const { fields, files } = multipart(bytes, type);
    standIn.files.push(...files);
    return (fields.payload_json as Record<string, unknown> | undefined) ?? fields;
  }
  if ((req.url ?? '').startsWith('/upload/')) {
    standIn.files.push({ name: req.url ?? '', data: bytes });
    return {};
  }
  const raw = bytes.toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    // The WebClient sends form fields, with objects (blocks) as JSON strings.
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      try { out[k] = /^[[{]|^(true|false)$/.test(v) ? JSON.parse(v) : v; } catch { out[k] = v; }
    }
    return out;
  }
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

async function start(handle: (path: string, body: Record<string, unknown>, s: StandIn) => Canned): Promise<StandIn> {
  const standIn: StandIn = { url: '', requests: [], files: [], members: null, posted: [], script: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    void readBody(req, standIn).then((body) => {
      const path = req.url ?? '/';
      standIn.requests.push({ path, method: req.method ?? 'GET', body });
      const answer = standIn.script.shift() ?? handle(path, body, standIn);
      res.writeHead(answer.status, answer.status === 204 ? { ...answer.headers } : { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  standIn.url = `http://127.0.0.1:${port}`;
  standIn.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return standIn;
}

type Block = { type: string; text?: { text: string }; elements?: { text?: string }[] };

/** Why Slack would refuse these blocks, as its error code; null when it takes them. */
export function slackRefusal(body: Record<string, unknown>): string | null {
  const blocks = (Array.isArray(body.blocks) ? body.blocks : []) as Block[];
  if (typeof body.text === 'string' && body.text.length > 40_000) return 'msg_too_long';
  if (blocks.length > 50) return 'invalid_blocks';
  let total = 0;
  for (const b of blocks) {
    const len = (b.text?.text.length ?? 0) + (b.elements ?? []).reduce((n, e) => n + (e.text?.length ?? 0), 0);
    if (b.type === 'section' && len > 3000) return 'invalid_blocks';
    if (b.type === 'header' && len > 150) return 'invalid_blocks';
    if (b.type === 'context' && (b.elements ?? []).some((e) => (e.text?.length ?? 0) > 2000)) return 'invalid_blocks';
    total += len;
  }
  // slackapi/bolt-js#2509: past about 12,000 characters of block text, the whole message is refused.
  return total > 12_000 ? 'msg_blocks_too_long' : null;
}

/** Why Discord would refuse a message body (its 400 answer), or null. */
export function discordRefusal(body: Record<string, unknown>): string | null {
  type Embed = { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] };
  const embeds = (Array.isArray(body.embeds) ? body.embeds : []) as Embed[];
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000) return 'content: must be 2000 or fewer in length';
  if (embeds.length > 10) return 'embeds: must be 10 or fewer in length';
  let total = content.length;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > 256 || (e.description?.length ?? 0) > 4096 || (e.fields?.length ?? 0) > 25) return 'embed too large';
    if ((e.fields ?? []).some((f) => f.name.length > 256 || f.value.length > 1024)) return 'embed field too large';
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
  return total > 6000 ? 'embeds: total size exceeds 6000' : null;
}

/** Slack's Web API: chat.postMessage answers {ok: true, ts} and refuses what Slack refuses; webhooks answer "ok". */
export function slackStandIn(): Promise<StandIn> {
  let n = 0;
  return start((path, body, s) => {
    if (path === '/api/chat.postMessage') {
      const refused = slackRefusal(body);
      if (refused) return { status: 200, body: { ok: false, error: refused } };
      s.posted.push(body);
      n++;
      return { status: 200, body: { ok: true, channel: body.channel, ts: `1763800000.${String(n).padStart(6, '0')}` } };
    }
    if (path === '/api/apps.connections.open') return { status: 200, body: s.socketUrl ? { ok: true, url: s.socketUrl } : { ok: false, error: 'invalid_auth' } };
    if (path === '/api/auth.test') return { status: 200, body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
    if (path === '/api/conversations.info') {
      const id = String(body.channel ?? '');
      if (!id.startsWith('C')) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
      return { status: 200, body: { ok: true, channel: { id, is_channel: true, is_archived: false, is_member: !s.members || s.members.has(id) } } };
    }
    if (path === '/api/files.getUploadURLExternal') {
      const id = `F${s.requests.length}`;
      return { status: 200, body: { ok: true, upload_url: `${s.url}/upload/${id}`, file_id: id } };
    }
    if (path.startsWith('/upload/')) return { status: 200, body: 'OK - 1234' };
    if (path === '/api/files.completeUploadExternal') {
      if (s.members && !s.members.has(String(body.channel_id))) return { status: 200, body: { ok: false, error: 'not_in_channel' } };
      s.posted.push(body);
      return { status: 200, body: { ok: true, files: (body.files as { id: string }[] | undefined ?? []).map((f) => ({ id: f.id })) } };
    }
    if (path.startsWith('/response/')) {
      s.posted.push({ ...body, response_url: path });
      return { status: 200, body: { ok: true } };
    }
    if (path.startsWith('/services/')) {
      if (slackRefusal(body)) return { status: 400, body: 'invalid_blocks' };
      s.posted.push(body);
      return { status: 200, body: 'ok' };
    }
    return { status: 200, body: { ok: false, error: 'unknown_method' } };
  });
}

/**
 * Discord's REST: POST /channels/:id/messages, with enforce_nonce answered by the message already made
 * and bodies past Discord's limits refused with 400; threads started from a message take its id.
 */
export function discordStandIn(): Promise<StandIn & { threads: Set<string> }> {
  let n = 0;
  const byNonce = new Map<string, Record<string, unknown>>();
  const threads = new Set<string>();
  const messages = new Set<string>();
  return start((path, body, s) => {
    // Interaction answers: the callback, then edits and follow-ups on the interaction's webhook.
    if (path === '/api/v10/users/@me') return { status: 200, body: { id: '1300000000000000042', username: 'Moonshot', avatar: 'a1b2c3d4', bot: true } };
    if (/^\/api\/v10\/interactions\/[^/]+\/[^/]+\/callback/.test(path)) { s.posted.push({ ...body, interaction: 'callback' }); return { status: 204 }; }
    const w = /^\/api\/v10\/webhooks\/([^/]+)\/([^/?]+)(\/messages\/@original)?/.exec(path);
    if (w && !/^\d+$/.test(w[1])) { s.posted.push({ ...body, interaction: w[3] ? 'edit' : 'follow-up' }); return { status: 200, body: { id: 'm1', ...body } }; }
    const t = /\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (t) {
      if (s.forbidThreads) return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
      if (!messages.has(t[2])) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      if (threads.has(t[2])) return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
      threads.add(t[2]);
      return { status: 201, body: { id: t[2], type: 11, parent_id: t[1], name: body.name } };
    }
    const m = /\/channels\/(\d+)\/messages$/.exec(path) ?? /\/webhooks\/(\d+)\/[^/?]+/.exec(path);
    if (!m) return { status: 404, body: { message: '404: Not Found', code: 0 } };
    const refused = discordRefusal(body);
    if (refused) return { status: 400, body: { message: `Invalid Form Body: ${refused}`, code: 50035 } };
    const nonce = typeof body.nonce === 'string' ? `${m[1]}|${body.nonce}` : null;
    if (nonce && body.enforce_nonce && byNonce.has(nonce)) return { status: 200, body: byNonce.get(nonce) };
    const message = { id: String(1_300_000_000_000_000_000n + BigInt(++n)), channel_id: m[1], ...body };
    messages.add(message.id);
    s.posted.push({ ...body, channel_id: m[1] });
    if (nonce) byNonce.set(nonce, message);
    return { status: 200, body: message };
  }).then((standIn) => Object.assign(standIn, { threads }));
}
