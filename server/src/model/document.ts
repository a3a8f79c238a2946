import { DockerfileParser } from 'dockerfile-ast';
import type { Arg, Argument, Comment, Env, From, Instruction, Onbuild } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { parseImageReference } from './image-ref';
import type { ImageReference } from './image-ref';
import { guessOsFamily } from './os-family';
import type { OsFamily } from './os-family';
import { isShell, parseShell, shellScriptArgIndex } from './shell';
import type { ShellCommand, ShellScript, ShellSource, ShellWord } from './shell';
import { LineIndex } from './text';
import { ScopeHistory, substitute } from './variables';
import type { Scope, VariableValue } from './variables';

export interface Instr {
  keyword: string;
  node: Instruction;
  /** The instruction's arguments (flags excluded), read once: dockerfile-ast recomputes them on every call. */
  args: Argument[];
  /** Offsets of the whole instruction, continuation lines and heredocs included. */
  start: number;
  end: number;
  range: Range;
  /** First line of the instruction. */
  line: number;
  /** Stage the instruction belongs to; undefined for ARGs before the first FROM. */
  stage: Stage | undefined;
  /** Variables visible to this instruction (for an ARG or ENV, with what it declares). */
  scope: Scope;
  /** What an ARG or ENV declares, in order; empty for other instructions. */
  declares: readonly [string, VariableValue][];
  /**
   * For the instruction an `ONBUILD` carries (`ONBUILD RUN …` → a RUN): that ONBUILD. Carried instructions run in
   * the build of an image based on this one; they are in `model.carried`, not among the stage's instructions.
   */
  carriedBy?: Instr;
}

export type BaseImage =
  | { kind: 'image'; ref: ImageReference; text: string; written: string; range: Range; variables: string[] }
  | { kind: 'stage'; stage: Stage; written: string; range: Range }
  | { kind: 'scratch'; written: string; range: Range }
  | { kind: 'unknown'; written: string; range: Range | null; reason: string };

export interface EffectiveUser {
  /** The USER value after substitution: `app`, `1000:1000`, …; null when unknown. */
  value: string | null;
  /** As written in the Dockerfile. */
  written: string | null;
  user: string | null;
  group: string | null;
  /** true / false, or undefined when it cannot be known (a build argument, a base image's default). */
  isRoot: boolean | undefined;
  /** Where the user comes from. */
  source: 'USER' | 'parent-stage' | 'base-image' | 'default';
  /** The USER instruction that set it, if any (possibly in a parent stage). */
  instr: Instr | undefined;
}

export interface Stage {
  index: number;
  name: string | null;
  from: Instr;
  instructions: Instr[];
  base: BaseImage;
  /** The stage this one builds on (`FROM build`), if any. */
  parent: Stage | undefined;
  platform: string | null;
  os: OsFamily;
  isFinal: boolean;
  /** The user the stage ends with (what a container of it runs as). */
  user: EffectiveUser;
}

export interface Directive {
  name: string;
  value: string;
  line: number;
}

/**
 * What the engine knows of a Dockerfile's surroundings, read by the adapters (CLI, language server) and handed in
 * as data: the engine never reads files itself.
 */
export interface DocumentFacts {
  /**
   * The ignore file that applies to the build context, as Docker picks it: `<Dockerfile name>.dockerignore`
   * beside the Dockerfile, else `.dockerignore` in the context folder. Undefined when not known (no file system);
   * `null` when known to be absent.
   */
  dockerignore?: { path: string; text: string } | null;
  /**
   * Where that ignore file is, or would be created when it is absent: slash-separated, relative to the
   * Dockerfile's folder (`.dockerignore`, `api.Dockerfile.dockerignore`, `../ctx/.dockerignore` for a context
   * elsewhere). Default: see `ignoreFileOf`.
   */
  ignoreFile?: string;
  /**
   * Digests of remote files, by URL as the Dockerfile resolves it (`https://example.com/tool.tar.gz` →
   * `sha256:<64 hex>`), learned by an adapter that downloaded them (a plain record, so facts stay JSON); fixes that pin a download read them.
   */
  urlDigests?: Readonly<Record<string, string>>;
}

/**
 * The ignore file that applies, relative to the Dockerfile's folder: `facts.ignoreFile`, else the file name of
 * the known ignore file, else `.dockerignore`. Fixes that edit the ignore file name it so.
 */
export function ignoreFileOf(facts: DocumentFacts): string {
  if (facts.ignoreFile !== undefined) return facts.ignoreFile;
  const known = facts.dockerignore?.path.replace(/\\/g, '/');
  return known ? known.slice(known.lastIndexOf('/') + 1) : '.dockerignore';
}

export interface DockerfileModel {
  text: string;
  lines: LineIndex;
  escapeChar: string;
  directives: Directive[];
  instructions: Instr[];
  /** ARGs before the first FROM. */
  globalArgs: Instr[];
  stages: Stage[];
  finalStage: Stage | undefined;
  /**
   * The instructions `ONBUILD` carries, in order (see `Instr.carriedBy`). The command index lists their shell
   * commands with the rest, so the shell-command rules check `ONBUILD RUN …` as the RUN it is.
   */
  carried: Instr[];
  /** Shell analysis of a RUN, CMD, ENTRYPOINT or HEALTHCHECK (parsed on first use, then cached). */
  shell(instr: Instr): ShellScript | undefined;
  /** Offset range of an AST range. */
  offsets(range: Range): [number, number];
  stageByName(name: string): Stage | undefined;
  /** Whether rules may skip parsing an instruction's shell on a literal test of its text (see `wordsText`). */
  prefilters: boolean;
  /** What the adapters know of the Dockerfile's surroundings (its `.dockerignore`); empty when nothing is known. */
  facts: DocumentFacts;
}

export interface ParseOptions {
  /**
   * Literal prefilters only save time: with `false` every shell is parsed, so tests can show that they never
   * change a finding.
   */
  prefilters?: boolean;
  /** See DockerfileModel.facts. */
  facts?: DocumentFacts;
  /**
   * The model of the same document before an edit. Instructions that end before the first changed character
   * keep their syntax tree, their fields and their parsed shell; only the rest is parsed again (see
   * `reusablePrefix`). The result is the model a fresh parse gives.
   */
  previous?: DockerfileModel;
}

/** Per model: the parsed shells, so that the next version of the document can reuse those of unchanged instructions. */
const shellCaches = new WeakMap<DockerfileModel, Map<Instr, ShellScript | undefined>>();

/** Well-known images whose default user is not root. */
const NON_ROOT_DEFAULTS: { test: (ref: ImageReference) => boolean; user: string }[] = [
  { test: (r) => r.registry === 'gcr.io' && r.repository.startsWith('distroless/') && /(^|-)nonroot$/.test(r.tag ?? ''), user: '65532' },
  { test: (r) => r.registry === 'cgr.dev' && r.repository.startsWith('chainguard/') && !/(^|-)dev$/.test(r.tag ?? ''), user: '65532' },
];

export function parseDockerfile(text: string, options: ParseOptions = {}): DockerfileModel {
  const lines = new LineIndex(text);
  const previous = options.previous;
  const reused = previous ? reusablePrefix(previous, text) : 0;
  const kept = previous?.instructions.slice(0, reused) ?? [];
  const firstNew = previous?.instructions[reused];
  // What dockerfile-ast parses: the whole text, or, after the kept instructions, the rest with everything
  // between the first instruction and the first changed one blanked out (line breaks stay, so every line
  // and column is where it is in the text; the header of directives and comments stays for the escape character).
  // Blanked up to the start of the first re-parsed instruction's line, not to the instruction: its indentation
  // is part of where dockerfile-ast places it.
  const ast = DockerfileParser.parse(firstNew && reused > 0 ? blankOut(text, kept[0]?.start ?? 0, lineStartBefore(text, firstNew.start)) : text);
  const escapeChar = ast.getEscapeCharacter();
  const directives = parseDirectives(lines);
  const offsets = (range: Range): [number, number] => [lines.offsetAt(range.start), lines.offsetAt(range.end)];
  const sources: { node: Instruction; range: Range; start: number; end: number; keyword: string; old?: Instr }[] = kept.map((i) => ({ node: i.node, range: i.range, start: i.start, end: i.end, keyword: i.keyword, old: i }));
  for (const node of ast.getInstructions()) {
    const range = node.getRange();
    const [start, end] = offsets(range);
    sources.push({ node, range, start, end, keyword: node.getKeyword().toUpperCase() });
  }

  const instructions: Instr[] = [];
  const carried: Instr[] = [];
  const globalArgs: Instr[] = [];
  const stages: Stage[] = [];
  const globalHistory = new ScopeHistory();
  let globalScope = globalHistory.now();
  let history = globalHistory;
  let scope = globalScope;
  let stage: Stage | undefined;

  const shellCache = new Map<Instr, ShellScript | undefined>();
  const previousShells = previous ? shellCaches.get(previous) : undefined;
  for (const { node, range, start, end, keyword, old } of sources) {
    if (keyword === 'FROM') {
      const from = node as From;
      const fromInstr = makeInstr({ keyword, node, start, end, range, line: range.start.line, stage: undefined, scope: globalScope, declares: [] }, old);
      const st = createStage(from, fromInstr, stages, globalScope);
      fromInstr.stage = st;
      stages.push(st);
      stage = st;
      // A stage starts with the ENV of its parent stage; ARGs must be declared again.
      const parentEnd = st.parent?.instructions[st.parent.instructions.length - 1]?.scope;
      history = new ScopeHistory(parentEnd ? [...parentEnd].filter(([, v]) => v.kind === 'ENV') : []);
      scope = history.now();
      instructions.push(fromInstr);
      st.instructions.push(fromInstr);
      continue;
    }
    const instr = makeInstr({ keyword, node, start, end, range, line: range.start.line, stage, scope, declares: [] }, old);
    if (old && previousShells?.has(old)) shellCache.set(instr, previousShells.get(old));
    if (keyword === 'ARG' || keyword === 'ENV') {
      instr.declares = declare(scope, node, keyword, stage ? globalScope : undefined, stage);
      for (const [name, value] of instr.declares) history.set(name, value);
      scope = history.now();
      if (!stage) globalScope = scope;
      instr.scope = scope;
    }
    instructions.push(instr);
    if (stage) stage.instructions.push(instr);
    else if (keyword === 'ARG') globalArgs.push(instr);
    if (keyword === 'ONBUILD') {
      const trigger = (node as Onbuild).getTriggerInstruction();
      if (trigger) {
        const tRange = trigger.getRange();
        const [tStart, tEnd] = offsets(tRange);
        const tKeyword = trigger.getKeyword().toUpperCase();
        if (tKeyword !== 'ONBUILD' && tKeyword !== 'FROM') {
          carried.push(makeInstr({ keyword: tKeyword, node: trigger, start: tStart, end: tEnd, range: tRange, line: tRange.start.line, stage, scope, declares: [], carriedBy: instr }));
        }
      }
    }
  }

  const last = stages[stages.length - 1];
  if (last) last.isFinal = true;
  for (const st of stages) st.user = effectiveUser(st);

  const model: DockerfileModel = {
    text,
    lines,
    prefilters: options.prefilters ?? true,
    facts: options.facts ?? {},
    escapeChar,
    directives,
    instructions,
    globalArgs,
    stages,
    finalStage: last,
    carried,
    offsets,
    stageByName: (name) => findStage(stages, name, stages.length),
    shell(instr) {
      if (shellCache.has(instr)) return shellCache.get(instr);
      const script = analyzeShell(model, instr);
      shellCache.set(instr, script);
      return script;
    },
  };
  shellCaches.set(model, shellCache);
  return model;
}

/**
 * The instructions of the file and those ONBUILD carries, in text order: what rules about an instruction's own
 * text (its shell commands, its flags, its format) look at. Rules about the image this file builds use
 * `model.instructions` or the stages.
 */
export function withCarried(model: DockerfileModel): readonly Instr[] {
  if (model.carried.length === 0) return model.instructions;
  let all = withCarriedCache.get(model);
  if (!all) {
    all = [...model.instructions, ...model.carried].sort((a, b) => a.start - b.start);
    withCarriedCache.set(model, all);
  }
  return all;
}

const withCarriedCache = new WeakMap<DockerfileModel, Instr[]>();

/**
 * How many of the previous model's instructions the new text keeps as they were: those that end, with the
 * comments and blank lines after them, before the first character that differs. What follows an instruction up
 * to the next one can belong to it (a heredoc body), so an instruction is kept only when the next one starts
 * before the change too. None are kept when the header (directives, leading comments) or the options differ.
 */
function reusablePrefix(previous: DockerfileModel, text: string): number {
  const old = previous.text;
  // dockerfile-ast starts a line after a lone CR differently depending on what precedes it: old Mac line
  // breaks are rare enough to parse in full.
  if (LONE_CR.test(text) || LONE_CR.test(old)) return 0;
  const limit = Math.min(old.length, text.length);
  let diff = 0;
  // Compare in large steps first: typing changes one place, usually far into the text.
  const STEP = 256;
  while (diff + STEP <= limit && old.slice(diff, diff + STEP) === text.slice(diff, diff + STEP)) diff += STEP;
  while (diff < limit && old.charCodeAt(diff) === text.charCodeAt(diff)) diff++;
  if (diff === old.length && diff === text.length) diff = limit + 1; // identical: everything can stay
  const list = previous.instructions;
  let n = 0;
  // Instruction n is kept when instruction n + 1 starts at or before the change; the last one never is.
  while (n + 1 < list.length && (list[n + 1]?.start ?? Infinity) <= diff) n++;
  return n;
}

const LONE_CR = /\r(?!\n)/;

/** Instructions whose leading `--name` words are flags, as dockerfile-ast reads them; elsewhere they are arguments. */
const FLAGGED = new Set(['RUN', 'COPY', 'ADD', 'FROM', 'HEALTHCHECK']);

/** The offset where the line holding `offset` starts. */
function lineStartBefore(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The text with [from, to) emptied except for line breaks (no lone CR: see reusablePrefix). */
function blankOut(text: string, from: number, to: number): string {
  if (to <= from) return text;
  return text.slice(0, from) + text.slice(from, to).replace(/[^\r\n]+/g, '') + text.slice(to);
}

/**
 * An Instr whose `args` are read from dockerfile-ast on first use only: tokenizing a long RUN is costly and
 * most RUNs never need it (rules prefilter their text before asking for the shell).
 */
function makeInstr(fields: Omit<Instr, 'args'>, old?: Instr): Instr {
  const instr = fields as Instr;
  const known = old ? readArgs.get(old) : undefined;
  if (known) readArgs.set(instr, known);
  return Object.defineProperty(instr, 'args', {
    enumerable: true,
    get: () => {
      let args = readArgs.get(instr);
      if (!args) readArgs.set(instr, (args = fields.node.getArguments()));
      return args;
    },
  });
}

/** Arguments of an instruction once read (and the next version's copy of a kept instruction shares them). */
const readArgs = new WeakMap<Instr, Argument[]>();

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/**
 * Parser directives as BuildKit reads them: leading `# name=value` lines with a known name; the first other
 * line (comment, blank line or instruction) ends them. (`# hadolint global ignore=…` is a comment.)
 */
function parseDirectives(lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line).replace(/^\uFEFF/, '');
    const m = DIRECTIVE.exec(text);
    if (!m || !KNOWN_DIRECTIVES.has((m[1] ?? '').toLowerCase())) break;
    out.push({ name: (m[1] ?? '').toLowerCase(), value: m[2] ?? '', line });
  }
  return out;
}

/**
 * What an ARG or ENV declares. Values are substituted with the variables as they were before the instruction:
 * in `ENV abc=bye def=$abc`, def gets the earlier abc, as Docker does.
 */
function declare(before: Scope, node: Instruction, keyword: 'ARG' | 'ENV', globalScope: Scope | undefined, stage: Stage | undefined): [string, VariableValue][] {
  const undeclaredUnknown = stage !== undefined && stage.base.kind !== 'scratch';
  const line = node.getRange().start.line;
  if (keyword === 'ARG') {
    const prop = (node as Arg).getProperty();
    if (!prop) return [];
    const name = prop.getName();
    const raw = prop.getValue();
    if (raw !== null) return [[name, { value: substitute(raw, before, { undeclaredUnknown }).value ?? undefined, line, kind: 'ARG' }]];
    // `ARG NAME` in a stage takes the global default, if any.
    return [[name, { value: globalScope?.get(name)?.value, line, kind: 'ARG' }]];
  }
  return (node as Env).getProperties().map((prop) => {
    const raw = prop.getValue();
    return [prop.getName(), { value: raw === null ? '' : (substitute(raw, before, { undeclaredUnknown }).value ?? undefined), line, kind: 'ENV' }];
  });
}

function findStage(stages: readonly Stage[], name: string, before: number): Stage | undefined {
  const lower = name.toLowerCase();
  for (let i = Math.min(before, stages.length) - 1; i >= 0; i--) {
    const s = stages[i];
    if (s && s.name !== null && s.name.toLowerCase() === lower) return s;
  }
  if (/^\d+$/.test(name)) {
    const s = stages[Number(name)];
    if (s && s.index < before) return s;
  }
  return undefined;
}

function createStage(from: From, instr: Instr, stages: readonly Stage[], globalScope: Scope): Stage {
  const args = instr.args;
  const imageArg = args[0];
  const name = args.length >= 3 && args[1]?.getValue().toLowerCase() === 'as' ? (args[2]?.getValue() ?? null) : null;
  const platformFlag = from.getPlatformFlag();
  const platform = platformFlag?.getValue() ?? null;
  let base: BaseImage;
  if (!imageArg) {
    base = { kind: 'unknown', written: '', range: null, reason: 'FROM has no image' };
  } else {
    const written = imageArg.getValue();
    const range = imageArg.getRange();
    const sub = substitute(written, globalScope);
    // In FROM, an undeclared variable is the empty string; a declared one without default is unknown.
    if (sub.value === null) {
      base = { kind: 'unknown', written, range, reason: `depends on ${sub.used.map((v) => `$${v}`).join(', ')}, which has no default value` };
    } else if (sub.value.toLowerCase() === 'scratch') {
      base = { kind: 'scratch', written, range };
    } else {
      const parent = sub.value.includes('/') || sub.value.includes(':') || sub.value.includes('@') ? undefined : findStage(stages, sub.value, stages.length);
      if (parent) {
        base = { kind: 'stage', stage: parent, written, range };
      } else {
        const parsed = parseImageReference(sub.value);
        base = parsed.ok
          ? { kind: 'image', ref: parsed.ref, text: sub.value, written, range, variables: sub.used }
          : { kind: 'unknown', written, range, reason: parsed.error };
      }
    }
  }
  const parentStage = base.kind === 'stage' ? base.stage : undefined;
  const os = parentStage ? parentStage.os : base.kind === 'image' ? guessOsFamily(base.ref) : base.kind === 'scratch' ? 'scratch' : 'unknown';
  return {
    index: stages.length,
    name,
    from: instr,
    instructions: [],
    base,
    parent: parentStage,
    platform,
    os,
    isFinal: false,
    user: { value: null, written: null, user: null, group: null, isRoot: true, source: 'default', instr: undefined },
  };
}

/** The stage and the stages it builds on, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.parent) chain.push(s);
  return chain;
}

const ROOT_NAMES = new Set(['root', '0']);

export function describeUser(value: string | null): { user: string | null; group: string | null; isRoot: boolean | undefined } {
  if (value === null) return { user: null, group: null, isRoot: undefined };
  const [user = '', group = null] = value.split(':');
  return { user, group, isRoot: ROOT_NAMES.has(user) };
}

function effectiveUser(stage: Stage): EffectiveUser {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const instr = stage.instructions[i];
    if (!instr || instr.keyword !== 'USER') continue;
    const written = instr.node.getArgumentsContent()?.trim() ?? '';
    const value = substitute(written, instr.scope, { undeclaredUnknown: stage.base.kind !== 'scratch' }).value;
    const d = describeUser(value);
    return { value, written, ...d, source: 'USER', instr };
  }
  if (stage.parent) return { ...stage.parent.user, source: stage.parent.user.source === 'USER' ? 'parent-stage' : stage.parent.user.source };
  if (stage.base.kind === 'image') {
    const ref = stage.base.ref;
    const known = NON_ROOT_DEFAULTS.find((k) => k.test(ref));
    if (known) return { value: known.user, written: null, user: known.user, group: known.user, isRoot: false, source: 'base-image', instr: undefined };
  }
  // Docker's default: the base image's user, which is root unless the image sets one.
  return { value: null, written: null, user: null, group: null, isRoot: true, source: 'default', instr: undefined };
}

// ---------------------------------------------------------------------------------------------
// Shell sources of instructions

/** Exec-form JSON array parsed with offsets, or null when the arguments are not a JSON array. */
export interface ExecForm {
  /** Each string's value, the offsets of its quotes, and per-character offsets (plus one past the end). */
  strings: { value: string; start: number; end: number; offsets: number[] }[];
}

export function parseExecForm(text: string, from: number, to: number): ExecForm | null {
  let i = from;
  const ws = (): void => {
    while (i < to && /\s/.test(text[i] ?? '')) i++;
  };
  ws();
  if (text[i] !== '[') return null;
  i++;
  const strings: ExecForm['strings'] = [];
  ws();
  if (text[i] === ']') {
    i++;
    ws();
    return i >= to ? { strings } : null;
  }
  for (;;) {
    ws();
    if (text[i] !== '"') return null;
    const start = i;
    i++;
    let value = '';
    const offsets: number[] = [];
    for (;;) {
      if (i >= to) return null;
      const c = text[i];
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i + 1];
        const at = i;
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          const m = e === undefined ? undefined : map[e];
          if (m === undefined) return null;
          value += m;
          i += 2;
        }
        offsets.push(at);
        continue;
      }
      if (c === '\n' || c === '\r') return null;
      value += c;
      offsets.push(i);
      i++;
    }
    offsets.push(i);
    i++;
    strings.push({ value, start, end: i, offsets });
    ws();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ']') {
      i++;
      ws();
      return i >= to ? { strings } : null;
    }
    return null;
  }
}

/**
 * An instruction's text as the shell reads its words, for literal prefilters that decide whether its shell is
 * worth parsing: quotes and backslashes removed (`s""h`, `"curl"` and `\sh` are sh and curl to the shell).
 * Null when the text has a JSON `\u` escape (exec form) or a quote left open, which a literal test cannot see
 * through, or when the model was parsed without prefilters: parse it. (On otherwise invalid shell, tree-sitter's
 * error recovery can make up words no literal test foresees; a finding there is an accident either way.)
 */
export function wordsText(model: DockerfileModel, instr: Instr): string | null {
  if (!model.prefilters) return null;
  // Several rules ask about the same instruction: read its words once.
  let words = wordsCache.get(instr);
  if (words === undefined) {
    const raw = model.text.slice(instr.start, instr.end);
    words = raw.includes('\\u') || !quotesClose(raw) ? null : raw.replace(/["'\\]/g, '');
    wordsCache.set(instr, words);
  }
  return words;
}

const wordsCache = new WeakMap<Instr, string | null>();

/**
 * Whether the instruction's shell may hold what a rule looks for: false only when `test`, a literal test that
 * every finding implies, fails on its words (see `wordsText`). Rules ask this before `model.shell(instr)`.
 */
export function mayHold(model: DockerfileModel, instr: Instr, test: (words: string) => boolean): boolean {
  const words = wordsText(model, instr);
  return words === null || test(words);
}

/**
 * Whether every quote opened is closed again. An open quote is a syntax error that tree-sitter recovers from
 * in its own way (`python3'curl …` still runs python3), which no literal test can foresee.
 */
function quotesClose(text: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') {
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      // A comment (`# we're done`, often a whole line inside a continued RUN) runs to the end of the line.
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
    }
  }
  return quote === null;
}

/** Offsets of the instruction's arguments, after flags such as `--mount=…` (RUN) or `--interval` (HEALTHCHECK). */
export function argumentsStart(model: DockerfileModel, instr: Instr): number | undefined {
  const fast = scanArgumentsStart(model, instr);
  return fast === null ? argumentsStartFromAst(model, instr) : fast;
}

/** Where the first argument starts, as dockerfile-ast tokenizes it (the reference for the scan below). */
export function argumentsStartFromAst(model: DockerfileModel, instr: Instr): number | undefined {
  const first = instr.args[0];
  if (!first) return undefined;
  return model.lines.offsetAt(first.getRange().start);
}

/**
 * The same answer as `argumentsStartFromAst` without tokenizing the arguments (for a long RUN, most of what
 * dockerfile-ast does for it): skip the keyword, blanks, line continuations and the comment lines inside them, and
 * `--flag` words. Null where the text is unusual enough (quotes or an escape inside a flag) to leave it to dockerfile-ast.
 */
function scanArgumentsStart(model: DockerfileModel, instr: Instr): number | undefined | null {
  const t = model.text;
  const esc = model.escapeChar;
  const end = instr.end;
  let i = instr.start + instr.keyword.length;
  if (!/^[A-Za-z]+$/.test(t.slice(instr.start, i)) || /[A-Za-z0-9]/.test(t[i] ?? '')) return null;
  let lineStart = false;
  for (;;) {
    while (i < end && (t[i] === ' ' || t[i] === '\t')) i++;
    if (i >= end) return undefined;
    const c = t[i];
    // A lone CR (old Mac line break): dockerfile-ast's reading of it is its own.
    if (c === '\r' && t[i + 1] !== '\n') return null;
    if (c === '\r' || c === '\n') {
      i++;
      lineStart = true;
      continue;
    }
    if (lineStart && c === '#') {
      while (i < end && t[i] !== '\n') i++;
      continue;
    }
    if (c === esc) {
      let j = i + 1;
      while (j < end && (t[j] === ' ' || t[j] === '\t' || t[j] === '\r')) {
        if (t[j] === '\r' && t[j + 1] !== '\n') return null;
        j++;
      }
      if (j >= end) return undefined;
      if (t[j] === '\n') {
        i = j + 1;
        lineStart = true;
        continue;
      }
      return i;
    }
    lineStart = false;
    if (c !== '-' || t[i + 1] !== '-' || !FLAGGED.has(instr.keyword)) return i;
    // A flag: one word. Quotes or the escape character inside it: let dockerfile-ast read it.
    while (i < end && t[i] !== ' ' && t[i] !== '\t' && t[i] !== '\r' && t[i] !== '\n') {
      if (t[i] === '"' || t[i] === "'" || t[i] === esc) return null;
      i++;
    }
  }
}

/**
 * The text of a shell-form body with Dockerfile line continuations and the comment lines inside them
 * blanked out (same length, so offsets map one to one).
 */
export function shellText(model: DockerfileModel, start: number, end: number): string {
  const src = model.text.slice(start, end);
  const esc = model.escapeChar;
  let out = '';
  let i = 0;
  let lineStart = true;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (lineStart && i > 0) {
      // A comment line inside a continued instruction is dropped by Docker.
      let j = i;
      while (j < src.length && (src[j] === ' ' || src[j] === '\t')) j++;
      if (src[j] === '#') {
        // The line goes, its line break included: blank both so offsets still map one to one.
        while (j < src.length && src[j] !== '\n') j++;
        if (j < src.length) j++;
        out += ' '.repeat(j - i);
        i = j;
        lineStart = true;
        continue;
      }
    }
    lineStart = false;
    if (c === esc) {
      let j = i + 1;
      while (j < src.length && (src[j] === ' ' || src[j] === '\t' || src[j] === '\r')) j++;
      if (src[j] === '\n' || j >= src.length) {
        out += ' '.repeat(j - i) + (j < src.length ? ' ' : '');
        i = j + 1;
        lineStart = true;
        continue;
      }
      if (esc !== '\\') {
        out += c;
        i++;
        continue;
      }
      out += c + (src[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (c === '\n') lineStart = true;
    out += c;
    i++;
  }
  return out;
}

function execCommand(form: ExecForm): ShellCommand | undefined {
  const words: ShellWord[] = form.strings.map((s) => ({ raw: JSON.stringify(s.value), value: s.value, start: s.start, end: s.end }));
  const [name, ...args] = words;
  if (!name) return undefined;
  const cmd: ShellCommand = {
    name,
    args,
    start: name.start,
    end: words[words.length - 1]?.end ?? name.end,
    pipeline: [],
    pipelineIndex: 0,
    item: undefined,
    sequence: undefined,
    inSubstitution: false,
    depth: 0,
    hasSubstitutionArgs: false,
  };
  cmd.pipeline = [cmd];
  return cmd;
}

function analyzeShell(model: DockerfileModel, instr: Instr): ShellScript | undefined {
  const k = instr.keyword;
  if (k !== 'RUN' && k !== 'CMD' && k !== 'ENTRYPOINT' && k !== 'HEALTHCHECK') return undefined;
  let start = argumentsStart(model, instr);
  if (start === undefined) return undefined;
  if (k === 'HEALTHCHECK') {
    // HEALTHCHECK [flags] CMD …
    const m = /^CMD\s+/i.exec(model.text.slice(start, instr.end));
    if (!m) return undefined;
    start += m[0].length;
  }
  const end = instr.end;
  const exec = parseExecForm(model.text, start, end);
  if (exec) {
    const first = exec.strings[0];
    const cmd = execCommand(exec);
    const script: ShellScript = { commands: cmd ? [cmd] : [], top: { items: [], topLevel: true }, hasErrors: false };
    if (cmd) {
      const item = { start: cmd.start, end: cmd.end, separatorBefore: undefined, commands: [cmd] };
      script.top.items.push(item);
      cmd.item = item;
      cmd.sequence = script.top;
    }
    // ["sh", "-c", "script"]: the script is shell too.
    if (first && cmd) {
      const scriptArg = isShell(first.value) ? shellScriptArgIndex(cmd.args) : -1;
      const body = scriptArg >= 0 ? exec.strings[scriptArg + 1] : undefined;
      if (body) {
        const inner = parseShell({ text: body.value, base: body.offsets[0] ?? body.start + 1, offsets: body.offsets }, 1);
        script.commands.push(...inner.commands);
        script.hasErrors = inner.hasErrors;
      }
    }
    return script;
  }
  // Heredoc as the script: `RUN <<EOF` (or `RUN sh <<EOF`), with a shell or no shebang.
  const text = model.text;
  const heredoc = /^<<(-?)(["']?)([A-Za-z_][\w]*)\2[ \t]*\r?\n/.exec(text.slice(start, Math.min(end, start + 200)));
  const shellHeredoc = heredoc ?? /^(?:\/bin\/|\/usr\/bin\/)?(?:ba|da|a|z)?sh(?:\s+-[a-z]+)*\s+<<(-?)(["']?)([A-Za-z_][\w]*)\2[ \t]*\r?\n/.exec(text.slice(start, Math.min(end, start + 200)));
  if (shellHeredoc) {
    const bodyStart = start + shellHeredoc[0].length;
    const delim = shellHeredoc[3] ?? '';
    const closing = new RegExp(`^[\\t]*${delim}[ \\t]*\\r?$`, 'm');
    const rest = text.slice(bodyStart, end + 1);
    const m = closing.exec(rest);
    const bodyEnd = m ? bodyStart + m.index : end;
    const body = text.slice(bodyStart, bodyEnd);
    if (/^#!/.test(body) && !/^#!\s*\S*\b(?:ba|da|a|z)?sh\b/.test(body)) return { commands: [], top: { items: [], topLevel: true }, hasErrors: false };
    return parseShell({ text: body, base: bodyStart });
  }
  const source: ShellSource = { text: shellText(model, start, end), base: start };
  return parseShell(source);
}

export type { Comment };
