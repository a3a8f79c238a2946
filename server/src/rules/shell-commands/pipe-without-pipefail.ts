import { argumentsStart, mayHold, parseExecForm, withCarried } from '../../model/document';
import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { insertAt } from '../../model/edits';
import { basename, isShell, unwrapCommand } from '../../model/shell';
import type { ShellCommand, ShellWord } from '../../model/shell';
import type { Fix, Rule } from '../types';
import { insertAbove, isExecForm, isHeredocRun } from './_shell';

/** Shells whose `-c` runs something other than a POSIX-like shell: pipefail is not theirs to set. */
const NON_POSIX = /^(pwsh|powershell|cmd)(\.exe)?$/i;
/** Shells hadolint accepts a `-o pipefail` from in SHELL. */
const HADOLINT_SHELLS = new Set(['/bin/bash', '/bin/zsh', '/bin/ash', 'bash', 'zsh', 'ash']);
/**
 * Commands whose failure pipefail would not catch: `echo` and `printf` only write their arguments, and `yes`
 * is ended by SIGPIPE, which pipefail would turn into a failed step.
 */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true']);
/** Shells that know `set -o pipefail`. */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh', 'busybox']);

interface ShellSetting {
  instr: Instr;
  words: string[];
}

/** The SHELL in effect for an instruction: the last one before it in its stage or the stages it builds on. */
function shellFor(model: DockerfileModel, instr: Instr): ShellSetting | undefined {
  let stage: Stage | undefined = instr.stage;
  let until: Instr | undefined = instr;
  const seen = new Set<Stage>();
  while (stage && !seen.has(stage)) {
    seen.add(stage);
    const list = stage.instructions;
    const end = until ? list.indexOf(until) : list.length;
    for (let i = end - 1; i >= 0; i--) {
      const s = list[i];
      if (s?.keyword !== 'SHELL') continue;
      const start = argumentsStart(model, s);
      const exec = start === undefined ? null : parseExecForm(model.text, start, s.end);
      return { instr: s, words: exec ? exec.strings.map((x) => x.value) : [] };
    }
    stage = stage.parent;
    until = undefined;
  }
  return undefined;
}

/** Whether shell options (of SHELL, `set` or `sh`) turn pipefail on: `-o pipefail`, `-eo pipefail`, `-euxo pipefail`. */
function setsPipefail(words: readonly (string | null)[]): boolean {
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i];
    if (w && /^-[a-zA-Z]*o$/.test(w) && words[i + 1] === 'pipefail') return true;
  }
  return false;
}

function values(ws: readonly ShellWord[]): (string | null)[] {
  return ws.map((w) => w.value);
}

export const pipeWithoutPipefail: Rule = {
  code: 'BH269',
  name: 'pipe-without-pipefail',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{
    tool: 'hadolint',
    id: 'DL4006',
    differs: 'Bulkhead does not flag pipes fed only by `echo`, `printf`, `true` or `yes` (nothing for pipefail to catch; `yes` would fail with it), and it accepts `set -o pipefail` earlier in the same RUN, a `-o pipefail` SHELL of any POSIX shell, and a SHELL inherited from the stage a stage builds on; hadolint wants a SHELL of bash, zsh or ash in the same stage (or PowerShell), and checks Windows stages too; its ID is carried only where it would fire too.',
  }],
  references: [{ standard: 'CWE', id: 'CWE-252', title: 'Unchecked Return Value', url: 'https://cwe.mitre.org/data/definitions/252.html' }],
  fixable: 'unsafe',
  docs: {
    summary: 'A RUN pipes commands without `pipefail`, so a failure before the last `|` goes unnoticed.',
    what:
      'A `RUN` with a pipe (`a | b`, in a command substitution too; in exec form, inside `sh -c "…"`) where neither the `SHELL` in effect (of the stage or the stages it ' +
      'builds on) has `-o pipefail`, nor a `set -o pipefail` comes before the pipe in the same RUN. Stages whose SHELL is PowerShell or cmd are not checked, nor ' +
      'pipes fed only by `echo`, `printf`, `true` or `yes`: they cannot fail in a way pipefail reports (and `yes`, ended by SIGPIPE, would fail the step with it).',
    why:
      'A pipeline\'s status is that of its last command. `curl -fsSL … | tar -xz` succeeds when the download fails and tar reads nothing; `make | tee log` hides a ' +
      'broken build. The step passes, and the image is built without what it was meant to contain.',
    bad: 'FROM debian:bookworm-slim\nRUN wget -qO- https://example.com/tool.tgz | tar -xz -C /opt\n',
    good: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.com/tool.tgz | tar -xz -C /opt\n',
    useInstead:
      'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` once before the RUNs that pipe (where the image has bash), or start the RUN with `set -o pipefail &&` ' +
      'where its shell supports it (bash, BusyBox ash on Alpine). In exec form, pass `-o pipefail` to the shell.',
    fixSafety:
      'Unsafe: a build that passed may now fail where a piped command was failing unseen, which is the point but changes the outcome. Two fixes: start the RUN with ' +
      '`set -o pipefail && ` where its shell is known to support it (a bash SHELL, or the default shell of Alpine and Red Hat family images); or insert ' +
      '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN in Debian, Ubuntu and Red Hat family stages that set no SHELL yet, which also runs every later ' +
      'RUN of the stage with bash instead of `/bin/sh`.',
    limitations: 'Other commands that end early by design when the reader stops (`cat big | head -1`) are flagged, and fail with pipefail. Debian\'s `/bin/sh` (dash) is not assumed to know pipefail.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'RUN' || !mayHold(model, instr, (t) => t.includes('|'))) continue;
      const stage = instr.stage;
      if (!stage || stage.os === 'windows') continue;
      const script = model.shell(instr);
      if (!script) continue;
      const exec = isExecForm(model, instr);
      const shell = exec ? undefined : shellFor(model, instr);
      const program = shell?.words[0];
      if (program !== undefined && NON_POSIX.test(basename(program))) continue;
      if (shell && setsPipefail(shell.words)) continue;
      let depth = 0;
      if (exec) {
        const outer = script.commands[0];
        if (!outer || !isShell(outer.name.value) || setsPipefail(values(outer.args))) continue;
        depth = 1;
      }
      const pipe = script.commands.find((c) => c.depth === depth && c.pipeline.length > 1 && c.pipelineIndex === 0 && c.pipeline.slice(0, -1).some((p) => !CANNOT_FAIL.has(unwrapCommand(p).name ?? '')));
      if (!pipe) continue;
      const set = script.commands.some((c) => c.depth === depth && c.start < pipe.start && c.name.value === 'set' && setsPipefail(values(c.args)));
      if (set) continue;
      const last = pipe.pipeline[pipe.pipeline.length - 1] as ShellCommand;
      const hadolint = shellFor(model, instr);
      const hadolintExempt = hadolint !== undefined && hadolint.instr.stage === stage &&
        (NON_POSIX.test(basename(hadolint.words[0] ?? '')) || (HADOLINT_SHELLS.has(hadolint.words[0] ?? '') && setsPipefail(hadolint.words)));
      report({
        message: 'RUN pipes commands without pipefail; a failure before the last | is ignored.',
        range: model.lines.range(pipe.start, last.end),
        instructionLine: instr.line,
        aliases: hadolintExempt ? [] : ['DL4006'],
        fixes: exec ? [] : fixesFor(model, instr, stage, shell),
      });
    }
  },
};

function fixesFor(model: DockerfileModel, instr: Instr, stage: Stage, shell: ShellSetting | undefined): Fix[] {
  const fixes: Fix[] = [];
  const start = argumentsStart(model, instr);
  if (start === undefined || model.shell(instr)?.hasErrors) return fixes;
  const heredoc = isHeredocRun(model, instr);
  // A heredoc RUN runs with the SHELL unless it names its own shell (`RUN sh <<EOF`, a `#!` line).
  if (heredoc && !/^<<[^\n]*\n(?!#!)/.test(model.text.slice(start, instr.end))) return fixes;
  const program = shell ? basename(shell.words[0] ?? '') : undefined;
  const knowsPipefail = program !== undefined ? PIPEFAIL_SHELLS.has(program) : stage.os === 'alpine' || stage.os === 'rhel' || stage.os === 'rhel-minimal';
  if (!heredoc && knowsPipefail && (program === undefined || shell?.words.includes('-c'))) {
    fixes.push({ title: 'Start the RUN with set -o pipefail', applicability: 'unsafe', edits: [insertAt(model, start, 'set -o pipefail && ')] });
  }
  if (!shell && (stage.os === 'debian' || stage.os === 'rhel' || stage.os === 'rhel-minimal')) {
    const first = stage.instructions.find((i) => i.keyword === 'RUN' && i.line <= instr.line && !isExecForm(model, i) && mayHold(model, i, (t) => t.includes('|')) && model.shell(i)?.commands.some((c) => c.pipeline.length > 1)) ?? instr;
    fixes.push({ title: 'Set SHELL to bash with pipefail', applicability: 'unsafe', edits: [insertAbove(model, first, 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]')] });
  }
  return fixes;
}

