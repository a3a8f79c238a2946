import { trivy, trivyIds } from './aliases';
import type { TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr, Stage } from '../model/document';
import { mayHold, parseExecForm, stageChain } from '../model/document';
import { appendLines, insertAt, insertLinesBefore } from '../model/edits';
import { basename } from '../model/shell';
import type { ShellCommand } from '../model/shell';
import { packageInstall, packageName } from '../model/packages';
import { substitute } from '../model/variables';
import type { Fix, Rule } from './types';

/** UID/GID of the user the fix creates: above 10000, clear of host and distribution users. */
const APP_ID = 10001;
/** The `nonroot` user of distroless images. */
const NONROOT_ID = 65532;

const PRIVILEGE_DROPPERS = new Set(['gosu', 'su-exec', 'setpriv', 's6-setuidgid', 'chpst', 'runuser', 'setuser']);
const DROPPER_MENTION = /gosu|su-exec|setpriv|s6-setuidgid|chpst|runuser|setuser/;

export const rootUser: Rule = {
  code: 'BH001',
  name: 'root-user',
  category: 'privileges',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3002',
      differs: 'hadolint also flags `USER root` as the last USER of a build stage, which never runs as the container; Bulkhead flags the final stage only, and also a final stage with no USER at all.',
    },
    ...trivy('0002', 'Trivy takes the last USER anywhere in the file, so a `USER app` in a build stage hides a final stage that runs as root; Bulkhead looks at the final stage and what it inherits.'),
    { tool: 'checkov', id: 'CKV_DOCKER_3' },
    { tool: 'checkov', id: 'CKV_DOCKER_8' },
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.1', title: 'Ensure that a user for the container has been created' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
    { standard: 'NIST SP 800-190', id: '4.4.3', title: 'Insecure container runtime configurations' },
    { standard: 'Pod Security Standards (Restricted)', id: 'runAsNonRoot', title: 'Running as non-root', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { standard: 'CWE', id: 'CWE-250', title: 'Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: 'The final stage runs as root.',
    attack: 'An attacker who gets code execution in the application is root in the container, one kernel or runtime flaw away from root on the host.',
    what:
      'The last stage of the Dockerfile (the image that is shipped) has no `USER` instruction in its chain of stages, ' +
      'or its last `USER` is `root` or UID `0`. Build stages are not checked: compiling as root is fine when the result is copied into a non-root final stage. ' +
      'A `USER` set from a build argument without a default is not flagged, since its value is unknown until build time.',
    why:
      'A process running as root in a container is root on the host kernel: one kernel or runtime escape and it owns the node. ' +
      'Even without an escape, root can change every file of the image, bind privileged ports and read mounted secrets of any owner. ' +
      'Kubernetes clusters that enforce the Restricted Pod Security Standard refuse to start a pod whose image runs as UID 0 under `runAsNonRoot: true`.',
    bad: 'FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
    good:
      'FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY --chown=10001:10001 . .\nRUN npm ci --omit=dev\n' +
      'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && chown 10001:10001 /app\n' +
      'USER 10001:10001\nCMD ["node", "server.js"]\n',
    useInstead:
      'Create an unprivileged system user with a fixed numeric UID and GID and switch to it with a numeric `USER uid:gid` before `CMD`/`ENTRYPOINT`. ' +
      'A numeric user lets Kubernetes verify `runAsNonRoot` without reading `/etc/passwd`. Distroless images already ship `nonroot` (65532). ' +
      'Images that must start as root to fix permissions should drop privileges in their entrypoint with `gosu`, `su-exec` or `setpriv`.',
    fixSafety:
      'Unsafe: the container then runs with different privileges. Files the application writes outside its working directory, privileged ports (<1024) and ' +
      'package installs at run time may stop working. The fix creates the user with the base image\'s own tools (`addgroup`/`adduser` on Alpine and BusyBox, ' +
      '`groupadd`/`useradd` on Debian, Ubuntu and RHEL-family images), reuses a user the Dockerfile already creates, adds `--chown` to files copied into the working directory, ' +
      'gives the working directory itself to the user (`chown`, not recursive: the builder creates it owned by root, so the application could not create a file in it), ' +
      'and inserts `USER` before the final `ENTRYPOINT`/`CMD`. Images without a shell (distroless, scratch) and bases Bulkhead does not recognise (which may have none) keep a root-owned working directory.',
    limitations:
      'The base image\'s own default user is only known for well-known non-root images (distroless `:nonroot`, Chainguard). ' +
      'A final stage that starts as root and drops privileges in its entrypoint is reported at info level when it installs or calls `gosu`, `su-exec` or `setpriv`.',
  },
  check({ model, report }) {
    const final = model.finalStage;
    if (!final || final.user.isRoot !== true) return;
    if (final.os === 'windows') return checkWindows(model, final, report);
    const dropper = privilegeDropper(model, final);
    const severity = dropper ? 'info' : undefined;
    const fixes = fixesFor(model, final);
    const user = final.user;
    if (user.instr) {
      const instr = user.instr;
      const argRange = instr.node.getArgumentsRange() ?? instr.range;
      const inherited = instr.stage !== final;
      report({
        message: dropper
          ? `The container starts as root (USER ${user.written ?? 'root'}); ${dropper} suggests the entrypoint drops privileges: make sure it does.`
          : `The container runs as root: USER ${user.written ?? 'root'}${inherited ? ` in stage "${instr.stage?.name ?? instr.stage?.index ?? ''}"` : ''} is the last USER of the final stage.`,
        range: argRange,
        instructionLine: instr.line,
        fixes,
        severity,
        aliases: ['DL3002', ...trivyIds('0002'), 'CKV_DOCKER_8'],
      });
      return;
    }
    // With a USER elsewhere in the file, Trivy and Checkov see "a user was set" and stay quiet.
    const anyUser = model.instructions.some((i) => i.keyword === 'USER');
    const fromRange = final.base.range ?? final.from.range;
    report({
      message: dropper
        ? `The container starts as root; ${dropper} suggests the entrypoint drops privileges: make sure it does.`
        : 'The container runs as root: no USER instruction sets a non-root user in the final stage.',
      range: fromRange,
      instructionLine: final.from.line,
      fixes,
      severity,
      aliases: anyUser ? [] : [...trivyIds('0002'), 'CKV_DOCKER_3'],
    });
  },
};

function checkWindows(model: DockerfileModel, final: Stage, report: (f: Parameters<Parameters<Rule['check']>[0]['report']>[0]) => void): void {
  if (final.user.instr) return; // Windows images name their users; only the default (ContainerAdministrator on servercore) is flagged.
  const anchor = insertionAnchor(final);
  const edit = anchor ? insertLinesBefore(model, anchor, ['USER ContainerUser']) : appendLines(model, ['USER ContainerUser']);
  report({
    message: 'The container runs as ContainerAdministrator: no USER instruction sets an unprivileged user.',
    range: final.base.range ?? final.from.range,
    instructionLine: final.from.line,
    fixes: edit ? [{ title: 'Run as ContainerUser', applicability: 'unsafe', edits: [edit] }] : [],
  });
}

/**
 * Shell commands of the chain's instructions. `mention` is a literal prefilter: instructions whose text does
 * not match it cannot hold a command of interest, so their shell is never parsed.
 */
function commandsOf(model: DockerfileModel, stage: Stage, keywords: readonly string[], mention: RegExp): { instr: Instr; cmd: ShellCommand }[] {
  const out: { instr: Instr; cmd: ShellCommand }[] = [];
  for (const st of stageChain(stage)) {
    for (const instr of st.instructions) {
      if (!keywords.includes(instr.keyword)) continue;
      if (!mayHold(model, instr, (t) => mention.test(t))) continue;
      for (const cmd of model.shell(instr)?.commands ?? []) out.push({ instr, cmd });
    }
  }
  return out;
}

/** Names a privilege-dropping helper the image installs or runs, if any. */
function privilegeDropper(model: DockerfileModel, final: Stage): string | undefined {
  for (const { cmd } of commandsOf(model, final, ['RUN', 'ENTRYPOINT', 'CMD'], DROPPER_MENTION)) {
    const name = basename(cmd.name.value ?? '');
    if (PRIVILEGE_DROPPERS.has(name)) return `${name}`;
    const install = packageInstall(cmd);
    const pkg = install?.packages.find((p) => PRIVILEGE_DROPPERS.has(packageName(p.value ?? '')));
    if (pkg) return `installing ${packageName(pkg.value ?? '')}`;
    for (const a of cmd.args) {
      const v = basename(a.value ?? '');
      if (PRIVILEGE_DROPPERS.has(v) && (name === 'chmod' || name === 'ln' || name === 'curl' || name === 'wget' || name === 'mv')) return v;
    }
  }
  return undefined;
}

interface ExistingUser {
  /** What USER should say: numeric `uid:gid` when known, else the name. */
  user: string;
  /** What `--chown` should say. */
  chown: string;
  name: string;
  /** Created by a RUN of the Dockerfile, so the image has a shell to run chown with. */
  created: boolean;
}

/** A non-root user the Dockerfile already creates or switches to. */
function existingUser(model: DockerfileModel, final: Stage): ExistingUser | undefined {
  // A non-root USER earlier in the chain (later switched back to root).
  for (const st of stageChain(final)) {
    for (let i = st.instructions.length - 1; i >= 0; i--) {
      const instr = st.instructions[i];
      if (instr?.keyword !== 'USER') continue;
      const written = instr.node.getArgumentsContent()?.trim() ?? '';
      const name = written.split(':')[0] ?? '';
      if (written !== '' && name !== 'root' && name !== '0' && !written.includes('$')) return { user: written, chown: written, name, created: false };
    }
  }
  let group: { name: string; gid: string | undefined } | undefined;
  for (const { cmd } of commandsOf(model, final, ['RUN'], /useradd|adduser|groupadd|addgroup/)) {
    const tool = basename(cmd.name.value ?? '');
    if (tool === 'groupadd' || tool === 'addgroup') {
      const parsed = parseAccountArgs(cmd, tool);
      if (parsed.name && !parsed.group) group = { name: parsed.name, gid: parsed.id };
      continue;
    }
    if (tool !== 'useradd' && tool !== 'adduser') continue;
    const parsed = parseAccountArgs(cmd, tool);
    if (!parsed.name || parsed.name === 'root' || parsed.id === '0') continue;
    const gid = parsed.group !== undefined && /^\d+$/.test(parsed.group) ? parsed.group : group && parsed.group === group.name ? group.gid : parsed.group === undefined && group?.name === parsed.name ? group.gid : undefined;
    if (parsed.id && /^\d+$/.test(parsed.id)) {
      const user = gid ? `${parsed.id}:${gid}` : parsed.id;
      return { user, chown: user, name: parsed.name, created: true };
    }
    return { user: parsed.name, chown: parsed.group ? `${parsed.name}:${parsed.group}` : parsed.name, name: parsed.name, created: true };
  }
  return undefined;
}

/** Name, `-u`/`-g` values of a useradd/adduser/groupadd/addgroup command. */
function parseAccountArgs(cmd: ShellCommand, tool: string): { name?: string; id?: string; group?: string } {
  const idFlags = new Set(['-u', '--uid', '-g', '--gid']);
  const groupFlags = tool === 'useradd' ? new Set(['-g', '--gid']) : new Set(['-G', '--ingroup']);
  const valueFlags = new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '--ingroup', '-d', '--home', '--home-dir', '-s', '--shell', '-c', '--comment', '--gecos', '-h', '-k', '--skel', '-e', '-f', '-K', '-p', '--password']);
  const out: { name?: string; id?: string; group?: string } = {};
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    let v = args[i]?.value ?? '';
    let value: string | undefined;
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0) {
      value = v.slice(eq + 1);
      v = v.slice(0, eq);
    }
    if (v.startsWith('-')) {
      if (valueFlags.has(v) && value === undefined) value = args[++i]?.value ?? undefined;
      const isId = tool === 'groupadd' || tool === 'addgroup' ? v === '-g' || v === '--gid' : v === '-u' || v === '--uid';
      if (isId && idFlags.has(v)) out.id = value;
      else if (groupFlags.has(v) && tool !== 'groupadd' && tool !== 'addgroup') out.group = value;
      continue;
    }
    if (out.name === undefined) out.name = v;
    else if (tool === 'adduser' && !v.startsWith('-')) out.group = v; // `adduser user group` adds to a group
  }
  return out;
}

function creationLines(os: Stage['os']): string[] | undefined {
  const id = APP_ID;
  switch (os) {
    case 'alpine':
    case 'busybox':
      return [`RUN addgroup -S -g ${id} app && adduser -S -D -H -u ${id} -G app app`];
    case 'debian':
      return [`RUN groupadd --system --gid ${id} app && useradd --system --uid ${id} --gid app --no-create-home --shell /usr/sbin/nologin app`];
    case 'rhel':
      return [`RUN groupadd --system --gid ${id} app && useradd --system --uid ${id} --gid app --no-create-home --shell /sbin/nologin app`];
    case 'rhel-minimal':
      return [
        `RUN microdnf install -y shadow-utils && microdnf clean all && groupadd --system --gid ${id} app && useradd --system --uid ${id} --gid app --no-create-home --shell /sbin/nologin app`,
      ];
    default:
      return undefined;
  }
}

/** Where USER goes: before the final ENTRYPOINT/CMD when nothing is built after it. */
export function insertionAnchor(stage: Stage): Instr | undefined {
  let anchor: Instr | undefined;
  for (let i = stage.instructions.length - 1; i > 0; i--) {
    const instr = stage.instructions[i];
    if (!instr) continue;
    if (instr.keyword === 'ENTRYPOINT' || instr.keyword === 'CMD') anchor = instr;
    else if (['RUN', 'COPY', 'ADD', 'WORKDIR', 'USER', 'ONBUILD', 'ARG', 'ENV'].includes(instr.keyword)) break;
  }
  return anchor;
}

function fixesFor(model: DockerfileModel, final: Stage): Fix[] {
  const existing = existingUser(model, final);
  const anchor = insertionAnchor(final);
  // Lines appended after an unterminated heredoc would become part of it: no fix rather than a broken one.
  const insert = (lines: string[]): TextEdit | undefined => (anchor ? insertLinesBefore(model, anchor, lines) : appendLines(model, lines));
  // The working directory goes to the user too, where the image has a shell to chown it with.
  if (existing) {
    const chown = chownEdits(model, final, existing.chown);
    const own = chown.workdir && (existing.created || creationLines(final.os)) ? [`RUN chown ${existing.chown} ${shellWord(chown.workdir)}`] : [];
    const edit = insert([...own, `USER ${existing.user}`]);
    return edit ? [{ title: `Switch to the existing user "${existing.name}"`, applicability: 'unsafe', edits: [edit, ...chown.edits] }] : [];
  }
  const os = final.os;
  const id = os === 'distroless' || os === 'scratch' ? NONROOT_ID : APP_ID;
  const chown = chownEdits(model, final, `${id}:${id}`);
  const create = (creationLines(os) ?? []).map((line) => (chown.workdir ? `${line} && chown ${id}:${id} ${shellWord(chown.workdir)}` : line));
  const edit = insert([...create, `USER ${id}:${id}`]);
  return edit ? [{ title: 'Add a non-root USER', applicability: 'unsafe', edits: [edit, ...chown.edits] }] : [];
}


/**
 * `--chown` for files copied into the final stage's working directory, so the app can own them, and that
 * directory itself (a known path other than `/`; undefined otherwise), which the builder creates owned by root.
 */
function chownEdits(model: DockerfileModel, final: Stage, owner: string): { edits: TextEdit[]; workdir: string | undefined } {
  const edits: TextEdit[] = [];
  // undefined: no WORKDIR yet; null: a WORKDIR whose path is unknown before build time.
  let workdir: string | null | undefined;
  for (const st of stageChain(final).reverse()) {
    for (const instr of st.instructions) {
      if (instr.keyword === 'WORKDIR') {
        const dir = resolvePath(model, instr, instr.node.getArgumentsContent()?.trim() ?? '');
        if (dir === null) workdir = null;
        else workdir = dir.startsWith('/') ? dir.replace(/\/+$/, '') || '/' : workdir === null ? null : `${workdir ?? ''}/${dir}`.replace(/\/+$/, '');
        continue;
      }
      if (st !== final || (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || workdir === undefined || workdir === '/') continue;
      const node = instr.node as unknown as { getFlags(): { getName(): string }[] };
      if (node.getFlags().some((f) => f.getName().toLowerCase() === 'chown')) continue;
      const written = destination(model, instr);
      if (written === undefined) continue;
      const dest = resolvePath(model, instr, written);
      if (dest === null) continue;
      const inside = !dest.startsWith('/') || (workdir !== null && (dest.replace(/\/+$/, '') === workdir || dest.startsWith(`${workdir}/`)));
      if (!inside) continue;
      const kwEnd = model.lines.offsetAt(instr.node.getInstructionRange().end);
      edits.push(insertAt(model, kwEnd, ` --chown=${owner}`));
    }
  }
  return { edits, workdir: workdir === null || workdir === undefined || workdir === '/' ? undefined : workdir };
}

/** A path as one shell word. */
function shellWord(path: string): string {
  return /^[\w./+@%:-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** A WORKDIR or destination path with its variables substituted and quotes removed; null when unknown. */
function resolvePath(model: DockerfileModel, instr: Instr, written: string): string | null {
  const unquoted = /^(["'])(.*)\1$/.exec(written)?.[2] ?? written;
  return substitute(unquoted, instr.scope, { escapeChar: model.escapeChar, undeclaredUnknown: true }).value;
}

function destination(model: DockerfileModel, instr: Instr): string | undefined {
  const args = instr.args;
  const first = args[0];
  if (!first) return undefined;
  const start = model.lines.offsetAt(first.getRange().start);
  const exec = parseExecForm(model.text, start, instr.end);
  if (exec) return exec.strings[exec.strings.length - 1]?.value;
  if (/^<</.test(args[0]?.getValue() ?? '')) return undefined;
  return args[args.length - 1]?.getValue();
}
