import type { Rule, Uncovered } from '../types';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const SECRET_RULES: readonly Rule[] = [];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const SECRET_UNCOVERED: readonly Uncovered[] = [];
