import { cleanPath } from '../../rules/buildkit/_dockerignore';
import type { Finding } from '../../rules/types';

/** What the CLI found in one file: the input of every formatter. */
export interface FileReport {
  /** Path relative to where the CLI ran, with forward slashes (absolute when outside it). */
  path: string;
  findings: readonly Finding[];
  /** Fixes that --fix applied before the findings were computed, in order. */
  fixed?: readonly { code: string; title: string; files?: readonly string[] }[];
}

/**
 * A file a fix edits besides the Dockerfile (its path relative to the Dockerfile's folder), as a path of the
 * report's kind: relative to where the CLI ran, with forward slashes.
 */
export function besideReport(reportPath: string, relative: string): string {
  if (relative.startsWith('/')) return cleanPath(relative);
  const slash = reportPath.lastIndexOf('/');
  return cleanPath(slash < 0 ? relative : `${reportPath.slice(0, slash + 1)}${relative}`);
}
