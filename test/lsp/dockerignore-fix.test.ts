import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lsp-client';

const DOC = 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER 65532\n';
const ADDED = '# Secrets and repository history stay out of the build context.\n.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n';
const TITLE = 'Exclude secrets in .dockerignore';

/**
 * The fix of context-secrets-not-ignored edits the ignore file, not the Dockerfile: a WorkspaceEdit with
 * `documentChanges` (create the file, then insert) for clients that can create files, plain `changes` of an
 * existing file for the others, and no action when the file would have to be created.
 */
describe('language server: a fix that edits .dockerignore', function () {
  let dir: string;
  const uri = (rel: string): string => pathToFileURL(path.join(dir, rel)).toString();
  const write = (rel: string, text: string): void => fs.writeFileSync(path.join(dir, rel), text);

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-lsp-ignore-')));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function actionsFor(client: LspClient, rel: string, title = TITLE): Promise<{ diagnostic: Diagnostic; action: CodeAction | undefined }> {
    await client.open(uri(rel), DOC);
    const diags = await client.diagnosticsFor(uri(rel), 1);
    const diagnostic = diags.find((d) => d.code === 'BH460');
    assert.ok(diagnostic, `BH460 is reported: ${diags.map((d) => String(d.code)).join(' ')}`);
    const actions = await client.codeActions(uri(rel), diagnostic.range, [diagnostic]);
    return { diagnostic, action: actions.find((a) => a.title === title) };
  }

  describe('a client that creates files', () => {
    let client: LspClient;
    before(async () => {
      client = new LspClient();
      await client.initialize(true, undefined, false, { resourceOperations: true });
    });
    after(async () => client.stop());

    it('creates .dockerignore (left alone if it appears meanwhile) and inserts the patterns', async () => {
      const { diagnostic, action } = await actionsFor(client, 'Dockerfile');
      assert.equal(diagnostic.message, 'COPY "." copies the whole build context into the image, and there is no .dockerignore to keep .git, .env files and private keys out.');
      assert.ok(action, 'the fix is offered');
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.isPreferred, false, 'an unsafe fix is not preferred');
      assert.deepEqual(action.edit, {
        documentChanges: [
          { kind: 'create', uri: uri('.dockerignore'), options: { ignoreIfExists: true } },
          { textDocument: { uri: uri('.dockerignore'), version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ADDED }] },
        ],
      });
    });

    it('appends to an existing ignore file without creating it', async () => {
      write('.dockerignore', 'node_modules\n');
      const { action } = await actionsFor(client, 'Dockerfile');
      assert.deepEqual(action?.edit, {
        documentChanges: [{ textDocument: { uri: uri('.dockerignore'), version: null }, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: ADDED }] }],
      });
    });
  });

  describe('a client that cannot create files', () => {
    let client: LspClient;
    before(async () => {
      client = new LspClient();
      await client.initialize();
    });
    after(async () => client.stop());

    it('edits the existing ignore file with plain changes', async () => {
      write('api.Dockerfile.dockerignore', '.git\n');
      const { action } = await actionsFor(client, 'api.Dockerfile', 'Exclude secrets in api.Dockerfile.dockerignore');
      assert.deepEqual(action?.edit, {
        changes: { [uri('api.Dockerfile.dockerignore')]: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: ADDED.replace('.git\n', '') }] },
      });
    });

    it('offers no fix when the file would have to be created', async () => {
      const { action } = await actionsFor(client, 'Dockerfile');
      assert.equal(action, undefined);
    });
  });
});
