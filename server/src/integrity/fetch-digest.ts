import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';

/**
 * The SHA-256 digest of what a URL serves, as `ADD --checksum=sha256:…` would check it: the adapter side of
 * `DocumentFacts.urlDigests`. It downloads the body once, with an overall time limit and a size cap, follows
 * redirects as `ADD` does, and never rejects: a failure is a result with the reason. Node only (`http`, `https`).
 */

export interface FetchDigestOptions {
  /** The whole download, redirects included, in milliseconds (default 5000). */
  timeoutMs?: number;
  /** The largest body read, in bytes (default 200 MB); a larger body is a failure, not a digest of its start. */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
}

export type FetchDigestResult = { ok: true; url: string; digest: string; bytes: number } | { ok: false; url: string; error: string };

export const FETCH_DIGEST_DEFAULTS = { timeoutMs: 5000, maxBytes: 200 * 1024 * 1024, maxRedirects: 5 } as const;

export function fetchDigest(url: string, options: FetchDigestOptions = {}): Promise<FetchDigestResult> {
  const timeoutMs = options.timeoutMs ?? FETCH_DIGEST_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DIGEST_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_DIGEST_DEFAULTS.maxRedirects;
  return new Promise((resolve) => {
    let settled = false;
    let current: http.ClientRequest | undefined;
    const finish = (result: FetchDigestResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current?.destroy();
      resolve(result);
    };
    const fail = (error: string): void => finish({ ok: false, url, error });
    const timer = setTimeout(() => fail(`no complete answer within ${timeoutMs} ms`), timeoutMs);

    const get = (target: string, redirects: number): void => {
      let parsed: URL;
      try {
        parsed = new URL(target);
      } catch {
        fail(`not a URL: ${target}`);
        return;
      }
      const client = parsed.protocol === 'https:' ? https : parsed.protocol === 'http:' ? http : undefined;
      if (!client) {
        fail(`unsupported protocol ${parsed.protocol}`);
        return;
      }
      const req = client.get(parsed, { headers: { 'accept-encoding': 'identity' } }, (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          if (redirects >= maxRedirects) fail(`more than ${maxRedirects} redirects`);
          else get(new URL(res.headers.location, parsed).toString(), redirects + 1);
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          fail(`HTTP ${status}`);
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          fail(`${declared} bytes is over the ${maxBytes}-byte limit`);
          return;
        }
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > maxBytes) {
            fail(`over the ${maxBytes}-byte limit`);
            return;
          }
          hash.update(chunk);
        });
        res.on('end', () => {
          if (res.complete) finish({ ok: true, url, digest: `sha256:${hash.digest('hex')}`, bytes });
          else fail('the connection closed before the body was complete');
        });
        res.on('error', (e) => fail(e.message));
      });
      current = req;
      req.on('error', (e) => fail(e.message));
    };
    get(url, 0);
  });
}
