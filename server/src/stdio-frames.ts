import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('Content-Length:');
/** A header block longer than this is not one: the reader would wait for its end forever. */
const MAX_HEADER_BYTES = 4096;

/**
 * Passes LSP base-protocol frames (`Content-Length: N` headers, a blank line, N bytes) through unchanged and
 * drops bytes that cannot start one, up to the next `Content-Length:`. Without it, one header block without a
 * usable Content-Length leaves the JSON-RPC reader reading every later message as headers: the server would
 * stay up but never answer again. `onDropped` tells what was skipped.
 */
export class FrameResync extends Transform {
  private buffer = Buffer.alloc(0);
  /** Body bytes still to pass through for the frame being read. */
  private remaining = 0;

  constructor(private readonly onDropped: (bytes: number, reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = this.buffer.length > 0 ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.buffer = Buffer.alloc(0);
    while (data.length > 0) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, data.length);
        this.push(data.subarray(0, n));
        this.remaining -= n;
        data = data.subarray(n);
        continue;
      }
      const end = data.indexOf(HEADER_END);
      if (end < 0) {
        if (data.length > MAX_HEADER_BYTES) data = this.skip(data, 'a header block with no end');
        else {
          this.buffer = Buffer.from(data);
          break;
        }
        continue;
      }
      const length = contentLength(data.subarray(0, end).toString('ascii'));
      if (length === undefined) {
        data = this.skip(data, 'a header block without a valid Content-Length');
        continue;
      }
      this.push(data.subarray(0, end + HEADER_END.length));
      this.remaining = length;
      data = data.subarray(end + HEADER_END.length);
    }
    done();
  }

  /** Drops bytes up to the next `Content-Length:` after the first byte, or all but what may begin one. */
  private skip(data: Buffer, reason: string): Buffer {
    const next = data.indexOf(CONTENT_LENGTH, 1);
    const keep = next >= 0 ? next : Math.max(1, data.length - (CONTENT_LENGTH.length - 1));
    this.onDropped(keep, reason);
    return data.subarray(keep);
  }
}

/** The body length a header block names, if it names one validly. */
function contentLength(headers: string): number | undefined {
  let length: number | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[a-z0-9-]+$/.test(name)) return undefined;
    if (name === 'content-length') {
      const value = line.slice(colon + 1).trim();
      if (!/^\d{1,10}$/.test(value)) return undefined;
      length = Number(value);
    }
  }
  return length;
}
