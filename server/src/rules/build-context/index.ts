import type { Rule, Uncovered } from '../types';
import { contextSecretsNotIgnored } from './context-secrets-not-ignored';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const BUILD_CONTEXT_RULES: readonly Rule[] = [contextSecretsNotIgnored];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const BUILD_CONTEXT_UNCOVERED: readonly Uncovered[] = [];
