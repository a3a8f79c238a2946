import { addInsteadOfCopy } from './add-instead-of-copy';
import { curlPipeShell } from './curl-pipe-shell';
import { imageTag } from './image-tag';
import { rootUser } from './root-user';
import { sshd } from './sshd';
import type { Rule } from './types';

/** Every rule, sorted by code. Adding a rule: write its file, add it here, add its test. */
export const RULES: readonly Rule[] = [rootUser, imageTag, sshd, addInsteadOfCopy, curlPipeShell].sort((a, b) => a.code.localeCompare(b.code));

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
