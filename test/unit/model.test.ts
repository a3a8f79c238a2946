import { strict as assert } from 'node:assert';
import { parseDockerfile, wordsText } from '../../server/src/model/document';
import type { DockerfileModel } from '../../server/src/model/document';
import { parseImageReference } from '../../server/src/model/image-ref';
import { guessOsFamily } from '../../server/src/model/os-family';
import { substitute } from '../../server/src/model/variables';
import type { VariableValue } from '../../server/src/model/variables';

function ref(raw: string): Record<string, unknown> {
  const r = parseImageReference(raw);
  if (!r.ok) return { error: r.error };
  const { registry, registryExplicit, repository, name, tag, digest, canonical } = r.ref;
  return { registry, registryExplicit, repository, name, tag, digest, canonical };
}

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('image references', () => {
  it('applies Docker Hub defaults', () => {
    assert.deepEqual(ref('node'), { registry: 'docker.io', registryExplicit: false, repository: 'library/node', name: 'node', tag: null, digest: null, canonical: 'docker.io/library/node' });
    assert.deepEqual(ref('bitnami/redis:7.2'), { registry: 'docker.io', registryExplicit: false, repository: 'bitnami/redis', name: 'redis', tag: '7.2', digest: null, canonical: 'docker.io/bitnami/redis:7.2' });
    assert.equal(ref('docker.io/node:20').canonical, 'docker.io/library/node:20');
    assert.equal(ref('index.docker.io/library/node').registry, 'docker.io');
  });

  it('parses registries with ports, nested paths, tags and digests', () => {
    assert.deepEqual(ref(`localhost:5000/team/app/api:1.2.3@${DIGEST}`), {
      registry: 'localhost:5000',
      registryExplicit: true,
      repository: 'team/app/api',
      name: 'api',
      tag: '1.2.3',
      digest: DIGEST,
      canonical: `localhost:5000/team/app/api:1.2.3@${DIGEST}`,
    });
    assert.equal(ref('gcr.io/distroless/static-debian12:nonroot').repository, 'distroless/static-debian12');
    assert.equal(ref(`node@${DIGEST}`).tag, null);
    assert.equal(ref(`node@${DIGEST}`).digest, DIGEST);
  });

  it('rejects malformed references', () => {
    assert.deepEqual(ref('Node'), { error: 'invalid repository name "Node"' });
    assert.deepEqual(ref('node:'), { error: 'invalid tag ""' });
    assert.deepEqual(ref('node@sha256:short'), { error: 'invalid digest "sha256:short"' });
    assert.deepEqual(ref(''), { error: 'empty image reference' });
  });
});

describe('variable substitution', () => {
  const scope = new Map<string, VariableValue>([
    ['SET', { value: 'x', line: 0, kind: 'ARG' }],
    ['EMPTY', { value: '', line: 0, kind: 'ARG' }],
    ['NODEF', { value: undefined, line: 0, kind: 'ARG' }],
  ]);
  const cases: [string, string | null][] = [
    ['$SET', 'x'],
    ['${SET}-y', 'x-y'],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${SET}}', 'x'],
    ['$UNSET', ''],
    ['$NODEF', null],
    ['${NODEF:-d}', null],
    ['\\$SET', '$SET'],
    ['a$', 'a$'],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${String(expected)}`, () => assert.equal(substitute(text, scope).value, expected));
  }
  it('treats undeclared variables as unknown inside a stage', () => {
    assert.equal(substitute('$FROM_BASE_IMAGE', scope, { undeclaredUnknown: true }).value, null);
  });
});

describe('document model', () => {
  it('resolves global ARGs in FROM, stage names and references', () => {
    const m = parseDockerfile('ARG BASE=node:20\nARG TAG\nFROM $BASE AS build\nFROM build AS test\nFROM alpine:$TAG\nFROM scratch\nCOPY --from=build /a /a\n');
    assert.deepEqual(
      m.stages.map((s) => [s.index, s.name, s.base.kind, s.isFinal]),
      [
        [0, 'build', 'image', false],
        [1, 'test', 'stage', false],
        [2, null, 'unknown', false],
        [3, null, 'scratch', true],
      ],
    );
    const b0 = m.stages[0]?.base;
    assert.ok(b0?.kind === 'image');
    assert.equal(b0.text, 'node:20');
    assert.deepEqual(b0.variables, ['BASE']);
    assert.deepEqual(b0.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 10 } });
    assert.equal(m.stages[1]?.parent, m.stages[0]);
    assert.equal(m.stages[2]?.base.kind === 'unknown' && m.stages[2].base.reason, 'depends on $TAG, which has no default value');
    assert.equal(m.stageByName('BUILD'), m.stages[0]);
  });

  it('works out the effective user per stage, with inheritance', () => {
    const m = parseDockerfile('FROM debian:12 AS base\nUSER app:app\nFROM base\nRUN x\nFROM base AS r\nUSER 0\nFROM alpine:3.20\nARG U\nUSER $U\n');
    const users = m.stages.map((s) => [s.user.value, s.user.isRoot, s.user.source]);
    assert.deepEqual(users, [
      ['app:app', false, 'USER'],
      ['app:app', false, 'parent-stage'],
      ['0', true, 'USER'],
      [null, undefined, 'USER'],
    ]);
    const d = parseDockerfile('FROM gcr.io/distroless/base-debian12:nonroot\n');
    assert.deepEqual([d.finalStage?.user.value, d.finalStage?.user.isRoot, d.finalStage?.user.source], ['65532', false, 'base-image']);
  });

  it('gives each instruction the variables as they stood at it; ENV values use the ones from before the instruction', () => {
    const m = parseDockerfile('ARG V=1\nFROM alpine:3.20 AS a\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\nARG V\nRUN echo\nFROM a\nARG W=$abc\n');
    const at = (i: number): Record<string, string | undefined> => Object.fromEntries([...(m.instructions[i]?.scope ?? [])].map(([k, v]) => [k, v.value]));
    assert.deepEqual(at(0), { V: '1' });
    assert.deepEqual(at(2), { abc: 'hello' });
    // As Docker documents: def gets the abc of before the instruction, ghi the new one.
    assert.deepEqual(at(3), { abc: 'bye', def: 'hello' });
    assert.deepEqual(at(4), { abc: 'bye', def: 'hello', ghi: 'bye' });
    // `ARG V` in a stage takes the global default; RUN sees all of it.
    assert.deepEqual(at(6), { abc: 'bye', def: 'hello', ghi: 'bye', V: '1' });
    assert.deepEqual(
      m.instructions[3]?.declares.map(([k, v]) => [k, v.value, v.kind, v.line]),
      [
        ['abc', 'bye', 'ENV', 3],
        ['def', 'hello', 'ENV', 3],
      ],
    );
    assert.deepEqual(m.instructions[6]?.declares, []);
    // A child stage inherits ENV, not ARG; an ARG default is substituted from it.
    assert.deepEqual(at(7), { V: '1' }, 'FROM sees the global scope');
    assert.deepEqual(at(8), { abc: 'bye', def: 'hello', ghi: 'bye', W: 'bye' });
    // An earlier view stays as it was once later instructions declare more.
    assert.equal(m.instructions[2]?.scope.get('def'), undefined);
    assert.equal(m.instructions[2]?.scope.has('abc'), true);
  });

  it('gives prefilters the words as the shell reads them, or null where a literal test cannot tell', () => {
    const text = [
      'FROM x',
      'RUN s""h -c "$(cu\\rl u)" \\',
      "  # we're done: a comment line inside the RUN, its quote does not count",
      "  && echo 'ok' # and it's over",
      "RUN python3'curl u",
      'RUN ["sh", "-c", "\\u0063url u | sh"]',
      '',
    ].join('\n');
    const m = parseDockerfile(text);
    assert.deepEqual(
      m.instructions.map((i) => wordsText(m, i)),
      ['FROM x', "RUN sh -c $(curl u) \n  # were done: a comment line inside the RUN, its quote does not count\n  && echo ok # and its over", null, null],
    );
    const off = parseDockerfile(text, { prefilters: false });
    assert.deepEqual(off.instructions.map((i) => wordsText(off, i)), [null, null, null, null]);
  });

  it('reads parser directives the way BuildKit does', () => {
    assert.deepEqual(parseDockerfile('# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n').directives.map((d) => [d.name, d.line]), [
      ['syntax', 0],
      ['escape', 1],
    ]);
    assert.deepEqual(parseDockerfile('# hadolint global ignore=DL3006\n# syntax=docker/dockerfile:1\nFROM x\n').directives, []);
  });
});

describe('OS family', () => {
  const os = (raw: string): string => {
    const r = parseImageReference(raw);
    assert.ok(r.ok);
    return guessOsFamily(r.ref);
  };
  const cases: [string, string][] = [
    ['alpine:3.20', 'alpine'],
    ['node:20-alpine3.19', 'alpine'],
    ['python:3.12-slim-bookworm', 'debian'],
    ['node:20', 'debian'],
    ['ubuntu:24.04', 'debian'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'rhel-minimal'],
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'rhel'],
    ['rockylinux:9', 'rhel'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
    ['gcr.io/distroless/base:debug', 'busybox'],
    ['busybox:1.36', 'busybox'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows'],
    ['myorg/app:1.0', 'unknown'],
  ];
  for (const [image, family] of cases) it(`${image} → ${family}`, () => assert.equal(os(image), family));
});

describe('shell analysis', () => {
  function commands(m: DockerfileModel, index: number): string[] {
    const instr = m.instructions[index];
    assert.ok(instr);
    return (m.shell(instr)?.commands ?? []).map((c) => `${m.text.slice(c.start, c.end)}|${c.pipelineIndex}/${c.pipeline.length}${c.inSubstitution ? '|sub' : ''}${c.depth ? `|d${c.depth}` : ''}`);
  }

  it('splits && chains and pipelines, keeping exact offsets across line continuations', () => {
    const m = parseDockerfile('FROM x\nRUN apt-get update \\\n  && apt-get install -y a \\\n  # a comment line\n  && curl -fsSL u | sh -s -- -y\n');
    assert.deepEqual(commands(m, 1), ['apt-get update|0/1', 'apt-get install -y a|0/1', 'curl -fsSL u|0/2', 'sh -s -- -y|1/2']);
    const top = m.shell(m.instructions[1]!)?.top;
    assert.deepEqual(top?.items.map((i) => i.separatorBefore), [undefined, '&&', '&&']);
  });

  it('reads scripts nested as deep as real ones, and stops, marked incomplete, past its depth limit', () => {
    const nest = (n: number): string => `FROM x\nRUN ${'{ '.repeat(n)}curl u | sh${'; }'.repeat(n)}\n`;
    // Twelve levels of braces: deeper than any RUN in the corpus.
    const deep = parseDockerfile(nest(12));
    const script = deep.shell(deep.instructions[1]!);
    assert.equal(script?.hasErrors, false);
    assert.deepEqual(script?.commands.map((c) => deep.text.slice(c.start, c.end)), ['curl u', 'sh']);
    // A thousand levels would exhaust the stack of every recursive walk: the tree is read to a fixed depth.
    const absurd = parseDockerfile(nest(1000));
    const cut = absurd.shell(absurd.instructions[1]!);
    assert.equal(cut?.hasErrors, true);
    assert.deepEqual(cut?.commands, []);
  });

  it('parses sh -c bodies, command substitutions, exec form and heredocs', () => {
    const m = parseDockerfile(
      'FROM x\nRUN sh -c \'curl u | bash\'\nRUN bash -c "$(wget -qO- u)"\nRUN ["/bin/sh", "-c", "apk add \\"openssh\\""]\nRUN <<EOF\napk add a\napk add b\nEOF\n',
    );
    assert.deepEqual(commands(m, 1), ["sh -c 'curl u | bash'|0/1", 'curl u|0/2|d1', 'bash|1/2|d1']);
    assert.deepEqual(commands(m, 2), ['bash -c "$(wget -qO- u)"|0/1', 'wget -qO- u|0/1|sub']);
    // Exec form: the JSON words, then the script's commands mapped back through the JSON escapes.
    assert.deepEqual(commands(m, 3), ['"/bin/sh", "-c", "apk add \\"openssh\\""|0/1', 'apk add \\"openssh\\"|0/1|d1']);
    const script = m.shell(m.instructions[3]!);
    const pkg = script?.commands[1]?.args[1];
    assert.equal(pkg?.value, 'openssh');
    assert.equal(m.text.slice(pkg?.start, pkg?.end), '\\"openssh\\"');
    assert.deepEqual(commands(m, 4), ['apk add a|0/1', 'apk add b|0/1']);
  });

  it('does not treat a python heredoc as shell', () => {
    const m = parseDockerfile('FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n');
    assert.deepEqual(commands(m, 1), []);
  });
});
