import { commandIndex } from '../../model/commands';
import { argsOf } from '../trust/_util';
import type { Rule } from '../types';
import { EXTRA_NAMES, SECRET_REFS, extraNames } from './_util';
import { fileWrites, mounted } from './_writes';

export const secretWrittenToFile: Rule = {
  code: 'BH403',
  name: 'secret-written-to-file',
  category: 'attack-surface',
  severity: 'warning',
  trust: 'secret',
  aliases: [],
  references: [...SECRET_REFS, { standard: 'CWE', id: 'CWE-312', title: 'Cleartext Storage of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/312.html' }],
  fixable: 'none',
  options: EXTRA_NAMES,
  docs: {
    summary: 'A `RUN` writes a secret into a file with `echo` or `printf` (`> ~/.netrc`, `| tee .npmrc`), which the layer keeps.',
    attack: 'Anyone who can pull the image unpacks the layer and reads the token from the file.',
    what:
      '`echo` or `printf` in a `RUN`, redirected into a file (`>`, `>>`, `&>`) or piped into `tee FILE`, whose arguments hold a variable with a secret-looking name ' +
      '(`$NPM_TOKEN`, by the rule of `secret-env` and its `extra-names`), a variable whose value looks like a credential, or such a literal (`ghp_…`, `github_pat_…`, `AKIA…`, `xoxb-…`, `glpat-…`, ' +
      '`-----BEGIN … PRIVATE KEY-----`). Not reported: files the same RUN deletes again with `rm`, files under a `tmpfs`, `secret`, `cache` or `bind` mount of the RUN, and devices (`/dev/stderr`).',
    why:
      'The file is part of the layer the RUN makes, and layers are tarballs anyone who can pull the image can unpack; deleting the file in a later RUN only hides it in the final file system. ' +
      'This holds even when the secret came from a build secret mount: writing it to a file undoes the protection.',
    bad: 'FROM node:20-alpine\nRUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" && echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > /root/.npmrc && npm ci\n',
    good: 'FROM node:20-alpine\nRUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" && echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > /root/.npmrc && npm ci && rm /root/.npmrc\n',
    useInstead:
      'Mount the whole file as a secret where the tool looks for it (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`), pass the secret in the environment of the one command ' +
      'that needs it, or write the file on a `tmpfs` mount; if it must be written, delete it in the same RUN.',
    fixSafety: 'No fix: where the tool should find the secret instead is for a person to choose.',
    limitations:
      'Other writers (`cat <<EOF > file`, `sed`, `git config credential…`, a tool\'s own login command) are not recognised. A file deleted in the same RUN under another spelling of its path is reported.',
  },
  check({ model, options, report }) {
    const extra = extraNames(options);
    const writes = fileWrites(model, extra).filter((w) => w.secret !== undefined);
    if (writes.length === 0) return;
    const index = commandIndex(model);
    for (const w of writes) {
      if (w.path !== null && mounted(w.instr, w.path)) continue;
      // Deleted again by a later command of the same RUN: the file never reaches the layer.
      const removed = w.path !== null && index.of(w.instr).some((c) => c.name === 'rm' && c.start > w.command.start && argsOf(c).some((a) => a.value === w.path));
      if (removed) continue;
      report({
        message: `${w.command.name ?? 'echo'} writes ${w.secret ?? 'a secret'} into "${w.path ?? w.target.raw}", which this layer keeps.`,
        range: model.lines.range(w.start, w.end),
        instructionLine: w.instr.line,
      });
    }
  },
};
