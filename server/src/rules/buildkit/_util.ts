import type { Range } from 'vscode-languageserver-types';
import type { Arg, Flag } from 'dockerfile-ast';
import type { DockerfileModel, Instr } from '../../model/document';

/** Shared helpers of the BuildKit build-check rules. */

/** The build arguments BuildKit defines in the global scope without an ARG (platform of the build and target). */
export const AUTOMATIC_PLATFORM_ARGS: readonly string[] = [
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDOSVERSION',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETOSVERSION',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
];

/** Proxy variables Docker passes to a build without an ARG. */
export const PROXY_ARGS: readonly string[] = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

/** Stand-in values for the automatic platform arguments: known to be set and non-empty, whatever the machine. */
const PLATFORM_VALUES: Readonly<Record<string, string>> = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDOSVERSION: '',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETOSVERSION: '',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  TARGETSTAGE: '',
};

/** The keyword as written, with its offsets. */
export function keywordSpan(model: DockerfileModel, instr: Instr): { start: number; end: number; text: string; range: Range } {
  const range = instr.node.getInstructionRange();
  const [start, end] = model.offsets(range);
  return { start, end, text: model.text.slice(start, end), range };
}

export function flagsOf(instr: Instr): Flag[] {
  const node = instr.node as unknown as { getFlags?: () => Flag[] };
  return typeof node.getFlags === 'function' ? node.getFlags() : [];
}

/**
 * The global build arguments as BuildKit sees them when it evaluates FROM lines: the automatic platform
 * arguments, then each global ARG in order (its default substituted with what came before; a build argument
 * without a default stays unset). `declared` holds every global ARG name, set or not.
 */
export interface MetaArgs {
  values: Map<string, string>;
  declared: Set<string>;
}

export function metaArgs(model: DockerfileModel): MetaArgs {
  const values = new Map<string, string>(Object.entries(PLATFORM_VALUES));
  const declared = new Set<string>();
  for (const instr of model.globalArgs) {
    const prop = (instr.node as Arg).getProperty();
    if (!prop) continue;
    const name = prop.getName();
    declared.add(name);
    const raw = prop.getValue();
    if (raw !== null) values.set(name, expand(raw, values, model.escapeChar).value);
  }
  return { values, declared };
}

export interface VariableUse {
  name: string;
  /** Offsets of the reference (`$NAME` or `${NAME…}`) within the expanded text. */
  start: number;
  end: number;
}

/**
 * BuildKit's word expansion over plain values: unset variables expand to the empty string. Returns the result,
 * the variables it looked up that were set (`matched`) and those that were not (`unmatched`), in order, and
 * each reference's place.
 */
export function expand(text: string, values: ReadonlyMap<string, string>, escapeChar = '\\'): { value: string; matched: string[]; unmatched: string[]; uses: VariableUse[] } {
  const matched: string[] = [];
  const unmatched: string[] = [];
  const uses: VariableUse[] = [];
  const look = (name: string): string | undefined => {
    const v = values.get(name);
    const list = v === undefined ? unmatched : matched;
    if (!list.includes(name)) list.push(name);
    return v;
  };
  const run = (from: number, to: number): string => {
    let out = '';
    let i = from;
    let quote: string | null = null;
    while (i < to) {
      const c = text[i] ?? '';
      if (c === escapeChar && quote !== "'" && i + 1 < to) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (c === "'" && quote !== '"') {
        quote = quote === "'" ? null : "'";
        i++;
        continue;
      }
      if (c === '"' && quote !== "'") {
        quote = quote === '"' ? null : '"';
        i++;
        continue;
      }
      if (c !== '$' || quote === "'") {
        out += c;
        i++;
        continue;
      }
      if (text[i + 1] === '{') {
        const close = closingBrace(text, i + 2, to);
        if (close < 0) {
          out += text.slice(i, to);
          break;
        }
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(text.slice(i + 2, close));
        if (!m) {
          out += text.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        const name = m[1] ?? '';
        uses.push({ name, start: i, end: close + 1 });
        const v = look(name);
        const op = m[2];
        const wordStart = i + 2 + name.length + (op?.length ?? 0);
        const word = op ? run(wordStart, close) : '';
        if (op === ':-') out += v ? v : word;
        else if (op === '-') out += v !== undefined ? v : word;
        else if (op === ':+') out += v ? word : '';
        else if (op === '+') out += v !== undefined ? word : '';
        else out += v ?? '';
        i = close + 1;
        continue;
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, to));
      if (!m) {
        out += '$';
        i++;
        continue;
      }
      uses.push({ name: m[0], start: i, end: i + 1 + m[0].length });
      out += look(m[0]) ?? '';
      i += 1 + m[0].length;
    }
    return out;
  };
  const value = run(0, text.length);
  return { value, matched, unmatched, uses };
}

function closingBrace(text: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
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

/** Levenshtein distance (insert, delete, substitute; each costs one). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest known name within two edits, as BuildKit suggests one ("did you mean …"); ties go to the first in sort order. */
export function suggestName(name: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const option of [...new Set(options)].sort()) {
    if (option === name) continue;
    const d = editDistance(name, option);
    if (d < bestDist) {
      best = option;
      bestDist = d;
    }
  }
  return best !== undefined && bestDist <= 2 && bestDist < name.length ? best : undefined;
}

/** A standard reference for checks about how the Dockerfile is written rather than what it builds. */
export const HYGIENE_REFS = [
  { standard: 'CWE', id: 'CWE-1078', title: 'Inappropriate Source Code Style or Formatting', url: 'https://cwe.mitre.org/data/definitions/1078.html' },
] as const;
