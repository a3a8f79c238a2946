import { strict as assert } from 'node:assert';
import { codeActions, fixWorkspaceEdit, uriBeside } from '../../../server/src/features/code-actions';
import { fixText } from '../../../server/src/features/fix';
import { lintModel } from '../../../server/src/features/lint';
import { ignoreFileOf, parseDockerfile } from '../../../server/src/model/document';
import { contextSecretsNotIgnored } from '../../../server/src/rules/build-context/context-secrets-not-ignored';
import type { DocumentFacts, Fix } from '../../../server/src/rules/types';

/** The plumbing of fixes that edit a file besides the Dockerfile, at the features level (no server, no CLI). */
const DOC = 'FROM alpine:3.20\nCOPY . /app\n';
const URI = 'file:///work/my%20app/Dockerfile';
const ADDED = '# Secrets and repository history stay out of the build context.\n.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n';
const at = (line: number, character: number): { start: { line: number; character: number }; end: { line: number; character: number } } => ({ start: { line, character }, end: { line, character } });

function fixOf(facts: DocumentFacts): Fix {
  const model = parseDockerfile(DOC, { facts });
  const fix = lintModel(model, undefined, [contextSecretsNotIgnored]).findings[0]?.fixes[0];
  assert.ok(fix);
  return fix;
}

describe('fixes that edit other files', () => {
  it('name the ignore file that applies, relative to the Dockerfile', () => {
    assert.equal(ignoreFileOf({}), '.dockerignore');
    assert.equal(ignoreFileOf({ dockerignore: null }), '.dockerignore');
    assert.equal(ignoreFileOf({ dockerignore: { path: 'svc/api.Dockerfile.dockerignore', text: '' } }), 'api.Dockerfile.dockerignore');
    assert.equal(ignoreFileOf({ dockerignore: null, ignoreFile: '../ctx/.dockerignore' }), '../ctx/.dockerignore');
  });

  it('resolve other files against the Dockerfile URI', () => {
    assert.equal(uriBeside(URI, '.dockerignore'), 'file:///work/my%20app/.dockerignore');
    assert.equal(uriBeside(URI, '../ctx dir/.dockerignore'), 'file:///work/ctx%20dir/.dockerignore');
    assert.equal(uriBeside(URI, 'a#b.dockerignore'), 'file:///work/my%20app/a%23b.dockerignore');
  });

  it('fixText applies them to the facts, reports the file, and converges', () => {
    const result = fixText(DOC, { unsafe: true, rules: [contextSecretsNotIgnored], facts: { dockerignore: null } });
    assert.equal(result.converged, true);
    assert.equal(result.text, DOC);
    assert.deepEqual(result.files, [{ path: '.dockerignore', text: ADDED, created: true }]);
    assert.deepEqual(result.applied, [{ code: 'BH460', title: 'Exclude secrets in .dockerignore', files: ['.dockerignore'] }]);
    assert.deepEqual(result.facts, { dockerignore: { path: '.dockerignore', text: ADDED } });
  });

  it('fixText leaves them alone when the facts do not know the file', () => {
    const fix = fixOf({ dockerignore: null });
    const rule = { ...contextSecretsNotIgnored, check: ({ model, report }: Parameters<typeof contextSecretsNotIgnored.check>[0]) => report({ message: 'x', range: model.instructions[0]?.range ?? at(0, 0), instructionLine: 0, fixes: [fix] }) };
    const result = fixText(DOC, { unsafe: true, rules: [rule] });
    assert.deepEqual([result.files, result.applied], [[], []]);
  });

  it('become documentChanges, plain changes of an existing file, or no edit', () => {
    const create = fixOf({ dockerignore: null });
    const append = fixOf({ dockerignore: { path: '.dockerignore', text: 'node_modules' } });
    const ignore = 'file:///work/my%20app/.dockerignore';
    assert.deepEqual(fixWorkspaceEdit(URI, create, true), {
      documentChanges: [
        { kind: 'create', uri: ignore, options: { ignoreIfExists: true } },
        { textDocument: { uri: ignore, version: null }, edits: [{ range: at(0, 0), newText: ADDED }] },
      ],
    });
    assert.equal(fixWorkspaceEdit(URI, create, false), undefined);
    assert.deepEqual(fixWorkspaceEdit(URI, append, false), { changes: { [ignore]: [{ range: at(0, 12), newText: `\n${ADDED}` }] } });
    assert.deepEqual(fixWorkspaceEdit(URI, { title: 't', applicability: 'safe', edits: [{ range: at(0, 0), newText: 'x' }] }, true), { changes: { [URI]: [{ range: at(0, 0), newText: 'x' }] } });
  });

  it('code actions offer the fix only when the client can apply it', () => {
    const facts: DocumentFacts = { dockerignore: null };
    const model = parseDockerfile(DOC, { facts });
    const { findings } = lintModel(model, undefined, [contextSecretsNotIgnored]);
    const range = findings[0]?.range ?? at(0, 0);
    const titles = (resourceOperations: boolean): string[] => codeActions({ uri: URI, model, findings, range, resourceOperations }).map((a) => a.title);
    assert.deepEqual(titles(true), ['Exclude secrets in .dockerignore', 'Ignore context-secrets-not-ignored for this instruction', 'Ignore context-secrets-not-ignored in this file', 'Show documentation for context-secrets-not-ignored']);
    assert.deepEqual(titles(false), ['Ignore context-secrets-not-ignored for this instruction', 'Ignore context-secrets-not-ignored in this file', 'Show documentation for context-secrets-not-ignored']);
  });
});
