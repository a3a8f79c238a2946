import type { Rule, Uncovered } from '../types';
import { languagePackageUnpinned } from './language-package-unpinned';
import { pipCacheInImage } from './pip-cache-in-image';
import { yarnCacheInImage } from './yarn-cache-in-image';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const LANGUAGE_PACKAGE_RULES: readonly Rule[] = [languagePackageUnpinned, pipCacheInImage, yarnCacheInImage];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const LANGUAGE_PACKAGE_UNCOVERED: readonly Uncovered[] = [];
