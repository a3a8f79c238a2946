import type { Rule, Uncovered } from '../types';
import { addUrlWithoutChecksum } from './add-url-without-checksum';
import { insecureBuildPrivileges } from './insecure-build-privileges';
import { untrustedPackageSource } from './untrusted-package-source';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const INTEGRITY_RULES: readonly Rule[] = [insecureBuildPrivileges, addUrlWithoutChecksum, untrustedPackageSource];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const INTEGRITY_UNCOVERED: readonly Uncovered[] = [];
