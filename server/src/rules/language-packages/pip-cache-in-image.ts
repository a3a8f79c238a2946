import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { argumentsStart, parseExecForm } from '../../model/document';
import type { DockerfileModel } from '../../model/document';
import { replace } from '../../model/edits';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Rule } from '../types';
import { cacheMountTargets, covers, inlineAssignments, shippedStages, variable, wordValue } from './_util';

/** Values pip reads as a boolean: any of them in PIP_NO_CACHE_DIR turns the cache off (pip reads `0` and `false` that way too). */
const PIP_BOOLEAN = /^(?:1|0|y|n|t|f|yes|no|true|false|on|off)$/i;

/** Whether a path (value or raw word) is pip's cache folder or a folder holding it. */
const PIP_CACHE_PATH = /(?:^|\/)\.cache(?:\/pip)?\/?$/;

function cacheDirs(c: IndexedCommand, env: ReadonlyMap<string, string>): string[] {
  const flag = c.flag('--cache-dir');
  if (flag) {
    if (flag.value !== null) return [flag.value];
    const next = c.args[c.args.indexOf(flag.word) + 1];
    const v = next ? wordValue(c.instr, next) : null;
    return v === null ? [] : [v];
  }
  const set = env.get('PIP_CACHE_DIR') ?? variable(c.instr, 'PIP_CACHE_DIR');
  if (set !== undefined) return [set];
  const xdg = env.get('XDG_CACHE_HOME') ?? variable(c.instr, 'XDG_CACHE_HOME');
  const home = env.get('HOME') ?? variable(c.instr, 'HOME');
  return [xdg !== undefined ? `${xdg}/pip` : `${home ?? '/root'}/.cache/pip`, '/root/.cache/pip'];
}

/** `pip cache purge` or `rm` of the cache folder later in the same RUN. */
function purgedLater(model: DockerfileModel, c: IndexedCommand, dirs: readonly string[]): boolean {
  const index = commandIndex(model);
  return index.of(c.instr).some((o) => {
    if (o.start < c.end) return false;
    if (o.packages?.tool === 'pip' || /^pip[0-9.]*$/.test(o.name ?? '')) {
      const words = o.args.map((a) => a.value);
      const i = words.indexOf('cache');
      return i >= 0 && words[i + 1] === 'purge';
    }
    if (o.name !== 'rm') return false;
    return o.args.some((a) => {
      const v = wordValue(o.instr, a) ?? a.raw;
      return PIP_CACHE_PATH.test(v) || dirs.some((d) => covers(v.replace(/\/+$/, ''), d));
    });
  });
}

/** Inserts `--no-cache-dir` after the verb, as a JSON string in an exec-form RUN. */
function addFlag(model: DockerfileModel, c: IndexedCommand): TextEdit | undefined {
  const verb = c.packages?.verb;
  if (!verb) return undefined;
  const start = argumentsStart(model, c.instr);
  const exec = start === undefined ? null : parseExecForm(model.text, start, c.instr.end);
  // The verb is rewritten with the flag after it, so the edit stays inside the instruction even at its end.
  const flag = exec && exec.strings.some((s) => s.start === verb.start) ? ', "--no-cache-dir"' : ' --no-cache-dir';
  return replace(model, verb.start, verb.end, model.text.slice(verb.start, verb.end) + flag);
}

export const pipCacheInImage: Rule = {
  code: 'BH141',
  name: 'pip-cache-in-image',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3042',
      differs:
        'Only stages that end up in the shipped image are checked (a cache in a build stage is thrown away); a cache mount over pip\'s cache folder, ' +
        '`pip cache purge` or removing the cache later in the same RUN also count, and so does PIP_NO_CACHE_DIR set to any value pip accepts, `0` included, since pip then turns the cache off too.',
    },
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' },
  ],
  fixable: 'safe',
  docs: {
    summary: '`pip install` leaves its download cache in the shipped image.',
    what:
      'A `pip install` (or `python -m pip install`) in a stage that ends up in the shipped image, without `--no-cache-dir`, with no `PIP_NO_CACHE_DIR` set in `ENV`, `ARG` or ' +
      'before the command, no cache mount over pip\'s cache folder (`RUN --mount=type=cache,target=/root/.cache/pip`), and no `pip cache purge` or `rm -rf /root/.cache/pip` ' +
      'after it in the same `RUN`. Build stages that are only copied from are not checked.',
    why:
      'pip keeps every downloaded archive and built wheel under `~/.cache/pip`. In an image the cache is never used again, but it is shipped and pulled with every ' +
      'deployment, often tens or hundreds of megabytes, and it holds copies of packages that scanners and reviewers then have to account for.',
    bad: 'FROM python:3.12-slim\nRUN pip install flask==3.0.3\n',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n',
    useInstead:
      'Add `--no-cache-dir`, or set `ENV PIP_NO_CACHE_DIR=1` once; to keep a cache between builds without shipping it, use ' +
      '`RUN --mount=type=cache,target=/root/.cache/pip pip install …`. Or install in a build stage and copy only the result.',
    fixSafety:
      'Safe: `--no-cache-dir` changes where pip keeps its downloads, not what it installs; the image holds the same packages, without the cache folder.',
    limitations: 'A cache removed in a later `RUN` is still in an earlier layer and is flagged; a cache folder set through a pip configuration file is not read.',
  },
  check({ model, report }) {
    const shipped = shippedStages(model);
    for (const c of commandIndex(model).packageOps({ tools: ['pip'], ops: ['install'], keywords: ['RUN'] })) {
      if (!c.stage || !shipped.has(c.stage) || c.instr.keyword !== 'RUN') continue;
      if (c.hasFlag('--no-cache-dir')) continue;
      const env = inlineAssignments(model, c);
      const noCache = env.get('PIP_NO_CACHE_DIR') ?? variable(c.instr, 'PIP_NO_CACHE_DIR');
      if (noCache !== undefined && PIP_BOOLEAN.test(noCache.trim())) continue;
      const dirs = cacheDirs(c, env);
      const mounts = cacheMountTargets(c.instr);
      if (mounts.some((t) => PIP_CACHE_PATH.test(t) || dirs.some((d) => covers(t, d)))) continue;
      if (purgedLater(model, c, dirs)) continue;
      const verb = c.packages?.verb;
      if (!verb) continue;
      const edit = addFlag(model, c);
      report({
        message: 'pip install keeps its download cache in the image.',
        range: model.lines.range(c.nameWord.start, verb.end),
        instructionLine: c.instr.line,
        fixes: edit ? [{ title: 'Add --no-cache-dir', applicability: 'safe', edits: [edit] }] : [],
      });
    }
  },
};
