import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, actions, details, diagnostics, open, summary } from './helpers';

// Runs in test/e2e/workspace-named: a workspace with a Containerfile and no file named Dockerfile, so the
// extension can only activate through the Containerfile.
describe('Bulkhead with Containerfile and *.Dockerfile names', function () {
  it('activates on a Containerfile in a workspace without a Dockerfile', async () => {
    assert.deepEqual(await vscode.workspace.findFiles('**/Dockerfile'), [], 'no file named Dockerfile in this workspace');
    const doc = await open('Containerfile');
    assert.equal(doc.languageId, 'dockerfile');
    const d = await diagnostics(doc.uri, (x) => x.length === 1);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.deepEqual(summary(d), ['BH002@0:5-0:18/Warning']);
    assert.deepEqual(details(d), [{ code: 'BH002', line: 0, severity: 'Warning', message: 'Base image "alpine:latest" uses the moving "latest" tag.', docs: 'image-tag.md' }]);
  });

  it('a *.Dockerfile is a Dockerfile, and curl piped into sh is flagged with no fix offered', async () => {
    const doc = await open('deploy/api.Dockerfile');
    assert.equal(doc.languageId, 'dockerfile');
    const d = await diagnostics(doc.uri, (x) => x.length === 1);
    assert.deepEqual(summary(d), ['BH005@2:4-2:50/Warning']);
    assert.deepEqual(details(d), [{ code: 'BH005', line: 2, severity: 'Warning', message: 'A download from curl is piped into sh without an integrity check.', docs: 'curl-pipe-shell.md' }]);
    const [finding] = d;
    assert.ok(finding);
    assert.deepEqual(
      (await actions(doc, finding.range)).map((a) => a.title),
      ['Ignore curl-pipe-shell for this instruction', 'Ignore curl-pipe-shell in this file', 'Show documentation for curl-pipe-shell'],
    );
    assert.deepEqual(await actions(doc, new vscode.Range(0, 0, 0, 0), 'source.fixAll.bulkhead'), [], 'no safe fix to apply');
  });

  it('a Dockerfile.* is a Dockerfile', async () => {
    const doc = await open('Dockerfile.dev');
    assert.equal(doc.languageId, 'dockerfile');
    assert.deepEqual(summary(await diagnostics(doc.uri, (x) => x.length === 1)), ['BH003@2:7-2:9/Error']);
  });
});
