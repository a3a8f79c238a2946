import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel, Instr } from '../../model/document';
import { argumentsStart, mayHold, stageChain } from '../../model/document';
import { insertAt, removeInstruction } from '../../model/edits';
import { shippedStages } from '../../model/run-context';
import type { ShellWord } from '../../model/shell';
import { flagsOf } from '../buildkit/_util';
import { argsOf, removeCommandEdit } from '../trust/_util';
import type { Rule, Stage } from '../types';
import { EXTRA_NAMES, SECRET_REFS, absolute, copiedCredentials, credentialKind, extraNames, workdirs } from './_util';
import type { CopiedCredential } from './_util';
import { fileWrites, mounted } from './_writes';

/** A secret file one layer holds: where, and what put it there. */
interface Placed {
  instr: Instr;
  stage: Stage;
  path: string;
  /** `the COPY on line 3`, `the echo on line 5`. */
  by: string;
  /** The COPY or ADD that put it there, if one did. */
  copy?: CopiedCredential;
}

/** One `rm` operand that deletes a placed file. */
interface Deletion {
  rm: IndexedCommand;
  word: ShellWord;
  hit: Placed;
  /** The command's operands (not options). */
  operands: number;
  /** The operand names the file itself, not a folder or glob holding it. */
  exact: boolean;
}

/** The id of the build secret that replaces a copied file: its name in lower case, other characters as `_` (`.npmrc` → `npmrc`). */
export function fileSecretId(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return base.replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9_.-]+/g, '_') || 'secret';
}

/**
 * The fix: the COPY goes, every RUN from it to the `rm` gets the file as a secret mount at the same path, and the
 * `rm` goes. Only where that is exact enough: one plain source copied by a COPY or ADD without options, in the
 * stage that deletes it, which is the final one and runs as root up to the `rm` (a secret mount is root's, mode
 * 0400); the `rm` names only that file, is a statement of its own, and is the only one deleting it.
 */
function mountFix(model: DockerfileModel, d: Deletion, all: readonly Deletion[]): TextEdit[] | undefined {
  const copy = d.hit.copy;
  const stage = d.rm.instr.stage;
  if (!copy || !stage || copy.stage !== stage || !stage.isFinal || d.operands !== 1 || !d.exact || all.filter((o) => o.hit === d.hit).length !== 1) return undefined;
  if (/[*?[]/.test(copy.source) || copy.kind === 'an SSH folder' || flagsOf(copy.instr).length > 0 || copy.sources !== 1) return undefined;
  const between = stage.instructions.filter((i) => i.start > copy.instr.start && i.start <= d.rm.instr.start);
  if (between.some((i) => i.keyword === 'USER' || i.keyword === 'SHELL' || i.keyword === 'ONBUILD') || stage.instructions.some((i) => i.keyword === 'USER' && i.start < copy.instr.start)) return undefined;
  if (stageChain(stage).some((s) => s !== stage && s.instructions.some((i) => i.keyword === 'USER'))) return undefined;
  const remove = removeCommandEdit(model, d.rm);
  if (!remove) return undefined;
  const id = fileSecretId(copy.path ?? copy.source);
  const edits: TextEdit[] = [removeInstruction(model, copy.instr), ...remove];
  const rmRunGoes = remove.some((e) => model.lines.offsetAt(e.range.start) <= d.rm.instr.start && model.lines.offsetAt(e.range.end) >= d.rm.instr.end);
  for (const run of between) {
    if (run.keyword !== 'RUN' || (run === d.rm.instr && rmRunGoes)) continue;
    const start = argumentsStart(model, run);
    if (start === undefined) return undefined;
    edits.push(insertAt(model, start, `--mount=type=secret,id=${id},target=${copy.path ?? ''} `));
  }
  return edits;
}


/** `rm` options that make it recurse into folders. */
function recursive(flags: readonly string[]): boolean {
  return flags.some((f) => f === '--recursive' || (/^-[a-zA-Z]+$/.test(f) && /[rR]/.test(f)));
}

/** A glob of `rm` (`*.pem`, `/root/.ssh/id_*`) as a test of paths. */
function globTest(pattern: string): (path: string) => boolean {
  if (!/[*?[]/.test(pattern)) return (p) => p === pattern;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  return (p) => re.test(p);
}

export const secretFileDeletedLater: Rule = {
  code: 'BH402',
  name: 'secret-file-deleted-later',
  category: 'attack-surface',
  severity: 'warning',
  trust: 'credential-file',
  aliases: [],
  references: [...SECRET_REFS, { standard: 'CWE', id: 'CWE-212', title: 'Improper Removal of Sensitive Information Before Storage or Transfer', url: 'https://cwe.mitre.org/data/definitions/212.html' }],
  fixable: 'unsafe',
  options: EXTRA_NAMES,
  docs: {
    summary: 'A `RUN` deletes a secret file that an earlier layer added: the earlier layer still holds it.',
    attack: 'Anyone who can pull the image unpacks the earlier layer and reads the file the later `rm` only hid.',
    what:
      'An `rm` in a `RUN` of a stage that ships (the final stage or one it builds on) naming a file that an earlier instruction of the same stage lineage added: a credential file ' +
      '`COPY` or `ADD` put there (named like `credential-file-copied` recognises: `id_rsa`, `.npmrc`, `*.pem`, …), or a file an earlier `RUN` wrote with `echo`/`printf` holding a secret or ' +
      'named like a credential. The path may be named exactly, by a glob, or by a folder with `rm -r`; relative paths are read against `WORKDIR`. The finding is on the `rm` word; the message names the line that added the file.',
    why:
      'An image is a stack of layers, each a tarball of what its instruction changed. Deleting a file in a later layer writes a "whiteout" that hides it from the container, but the earlier layer ' +
      'still holds every byte, and `docker save` or any registry client hands it out.',
    bad: 'FROM python:3.12-slim\nCOPY .netrc /root/.netrc\nRUN pip install --index-url https://pypi.example.com/simple app\nRUN rm /root/.netrc\n',
    good: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=netrc,target=/root/.netrc pip install --index-url https://pypi.example.com/simple app\n',
    useInstead:
      'Do not put the file in a layer at all: mount it for the RUNs that need it (`RUN --mount=type=secret,id=netrc,target=/root/.netrc …`, built with `docker build --secret id=netrc,src=$HOME/.netrc`), ' +
      'or, for a file a RUN writes, write and delete it in the same RUN. Moving the `rm` into the RUN that uses a COPYed file is not enough: the COPY\'s own layer holds it.',
    fixSafety:
      'Unsafe: the build must then be called with `--secret id=<id>,src=<file>` (the id is the file name in lower case without its leading dot: `.npmrc` → `npmrc`). ' +
      'The COPY goes, every RUN from it up to the `rm` gets `--mount=type=secret,id=<id>,target=<path>` (the file, read-only, where the COPY put it), and the `rm` goes. ' +
      'Which RUNs read the file cannot be told from the text, so all of them get the mount. Offered only where that is close to exact: a COPY or ADD of that one file without ' +
      '`--chown`/`--chmod` or other options, in the final stage, which deletes it with an `rm` of its own (a statement naming only that file) and runs as root up to it ' +
      '(a secret mount is root\'s, mode 0400; a copied file kept its mode). The folders the COPY created for the file may be left out of the image. ' +
      'Moving the `rm` into the RUN that uses the file would not help: the COPY\'s own layer holds it. A file a RUN wrote is not fixed: write and delete it in the same RUN.',
    limitations: 'Paths are compared as written after ARG, ENV and WORKDIR are resolved: `~`, `$HOME`, `cd` and symbolic links are not followed.',
  },
  check({ model, options, report }) {
    if (!model.instructions.some((i) => i.keyword === 'RUN' && mayHold(model, i, (w) => /(?:^|[^A-Za-z0-9_.-])rm(?![A-Za-z0-9_.-])/.test(w)))) return;
    const extra = extraNames(options);
    let dirCache: Map<Instr, string | null> | undefined;
    const dirs = (): Map<Instr, string | null> => (dirCache ??= workdirs(model));
    const placed: Placed[] = [];
    for (const c of copiedCredentials(model, dirs)) {
      if (c.path !== null) placed.push({ instr: c.instr, stage: c.stage, path: c.path, by: `the ${c.instr.keyword} on line ${c.instr.line + 1}`, copy: c });
    }
    for (const w of fileWrites(model, extra, true)) {
      if (!w.instr.stage || w.path === null || (w.secret === undefined && credentialKind(w.path) === undefined)) continue;
      const path = absolute(w.path, dirs().get(w.instr));
      if (path === null || mounted(w.instr, path)) continue;
      placed.push({ instr: w.instr, stage: w.instr.stage, path, by: `the ${w.command.name ?? 'echo'} on line ${model.lines.positionAt(w.start).line + 1}` });
    }
    if (placed.length === 0) return;
    const shipped = shippedStages(model);
    const index = commandIndex(model);
    const rms = [...shipped].flatMap((stage) => index.named('rm', { stage, keywords: ['RUN'] }));
    const found: Deletion[] = [];
    for (const rm of rms) {
      const stage = rm.instr.stage;
      if (!stage) continue;
      const chain = stageChain(stage);
      const earlier = placed.filter((p) => chain.includes(p.stage) && p.instr.start < rm.instr.start);
      if (earlier.length === 0) continue;
      const args = argsOf(rm);
      let operands = 0;
      let options = true;
      const flags: string[] = [];
      for (const a of args) {
        if (options && a.value === '--') {
          options = false;
          continue;
        }
        if (options && a.value.startsWith('-')) {
          flags.push(a.value);
          continue;
        }
        operands++;
        const target = absolute(a.value, dirs().get(rm.instr));
        if (target === null) continue;
        const matches = globTest(target);
        const hit = earlier.find((p) => matches(p.path) || (recursive(flags) && (target === '/' || p.path.startsWith(`${target}/`))));
        if (hit) found.push({ rm, word: a.word, hit, operands: 0, exact: target === hit.path });
      }
      for (const f of found) if (f.rm === rm) f.operands = operands;
    }
    for (const d of found) {
      const edits = mountFix(model, d, found);
      report({
        message: `rm deletes "${d.hit.path}" in a later layer, but ${d.hit.by} already put it in an earlier one.`,
        range: model.lines.range(d.word.start, d.word.end),
        instructionLine: d.rm.instr.line,
        fixes: edits ? [{ title: 'Mount the file as a build secret instead', applicability: 'unsafe', edits }] : undefined,
      });
    }
  },
};
