import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI, read, removeTree, tempTree } from './cli-helpers';
import type { CliRun } from './cli-helpers';

/** The CLI without blocking this process: the HTTP server below answers it from the same event loop. */
function cliAsync(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const BODY = 'the release archive, as the server sends it\n';
const DIGEST = `sha256:${createHash('sha256').update(BODY).digest('hex')}`;

describe('CLI: --online pins ADD downloads with --checksum', function () {
  this.timeout(60_000);
  let server: http.Server;
  let base = '';
  let requests: string[] = [];
  let dir = '';

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/tool.tgz') res.end(BODY);
      else {
        res.statusCode = 404;
        res.end('no');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = [];
  });
  afterEach(() => removeTree(dir));

  const doc = (): string => `FROM debian:bookworm-slim\nARG BASE=${base}\nADD \${BASE}/tool.tgz /tmp/tool.tgz\nADD ${base}/tool.tgz /opt/tool.tgz\nUSER 10001\n`;

  it('downloads nothing without --online, and the finding has no fix', async () => {
    dir = tempTree({ Dockerfile: doc() });
    const r = await cliAsync(['lint', '--fix', '--unsafe-fixes', '--format', 'json'], dir);
    assert.deepEqual(requests, []);
    assert.equal(read(dir, 'Dockerfile'), doc());
    const findings = (JSON.parse(r.stdout) as { files: { findings: { code: string; fixes: unknown[] }[] }[] }).files[0]?.findings.filter((f) => f.code === 'BH441');
    assert.deepEqual(findings?.map((f) => f.fixes.length), [0, 0]);
  });

  it('with --online, fetches each URL once and pins both ADDs with the digest of what was served', async () => {
    dir = tempTree({ Dockerfile: doc() });
    const r = await cliAsync(['lint', '--online', '--fix', '--unsafe-fixes'], dir);
    assert.deepEqual(requests, ['/tool.tgz']);
    assert.equal(
      read(dir, 'Dockerfile'),
      `FROM debian:bookworm-slim\nARG BASE=${base}\nADD --checksum=${DIGEST} \${BASE}/tool.tgz /tmp/tool.tgz\nADD --checksum=${DIGEST} ${base}/tool.tgz /opt/tool.tgz\nUSER 10001\n`,
    );
    assert.match(r.stdout, /fixed BH441 Pin with --checksum/);
    assert.doesNotMatch(r.stdout, /BH441 add-url-without-checksum/);
  });

  it('a URL that cannot be fetched is named on stderr and keeps its finding without a fix', async () => {
    const text = `FROM debian:bookworm-slim\nADD ${base}/missing.tgz /tmp/m.tgz\nUSER 10001\n`;
    dir = tempTree({ Dockerfile: text });
    const r = await cliAsync(['lint', '--online', '--fix', '--unsafe-fixes'], dir);
    assert.deepEqual(requests, ['/missing.tgz']);
    assert.equal(read(dir, 'Dockerfile'), text);
    assert.match(r.stderr, new RegExp(`--online: no digest for ${base.replace(/[.]/g, '\\.')}/missing\\.tgz: .*404`));
    assert.match(r.stdout, /BH441 add-url-without-checksum: ADD downloads .*missing\.tgz over plain HTTP without a --checksum/);
  });
});
