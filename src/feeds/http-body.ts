import { Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from './http-error';

export interface BodyLimits {
  /** The Content-Encoding header as sent, e.g. "gzip" or "gzip, br"; null for none. */
  contentEncoding: string | null;
  /** The cap on the body after decompression; the bytes on the wire are held to it too. */
  maxBytes: number;
  /** Time allowed for the whole body, however steadily it trickles in. */
  deadlineMs: number;
  /** The overall deadline: aborting it stops the read at once. */
  signal: AbortSignal;
  url: string;
}

/**
 * Reads a response body into memory, decompressing as it streams and counting the decompressed bytes,
 * so a compression bomb is cut at the cap rather than expanded first. Every stream is destroyed on the
 * way out, whatever the outcome.
 */
export function readBoundedBody(body: Readable, limits: BodyLimits): Promise<Buffer> {
  let decoders: Transform[];
  try {
    decoders = decodersFor(limits.contentEncoding);
  } catch (err) {
    body.on('error', () => undefined);
    body.destroy();
    return Promise.reject(err);
  }
  const streams: (Readable | Transform)[] = [body, ...decoders];
  const last = streams[streams.length - 1];

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let decoded = 0;
    let onWire = 0;
    let settled = false;

    const finish = (err: FetchError | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal.removeEventListener('abort', onAbort);
      if (err) {
        for (const s of streams) s.destroy();
        chunks.length = 0;
        reject(err);
      } else {
        resolve(Buffer.concat(chunks, decoded));
      }
    };
    const tooLarge = (): FetchError =>
      new FetchError('too-large', `the body is larger than ${formatBytes(limits.maxBytes)}: ${limits.url}`, { url: limits.url });
    const onAbort = (): void => {
      const reason: unknown = limits.signal.reason;
      finish(reason instanceof FetchError ? reason : new FetchError('timeout', `timed out reading the body of ${limits.url}`, { url: limits.url }));
    };

    const timer = setTimeout(
      () => finish(new FetchError('timeout', `timed out after ${formatMs(limits.deadlineMs)} reading the body of ${limits.url}`, { url: limits.url })),
      limits.deadlineMs,
    );
    if (limits.signal.aborted) return onAbort();
    limits.signal.addEventListener('abort', onAbort);

    body.on('data', (chunk: Buffer) => {
      onWire += chunk.length;
      if (onWire > limits.maxBytes) finish(tooLarge());
    });
    // 'data' in flowing mode arrives as each decompressed piece is pushed, so destroying here stops
    // zlib before it inflates the next piece: memory stays near the cap however large the bomb.
    last.on('data', (chunk: Buffer) => {
      if (settled) return;
      decoded += chunk.length;
      if (decoded > limits.maxBytes) return finish(tooLarge());
      chunks.push(chunk);
    });
    last.on('end', () => finish(null));
    for (const s of streams) {
      s.on('error', (err: Error) =>
        finish(err instanceof FetchError ? err : new FetchError('network', `could not read the body of ${limits.url}: ${oneLine(err)}`, { url: limits.url })),
      );
    }
    for (let i = 1; i < streams.length; i++) streams[i - 1].pipe(streams[i] as Transform);
  });
}

/** Decoders in the order the bytes must pass through them (the reverse of the order they were applied). */
function decodersFor(contentEncoding: string | null): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        // Sync flush at the end: a body cut short still yields what arrived, as browsers do.
        return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
      case 'deflate':
        return new DeflateDecoder();
      case 'br':
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      default:
        throw new FetchError('network', `the server sent an encoding this bot cannot read: ${coding}`);
    }
  });
}

/**
 * "deflate" should mean zlib-wrapped data, but some servers send raw deflate under that name.
 * The first byte tells them apart: a zlib header's low nibble is 8 (the deflate method).
 */
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) return done();
      const opts = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.inner = (chunk[0] & 0x0f) === 0x08 ? zlib.createInflate(opts) : zlib.createInflateRaw(opts);
      this.inner.on('data', (out: Buffer) => this.push(out));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.inner?.destroy();
    done(err);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function oneLine(err: Error): string {
  return err.message.split('\n')[0].trim() || 'unknown error';
}
