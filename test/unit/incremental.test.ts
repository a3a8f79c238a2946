import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../server/src/model/document';
import { snapshot } from '../harness/model-snapshot';
import { CORPUS_DOCKERFILES, REPO_ROOT } from '../paths';

/** A small deterministic generator, so a failure names its case. */
function* edits(text: string, seed: number): Generator<{ name: string; text: string }> {
  let x = seed;
  const rand = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % Math.max(1, n);
  };
  const pieces = ['a', ' ', '\n', '\\\n', '#', 'RUN ', '\nFROM x AS y\n', 'ARG V=1\n', '<<EOF\nhi\nEOF\n', '$V', '"', '\r\n', 'USER root\n'];
  for (let k = 0; k < 12; k++) {
    const at = rand(text.length + 1);
    const piece = pieces[rand(pieces.length)] ?? 'a';
    yield { name: `insert ${JSON.stringify(piece)} at ${at}`, text: text.slice(0, at) + piece + text.slice(at) };
    const len = 1 + rand(20);
    yield { name: `delete ${len} at ${at}`, text: text.slice(0, at) + text.slice(at + len) };
  }
  // Typing at the end, character by character.
  let t = text;
  for (const ch of 'RUN apt-get install -y curl\n') {
    t += ch;
    yield { name: `type at the end: ${JSON.stringify(t.slice(-8))}`, text: t };
  }
}

function texts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const examples = path.join(REPO_ROOT, 'examples');
  const add = (dir: string, limit: number): void => {
    if (!fs.existsSync(dir)) return;
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const f of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, f.name);
        if (f.isDirectory()) walk(p);
        else if (/Dockerfile|Containerfile/i.test(f.name)) files.push(p);
      }
    };
    walk(dir);
    for (const f of files.sort().slice(0, limit)) out.push({ name: path.relative(dir, f), text: fs.readFileSync(f, 'utf8') });
  };
  add(examples, 50);
  add(CORPUS_DOCKERFILES, 60);
  out.push({ name: 'heredocs and escapes', text: '# escape=`\nFROM alpine:3.20 AS a\nRUN <<EOF\necho `\nhi\nEOF\nARG X=1\nFROM a\nUSER $X\n' });
  out.push({ name: 'indented instructions', text: 'FROM alpine:3.20\n\t\tRUN echo one\n\t\tRUN echo two\n  \tUSER 1\n\t\tRUN echo three\n' });
  out.push({ name: 'old Mac line breaks (lone CR) among others', text: 'FROM alpine:3.20\rRUN a | sh\r\tapk add x \\\r\n  y\nRUN b\r\nUSER 1\r' });
  out.push({ name: 'ONBUILD triggers', text: 'FROM debian:12 AS base\nONBUILD RUN apt-get install \\\n    curl | sh\nONBUILD COPY . /app\nFROM base\nONBUILD run cd /x && make\nUSER 1\n' });
  out.push({ name: 'directives and comments first', text: '# syntax=docker/dockerfile:1\n# a comment\n\nARG BASE=alpine:3.20\nFROM $BASE\nRUN echo 1 \\\n  && echo 2\nCMD ["sh"]\n' });
  return out;
}

describe('parsing an edited document from the previous version', () => {
  for (const [i, t] of texts().entries()) {
    it(`gives the model a fresh parse gives: ${t.name}`, () => {
      const before = parseDockerfile(t.text);
      for (const e of edits(t.text, i + 1)) {
        const incremental = parseDockerfile(e.text, { previous: before });
        assert.deepEqual(snapshot(incremental), snapshot(parseDockerfile(e.text)), e.name);
      }
      // And from one version to the next, as the editor does.
      let prev = before;
      for (const e of edits(t.text, i + 100)) {
        const next = parseDockerfile(e.text, { previous: prev });
        assert.deepEqual(snapshot(next), snapshot(parseDockerfile(e.text)), `chained: ${e.name}`);
        prev = next;
      }
    });
  }

  it('keeps the syntax of unchanged instructions and parses only the rest', () => {
    const text = 'FROM alpine:3.20\nRUN apk add curl\nRUN echo hi\n';
    const before = parseDockerfile(text);
    before.shell(before.instructions[1] as never);
    const after = parseDockerfile(`${text}RUN x`, { previous: before });
    assert.equal(after.instructions[0]?.node, before.instructions[0]?.node, 'FROM kept');
    assert.equal(after.instructions[1]?.node, before.instructions[1]?.node, 'first RUN kept');
    assert.notEqual(after.instructions[2]?.node, before.instructions[2]?.node, 'the RUN before the change is parsed again');
    assert.equal(after.shell(after.instructions[1] as never), before.shell(before.instructions[1] as never), 'its shell is not parsed again');
  });
});
