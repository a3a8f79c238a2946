import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LspClient } from './lsp-client';

const BODY = 'a release archive\n';
const DIGEST = `sha256:${createHash('sha256').update(BODY).digest('hex')}`;
const TITLE = 'Pin with --checksum';

/**
 * `ADD <url>` without `--checksum`: the finding goes out at once; when the client allows the network, the server
 * downloads the URL once and lints again, and the finding then carries the fix with the digest of what was served.
 */
describe('language server: the ADD --checksum fix from a download', function () {
  this.timeout(60_000);
  let server: http.Server;
  let base = '';
  let requests: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end(BODY);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = [];
  });

  const text = (): string => `FROM debian:bookworm-slim\nADD ${base}/tool.tgz /tmp/tool.tgz\nUSER 10001\n`;

  it('with the network allowed: diagnostics first, then the fix once the download is hashed', async () => {
    const client = new LspClient();
    try {
      await client.initialize(true, { network: true });
      const uri = 'file:///tmp/bulkhead-add-checksum/Dockerfile';
      await client.open(uri, text());
      const first = await client.diagnosticsFor(uri, 1);
      const diagnostic = first.find((d) => d.code === 'BH441');
      assert.ok(diagnostic, 'BH441 is reported before anything is downloaded');
      // The second publication for the same version is the lint with the digest.
      await client.waitForDiagnostics(uri, () => client.published.filter((p) => p.uri === uri).length >= 2);
      assert.deepEqual(requests, ['/tool.tgz']);
      const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
      const pin = actions.find((a) => a.title === TITLE);
      assert.ok(pin, `offered: ${actions.map((a) => a.title).join(', ')}`);
      assert.deepEqual(pin.edit?.changes?.[uri], [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, newText: ` --checksum=${DIGEST}` }]);
    } finally {
      await client.stop();
    }
  });

  it('without it (an untrusted workspace, or the setting off): no download and no fix', async () => {
    const client = new LspClient();
    try {
      await client.initialize(true, { network: false });
      const uri = 'file:///tmp/bulkhead-add-checksum-off/Dockerfile';
      await client.open(uri, text());
      const diagnostic = (await client.diagnosticsFor(uri, 1)).find((d) => d.code === 'BH441');
      assert.ok(diagnostic);
      const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
      assert.equal(actions.find((a) => a.title === TITLE), undefined);
      // A later request still finds nothing downloaded: the server never asked.
      await client.hover(uri, 1, 6);
      assert.deepEqual(requests, []);
    } finally {
      await client.stop();
    }
  });
});
