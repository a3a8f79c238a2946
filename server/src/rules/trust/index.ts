import type { Rule, Uncovered } from '../types';
import { packageSignatureCheckDisabled } from './package-signature-check-disabled';
import { passwordSetInImage } from './password-set-in-image';
import { tlsVerificationDisabled } from './tls-verification-disabled';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const TRUST_RULES: readonly Rule[] = [tlsVerificationDisabled, packageSignatureCheckDisabled, passwordSetInImage];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const TRUST_UNCOVERED: readonly Uncovered[] = [];
