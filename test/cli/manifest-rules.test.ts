import { strict as assert } from 'node:assert';
import { parse as parseYaml } from 'yaml';
import type { RuntimeManifest } from '../../shared/src/protocol';
import { RULES } from '../../server/src/rules/index';
import { APP, cli, removeTree, tempTree } from './cli-helpers';

const MULTI_STAGE = [
  'ARG PORT=8080',
  'FROM python:3.12-slim AS base',
  'ENV APP_HOME=/srv API_TOKEN=abc',
  'WORKDIR $APP_HOME',
  '',
  'FROM base',
  'ARG PORT',
  'EXPOSE ${PORT} 53/udp $OTHER',
  'USER 10001:10001',
  'ENTRYPOINT ["python", "-m", "app"]',
  'CMD exec serve --port $PORT',
  '',
].join('\n');

describe('CLI: bulkhead manifest', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempTree({ Dockerfile: APP, 'multi.Dockerfile': MULTI_STAGE });
  });

  afterEach(() => removeTree(dir));

  it('prints the runtime manifest as JSON: user, ports, cmd and the findings', () => {
    const r = cli(['manifest', 'Dockerfile'], dir);
    assert.deepEqual([r.status, r.stderr], [0, '']);
    const m = JSON.parse(r.stdout) as RuntimeManifest;
    assert.deepEqual(m.user, { value: 'root', user: 'root', group: null, uid: 0, gid: 0, isRoot: true, numeric: false, source: 'default', line: null });
    assert.deepEqual(m.ports, []);
    assert.equal(m.workdir, '/app');
    assert.deepEqual(m.cmd, { form: 'exec', command: ['node', 'server.js'], effective: ['node', 'server.js'], line: 4 });
    assert.deepEqual(
      m.findings.map((f) => [f.code, f.line]),
      [
        ['BH001', 0],
        ['BH004', 2],
      ],
    );
  });

  it('prints YAML without anchors, for the final stage of a multi-stage build', () => {
    const r = cli(['manifest', '--format', 'yaml', 'multi.Dockerfile'], dir);
    assert.equal(r.status, 0);
    assert.equal(/[&*]a\d/.test(r.stdout), false, 'no YAML anchors or aliases');
    const m = parseYaml(r.stdout) as RuntimeManifest;
    assert.equal(m.finalStage, 1);
    assert.deepEqual(m.user, { value: '10001:10001', user: '10001', group: '10001', uid: 10001, gid: 10001, isRoot: false, numeric: true, source: 'USER', line: 8 });
    assert.deepEqual(m.ports, [
      { port: 8080, written: '${PORT}', protocol: 'tcp', line: 7 },
      { port: 53, written: '53/udp', protocol: 'udp', line: 7 },
      { port: null, written: '$OTHER', protocol: 'tcp', line: 7 },
    ]);
    assert.deepEqual(m.entrypoint, { form: 'exec', command: ['python', '-m', 'app'], effective: ['python', '-m', 'app'], line: 9 });
    assert.deepEqual(m.cmd, { form: 'shell', command: ['exec serve --port $PORT'], effective: ['/bin/sh', '-c', 'exec serve --port $PORT'], line: 10 });
    assert.equal(m.workdir, '/srv');
    assert.deepEqual(
      m.env.map((e) => [e.name, e.value, e.masked]),
      [
        ['APP_HOME', '/srv', false],
        ['API_TOKEN', '••••••••', true],
      ],
    );
    // The findings are the whole file's, with 0-based lines: the token in ENV, DNS's low port for a non-root user, and the shell-form CMD.
    assert.deepEqual(m.findings, [
      { code: 'BH312', name: 'secret-env', severity: 'warning', message: 'ENV "API_TOKEN" looks like it holds a secret, which the image would keep.', line: 2 },
      {
        code: 'BH423',
        name: 'privileged-port-non-root',
        severity: 'info',
        message: 'EXPOSE port 53 is below 1024 but the container runs as 10001:10001: listen on 8053 instead, or the container needs the NET_BIND_SERVICE capability.',
        line: 7,
      },
      { code: 'BH211', name: 'shell-form-command', severity: 'warning', message: 'CMD in shell form is passed to the exec-form ENTRYPOINT as the arguments "/bin/sh", "-c" and the command text.', line: 10 },
    ]);
  });

  it('exits 2 on a missing file, a folder, two files or a bad format', () => {
    const cases: [string[], string][] = [
      [['manifest'], 'bulkhead: manifest takes exactly one Dockerfile (bulkhead --help shows usage)\n'],
      [['manifest', 'Dockerfile', 'multi.Dockerfile'], 'bulkhead: manifest takes exactly one Dockerfile (bulkhead --help shows usage)\n'],
      [['manifest', 'nope'], 'bulkhead: no such file: nope\n'],
      [['manifest', '.'], 'bulkhead: . is not a file\n'],
      [['manifest', '--format', 'sarif', 'Dockerfile'], 'bulkhead: --format must be json or yaml, not "sarif" (bulkhead --help shows usage)\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = cli(args, dir);
      assert.deepEqual([r.status, r.stdout, r.stderr], [2, '', stderr], args.join(' '));
    }
  });
});

describe('CLI: bulkhead rules', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempTree({});
  });

  afterEach(() => removeTree(dir));

  it('lists every rule as JSON: code, name, category, severity, flat aliases, fixable, summary', () => {
    const r = cli(['rules', '--format', 'json'], dir);
    assert.equal(r.status, 0);
    const rules = JSON.parse(r.stdout) as Record<string, unknown>[];
    // Every rule of the registry, in its order (by code), including rules that are off by default.
    assert.deepEqual(
      rules.map((x) => [x.code, x.name, x.category, x.severity, x.fixable]),
      RULES.map((x) => [x.code, x.name, x.category, x.severity, x.fixable]),
    );
    assert.deepEqual(
      rules.map((x) => x.code),
      RULES.map((x) => x.code).sort(),
    );
    assert.deepEqual(
      rules.map((x) => x.aliases),
      RULES.map((x) => x.aliases.map((a) => a.id)),
    );
    assert.deepEqual(
      rules.map((x) => x.summary),
      RULES.map((x) => x.docs.summary),
    );
    for (const x of rules) assert.deepEqual(Object.keys(x), ['code', 'name', 'category', 'severity', 'aliases', 'fixable', 'summary'], String(x.code));
    assert.deepEqual(
      rules.slice(0, 5).map((x) => [x.code, x.name, x.category, x.severity, x.fixable]),
      [
        ['BH001', 'root-user', 'privileges', 'warning', 'unsafe'],
        ['BH002', 'image-tag', 'supply-chain', 'warning', 'none'],
        ['BH003', 'sshd', 'attack-surface', 'error', 'unsafe'],
        ['BH004', 'add-instead-of-copy', 'build-hygiene', 'warning', 'safe'],
        ['BH005', 'curl-pipe-shell', 'supply-chain', 'warning', 'none'],
      ],
    );
    assert.deepEqual(
      rules.find((x) => x.code === 'BH002'),
      {
        code: 'BH002',
        name: 'image-tag',
        category: 'supply-chain',
        severity: 'warning',
        aliases: ['DL3006', 'DL3007', 'DS-0001', 'DS001', 'AVD-DS-0001', 'CKV_DOCKER_7'],
        fixable: 'none',
        summary: 'A base image has no tag, or the `latest` tag.',
      },
    );
    assert.deepEqual(
      rules.find((x) => x.code === 'BH101'),
      {
        code: 'BH101',
        name: 'no-install-recommends',
        category: 'attack-surface',
        severity: 'info',
        aliases: ['DL3015', 'DS-0029', 'DS029', 'AVD-DS-0029'],
        fixable: 'unsafe',
        summary: '`apt-get install` also installs every recommended package.',
      },
    );
  });

  it('lists every rule as text, one line each', () => {
    const r = cli(['rules'], dir);
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, RULES.length + 1);
    assert.equal(lines[2], 'BH003  sshd                   error    fix: unsafe  The image installs, starts or exposes an SSH server.');
  });
});
