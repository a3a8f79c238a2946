import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, removeTree, tempTree } from './cli-helpers';
import { REPO_ROOT } from '../paths';

/** Files enough for worker threads to take part (the pool skips them for a handful of files). */
function tree(): string {
  const files: Record<string, string> = {};
  const examples = path.join(REPO_ROOT, 'examples');
  const texts = fs
    .readdirSync(examples, { recursive: true, encoding: 'utf8' })
    .filter((f) => /Dockerfile$/.test(f))
    .map((f) => fs.readFileSync(path.join(examples, f), 'utf8'));
  for (let i = 0; i < 60; i++) files[`svc${String(i).padStart(2, '0')}/Dockerfile`] = texts[i % texts.length] ?? 'FROM alpine\n';
  // Warnings and I/O problems belong to their file's place in the output too.
  files['svc07/Dockerfile'] = 'FROM alpine\u0000binary';
  files['svc30/Dockerfile'] = '';
  return tempTree(files);
}

describe('CLI: bulkhead lint --jobs', () => {
  let dir = '';
  before(() => {
    dir = tree();
  });
  after(() => removeTree(dir));

  for (const format of ['text', 'json', 'sarif']) {
    it(`prints exactly what one thread prints, in the same order (${format})`, () => {
      const one = cli(['lint', '--format', format, '--jobs', '1', '.'], dir);
      const two = cli(['lint', '--format', format, '--jobs', '2', '.'], dir);
      const four = cli(['lint', '--format', format, '--jobs', '4', '.'], dir);
      assert.ok(one.stdout.length > 1000, 'there is output to compare');
      assert.equal(one.status, 1);
      for (const other of [two, four]) {
        assert.equal(other.stdout, one.stdout);
        assert.equal(other.stderr, one.stderr);
        assert.equal(other.status, one.status);
      }
      assert.match(one.stderr, /svc07\/Dockerfile is a binary file; skipped/);
    });
  }

  it('applies fixes on several threads as on one', () => {
    const a = tree();
    const b = tree();
    try {
      const one = cli(['lint', '--fix', '--unsafe-fixes', '--jobs', '1', '.'], a);
      const two = cli(['lint', '--fix', '--unsafe-fixes', '--jobs', '2', '.'], b);
      assert.equal(two.stdout, one.stdout);
      for (const f of fs.readdirSync(a, { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('Dockerfile'))) {
        assert.equal(fs.readFileSync(path.join(b, f), 'utf8'), fs.readFileSync(path.join(a, f), 'utf8'), f);
      }
    } finally {
      removeTree(a);
      removeTree(b);
    }
  });

  it('rejects a count that is not a whole number of at least 1', () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = cli(['lint', `--jobs=${bad}`, '.'], dir);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /--jobs must be a whole number of at least 1/);
    }
  });
});
