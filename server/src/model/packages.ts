import { basename, unwrapCommand } from './shell';
import type { ShellCommand, ShellWord } from './shell';

export type PackageManager = 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

export interface PackageInstall {
  manager: PackageManager;
  command: ShellCommand;
  /** Package arguments, each with its exact source range. */
  packages: ShellWord[];
}

/** Options that take a separate value, per manager (`apk add --virtual .deps`, `apt-get -o X=Y`). */
export const VALUE_OPTIONS: Record<PackageManager, ReadonlySet<string>> = {
  apt: new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture']),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']),
  yum: new Set(['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude', '-d', '-e']),
  dnf: new Set(['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude', '-d', '-e', '--repo']),
  microdnf: new Set(['--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo']),
  zypper: new Set(['-r', '--repo', '-t', '--type', '--from']),
};

const INSTALL_VERBS: Record<PackageManager, Set<string>> = {
  apt: new Set(['install']),
  apk: new Set(['add']),
  yum: new Set(['install']),
  dnf: new Set(['install']),
  microdnf: new Set(['install']),
  zypper: new Set(['install', 'in']),
};

/** The OS package manager a program name (or path) is. */
export function managerOf(name: string): PackageManager | undefined {
  switch (basename(name)) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return 'apt';
    case 'apk':
      return 'apk';
    case 'yum':
      return 'yum';
    case 'dnf':
    case 'dnf5':
      return 'dnf';
    case 'microdnf':
      return 'microdnf';
    case 'zypper':
      return 'zypper';
    default:
      return undefined;
  }
}

/**
 * Splits a package manager's arguments: the verb is the first word that is not an option (nor an option's value,
 * per `valueOptions`), the packages are the later words that are not options. Undefined when there is no verb, or
 * when `accepts` refuses it (an unreadable word is refused).
 */
export function splitVerb(args: readonly ShellWord[], valueOptions: ReadonlySet<string>, accepts: (verb: string) => boolean): { verb: ShellWord; packages: ShellWord[] } | undefined {
  let verb: ShellWord | undefined;
  const packages: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a) continue;
    const v = a.value;
    if (v !== null && v.startsWith('-')) {
      if (valueOptions.has(v)) i++;
      continue;
    }
    if (!verb) {
      if (v === null || !accepts(v)) return undefined;
      verb = a;
      continue;
    }
    packages.push(a);
  }
  return verb ? { verb, packages } : undefined;
}

/** The package arguments of an install command (`apt-get install -y a b`), or undefined. */
export function packageInstall(cmd: ShellCommand): PackageInstall | undefined {
  const { name, args } = unwrapCommand(cmd);
  if (name === null) return undefined;
  const manager = managerOf(name);
  if (!manager) return undefined;
  const split = splitVerb(args, VALUE_OPTIONS[manager], (v) => INSTALL_VERBS[manager].has(v));
  return split ? { manager, command: cmd, packages: split.packages } : undefined;
}

/** A package name without a version or architecture suffix: `openssh-server=1:9.2` → `openssh-server`. */
export function packageName(word: string): string {
  return word.replace(/[=<>~].*$/, '').replace(/:[a-z0-9]+$/, '').replace(/-\d[\w.:+~-]*$/, (m) => (/^-\d/.test(m) ? '' : m));
}
