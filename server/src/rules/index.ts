import { addInsteadOfCopy } from './add-instead-of-copy';
import { curlPipeShell } from './curl-pipe-shell';
import { imageTag } from './image-tag';
import { rootUser } from './root-user';
import { sshd } from './sshd';
import { BUILDKIT_RULES, BUILDKIT_UNCOVERED } from './buildkit/index';
import { INSTRUCTION_RULES, INSTRUCTION_UNCOVERED } from './instructions/index';
import { PRAGMA_RULES, PRAGMA_UNCOVERED } from './pragmas/index';
import { SHELL_COMMAND_RULES, SHELL_COMMAND_UNCOVERED } from './shell-commands/index';
import { LANGUAGE_PACKAGE_RULES, LANGUAGE_PACKAGE_UNCOVERED } from './language-packages/index';
import { SYSTEM_PACKAGE_RULES, SYSTEM_PACKAGE_UNCOVERED } from './system-packages/index';
import { TRUST_RULES, TRUST_UNCOVERED } from './trust/index';
import { SECRET_RULES, SECRET_UNCOVERED } from './secrets/index';
import { PERMISSION_RULES, PERMISSION_UNCOVERED } from './permissions/index';
import { INTEGRITY_RULES, INTEGRITY_UNCOVERED } from './integrity/index';
import { BUILD_CONTEXT_RULES, BUILD_CONTEXT_UNCOVERED } from './build-context/index';
import type { Rule, Uncovered } from './types';

/**
 * Every rule, sorted by code. Adding a rule: write its file, add it here or to its family's index.ts (rules
 * about system package managers, language package managers, trust and TLS, instructions, shell commands, ignore
 * pragmas, BuildKit's checks, secrets reaching layers, file permissions and sockets, build and download integrity, the
 * build context), add its test.
 */
export const RULES: readonly Rule[] = [
  rootUser,
  imageTag,
  sshd,
  addInsteadOfCopy,
  curlPipeShell,
  ...SYSTEM_PACKAGE_RULES,
  ...LANGUAGE_PACKAGE_RULES,
  ...TRUST_RULES,
  ...INSTRUCTION_RULES,
  ...SHELL_COMMAND_RULES,
  ...PRAGMA_RULES,
  ...BUILDKIT_RULES,
  ...SECRET_RULES,
  ...PERMISSION_RULES,
  ...INTEGRITY_RULES,
  ...BUILD_CONTEXT_RULES,
].sort((a, b) => a.code.localeCompare(b.code));

/** Other tools' checks that no rule takes as an alias, with the reason (docs/compatibility.md). */
export const UNCOVERED: readonly Uncovered[] = [...SYSTEM_PACKAGE_UNCOVERED, ...LANGUAGE_PACKAGE_UNCOVERED, ...TRUST_UNCOVERED, ...INSTRUCTION_UNCOVERED, ...SHELL_COMMAND_UNCOVERED, ...PRAGMA_UNCOVERED, ...BUILDKIT_UNCOVERED,
  ...SECRET_UNCOVERED, ...PERMISSION_UNCOVERED, ...INTEGRITY_UNCOVERED, ...BUILD_CONTEXT_UNCOVERED];

const byKey = new Map<string, Rule>();
for (const r of RULES) {
  byKey.set(r.code.toLowerCase(), r);
  byKey.set(r.name.toLowerCase(), r);
}

/** A rule by code or name, case-insensitive. */
export function findRule(key: string): Rule | undefined {
  return byKey.get(key.trim().toLowerCase());
}

/** Rules a key names: a Bulkhead code or name, or another tool's ID that rules list as an alias. */
export function rulesFor(key: string): Rule[] {
  const own = findRule(key);
  if (own) return [own];
  const k = key.trim().toUpperCase();
  return RULES.filter((r) => r.aliases.some((a) => a.id.toUpperCase() === k));
}
