import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP, CLEAN, SSH, SSH_LINES, cli, read, removeTree, tempTree, write } from './cli-helpers';

const APP_SAFE = APP.replace('ADD package.json', 'COPY package.json');
const APP_ALL =
  'FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY --chown=10001:10001 package.json ./\nCOPY --chown=10001:10001 src/ ./\n' +
  'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && chown 10001:10001 /app\n' +
  'USER 10001:10001\nCMD ["node", "server.js"]\n';
const SSH_ALL = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 8080\nUSER 1000\n';
/** What no fix can do: pin curl's version (BH104, info, below the default threshold). */
const SSH_ALL_LEFT = 'svc/api.Dockerfile:2:23: info BH104 unpinned-system-package: apt-get install installs curl without a version.';

describe('CLI: bulkhead lint --fix', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempTree({ Dockerfile: APP, 'svc/api.Dockerfile': SSH, 'svc/Containerfile': CLEAN });
  });

  afterEach(() => removeTree(dir));

  it('applies safe fixes only, says what it fixed, and reports what remains', () => {
    const r = cli(['lint', '--fix', '.'], dir);
    assert.equal(read(dir, 'Dockerfile'), APP_SAFE);
    assert.equal(read(dir, 'svc/api.Dockerfile'), SSH, 'unsafe fixes need --unsafe-fixes');
    assert.equal(
      r.stdout,
      [
        'Dockerfile: fixed BH004 Use COPY instead of ADD',
        'Dockerfile:1:6: warning BH001 root-user: The container runs as root: no USER instruction sets a non-root user in the final stage. [unsafe fix]',
        ...SSH_LINES,
        '',
        'Applied 1 fix. 6 findings (2 errors, 2 warnings, 2 info) in 2 files of 3; 5 with --fix --unsafe-fixes.',
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
  });

  it('--unsafe-fixes applies the rest, and the exit status follows what remains', () => {
    const past = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(path.join(dir, 'svc', 'Containerfile'), past, past);
    const r = cli(['lint', '--fix', '--unsafe-fixes'], dir);
    assert.equal(read(dir, 'Dockerfile'), APP_ALL);
    assert.equal(read(dir, 'svc/api.Dockerfile'), SSH_ALL);
    assert.equal(read(dir, 'svc/Containerfile'), CLEAN);
    assert.equal(fs.statSync(path.join(dir, 'svc', 'Containerfile')).mtime.getTime(), past.getTime(), 'a file without fixes is not written');
    assert.equal(
      r.stdout,
      [
        'Dockerfile: fixed BH001 Add a non-root USER',
        'Dockerfile: fixed BH004 Use COPY instead of ADD',
        'svc/api.Dockerfile: fixed BH102 Remove the apt lists at the end of the RUN',
        'svc/api.Dockerfile: fixed BH101 Add --no-install-recommends',
        'svc/api.Dockerfile: fixed BH003 Remove the SSH server',
        SSH_ALL_LEFT,
        '',
        'Applied 5 fixes. 1 finding (1 info) in 1 file of 3.',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 0, 'an info finding is below the default threshold');
    const again = cli(['lint', '--fix', '--unsafe-fixes'], dir);
    assert.deepEqual([again.status, again.stdout], [0, `${SSH_ALL_LEFT}\n\n1 finding (1 info) in 1 file of 3.\n`], 'a second run has nothing to do');
    assert.equal(read(dir, 'svc/api.Dockerfile'), SSH_ALL);
  });

  it('reports the findings left after fixing in JSON, in the documented shape', () => {
    const r = cli(['lint', '--fix', '--format', 'json', 'Dockerfile'], dir);
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
              // No USER at all: Trivy's DS-0002 and Checkov's CKV_DOCKER_3; hadolint's DL3002 and Checkov's CKV_DOCKER_8 flag a last USER root.
              aliases: ['DS-0002', 'DS002', 'AVD-DS-0002', 'CKV_DOCKER_3'],
              fixes: [{ title: 'Add a non-root USER', applicability: 'unsafe' }],
            },
          ],
        },
      ],
    });
  });

  it('keeps the byte order mark and CRLF line breaks', () => {
    const bom = '\uFEFF';
    write(dir, 'win/Dockerfile', `${bom}FROM debian:12\r\nRUN apt-get install -y openssh-server curl\r\nADD a.txt /a\r\nCMD ["app"]\r\n`);
    cli(['lint', '--fix', 'win'], dir);
    assert.equal(read(dir, 'win/Dockerfile'), `${bom}FROM debian:12\r\nRUN apt-get install -y openssh-server curl\r\nCOPY a.txt /a\r\nCMD ["app"]\r\n`);
    cli(['lint', '--fix', '--unsafe-fixes', 'win'], dir);
    assert.equal(
      read(dir, 'win/Dockerfile'),
      `${bom}FROM debian:12\r\nRUN apt-get install --no-install-recommends -y curl\r\nCOPY a.txt /a\r\n` +
        'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\r\n' +
        'USER 10001:10001\r\nCMD ["app"]\r\n',
    );
  });

  it('keeps the bytes of a file that is not UTF-8 where no fix touched them', () => {
    const latin1 = Buffer.concat([Buffer.from('FROM node:20-slim\n# caf'), Buffer.from([0xe9]), Buffer.from(' au lait\nADD a.txt /a\nUSER 1000\n')]);
    write(dir, 'latin1/Dockerfile', latin1);
    const r = cli(['lint', '--fix', 'latin1'], dir);
    assert.equal(r.stdout, 'latin1/Dockerfile: fixed BH004 Use COPY instead of ADD\n\nApplied 1 fix. No findings in 1 file.\n');
    assert.deepEqual(fs.readFileSync(path.join(dir, 'latin1', 'Dockerfile')), Buffer.from(latin1.toString('latin1').replace('ADD', 'COPY'), 'latin1'));
  });

  it('leaves alone what the config turns off', () => {
    write(dir, '.bulkhead.json', '{"ignore": ["DL3020"]}');
    const r = cli(['lint', '--fix', '--unsafe-fixes', 'Dockerfile'], dir);
    assert.equal(r.status, 0);
    assert.equal(read(dir, 'Dockerfile'), APP_ALL.replace('COPY --chown=10001:10001 package.json', 'ADD --chown=10001:10001 package.json'));
  });
});
