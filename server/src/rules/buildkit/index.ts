import type { Rule, Uncovered } from '../types';
import { consistentInstructionCasing } from './consistent-instruction-casing';
import { copyIgnoredFile } from './copy-ignored-file';
import { exposeInvalidFormat } from './expose-invalid-format';
import { exposeProtoCasing } from './expose-proto-casing';
import { fromAsCasing } from './from-as-casing';
import { fromPlatformFlagConst } from './from-platform-flag-const';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from';
import { legacyKeyValueFormat } from './legacy-key-value-format';
import { noEmptyContinuation } from './no-empty-continuation';
import { redundantTargetPlatform } from './redundant-target-platform';
import { secretEnv } from './secret-env';
import { reservedStageName } from './reserved-stage-name';
import { stageNameCasing } from './stage-name-casing';
import { undefinedArgInFrom } from './undefined-arg-in-from';
import { undefinedVar } from './undefined-var';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const BUILDKIT_RULES: readonly Rule[] = [
  stageNameCasing,
  fromAsCasing,
  reservedStageName,
  consistentInstructionCasing,
  noEmptyContinuation,
  exposeProtoCasing,
  exposeInvalidFormat,
  legacyKeyValueFormat,
  redundantTargetPlatform,
  fromPlatformFlagConst,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  secretEnv,
  undefinedVar,
  copyIgnoredFile,
];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const BUILDKIT_UNCOVERED: readonly Uncovered[] = [];
