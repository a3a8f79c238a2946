import type { Rule, Uncovered } from '../types';
import { copyDestinationNotFolder } from './copy-destination-not-folder';
import { copyFromOwnStage } from './copy-from-own-stage';
import { copyFromUnknownStage } from './copy-from-unknown-stage';
import { copyRelativeDestination } from './copy-relative-destination';
import { duplicateStageName } from './duplicate-stage-name';
import { envSameInstructionReference } from './env-same-instruction-reference';
import { exposePortRange } from './expose-port-range';
import { fromPlatform } from './from-platform';
import { instructionBeforeFrom } from './instruction-before-from';
import { labelKeyInvalid } from './label-key-invalid';
import { labelSchema } from './label-schema';
import { maintainer } from './maintainer';
import { missingHealthcheck } from './missing-healthcheck';
import { multipleInstructions } from './multiple-instructions';
import { onbuildForbiddenTrigger } from './onbuild-forbidden-trigger';
import { shellFormCommand } from './shell-form-command';
import { untrustedRegistry } from './untrusted-registry';
import { workdirRelative } from './workdir-relative';
import { workdirSystemDirectory } from './workdir-system-directory';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const INSTRUCTION_RULES: readonly Rule[] = [
  workdirRelative,
  workdirSystemDirectory,
  exposePortRange,
  multipleInstructions,
  copyDestinationNotFolder,
  copyFromUnknownStage,
  copyFromOwnStage,
  copyRelativeDestination,
  duplicateStageName,
  fromPlatform,
  instructionBeforeFrom,
  shellFormCommand,
  untrustedRegistry,
  onbuildForbiddenTrigger,
  envSameInstructionReference,
  labelKeyInvalid,
  labelSchema,
  missingHealthcheck,
  maintainer,
];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const INSTRUCTION_UNCOVERED: readonly Uncovered[] = [];
