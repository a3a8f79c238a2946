import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP, CLEAN, CLI, SSH, SSH_LINES, cli, removeTree, tempTree, write } from './cli-helpers';
import { REPO_ROOT } from '../paths';

const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const ROOT_MESSAGE = 'The container runs as root: no USER instruction sets a non-root user in the final stage.';

describe('CLI: bulkhead lint', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempTree({
      Dockerfile: APP,
      'svc/api.Dockerfile': SSH,
      'svc/Containerfile': CLEAN,
      'svc/node_modules/x/Dockerfile': 'FROM node\n',
      'svc/README.md': '# not a Dockerfile\n',
    });
  });

  afterEach(() => removeTree(dir));

  it('searches the current folder, prints one line per finding and a summary, and exits 1', () => {
    const r = cli(['lint'], dir);
    assert.equal(
      r.stdout,
      [
        `Dockerfile:1:6: warning BH001 root-user: ${ROOT_MESSAGE} [unsafe fix]`,
        'Dockerfile:3:1: warning BH004 add-instead-of-copy: ADD copies local "package.json" that is not an archive; COPY says what it does. [fix]',
        ...SSH_LINES,
        '',
        '7 findings (2 errors, 3 warnings, 2 info) in 2 files of 3; 1 fixable with --fix, 5 with --fix --unsafe-fixes.',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
  });

  it('exits 0 below the failure threshold (default warning), 1 at or above it', () => {
    const clean = cli(['lint', 'svc/Containerfile'], dir);
    assert.deepEqual([clean.status, clean.stdout], [0, 'No findings in 1 file.\n']);
    assert.equal(cli(['lint', '--fail-on', 'error', 'Dockerfile'], dir).status, 0, 'warnings only');
    assert.equal(cli(['lint', '--fail-on', 'error', 'svc'], dir).status, 1, 'sshd is an error');
    assert.equal(cli(['lint', '--fail-on', 'hint', 'Dockerfile'], dir).status, 1);
    assert.equal(cli(['lint', '--fail-on', 'none', '.'], dir).status, 0);
    write(dir, '.bulkhead.json', '{"rules": {"image-tag": "info"}}');
    write(dir, 'info.Dockerfile', 'FROM alpine\nUSER 1000\n');
    const info = cli(['lint', 'info.Dockerfile'], dir);
    assert.equal(info.status, 0, 'an info finding does not fail at the default threshold');
    assert.match(info.stdout, /^info\.Dockerfile:1:6: info BH002 image-tag: /);
    assert.match(info.stdout, /\n1 finding \(1 info\) in 1 file of 1\.\n$/);
    assert.equal(cli(['lint', '--fail-on', 'info', 'info.Dockerfile'], dir).status, 1);
  });

  it('prints the documented JSON: 0-based positions, flat aliases, fix applicability', () => {
    const r = cli(['lint', '--format', 'json', 'Dockerfile', 'svc/Containerfile'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), {
      files: [
        {
          path: 'Dockerfile',
          findings: [
            {
              code: 'BH001',
              name: 'root-user',
              severity: 'warning',
              message: ROOT_MESSAGE,
              range: { start: { line: 0, character: 5 }, end: { line: 0, character: 29 } },
              // No USER at all: Trivy's DS-0002 and Checkov's CKV_DOCKER_3; hadolint's DL3002 and Checkov's CKV_DOCKER_8 flag a last USER root.
              aliases: ['DS-0002', 'DS002', 'AVD-DS-0002', 'CKV_DOCKER_3'],
              fixes: [{ title: 'Add a non-root USER', applicability: 'unsafe' }],
            },
            {
              code: 'BH004',
              name: 'add-instead-of-copy',
              severity: 'warning',
              message: 'ADD copies local "package.json" that is not an archive; COPY says what it does.',
              range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } },
              aliases: ['DL3020', 'DS-0005', 'DS005', 'AVD-DS-0005', 'CKV_DOCKER_4'],
              fixes: [{ title: 'Use COPY instead of ADD', applicability: 'safe' }],
            },
          ],
        },
        { path: 'svc/Containerfile', findings: [] },
      ],
    });
  });

  it('finds Docker’s file names in folders, skips node_modules, .git and .dockerignore files, and lints each file once', () => {
    for (const name of ['prod.Dockerfile', 'app.dockerfile', 'Dockerfile.dev', 'Containerfile.ci', 'deep/er/Dockerfile']) write(dir, `more/${name}`, CLEAN);
    for (const name of ['dockerfile', 'Dockerfile.dockerignore', 'prod.Dockerfile.dockerignore', 'MyDockerfile', 'Dockerfile-old', '.git/Dockerfile', 'node_modules/Dockerfile']) {
      write(dir, `more/${name}`, 'FROM node\n');
    }
    fs.symlinkSync(path.join(dir, 'svc', 'api.Dockerfile'), path.join(dir, 'more', 'linked.Dockerfile'));
    fs.symlinkSync(path.join(dir, 'svc'), path.join(dir, 'more', 'linked-folder'));
    const r = cli(['lint', '--format', 'json', '--fail-on', 'none', 'more', 'more/Dockerfile.dev', 'Dockerfile', './Dockerfile'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const files = (JSON.parse(r.stdout) as { files: { path: string; findings: { code: string }[] }[] }).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.findings.map((x) => x.code).join(',')]),
      [
        ['more/Containerfile.ci', ''],
        ['more/Dockerfile.dev', ''],
        ['more/app.dockerfile', ''],
        ['more/deep/er/Dockerfile', ''],
        ['more/linked.Dockerfile', 'BH102,BH101,BH104,BH003,BH003'],
        ['more/prod.Dockerfile', ''],
        ['Dockerfile', 'BH001,BH004'],
      ],
    );
  });

  it('warns when a folder holds no Dockerfile, and exits 0', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = cli(['lint', 'empty'], dir);
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, 'No findings in 0 files.\n', 'bulkhead: no Dockerfiles found in empty\n']);
  });

  it('reports a missing or oversized path on one line, still lints the rest, and exits 2', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile.big'), '');
    fs.truncateSync(path.join(dir, 'Dockerfile.big'), 33 * 1024 * 1024);
    const r = cli(['lint', 'nope', 'svc/api.Dockerfile', 'Dockerfile.big'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, [...SSH_LINES, '', '5 findings (2 errors, 1 warning, 2 info) in 1 file of 1; 4 with --fix --unsafe-fixes.', ''].join('\n'));
    assert.equal(r.stderr, 'bulkhead: no such file or folder: nope\nbulkhead: Dockerfile.big is 33 MiB; bulkhead lints files up to 32 MiB\n');
  });

  it('skips binary files, and lints CRLF, BOM and large files', () => {
    write(dir, 'bin/Dockerfile.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 70, 82, 79, 77, 10]));
    write(dir, 'odd/Dockerfile', '\uFEFFFROM node\r\nADD a.txt /a\r\n');
    write(dir, 'big/Dockerfile', `FROM node:20-slim\n${'RUN echo hello && apt-get install -y --no-install-recommends curl\nADD a.txt /a\n'.repeat(30_000)}`);
    const r = cli(['lint', '--format', 'json', 'bin', 'odd', 'big'], dir);
    assert.equal(r.stderr, 'bulkhead: bin/Dockerfile.gz is a binary file; skipped\n');
    assert.equal(r.status, 1);
    const files = (JSON.parse(r.stdout) as { files: { path: string; findings: { code: string; range: { start: { line: number; character: number } } }[] }[] }).files;
    assert.deepEqual(files.map((f) => f.path), ['odd/Dockerfile', 'big/Dockerfile']);
    // Columns as an editor shows them: the byte order mark is not a character of the first line.
    assert.deepEqual(files[0]?.findings.map((f) => [f.code, f.range.start.line, f.range.start.character]), [
      ['BH001', 0, 5],
      ['BH002', 0, 5],
      ['BH004', 1, 0],
    ]);
    assert.equal(files[1]?.findings.length, 60_001);
    const tally = new Map<string, number>();
    for (const f of files[1]?.findings ?? []) tally.set(f.code, (tally.get(f.code) ?? 0) + 1);
    // Root once; each RUN installs curl without a version (info) and each ADD copies a plain file.
    assert.deepEqual(Object.fromEntries(tally), { BH001: 1, BH104: 30_000, BH004: 30_000 });
  });

  it('uses no ANSI colour when stdout is not a terminal, even without NO_COLOR', () => {
    const r = cli(['lint', 'Dockerfile'], dir, { NO_COLOR: undefined, FORCE_COLOR: undefined });
    assert.equal(r.status, 1);
    assert.ok(r.stdout.length > 0);
    assert.equal(r.stdout.includes('\u001b'), false);
  });

  it('stops quietly when the reader closes the pipe early', () => {
    write(dir, 'many/Dockerfile', `FROM node:20-slim\n${'ADD a.txt /a\n'.repeat(5000)}`);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" lint --format json many | head -c 10`], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stdout, '{\n  "files');
    assert.equal(r.stderr, '');
  });

  it('exits 2 with a one-line message on usage errors', () => {
    const cases: [string[], string][] = [
      [['lint', '--format', 'xml'], 'bulkhead: --format must be text, json or sarif, not "xml" (bulkhead --help shows usage)\n'],
      [['lint', '--fail-on', 'loud'], 'bulkhead: --fail-on must be error, warning, info, hint or none, not "loud" (bulkhead --help shows usage)\n'],
      [['lint', '--unsafe-fixes'], 'bulkhead: --unsafe-fixes needs --fix (bulkhead --help shows usage)\n'],
      [['frobnicate'], 'bulkhead: unknown command "frobnicate"; expected lint, manifest or rules (bulkhead --help shows usage)\n'],
      [['rules', 'extra'], 'bulkhead: rules takes no argument, got "extra" (bulkhead --help shows usage)\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = cli(args, dir);
      assert.deepEqual([r.status, r.stdout, r.stderr], [2, '', stderr], args.join(' '));
    }
    const unknownOption = cli(['lint', '--frob'], dir);
    assert.equal(unknownOption.status, 2);
    assert.match(unknownOption.stderr, /^bulkhead: Unknown option '--frob'.* \(bulkhead --help shows usage\)\n$/);
  });

  it('prints usage for --help (exit 0) and on stderr without a command (exit 2), and the version', () => {
    const help = cli(['--help'], dir);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage:\n {2}bulkhead lint \[paths…\] \[--format text\|json\|sarif\] \[--fix \[--unsafe-fixes\]\] \[--config FILE\] \[--fail-on LEVEL\] \[--context DIR\] \[--jobs N\] \[--online\]\n/);
    assert.equal(cli(['lint', '--help'], dir).stdout, help.stdout);
    const none = cli([], dir);
    assert.deepEqual([none.status, none.stdout, none.stderr], [2, '', help.stdout]);
    assert.deepEqual([cli(['--version'], dir).stdout, cli(['-v'], dir).status], [`${version}\n`, 0]);
  });

  it('starts with a shebang and is executable, as package.json "bin" needs', () => {
    assert.equal(fs.readFileSync(CLI, 'utf8').split('\n')[0], '#!/usr/bin/env node');
    assert.notEqual(fs.statSync(CLI).mode & 0o111, 0);
  });
});
