import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, read, removeTree, tempTree } from './cli-helpers';

const DOC = 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER 65532\n';
const ADDED = '# Secrets and repository history stay out of the build context.\n.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n';

/** The lines of the output about context-secrets-not-ignored (other rules come and go). */
function bh460(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.includes('BH460'));
}

describe('CLI: a fix that edits .dockerignore (context-secrets-not-ignored)', () => {
  let dir: string;
  afterEach(() => removeTree(dir));

  it('--fix alone leaves it: the fix is unsafe', () => {
    dir = tempTree({ Dockerfile: DOC });
    const r = cli(['lint', '--fix'], dir);
    assert.equal(fs.existsSync(path.join(dir, '.dockerignore')), false);
    assert.deepEqual(bh460(r.stdout), [
      'Dockerfile:3:6: warning BH460 context-secrets-not-ignored: COPY "." copies the whole build context into the image, and there is no .dockerignore to keep .git, .env files and private keys out. [unsafe fix]',
    ]);
  });

  it('creates .dockerignore, then a second run changes nothing', () => {
    dir = tempTree({ Dockerfile: DOC });
    const r = cli(['lint', '--fix', '--unsafe-fixes'], dir);
    assert.equal(read(dir, '.dockerignore'), ADDED);
    assert.equal(read(dir, 'Dockerfile'), DOC);
    assert.deepEqual(bh460(r.stdout), ['Dockerfile: fixed BH460 Exclude secrets in .dockerignore'], 'the finding is gone after the fix');
    const again = cli(['lint', '--fix', '--unsafe-fixes'], dir);
    assert.equal(read(dir, '.dockerignore'), ADDED);
    assert.deepEqual(bh460(again.stdout), []);
  });

  it('appends to an existing file, keeping its BOM and closing its last line', () => {
    dir = tempTree({ Dockerfile: DOC, '.dockerignore': '\uFEFFnode_modules\n.git' });
    cli(['lint', '--fix', '--unsafe-fixes'], dir);
    assert.equal(read(dir, '.dockerignore'), `\uFEFFnode_modules\n.git\n${ADDED.replace('.git\n', '')}`);
    const again = cli(['lint', '--fix', '--unsafe-fixes'], dir);
    assert.deepEqual(bh460(again.stdout), []);
    assert.equal(read(dir, '.dockerignore'), `\uFEFFnode_modules\n.git\n${ADDED.replace('.git\n', '')}`);
  });

  it("edits the Dockerfile's own ignore file when that is the one that applies", () => {
    dir = tempTree({ 'svc/api.Dockerfile': DOC, 'svc/api.Dockerfile.dockerignore': '**/.env*\n', 'svc/.dockerignore': 'node_modules\n' });
    const r = cli(['lint', '--fix', '--unsafe-fixes', 'svc'], dir);
    assert.deepEqual(bh460(r.stdout), ['svc/api.Dockerfile: fixed BH460 Exclude secrets in api.Dockerfile.dockerignore']);
    assert.equal(read(dir, 'svc/api.Dockerfile.dockerignore'), `**/.env*\n${ADDED.replace('**/.env*\n', '')}`);
    assert.equal(read(dir, 'svc/.dockerignore'), 'node_modules\n');
  });

  it('creates the ignore file of the --context folder', () => {
    dir = tempTree({ 'docker/Dockerfile': DOC, 'app/main.go': 'package main\n' });
    const r = cli(['lint', '--fix', '--unsafe-fixes', '--context', 'app', 'docker/Dockerfile'], dir);
    assert.deepEqual(bh460(r.stdout), ['docker/Dockerfile: fixed BH460 Exclude secrets in ../app/.dockerignore']);
    assert.equal(read(dir, 'app/.dockerignore'), ADDED);
    assert.equal(fs.existsSync(path.join(dir, 'docker', '.dockerignore')), false);
  });

  it('JSON lists the file the fix edits, SARIF the fix with its changes', () => {
    dir = tempTree({ 'svc/Dockerfile': DOC, 'svc/.dockerignore': 'node_modules\n' });
    const json = JSON.parse(cli(['lint', '--format', 'json'], dir).stdout) as { files: { findings: { code: string; fixes: unknown[] }[] }[] };
    const finding = json.files[0]?.findings.find((f) => f.code === 'BH460');
    assert.deepEqual(finding?.fixes, [{ title: 'Exclude secrets in .dockerignore', applicability: 'unsafe', files: [{ path: 'svc/.dockerignore', create: false }] }]);
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif'], dir).stdout) as { runs: { results: { ruleId: string; fixes?: unknown[] }[] }[] };
    const result = sarif.runs[0]?.results.find((x) => x.ruleId === 'BH460');
    assert.deepEqual(result?.fixes, [
      {
        description: { text: 'Exclude secrets in .dockerignore' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'svc/.dockerignore' },
            replacements: [{ deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: ADDED } }],
          },
        ],
      },
    ]);
  });
});
