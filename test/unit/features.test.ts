import { strict as assert } from 'node:assert';
import { parsePragma } from '../../server/src/config/pragmas';
import { normalizeSettings, resolveSettings } from '../../server/src/config/settings';
import { lintText } from '../../server/src/engine';
import { codeActions, FIX_ALL_KIND, globalIgnoreEdit, ignoreEdit, resolveCodeAction } from '../../server/src/features/code-actions';
import { applyEdits, fixText } from '../../server/src/features/fix';
import { hover } from '../../server/src/features/hover';
import { lintDelay } from '../../server/src/features/diagnostics';
import { buildManifest } from '../../server/src/features/manifest';

function codes(text: string, settings?: Parameters<typeof lintText>[1]): string[] {
  return lintText(text, settings).findings.map((f) => `${f.name}@${f.range.start.line}`);
}

describe('ignore comments', () => {
  it('parses both dialects, global or not, with a reason', () => {
    assert.deepEqual(parsePragma('# bulkhead ignore=root-user,BH002 base image drops privileges', 3), {
      dialect: 'bulkhead',
      global: false,
      keys: ['root-user', 'BH002'],
      codes: ['BH001', 'BH002'],
      line: 3,
      reason: 'base image drops privileges',
    });
    assert.deepEqual(parsePragma('#hadolint global ignore=DL3006, DL3020', 0)?.codes, ['BH002', 'BH004']);
    assert.equal(parsePragma('# just a comment', 0), undefined);
    assert.equal(parsePragma('# bulkhead ignore=', 0), undefined);
  });

  it('applies to the next instruction only, or to the file', () => {
    const text = 'FROM node\n# bulkhead ignore=image-tag\n\n# another comment\nFROM python\nFROM ruby\nADD a /a\n';
    assert.deepEqual(codes(text), ['image-tag@0', 'root-user@5', 'image-tag@5', 'add-instead-of-copy@6']);
    assert.deepEqual(codes(`# bulkhead global ignore=BH002,DL3020\n${text}`), ['root-user@6']);
    assert.deepEqual(codes('FROM node\n# hadolint ignore=DL3006\nFROM python\nUSER 1\n'), ['image-tag@0']);
  });
});

describe('settings', () => {
  it('overrides severities, turns rules off by any of their names, drops malformed input', () => {
    const s = normalizeSettings({ rules: { DL3006: 'error', 'add-instead-of-copy': 'off', sshd: 'loud' }, ignore: ['BH001', 42], enable: 'yes' });
    assert.deepEqual(s, { enable: true, rules: { DL3006: 'error', 'add-instead-of-copy': 'off' }, ignore: ['BH001'] });
    const result = lintText('FROM node\nADD a /a\n', resolveSettings(s));
    assert.deepEqual(result.findings.map((f) => [f.name, f.severity]), [['image-tag', 'error']]);
    assert.deepEqual(lintText('FROM node\n', resolveSettings({ enable: false, rules: {}, ignore: [] })).findings, []);
  });
});

describe('code actions', () => {
  const uri = 'file:///w/Dockerfile';
  it('never puts an ignore comment above parser directives, and extends an existing one', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM node\n  # bulkhead ignore=image-tag\n  ADD a /a\n';
    const { findings, model } = lintText(text);
    const root = findings.find((f) => f.name === 'root-user');
    assert.ok(root);
    assert.equal(applyEdits(text, [ignoreEdit(model, root)!]), '# syntax=docker/dockerfile:1\n# bulkhead ignore=root-user\nFROM node\n  # bulkhead ignore=image-tag\n  ADD a /a\n');
    assert.equal(applyEdits(text, [globalIgnoreEdit(model, root)]), '# syntax=docker/dockerfile:1\n# bulkhead global ignore=root-user\nFROM node\n  # bulkhead ignore=image-tag\n  ADD a /a\n');
    const add = findings.find((f) => f.name === 'add-instead-of-copy');
    assert.ok(add);
    assert.equal(applyEdits(text, [ignoreEdit(model, add)!]), text.replace('ignore=image-tag', 'ignore=image-tag,add-instead-of-copy'));
  });

  it('offers "fix all" only when a rule has several different fixes, and fix-all only for safe fixes', () => {
    const text = 'FROM alpine:3.20\nADD a /a\nADD b /b\nUSER 1\n';
    const { findings, model } = lintText(text);
    const range = findings[0]!.range;
    const titles = codeActions({ uri, model, findings, range }).map((a) => a.title);
    assert.deepEqual(titles, [
      'Use COPY instead of ADD',
      'Fix all add-instead-of-copy problems in this file',
      'Ignore add-instead-of-copy for this instruction',
      'Ignore add-instead-of-copy in this file',
      'Show documentation for add-instead-of-copy',
    ]);
    const all = codeActions({ uri, model, findings, range, only: ['source.fixAll'] });
    assert.equal(all.length, 1);
    assert.equal(applyEdits(text, all[0]!.edit!.changes![uri]!), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\nUSER 1\n');
    assert.deepEqual(codeActions({ uri, model, findings, range, only: ['refactor'] }), []);
  });

  it('defers file-wide fixes for clients that resolve them, and resolves them to the same edit', () => {
    const text = 'FROM alpine:3.20\nADD a /a\nADD b /b\nUSER 1\n';
    const { findings, model } = lintText(text);
    const range = findings[0]!.range;
    const eager = codeActions({ uri, model, findings, range });
    const lazy = codeActions({ uri, model, findings, range, resolveLater: true });
    assert.deepEqual(lazy.map((a) => a.title), eager.map((a) => a.title));
    const deferred = lazy.filter((a) => !a.edit && !a.command);
    assert.deepEqual(deferred.map((a): unknown[] => [a.title, a.data]), [['Fix all add-instead-of-copy problems in this file', { bulkhead: 'fix-all', uri, codes: ['BH004'], unsafe: true }]]);
    // Resolved, every action is the one an eager request gives (bar the data that identified it).
    for (const a of lazy) {
      const resolved = { ...resolveCodeAction(a, model) };
      delete resolved.data;
      assert.deepEqual(resolved, eager.find((e) => e.title === a.title));
    }
    const [source] = codeActions({ uri, model, findings, range, only: [FIX_ALL_KIND], resolveLater: true });
    assert.equal(applyEdits(text, resolveCodeAction(source!, model).edit!.changes![uri]!), 'FROM alpine:3.20\nCOPY a /a\nCOPY b /b\nUSER 1\n');
    // Nothing safe to fix: no fix-all listed, deferred or not.
    const none = lintText('FROM alpine:3.20\nRUN curl -fsSL https://x | sh\nUSER 1\n');
    for (const resolveLater of [false, true]) {
      assert.deepEqual(codeActions({ uri, model: none.model, findings: none.findings, range, only: [FIX_ALL_KIND], resolveLater }), []);
    }
  });
});

describe('fix loop', () => {
  it('applies safe fixes only unless asked, and reports what it applied', () => {
    const text = 'FROM node:20\nADD a /a\n';
    const safe = fixText(text);
    assert.equal(safe.text, 'FROM node:20\nCOPY a /a\n');
    assert.deepEqual(safe.applied, [{ code: 'BH004', title: 'Use COPY instead of ADD' }]);
    const all = fixText(text, { unsafe: true });
    assert.deepEqual(all.applied.map((a) => a.code), ['BH001', 'BH004']);
    assert.equal(fixText(all.text, { unsafe: true }).applied.length, 0, 'idempotent');
  });
});

describe('hover', () => {
  it('explains instructions and images', () => {
    const { model, findings } = lintText('FROM scratch\nCOPY app /app\nUSER 65532\n');
    const kw = hover(model, findings, { line: 1, character: 2 });
    assert.match((kw?.contents as { value: string }).value, /^\*\*COPY\*\*\n\nCopies files/);
    const img = hover(model, findings, { line: 0, character: 7 });
    assert.match((img?.contents as { value: string }).value, /^\*\*scratch\*\*/);
    assert.equal(hover(model, findings, { line: 1, character: 8 }), null);
  });

  it('explains a finding with its message, or without it for editors that show the message already', () => {
    const { model, findings } = lintText('FROM node:20\nADD a.txt /a\nUSER 1000\n');
    const full = (hover(model, findings, { line: 1, character: 1 })?.contents as { value: string }).value;
    assert.match(full, /^\*\*ADD copies local "a\.txt" that is not an archive; COPY says what it does\.\*\*\n\n`BH004` add-instead-of-copy · warning · safe fix \(joins fix-all\)\n/);
    const bare = hover(model, findings, { line: 1, character: 1 }, { messages: false });
    assert.equal((bare?.contents as { value: string }).value, full.slice(full.indexOf('`BH004`')));
    assert.deepEqual(bare?.range, findings[0]?.range);
  });

  it('shows the parsed image after the findings that cover it', () => {
    const { model, findings } = lintText('FROM node\nUSER 1000\n');
    assert.deepEqual(findings.map((f) => f.name), ['image-tag']);
    const h = hover(model, findings, { line: 0, character: 6 }, { messages: false });
    const parts = (h?.contents as { value: string }).value.split('\n\n---\n\n');
    assert.equal(parts.length, 2);
    assert.match(parts[0] ?? '', /^`BH002` image-tag · /);
    assert.match(parts[1] ?? '', /^\*\*Base image of stage #0\*\*\n\n`docker\.io\/library\/node`\n/);
    assert.match(parts[1] ?? '', /\| Tag \| — \(means `latest`\) \|/);
    assert.deepEqual(h?.range, findings[0]?.range);
  });
});

describe('runtime manifest', () => {
  it('describes what the final stage runs as', () => {
    const text = [
      'ARG PORT=8080',
      'FROM golang:1.22 AS build',
      'ENV GOFLAGS=-mod=vendor',
      'FROM debian:bookworm-slim AS base',
      'ENV APP_HOME=/srv DB_PASSWORD=hunter2',
      'WORKDIR $APP_HOME',
      'LABEL org.opencontainers.image.source="https://example.com/repo" team=payments',
      'EXPOSE 8080/tcp 9090/udp',
      'FROM base',
      'ARG PORT',
      'EXPOSE ${PORT}',
      'WORKDIR app',
      'VOLUME ["/data", "/cache"]',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'USER app',
      'STOPSIGNAL SIGINT',
      'HEALTHCHECK --interval=10s --retries=3 CMD curl -f http://localhost:8080/ || exit 1',
      'ENTRYPOINT ["/entrypoint.sh"]',
      'CMD serve --port $PORT',
      '',
    ].join('\n');
    const { model, findings } = lintText(text);
    const m = buildManifest(model, findings);
    assert.equal(m.finalStage, 2);
    assert.deepEqual(m.baseImages.map((b) => [b.kind, b.resolved]), [
      ['stage', 'base'],
      ['image', 'debian:bookworm-slim'],
    ]);
    assert.deepEqual(m.user, { value: 'app', user: 'app', group: null, uid: null, gid: null, isRoot: false, numeric: false, source: 'USER', line: 14 });
    assert.deepEqual(m.ports.map((p) => [p.port, p.protocol, p.written]), [
      [8080, 'tcp', '8080/tcp'],
      [9090, 'udp', '9090/udp'],
      [8080, 'tcp', '${PORT}'],
    ]);
    assert.deepEqual(m.volumes.map((v) => v.path), ['/data', '/cache']);
    assert.equal(m.workdir, '/srv/app');
    assert.deepEqual(m.shell, ['/bin/bash', '-o', 'pipefail', '-c']);
    assert.deepEqual(m.entrypoint, { form: 'exec', command: ['/entrypoint.sh'], effective: ['/entrypoint.sh'], line: 17 });
    assert.deepEqual(m.cmd, { form: 'shell', command: ['serve --port $PORT'], effective: ['/bin/bash', '-o', 'pipefail', '-c', 'serve --port $PORT'], line: 18 });
    assert.deepEqual(m.healthcheck, {
      disabled: false,
      test: { form: 'shell', command: ['curl -f http://localhost:8080/ || exit 1'], effective: ['/bin/bash', '-o', 'pipefail', '-c', 'curl -f http://localhost:8080/ || exit 1'], line: 16 },
      interval: '10s',
      timeout: null,
      startPeriod: null,
      startInterval: null,
      retries: 3,
      line: 16,
    });
    assert.deepEqual(m.env, [
      { name: 'APP_HOME', value: '/srv', masked: false, line: 4 },
      { name: 'DB_PASSWORD', value: '••••••••', masked: true, line: 4 },
    ]);
    assert.deepEqual(m.labels.map((l) => [l.key, l.value]), [
      ['org.opencontainers.image.source', 'https://example.com/repo'],
      ['team', 'payments'],
    ]);
    assert.equal(m.stopSignal, 'SIGINT');
    const labels = buildManifest(lintText('FROM debian:12\nARG PORT=9000\nENV ROLE=api\nLABEL port=$PORT role="${ROLE}-x" unknown=$NOPE\n').model).labels;
    assert.deepEqual(
      labels.map((l) => [l.key, l.value]),
      [
        ['port', '9000'],
        ['role', 'api-x'],
        ['unknown', '$NOPE'],
      ],
      'LABEL values get ARG and ENV substituted as the builder does; an unknown variable stays as written',
    );
    assert.deepEqual(m.stages.map((s) => [s.name, s.isFinal, s.os]), [
      ['build', false, 'debian'],
      ['base', false, 'debian'],
      [null, true, 'debian'],
    ]);
  });

  it('resets an inherited CMD when ENTRYPOINT is set, as Docker does', () => {
    const { model } = lintText('FROM x:1 AS a\nCMD ["a"]\nFROM a\nENTRYPOINT ["b"]\n');
    const m = buildManifest(model);
    assert.equal(m.cmd, null);
    assert.deepEqual(m.entrypoint?.command, ['b']);
    assert.equal(buildManifest(lintText('').model).finalStage, null);
    const root = buildManifest(lintText('FROM debian:12\n').model).user;
    assert.deepEqual([root.value, root.uid, root.gid, root.isRoot, root.source], ['root', 0, 0, true, 'default']);
  });

  it('lists secrets and trust: secret-looking names of the final stage, then the findings of the rules that declare a part', () => {
    const text =
      'FROM debian:12 AS build\nENV BUILD_TOKEN=x\nFROM debian:12\nARG NPM_TOKEN\nENV DB_PASSWORD=hunter2 MODE=prod\n' +
      'RUN curl -k https://example.com/x.tgz -o /x.tgz && echo "root:pw" | chpasswd\nUSER 10001\n';
    const { model, findings } = lintText(text);
    const trust = buildManifest(model, findings).trust;
    assert.deepEqual(
      trust.map((t) => [t.kind, t.subject, t.code, t.line]),
      [
        // A build stage's secret is reported by its rule: it reaches the build, not the shipped image's config.
        ['secret', 'BUILD_TOKEN', 'BH312', 1],
        ['secret', 'NPM_TOKEN', 'BH312', 3],
        ['secret', 'DB_PASSWORD', 'BH312', 4],
        ['insecure', '-k', 'BH170', 5],
        ['secret', 'chpasswd', 'BH172', 5],
      ],
    );
    assert.equal(trust.find((t) => t.code === 'BH170')?.detail, findings.find((f) => f.code === 'BH170')?.message);
    assert.ok(!JSON.stringify(trust).includes('hunter2'), 'no secret value in the section');
    // With the secrets rule off, the final stage's secret-looking names are still listed, for their names.
    const off = lintText(text, { enable: true, rules: { 'secret-env': 'off' }, ignore: [] });
    assert.deepEqual(
      buildManifest(off.model, off.findings).trust.filter((t) => t.kind === 'secret').map((t) => [t.subject, t.code, t.line, t.detail]),
      [
        ['NPM_TOKEN', null, 3, 'The name looks like a secret: a build argument used by a RUN is kept in the image history.'],
        ['DB_PASSWORD', null, 4, 'The name looks like a secret: an ENV value is stored in the image config.'],
        ['chpasswd', 'BH172', 5, off.findings.find((f) => f.code === 'BH172')?.message],
      ],
    );
    assert.deepEqual(buildManifest(lintText('FROM debian:12\nUSER 10001\n').model).trust, []);
    // A finding on a bare `.` names its line instead.
    const context = lintText('FROM debian:12\nCOPY . /app\nUSER 10001\n', undefined, { dockerignore: null });
    assert.deepEqual(
      buildManifest(context.model, context.findings).trust.map((t) => [t.kind, t.subject, t.code]),
      [['credential-file', 'COPY . /app', 'BH460']],
    );
  });
});

describe('lint pacing while typing', () => {
  it('lints at once when linting is quick, then waits as long as the last lint took, never more than a second', () => {
    assert.deepEqual([undefined, 0, 4.2, 30, 50, 50.6, 412.6, 999, 5000].map(lintDelay), [0, 0, 0, 0, 0, 51, 413, 999, 1000]);
  });
});
