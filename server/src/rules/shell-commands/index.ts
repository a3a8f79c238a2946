import type { Rule, Uncovered } from '../types';
import { cdInsteadOfWorkdir } from './cd-instead-of-workdir';
import { consecutiveRun } from './consecutive-run';
import { copiedArchiveExtracted } from './copied-archive-extracted';
import { curlAndWget } from './curl-and-wget';
import { lnOverBinSh } from './ln-over-bin-sh';
import { pipeWithoutPipefail } from './pipe-without-pipefail';
import { pointlessCommandInRun } from './pointless-command-in-run';
import { sudoInRun } from './sudo-in-run';
import { useraddWithoutNoLogInit } from './useradd-without-no-log-init';
import { wgetWithoutProgress } from './wget-without-progress';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const SHELL_COMMAND_RULES: readonly Rule[] = [
  pointlessCommandInRun,
  cdInsteadOfWorkdir,
  sudoInRun,
  copiedArchiveExtracted,
  useraddWithoutNoLogInit,
  wgetWithoutProgress,
  consecutiveRun,
  curlAndWget,
  lnOverBinSh,
  pipeWithoutPipefail,
];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const SHELL_COMMAND_UNCOVERED: readonly Uncovered[] = [];
