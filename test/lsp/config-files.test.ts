import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lsp-client';

const DOC = 'FROM node:20.11-bookworm-slim\nWORKDIR /app\nADD package.json ./\nCOPY config/app.yml /etc/app.yml\nCMD ["node", "server.js"]\n';

/** `CODE/severity` of the findings these tests look at (other families' rules come and go). */
function codes(diags: Diagnostic[]): string[] {
  return diags.filter((d) => ['BH001', 'BH004', 'BH314'].includes(String(d.code))).map((d) => `${String(d.code)}/${d.severity}`);
}

describe('language server: config files and .dockerignore', function () {
  let client: LspClient;
  let dir: string;
  const uri = (rel: string): string => pathToFileURL(path.join(dir, rel)).toString();
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  /** What VS Code's file watcher tells the server (1 created, 2 changed, 3 deleted). */
  const changed = (rel: string, type: 1 | 2 | 3 = 2): Promise<void> => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(rel), type }] });

  before(async () => {
    client = new LspClient();
    await client.initialize();
  });

  after(async () => {
    await client.stop();
  });

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-lsp-')));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an invalid config gets one diagnostic on its key, the Dockerfile the defaults; fixing it relints', async () => {
    write('.bulkhead.yaml', '# team settings\nrules:\n  root-user: loud\n');
    write('svc/Dockerfile', DOC);
    await client.open(uri('svc/Dockerfile'), DOC);
    const config = await client.waitForDiagnostics(uri('.bulkhead.yaml'));
    assert.deepEqual(
      config.diagnostics.map((d) => [d.range, d.severity, d.source, d.message]),
      [[{ start: { line: 2, character: 2 }, end: { line: 2, character: 11 } }, 1, 'bulkhead', 'Invalid Bulkhead config: rule "root-user" has level "loud"; use error, warning, info, hint or off']],
    );
    assert.deepEqual(codes((await client.diagnosticsFor(uri('svc/Dockerfile'), 1))), ['BH001/2', 'BH004/2']);

    write('.bulkhead.yaml', '# team settings\nrules:\n  root-user: error\n');
    await changed('.bulkhead.yaml');
    assert.deepEqual((await client.waitForDiagnostics(uri('.bulkhead.yaml'), (p) => p.diagnostics.length === 0)).diagnostics, []);
    const relinted = await client.waitForDiagnostics(uri('svc/Dockerfile'), (p) => codes(p.diagnostics).includes('BH001/1'));
    assert.deepEqual(codes(relinted.diagnostics), ['BH001/1', 'BH004/2']);
  });

  it('a YAML syntax error is shown where the parser stopped', async () => {
    write('.bulkhead.yml', 'rules:\n  sshd: error\n   bad: x\n');
    write('Dockerfile', DOC);
    await client.open(uri('Dockerfile'), DOC);
    const config = await client.waitForDiagnostics(uri('.bulkhead.yml'));
    assert.equal(config.diagnostics.length, 1);
    assert.deepEqual(config.diagnostics[0]?.range.start, { line: 1, character: 8 });
    assert.match(config.diagnostics[0]?.message ?? '', /^Invalid Bulkhead config: Nested mappings/);
  });

  it('takes the nearest config, .hadolint.yaml too, and relints when one appears', async () => {
    write('.bulkhead.json', '{"rules": {"BH004": "error"}}');
    write('a/Dockerfile', DOC);
    await client.open(uri('a/Dockerfile'), DOC);
    assert.deepEqual(codes(await client.diagnosticsFor(uri('a/Dockerfile'), 1)), ['BH001/2', 'BH004/1']);
    write('a/.hadolint.yaml', 'ignored: [DL3020]\noverride:\n  style: [CKV_DOCKER_3]\n');
    await changed('a/.hadolint.yaml', 1);
    const relinted = await client.waitForDiagnostics(uri('a/Dockerfile'), (p) => codes(p.diagnostics).join() === 'BH001/4');
    assert.deepEqual(codes(relinted.diagnostics), ['BH001/4']);
  });

  it('hands rules the Dockerfile\'s .dockerignore and relints when it changes', async () => {
    write('Dockerfile', DOC);
    await client.open(uri('Dockerfile'), DOC);
    assert.deepEqual(codes(await client.diagnosticsFor(uri('Dockerfile'), 1)), ['BH001/2', 'BH004/2']);
    write('.dockerignore', 'config/\n');
    await changed('.dockerignore', 1);
    const ignored = await client.waitForDiagnostics(uri('Dockerfile'), (p) => codes(p.diagnostics).includes('BH314/2'));
    assert.match(ignored.diagnostics.find((d) => d.code === 'BH314')?.message ?? '', /excluded by \.dockerignore/);
    write('Dockerfile.dockerignore', 'docs/\n');
    await changed('Dockerfile.dockerignore', 1);
    const own = await client.waitForDiagnostics(uri('Dockerfile'), (p) => !codes(p.diagnostics).includes('BH314/2'));
    assert.deepEqual(codes(own.diagnostics), ['BH001/2', 'BH004/2'], '<Dockerfile>.dockerignore wins over .dockerignore');
  });

  it('stops at the workspace folder, and asks a client that can to watch the files', async () => {
    write('.bulkhead.yaml', 'rules: {BH004: error}\n');
    write('ws/Dockerfile', DOC);
    const scoped = new LspClient();
    try {
      await scoped.initialize(true, undefined, false, { folders: [uri('ws')], watchFiles: true });
      await scoped.open(uri('ws/Dockerfile'), DOC);
      assert.deepEqual(codes(await scoped.diagnosticsFor(uri('ws/Dockerfile'), 1)), ['BH001/2', 'BH004/2'], 'the config above the workspace folder is not read');
      const watch = scoped.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.deepEqual(watch?.registerOptions, {
        watchers: [{ globPattern: '**/{.bulkhead.json,.bulkhead.yaml,.bulkhead.yml,.hadolint.yaml,.hadolint.yml}' }, { globPattern: '**/.dockerignore' }, { globPattern: '**/*.dockerignore' }],
      });
    } finally {
      await scoped.stop();
    }
    assert.equal(client.registrations.length, 0, 'a client that cannot register watchers is not asked');
  });
});
