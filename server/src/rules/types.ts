import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../model/document';

/** How bad a finding is. `off` exists only in settings, never on a finding. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export type Category = 'privileges' | 'supply-chain' | 'attack-surface' | 'build-hygiene';

/**
 * The contract a fix makes.
 * - `safe`: the built image means the same; joins fix-all and fix-on-save.
 * - `unsafe`: changes what is built or run (a new USER, a removed package); offered as a quick fix only.
 * - `display-only`: advice shown with the finding; never applied automatically.
 */
export type Applicability = 'safe' | 'unsafe' | 'display-only';

/** What a rule can fix, as declared and as checked by the rule tester. */
export type Fixable = 'none' | 'safe' | 'unsafe';

export type Tool = 'hadolint' | 'trivy' | 'checkov' | 'buildkit';

/** The same check in another tool; ignore comments of that tool honour it. */
export interface Alias {
  tool: Tool;
  id: string;
}

export interface Reference {
  /** Standard and version, e.g. "CIS Docker Benchmark v1.6.0". */
  standard: string;
  /** Section or identifier within it, e.g. "4.1". */
  id: string;
  title: string;
  url?: string;
}

export interface RuleDocs {
  /** One line: what the rule finds. */
  summary: string;
  /** What exactly triggers the rule. */
  what: string;
  /** Why it matters for the running container. */
  why: string;
  /** A Dockerfile that triggers the rule. The rule tester checks that it does. */
  bad: string;
  /** The same Dockerfile done right. The rule tester checks that it does not trigger. */
  good: string;
  /** What to do instead, in prose. */
  useInstead: string;
  /** What the fix changes and why it is declared safe or unsafe. */
  fixSafety: string;
  /** Known blind spots. */
  limitations?: string;
}

export interface Fix {
  /** Imperative: what the fix does ("Add a non-root USER"). */
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
}

/** A finding as a rule reports it; the engine adds code, name and severity. */
export interface RuleFinding {
  message: string;
  range: Range;
  /** The first line of the instruction the finding belongs to: ignore pragmas above it apply. */
  instructionLine: number;
  fixes?: Fix[];
  /** Overrides the rule's severity for this finding when it is known to be less severe. */
  severity?: Severity;
}

export interface RuleContext {
  model: DockerfileModel;
  report: (finding: RuleFinding) => void;
}

export interface Rule {
  /** Stable code, never renumbered. */
  code: string;
  /** Kebab-case name of the pattern. */
  name: string;
  category: Category;
  severity: Severity;
  aliases: readonly Alias[];
  references: readonly Reference[];
  docs: RuleDocs;
  fixable: Fixable;
  check: (ctx: RuleContext) => void;
}

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  range: Range;
  instructionLine: number;
  fixes: Fix[];
}

export type { DockerfileModel, Stage };
