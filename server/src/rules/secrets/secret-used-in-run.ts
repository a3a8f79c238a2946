import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { DockerfileModel, Instr } from '../../model/document';
import { argumentsStart, mayHold, parseExecForm } from '../../model/document';
import { insertAt } from '../../model/edits';
import { shippedStages } from '../../model/run-context';
import type { Sequence, ShellWord } from '../../model/shell';
import type { VariableValue } from '../../model/variables';
import { looksSecret } from '../buildkit/secret-env';
import { declaredVariables } from '../trust/_util';
import type { Rule } from '../types';
import { EXTRA_NAMES, SECRET_REFS, extraNames, lineage, looksLikeToken, referenceIn, referenceSpan } from './_util';

/** One RUN's first reference to a secret variable. */
interface Use {
  instr: Instr;
  name: string;
  value: VariableValue;
  start: number;
  end: number;
}

/** The id of the build secret that replaces a variable: its name in lower case (`NPM_TOKEN` → `npm_token`). */
export function secretId(name: string): string {
  return name.toLowerCase();
}

/** Whether a statement sets the variable (`NAME=…`, `export NAME=…`): the RUN's own value, not the ARG's or ENV's. */
function assigns(text: string, name: string): boolean {
  return new RegExp(`^(?:(?:export|readonly|declare|typeset)(?:\\s+-[a-zA-Z]+)*\\s+)?${name}=`).test(text);
}

/** Words and statements of the RUN in which a variable can be referenced, in no particular order. */
function wordsOf(model: DockerfileModel, instr: Instr, exec: boolean): ShellWord[] {
  const script = model.shell(instr);
  if (!script) return [];
  const out: ShellWord[] = [];
  const text = model.text;
  const sequences = new Set<Sequence>([script.top]);
  for (const c of commandIndex(model).of(instr)) {
    const cmd = c.command;
    // An exec-form RUN runs without a shell: `$X` in its JSON strings is not expanded (unless it is `sh -c`'s script).
    if (exec && cmd.depth === 0) continue;
    out.push(cmd.name, ...cmd.args);
    for (const r of cmd.redirects ?? []) out.push(r.target);
    // `A=$TOKEN cmd`: the prefix assignments are not words of the command.
    if (cmd.name.start > cmd.start) out.push({ raw: text.slice(cmd.start, cmd.name.start), value: null, start: cmd.start, end: cmd.name.start });
    if (cmd.sequence) sequences.add(cmd.sequence);
  }
  // `export A=$TOKEN`, `A=$TOKEN`: statements without a command.
  for (const seq of sequences) {
    for (const item of seq.items) if (item.commands.length === 0) out.push({ raw: text.slice(item.start, item.end), value: null, start: item.start, end: item.end });
  }
  return out;
}

/** Whether the fix can rewrite the RUN: shell form, not a heredoc, no top-level `&` that would move the export into a background job. */
function fixable(model: DockerfileModel, instr: Instr, start: number | undefined): start is number {
  if (start === undefined) return false;
  const script = model.shell(instr);
  if (!script || script.hasErrors || parseExecForm(model.text, start, instr.end)) return false;
  if (/^(?:\S*sh(?:\s+-\S+)*\s+)?<</.test(model.text.slice(start, Math.min(instr.end, start + 200)))) return false;
  if (script.top.items.some((i) => i.separatorBefore === '&') || script.top.items.length === 0) return false;
  return instr.stage !== undefined && !lineage(instr.stage).some((i) => i.keyword === 'SHELL');
}

export const secretUsedInRun: Rule = {
  code: 'BH400',
  name: 'secret-used-in-run',
  category: 'attack-surface',
  severity: 'warning',
  trust: 'secret',
  aliases: [],
  references: [...SECRET_REFS, { standard: 'CWE', id: 'CWE-798', title: 'Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' }],
  fixable: 'unsafe',
  options: EXTRA_NAMES,
  docs: {
    summary: 'A `RUN` reads a secret from an `ARG` or `ENV` (`$NPM_TOKEN`), which the image keeps.',
    attack: 'Anyone who can pull the image reads the token from its history (`docker history --no-trunc`) or configuration (`docker inspect`).',
    what:
      'A `RUN` whose shell words reference (`$NAME`, `${NAME}`, `${NAME:-…}`) an `ARG` or `ENV` visible to it whose name looks secret by the rule of `secret-env` ' +
      '(a word such as `token`, `password`, `secret`, `key`, `auth` or `credential`; the `extra-names` option adds names) or whose value looks like a credential ' +
      '(`ghp_…`, `AKIA…`, `xoxb-…`, `glpat-…`, a PEM private key). The finding is on the first reference in each RUN; the `ARG`/`ENV` line itself is `secret-env`\'s. ' +
      'References in the JSON strings of an exec-form RUN are not expanded (no shell) and not reported, except in the script of `["sh", "-c", "…"]`. ' +
      'In stages that do not ship (not the final stage or a stage it builds on) the finding has severity `info`: the value stays in the build cache and the provenance, not in the image.',
    why:
      'Docker records the build arguments a RUN sees in the image history (`RUN |1 NPM_TOKEN=npm_… /bin/sh -c …`) and in the build provenance, and an `ENV` value is part of the image configuration. ' +
      'Every build argument is in the environment of every RUN after its declaration, even one that does not name it: this rule reports the RUNs that name it, where moving to a build secret is plain.',
    bad: 'FROM debian:bookworm-slim\nARG API_TOKEN\nRUN curl -fsSL -H "Authorization: Bearer $API_TOKEN" -o /tmp/app.tgz https://example.com/app.tgz\n',
    good: 'FROM debian:bookworm-slim\nRUN --mount=type=secret,id=api_token API_TOKEN="$(cat /run/secrets/api_token)" && export API_TOKEN && curl -fsSL -H "Authorization: Bearer $API_TOKEN" -o /tmp/app.tgz https://example.com/app.tgz\n',
    useInstead:
      'Pass the value as a build secret and read it in the RUN that needs it: `RUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" && export NPM_TOKEN && …`, built with ' +
      '`docker build --secret id=npm_token,env=NPM_TOKEN .` (BuildKit), or `buildah build --secret id=npm_token,env=NPM_TOKEN .` / `podman build --secret id=npm_token,env=NPM_TOKEN .` ' +
      '(`src=<file>` instead of `env=` reads it from a file). With Dockerfile syntax 1.10 or later `--mount=type=secret,id=npm_token,env=NPM_TOKEN` sets the variable directly.',
    fixSafety:
      'Unsafe: the build must then be called with `--secret id=<id>,env=<NAME>` (the fix names the id: the variable name in lower case). Every RUN that references the variable gets ' +
      '`--mount=type=secret,id=<id>` and starts with `<NAME>="$(cat /run/secrets/<id>)" && export <NAME> && `, so that it and the programs it runs see the same value; the `ARG` or `ENV` ' +
      '(just that key of a multi-key `ENV`) is removed when no other instruction names it. RUNs that read the variable from their environment without naming it (a tool that reads `NPM_TOKEN` ' +
      'itself) and, for an `ENV`, the running container no longer get it. A RUN whose list starts with the secret read fails when the secret is not given; after `||` the rest still runs. ' +
      'No fix when one of the RUNs is a heredoc, in exec form, runs under a `SHELL` other than the default, or puts a top-level statement in the background.',
    limitations:
      'Only references in shell words, redirections and assignments are seen; a reference inside a heredoc fed to a command (`cat <<EOF`) or in a script the RUN calls is not. ' +
      'A secret under an innocent name whose value is not known (`ARG DEPLOY` without default) is not found. ' +
      'The fix keeps the value out of the image history and configuration; a command that writes it into a file (`npm config set …:_authToken "$NPM_TOKEN"` writes `~/.npmrc`) ' +
      'still leaves it in that layer: give such a tool the secret file itself (`--mount=type=secret,id=npmrc,target=/root/.npmrc`).',
  },
  check({ model, options, report }) {
    const extra = extraNames(options);
    const secret = (name: string, value: VariableValue | undefined): boolean => value !== undefined && (looksSecret(name, extra) || (value.value !== undefined && looksLikeToken(value.value)));
    const candidates = new Set<string>();
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
      for (const [name, value] of instr.declares) if (secret(name, value)) candidates.add(name);
    }
    if (candidates.size === 0) return;
    const names = [...candidates];
    const uses: Use[] = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'RUN' || !instr.stage) continue;
      if (!mayHold(model, instr, (w) => w.includes('$') && names.some((n) => w.includes(n)))) continue;
      const visible = names.filter((n) => secret(n, instr.scope.get(n)));
      if (visible.length === 0) continue;
      const start = argumentsStart(model, instr);
      const exec = start !== undefined && parseExecForm(model.text, start, instr.end) !== null;
      const words = wordsOf(model, instr, exec);
      const top = model.shell(instr)?.top.items ?? [];
      for (const name of visible) {
        let first: { start: number; end: number } | undefined;
        for (const w of words) {
          const ref = referenceIn(w.raw, name);
          if (!ref) continue;
          const span = referenceSpan(w, ref);
          if (!first || span.start < first.start) first = span;
        }
        if (!first) continue;
        const at = first.start;
        // The RUN sets the variable itself before using it (a secret read into it): not the ARG's value.
        if (top.some((item) => item.end <= at && item.commands.length === 0 && assigns(model.text.slice(item.start, item.end), name))) continue;
        uses.push({ instr, name, value: instr.scope.get(name) as VariableValue, start: first.start, end: first.end });
      }
    }
    if (uses.length === 0) return;
    const shipped = shippedStages(model);
    const fixes = new Map<string, TextEdit[] | undefined>();
    const fixFor = (u: Use): TextEdit[] | undefined => {
      const key = `${u.name}@${u.value.line}`;
      if (fixes.has(key)) return fixes.get(key);
      const group = uses.filter((o) => o.name === u.name && o.value === u.value);
      const runs = [...new Set(group.map((g) => g.instr))];
      let edits: TextEdit[] | undefined = [];
      const id = secretId(u.name);
      for (const run of runs) {
        const start = argumentsStart(model, run);
        if (!fixable(model, run, start)) {
          edits = undefined;
          break;
        }
        edits.push(insertAt(model, start, `--mount=type=secret,id=${id} ${u.name}="$(cat /run/secrets/${id})" && export ${u.name} && `));
      }
      if (edits) {
        const decl = model.instructions.find((i) => i.line === u.value.line && i.keyword === u.value.kind);
        const mention = new RegExp(`\\$\\{?${u.name}(?![A-Za-z0-9_])`);
        const elsewhere = model.instructions.some((i) => !runs.includes(i) && mention.test(model.text.slice(i.start, i.end)));
        const removal = decl && !elsewhere ? declaredVariables(model, (n) => n === u.name).find((d) => d.instr === decl) : undefined;
        if (removal) edits.push(...removal.remove);
      }
      fixes.set(key, edits);
      return edits;
    };
    for (const u of uses) {
      const stage = u.instr.stage;
      const ships = stage !== undefined && shipped.has(stage);
      const where = ships ? (u.value.kind === 'ARG' ? 'the image keeps in its history' : 'the image keeps in its configuration') : `the build cache of stage ${stage?.name ?? String(stage?.index ?? 0)} keeps`;
      const edits = fixFor(u);
      report({
        message: `This RUN reads ${u.value.kind} "${u.name}", whose value ${where}; pass it as a build secret (--secret id=${secretId(u.name)},env=${u.name}) instead.`,
        range: model.lines.range(u.start, u.end),
        instructionLine: u.instr.line,
        severity: ships ? undefined : 'info',
        fixes: edits ? [{ title: 'Read it from a build secret', applicability: 'unsafe', edits }] : undefined,
      });
    }
  },
};
