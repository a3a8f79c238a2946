import type { Failure } from './exercise';

/** What the runner (run.ts) and its worker (worker.ts) tell each other. */

export const STAGES = ['lint', 'ranges', 'fix-alone', 'fix-all', 'hover', 'code-actions', 'manifest', 'incremental', 'invariants', 'time'] as const;
export type Stage = (typeof STAGES)[number];

export interface Job {
  seed: number;
  /** Date.now() after which no new input is started. */
  deadline: number;
  startIndex: number;
  replay: boolean;
  /** The first fixture to replay (after a hang in replay, the runner starts a new worker past it). */
  replayFrom: number;
  write: boolean;
  corpusDir: string | undefined;
  fixturesDir: string;
  /** Run only this input of the seed. */
  only: number | undefined;
  /** Run only these files (no mutation). */
  files: string[];
  budgetMs: number;
  maxHovers: number;
  maxFixesAlone: number;
  minimiseMs: number;
  /** Most new failures minimised and written per run. */
  maxWritten: number;
  /** Signatures already reported (by replay, or an earlier worker of this run). */
  known: string[];
}

export interface FailureRecord extends Failure {
  phase: 'replay' | 'fuzz' | 'file';
  index: number;
  label: string;
  signature: string;
  /** Whether the same failure was reported before in this run (counted, not written again). */
  repeat: boolean;
  fixture?: string;
  chars: number;
  minimisedChars?: number;
}

export interface Stats {
  inputs: number;
  replayed: number;
  chars: number;
  calls: Record<Stage, number>;
  /** Milliseconds spent in each stage. */
  ms: Record<Stage, number>;
  /** Texts with at least one failure in the stage. */
  failing: Record<Stage, number>;
  slowest: { label: string; ms: number; chars: number }[];
  lintMs: number;
}

export type WorkerMessage =
  | { type: 'input'; phase: FailureRecord['phase']; index: number; label: string; text: string }
  | { type: 'failure'; record: FailureRecord }
  | { type: 'log'; line: string }
  | { type: 'progress'; stats: Stats }
  | { type: 'done'; stats: Stats };

export function emptyStats(): Stats {
  const zero = (): Record<Stage, number> => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  return { inputs: 0, replayed: 0, chars: 0, calls: zero(), ms: zero(), failing: zero(), slowest: [], lintMs: 0 };
}

