import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams, ResponseError } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lsp-client';

/**
 * What a misbehaving client, a flood of edits or a failing rule does to the built server over stdio: it keeps
 * answering, publishes only what is current, and says what went wrong once.
 */
const DOC = 'FROM node:20.11-bookworm-slim\nADD package.json ./\nCMD ["node", "server.js"]\n';
const HOVER = (uri: string, id: number): string => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 1 } } });

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

describe('language server resilience over stdio', function () {
  let client: LspClient;
  let n = 0;
  const uri = (): string => `file:///work/resilience-${++n}/Dockerfile`;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  it('skips malformed messages and frames and keeps answering', async () => {
    const u = uri();
    await client.open(u, DOC);
    await client.diagnosticsFor(u, 1);
    const answered = new Promise<string>((resolve) => {
      let out = '';
      const onData = (d: Buffer): void => {
        out += d.toString();
        if (out.includes('"id":9002,')) {
          client.proc.stdout.off('data', onData);
          resolve(out);
        }
      };
      client.proc.stdout.on('data', onData);
    });
    client.proc.stdin.write(
      [
        frame('{not json at all'),
        frame('{"foo": 1}'),
        frame('null'),
        frame('[1, 2, 3]'),
        'Garbage-Header: 1\r\n\r\n{"jsonrpc":"2.0"}',
        frame(HOVER(u, 9001)),
        '}}}\r\n\r\n',
        frame(HOVER(u, 9002)),
      ].join(''),
    );
    const out = await answered;
    for (const id of [9001, 9002]) assert.match(out, new RegExp(`"id":${id},"result":\\{"contents"`), `request ${id} answered after the bad input`);
    // The client's own connection still works, and has read the server's log by the time it answers.
    assert.ok(await client.hover(u, 0, 1));
    assert.equal(client.proc.exitCode, null, 'server still running');
    assert.ok(client.logs.some((l) => l.startsWith('skipped ') && l.endsWith('a header block without a valid Content-Length')), client.logs.join('\n'));
  });

  it('answers an unknown request with MethodNotFound and ignores an unknown notification', async () => {
    await client.connection.sendNotification('bulkhead/noSuchNotification', { x: 1 });
    await client.connection.sendNotification('$/noSuchThing', {});
    await assert.rejects(client.connection.sendRequest('bulkhead/noSuchRequest', {}), (e: ResponseError<unknown>) => e.code === -32601);
    const u = uri();
    await client.open(u, DOC);
    assert.deepEqual(codes({ uri: u, diagnostics: await client.diagnosticsFor(u, 1) }), ['BH001', 'BH004']);
  });

  it('survives a change before the open, requests about unknown documents, and a close twice', async () => {
    const u = uri();
    await client.change(u, 2, [{ text: DOC }]);
    assert.equal(await client.hover(u, 0, 1), null);
    assert.deepEqual(await client.codeActions(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
    assert.equal(await client.connection.sendRequest('bulkhead/manifest', { uri: u }), null);
    await client.open(u, DOC, 3);
    assert.deepEqual(codes({ uri: u, diagnostics: await client.diagnosticsFor(u, 3) }), ['BH001', 'BH004']);
    const cleared = client.waitForDiagnostics(u, (p) => p.version === undefined && p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    await cleared;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    await client.change(u, 4, [{ text: 'FROM alpine\n' }]);
    await client.open(u, 'FROM alpine:3.20\nUSER 1000\n', 5);
    assert.deepEqual(await client.diagnosticsFor(u, 5), []);
    assert.equal(client.proc.exitCode, null);
    assert.deepEqual(client.logs.filter((l) => /failed|uncaught|unhandled/.test(l)), []);
  });

  it('answers a request cancelled while it waits with RequestCancelled', async () => {
    let open = (): void => undefined;
    client.configurationGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const u = uri();
    const asked = client.configurationRequests;
    await client.open(u, DOC);
    const source = new CancellationTokenSource();
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 1 } }, source.token);
    // The server now waits for this document's settings; cancel, then let the settings through.
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (client.configurationRequests > asked) resolve();
        else setImmediate(check);
      };
      check();
    });
    source.cancel();
    const outcome = hover.then(
      (h) => `answered: ${JSON.stringify(h)}`,
      (e: ResponseError<unknown>) => `error ${e.code}`,
    );
    // A request sent after the cancel is answered after it: by then the server has seen the cancellation.
    const after = client.connection.sendRequest('bulkhead/noSuchRequest', {}).catch(() => undefined);
    await after;
    open();
    assert.equal(await outcome, 'error -32800');
    client.configurationGate = undefined;
    assert.equal(codes(await client.waitForDiagnostics(u, (p) => p.version === 1)).join(), 'BH001,BH004');
  });

  it('after a burst of 1000 changes publishes the last version, never an older one after a newer', async () => {
    const u = uri();
    await client.open(u, DOC);
    await client.diagnosticsFor(u, 1);
    const from = client.published.length;
    const last = client.diagnosticsFor(u, 1001);
    const sends: Promise<void>[] = [];
    for (let v = 2; v <= 1001; v++) {
      const line = DOC.split('\n').length - 1;
      sends.push(client.change(u, v, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: v === 1001 ? 'USER 1000\n' : '#' }]));
    }
    await Promise.all(sends);
    const diags = await last;
    const published = client.published.slice(from).filter((p) => p.uri === u).map((p) => p.version ?? 0);
    assert.deepEqual(diags.map((d) => d.code), ['BH004'], 'the last text has a USER');
    assert.equal(published[published.length - 1], 1001);
    assert.deepEqual(published, [...published].sort((a, b) => a - b), 'versions only go up');
    assert.ok(published.length < 100, `${published.length} lints for 1000 changes`);
  });
});

describe('language server with a failing rule', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient(path.resolve(__dirname, 'faulty-server.js'));
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  it('drops the failing rule\'s findings, keeps the others, and logs the failure once', async () => {
    const u = 'file:///work/faulty/Dockerfile';
    await client.open(u, `# fault\n${DOC}`);
    assert.deepEqual(codes({ uri: u, diagnostics: await client.diagnosticsFor(u, 1) }), ['BH001', 'BH004']);
    for (let v = 2; v <= 4; v++) {
      await client.change(u, v, [{ text: `# fault\n${DOC}${'#\n'.repeat(v)}` }]);
      assert.deepEqual(codes({ uri: u, diagnostics: await client.diagnosticsFor(u, v) }), ['BH001', 'BH004']);
    }
    const failures = client.logs.filter((l) => l.includes('BH999'));
    assert.equal(failures.length, 1, failures.join('\n'));
    assert.match(failures[0] ?? '', /^rule BH999 failed on file:\/\/\/work\/faulty\/Dockerfile \(its findings are left out\): Error: this rule always fails/);
    assert.ok(await client.hover(u, 1, 1));
  });
});
