import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulePage } from '../../server/src/docs/render';
import { findRule, RULES, rulesFor } from '../../server/src/rules/index';

const root = path.resolve(__dirname, '..', '..', '..');

/** Every rule is registered, named and coded uniquely, documented, and has its own test file. */
describe('rule registry', () => {
  it('codes and names are unique and well formed', () => {
    const codes = RULES.map((r) => r.code);
    const names = RULES.map((r) => r.name);
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(names).size, names.length);
    for (const r of RULES) {
      assert.match(r.code, /^BH\d{3}$/);
      assert.match(r.name, /^[a-z]+(-[a-z]+)*$/);
    }
    assert.deepEqual(codes, [...codes].sort(), 'sorted by code');
  });

  it('every rule file is registered and every registered rule has a file and a test', () => {
    const files = fs
      .readdirSync(path.join(root, 'server/src/rules'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'types.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(files, RULES.map((r) => r.name).sort());
    for (const r of RULES) assert.ok(fs.existsSync(path.join(root, 'test/rules', `${r.name}.test.ts`)), `test/rules/${r.name}.test.ts exists`);
  });

  it('every rule is fully documented and its generated page is current', () => {
    for (const r of RULES) {
      for (const key of ['summary', 'what', 'why', 'bad', 'good', 'useInstead', 'fixSafety'] as const) {
        assert.ok(r.docs[key].trim().length > 0, `${r.name}: docs.${key}`);
      }
      assert.ok(r.references.length > 0, `${r.name}: references`);
      const page = path.join(root, 'docs/rules', `${r.name}.md`);
      assert.equal(fs.readFileSync(page, 'utf8'), renderRulePage(r), `${page} is current (npm run docs)`);
    }
  });

  it('finds rules by code, name and other tools\' IDs', () => {
    assert.equal(findRule('bh001')?.name, 'root-user');
    assert.equal(findRule('Root-User')?.code, 'BH001');
    assert.deepEqual(rulesFor('DL3002').map((r) => r.name), ['root-user']);
    assert.deepEqual(rulesFor('dl3007').map((r) => r.name), ['image-tag']);
    assert.deepEqual(rulesFor('CKV_DOCKER_1').map((r) => r.name), ['sshd']);
    assert.deepEqual(rulesFor('DL9999'), []);
  });
});
