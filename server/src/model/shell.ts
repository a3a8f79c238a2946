import { Language, Parser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';

/**
 * Shell analysis of RUN/CMD/ENTRYPOINT bodies with tree-sitter-bash. Every word and command keeps its
 * exact offsets in the Dockerfile, so fixes can edit a single token.
 */

export interface ShellWord {
  /** Source text of the word, quotes included. */
  raw: string;
  /** The word after quote removal, or null when it depends on expansions or substitutions. */
  value: string | null;
  /** Offsets in the Dockerfile. */
  start: number;
  end: number;
}

export type Separator = '&&' | '||' | ';' | '\n' | '&';

/** One statement of a list: `a && b; c` has three. */
export interface SequenceItem {
  start: number;
  end: number;
  /** The operator before this item (undefined for the first). */
  separatorBefore: Separator | undefined;
  commands: ShellCommand[];
}

export interface Sequence {
  items: SequenceItem[];
  /** True for the script's top level (an empty top level means the whole RUN can go). */
  topLevel: boolean;
  /** The top level of a script, the instruction's own or the argument of an `sh -c` within it. */
  scriptTop?: boolean;
}

export interface ShellCommand {
  name: ShellWord;
  args: ShellWord[];
  start: number;
  end: number;
  /** Commands of the pipeline this command is in, itself included; length 1 when not piped. */
  pipeline: ShellCommand[];
  pipelineIndex: number;
  /** The list item containing this command, when it is directly a statement of a list. */
  item: SequenceItem | undefined;
  sequence: Sequence | undefined;
  /** Inside `$(…)`, backticks or `<(…)`. */
  inSubstitution: boolean;
  /** Nesting through `sh -c "…"` (0 at the top). */
  depth: number;
  /** Words of command substitutions within the arguments (their commands are listed separately). */
  hasSubstitutionArgs: boolean;
  /**
   * File redirections of the command (`> f`, `>> f`, `2>f`, `&> f`, `< f`), those written after the whole
   * statement included (`a && b > f` redirects b); absent when there are none.
   */
  redirects?: ShellRedirect[];
}

/** One file redirection: `2>> log` has fd `2`, operator `>>`, target `log`. */
export interface ShellRedirect {
  /** The file descriptor written before the operator, or null. */
  fd: string | null;
  /** `>`, `>>`, `>|`, `&>`, `&>>`, `<`, `>&`, `<&`, … */
  op: string;
  target: ShellWord;
  start: number;
  end: number;
}

export interface ShellScript {
  commands: ShellCommand[];
  top: Sequence;
  /**
   * tree-sitter reported a syntax error somewhere, or the script nests deeper than Bulkhead reads (see
   * MAX_TREE_DEPTH): either way, what was found is not all there is.
   */
  hasErrors: boolean;
}

/** A piece of text to parse, with a map from its indices to Dockerfile offsets. */
export interface ShellSource {
  text: string;
  base: number;
  /**
   * Per-character offsets when the text is not a contiguous copy of the Dockerfile (escapes decoded), plus one
   * final entry: the offset just past the last character's source, so exclusive ends map too.
   */
  offsets?: number[];
}

let parser: Parser | undefined;

export interface ShellParserOptions {
  /** Path or bytes of web-tree-sitter's runtime `tree-sitter.wasm`. */
  runtimeWasm?: string | Uint8Array;
  /** Path or bytes of `tree-sitter-bash.wasm`. */
  bashWasm: string | Uint8Array;
}

export async function initShellParser(options: ShellParserOptions): Promise<void> {
  if (parser) return;
  const runtime = options.runtimeWasm;
  if (typeof runtime === 'string') {
    await Parser.init({ locateFile: () => runtime });
  } else if (runtime) {
    await Parser.init({ wasmBinary: runtime });
  } else {
    await Parser.init();
  }
  const bash = await Language.load(options.bashWasm);
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
}

export function shellParserReady(): boolean {
  return parser !== undefined;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

export function basename(command: string): string {
  const i = command.lastIndexOf('/');
  return i >= 0 ? command.slice(i + 1) : command;
}

export function isShell(name: string | null): boolean {
  return name !== null && SHELLS.has(basename(name));
}

/**
 * The command that actually runs, past `sudo` and `env` prefixes (`sudo -E apt-get install …` → `apt-get`).
 * The name is null when it is not static or nothing follows the prefix.
 */
export function unwrapCommand(cmd: ShellCommand): { name: string | null; args: ShellWord[] } {
  let name = cmd.name.value;
  let args = cmd.args;
  while (name !== null && (basename(name) === 'sudo' || basename(name) === 'env')) {
    const next = args.findIndex((a) => a.value !== null && !a.value.startsWith('-') && !a.value.includes('='));
    if (next < 0) return { name: null, args: [] };
    name = args[next]?.value ?? null;
    args = args.slice(next + 1);
  }
  return { name, args };
}

/** Index of the script argument of `sh -c SCRIPT`, or -1. */
export function shellScriptArgIndex(args: readonly ShellWord[]): number {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]?.value;
    if (v === null || v === undefined) return -1;
    if (v === '--') return -1;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v)) return i + 1 < args.length ? i + 1 : -1;
    if (!v.startsWith('-') && !v.startsWith('+')) return -1;
  }
  return -1;
}

function mapOffset(src: ShellSource, i: number): number {
  if (src.offsets) {
    const n = src.offsets.length;
    if (i < n) return src.offsets[i] ?? src.base + i;
    return (src.offsets[n - 1] ?? src.base) + (i - (n - 1));
  }
  return src.base + i;
}

export function parseShell(src: ShellSource, depth = 0): ShellScript {
  const commands: ShellCommand[] = [];
  const top: Sequence = { items: [], topLevel: depth === 0, scriptTop: true };
  if (!parser || src.text.trim() === '') return { commands, top, hasErrors: false };
  const tree = parser.parse(src.text);
  if (!tree) return { commands, top, hasErrors: true };
  try {
    const { root, truncated } = plainTree(tree, src.text);
    const hasErrors = truncated || tree.rootNode.hasError;
    const walker = new Walker(src, depth, commands);
    walker.sequence(root, top);
    // Source order, outer command before the commands nested in it.
    commands.sort((a, b) => a.start - b.start || b.end - a.end);
    return { commands, top, hasErrors };
  } finally {
    tree.delete();
  }
}

/**
 * The syntax tree copied out of WebAssembly in one cursor walk. Reading web-tree-sitter's Node objects
 * marshals every node on every access; the walker reads each node many times, so one copy is much cheaper.
 */
class Node {
  /** Shared by every leaf (most nodes are leaves): filled with a fresh array only when a node has children. */
  children: Node[] = NO_CHILDREN;
  parent: Node | null = null;
  private named: Node[] | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): Node[] {
    return (this.named ??= this.children.length === 0 ? NO_CHILDREN : this.children.filter((c) => c.isNamed));
  }

  /**
   * The two fields the walker reads, by shape rather than by field id (reading field ids costs a WebAssembly
   * round trip per node): a command's `name` is its command_name child; a redirected statement's `body` is its
   * first named child, the redirects follow it.
   */
  childForFieldName(name: 'name' | 'body'): Node | null {
    if (name === 'name') return this.children.find((c) => c.type === 'command_name') ?? null;
    const first = this.namedChildren[0];
    return first && !first.type.endsWith('redirect') ? first : null;
  }
}

const NO_CHILDREN: Node[] = [];

/**
 * How deep into the syntax tree Bulkhead reads. Real scripts stay far below it (the deepest RUN in the corpus
 * is under 40 levels); a thousand nested `$(` or `{ …; }` would otherwise exhaust the stack of every recursive
 * walk over the tree. Nodes at this depth keep their range and type but not their children.
 */
export const MAX_TREE_DEPTH = 200;

function plainTree(tree: Tree, source: string): { root: Node; truncated: boolean } {
  const cursor = tree.walk();
  const language = tree.language;
  const types: (readonly [string, boolean])[] = [];
  const anonymous: Node[] = [];
  let truncated = false;
  try {
    const build = (parent: Node | null, depth: number): Node => {
      const id = cursor.nodeTypeId;
      const t = (types[id] ??= [language.types[id] ?? cursor.nodeType, language.nodeTypeIsNamed(id)]);
      if (depth >= MAX_TREE_DEPTH) {
        const node = new Node(t[0], t[1], t[1] ? cursor.startIndex : -1, t[1] ? cursor.endIndex : -1, source);
        node.parent = parent;
        truncated ||= cursor.gotoFirstChild() && (cursor.gotoParent(), true);
        return node;
      }
      const named = t[1] ? new Node(t[0], true, cursor.startIndex, cursor.endIndex, source) : undefined;
      const hasChildren = cursor.gotoFirstChild();
      // Anonymous leaves (operators, quotes, keywords) are only ever read for their type: one node per type
      // serves them all, which spares an object for nearly half the nodes of a script.
      if (!named && !hasChildren) return (anonymous[id] ??= new Node(t[0], false, -1, -1, source));
      const node = named ?? new Node(t[0], false, -1, -1, source);
      node.parent = parent;
      if (hasChildren) {
        const children: Node[] = [];
        do children.push(build(node, depth + 1));
        while (cursor.gotoNextSibling());
        cursor.gotoParent();
        node.children = children;
      }
      return node;
    };
    return { root: build(null, 0), truncated };
  } finally {
    cursor.delete();
  }
}

/** web-tree-sitter hands out a new object per access: compare nodes by identity of position and type. */
function same(a: Node, b: Node): boolean {
  return a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

const STATEMENT_HOLDERS = new Set(['subshell', 'compound_statement', 'do_group', 'else_clause', 'case_item']);

class Walker {
  /** The command a `unit` call last read (the last of a pipeline): a redirect after the statement is its. */
  private lastUnit: ShellCommand | undefined;

  constructor(
    private readonly src: ShellSource,
    private readonly depth: number,
    private readonly commands: ShellCommand[],
  ) {}

  private off(i: number): number {
    return mapOffset(this.src, i);
  }

  /** Walks the statements of a node that holds a list of statements (program, compound body, …). */
  sequence(node: Node, seq: Sequence): void {
    this.sequenceOf(node.children, seq);
  }

  private sequenceOf(children: readonly Node[], seq: Sequence): void {
    let sep: Separator | undefined;
    for (const child of children) {
      if (!child) continue;
      if (!child.isNamed) {
        const t = child.type;
        if (t === ';' || t === '&' || t === '\n' || t === ';;') sep = t === ';;' ? ';' : t;
        continue;
      }
      if (child.type === 'comment') continue;
      this.statement(child, seq, seq.items.length === 0 ? undefined : (sep ?? '\n'));
      sep = undefined;
    }
  }

  /** Flattens `a && b || c` (left-nested `list` nodes) into items of the sequence. */
  private statement(node: Node, seq: Sequence, sepBefore: Separator | undefined): void {
    const body = node.type === 'redirected_statement' ? node.childForFieldName('body') : null;
    if (body && body.type === 'list') {
      // tree-sitter-bash hangs a trailing redirect on the whole list (`a && b >> f`); in bash it belongs to
      // the last command, so the last statement's range takes it in.
      this.statement(body, seq, sepBefore);
      const last = seq.items[seq.items.length - 1];
      if (last) last.end = this.off(node.endIndex);
      const commands = last?.commands;
      this.addRedirects(commands?.[commands.length - 1], node);
      for (const child of node.namedChildren) if (child && !same(child, body)) this.nested(child);
      return;
    }
    if (node.type === 'list') {
      let op: Separator | undefined = sepBefore;
      let first = true;
      for (const child of node.children) {
        if (!child) continue;
        if (!child.isNamed) {
          if (child.type === '&&' || child.type === '||') op = child.type;
          continue;
        }
        if (child.type === 'comment') continue;
        this.statement(child, seq, first ? sepBefore : op);
        first = false;
      }
      return;
    }
    const item: SequenceItem = {
      start: this.off(node.startIndex),
      end: this.off(node.endIndex),
      separatorBefore: sepBefore,
      commands: [],
    };
    seq.items.push(item);
    this.unit(node, item, seq);
  }

  private unit(node: Node, item: SequenceItem | undefined, seq: Sequence | undefined): void {
    switch (node.type) {
      case 'command': {
        const cmd = this.command(node, item, seq, false);
        if (cmd) {
          cmd.pipeline = [cmd];
          item?.commands.push(cmd);
        }
        this.lastUnit = cmd;
        return;
      }
      case 'pipeline': {
        const cmds: ShellCommand[] = [];
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'command') {
            const cmd = this.command(child, item, seq, false);
            if (cmd) cmds.push(cmd);
          } else {
            this.nested(child);
          }
        }
        cmds.forEach((c, i) => {
          c.pipeline = cmds;
          c.pipelineIndex = i;
        });
        item?.commands.push(...cmds);
        this.lastUnit = cmds[cmds.length - 1];
        return;
      }
      case 'redirected_statement': {
        const body = node.childForFieldName('body');
        this.lastUnit = undefined;
        if (body) this.unit(body, item, seq);
        // `{ a; b; } > f` redirects a whole block: no one command takes it.
        if (body && (body.type === 'command' || body.type === 'pipeline')) this.addRedirects(this.lastUnit, node);
        for (const child of node.namedChildren) if (child && !(body && same(child, body))) this.nested(child);
        return;
      }
      case 'negated_command':
      case 'subshell':
      case 'compound_statement':
      case 'if_statement':
      case 'while_statement':
      case 'for_statement':
      case 'c_style_for_statement':
      case 'case_statement':
      case 'function_definition':
      case 'do_group':
      case 'else_clause':
      case 'elif_clause':
      case 'case_item':
      default:
        this.nested(node);
    }
  }

  /** Any node that may hold statements deeper down: each statement list gets its own sequence. */
  private nested(node: Node): void {
    if (node.type === 'if_statement' || node.type === 'elif_clause') {
      // The condition and the body are separate lists: removing the body's only command must not leave `if c; fi`.
      const parts: Node[][] = [[]];
      for (const child of node.children) {
        if (child.type === 'then' && !child.isNamed) parts.push([]);
        else if (child.type === 'elif_clause' || child.type === 'else_clause') this.nested(child);
        else parts[parts.length - 1]?.push(child);
      }
      for (const part of parts) this.sequenceOf(part, { items: [], topLevel: false });
      return;
    }
    if (STATEMENT_HOLDERS.has(node.type)) {
      this.sequence(node, { items: [], topLevel: false });
      return;
    }
    if (node.type === 'command') {
      const cmd = this.command(node, undefined, undefined, this.insideSubstitution(node));
      if (cmd) cmd.pipeline = [cmd];
      return;
    }
    if (node.type === 'pipeline' || node.type === 'list' || node.type === 'redirected_statement') {
      this.statement(node, { items: [], topLevel: false }, undefined);
      return;
    }
    if (node.type === 'command_substitution' || node.type === 'process_substitution') {
      this.sequence(node, { items: [], topLevel: false });
      return;
    }
    for (const child of node.namedChildren) if (child) this.nested(child);
  }

  /** Adds the file redirects that are children of `node` to the command. */
  private addRedirects(cmd: ShellCommand | undefined, node: Node): void {
    if (!cmd) return;
    for (const child of node.namedChildren) {
      if (child.type !== 'file_redirect') continue;
      const named = child.namedChildren;
      const fdNode = named[0]?.type === 'file_descriptor' ? named[0] : undefined;
      const target = named[named.length - 1];
      const op = child.children.find((c) => !c.isNamed);
      if (!target || target === fdNode || !op) continue;
      (cmd.redirects ??= []).push({ fd: fdNode ? fdNode.text : null, op: op.type, target: this.word(target), start: this.off(child.startIndex), end: this.off(child.endIndex) });
    }
  }

  private insideSubstitution(node: Node): boolean {
    for (let p = node.parent; p; p = p.parent) {
      if (p.type === 'command_substitution' || p.type === 'process_substitution') return true;
    }
    return false;
  }

  private command(node: Node, item: SequenceItem | undefined, seq: Sequence | undefined, inSub: boolean): ShellCommand | undefined {
    const nameNode = node.childForFieldName('name');
    const args: ShellWord[] = [];
    let hasSub = false;
    for (const child of node.namedChildren) {
      if (!child || (nameNode && same(child, nameNode))) continue;
      if (child.type === 'variable_assignment' || child.type === 'file_redirect' || child.type === 'herestring_redirect') {
        this.visitSubstitutions(child);
        continue;
      }
      if (child.type === 'comment') continue;
      args.push(this.word(child));
      if (this.visitSubstitutions(child)) hasSub = true;
    }
    if (!nameNode) return undefined;
    const name = this.word(nameNode);
    this.visitSubstitutions(nameNode);
    const cmd: ShellCommand = {
      name,
      args,
      start: this.off(node.startIndex),
      end: this.off(node.endIndex),
      pipeline: [],
      pipelineIndex: 0,
      item,
      sequence: seq,
      inSubstitution: inSub || this.insideSubstitution(node),
      depth: this.depth,
      hasSubstitutionArgs: hasSub,
    };
    this.addRedirects(cmd, node);
    this.commands.push(cmd);
    if (isShell(name.value)) this.shellBody(cmd, node);
    return cmd;
  }

  /** `sh -c "…"`: parse the script argument as shell too. */
  private shellBody(cmd: ShellCommand, node: Node): void {
    const idx = shellScriptArgIndex(cmd.args);
    if (idx < 0 || this.depth >= 3) return;
    const nameNode = node.childForFieldName('name');
    const argNodes = node.namedChildren.filter(
      (c): c is Node => !!c && !(nameNode && same(c, nameNode)) && !['variable_assignment', 'file_redirect', 'herestring_redirect', 'comment'].includes(c.type),
    );
    const argNode = argNodes[idx];
    if (!argNode) return;
    const inner = this.innerSource(argNode);
    if (!inner) return;
    const script = parseShell(inner, this.depth + 1);
    for (const c of script.commands) {
      c.inSubstitution = c.inSubstitution || cmd.inSubstitution;
    }
    this.commands.push(...script.commands);
  }

  /** The literal content of a quoted word, mapped to Dockerfile offsets. */
  private innerSource(node: Node): ShellSource | undefined {
    const text = node.text;
    if (node.type === 'raw_string') {
      return this.slice(node.startIndex + 1, text.slice(1, -1));
    }
    if (node.type === 'word') {
      if (!text.includes('\\')) return this.slice(node.startIndex, text);
      return this.decode(node.startIndex, text, 0, text.length, () => true);
    }
    if (node.type === 'string') {
      if (node.namedChildren.some((c) => c && c.type !== 'string_content')) return undefined;
      // Inside double quotes a backslash escapes only $ ` " \ and newline.
      return this.decode(node.startIndex, text, 1, text.length - 1, (c) => c === '$' || c === '`' || c === '"' || c === '\\' || c === '\n');
    }
    return undefined;
  }

  private slice(startIndex: number, text: string): ShellSource {
    if (!this.src.offsets) return { text, base: this.off(startIndex) };
    const offsets: number[] = [];
    for (let i = 0; i <= text.length; i++) offsets.push(this.off(startIndex + i));
    return { text, base: offsets[0] ?? this.off(startIndex), offsets };
  }

  private decode(startIndex: number, text: string, from: number, to: number, escapes: (c: string) => boolean): ShellSource {
    let out = '';
    const offsets: number[] = [];
    for (let i = from; i < to; i++) {
      const c = text[i] ?? '';
      if (c === '\\' && i + 1 < to && escapes(text[i + 1] ?? '')) {
        i++;
      }
      out += text[i] ?? '';
      offsets.push(this.off(startIndex + i));
    }
    offsets.push(this.off(startIndex + to));
    return { text: out, base: offsets[0] ?? this.off(startIndex + from), offsets };
  }

  /** Walks command substitutions inside a word; returns whether there were any. */
  private visitSubstitutions(node: Node): boolean {
    let found = false;
    const visit = (n: Node): void => {
      if (n.type === 'command_substitution' || n.type === 'process_substitution') {
        found = true;
        this.sequence(n, { items: [], topLevel: false });
        return;
      }
      for (const c of n.namedChildren) if (c) visit(c);
    };
    visit(node);
    return found;
  }

  word(node: Node): ShellWord {
    return {
      raw: node.text,
      value: staticValue(node),
      start: this.off(node.startIndex),
      end: this.off(node.endIndex),
    };
  }
}

/** The value of a word after quote removal, or null when it is not static. */
function staticValue(node: Node): string | null {
  switch (node.type) {
    case 'word':
    case 'number':
    case 'command_name': {
      if (node.type === 'command_name') {
        const inner = node.namedChildren[0];
        if (inner && inner.type !== 'word') return staticValue(inner);
      }
      const t = node.text;
      if (/[$`*?[]/.test(t)) return t.includes('$') || t.includes('`') ? null : t;
      return t.replace(/\\(.)/gs, '$1');
    }
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      if (node.namedChildren.some((c) => c && c.type !== 'string_content')) return null;
      return node.text.slice(1, -1).replace(/\\([$`"\\\n])/g, '$1');
    }
    case 'concatenation': {
      let out = '';
      for (const c of node.namedChildren) {
        if (!c) continue;
        const v = staticValue(c);
        if (v === null) return null;
        out += v;
      }
      // Unnamed children (e.g. bare punctuation) are part of the text too.
      return node.namedChildren.length === node.children.length ? out : node.text.includes('$') ? null : node.text.replace(/["']/g, '');
    }
    default:
      return null;
  }
}
