import type { Rule, Uncovered } from '../types';
import { disabledIgnorePragma } from './disabled-ignore-pragma';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const PRAGMA_RULES: readonly Rule[] = [disabledIgnorePragma];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const PRAGMA_UNCOVERED: readonly Uncovered[] = [];
