import { strict as assert } from 'node:assert';
import { APP, CLEAN, cli, removeTree, tempTree, write } from './cli-helpers';

interface JsonReport {
  files: { path: string; findings: { code: string; severity: string; message: string }[] }[];
}

/** Rules these tests look at; others, added by other families, are left out of the summaries. */
const LOOKED_AT = new Set(['BH001', 'BH002', 'BH003', 'BH004', 'BH314', 'BH340']);

/** `path: CODE/severity …` per file, from `lint --format json`. */
function summary(stdout: string): string[] {
  return (JSON.parse(stdout) as JsonReport).files.map((f) =>
    `${f.path}: ${f.findings
      .filter((x) => LOOKED_AT.has(x.code))
      .map((x) => `${x.code}/${x.severity}`)
      .join(' ')}`.trimEnd(),
  );
}

function lint(dir: string, ...args: string[]): { status: number | null; stderr: string; files: string[]; report: JsonReport } {
  const r = cli(['lint', '--format', 'json', '--jobs', '1', ...args], dir);
  return { status: r.status, stderr: r.stderr, files: summary(r.stdout), report: JSON.parse(r.stdout || '{"files":[]}') as JsonReport };
}

describe('CLI: .hadolint.yaml, config lookup, ignore comments and .dockerignore', () => {
  let dir: string;

  afterEach(() => removeTree(dir));

  it('reads .hadolint.yaml: ignored, override (style is hint), failure-threshold', () => {
    dir = tempTree({ Dockerfile: APP, '.hadolint.yaml': 'ignored: [DL3002, SC2086]\noverride:\n  style: [DL3020]\nfailure-threshold: info\nformat: tty\n' });
    const r = lint(dir);
    assert.equal(r.stderr, '', 'ShellCheck IDs and output keys are accepted silently');
    // IDs in a config name whole rules: `ignored: [DL3002]` turns root-user off.
    assert.deepEqual(r.files, ['Dockerfile: BH004/hint']);
    assert.equal(r.status, 0, 'a hint (hadolint style) is under failure-threshold: info');
    write(dir, '.hadolint.yaml', 'ignored: [DL3002]\noverride: {style: [DL3020]}\nfailure-threshold: style\n');
    assert.equal(lint(dir).status, 1, 'failure-threshold: style fails on hints');
    write(dir, '.hadolint.yaml', 'ignored: [DL3020]\noverride:\n  info: [CKV_DOCKER_3]\nfailure-threshold: warning\n');
    assert.deepEqual(lint(dir).files, ['Dockerfile: BH001/info']);
    assert.equal(lint(dir).status, 0, 'info is under failure-threshold: warning');
    write(dir, '.hadolint.yml', 'no-fail: true\n');
    assert.equal(lint(dir).files[0], 'Dockerfile: BH001/info', '.hadolint.yaml before .hadolint.yml');
  });

  it('disable-ignore-pragma: hadolint comments stop working and DL1001 reports them', () => {
    dir = tempTree({ Dockerfile: APP.replace('ADD', '# hadolint ignore=DL3020\nADD'), '.hadolint.yaml': 'disable-ignore-pragma: true\n' });
    const r = lint(dir);
    assert.deepEqual(r.files, ['Dockerfile: BH001/warning BH004/warning BH340/warning']);
    assert.match(r.report.files[0]?.findings.find((f) => f.code === 'BH340')?.message ?? '', /"# hadolint ignore=DL3020" has no effect/);
    write(dir, '.hadolint.yaml', 'ignored: [DL1001]\ndisable-ignore-pragma: true\n');
    assert.deepEqual(lint(dir).files, ['Dockerfile: BH001/warning BH004/warning'], 'DL1001 off, the comment still does nothing');
  });

  it('finds the nearest config from the Dockerfile upwards; Bulkhead\'s before hadolint\'s in a folder; --config wins', () => {
    dir = tempTree({
      Dockerfile: APP,
      'a/Dockerfile': APP,
      'a/b/Dockerfile': APP,
      'c/Dockerfile': APP,
      '.bulkhead.yaml': 'rules: {BH001: error}\n',
      'a/.hadolint.yaml': 'ignored: [DL3020]\n',
      'c/.hadolint.yaml': 'ignored: [DL3020]\n',
      'c/.bulkhead.json': '{"rules": {"BH004": "info"}}',
      'ci/strict.yml': 'rules: {BH004: error}\n',
    });
    assert.deepEqual(lint(dir).files, ['Dockerfile: BH001/error BH004/warning', 'a/Dockerfile: BH001/warning', 'a/b/Dockerfile: BH001/warning', 'c/Dockerfile: BH001/warning BH004/info']);
    assert.deepEqual(lint(dir, '--config', 'ci/strict.yml').files, ['Dockerfile: BH001/warning BH004/error', 'a/Dockerfile: BH001/warning BH004/error', 'a/b/Dockerfile: BH001/warning BH004/error', 'c/Dockerfile: BH001/warning BH004/error']);
    // Run from a subfolder: the config above the current folder still applies.
    assert.deepEqual(lint(`${dir}/a/b`).files, ['Dockerfile: BH001/warning']);
  });

  it('each file fails on its own config\'s threshold', () => {
    dir = tempTree({ 'a/Dockerfile': APP, 'b/Dockerfile': CLEAN, 'a/.bulkhead.yml': 'failOn: error\n' });
    assert.equal(lint(dir).status, 0, 'a/ fails only on errors');
    write(dir, 'b/Dockerfile', APP);
    assert.equal(lint(dir).status, 1, 'b/ takes the default threshold');
  });

  it('an invalid .hadolint.yaml exits 2 with the message', () => {
    dir = tempTree({ Dockerfile: APP, '.hadolint.yaml': 'override:\n  fatal: [DL3020]\n' });
    const r = cli(['lint'], dir);
    assert.deepEqual([r.status, r.stdout, r.stderr], [2, '', 'bulkhead: invalid config .hadolint.yaml: "override" has level "fatal"; use error, warning, info or style\n']);
    write(dir, '.hadolint.yaml', 'failure-threshold: loud\n');
    assert.equal(cli(['lint'], dir).stderr, 'bulkhead: invalid config .hadolint.yaml: "failure-threshold" must be error, warning, info, style, ignore or none\n');
  });

  it('honours every ignore comment dialect', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      '# check=skip=StageNameCasing;error=true',
      '# checkov:skip=CKV_DOCKER_3:drops privileges in the entrypoint',
      '#trivy:ignore:AVD-DS-0001',
      'FROM node AS Build',
      '# kics-scan ignore-line',
      'ADD a /a',
      '# dockerfile-utils: ignore',
      'RUN apt-get install -y openssh-server',
      '# hadolint ignore=DL3020',
      'ADD b /b',
      '# kics-scan ignore-block',
      'FROM node',
      'ADD c /c',
      '',
    ].join('\n');
    dir = tempTree({ Dockerfile: text, 'Dockerfile.2': text.replace('#trivy:ignore:AVD-DS-0001\n', '').replace('# hadolint ignore', '# nothing'), '.bulkhead.yaml': 'failOn: none\n' });
    const r = cli(['lint', '--format', 'json', '--jobs', '1'], dir);
    assert.deepEqual([r.status, r.stderr], [0, '']);
    const got = (JSON.parse(r.stdout) as JsonReport).files.map((f) => `${f.path}: ${f.findings.filter((x) => LOOKED_AT.has(x.code) || x.code === 'BH003').map((x) => `${x.code}/${x.severity}`).join(' ')}`);
    // Dockerfile.2: no Trivy comment (image-tag on line 5) and no hadolint comment (ADD b).
    assert.deepEqual(got, ['Dockerfile: ', 'Dockerfile.2: BH002/warning BH004/warning']);
  });

  it('hands rules the .dockerignore that applies: <name>.dockerignore, else the context\'s .dockerignore', () => {
    const copy = 'FROM alpine:3.20\nCOPY config/app.yml /etc/app.yml\nUSER 1\n';
    dir = tempTree({ 'app/Dockerfile': copy, 'app/web.Dockerfile': copy, 'app/.dockerignore': 'config/\n', 'app/web.Dockerfile.dockerignore': 'docs/\n', 'ctx/.dockerignore': 'config/app.yml\n' });
    const r = lint(dir);
    assert.deepEqual(r.files, ['app/Dockerfile: BH314/warning', 'app/web.Dockerfile:']);
    assert.match(r.report.files[0]?.findings.find((f) => f.code === 'BH314')?.message ?? '', /excluded by app\/\.dockerignore/);
    write(dir, 'app/.dockerignore', '');
    const withContext = lint(dir, '--context', 'ctx', 'app/Dockerfile');
    assert.match(withContext.report.files[0]?.findings.find((f) => f.code === 'BH314')?.message ?? '', /excluded by ctx\/\.dockerignore/);
    const bad = cli(['lint', '--context', 'nope', 'app'], dir);
    assert.deepEqual([bad.status, bad.stderr], [2, 'bulkhead: --context must be a folder, not "nope" (bulkhead --help shows usage)\n']);
  });
});
