import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/features/fix';
import type { RuntimeManifest } from '../../shared/src/protocol';
import { LspClient } from './lsp-client';

const DOC = `FROM node:20.11-bookworm-slim
WORKDIR /app
ADD package.json ./
RUN npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
`;

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits, `action "${action.title}" has no edits for ${uri}`);
  return edits;
}

function summary(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}/${d.severity}`);
}

describe('language server over stdio', function () {
  let client: LspClient;
  let n = 0;
  const uri = (): string => `file:///work/project-${++n}/Dockerfile`;

  before(async () => {
    client = new LspClient();
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, 'bulkhead');
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.bulkhead'], resolveProvider: true });
  });

  after(async () => {
    await client.stop();
  });

  beforeEach(() => {
    client.settings = {};
  });

  it('publishes diagnostics with exact ranges, source, code and a docs link', async () => {
    const u = uri();
    await client.open(u, DOC);
    const diags = await client.diagnosticsFor(u, 1);
    assert.deepEqual(summary(diags), ['BH001@0:5-0:29/2', 'BH004@2:0-2:3/2']);
    for (const d of diags) assert.equal(d.source, 'bulkhead');
    const rootUser = diags[0];
    assert.equal(rootUser?.message, 'The container runs as root: no USER instruction sets a non-root user in the final stage.');
    const href = rootUser?.codeDescription?.href ?? '';
    assert.match(href, /^file:\/\/.*\/docs\/rules\/root-user\.md$/);
    assert.ok(fs.existsSync(fileURLToPath(href)), `docs page ${href} exists`);
    assert.deepEqual(rootUser?.data, { code: 'BH001', name: 'root-user', instructionLine: 0 });
  });

  it('applies "Add a non-root USER" and the finding goes away', async () => {
    const u = uri();
    await client.open(u, DOC);
    const diags = await client.diagnosticsFor(u, 1);
    const d = diags.find((x) => x.code === 'BH001');
    assert.ok(d);
    const actions = await client.codeActions(u, d.range, [d]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add a non-root USER', 'Ignore root-user for this instruction', 'Ignore root-user in this file', 'Show documentation for root-user'],
    );
    const [addUser] = actions;
    assert.ok(addUser);
    const fixed = applyEdits(DOC, editsOf(addUser, u));
    assert.equal(
      fixed,
      `FROM node:20.11-bookworm-slim
WORKDIR /app
ADD --chown=10001:10001 package.json ./
RUN npm ci --omit=dev
COPY --chown=10001:10001 . .
EXPOSE 3000
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && chown 10001:10001 /app
USER 10001:10001
CMD ["node", "server.js"]
`,
    );
    await client.change(u, 2, [{ text: fixed }]);
    assert.deepEqual(summary(await client.diagnosticsFor(u, 2)), ['BH004@2:0-2:3/2']);
  });

  it('follows incremental edits', async () => {
    const u = uri();
    await client.open(u, DOC);
    await client.diagnosticsFor(u, 1);
    // Insert "USER 1000\n" before CMD (line 6), then replace ADD with COPY.
    await client.change(u, 2, [
      { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'USER 1000\n' },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } }, text: 'COPY' },
    ]);
    assert.deepEqual(await client.diagnosticsFor(u, 2), []);
  });

  it('source.fixAll.bulkhead applies safe fixes only', async () => {
    const u = uri();
    await client.open(u, DOC);
    await client.diagnosticsFor(u, 1);
    const actions = await client.codeActions(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.bulkhead']);
    assert.equal(actions.length, 1);
    const [fixAll] = actions;
    assert.ok(fixAll);
    assert.equal(fixAll.kind, 'source.fixAll.bulkhead');
    assert.equal(applyEdits(DOC, editsOf(fixAll, u)), DOC.replace('ADD package.json', 'COPY package.json'));
  });

  it('lists a file-wide fix without its edit for a client that resolves, and resolves it on request', async () => {
    const resolving = new LspClient();
    try {
      const init = await resolving.initialize(true, undefined, true);
      assert.equal((init.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
      const u = uri();
      const text = 'FROM alpine:3.20\nADD a.txt /a\nADD b.txt /b\nUSER 1000\n';
      await resolving.open(u, text);
      const [first] = await resolving.diagnosticsFor(u, 1);
      assert.ok(first);
      const listed = await resolving.codeActions(u, first.range, [first]);
      const fixAll = listed.find((a) => a.title === 'Fix all add-instead-of-copy problems in this file');
      assert.ok(fixAll);
      assert.equal(fixAll.edit, undefined);
      // The finding's own fix is small and comes with its edit.
      assert.ok(listed.find((a) => a.title === 'Use COPY instead of ADD')?.edit);
      const resolved = await resolving.connection.sendRequest<CodeAction>('codeAction/resolve', fixAll);
      assert.equal(applyEdits(text, editsOf(resolved, u)), 'FROM alpine:3.20\nCOPY a.txt /a\nCOPY b.txt /b\nUSER 1000\n');
      const [source] = await resolving.codeActions(u, first.range, [], ['source.fixAll.bulkhead']);
      assert.ok(source && source.edit === undefined);
      const resolvedSource = await resolving.connection.sendRequest<CodeAction>('codeAction/resolve', source);
      assert.equal(applyEdits(text, editsOf(resolvedSource, u)), 'FROM alpine:3.20\nCOPY a.txt /a\nCOPY b.txt /b\nUSER 1000\n');
    } finally {
      await resolving.stop();
    }
  });

  it('offers a fix shared by several findings once, for all of them', async () => {
    const u = uri();
    const text = 'FROM debian:12\nRUN apt-get install -y openssh-server\nEXPOSE 22 8080\nUSER 1000\n';
    await client.open(u, text);
    const diags = await client.diagnosticsFor(u, 1);
    // The apt-get install also installs recommended packages (BH101) and an unpinned package (BH104), with fixes of their own or none.
    assert.deepEqual(summary(diags), ['BH101@1:4-1:19/3', 'BH104@1:4-1:19/3', 'BH003@1:23-1:37/1', 'BH003@2:7-2:9/1']);
    const all = await client.codeActions(u, { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, diags);
    const removals = all.filter((a) => a.title === 'Remove the SSH server');
    const [removal] = removals;
    assert.ok(removal && removals.length === 1);
    assert.deepEqual(removal.diagnostics?.map((d) => d.range.start.line), [1, 2]);
    assert.equal(applyEdits(text, editsOf(removal, u)), 'FROM debian:12\nEXPOSE 8080\nUSER 1000\n');
  });

  it('the ignore quick-fix inserts a pragma and the finding goes away', async () => {
    const u = uri();
    await client.open(u, DOC);
    const d = (await client.diagnosticsFor(u, 1)).find((x) => x.code === 'BH004');
    assert.ok(d);
    const actions = await client.codeActions(u, d.range, [d]);
    const ignore = actions.find((a) => a.title === 'Ignore add-instead-of-copy for this instruction');
    assert.ok(ignore);
    const text = applyEdits(DOC, editsOf(ignore, u));
    assert.equal(text, DOC.replace('ADD package.json', '# bulkhead ignore=add-instead-of-copy\nADD package.json'));
    await client.change(u, 2, [{ text }]);
    assert.deepEqual(summary(await client.diagnosticsFor(u, 2)), ['BH001@0:5-0:29/2']);
  });

  it('honours hadolint ignore comments', async () => {
    const u = uri();
    await client.open(u, `# hadolint global ignore=DL3002\n${DOC.replace('ADD', '# hadolint ignore=DL3020\nADD')}`);
    assert.deepEqual(await client.diagnosticsFor(u, 1), []);
  });

  it('turns a rule off through workspace/configuration', async () => {
    client.settings = { rules: { 'root-user': 'off', DL3020: 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const u = uri();
    await client.open(u, DOC);
    assert.deepEqual(summary(await client.diagnosticsFor(u, 1)), ['BH004@2:0-2:3/1']);
  });

  it('hovers a finding, a FROM image and an instruction keyword', async () => {
    const u = uri();
    await client.open(u, DOC);
    await client.diagnosticsFor(u, 1);
    const onFinding = await client.hover(u, 2, 1);
    const findingText = (onFinding?.contents as { value: string }).value;
    assert.match(findingText, /^\*\*ADD copies local "package\.json" that is not an archive; COPY says what it does\.\*\*/);
    assert.match(findingText, /\*\*Why:\*\* `ADD` does more than copy/);
    assert.match(findingText, /CIS Docker Benchmark v1\.6\.0 4\.9/);
    const onImage = await client.hover(u, 0, 10);
    const imageText = (onImage?.contents as { value: string }).value;
    // The image range is also a root-user finding: its explanation comes first, then the parsed image.
    assert.match(imageText, /^\*\*The container runs as root/);
    assert.match(imageText, /\n\n---\n\n\*\*Base image of stage #0\*\*\n\n`docker\.io\/library\/node:20\.11-bookworm-slim`/);
    const onKeyword = await client.hover(u, 3, 1);
    assert.match((onKeyword?.contents as { value: string }).value, /^\*\*RUN\*\*\n\nRuns a command at build time/);
    const u2 = uri();
    await client.open(u2, 'ARG BASE=node:20\nFROM $BASE AS build\nFROM build\nUSER 1000\n');
    await client.diagnosticsFor(u2, 1);
    const resolved = ((await client.hover(u2, 1, 7))?.contents as { value: string }).value;
    assert.match(resolved, /`docker\.io\/library\/node:20`/);
    assert.match(resolved, /\| Registry \| `docker\.io` \(Docker Hub, by default\) \|/);
    assert.match(resolved, /Resolved from `\$BASE` \(ARG on line 1\): `\$BASE` → `node:20`\./);
    const stageRef = ((await client.hover(u2, 2, 6))?.contents as { value: string }).value;
    assert.match(stageRef, /builds on stage "build" \(line 2\)/);
  });

  it('leaves the message out of a finding\'s hover when the client shows diagnostics in its hover', async () => {
    const vscodeLike = new LspClient();
    try {
      await vscodeLike.initialize(true, { hoverMessages: false });
      const u = uri();
      await vscodeLike.open(u, DOC);
      await vscodeLike.diagnosticsFor(u, 1);
      const text = ((await vscodeLike.hover(u, 2, 1))?.contents as { value: string }).value;
      assert.match(text, /^`BH004` add-instead-of-copy · warning · safe fix \(joins fix-all\)\n\n\*\*Why:\*\* /);
      assert.doesNotMatch(text, /COPY says what it does/);
    } finally {
      await vscodeLike.stop();
    }
  });

  it('answers bulkhead/manifest', async () => {
    const u = uri();
    await client.open(u, DOC.replace('CMD', 'ENV API_TOKEN=abc NODE_ENV=production\nUSER 1000:1000\nHEALTHCHECK --interval=30s CMD wget -qO- localhost:3000/health\nCMD'));
    await client.diagnosticsFor(u, 1);
    const m = await client.connection.sendRequest<RuntimeManifest | null>('bulkhead/manifest', { uri: u });
    assert.ok(m);
    assert.deepEqual(m.user, { value: '1000:1000', user: '1000', group: '1000', uid: 1000, gid: 1000, isRoot: false, numeric: true, source: 'USER', line: 7 });
    assert.deepEqual(m.ports, [{ port: 3000, written: '3000', protocol: 'tcp', line: 5 }]);
    assert.deepEqual(m.cmd, { form: 'exec', command: ['node', 'server.js'], effective: ['node', 'server.js'], line: 9 });
    assert.deepEqual(m.env, [
      { name: 'API_TOKEN', value: '••••••••', masked: true, line: 6 },
      { name: 'NODE_ENV', value: 'production', masked: false, line: 6 },
    ]);
    assert.equal(m.healthcheck?.interval, '30s');
    assert.deepEqual(m.healthcheck?.test?.effective, ['/bin/sh', '-c', 'wget -qO- localhost:3000/health']);
    assert.equal(m.workdir, '/app');
    assert.deepEqual(
      m.findings.map((f) => [f.code, f.line]),
      [
        ['BH004', 2],
        ['BH312', 6],
      ],
    );
    assert.equal(await client.connection.sendRequest('bulkhead/manifest', { uri: 'file:///not/open/Dockerfile' }), null);
  });

  it('opens the documentation page through window/showDocument', async () => {
    await client.connection.sendRequest('workspace/executeCommand', { command: 'bulkhead.showDocumentation', arguments: ['BH003'] });
    const shown = client.shownDocuments.at(-1);
    assert.match(shown?.uri ?? '', /\/docs\/rules\/sshd\.md$/);
  });

  it('leaves a huge document alone, says so, and stays responsive', async () => {
    const u = uri();
    const huge = 'FROM node\nRUN echo hello world && curl -fsSL https://x | sh\n'.repeat(50_000);
    await client.open(u, huge);
    const diags = await client.diagnosticsFor(u, 1);
    assert.deepEqual(
      diags.map((d) => [d.severity, d.message]),
      [[3, 'Bulkhead does not lint files over 2 MiB in the editor (this one is 2.9 MiB); run "bulkhead lint" on it instead.']],
    );
    assert.equal(await client.hover(u, 0, 1), null);
    assert.equal(await client.connection.sendRequest('bulkhead/manifest', { uri: u }), null);
  });

  it('survives bad input and keeps answering', async () => {
    const inputs = ['', '\u0000\u0001\u0002\uFFFD binary \u0007', 'FROM\nRUN <<EOF\nunterminated', 'CMD ["a", \n', 'FROM alpine\nRUN echo \\'];
    let version = 1;
    const u = uri();
    await client.open(u, inputs[0] ?? '', version);
    await client.diagnosticsFor(u, version);
    for (const text of inputs.slice(1)) {
      version++;
      await client.change(u, version, [{ text }]);
      await client.diagnosticsFor(u, version);
      await client.hover(u, 0, 0);
      await client.codeActions(u, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, []);
      await client.connection.sendRequest('bulkhead/manifest', { uri: u });
    }
    assert.equal(client.proc.exitCode, null, 'server still running');
    assert.deepEqual(
      client.logs.filter((l) => /failed|uncaught|unhandled/.test(l)),
      [],
    );
  });
});
