import { withCarried } from '../../model/document';
import type { Rule } from '../types';
import { HYGIENE } from './_util';
import { labelPairs } from './_labels';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Why a label key breaks Docker's key format guidelines, if it does. */
export function keyProblem(key: string): string | undefined {
  const reserved = RESERVED.find((r) => key.startsWith(r));
  if (reserved) return `uses the reserved namespace "${reserved}"`;
  if (!/^[a-z0-9.-]*$/.test(key)) return 'has characters other than lowercase letters, digits, "." and "-"';
  if (!/^[a-z]/.test(key)) return 'does not start with a lowercase letter';
  if (!/[a-z0-9]$/.test(key)) return 'does not end with a lowercase letter or digit';
  if (/\.\.|--/.test(key)) return 'has two periods or two hyphens in a row';
  return undefined;
}

export const labelKeyInvalid: Rule = {
  code: 'BH215',
  name: 'label-key-invalid',
  category: 'build-hygiene',
  severity: 'info',
  aliases: [{ tool: 'hadolint', id: 'DL3048' }],
  references: [...HYGIENE],
  fixable: 'none',
  docs: {
    summary: 'A `LABEL` key breaks Docker\'s key format guidelines.',
    what:
      'A label key that uses a namespace Docker reserves (`com.docker.`, `io.docker.`, `org.dockerproject.`), holds anything but lowercase letters, digits, `.` and `-`, ' +
      'does not start with a lowercase letter or end with a lowercase letter or digit, or has two periods or two hyphens in a row. Keys that hold a variable are not checked.',
    why: 'Tools that read labels (registries, scanners, orchestrators) match keys exactly; keys in other spellings are missed or collide with names Docker reserves for itself.',
    bad: 'FROM alpine:3.20\nLABEL Maintainer_Name="Jo"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jo"\n',
    useInstead: 'Use reverse-DNS keys in lowercase, such as the `org.opencontainers.image.*` keys of the OCI image spec.',
    fixSafety: 'No fix: renaming a label breaks whatever reads it by its current name.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'LABEL') continue;
      for (const pair of labelPairs(model, instr)) {
        if (pair.key.includes('$')) continue;
        const problem = keyProblem(pair.key);
        if (!problem) continue;
        report({ message: `Label key "${pair.key}" ${problem}.`, range: pair.keyRange, instructionLine: instr.line });
      }
    }
  },
};
