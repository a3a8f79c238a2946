import type { Finding } from '../../rules/types';

/** What the CLI found in one file: the input of every formatter. */
export interface FileReport {
  /** Path relative to where the CLI ran, with forward slashes (absolute when outside it). */
  path: string;
  findings: readonly Finding[];
  /** Fixes that --fix applied before the findings were computed, in order. */
  fixed?: readonly { code: string; title: string }[];
}
