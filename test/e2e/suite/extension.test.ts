import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { BulkheadApi } from '../../../client/src/extension';
import type { HostMessage } from '../../../shared/src/protocol';
import { EXTENSION_ID, actions, codeOf, apply, details, diagnostics, folder, hoverText, open, summary, untitled } from './helpers';

/** The workspace's Dockerfile, read in before(): the untitled documents the tests edit start from it. */
let FIXTURE = '';

const EXPECTED = ['BH001@0:5-0:29/Warning', 'BH003@3:70-3:84/Error', 'BH003@5:7-5:9/Error', 'BH004@2:0-2:3/Warning', 'BH104@3:22-3:37/Information', 'BH460@4:5-4:6/Warning'];
const UNPINNED = 'BH104@3:22-3:37/Information';

describe('Bulkhead in the editor', function () {
  let api: BulkheadApi;
  let activatedByItself = false;

  // Nothing here activates the extension before its diagnostics arrive: opening the workspace and its Dockerfile must.
  before(async () => {
    const doc = await open('Dockerfile');
    FIXTURE = doc.getText();
    assert.match(FIXTURE, /^FROM node:20\.11-bookworm-slim\n/);
    await diagnostics(doc.uri, (x) => x.length > 0);
    const ext = vscode.extensions.getExtension<BulkheadApi>(EXTENSION_ID);
    assert.ok(ext, 'the extension is installed');
    activatedByItself = ext.isActive;
    api = await ext.activate();
    await api.ready;
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('bulkhead').update('rules', undefined, vscode.ConfigurationTarget.Global);
  });

  it('activates on a Dockerfile and publishes exact diagnostics with docs links', async () => {
    assert.ok(activatedByItself, 'the extension activated by itself');
    // The workspace has no .dockerignore: the file on disk gets the build-context finding an untitled document cannot.
    const d = await diagnostics(vscode.Uri.joinPath(folder(), 'Dockerfile'), (x) => x.length === 6);
    assert.deepEqual(summary(d), EXPECTED);
    assert.deepEqual(details(d), [
      { code: 'BH001', line: 0, severity: 'Warning', message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', docs: 'root-user.md' },
      { code: 'BH004', line: 2, severity: 'Warning', message: 'ADD copies local "package.json" that is not an archive; COPY says what it does.', docs: 'add-instead-of-copy.md' },
      { code: 'BH104', line: 3, severity: 'Information', message: 'apt-get install installs curl, openssh-server without a version.', docs: 'unpinned-system-package.md' },
      { code: 'BH003', line: 3, severity: 'Error', message: 'Installs the SSH server "openssh-server".', docs: 'sshd.md' },
      {
        code: 'BH460',
        line: 4,
        severity: 'Warning',
        message: 'COPY "." copies the whole build context into the image, and there is no .dockerignore to keep .git, .env files and private keys out.',
        docs: 'context-secrets-not-ignored.md',
      },
      { code: 'BH003', line: 5, severity: 'Error', message: 'Exposes port 22, the SSH port.', docs: 'sshd.md' },
    ]);
  });

  it('treats a Containerfile as a Dockerfile', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'Containerfile'));
    assert.equal(doc.languageId, 'dockerfile');
    assert.deepEqual(summary(await diagnostics(doc.uri, (x) => x.length === 1)), ['BH002@0:5-0:18/Warning']);
  });

  it('"Add a non-root USER" rewrites the document exactly', async () => {
    const doc = await untitled(FIXTURE);
    const d = await diagnostics(doc.uri, (x) => x.length === 5);
    const root = d.find((x) => codeOf(x) === 'BH001');
    assert.ok(root);
    const list = await actions(doc, root.range);
    assert.deepEqual(
      list.map((a) => a.title),
      ['Add a non-root USER', 'Ignore root-user for this instruction', 'Ignore root-user in this file', 'Show documentation for root-user'],
    );
    await apply(list.find((a) => a.title === 'Add a non-root USER'));
    assert.equal(
      doc.getText(),
      FIXTURE.replace('ADD package.json', 'ADD --chown=10001:10001 package.json')
        .replace('COPY . .', 'COPY --chown=10001:10001 . .')
        .replace('CMD', 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && chown 10001:10001 /app\nUSER 10001:10001\nCMD'),
    );
    await diagnostics(doc.uri, (x) => !summary(x).some((s) => s.startsWith('BH001')));
  });

  it('"Remove the SSH server" removes the package and the port', async () => {
    const doc = await untitled(FIXTURE);
    const d = await diagnostics(doc.uri, (x) => x.length === 5);
    const ssh = d.find((x) => codeOf(x) === 'BH003' && x.range.start.line === 3);
    assert.ok(ssh);
    await apply((await actions(doc, ssh.range)).find((a) => a.title === 'Remove the SSH server'));
    assert.equal(doc.getText(), FIXTURE.replace(' openssh-server', '').replace('EXPOSE 22 3000', 'EXPOSE 3000'));
    assert.deepEqual(summary(await diagnostics(doc.uri, (x) => x.length === 3)), ['BH001@0:5-0:29/Warning', 'BH004@2:0-2:3/Warning', UNPINNED]);
  });

  it('source.fixAll.bulkhead applies safe fixes only', async () => {
    const doc = await untitled(FIXTURE);
    await diagnostics(doc.uri, (x) => x.length === 5);
    // Listed without its edit (the whole-file fix is computed once picked), then resolved.
    const listed = await actions(doc, new vscode.Range(0, 0, 0, 0), 'source.fixAll.bulkhead', 0);
    assert.deepEqual(listed.map((a) => [a.title, a.edit]), [['Fix all safe Bulkhead problems', undefined]]);
    const fixAll = await actions(doc, new vscode.Range(0, 0, 0, 0), 'source.fixAll.bulkhead');
    assert.deepEqual(fixAll.map((a) => a.title), ['Fix all safe Bulkhead problems']);
    await apply(fixAll[0]);
    assert.equal(doc.getText(), FIXTURE.replace('ADD package.json', 'COPY package.json'));
  });

  it('hovers explain a finding and a FROM image', async () => {
    const doc = await untitled(FIXTURE);
    await diagnostics(doc.uri, (x) => x.length === 5);
    // VS Code shows the diagnostic's message at the top of the hover itself: Bulkhead's part leaves it out.
    const onAdd = await hoverText(doc.uri, 2, 1);
    assert.match(onAdd, /^`BH004` add-instead-of-copy · warning · safe fix \(joins fix-all\)\n\n\*\*Why:\*\*/);
    assert.doesNotMatch(onAdd, /COPY says what it does/);
    const image = await untitled('ARG BASE=node:20\nFROM $BASE\nUSER 1000\n');
    await diagnostics(image.uri, (x) => x.length === 0);
    const md = await hoverText(image.uri, 1, 7);
    assert.match(md, /`docker\.io\/library\/node:20`/);
    assert.match(md, /Resolved from `\$BASE`/);
  });

  it('the manifest command opens the preview and the webview receives the manifest', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'Dockerfile');
    const received = new Promise<HostMessage>((resolve) => {
      const sub = api.onDidPostPreview((m) => {
        if (m.manifest) {
          sub.dispose();
          resolve(m);
        }
      });
    });
    await vscode.commands.executeCommand('bulkhead.showManifest', uri);
    const m = await received;
    assert.equal(m.fileName, 'Dockerfile');
    assert.ok(m.manifest);
    assert.deepEqual(
      [m.manifest.user.isRoot, m.manifest.user.source, m.manifest.workdir, m.manifest.cmd?.command, m.manifest.ports.map((p) => p.port)],
      [true, 'default', '/app', ['node', 'server.js'], [22, 3000]],
    );
    assert.deepEqual(api.lastPreviewMessage(), m);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    assert.ok(tabs.includes('Runtime: Dockerfile'), `preview tab open: ${tabs.join(', ')}`);
  });

  it('turning a rule off removes its findings', async () => {
    const doc = await untitled(FIXTURE);
    await diagnostics(doc.uri, (x) => x.length === 5);
    await vscode.workspace.getConfiguration('bulkhead').update('rules', { 'root-user': 'off', sshd: 'off' }, vscode.ConfigurationTarget.Global);
    assert.deepEqual(summary(await diagnostics(doc.uri, (x) => x.length === 2)), ['BH004@2:0-2:3/Warning', UNPINNED]);
  });

  it('the ignore quick-fix inserts a pragma and the finding goes away', async () => {
    const doc = await untitled(FIXTURE);
    const d = await diagnostics(doc.uri, (x) => x.length === 5);
    const add = d.find((x) => x.range.start.line === 2);
    assert.ok(add);
    await apply((await actions(doc, add.range)).find((a) => a.title === 'Ignore add-instead-of-copy for this instruction'));
    assert.equal(doc.getText(), FIXTURE.replace('ADD package.json', '# bulkhead ignore=add-instead-of-copy\nADD package.json'));
    assert.deepEqual(summary(await diagnostics(doc.uri, (x) => x.length === 4)), ['BH001@0:5-0:29/Warning', 'BH003@4:70-4:84/Error', 'BH003@6:7-6:9/Error', 'BH104@4:22-4:37/Information']);
  });
});
