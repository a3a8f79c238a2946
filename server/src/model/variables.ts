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

export type Scope = ReadonlyMap<string, VariableValue>;

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

export function substitute(text: string, scope: Scope, options: SubstituteOptions = {}): Substitution {
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
      if (op === ':-') out += nonEmpty ? v : substitute(word, scope, options).value ?? ((unknown = true), '');
      else if (op === '-') out += set ? v : substitute(word, scope, options).value ?? ((unknown = true), '');
      else if (op === ':+') out += nonEmpty ? substitute(word, scope, options).value ?? ((unknown = true), '') : '';
      else if (op === '+') out += set ? substitute(word, scope, options).value ?? ((unknown = true), '') : '';
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
