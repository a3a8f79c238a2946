import { strict as assert } from 'node:assert';
import { APP, CLEAN, SSH, cli, removeTree, tempTree, write } from './cli-helpers';

interface JsonReport {
  files: { path: string; findings: { code: string; severity: string }[] }[];
}

/** `path: CODE/severity …` per file, from `lint --format json`. */
function summary(stdout: string): string[] {
  return (JSON.parse(stdout) as JsonReport).files.map((f) => `${f.path}: ${f.findings.map((x) => `${x.code}/${x.severity}`).join(' ')}`.trimEnd());
}

describe('CLI: config files', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempTree({ Dockerfile: APP, 'svc/api.Dockerfile': SSH, 'svc/Containerfile': CLEAN });
  });

  afterEach(() => removeTree(dir));

  it('reads .bulkhead.yaml from the current folder: levels by name or alias, ignore, failOn', () => {
    write(dir, '.bulkhead.yaml', '# team defaults\nrules:\n  root-user: "off"\n  DL3020: error\nignore: [sshd]\nfailOn: error\n');
    const r = cli(['lint', '--format', 'json'], dir);
    assert.equal(r.stderr, '');
    // sshd is ignored; the apt-get line's own findings keep their default levels.
    assert.deepEqual(summary(r.stdout), ['Dockerfile: BH004/error', 'svc/Containerfile:', 'svc/api.Dockerfile: BH102/warning BH101/info BH104/info']);
    assert.equal(r.status, 1, 'an error reaches failOn: error');
    write(dir, '.bulkhead.yaml', 'rules: {DL3020: warning, root-user: off}\nfailOn: error\n');
    assert.equal(cli(['lint', 'Dockerfile'], dir).status, 0, 'a warning does not reach failOn: error');
    assert.equal(cli(['lint', '--fail-on', 'warning', 'Dockerfile'], dir).status, 1, '--fail-on wins over the config');
  });

  it('prefers .bulkhead.json, then .bulkhead.yaml, then .bulkhead.yml; --config wins over all', () => {
    write(dir, '.bulkhead.yml', 'rules: {BH001: info}\n');
    assert.deepEqual(summary(cli(['lint', '--format', 'json', 'Dockerfile'], dir).stdout), ['Dockerfile: BH001/info BH004/warning']);
    write(dir, '.bulkhead.yaml', 'rules: {BH001: hint}\n');
    assert.deepEqual(summary(cli(['lint', '--format', 'json', 'Dockerfile'], dir).stdout), ['Dockerfile: BH001/hint BH004/warning']);
    write(dir, '.bulkhead.json', '{"$schema": "./bulkhead.schema.json", "rules": {"root-user": "error"}, "ignore": ["add-instead-of-copy"]}');
    assert.deepEqual(summary(cli(['lint', '--format', 'json', 'Dockerfile'], dir).stdout), ['Dockerfile: BH001/error']);
    write(dir, 'ci/strict.yml', 'rules: {BH004: error}\n');
    assert.deepEqual(summary(cli(['lint', '--format', 'json', '--config', 'ci/strict.yml', 'Dockerfile'], dir).stdout), ['Dockerfile: BH001/warning BH004/error']);
  });

  it('enable: false lints nothing', () => {
    write(dir, '.bulkhead.json', '{"enable": false}');
    const r = cli(['lint'], dir);
    assert.deepEqual([r.status, r.stdout], [0, 'No findings in 3 files.\n']);
  });

  it('warns about a rule name no rule answers to, and goes on', () => {
    write(dir, '.bulkhead.json', '{"rules": {"root-usr": "off"}, "ignore": ["DL9999", "DL3006"]}');
    const r = cli(['lint', '--format', 'json', 'Dockerfile'], dir);
    assert.equal(r.stderr, 'bulkhead: .bulkhead.json: no rule is called "root-usr"\nbulkhead: .bulkhead.json: no rule is called "DL9999"\n');
    assert.deepEqual(summary(r.stdout), ['Dockerfile: BH001/warning BH004/warning']);
    assert.equal(r.status, 1);
  });

  it('exits 2 with one line naming the problem when a config is malformed or missing', () => {
    const cases: [string, string, string | RegExp][] = [
      ['bad.json', '{"rules": {"root-user": "loud"}}', 'rule "root-user" has level "loud"; use error, warning, info, hint or off'],
      ['bad.json', '{"rules": {"root-user": "error",}}', /^[^\n]*JSON[^\n]*$/],
      ['bad.json', '[1, 2]', 'expected an object with rules, ignore or failOn'],
      ['bad.json', '{"rule": {}}', 'unknown key rule; expected rules, ignore, failOn or enable'],
      ['bad.json', '{"rules": ["sshd"]}', '"rules" must map rule codes or names to a level'],
      ['bad.json', '{"ignore": "sshd"}', '"ignore" must be a list of rule codes or names'],
      ['bad.json', '{"failOn": "fatal"}', '"failOn" must be error, warning, info, hint or none'],
      ['bad.json', '{"enable": "yes"}', '"enable" must be true or false'],
      ['bad.yml', 'rules:\n  sshd: error\n   bad: x\n', 'Nested mappings are not allowed in compact mappings at line 2, column 9'],
      ['bad.yml', 'rules: {a: 1}\nrules: {}\n', 'Map keys must be unique at line 2, column 1'],
    ];
    for (const [name, text, reason] of cases) {
      write(dir, name, text);
      const r = cli(['lint', '--config', name], dir);
      assert.equal(r.status, 2, text);
      assert.equal(r.stdout, '', text);
      const prefix = `bulkhead: invalid config ${name}: `;
      assert.ok(r.stderr.startsWith(prefix) && r.stderr.endsWith('\n') && r.stderr.split('\n').length === 2, r.stderr);
      const got = r.stderr.slice(prefix.length, -1);
      if (typeof reason === 'string') assert.equal(got, reason);
      else assert.match(got, reason);
    }
    const missing = cli(['lint', '--config', 'nope.yml'], dir);
    assert.deepEqual([missing.status, missing.stderr], [2, 'bulkhead: cannot read config nope.yml: ENOENT\n']);
    write(dir, '.bulkhead.yml', 'failOn: [x]\n');
    const implicit = cli(['lint'], dir);
    assert.deepEqual([implicit.status, implicit.stderr], [2, 'bulkhead: invalid config .bulkhead.yml: "failOn" must be error, warning, info, hint or none\n']);
  });
});
