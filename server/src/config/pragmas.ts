import type { DockerfileModel } from '../model/document';
import type { ResolvedSettings } from './settings';
import { RULES, rulesFor } from '../rules/index';
import type { Rule, Severity, Tool } from '../rules/types';

/**
 * Ignore comments in the dialects of Bulkhead and of the tools whose checks Bulkhead's rules alias. Each dialect
 * is one entry of `DIALECTS`: its comment syntax, where it applies, and how its IDs name rules.
 *
 * | Dialect | Syntax | Applies to | IDs |
 * |---|---|---|---|
 * | bulkhead | `# bulkhead ignore=root-user,BH002 reason` | the next instruction | Bulkhead codes and names, any tool's ID (`rulesFor`) |
 * | bulkhead | `# bulkhead global ignore=…` | the file | as above |
 * | hadolint | `# hadolint ignore=DL3008,DL3015` | the next instruction | hadolint IDs of findings |
 * | hadolint | `# hadolint global ignore=…` | the file | hadolint IDs |
 * | buildkit | `# check=skip=A,B;error=true` parser directive | the file | BuildKit check names; `all`: every BuildKit-aliased finding |
 * | checkov | `# checkov:skip=CKV_DOCKER_3[,…][:reason]` anywhere (also `bridgecrew:skip=`) | the file | Checkov IDs |
 * | trivy | `#trivy:ignore:DS-0002` (`DS002`, `AVD-DS-0002`) | the next instruction | Trivy IDs |
 * | kics | `# kics-scan ignore-line` | the instruction starting on the next line | every finding |
 * | kics | `# kics-scan ignore-block` | the instruction starting on the next line; for a FROM, its stage | every finding |
 * | kics | `# kics-scan ignore` before the first instruction | the file | every finding |
 * | kics | `# kics-scan disable=<query id>,…` | — | KICS query IDs: no rule aliases them, nothing is ignored |
 * | dockerfile-utils | `# dockerfile-utils: ignore` | the instruction starting on the next line | every finding |
 *
 * "Next instruction": the first instruction after the comment; other comments and blank lines may come between.
 * Another tool's ID ignores the findings of the rules that list it as an alias, except findings that carry other
 * IDs of that tool and not this one (`Finding.aliases`): `# hadolint ignore=DL3007` ignores `FROM x:latest` and
 * not `FROM x` (DL3006), though both are image-tag findings.
 */
export type Dialect = 'bulkhead' | 'hadolint' | 'buildkit' | 'checkov' | 'trivy' | 'kics' | 'dockerfile-utils';

export interface Pragma {
  dialect: Dialect;
  /** Applies to the whole file. */
  global: boolean;
  /** The codes, names or IDs as written (empty for comments that name no check: KICS, dockerfile-utils). */
  keys: string[];
  /** Codes of the rules they resolve to (every rule for comments that name no check). */
  codes: string[];
  line: number;
  reason: string | undefined;
}

/** Where a comment applies, past what `Pragma.global` says. */
type Scope = 'file' | 'next-instruction' | 'next-line' | 'next-block';

/** How a dialect's IDs name findings. */
type Match = { kind: 'rules' } | { kind: 'aliases'; tool: Tool } | { kind: 'everything' };

interface ParsedComment {
  scope: Scope;
  keys: string[];
  reason?: string;
  /** The IDs name checks no rule aliases (KICS query IDs): the comment ignores nothing. */
  unmapped?: boolean;
}

interface DialectEntry {
  dialect: Dialect;
  match: Match;
  /** The comment's meaning in this dialect, if it is one of its ignore comments (`text`: the line, trimmed, BOM removed). */
  parse(text: string): ParsedComment | undefined;
}

/** Splits `a,b reason…` into IDs and the reason: anything after the first space that follows an ID. */
function splitList(list: string, trailing: string | undefined): { keys: string[]; reason: string | undefined } {
  const items = list.split(/\s*,\s*/);
  const keys: string[] = [];
  let reason = trailing;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] ?? '';
    const [key, ...rest] = item.split(/\s+/);
    if (key) keys.push(key);
    if (rest.length > 0) {
      reason = [rest.join(' '), ...items.slice(i + 1), reason].filter(Boolean).join(', ');
      break;
    }
  }
  return { keys, reason: reason?.trim() || undefined };
}

const OWN_STYLE = (tool: 'bulkhead' | 'hadolint'): RegExp => new RegExp(`^#\\s*${tool}\\s+(global\\s+)?ignore\\s*=\\s*([A-Za-z0-9_,\\- ]*?[A-Za-z0-9_-])(?:\\s+(.*))?\\s*$`);
const BULKHEAD = OWN_STYLE('bulkhead');
const HADOLINT = OWN_STYLE('hadolint');
const CHECKOV = /(?:checkov|bridgecrew):skip=\s*([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)(?::(.*))?/;
const TRIVY = /^#\s*trivy:ignore:([A-Za-z0-9_-]+)((?::[^:\s]+:[^:\s]+)*)\s*$/;
const KICS = /^#\s*kics-scan\s+(ignore-line|ignore-block|ignore|disable\s*=\s*(.*?)|enable\s*=\s*.*?)\s*$/;
const DOCKERFILE_UTILS = /^#\s*dockerfile-utils: ignore$/;

function ownStyle(re: RegExp): (text: string) => ParsedComment | undefined {
  return (text) => {
    const m = re.exec(text);
    if (!m) return undefined;
    const { keys, reason } = splitList(m[2] ?? '', m[3]);
    return { scope: m[1] === undefined ? 'next-instruction' : 'file', keys, reason };
  };
}

/** Comment dialects, in the order a line is tried. BuildKit's is a parser directive, read in `collectIgnores`. */
export const DIALECTS: readonly DialectEntry[] = [
  { dialect: 'bulkhead', match: { kind: 'rules' }, parse: ownStyle(BULKHEAD) },
  // hadolint: the pragma applies to the instruction after it; `global` to the file.
  { dialect: 'hadolint', match: { kind: 'aliases', tool: 'hadolint' }, parse: ownStyle(HADOLINT) },
  {
    // Checkov reads skip comments anywhere in a Dockerfile and skips the check for the whole file (the file is
    // the resource its Dockerfile checks run on); `bridgecrew:skip=` is the older spelling.
    dialect: 'checkov',
    match: { kind: 'aliases', tool: 'checkov' },
    parse(text) {
      const m = CHECKOV.exec(text);
      if (!m) return undefined;
      return { scope: 'file', keys: (m[1] ?? '').split(/\s*,\s*/).filter(Boolean), reason: m[2]?.trim() || undefined };
    },
  },
  {
    // Trivy: `#trivy:ignore:<id>` above the finding, with optional `:exp:<date>` / `:ws:<workspace>` segments,
    // which Bulkhead accepts and does not enforce (the engine reads no clock).
    dialect: 'trivy',
    match: { kind: 'aliases', tool: 'trivy' },
    parse(text) {
      const m = TRIVY.exec(text);
      if (!m) return undefined;
      return { scope: 'next-instruction', keys: [m[1] ?? ''], reason: m[2] ? m[2].slice(1) : undefined };
    },
  },
  {
    dialect: 'kics',
    match: { kind: 'everything' },
    parse(text) {
      const m = KICS.exec(text);
      if (!m) return undefined;
      const what = m[1] ?? '';
      if (what === 'ignore-line') return { scope: 'next-line', keys: [] };
      if (what === 'ignore-block') return { scope: 'next-block', keys: [] };
      if (what === 'ignore') return { scope: 'file', keys: [] };
      // `disable=` / `enable=` name KICS queries by UUID; no Bulkhead rule aliases one, so they ignore nothing.
      return { scope: 'file', keys: what.startsWith('disable') ? (m[2] ?? '').split(/\s*,\s*/).filter(Boolean) : [], unmapped: true };
    },
  },
  {
    // dockerfile-utils drops the problems of the instruction that starts on the line right after the comment.
    dialect: 'dockerfile-utils',
    match: { kind: 'everything' },
    parse: (text) => (DOCKERFILE_UTILS.test(text) ? { scope: 'next-line', keys: [] } : undefined),
  },
];

const allCodes = (): string[] => RULES.map((r) => r.code);

function hasAlias(rule: Rule, tool: Tool, id: string): boolean {
  const k = id.toUpperCase();
  return rule.aliases.some((a) => a.tool === tool && a.id.toUpperCase() === k);
}

/** Rule codes a dialect's keys resolve to. */
function codesFor(match: Match, keys: readonly string[]): string[] {
  if (match.kind === 'everything') return allCodes();
  const rules = keys.flatMap((k) => (match.kind === 'rules' ? rulesFor(k) : rulesFor(k).filter((r) => hasAlias(r, match.tool, k))));
  return [...new Set(rules.map((r) => r.code))];
}

function parseComment(text: string): { entry: DialectEntry; parsed: ParsedComment } | undefined {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('#')) return undefined;
  for (const entry of DIALECTS) {
    const parsed = entry.parse(t);
    if (parsed) return { entry, parsed };
  }
  return undefined;
}

/** An ignore comment of any dialect on one line (`line` is recorded, not read). */
export function parsePragma(text: string, line: number): Pragma | undefined {
  const c = parseComment(text);
  if (!c) return undefined;
  const { entry, parsed } = c;
  return {
    dialect: entry.dialect,
    global: parsed.scope === 'file',
    keys: parsed.keys,
    codes: parsed.unmapped ? [] : codesFor(entry.match, parsed.keys),
    line,
    reason: parsed.reason,
  };
}

/** BuildKit's `# check=` directive: `skip=A,B` (or `all`), `error=true`, `experimental=…`, joined by `;`. */
export interface CheckDirective {
  skip: string[];
  skipAll: boolean;
  error: boolean;
  line: number;
}

export function parseCheckDirective(value: string, line: number): CheckDirective {
  const out: CheckDirective = { skip: [], skipAll: false, error: false, line };
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip') {
      const names = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (names.some((n) => n.toLowerCase() === 'all')) out.skipAll = true;
      out.skip.push(...names.filter((n) => n.toLowerCase() !== 'all'));
    } else if (key === 'error') {
      out.error = v.toLowerCase() === 'true';
    }
  }
  return out;
}

/** What lint.ts knows of a finding besides its rule: the other tools' IDs it carries. */
export interface FindingKeys {
  aliases?: readonly string[];
}

export interface Ignores {
  pragmas: Pragma[];
  /** Rule codes ignored in the whole file, by some finding at least. */
  global: Set<string>;
  /** Rule codes ignored per instruction line, by some finding at least. */
  byLine: Map<number, Set<string>>;
  /** BuildKit's `# check=` directive, if the file has one. */
  check: CheckDirective | undefined;
  /**
   * Whether a finding of the rule on the instruction starting at `instructionLine` is ignored. With the finding's
   * `aliases`, another tool's ID ignores only the findings that carry it; without, any finding of a rule that
   * lists it.
   */
  isIgnored(code: string, instructionLine: number, finding?: FindingKeys): boolean;
  /** A severity a directive imposes on the finding (BuildKit's `error=true`), if any. */
  severity(code: string, finding?: FindingKeys): Severity | undefined;
}

export interface IgnoreOptions {
  /** hadolint's `disable-ignore-pragma`: `# hadolint ignore` comments do nothing. */
  hadolintPragmas?: boolean;
}

/** A suppression: which findings, by rule code and aliases. */
interface Suppression {
  codes: ReadonlySet<string>;
  /** Another tool's IDs (upper case) that name findings; undefined: every finding of `codes`. */
  ids: ReadonlySet<string> | undefined;
  tool?: Tool;
}

/** The config key of the rule option that turns hadolint's inline comments off (hadolint's `disable-ignore-pragma`). */
export const DISABLE_IGNORE_PRAGMA_KEY = 'disableIgnorePragma';

/** What the settings say about ignore comments: the option declared with `configKey: disableIgnorePragma`. */
export function ignoreOptions(settings: ResolvedSettings | undefined): IgnoreOptions {
  if (!settings) return {};
  for (const r of RULES) {
    for (const [name, o] of Object.entries(r.options ?? {})) {
      if (o.configKey === DISABLE_IGNORE_PRAGMA_KEY && settings.options.get(r.code)?.[name] === true) return { hadolintPragmas: false };
    }
  }
  return {};
}

const toolIds = new Map<Tool, Set<string>>();
/** Every ID of a tool that some rule aliases, upper case. */
function aliasIds(tool: Tool): Set<string> {
  let ids = toolIds.get(tool);
  if (!ids) toolIds.set(tool, (ids = new Set(RULES.flatMap((r) => r.aliases.filter((a) => a.tool === tool).map((a) => a.id.toUpperCase())))));
  return ids;
}

/**
 * Whether a suppression covers a finding. Another tool's ID covers the findings of the rules that list it, except
 * those that carry other IDs of that tool and not this one: `DL3007` (latest) leaves image-tag's `DL3006` (no tag)
 * findings alone, while a finding the tool has no ID for (root-user's "no USER at all") goes with its rule.
 */
function suppresses(s: Suppression, code: string, finding: FindingKeys | undefined): boolean {
  if (!s.codes.has(code)) return false;
  if (!s.ids || !s.tool || !finding?.aliases) return true;
  const upper = finding.aliases.map((a) => a.toUpperCase());
  if (upper.some((a) => s.ids?.has(a) ?? false)) return true;
  const ofTool = aliasIds(s.tool);
  return !upper.some((a) => ofTool.has(a));
}

export function collectIgnores(model: DockerfileModel, options: IgnoreOptions = {}): Ignores {
  const pragmas: Pragma[] = [];
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const fileWide: Suppression[] = [];
  const perInstr = new Map<number, Suppression[]>();
  const instrLines = model.instructions.map((i) => i.line);
  const instrStarts = new Set(instrLines);
  const directiveLines = new Set(model.directives.map((d) => d.line));
  const firstInstr = instrLines[0] ?? Infinity;

  const addFile = (s: Suppression): void => {
    fileWide.push(s);
    for (const c of s.codes) global.add(c);
  };
  const addInstr = (line: number, s: Suppression): void => {
    let list = perInstr.get(line);
    if (!list) perInstr.set(line, (list = []));
    list.push(s);
    let set = byLine.get(line);
    if (!set) byLine.set(line, (set = new Set()));
    for (const c of s.codes) set.add(c);
  };

  let check: CheckDirective | undefined;
  const checkLine = model.directives.find((d) => d.name === 'check');
  if (checkLine) {
    check = parseCheckDirective(checkLine.value, checkLine.line);
    const codes = check.skipAll ? RULES.filter((r) => r.aliases.some((a) => a.tool === 'buildkit')).map((r) => r.code) : codesFor({ kind: 'aliases', tool: 'buildkit' }, check.skip);
    pragmas.push({ dialect: 'buildkit', global: true, keys: check.skipAll ? ['all', ...check.skip] : check.skip, codes, line: check.line, reason: undefined });
    addFile({ codes: new Set(codes), ids: check.skipAll ? aliasIds('buildkit') : new Set(check.skip.map((k) => k.toUpperCase())), tool: 'buildkit' });
  }

  for (let line = 0; line < model.lines.lineCount; line++) {
    if (directiveLines.has(line)) continue;
    const text = model.lines.lineText(line);
    if (!/^[\s\uFEFF]*#/.test(text)) continue;
    const c = parseComment(text);
    if (!c) continue;
    const { entry, parsed } = c;
    if (entry.dialect === 'hadolint' && options.hadolintPragmas === false) continue;
    // KICS reads `# kics-scan ignore` and `disable=` at the top of the file only.
    if (entry.dialect === 'kics' && parsed.scope === 'file' && line > firstInstr) continue;
    const pragma = parsePragma(text, line);
    if (!pragma) continue;
    pragmas.push(pragma);
    const s: Suppression =
      entry.match.kind === 'aliases' ? { codes: new Set(pragma.codes), ids: new Set(pragma.keys.map((k) => k.toUpperCase())), tool: entry.match.tool } : { codes: new Set(pragma.codes), ids: undefined };
    if (pragma.codes.length === 0) continue;
    switch (parsed.scope) {
      case 'file':
        addFile(s);
        break;
      case 'next-instruction': {
        const next = instrLines.find((l) => l > line);
        if (next !== undefined) addInstr(next, s);
        break;
      }
      case 'next-line':
        if (instrStarts.has(line + 1)) addInstr(line + 1, s);
        break;
      case 'next-block': {
        const instr = model.instructions.find((i) => i.line === line + 1);
        if (!instr) break;
        if (instr.keyword === 'FROM' && instr.stage) for (const i of instr.stage.instructions) addInstr(i.line, s);
        else addInstr(instr.line, s);
        break;
      }
    }
  }

  return {
    pragmas,
    global,
    byLine,
    check,
    isIgnored: (code, line, finding) => fileWide.some((s) => suppresses(s, code, finding)) || (perInstr.get(line)?.some((s) => suppresses(s, code, finding)) ?? false),
    severity(code, finding) {
      if (!check?.error) return undefined;
      const ids = finding?.aliases ?? rulesFor(code).flatMap((r) => r.aliases.map((a) => a.id));
      const bk = aliasIds('buildkit');
      return ids.some((a) => bk.has(a.toUpperCase())) ? 'error' : undefined;
    },
  };
}
