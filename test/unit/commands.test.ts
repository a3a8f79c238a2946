import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandIndex } from '../../server/src/model/commands';
import type { IndexedCommand } from '../../server/src/model/commands';
import { parseDockerfile } from '../../server/src/model/document';
import type { DockerfileModel, Instr } from '../../server/src/model/document';
import { packageInstall } from '../../server/src/model/packages';
import { CORPUS_DOCKERFILES } from '../paths';

const TEXT = [
  'FROM debian:12 AS build',
  'RUN apt-get update && sudo -E /usr/bin/apt-get -qy install --no-install-recommends curl=8.* "ca-certificates"',
  'RUN echo hello',
  'FROM python:3.12-alpine',
  'RUN apk add --no-cache --virtual .deps gcc \\',
  '  && python3 -m pip install --no-cache-dir -r req.txt flask && apk del .deps',
  'CMD ["npm", "ci", "--omit=dev"]',
  '',
].join('\n');

/** Records which instructions the model parses, by first line. */
function counting(text: string, prefilters = true): { model: DockerfileModel; parsed: number[] } {
  const model = parseDockerfile(text, { prefilters });
  const parsed: number[] = [];
  const shell = model.shell.bind(model);
  model.shell = (instr: Instr) => {
    parsed.push(instr.line);
    return shell(instr);
  };
  return { model, parsed };
}

const at = (s: string, from = 0): number => TEXT.indexOf(s, from);
const summary = (c: IndexedCommand): unknown[] => [c.name, c.start, c.end, c.instr.line, c.stage?.index];

describe('command index', () => {
  it('gives each command its program, arguments, flags, range, instruction and stage', () => {
    const { model } = counting(TEXT);
    const index = commandIndex(model);
    assert.equal(commandIndex(model), index, 'one index per model');
    const [update, install] = index.named('apt-get');
    assert.ok(update && install);
    assert.deepEqual(summary(update), ['apt-get', at('apt-get update'), at(' && sudo'), 1, 0]);
    assert.deepEqual(summary(install), ['apt-get', at('sudo -E'), at('\nRUN echo'), 1, 0]);
    assert.equal(install.command.name.value, 'sudo');
    assert.deepEqual([install.nameWord.value, install.nameWord.start, install.nameWord.end], ['/usr/bin/apt-get', at('/usr/bin/apt-get'), at(' -qy')]);
    assert.deepEqual(install.args.map((a) => a.value), ['-qy', 'install', '--no-install-recommends', 'curl=8.*', 'ca-certificates']);
    assert.deepEqual(install.flags.map((f) => [f.name, f.value]), [['-qy', null], ['--no-install-recommends', null]]);
    assert.deepEqual(install.range, { start: { line: 1, character: 22 }, end: { line: 1, character: TEXT.split('\n')[1]?.length ?? -1 } });
    assert.equal(install.hasFlag('-y'), true, '-y inside the cluster -qy');
    assert.equal(install.hasFlag('--yes', '--assume-yes'), false);
    assert.equal(install.flag('--no-install-recommends')?.word.start, at('--no-install-recommends'));
    assert.equal(install.instr.keyword, 'RUN');
    assert.equal(install.stage?.name, 'build');
  });

  it('reads package-manager operations with the exact range of every package', () => {
    const { model } = counting(TEXT);
    const ops = commandIndex(model)
      .packageOps()
      .map((c) => {
        const p = c.packages;
        return [c.name, p?.tool, p?.op, p?.verb.value, p?.packages.map((w) => [w.value, w.start, w.end])];
      });
    assert.deepEqual(ops, [
      ['apt-get', 'apt', 'update', 'update', []],
      ['apt-get', 'apt', 'install', 'install', [['curl=8.*', at('curl=8.*'), at('curl=8.*') + 8], ['ca-certificates', at('"ca-certificates"'), at('"ca-certificates"') + 17]]],
      ['apk', 'apk', 'install', 'add', [['gcc', at('gcc'), at('gcc') + 3]]],
      ['python3', 'pip', 'install', 'install', [['flask', at('flask'), at('flask') + 5]]],
      ['apk', 'apk', 'remove', 'del', [['.deps', at('.deps', at('apk del')), at('.deps', at('apk del')) + 5]]],
      ['npm', 'npm', 'install', 'ci', []],
    ]);
    const alpine = model.stages[1];
    assert.deepEqual(commandIndex(model).packageOps({ tools: ['apk'], ops: ['install'], stage: alpine }).map((c) => c.start), [at('apk add')]);
    const npm = commandIndex(model).named('npm', { keywords: ['CMD'] })[0];
    assert.deepEqual(npm?.flags.map((f) => [f.name, f.value]), [['--omit', 'dev']]);
    assert.deepEqual([npm?.start, npm?.end], [at('"npm"'), at(']', at('"npm"'))]);
  });

  it('parses only the instructions whose words can hold the names asked for', () => {
    const { model, parsed } = counting(TEXT);
    const index = commandIndex(model);
    assert.deepEqual(index.named('wget'), []);
    assert.deepEqual(parsed, []);
    index.named('echo');
    assert.deepEqual(parsed, [2]);
    index.named(['apk', 'git']);
    assert.deepEqual(parsed, [2, 4]);
    index.named('apk');
    index.of(model.instructions[4] as Instr);
    assert.deepEqual(parsed, [2, 4], 'each instruction is parsed once');
    assert.deepEqual(index.named('curl'), [], 'curl=8.* is an argument, not a command');
    assert.deepEqual(parsed, [2, 4, 1]);
    index.packageOps();
    assert.deepEqual(parsed, [2, 4, 1, 6]);
    index.all();
    assert.deepEqual(parsed, [2, 4, 1, 6]);
    assert.deepEqual(
      index.all().map((c) => c.name),
      ['apt-get', 'apt-get', 'echo', 'apk', 'python3', 'apk', 'npm'],
    );
  });

  it('finds names however the shell spells them, and parses what a literal test cannot read', () => {
    const text = 'FROM alpine\nRUN a""pk add x && \\\n  "/sbin/apk" del y\nRUN ["/sbin/\\u0061pk", "add", "z"]\n';
    const { model, parsed } = counting(text);
    assert.deepEqual(commandIndex(model).named('apk').map((c) => c.packages?.op), ['install', 'remove', 'install']);
    assert.deepEqual(parsed, [1, 3]);
  });

  it('leaves out what is not a package operation', () => {
    const text = 'FROM debian\nRUN apt-get --version && apt-cache policy x && pip --help && python3 -m venv /v && npm run build && yum constructor\n';
    const { model } = counting(text);
    assert.deepEqual(commandIndex(model).packageOps(), []);
    assert.deepEqual(commandIndex(model).all().map((c) => c.name), ['apt-get', 'apt-cache', 'pip', 'python3', 'npm', 'yum']);
  });

  const corpus = CORPUS_DOCKERFILES;
  const files = fs.existsSync(corpus) ? listFiles(corpus) : [];
  (files.length > 0 ? it : it.skip)(`answers the same with prefilters on and off, and agrees with packageInstall, on ${files.length} corpus files`, () => {
    const NAMES = ['apt-get', 'apk', 'curl', 'wget', 'sh', 'bash', 'pip', 'pip3', 'npm', 'useradd', 'chmod', 'gosu', 'yum', 'dnf', 'make', 'tar'];
    const show = (cs: IndexedCommand[]): string => JSON.stringify(cs.map((c) => [c.name, c.start, c.end, c.packages?.op, c.packages?.packages.map((w) => w.start)]));
    let installs = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const on = commandIndex(parseDockerfile(text));
      const off = commandIndex(parseDockerfile(text, { prefilters: false }));
      for (const name of NAMES) assert.equal(show(on.named(name)), show(off.named(name)), `${file}: ${name}`);
      assert.equal(show(on.packageOps()), show(off.packageOps()), `${file}: packageOps`);
      for (const c of off.all()) {
        const old = packageInstall(c.command);
        const p = c.packages;
        const os = p && ['apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'].includes(p.tool) && p.op === 'install' ? p : undefined;
        assert.deepEqual(os?.packages.map((w) => w.start), old?.packages.map((w) => w.start), `${file}: ${c.command.name.raw} at ${c.start}`);
        if (old) installs++;
      }
    }
    assert.ok(installs > 100, `${installs} installs compared`);
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
