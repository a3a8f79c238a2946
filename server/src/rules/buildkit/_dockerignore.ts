/**
 * A `.dockerignore` matcher with Docker's rules (moby/patternmatcher and its ignore-file reader), pure: it is
 * handed the file's text. Lines starting with `#` are comments; each other line is trimmed, cleaned like a path
 * (`./a/` is `a`, a leading `/` is dropped) and compiled: `*` and `?` match within one path element, `**` any
 * number of elements, `[…]` a set, `\` escapes; a leading `!` re-includes. Patterns apply in order and the last
 * that matches a path decides; a path is excluded when it or any of its parent folders is.
 */

/** Go's `path.Clean` on slash-separated paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Go's `path.Dir`. */
function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(i < 0 ? '' : p.slice(0, i + 1));
}

/** The patterns of an ignore file, as Docker reads them (`!` kept in front of re-inclusions). */
export function readIgnoreFile(text: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push(invert ? `!${pattern}` : pattern);
  }
  return out;
}

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

interface Pattern {
  exclusion: boolean;
  cleaned: string;
  type: MatchType;
  regexp: RegExp | undefined;
}

const ESCAPED = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);

function compile(cleaned: string): { type: MatchType; regexp: RegExp | undefined } {
  let re = '^';
  let type: MatchType = 'exact';
  const chars = [...cleaned];
  let inSet = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === '*' && !inSet) {
      if (chars[i + 1] === '*') {
        const at = i;
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            re += '.*';
            type = 'regexp';
          }
        } else {
          re += '(.*/)?';
          type = 'regexp';
        }
        // A leading `**` matches by suffix unless later characters need the regular expression.
        if (at === 0) type = 'suffix';
      } else {
        re += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?' && !inSet) {
      re += '[^/]';
      type = 'regexp';
    } else if (ch === '\\') {
      const next = chars[i + 1];
      if (next !== undefined) {
        re += /[A-Za-z0-9]/.test(next) ? next : `\\${next}`;
        i++;
      } else re += '\\\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      inSet = ch === '[';
      type = 'regexp';
    } else if (ESCAPED.has(ch) && !(inSet && ch === '^')) {
      re += `\\${ch}`;
    } else {
      re += ch === '/' ? '/' : ch;
    }
  }
  if (type !== 'regexp') return { type, regexp: undefined };
  return { type, regexp: new RegExp(`${re}$`) };
}

export class IgnoreMatcher {
  private constructor(private readonly patterns: readonly Pattern[]) {}

  /** A matcher for the ignore file's text, or null when a pattern is invalid (Docker then fails the build). */
  static parse(text: string): IgnoreMatcher | null {
    const patterns: Pattern[] = [];
    for (let p of readIgnoreFile(text)) {
      p = p.trim();
      if (p === '') continue;
      p = cleanPath(p);
      let exclusion = false;
      if (p.startsWith('!')) {
        if (p.length === 1) return null;
        exclusion = true;
        p = p.slice(1);
      }
      try {
        const { type, regexp } = compile(p);
        patterns.push({ exclusion, cleaned: p, type, regexp });
      } catch {
        return null;
      }
    }
    return new IgnoreMatcher(patterns);
  }

  private static test(p: Pattern, path: string): boolean {
    switch (p.type) {
      case 'exact':
        return path === p.cleaned;
      case 'prefix':
        return path.startsWith(p.cleaned.slice(0, -2));
      case 'suffix': {
        const suffix = p.cleaned.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith('/') && path === suffix.slice(1);
      }
      default:
        return p.regexp?.test(path) ?? false;
    }
  }

  /** Whether the path (slash-separated, relative to the context) is excluded: itself or a parent folder matched last by an ignore pattern. */
  excludes(file: string): boolean {
    let matched = false;
    const parent = dirOf(file);
    const parentDirs = parent.split('/');
    for (const p of this.patterns) {
      if (p.exclusion !== matched) continue;
      let match = IgnoreMatcher.test(p, file);
      if (!match && parent !== '.') {
        for (let i = 0; i < parentDirs.length && !match; i++) match = IgnoreMatcher.test(p, parentDirs.slice(0, i + 1).join('/'));
      }
      if (match) matched = !p.exclusion;
    }
    return matched;
  }
}
