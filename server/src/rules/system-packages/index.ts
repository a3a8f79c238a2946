import type { Rule, Uncovered } from '../types';
import { aptInsteadOfAptGet } from './apt-instead-of-apt-get';
import { aptListsLeft } from './apt-lists-left';
import { distUpgrade } from './dist-upgrade';
import { noInstallRecommends } from './no-install-recommends';
import { nonInteractiveInstall } from './non-interactive-install';
import { packageCacheLeft } from './package-cache-left';
import { packageIndexUpdateAlone } from './package-index-update-alone';
import { unpinnedSystemPackage } from './unpinned-system-package';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const SYSTEM_PACKAGE_RULES: readonly Rule[] = [
  nonInteractiveInstall,
  noInstallRecommends,
  aptListsLeft,
  packageCacheLeft,
  unpinnedSystemPackage,
  aptInsteadOfAptGet,
  packageIndexUpdateAlone,
  distUpgrade,
];

const UPGRADE =
  'hadolint removed this rule: upgrading the installed packages in a build picks up security fixes, which Docker\'s own guidance now recommends, so Bulkhead does not discourage it.';

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const SYSTEM_PACKAGE_UNCOVERED: readonly Uncovered[] = [
  { tool: 'hadolint', id: 'DL3017', why: `\`apk upgrade\`: ${UPGRADE}` },
  { tool: 'hadolint', id: 'DL3031', why: `\`yum update\`: ${UPGRADE}` },
  { tool: 'hadolint', id: 'DL3039', why: `\`dnf update\`: ${UPGRADE}` },
];
