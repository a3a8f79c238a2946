import { trivy, trivyIds } from './aliases';
import type { TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr } from '../model/document';
import { mayHold } from '../model/document';
import { del, removeInstruction, removeItems, removeWords, replace } from '../model/edits';
import { packageInstall, packageName } from '../model/packages';
import type { PackageManager } from '../model/packages';
import { basename, isShell, unwrapCommand } from '../model/shell';
import type { Sequence, SequenceItem, ShellCommand, ShellWord } from '../model/shell';
import { substitute } from '../model/variables';
import type { Fix, Rule, RuleFinding } from './types';

const SSH_PORT = '22';

const SERVER_PACKAGES: Record<PackageManager, Set<string>> = {
  apt: new Set(['openssh-server', 'ssh', 'dropbear', 'dropbear-bin', 'tinysshd']),
  apk: new Set(['openssh', 'openssh-server', 'openssh-server-pam', 'dropbear']),
  yum: new Set(['openssh-server', 'dropbear']),
  dnf: new Set(['openssh-server', 'dropbear']),
  microdnf: new Set(['openssh-server', 'dropbear']),
  zypper: new Set(['openssh', 'openssh-server', 'dropbear']),
};

/**
 * Packages that install the SSH client along with the server. The fix swaps them for the client alone: git over
 * SSH, scp and ssh-keyscan in build or run scripts keep working.
 */
const CLIENT_INSTEAD: Partial<Record<PackageManager, Record<string, string>>> = {
  apt: { ssh: 'openssh-client' },
  apk: { openssh: 'openssh-client' },
  zypper: { openssh: 'openssh-clients' },
};

const DAEMONS = new Set(['sshd', 'dropbear', 'tinysshd']);
const SERVICE_NAMES = new Set(['ssh', 'sshd', 'dropbear', 'ssh.service', 'sshd.service', 'dropbear.service']);
const SETUP_TOOLS = new Set(['echo', 'printf', 'sed', 'tee', 'cat', 'chmod', 'chown', 'rm', 'mkdir', 'ln', 'cp', 'mv', 'touch', 'install']);
/** Setup commands whose every argument is a path or an option. */
const PATH_TOOLS = new Set(['mkdir', 'rm', 'touch']);
const SSH_PATHS = /(?:\/etc\/ssh\/|sshd_config|\/var\/run\/sshd|\/run\/sshd|\/etc\/dropbear)/;

export const sshd: Rule = {
  code: 'BH003',
  name: 'sshd',
  category: 'attack-surface',
  severity: 'error',
  aliases: [
    ...trivy(
      '0004',
      'Trivy reads the EXPOSE text as written: it also flags `22/udp` (not SSH) and misses port 22 given through a build argument; it does not look for an SSH server installed or started, which Bulkhead reports too.',
    ),
    {
      tool: 'checkov',
      id: 'CKV_DOCKER_1',
      differs: 'Checkov reads the EXPOSE text as written and misses port 22 given through a build argument; it does not look for an SSH server installed or started, which Bulkhead reports too.',
    },
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '5.7', title: 'Ensure sshd is not run within containers' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
    { standard: 'NIST SP 800-190', id: '4.4.2', title: 'Unbounded network access from containers' },
    { standard: 'CWE', id: 'CWE-1188', title: 'Initialization of a Resource with an Insecure Default', url: 'https://cwe.mitre.org/data/definitions/1188.html' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: 'The image installs, starts or exposes an SSH server.',
    attack: 'An SSH server is a network login into the container: stolen keys or a guessed password give a remote shell beside the application.',
    what:
      'An SSH server package is installed (`openssh-server`, Debian\'s `ssh`, Alpine\'s `openssh`, `dropbear`, …), `sshd` is started by `CMD`, `ENTRYPOINT` or a service command, ' +
      'or port 22 is exposed. Each place is reported; the SSH client (`openssh-client`) is not.',
    why:
      'An SSH daemon is a second way into the container that bypasses the runtime\'s access control and audit trail: it needs keys or passwords baked into the image or managed by hand, ' +
      'it listens on the network, and it usually runs as root. `docker exec` and `kubectl exec` already give an authenticated, audited shell when one is needed.',
    bad:
      'FROM debian:bookworm-slim\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends curl openssh-server \\\n    && mkdir /var/run/sshd\n' +
      'EXPOSE 22 8080\nCMD ["/app/server"]\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nEXPOSE 8080\nCMD ["/app/server"]\n',
    useInstead:
      'Leave SSH out of the image. For a shell in a running container use `docker exec -it <container> sh` or `kubectl exec -it <pod> -- sh`; ' +
      'for file transfer use `docker cp` or `kubectl cp`; for debugging a minimal image, `kubectl debug` with an ephemeral container.',
    fixSafety:
      'Unsafe: anything that logs in over SSH stops working. One fix removes the whole SSH server across the file: the package from its install command ' +
      '(the command from its `&&` chain when it was the only package, the whole `RUN` when nothing remains; a package that brings the client too, Debian\'s `ssh`, ' +
      'Alpine\'s and openSUSE\'s `openssh`, becomes the client package, so git over SSH and scp keep working), port 22 from `EXPOSE`, and the commands that only set sshd up ' +
      '(`mkdir /var/run/sshd`, `ssh-keygen -A`, edits of `sshd_config`, setting a root password). When sshd is the container\'s only process, the `CMD` is replaced by a comment ' +
      'that says how to get a shell instead, rather than left pointing at a program that is gone; after an sshd `ENTRYPOINT`, the stage\'s `CMD` (sshd\'s arguments) ' +
      'becomes a comment too, rather than the container\'s new command.',
    limitations:
      'SSH servers started by a process supervisor\'s configuration file (supervisord, s6) are found through the package install, not the start. ' +
      'Where a flagged instruction\'s shell does not parse, the finding stands but no fix is offered: what the parser recovered is no ground for an edit.',
  },
  check({ model, report }) {
    const sites: RuleFinding[] = [];
    const plan = new RemovalPlan(model);
    let unreadable = false;

    for (const instr of model.instructions) {
      if (instr.keyword === 'EXPOSE') {
        exposed22(model, instr, sites, plan);
        continue;
      }
      if (instr.keyword !== 'RUN' && instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') continue;
      // Each package, daemon, service and setup path names ssh at the start of a word or path segment (not in
      // a flag such as `--without-ssh`), or dropbear; the other setup step sets a password.
      if (!mayHold(model, instr, (t) => /(?<![\w-])(?:open|tiny)?ssh|dropbear|passwd/i.test(t))) continue;
      const script = model.shell(instr);
      if (!script) continue;
      const found = sites.length;
      for (const cmd of script.commands) {
        const install = packageInstall(cmd);
        if (install) {
          const servers = install.packages.filter((p) => SERVER_PACKAGES[install.manager].has(packageName(p.value ?? '')));
          if (servers.length === 0) continue;
          for (const p of servers) {
            sites.push({ message: `Installs the SSH server "${p.value ?? p.raw}".`, range: model.lines.range(p.start, p.end), instructionLine: instr.line, aliases: [] });
          }
          const named = new Set(install.packages.map((p) => packageName(p.value ?? '')));
          const removed: ShellWord[] = [];
          for (const p of servers) {
            const client = CLIENT_INSTEAD[install.manager]?.[packageName(p.value ?? '')];
            if (client && !named.has(client)) {
              named.add(client);
              plan.raw(instr, swapPackage(model, p, client));
            } else removed.push(p);
          }
          if (removed.length === install.packages.length) plan.removeCommand(instr, cmd);
          else if (removed.length > 0) plan.removeWords(instr, cmd, removed);
          continue;
        }
        const started = startsServer(cmd);
        if (started) {
          const sole = instr.keyword !== 'RUN' && isSoleProcess(model, instr, cmd);
          sites.push({
            message: sole
              ? `${basename(cmd.name.value ?? 'sshd')} is the container's only process; without SSH, use "docker exec" or "kubectl exec" for a shell.`
              : `Starts the SSH server (${started}).`,
            range: model.lines.range(cmd.start, cmd.end),
            instructionLine: instr.line,
            aliases: [],
          });
          const others = otherUnits(cmd);
          if (sole) plan.replaceSole(instr);
          else if (others) plan.removeWords(instr, cmd, others.ssh);
          else plan.removeCommand(instr, cmd);
          // The stage's CMD only gave an sshd ENTRYPOINT its arguments: left alone, it would become the command.
          if (sole && instr.keyword === 'ENTRYPOINT' && lastOf(instr.stage, 'ENTRYPOINT') === instr) {
            for (const c of instr.stage?.instructions ?? []) if (c.keyword === 'CMD') plan.replaceArguments(c);
          }
          continue;
        }
        if (instr.keyword !== 'RUN' || script.hasErrors || !isSetup(model, cmd)) continue;
        const paths = sshPathsAmongOthers(cmd);
        if (paths) plan.removeWords(instr, cmd, paths);
        else plan.removeCommand(instr, cmd);
      }
      // Where the shell does not parse, tree-sitter's recovery may have made up the words a fix would edit.
      if (script.hasErrors && sites.length > found) unreadable = true;
    }
    if (sites.length === 0) return;
    const fix: Fix = { title: 'Remove the SSH server', applicability: 'unsafe', edits: unreadable ? [] : plan.edits() };
    for (const site of sites) report({ ...site, fixes: fix.edits.length > 0 ? [fix] : [] });
  },
};

function exposed22(model: DockerfileModel, instr: Instr, sites: RuleFinding[], plan: RemovalPlan): void {
  const args = instr.args;
  const hits = args.filter((a) => {
    const v = substitute(a.getValue(), instr.scope).value;
    return v !== null && v.split('/')[0] === SSH_PORT && (v.split('/')[1] ?? 'tcp').toLowerCase() === 'tcp';
  });
  for (const a of hits) {
    // Trivy and Checkov compare the words as written, before build arguments are substituted.
    const written = a.getValue();
    const aliases = written === '22' || written === '22/tcp' ? [...trivyIds('0004'), 'CKV_DOCKER_1'] : [];
    sites.push({ message: 'Exposes port 22, the SSH port.', range: a.getRange(), instructionLine: instr.line, aliases });
  }
  if (hits.length === 0) return;
  if (hits.length === args.length) {
    plan.removeWhole(instr);
    return;
  }
  for (const a of hits) {
    const i = args.indexOf(a);
    const [s, e] = model.offsets(a.getRange());
    const prev = args[i - 1];
    const next = args[i + 1];
    if (prev) plan.raw(instr, del(model, model.offsets(prev.getRange())[1], e));
    else if (next) plan.raw(instr, del(model, s, model.offsets(next.getRange())[0]));
  }
}

/** The stage's last instruction with this keyword: the one that takes effect. */
function lastOf(stage: Instr['stage'], keyword: string): Instr | undefined {
  return stage?.instructions.filter((i) => i.keyword === keyword).at(-1);
}

/** `openssh=9.6_p1-r0` → `openssh-client=9.6_p1-r0` (same source package, same version); a quoted word is replaced whole. */
function swapPackage(model: DockerfileModel, word: ShellWord, client: string): TextEdit {
  const name = packageName(word.value ?? '');
  const raw = model.text.slice(word.start, word.end);
  return raw.startsWith(name) ? replace(model, word.start, word.start + name.length, client) : replace(model, word.start, word.end, client);
}

/** Names how a command starts an SSH server, if it does. */
function startsServer(cmd: ShellCommand): string | undefined {
  const name = basename(cmd.name.value ?? '');
  const args = cmd.args.map((a) => a.value ?? '');
  if (DAEMONS.has(name)) return name;
  if (name === 'service' && SERVICE_NAMES.has(args[0] ?? '') && (args[1] === 'start' || args[1] === 'restart')) return `service ${args[0]} ${args[1]}`;
  if (/^\/etc\/init\.d\/(ssh|sshd|dropbear)$/.test(cmd.name.value ?? '') && (args[0] === 'start' || args[0] === 'restart')) return `${cmd.name.value ?? ''} ${args[0]}`;
  if ((name === 'ssh' || name === 'sshd') && args[0] === 'start') return name;
  const verb = args.find((a) => a === 'enable' || a === 'start');
  if (name === 'systemctl' && verb && args.some((a) => SERVICE_NAMES.has(a))) return `systemctl ${verb} ${args.filter((a) => SERVICE_NAMES.has(a)).join(' ')}`;
  if ((name === 'rc-update' && args[0] === 'add' && SERVICE_NAMES.has(args[1] ?? '')) || (name === 'rc-service' && SERVICE_NAMES.has(args[0] ?? ''))) return `${name} ${args.join(' ')}`;
  return undefined;
}

/** `systemctl enable ssh nginx`: the SSH units, when the command names other units too. */
function otherUnits(cmd: ShellCommand): { ssh: ShellWord[] } | undefined {
  if (basename(cmd.name.value ?? '') !== 'systemctl') return undefined;
  const units = cmd.args.filter((a) => a.value !== 'enable' && a.value !== 'start' && !(a.value ?? '-').startsWith('-'));
  const ssh = units.filter((a) => SERVICE_NAMES.has(a.value ?? ''));
  return ssh.length > 0 && ssh.length < units.length ? { ssh } : undefined;
}

/** `mkdir -p /run/sshd /app`: the SSH paths, when a file command also handles other paths. */
function sshPathsAmongOthers(cmd: ShellCommand): ShellWord[] | undefined {
  if (!PATH_TOOLS.has(basename(cmd.name.value ?? '')) || cmd.pipeline.length > 1) return undefined;
  const paths = cmd.args.filter((a) => !(a.value ?? '-').startsWith('-'));
  const ssh = paths.filter((a) => SSH_PATHS.test(a.value ?? ''));
  return ssh.length > 0 && ssh.length < paths.length ? ssh : undefined;
}

/** sshd is all the container runs: exec form `["/usr/sbin/sshd", "-D"]`, or a shell form with nothing else at top level. */
function isSoleProcess(model: DockerfileModel, instr: Instr, cmd: ShellCommand): boolean {
  const script = model.shell(instr);
  if (!script) return false;
  if (!DAEMONS.has(basename(cmd.name.value ?? ''))) return false;
  const top = script.top.items;
  return top.length === 1 && top[0]?.commands.length === 1 && top[0].commands[0] === cmd;
}

function isSetup(model: DockerfileModel, cmd: ShellCommand): boolean {
  const name = basename(cmd.name.value ?? '');
  if (name === 'ssh-keygen') {
    const text = cmd.args.map((a) => a.value ?? '').join(' ');
    return /(^|\s)-A(\s|$)/.test(text) || /\/etc\/ssh\/ssh_host_/.test(text) || /\/etc\/dropbear/.test(text);
  }
  if (name === 'dropbearkey') return true;
  const item = cmd.item;
  const text = model.text.slice(item?.start ?? cmd.start, item?.end ?? cmd.end);
  if (name === 'chpasswd' || name === 'passwd') return /\broot\b/.test(text);
  if (SETUP_TOOLS.has(name)) return SSH_PATHS.test(text) && (item?.commands.every((c) => SETUP_TOOLS.has(basename(c.name.value ?? ''))) ?? true);
  return false;
}

/** The `sh -c` command whose script argument is the sequence. */
function enclosingShell(model: DockerfileModel, instr: Instr, seq: Sequence): ShellCommand | undefined {
  const commands = model.shell(instr)?.commands ?? [];
  const depth = commands.find((c) => c.sequence === seq)?.depth;
  const first = seq.items[0];
  const last = seq.items[seq.items.length - 1];
  if (depth === undefined || depth === 0 || !first || !last) return undefined;
  let best: ShellCommand | undefined;
  for (const c of commands) {
    if (c.depth !== depth - 1 || !isShell(unwrapCommand(c).name) || c.start > first.start || c.end < last.end) continue;
    if (!best || c.end - c.start < best.end - best.start) best = c;
  }
  return best;
}

/** Collects what the fix removes, then turns it into non-overlapping edits. */
class RemovalPlan {
  private readonly wholeInstrs = new Set<Instr>();
  private readonly replaced = new Set<Instr>();
  private readonly argumentsOf = new Set<Instr>();
  private readonly items = new Map<Sequence, { instr: Instr; items: Set<SequenceItem> }>();
  private readonly words: { instr: Instr; cmd: ShellCommand; words: ShellWord[] }[] = [];
  private readonly raws: { instr: Instr; edit: TextEdit }[] = [];

  constructor(private readonly model: DockerfileModel) {}

  removeWhole(instr: Instr): void {
    this.wholeInstrs.add(instr);
  }

  replaceSole(instr: Instr): void {
    this.replaced.add(instr);
  }

  /** A CMD that only held the arguments of a removed sshd ENTRYPOINT. */
  replaceArguments(instr: Instr): void {
    this.argumentsOf.add(instr);
  }

  raw(instr: Instr, edit: TextEdit): void {
    this.raws.push({ instr, edit });
  }

  removeCommand(instr: Instr, cmd: ShellCommand): void {
    const item = cmd.item;
    const seq = cmd.sequence;
    if (!item || !seq) return;
    let entry = this.items.get(seq);
    if (!entry) {
      entry = { instr, items: new Set() };
      this.items.set(seq, entry);
    }
    entry.items.add(item);
  }

  removeWords(instr: Instr, cmd: ShellCommand, words: ShellWord[]): void {
    this.words.push({ instr, cmd, words });
  }

  /**
   * An `sh -c '…'` whose script would lose every statement goes as a whole command instead, as far out as
   * needed (`RUN sh -c 'apt-get install -y openssh-server'` loses the RUN).
   */
  private liftEmptiedScripts(): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const [seq, { instr, items }] of this.items) {
        if (seq.topLevel || !seq.scriptTop || !seq.items.every((it) => items.has(it))) continue;
        const outer = enclosingShell(this.model, instr, seq);
        if (!outer) continue;
        this.items.delete(seq);
        this.removeCommand(instr, outer);
        changed = true;
        break;
      }
    }
  }

  edits(): TextEdit[] {
    this.liftEmptiedScripts();
    const model = this.model;
    const edits: TextEdit[] = [];
    const removedItems = new Set<SequenceItem>();
    const gone = new Set<Instr>([...this.wholeInstrs, ...this.replaced, ...this.argumentsOf]);
    for (const [seq, { instr, items }] of this.items) {
      if (seq.topLevel && seq.items.every((it) => items.has(it))) gone.add(instr);
    }
    for (const [seq, { instr, items }] of this.items) {
      if (gone.has(instr)) continue;
      const e = removeItems(model, instr, seq, items);
      if (!e) continue;
      for (const it of items) removedItems.add(it);
      edits.push(...e);
    }
    for (const w of this.words) {
      if (gone.has(w.instr) || (w.cmd.item && removedItems.has(w.cmd.item))) continue;
      edits.push(...removeWords(model, w.cmd, w.words));
    }
    for (const r of this.raws) if (!gone.has(r.instr)) edits.push(r.edit);
    for (const instr of gone) {
      if (this.replaced.has(instr) || this.argumentsOf.has(instr)) {
        const first = model.lines.lineStart(instr.line);
        const lastLine = model.lines.positionAt(instr.end).line;
        const original = model.text.slice(instr.start, instr.end).replace(/\s*\\?\r?\n\s*/g, ' ');
        const comment = this.replaced.has(instr)
          ? `# SSH server removed (was: ${original}). For a shell, use "docker exec -it <container> sh" or "kubectl exec -it <pod> -- sh".`
          : `# Arguments of the removed SSH server (was: ${original}).`;
        edits.push(replace(model, first, model.lines.lineEnd(lastLine), comment));
      } else {
        edits.push(removeInstruction(model, instr));
      }
    }
    return edits;
  }
}
