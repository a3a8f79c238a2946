import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, parse as parseYaml, parseDocument } from 'yaml';
import { rulesFor } from '../rules/index';
import { SEVERITIES } from '../rules/types';
import type { RuleOption, Severity } from '../rules/types';
import { isRuleLevel, normalizeSettings, optionConfigKeys, optionValueOk } from './settings';
import type { Settings } from './settings';

/**
 * A CLI config file, JSON or YAML: the editor's settings (`enable`, `rules`, `ignore`) plus `failOn`, the lowest
 * severity that makes `bulkhead lint` exit 1.
 *
 * ```yaml
 * rules: { root-user: error, image-tag: off }
 * ignore: [DL3006]
 * failOn: warning
 * ```
 */
export interface ConfigFile {
  path: string;
  settings: Settings;
  failOn: Severity | 'none' | undefined;
  /** Things that do not stop the run but are likely mistakes, e.g. a rule name no rule answers to. */
  warnings: string[];
}

/** Bulkhead's config file names, in the order they are looked for in a folder. */
export const CONFIG_NAMES = ['.bulkhead.json', '.bulkhead.yaml', '.bulkhead.yml'];

/** hadolint's config file names, looked for after Bulkhead's in the same folder. */
export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** Every config file name, in the order a folder is searched: Bulkhead's own first. */
export const ALL_CONFIG_NAMES = [...CONFIG_NAMES, ...HADOLINT_CONFIG_NAMES];

/**
 * A config file that cannot be read or does not mean anything: the CLI exits 2 with the message; the language
 * server shows it on the config file, at `key` (the path of the offending key) or `line`/`column` when known.
 */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly key?: readonly (string | number)[],
    /** 1-based, as parsers report it. */
    readonly position?: { line: number; column: number },
  ) {
    super(message);
  }
}

/** Whether a file name is hadolint's config rather than Bulkhead's. */
export function isHadolintConfig(file: string): boolean {
  return HADOLINT_CONFIG_NAMES.includes(path.basename(file).toLowerCase());
}

const KNOWN_KEYS = new Set(['$schema', 'enable', 'rules', 'ignore', 'failOn']);

/** Reads a config file: `.json` as JSON, anything else as YAML (a superset of JSON). */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return isHadolintConfig(file) ? parseHadolintConfig(text, file) : parseConfig(text, file);
}

/** JSON or YAML text as data; a syntax error is a ConfigError with the position when the parser gives one. */
function parseData(text: string, file: string): unknown {
  const fail = (why: string, position?: { line: number; column: number }): never => {
    throw new ConfigError(`invalid config ${file}: ${why}`, undefined, position);
  };
  try {
    return /\.json$/i.test(file) ? JSON.parse(text.replace(/^\uFEFF/, '')) : parseYaml(text, { logLevel: 'error' });
  } catch (e) {
    const linePos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    return fail(((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'cannot parse').replace(/:$/, ''), linePos ? { line: linePos.line, column: linePos.col } : jsonErrorPosition(text, e));
  }
}

/** Where JSON.parse stopped, from its message ("at position 37", or "line 2 column 5" in newer engines). */
function jsonErrorPosition(text: string, e: unknown): { line: number; column: number } | undefined {
  const message = e instanceof Error ? e.message : '';
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  if (!at) return undefined;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** Parses and checks config text; `file` names it in messages and picks the syntax. */
export function parseConfig(text: string, file: string): ConfigFile {
  const fail = (why: string, key?: readonly (string | number)[]): never => {
    throw new ConfigError(`invalid config ${file}: ${why}`, key);
  };
  let data = parseData(text, file);
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) fail('expected an object with rules, ignore or failOn');
  const o = data as Record<string, unknown>;
  const configKeys = optionConfigKeys();
  const unknown = Object.keys(o).filter((k) => !KNOWN_KEYS.has(k) && !configKeys.has(k));
  if (unknown.length > 0) fail(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; expected rules, ignore, failOn or enable`, [unknown[0] ?? '']);
  if (o.enable !== undefined && typeof o.enable !== 'boolean') fail('"enable" must be true or false', ['enable']);
  const warnings: string[] = [];
  const unknownRule = (key: string): void => {
    if (rulesFor(key).length === 0) warnings.push(`${file}: no rule is called "${key}"`);
  };
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) fail('"rules" must map rule codes or names to a level', ['rules']);
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      unknownRule(k);
      if (isRuleLevel(v)) continue;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`rule "${k}" has level ${JSON.stringify(v)}; use error, warning, info, hint or off`, ['rules', k]);
      const { level, ...opts } = v as Record<string, unknown>;
      if (level !== undefined && !isRuleLevel(level)) fail(`rule "${k}" has level ${JSON.stringify(level)}; use error, warning, info, hint or off`, ['rules', k, 'level']);
      for (const [name, value] of Object.entries(opts)) {
        for (const r of rulesFor(k)) {
          const decl = r.options?.[name];
          if (!decl) fail(`rule "${k}" has no option "${name}"${r.options ? `; it takes ${Object.keys(r.options).join(', ')}` : ''}`, ['rules', k, name]);
          else if (!optionValueOk(decl, value)) fail(`option "${name}" of rule "${k}" must be ${typeName(decl.type)}`, ['rules', k, name]);
        }
      }
    }
  }
  if (o.ignore !== undefined) {
    if (!Array.isArray(o.ignore) || o.ignore.some((x) => typeof x !== 'string')) fail('"ignore" must be a list of rule codes or names', ['ignore']);
    for (const k of o.ignore as string[]) unknownRule(k);
  }
  for (const [key, [first]] of configKeys) {
    const decl = first ? first.rule.options?.[first.option] : undefined;
    if (o[key] !== undefined && decl && !optionValueOk(decl, o[key])) fail(`"${key}" must be ${typeName(decl.type)}`, [key]);
  }
  let failOn: ConfigFile['failOn'];
  if (o.failOn !== undefined) {
    if (o.failOn === 'none' || o.failOn === 'off') failOn = 'none';
    else if (typeof o.failOn === 'string' && (SEVERITIES as readonly string[]).includes(o.failOn)) failOn = o.failOn as Severity;
    else fail('"failOn" must be error, warning, info, hint or none', ['failOn']);
  }
  return { path: file, settings: normalizeSettings(o), failOn, warnings };
}

function typeName(type: RuleOption['type']): string {
  return type === 'string[]' ? 'a list of strings' : type === 'record' ? 'a map of strings' : `a ${type}`;
}

/** hadolint's levels, lowest last; `style` is below `info`, which Bulkhead calls `hint`. */
const HADOLINT_LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };
/** hadolint keys that set how hadolint prints, which a linter in an editor or Bulkhead's CLI has no use for. */
const HADOLINT_OUTPUT_KEYS = new Set(['format', 'no-color', 'verbose']);
/** hadolint keys and the Bulkhead config keys (declared by rule options' `configKey`) they become. */
const HADOLINT_OPTION_KEYS: Record<string, string> = {
  trustedRegistries: 'trustedRegistries',
  'label-schema': 'labelSchema',
  'strict-labels': 'strictLabels',
  'disable-ignore-pragma': 'disableIgnorePragma',
};

/**
 * hadolint's `.hadolint.yaml`, read as Bulkhead settings: `ignored` → `ignore`; `override` (`error`, `warning`,
 * `info`, `style` lists) → rule levels, `style` as `hint`; `failure-threshold` → `failOn` (`style` → hint,
 * `ignore` or `none` → none); `no-fail: true` → `failOn: none`; `trustedRegistries`, `label-schema`,
 * `strict-labels`, `disable-ignore-pragma` → the rule options that declare `trustedRegistries`, `labelSchema`,
 * `strictLabels`, `disableIgnorePragma` as their `configKey`. IDs are hadolint's (`DL3008`); ShellCheck's (`SC2086`)
 * and hadolint checks no rule aliases are accepted silently. Output keys (`format`, `no-color`, `verbose`) are ignored.
 */
export function parseHadolintConfig(text: string, file: string): ConfigFile {
  const fail = (why: string, key?: readonly (string | number)[]): never => {
    throw new ConfigError(`invalid config ${file}: ${why}`, key);
  };
  let data = parseData(text, file);
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) fail('expected a hadolint config: an object with ignored, override, failure-threshold, …');
  const o = data as Record<string, unknown>;
  const warnings: string[] = [];
  const unknownRule = (key: string): void => {
    if (rulesFor(key).length === 0 && !/^(DL|SC)\d{4}$/i.test(key)) warnings.push(`${file}: no rule is called "${key}"`);
  };
  const ids = (key: string, v: unknown, where: (string | number)[]): string[] => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(`"${key}" must be a list of rule IDs`, where);
    for (const k of v as string[]) unknownRule(k);
    return v as string[];
  };
  const input: Record<string, unknown> = {};
  const rules: Record<string, Severity> = {};
  let failOn: ConfigFile['failOn'];
  let noFail = false;
  const configKeys = optionConfigKeys();
  for (const [key, v] of Object.entries(o)) {
    if (key === 'ignored') input.ignore = ids(key, v, [key]);
    else if (key === 'override') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('"override" must map error, warning, info or style to lists of rule IDs', [key]);
      for (const [level, list] of Object.entries(v as Record<string, unknown>)) {
        const severity = Object.hasOwn(HADOLINT_LEVELS, level) ? HADOLINT_LEVELS[level] : undefined;
        if (!severity) fail(`"override" has level "${level}"; use error, warning, info or style`, [key, level]);
        else for (const id of ids(`override.${level}`, list, [key, level])) rules[id] = severity;
      }
    } else if (key === 'failure-threshold') {
      if (v === 'ignore' || v === 'none') failOn = 'none';
      else if (typeof v === 'string' && Object.hasOwn(HADOLINT_LEVELS, v)) failOn = HADOLINT_LEVELS[v];
      else fail('"failure-threshold" must be error, warning, info, style, ignore or none', [key]);
    } else if (key === 'no-fail') {
      if (typeof v !== 'boolean') fail('"no-fail" must be true or false', [key]);
      noFail = v === true;
    } else if (Object.hasOwn(HADOLINT_OPTION_KEYS, key)) {
      const own = HADOLINT_OPTION_KEYS[key] ?? key;
      const target = configKeys.get(own)?.[0];
      if (!target) {
        warnings.push(`${file}: "${key}" is not used: no rule takes it`);
        continue;
      }
      const decl = target.rule.options?.[target.option];
      if (decl && !optionValueOk(decl, v)) fail(`"${key}" must be ${typeName(decl.type)}`, [key]);
      input[own] = v;
    } else if (!HADOLINT_OUTPUT_KEYS.has(key)) {
      warnings.push(`${file}: unknown hadolint key "${key}"`);
    }
  }
  input.rules = rules;
  return { path: file, settings: normalizeSettings(input), failOn: noFail ? 'none' : failOn, warnings };
}

/** The config file in a folder, if there is one: Bulkhead's own names first, then (with `hadolint`) hadolint's. */
export function findConfigFile(dir: string, hadolint = false): string | undefined {
  for (const name of hadolint ? ALL_CONFIG_NAMES : CONFIG_NAMES) {
    const p = path.join(dir, name);
    if (isFile(p)) return p;
  }
  return undefined;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The config that applies to a file in `dir`: the nearest folder from `dir` upwards that has a config file wins,
 * Bulkhead's over hadolint's in the same folder. The search stops after `stop` (inclusive) when `dir` is inside
 * it, else at the file system root. `lookup` memoises folders across files.
 */
export function findConfigFor(dir: string, stop?: string, lookup: (dir: string) => string | undefined = (d) => findConfigFile(d, true)): string | undefined {
  const top = stop === undefined ? undefined : path.resolve(stop);
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const found = lookup(d);
    if (found) return found;
    if (d === top || path.dirname(d) === d) return undefined;
  }
}

/**
 * Where a config error is in the text, as offsets: the offending key (the deepest part of `error.key` found),
 * else the parser's position to the end of its line, else the start of the file.
 */
export function configErrorRange(text: string, error: ConfigError): [number, number] {
  if (error.position) {
    const lines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < error.position.line - 1 && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
    const lineText = lines[error.position.line - 1] ?? '';
    const start = offset + Math.min(Math.max(error.position.column - 1, 0), lineText.length);
    return [start, offset + lineText.replace(/\r$/, '').length];
  }
  let found: [number, number] = [0, 0];
  if (!error.key) return found;
  try {
    let node: unknown = parseDocument(text).contents;
    for (const part of error.key) {
      if (!isMap(node)) break;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      found = [pair.key.range[0], pair.key.range[1]];
      node = pair.value;
    }
  } catch {
    // the text parsed before, so this is not reached; the start of the file will do
  }
  return found;
}
