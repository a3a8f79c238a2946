import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DocumentFacts, DockerfileModel, Stage } from '../model/document';

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

/** The parts of the manifest's "Secrets and trust" section (see Rule.trust). */
export type TrustKind = 'secret' | 'credential-file' | 'insecure';

export type Tool = 'hadolint' | 'trivy' | 'checkov' | 'buildkit';

/**
 * The same check in another tool; ignore comments and config files of that tool name the rule by it.
 * `docs/compatibility.md` is generated from these.
 */
export interface Alias {
  tool: Tool;
  /** As the tool spells it (`DL3002`, `DS-0002`, `CKV_DOCKER_3`, `StageNameCasing`); list old spellings (`DS002`, `AVD-DS-0002`) as aliases too. */
  id: string;
  /**
   * Where Bulkhead deliberately reports something else on the same input, and why (one sentence, shown in the
   * compatibility table). Absent: the same meaning on the same inputs, clean cases included.
   */
  differs?: string;
}

/** A check of another tool that no Bulkhead rule takes as an alias, and why; listed in `docs/compatibility.md`. */
export interface Uncovered {
  tool: Tool;
  id: string;
  /** One or two sentences: why Bulkhead has no rule of that meaning (removed from the tool, covered differently, …). */
  why: string;
  /** A Bulkhead rule (code) that covers the concern differently, if any. */
  see?: string;
}

/** A setting a rule takes from the config file: `rules: { <rule>: { level: warning, <option>: <value> } }`. */
export interface RuleOption {
  type: 'boolean' | 'number' | 'string' | 'string[]' | 'record';
  /** The value when the config does not set it. */
  default: boolean | number | string | readonly string[] | Readonly<Record<string, string>>;
  /** One sentence for the docs and the config schema. */
  description: string;
  /** A top-level config key that sets this option too (`trustedRegistries`), as hadolint's config file does. */
  configKey?: string;
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
  /**
   * One sentence naming the attack the finding enables ("Anyone who can pull the image reads the token from its
   * layers."); hovers and pages show it before the details. Every security rule has one.
   */
  attack?: string;
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
  /** Options the examples need (a rule that checks labels against a configured schema); shown with them. */
  exampleOptions?: Readonly<Record<string, unknown>>;
  /** What the examples assume of the Dockerfile's surroundings (the `.dockerignore` a rule reads); shown with them. */
  exampleFacts?: DocumentFacts;
}

/**
 * Edits a fix makes to a file other than the Dockerfile (its `.dockerignore`). The engine never touches the disk:
 * adapters apply these (the CLI writes the file, the language server sends a `WorkspaceEdit`).
 */
export interface FileEdit {
  /** Slash-separated, relative to the Dockerfile's folder: `.dockerignore`, `api.Dockerfile.dockerignore`, `../.dockerignore`. */
  path: string;
  /** The file is known to be absent: create it, then apply `edits` to its empty text. */
  create: boolean;
  /** Edits of the file's text as the facts knew it (positions in that text). */
  edits: TextEdit[];
}

export interface Fix {
  /** Imperative: what the fix does ("Add a non-root USER"). */
  title: string;
  applicability: Applicability;
  /** Edits of the Dockerfile; may be empty when the fix only edits other files. */
  edits: TextEdit[];
  /** Edits of other files, when the fix needs them (see FileEdit). */
  files?: FileEdit[];
}

/** Whether a fix changes anything: the Dockerfile or another file. */
export function hasEdits(fix: Fix): boolean {
  return fix.edits.length > 0 || (fix.files?.some((f) => f.create || f.edits.length > 0) ?? false);
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
  /**
   * The IDs of the rule's aliases whose meaning this finding matches, when not all of them do (hadolint's
   * DL3002 fires on an explicit `USER root`, not on a missing USER). Default: every alias of the rule.
   */
  aliases?: readonly string[];
}

export interface RuleContext {
  model: DockerfileModel;
  /** The rule's options: the config's values over the declared defaults. */
  options: Readonly<Record<string, unknown>>;
  /** What the adapters learned of the document's surroundings. */
  facts: DocumentFacts;
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
  /** Options the config file can set (see RuleOption). */
  options?: Readonly<Record<string, RuleOption>>;
  /**
   * Where the runtime manifest preview lists this rule's findings in its "Secrets and trust" section: secrets that
   * reach the image or its build, credential files the image ships, or trust turned off (TLS, signatures, insecure
   * sources, privileged build steps). Absent: only among the findings.
   */
  trust?: TrustKind;
  /**
   * `false` for rules that only run when the config turns them on (style checks with a trade-off, such as
   * consolidating RUNs, which works against layer reuse). Default true.
   */
  enabledByDefault?: boolean;
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
  /** Other tools' IDs for this finding (see RuleFinding.aliases). */
  aliases: string[];
}

export type { DocumentFacts, DockerfileModel, Stage };
