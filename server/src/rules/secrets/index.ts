import type { Rule, Uncovered } from '../types';
import { credentialFileCopied } from './credential-file-copied';
import { secretFileDeletedLater } from './secret-file-deleted-later';
import { secretUsedInRun } from './secret-used-in-run';
import { secretWrittenToFile } from './secret-written-to-file';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const SECRET_RULES: readonly Rule[] = [secretUsedInRun, credentialFileCopied, secretFileDeletedLater, secretWrittenToFile];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const SECRET_UNCOVERED: readonly Uncovered[] = [];
