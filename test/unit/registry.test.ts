import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulePage } from '../../server/src/docs/render';
import { findRule, RULES, rulesFor, UNCOVERED } from '../../server/src/rules/index';
import { PEER_CHECKS } from '../../server/src/rules/peer-checks';
import { REPO_ROOT } from '../paths';

const root = REPO_ROOT;

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
    // A rule's file is server/src/rules/[family/]<name>.ts, its test test/rules/[family/]<name>.test.ts.
    const NOT_RULES = new Set(['index.ts', 'types.ts', 'aliases.ts', 'peer-checks.ts']);
    const files: string[] = [];
    const walk = (dir: string, rel: string): void => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        if (f.isDirectory()) walk(path.join(dir, f.name), `${rel}${f.name}/`);
        else if (f.name.endsWith('.ts') && !NOT_RULES.has(f.name) && !f.name.startsWith('_')) files.push(`${rel}${f.name.replace(/\.ts$/, '')}`);
      }
    };
    walk(path.join(root, 'server/src/rules'), '');
    assert.deepEqual(files.map((f) => path.basename(f)).sort(), RULES.map((r) => r.name).sort());
    for (const f of files) assert.ok(fs.existsSync(path.join(root, 'test/rules', `${f}.test.ts`)), `test/rules/${f}.test.ts exists`);
  });

  it('every rule is fully documented and its generated page is current', () => {
    for (const r of RULES) {
      for (const key of ['summary', 'what', 'why', 'bad', 'good', 'useInstead', 'fixSafety'] as const) {
        assert.ok(r.docs[key].trim().length > 0, `${r.name}: docs.${key}`);
      }
      assert.ok(r.references.length > 0, `${r.name}: references`);
      // Security rules name the attack first, in one sentence (hovers and pages show it before the details).
      if (r.category !== 'build-hygiene') {
        const attack = r.docs.attack ?? '';
        assert.match(attack, /^[A-Z`].*[.]$/s, `${r.name}: docs.attack, one sentence`);
        assert.doesNotMatch(attack.slice(0, -1), /[.!?]\s+[A-Z]/, `${r.name}: docs.attack is one sentence`);
      }
      const page = path.join(root, 'docs/rules', `${r.name}.md`);
      assert.equal(fs.readFileSync(page, 'utf8'), renderRulePage(r), `${page} is current (npm run docs)`);
    }
  });

  it('every check of hadolint, Trivy, Checkov and BuildKit is an alias of a rule or listed as uncovered with the reason', () => {
    const aliased = new Set(RULES.flatMap((r) => r.aliases.map((a) => a.id)));
    const uncovered = new Set(UNCOVERED.map((u) => u.id));
    const neither = PEER_CHECKS.filter((c) => !aliased.has(c.id) && !uncovered.has(c.id)).map((c) => c.id);
    assert.deepEqual(neither, [], 'peer checks neither aliased nor explained');
    const both = PEER_CHECKS.filter((c) => aliased.has(c.id) && uncovered.has(c.id)).map((c) => c.id);
    assert.deepEqual(both, [], 'peer checks both aliased and listed as uncovered');
    const known = new Set(PEER_CHECKS.map((c) => c.id));
    for (const r of RULES) {
      for (const a of r.aliases) {
        // Trivy's older spellings (DS002, AVD-DS-0002) stand for a DS-00NN check.
        const id = a.tool === 'trivy' ? a.id.replace(/^AVD-DS-(\d{4})$/, 'DS-$1').replace(/^DS(\d{3})$/, 'DS-0$1') : a.id;
        assert.ok(known.has(id), `${r.name}: alias ${a.id} is a known check (peer-checks.ts)`);
      }
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
