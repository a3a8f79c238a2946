import type { Range } from 'vscode-languageserver-types';
import { withCarried, wordsText } from './document';
import type { DockerfileModel, Instr, Stage } from './document';
import { managerOf, splitVerb, VALUE_OPTIONS as OS_VALUE_OPTIONS } from './packages';
import { basename, unwrapCommand } from './shell';
import type { ShellCommand, ShellWord } from './shell';

/**
 * One index of the shell commands of a document, built lazily from the tree-sitter parse and shared by every
 * rule: what a command runs (past `sudo` and `env`), its flags, the package-manager operation it is, where it
 * is (Dockerfile offsets, instruction, stage). `commandIndex(model)` returns the same index for the same
 * model; an instruction's shell is parsed only when a query needs it and its words can hold what is asked for.
 */

/** A package manager, by family: `apt` is apt-get, apt and aptitude; `pip` is pip, pip3, pip3.12 and `python -m pip`. */
export type PackageTool = 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem';

/**
 * What a package-manager command does. `update` refreshes the package index (apt-get update, apk update, dnf
 * makecache, zypper refresh); `upgrade` upgrades installed packages (apt-get upgrade, yum update, npm update).
 */
export type PackageOp = 'install' | 'remove' | 'update' | 'upgrade' | 'clean';

export interface PackageOperation {
  tool: PackageTool;
  op: PackageOp;
  /** The verb as written (`install`, `add`, `in`, `del`, …), with its range. */
  verb: ShellWord;
  /** The package arguments, each with its exact range; values of options (`--virtual .deps`, `-r req.txt`) are not packages. */
  packages: ShellWord[];
}

export interface Flag {
  /** `--no-cache`, `-y`, `-qy` (a cluster of short flags, see `hasFlag`); for `--opt=value`, `--opt`. */
  name: string;
  /** The part after `=` in `--opt=value`, else null (a separate value word is not guessed). */
  value: string | null;
  word: ShellWord;
}

/** One command of a RUN, CMD, ENTRYPOINT or HEALTHCHECK, as every rule sees it. */
export class IndexedCommand {
  /** The program run, past `sudo` and `env` prefixes, without its path (`/usr/bin/apt-get` → `apt-get`); null when not static. */
  readonly name: string | null;
  /** The word that names the program (the `apt-get` of `sudo apt-get …`). */
  readonly nameWord: ShellWord;
  /** The arguments after the program's name. */
  readonly args: readonly ShellWord[];
  private flagList: Flag[] | undefined;
  private packageOp: PackageOperation | null | undefined;
  private rangeCache: Range | undefined;

  constructor(
    /** The command as the shell parsed it: words with offsets, pipeline, list item, nesting (see ShellCommand). */
    readonly command: ShellCommand,
    readonly instr: Instr,
    private readonly model: DockerfileModel,
  ) {
    const u = unwrapCommand(command);
    this.name = u.name === null ? null : basename(u.name);
    this.args = u.args;
    this.nameWord = u.args === command.args ? command.name : (command.args[command.args.length - u.args.length - 1] ?? command.name);
  }

  /** The stage of the instruction (undefined only for instructions before the first FROM). */
  get stage(): Stage | undefined {
    return this.instr.stage;
  }

  /** Dockerfile offsets of the whole command, prefixes and arguments included. */
  get start(): number {
    return this.command.start;
  }

  get end(): number {
    return this.command.end;
  }

  get range(): Range {
    return (this.rangeCache ??= this.model.lines.range(this.command.start, this.command.end));
  }

  /** Static arguments that start with `-`, up to a `--` that ends the options. */
  get flags(): readonly Flag[] {
    if (this.flagList) return this.flagList;
    const out: Flag[] = [];
    for (const word of this.args) {
      const v = word.value;
      if (v === '--') break;
      if (v === null || v.length < 2 || v[0] !== '-') continue;
      const eq = v.startsWith('--') ? v.indexOf('=') : -1;
      out.push(eq > 0 ? { name: v.slice(0, eq), value: v.slice(eq + 1), word } : { name: v, value: null, word });
    }
    return (this.flagList = out);
  }

  /**
   * The first flag with one of these names: a long flag matches itself and `--flag=value`; a one-letter flag
   * (`-y`) also matches inside a cluster of letters (`-qy`), as getopt reads it.
   */
  flag(...names: string[]): Flag | undefined {
    for (const f of this.flags) {
      for (const n of names) {
        if (f.name === n) return f;
        if (n.length === 2 && n[0] === '-' && n[1] !== '-' && !f.name.startsWith('--') && /^-[A-Za-z0-9]+$/.test(f.name) && f.name.includes(n[1] ?? '')) return f;
      }
    }
    return undefined;
  }

  hasFlag(...names: string[]): boolean {
    return this.flag(...names) !== undefined;
  }

  /** The package-manager operation this command is, if it is one. */
  get packages(): PackageOperation | undefined {
    if (this.packageOp === undefined) this.packageOp = packageOperation(this.name, this.args) ?? null;
    return this.packageOp ?? undefined;
  }
}

export interface CommandQuery {
  /** Only instructions of this stage. */
  stage?: Stage;
  /** Only these instructions (default: RUN, CMD, ENTRYPOINT and HEALTHCHECK). */
  keywords?: readonly string[];
}

export interface CommandIndex {
  /** The commands of one instruction, in source order (outer before nested); empty for non-shell instructions. */
  of(instr: Instr): readonly IndexedCommand[];
  /**
   * Commands that run one of `names` (program names without a path: `apt-get`, `curl`), in document order.
   * Instructions whose words cannot hold any of the names are not parsed.
   */
  named(names: string | readonly string[], query?: CommandQuery): IndexedCommand[];
  /** Package-manager operations (optionally of some tools or ops only), in document order; parses only instructions that name a manager. */
  packageOps(filter?: CommandQuery & { tools?: readonly PackageTool[]; ops?: readonly PackageOp[] }): IndexedCommand[];
  /** Every command of the document (parses every shell). */
  all(query?: CommandQuery): IndexedCommand[];
}

const SHELL_KEYWORDS = ['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

/** Characters of a program name: the words text is split on everything else, so a name is a whole token. */
const NAME_CHARS = /^[A-Za-z0-9._+-]+$/;
const NOT_NAME_CHARS = /[^A-Za-z0-9._+-]+/;

const indexes = new WeakMap<DockerfileModel, CommandIndex>();

/** The document's command index, created on first use and cached with the model. */
export function commandIndex(model: DockerfileModel): CommandIndex {
  let index = indexes.get(model);
  if (!index) {
    index = createIndex(model);
    indexes.set(model, index);
  }
  return index;
}

const RUN_ONLY: readonly string[] = ['RUN'];

function createIndex(model: DockerfileModel): CommandIndex {
  const commands = new Map<Instr, readonly IndexedCommand[]>();
  const tokens = new Map<Instr, ReadonlySet<string> | null>();
  const managers = new Map<Instr, boolean>();

  const of = (instr: Instr): readonly IndexedCommand[] => {
    let list = commands.get(instr);
    if (!list) {
      list = (model.shell(instr)?.commands ?? []).map((c) => new IndexedCommand(c, instr, model));
      commands.set(instr, list);
    }
    return list;
  };

  /**
   * The instruction's words split into name tokens, or null when a literal test cannot tell (see `wordsText`):
   * a static program name is a whole token of the words, whatever quoting, path or prefix surrounds it.
   */
  const tokensOf = (instr: Instr): ReadonlySet<string> | null => {
    let set = tokens.get(instr);
    if (set === undefined) {
      const words = wordsText(model, instr);
      set = words === null ? null : new Set(words.split(NOT_NAME_CHARS));
      tokens.set(instr, set);
    }
    return set;
  };

  // Most rules ask for the RUNs of the whole file: one list per set of keywords, not one per question.
  const byKeywords = new Map<readonly string[], readonly Instr[]>();
  const instructions = (query: CommandQuery | undefined): readonly Instr[] => {
    const keywords = query?.keywords ?? SHELL_KEYWORDS;
    if (query?.stage) return query.stage.instructions.filter((i) => keywords.includes(i.keyword));
    // Without a stage: every instruction, and those ONBUILD carries (`ONBUILD RUN apt-get install x` is checked as
    // the RUN it becomes downstream), in text order.
    const key = keywords.length === 1 && keywords[0] === 'RUN' ? RUN_ONLY : keywords;
    let list = byKeywords.get(key);
    if (!list) {
      list = withCarried(model).filter((i) => keywords.includes(i.keyword));
      byKeywords.set(key, list);
    }
    return list;
  };

  return {
    of,
    named(names, query) {
      const wanted = typeof names === 'string' ? [names] : names;
      const literal = wanted.every((n) => NAME_CHARS.test(n));
      const out: IndexedCommand[] = [];
      for (const instr of instructions(query)) {
        const t = tokensOf(instr);
        if (t !== null) {
          if (literal ? !wanted.some((n) => t.has(n)) : !wanted.some((n) => (wordsText(model, instr) ?? '').includes(n))) continue;
        }
        for (const c of of(instr)) if (c.name !== null && wanted.includes(c.name)) out.push(c);
      }
      return out;
    },
    packageOps(filter) {
      const out: IndexedCommand[] = [];
      for (const instr of instructions(filter)) {
        let may = managers.get(instr);
        if (may === undefined) {
          const t = tokensOf(instr);
          may = t === null || [...t].some((w) => toolOf(w) !== undefined || PYTHON.test(w));
          managers.set(instr, may);
        }
        if (!may) continue;
        for (const c of of(instr)) {
          const p = c.packages;
          if (!p) continue;
          if (filter?.tools && !filter.tools.includes(p.tool)) continue;
          if (filter?.ops && !filter.ops.includes(p.op)) continue;
          out.push(c);
        }
      }
      return out;
    },
    all(query) {
      return instructions(query).flatMap((i) => of(i));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Package managers

const PYTHON = /^python[0-9.]*$/;

function toolOf(name: string): PackageTool | undefined {
  const os = managerOf(name);
  if (os) return os;
  switch (name) {
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'gem':
      return name;
    default:
      return /^pip[0-9.]*$/.test(name) ? 'pip' : undefined;
  }
}

/** Options that take a separate value (`pip install -r req.txt`); the OS managers' lists are packages.ts's. */
const VALUE_OPTIONS: Record<PackageTool, ReadonlySet<string>> = {
  ...OS_VALUE_OPTIONS,
  pip: new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--cache-dir', '--log']),
  npm: new Set(['--prefix', '--registry', '-w', '--workspace', '--omit', '--include', '--tag', '--cache', '--loglevel']),
  yarn: new Set(['--cwd', '--registry', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex']),
  pnpm: new Set(['--dir', '-C', '--filter', '-F', '--registry', '--store-dir']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform']),
};

const APT: Record<string, PackageOp> = { install: 'install', remove: 'remove', purge: 'remove', autoremove: 'remove', update: 'update', upgrade: 'upgrade', 'dist-upgrade': 'upgrade', 'full-upgrade': 'upgrade', clean: 'clean', autoclean: 'clean' };
const RPM: Record<string, PackageOp> = { install: 'install', localinstall: 'install', reinstall: 'install', remove: 'remove', erase: 'remove', autoremove: 'remove', makecache: 'update', update: 'upgrade', upgrade: 'upgrade', 'distro-sync': 'upgrade', clean: 'clean' };

const VERBS: Record<PackageTool, Record<string, PackageOp>> = {
  apt: APT,
  apk: { add: 'install', del: 'remove', update: 'update', upgrade: 'upgrade' },
  yum: RPM,
  dnf: RPM,
  microdnf: RPM,
  zypper: { install: 'install', in: 'install', remove: 'remove', rm: 'remove', refresh: 'update', ref: 'update', update: 'upgrade', up: 'upgrade', 'dist-upgrade': 'upgrade', dup: 'upgrade', clean: 'clean', cc: 'clean' },
  pip: { install: 'install', uninstall: 'remove' },
  npm: { install: 'install', i: 'install', add: 'install', ci: 'install', uninstall: 'remove', remove: 'remove', rm: 'remove', un: 'remove', update: 'upgrade', up: 'upgrade', upgrade: 'upgrade' },
  yarn: { add: 'install', install: 'install', remove: 'remove', upgrade: 'upgrade', up: 'upgrade' },
  pnpm: { add: 'install', install: 'install', i: 'install', remove: 'remove', rm: 'remove', update: 'upgrade', up: 'upgrade' },
  gem: { install: 'install', uninstall: 'remove', update: 'upgrade' },
};

/**
 * The operation of a package-manager command: its verb is the first word that is not an option (or an
 * option's value); the packages are the words after it that are not options. `python -m pip …` is pip.
 */
function packageOperation(name: string | null, args: readonly ShellWord[]): PackageOperation | undefined {
  if (name === null) return undefined;
  let tool = toolOf(name);
  if (!tool && PYTHON.test(name)) {
    const m = args.findIndex((a) => a.value === '-m');
    if (m < 0 || !/^pip[0-9.]*$/.test(args[m + 1]?.value ?? '')) return undefined;
    tool = 'pip';
    args = args.slice(m + 2);
  }
  if (!tool) return undefined;
  const verbs = VERBS[tool];
  const split = splitVerb(args, VALUE_OPTIONS[tool], (v) => Object.hasOwn(verbs, v));
  const op = split ? verbs[split.verb.value ?? ''] : undefined;
  return split && op ? { tool, op, verb: split.verb, packages: split.packages } : undefined;
}
