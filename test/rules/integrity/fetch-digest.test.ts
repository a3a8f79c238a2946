import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchDigest } from '../../../server/src/integrity/fetch-digest';

const BODY = 'echo hello\n';
const SHA = `sha256:${createHash('sha256').update(BODY).digest('hex')}`;

describe('fetchDigest (against a server on 127.0.0.1)', () => {
  let server: http.Server;
  let base = '';

  before(async () => {
    server = http.createServer((req, res) => {
      switch (req.url) {
        case '/ok':
          res.end(BODY);
          return;
        case '/chunked':
          res.write(BODY.slice(0, 4));
          setTimeout(() => res.end(BODY.slice(4)), 10);
          return;
        case '/redirect':
          res.writeHead(302, { location: '/ok' });
          res.end();
          return;
        case '/loop':
          res.writeHead(301, { location: '/loop' });
          res.end();
          return;
        case '/big':
          res.writeHead(200, { 'content-length': '1000' });
          res.end('x'.repeat(1000));
          return;
        case '/big-chunked':
          res.write('x'.repeat(600));
          res.end('x'.repeat(600));
          return;
        case '/slow':
          // Never answers: the timeout has to end it.
          return;
        case '/cut':
          res.writeHead(200, { 'content-length': '100' });
          res.write('partial');
          setTimeout(() => res.destroy(), 10);
          return;
        default:
          res.writeHead(404);
          res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('digests the body', async () => {
    assert.deepEqual(await fetchDigest(`${base}/ok`), { ok: true, url: `${base}/ok`, digest: SHA, bytes: BODY.length });
  });

  it('digests a body sent in pieces', async () => {
    assert.deepEqual(await fetchDigest(`${base}/chunked`), { ok: true, url: `${base}/chunked`, digest: SHA, bytes: BODY.length });
  });

  it('follows redirects, up to a limit', async () => {
    assert.deepEqual(await fetchDigest(`${base}/redirect`), { ok: true, url: `${base}/redirect`, digest: SHA, bytes: BODY.length });
    assert.deepEqual(await fetchDigest(`${base}/loop`, { maxRedirects: 3 }), { ok: false, url: `${base}/loop`, error: 'more than 3 redirects' });
  });

  it('refuses a body over the size cap, declared or not', async () => {
    assert.deepEqual(await fetchDigest(`${base}/big`, { maxBytes: 999 }), { ok: false, url: `${base}/big`, error: '1000 bytes is over the 999-byte limit' });
    assert.deepEqual(await fetchDigest(`${base}/big-chunked`, { maxBytes: 1000 }), { ok: false, url: `${base}/big-chunked`, error: 'over the 1000-byte limit' });
  });

  it('gives up after the timeout', async () => {
    assert.deepEqual(await fetchDigest(`${base}/slow`, { timeoutMs: 100 }), { ok: false, url: `${base}/slow`, error: 'no complete answer within 100 ms' });
  });

  it('reports an HTTP error, a cut connection and a protocol it does not speak', async () => {
    assert.deepEqual(await fetchDigest(`${base}/missing`), { ok: false, url: `${base}/missing`, error: 'HTTP 404' });
    const cut = await fetchDigest(`${base}/cut`);
    assert.equal(cut.ok, false);
    assert.deepEqual(await fetchDigest('ftp://127.0.0.1/x'), { ok: false, url: 'ftp://127.0.0.1/x', error: 'unsupported protocol ftp:' });
  });
});
