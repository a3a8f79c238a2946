/**
 * Docker's variable substitution (`$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`,
 * `${VAR+word}`). A variable with no known value makes the whole result unknown: never guessed.
 */
export interface VariableValue {
  /** `undefined` when declared without a value (a build argument supplied at build time). */
  value: string | undefined;
  /** Line of the ARG or ENV that set it. */
  line: number;
  kind: 'ARG' | 'ENV';
}

/** The variables one instruction sees. A `Map` is one; so is a point in a `ScopeHistory`. */
export interface Scope {
  get(name: string): VariableValue | undefined;
  has(name: string): boolean;
  /** Every visible variable with its value, in the order the names were first declared. */
  [Symbol.iterator](): Iterator<[string, VariableValue]>;
}

/**
 * The ARG and ENV declarations of one scope (the global one, or one stage's), stored once and readable as they
 * stood at any point: each instruction gets its view without a copy of everything declared before it (a
 * copy per instruction is quadratic: 20 000 ENV lines would hold 200 million entries).
 */
export class ScopeHistory {
  private readonly byName = new Map<string, { version: number; value: VariableValue }[]>();
  private version = 0;

  constructor(initial: Iterable<[string, VariableValue]> = []) {
    for (const [name, value] of initial) this.set(name, value);
  }

  set(name: string, value: VariableValue): void {
    const version = ++this.version;
    const list = this.byName.get(name);
    if (list) list.push({ version, value });
    else this.byName.set(name, [{ version, value }]);
  }

  /** The variables as they stand now; later declarations do not change what it sees. */
  now(): Scope {
    return new ScopeAt(this.byName, this.version);
  }
}

class ScopeAt implements Scope {
  constructor(
    private readonly byName: ReadonlyMap<string, readonly { version: number; value: VariableValue }[]>,
    private readonly version: number,
  ) {}

  get(name: string): VariableValue | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    const last = list[list.length - 1];
    if (last && last.version <= this.version) return last.value;
    // The latest declaration at or before this point: versions grow along the list.
    let lo = 0;
    let hi = list.length - 1;
    let found: VariableValue | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = list[mid];
      if (entry && entry.version <= this.version) {
        found = entry.value;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  *[Symbol.iterator](): Iterator<[string, VariableValue]> {
    for (const name of this.byName.keys()) {
      const value = this.get(name);
      if (value) yield [name, value];
    }
  }
}

export interface Substitution {
  /** The substituted text, or null when it depends on a value unknown before build time. */
  value: string | null;
  /** Variables that were used, in order. */
  used: string[];
}

export interface SubstituteOptions {
  escapeChar?: string;
  /**
   * Treat undeclared variables as unknown rather than empty: inside a stage, the base image may set
   * ENV values this file cannot see.
   */
  undeclaredUnknown?: boolean;
}

/**
 * How deeply `${A:-${B:-…}}` defaults are followed. Real files nest two or three; past this the value is
 * unknown rather than a stack overflow.
 */
const MAX_NESTING = 32;

export function substitute(text: string, scope: Scope, options: SubstituteOptions = {}, nesting = 0): Substitution {
  if (nesting > MAX_NESTING) return { value: null, used: [] };
  const escapeChar = options.escapeChar ?? '\\';
  const used: string[] = [];
  let unknown = false;
  let out = '';
  let i = 0;
  const lookup = (name: string): string | undefined | null => {
    used.push(name);
    const v = scope.get(name);
    if (v === undefined) return options.undeclaredUnknown ? null : undefined; // undeclared: Docker substitutes the empty string
    return v.value === undefined ? null : v.value;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === escapeChar && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) {
        unknown = true;
        continue;
      }
      const name = m[1] ?? '';
      const op = m[2];
      const word = m[3] ?? '';
      const v = lookup(name);
      if (v === null) {
        // Unknown value: `:-` and `:+` still depend on it.
        unknown = true;
        continue;
      }
      const set = v !== undefined;
      const nonEmpty = set && v !== '';
      if (op === ':-') out += nonEmpty ? v : substitute(word, scope, options, nesting + 1).value ?? ((unknown = true), '');
      else if (op === '-') out += set ? v : substitute(word, scope, options, nesting + 1).value ?? ((unknown = true), '');
      else if (op === ':+') out += nonEmpty ? substitute(word, scope, options, nesting + 1).value ?? ((unknown = true), '') : '';
      else if (op === '+') out += set ? substitute(word, scope, options, nesting + 1).value ?? ((unknown = true), '') : '';
      else out += v ?? '';
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      out += '$';
      i++;
      continue;
    }
    i += 1 + m[0].length;
    const v = lookup(m[0]);
    if (v === null) unknown = true;
    else out += v ?? '';
  }
  return { value: unknown ? null : out, used };
}

/** Index of the `}` closing a `${` whose body starts at `from`, with nested `${…}` skipped; -1 if none. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Whether the text contains a variable reference at all. */
export function hasVariables(text: string): boolean {
  return /\$(?:\{|[A-Za-z_])/.test(text);
}
