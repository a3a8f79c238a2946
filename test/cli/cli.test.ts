import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { parse as parseYaml } from 'yaml';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const APP = 'FROM node:20.11-bookworm-slim\nWORKDIR /app\nADD package.json ./\nCOPY . .\nCMD ["node", "server.js"]\n';
const SSH = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl openssh-server\nEXPOSE 22 80\nUSER 1000\n';
const CLEAN = 'FROM alpine:3.20\nUSER 65532:65532\nCMD ["true"]\n';

describe('CLI', function () {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cli-'));
    fs.mkdirSync(path.join(dir, 'svc', 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), APP);
    fs.writeFileSync(path.join(dir, 'svc', 'api.Dockerfile'), SSH);
    fs.writeFileSync(path.join(dir, 'svc', 'Containerfile'), CLEAN);
    fs.writeFileSync(path.join(dir, 'svc', 'node_modules', 'x', 'Dockerfile'), 'FROM node\n');
    fs.writeFileSync(path.join(dir, 'svc', 'README.md'), '# not a Dockerfile\n');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lints a folder in text, with exit status 1 on findings', () => {
    const r = run(['lint'], dir);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      [
        'Dockerfile:1:6: warning BH001 root-user: The container runs as root: no USER instruction sets a non-root user in the final stage. [unsafe fix]',
        'Dockerfile:3:1: warning BH004 add-instead-of-copy: ADD copies local "package.json" that is not an archive; COPY says what it does. [fix]',
        'svc/api.Dockerfile:2:47: error BH003 sshd: Installs the SSH server "openssh-server". [unsafe fix]',
        'svc/api.Dockerfile:3:8: error BH003 sshd: Exposes port 22, the SSH port. [unsafe fix]',
        '',
        '4 findings (2 errors, 2 warnings) in 2 files of 3; 1 fixable with --fix, 3 with --fix --unsafe-fixes.',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '');
  });

  it('exits 0 when nothing reaches the threshold', () => {
    assert.equal(run(['lint', 'svc/Containerfile'], dir).status, 0);
    assert.equal(run(['lint', 'svc/Containerfile'], dir).stdout, 'No findings in 1 file.\n');
    assert.equal(run(['lint', '--fail-on', 'error', 'Dockerfile'], dir).status, 0);
    assert.equal(run(['lint', '--fail-on', 'error', 'svc'], dir).status, 1);
    assert.equal(run(['lint', '--fail-on', 'none', '.'], dir).status, 0);
  });

  it('prints the documented JSON shape with 0-based positions', () => {
    const r = run(['lint', '--format', 'json', 'Dockerfile'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      files: [
        {
          path: 'Dockerfile',
          findings: [
            {
              code: 'BH001',
              name: 'root-user',
              severity: 'warning',
              message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.',
              range: { start: { line: 0, character: 5 }, end: { line: 0, character: 29 } },
              aliases: ['DL3002', 'DS-0002', 'DS002', 'CKV_DOCKER_3', 'CKV_DOCKER_8'],
              fixes: [{ title: 'Add a non-root USER', applicability: 'unsafe' }],
            },
            {
              code: 'BH004',
              name: 'add-instead-of-copy',
              severity: 'warning',
              message: 'ADD copies local "package.json" that is not an archive; COPY says what it does.',
              range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } },
              aliases: ['DL3020', 'DS-0005', 'DS005', 'CKV_DOCKER_4'],
              fixes: [{ title: 'Use COPY instead of ADD', applicability: 'safe' }],
            },
          ],
        },
      ],
    });
  });

  it('writes SARIF 2.1.0 that the official schema accepts', () => {
    const r = run(['lint', '--format', 'sarif', '.'], dir);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[] };
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false, logger: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as object);
    assert.equal(validate(log), true, JSON.stringify(validate.errors));
    // The validator does reject a broken log.
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    const run0 = log.runs[0];
    assert.ok(run0);
    assert.deepEqual(run0.tool.driver.rules.map((x) => x.id), ['BH001', 'BH002', 'BH003', 'BH004', 'BH005']);
    assert.deepEqual(run0.results[2], {
      ruleId: 'BH003',
      ruleIndex: 2,
      level: 'error',
      message: { text: 'Installs the SSH server "openssh-server".' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'svc/api.Dockerfile' }, region: { startLine: 2, startColumn: 47, endLine: 2, endColumn: 61 } } }],
    });
  });

  it('--fix applies safe fixes in place, --unsafe-fixes the rest, and re-lints', () => {
    const safe = run(['lint', '--fix', 'Dockerfile'], dir);
    assert.equal(safe.status, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), APP.replace('ADD package.json', 'COPY package.json'));
    assert.match(safe.stdout, /^Dockerfile: fixed BH004 Use COPY instead of ADD\nDockerfile:1:6: warning BH001 root-user/);
    const all = run(['lint', '--fix', '--unsafe-fixes', '.'], dir);
    assert.equal(all.status, 0, all.stdout);
    assert.equal(
      fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      'FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY --chown=10001:10001 package.json ./\nCOPY --chown=10001:10001 . .\n' +
        'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\nCMD ["node", "server.js"]\n',
    );
    assert.equal(fs.readFileSync(path.join(dir, 'svc', 'api.Dockerfile'), 'utf8'), 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nEXPOSE 80\nUSER 1000\n');
    assert.equal(fs.readFileSync(path.join(dir, 'svc', 'Containerfile'), 'utf8'), CLEAN, 'clean files are not rewritten');
    assert.equal(all.stdout, 'Dockerfile: fixed BH001 Add a non-root USER\nsvc/api.Dockerfile: fixed BH003 Remove the SSH server\n\nApplied 2 fixes. No findings in 3 files.\n');
  });

  it('reads a config file (JSON or YAML) and rejects a malformed one', () => {
    fs.writeFileSync(path.join(dir, '.bulkhead.yaml'), 'rules:\n  root-user: "off"\n  DL3020: error\nignore: [sshd]\nfailOn: error\n');
    const r = run(['lint', '--format', 'json', '.'], dir);
    assert.equal(r.status, 1);
    const files = (JSON.parse(r.stdout) as { files: { path: string; findings: { code: string; severity: string }[] }[] }).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.findings.map((x) => `${x.code}/${x.severity}`)]),
      [
        ['Dockerfile', ['BH004/error']],
        ['svc/api.Dockerfile', []],
        ['svc/Containerfile', []],
      ],
    );
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"rules": {"root-user": "loud"}}');
    const bad = run(['lint', '--config', 'bad.json'], dir);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'bulkhead: invalid config bad.json: rule "root-user" has level "loud"; use error, warning, info, hint or off\n');
  });

  it('exits 2 with a clear message on usage and I/O errors', () => {
    const missing = run(['lint', 'nope'], dir);
    assert.deepEqual([missing.status, missing.stderr], [2, 'bulkhead: no such file or folder: nope\n']);
    const format = run(['lint', '--format', 'xml'], dir);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /^bulkhead: --format must be one of text, json, sarif\n\nUsage:/);
    assert.equal(run(['frobnicate'], dir).status, 2);
    assert.equal(run(['lint', '--unsafe-fixes'], dir).status, 2);
    assert.equal(run([], dir).status, 2);
    assert.equal(run(['--help'], dir).status, 0);
    assert.match(run(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('survives binary and odd files', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile.bin'), Buffer.from([0, 1, 2, 255, 254, 10, 70, 82, 79, 77]));
    fs.writeFileSync(path.join(dir, 'Dockerfile.crlf'), '\uFEFFFROM node\r\nADD a /a\r\n');
    const r = run(['lint', '--format', 'json', 'Dockerfile.bin', 'Dockerfile.crlf'], dir);
    assert.equal(r.stderr, '');
    const files = (JSON.parse(r.stdout) as { files: { findings: { code: string }[] }[] }).files;
    assert.deepEqual(files[1]?.findings.map((f) => f.code), ['BH001', 'BH002', 'BH004']);
  });

  it('prints the runtime manifest as JSON or YAML', () => {
    const json = run(['manifest', 'Dockerfile'], dir);
    assert.equal(json.status, 0);
    const m = JSON.parse(json.stdout) as { user: { isRoot: boolean; source: string }; workdir: string; cmd: { form: string; command: string[] }; findings: unknown[] };
    assert.deepEqual([m.user.isRoot, m.user.source, m.workdir, m.cmd.form, m.cmd.command], [true, 'default', '/app', 'exec', ['node', 'server.js']]);
    assert.equal(m.findings.length, 2);
    const yaml = run(['manifest', 'svc/api.Dockerfile', '--format', 'yaml'], dir);
    assert.equal(yaml.status, 0);
    const y = parseYaml(yaml.stdout) as { ports: { port: number }[]; user: { value: string; uid: number } };
    assert.deepEqual(y.ports.map((p) => p.port), [22, 80]);
    assert.deepEqual([y.user.value, y.user.uid], ['1000', 1000]);
    assert.equal(run(['manifest'], dir).status, 2);
  });

  it('lists the rules as JSON', () => {
    const r = run(['rules', '--format', 'json'], dir);
    assert.equal(r.status, 0);
    const rules = JSON.parse(r.stdout) as { code: string; name: string; fixable: string; aliases: string[]; category: string; severity: string }[];
    assert.deepEqual(
      rules.map((x) => [x.code, x.name, x.category, x.severity, x.fixable]),
      [
        ['BH001', 'root-user', 'privileges', 'warning', 'unsafe'],
        ['BH002', 'image-tag', 'supply-chain', 'warning', 'none'],
        ['BH003', 'sshd', 'attack-surface', 'error', 'unsafe'],
        ['BH004', 'add-instead-of-copy', 'build-hygiene', 'warning', 'safe'],
        ['BH005', 'curl-pipe-shell', 'supply-chain', 'warning', 'none'],
      ],
    );
    assert.deepEqual(rules[1]?.aliases, ['DL3006', 'DL3007', 'DS-0001', 'DS001', 'CKV_DOCKER_7']);
  });
});
