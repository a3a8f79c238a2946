import type { DockerfileModel } from '../model/document';
import { rulesFor } from '../rules/index';

/**
 * Ignore comments. Each dialect is one entry: its comment syntax and how its IDs map to rules.
 * - `# bulkhead ignore=root-user,BH002 reason…` on its own line: the next instruction.
 * - `# bulkhead global ignore=…`: the whole file.
 * - `# hadolint ignore=DL3002` and `# hadolint global ignore=…`: rules that list the hadolint ID as an alias.
 */
export interface Pragma {
  dialect: 'bulkhead' | 'hadolint';
  global: boolean;
  /** The codes and names as written. */
  keys: string[];
  /** Codes of the rules they resolve to. */
  codes: string[];
  line: number;
  reason: string | undefined;
}

export interface Ignores {
  pragmas: Pragma[];
  /** Rule codes ignored in the whole file. */
  global: Set<string>;
  /** Rule codes ignored per instruction line. */
  byLine: Map<number, Set<string>>;
  isIgnored(code: string, instructionLine: number): boolean;
}

const PRAGMA = /^#\s*(bulkhead|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\- ]*?[A-Za-z0-9_-])(?:\s+(.*))?\s*$/;

export function parsePragma(text: string, line: number): Pragma | undefined {
  const m = PRAGMA.exec(text.trim());
  if (!m) return undefined;
  const dialect = m[1] as 'bulkhead' | 'hadolint';
  // IDs are comma separated; anything after the first space that follows an ID is the reason.
  const list = (m[3] ?? '').split(/\s*,\s*/);
  const keys: string[] = [];
  let reason = m[4];
  for (let i = 0; i < list.length; i++) {
    const item = list[i] ?? '';
    const [key, ...rest] = item.split(/\s+/);
    if (key) keys.push(key);
    if (rest.length > 0) {
      reason = [rest.join(' '), ...list.slice(i + 1), reason].filter(Boolean).join(', ');
      break;
    }
  }
  const codes = [...new Set(keys.flatMap((k) => rulesFor(k).map((r) => r.code)))];
  return { dialect, global: m[2] !== undefined, keys, codes, line, reason: reason?.trim() || undefined };
}

export function collectIgnores(model: DockerfileModel): Ignores {
  const pragmas: Pragma[] = [];
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const instrLines = model.instructions.map((i) => i.line);
  const directiveLines = new Set(model.directives.map((d) => d.line));
  for (let line = 0; line < model.lines.lineCount; line++) {
    if (directiveLines.has(line)) continue;
    const text = model.lines.lineText(line);
    if (!/^[\s\uFEFF]*#/.test(text)) continue;
    const pragma = parsePragma(text.replace(/^\uFEFF/, ''), line);
    if (!pragma) continue;
    pragmas.push(pragma);
    if (pragma.global) {
      for (const c of pragma.codes) global.add(c);
      continue;
    }
    // The next instruction after the comment (other comments in between are fine).
    const next = instrLines.find((l) => l > line);
    if (next === undefined) continue;
    let set = byLine.get(next);
    if (!set) byLine.set(next, (set = new Set()));
    for (const c of pragma.codes) set.add(c);
  }
  return {
    pragmas,
    global,
    byLine,
    isIgnored: (code, line) => global.has(code) || (byLine.get(line)?.has(code) ?? false),
  };
}
