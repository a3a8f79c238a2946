import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { argumentsStart } from '../../model/document';
import type { DockerfileModel, Instr } from '../../model/document';
import { replace } from '../../model/edits';
import type { ShellWord } from '../../model/shell';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Rule } from '../types';
import { cacheMountTargets, covers, inlineAssignments, shippedStages, variable, wordValue } from './_util';

/** yarn options that take the next word as their value. */
const YARN_VALUE_OPTIONS = new Set(['--cwd', '--registry', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex', '--global-folder', '--link-folder', '--use-yarnrc', '--preferred-cache-folder']);

/** Yarn's cache folders: v1 as root and as a user, Berry's global cache. */
const YARN_CACHE_PATH = /(?:^|\/)(?:\.cache\/yarn|\.cache|\.yarn\/berry\/cache|\.yarn\/berry|\.yarn-cache|\.yarn\/cache)\/?$/;

/** The non-option words of a yarn command, in order. */
function operands(args: readonly ShellWord[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = a?.value;
    if (!a) continue;
    if (v === '--') break;
    if (v !== null && v !== undefined && v.startsWith('-')) {
      if (YARN_VALUE_OPTIONS.has(v)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The words that make a yarn command an install (`yarn`, `yarn install`, `yarn add x`, `yarn global add x`), or undefined. */
function installVerb(c: IndexedCommand): ShellWord | null | undefined {
  const words = operands(c.args);
  const first = words[0];
  if (!first) return c.args.every((a) => a.value !== null && !/^(?:-v|--version|-h|--help)$/.test(a.value)) ? null : undefined;
  if (first.value === 'install' || first.value === 'add') return first;
  if (first.value === 'global' && words[1]?.value === 'add') return words[1];
  return undefined;
}

function cleansLater(model: DockerfileModel, c: IndexedCommand, dirs: readonly string[]): boolean {
  return commandIndex(model)
    .of(c.instr)
    .some((o) => {
      if (o.start < c.end) return false;
      if (o.name === 'yarn') {
        const w = operands(o.args).map((a) => a.value);
        return w[0] === 'cache' && w[1] === 'clean';
      }
      if (o.name !== 'rm') return false;
      return o.args.some((a) => {
        const v = wordValue(o.instr, a) ?? a.raw;
        return YARN_CACHE_PATH.test(v) || /\$\(\s*yarn cache dir\s*\)/.test(a.raw) || dirs.some((d) => covers(v.replace(/\/+$/, ''), d));
      });
    });
}

function cacheDirs(model: DockerfileModel, c: IndexedCommand): string[] {
  const flag = c.flag('--cache-folder');
  if (flag) {
    const next = flag.value === null ? c.args[c.args.indexOf(flag.word) + 1] : undefined;
    const v = flag.value ?? (next ? wordValue(c.instr, next) : null);
    return v === null ? [] : [v];
  }
  const env = inlineAssignments(model, c);
  const set = env.get('YARN_CACHE_FOLDER') ?? variable(c.instr, 'YARN_CACHE_FOLDER');
  return set !== undefined ? [set] : ['/usr/local/share/.cache/yarn', '/root/.cache/yarn'];
}

/** Appends `&& yarn cache clean` to the RUN's script, after its last top-level statement. */
function appendClean(model: DockerfileModel, instr: Instr): TextEdit | undefined {
  const start = argumentsStart(model, instr);
  if (start === undefined || model.text[start] === '[') return undefined;
  const last = model.shell(instr)?.top.items.at(-1);
  if (!last || last.separatorBefore === '&') return undefined;
  // The last character is rewritten with the addition: an edit inside the instruction, not at its very end.
  return replace(model, last.end - 1, last.end, `${model.text[last.end - 1] ?? ''} && yarn cache clean`);
}

export const yarnCacheInImage: Rule = {
  code: 'BH142',
  name: 'yarn-cache-in-image',
  category: 'build-hygiene',
  severity: 'info',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3060',
      differs:
        'Only stages that end up in the shipped image are checked; `yarn` alone, `yarn add` and `yarn global add` count as installs too, and a cache mount over ' +
        'yarn\'s cache folder or removing the folder later in the same RUN also keep it out of the image.',
    },
  ],
  references: [{ standard: 'CIS Docker Benchmark v1.6.0', id: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' }],
  fixable: 'unsafe',
  docs: {
    summary: 'A yarn install leaves yarn\'s package cache in the shipped image.',
    what:
      '`yarn install`, `yarn` alone, `yarn add` or `yarn global add` in a stage that ends up in the shipped image, with no `yarn cache clean` after it in the same `RUN`, ' +
      'no `rm` of yarn\'s cache folder, and no cache mount over it (`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn`). Build stages that are only copied from are not checked.',
    why:
      'Yarn 1 keeps a copy of every package it installs in its global cache. In an image that copy is never read again, but it is shipped with every pull, ' +
      'often larger than `node_modules` itself. Cleaning it in a later `RUN` does not help: the layer that wrote it is still part of the image.',
    bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n',
    good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    useInstead:
      'End the `RUN` with `&& yarn cache clean`, or use a cache mount (`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install`), ' +
      'or install in a build stage and copy only `node_modules` and the build output.',
    fixSafety:
      'Unsafe: with Yarn 2 and later and Plug\'n\'Play, the cache can be where the installed packages live (`.yarn/cache`), and cleaning it breaks the application; ' +
      'a later `yarn install --offline` in the same image would also fail. Check which yarn the image runs before applying it.',
    limitations: 'Yarn\'s cache folder set in a `.yarnrc` or `.yarnrc.yml` file is not read.',
  },
  check({ model, report }) {
    const shipped = shippedStages(model);
    for (const c of commandIndex(model).named('yarn', { keywords: ['RUN'] })) {
      if (!c.stage || !shipped.has(c.stage) || c.instr.keyword !== 'RUN') continue;
      const verb = installVerb(c);
      if (verb === undefined) continue;
      const dirs = cacheDirs(model, c);
      const mounts = cacheMountTargets(c.instr);
      if (mounts.some((t) => YARN_CACHE_PATH.test(t) || dirs.some((d) => covers(t, d)))) continue;
      if (cleansLater(model, c, dirs)) continue;
      const edit = appendClean(model, c.instr);
      report({
        message: 'yarn leaves its package cache in the image.',
        range: model.lines.range(c.nameWord.start, verb ? verb.end : c.nameWord.end),
        instructionLine: c.instr.line,
        fixes: edit ? [{ title: 'Run yarn cache clean after the install', applicability: 'unsafe', edits: [edit] }] : [],
      });
    }
  },
};
