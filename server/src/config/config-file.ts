import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { rulesFor } from '../rules/index';
import { SEVERITIES } from '../rules/types';
import type { Severity } from '../rules/types';
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

/** Looked for, in this order, in the folder the CLI runs in. */
export const CONFIG_NAMES = ['.bulkhead.json', '.bulkhead.yaml', '.bulkhead.yml'];

/** A config file that cannot be read or does not mean anything: the CLI exits 2 with the message. */
export class ConfigError extends Error {}

const KNOWN_KEYS = new Set(['$schema', 'enable', 'rules', 'ignore', 'failOn']);

/** Reads a config file: `.json` as JSON, anything else as YAML (a superset of JSON). */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseConfig(text, file);
}

/** Parses and checks config text; `file` names it in messages and picks the syntax. */
export function parseConfig(text: string, file: string): ConfigFile {
  const fail = (why: string): never => {
    throw new ConfigError(`invalid config ${file}: ${why}`);
  };
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text.replace(/^\uFEFF/, '')) : parseYaml(text, { logLevel: 'error' });
  } catch (e) {
    fail(((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'cannot parse').replace(/:$/, ''));
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) fail('expected an object with rules, ignore or failOn');
  const o = data as Record<string, unknown>;
  const configKeys = optionConfigKeys();
  const unknown = Object.keys(o).filter((k) => !KNOWN_KEYS.has(k) && !configKeys.has(k));
  if (unknown.length > 0) fail(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; expected rules, ignore, failOn or enable`);
  if (o.enable !== undefined && typeof o.enable !== 'boolean') fail('"enable" must be true or false');
  const warnings: string[] = [];
  const unknownRule = (key: string): void => {
    if (rulesFor(key).length === 0) warnings.push(`${file}: no rule is called "${key}"`);
  };
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) fail('"rules" must map rule codes or names to a level');
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      unknownRule(k);
      if (isRuleLevel(v)) continue;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`rule "${k}" has level ${JSON.stringify(v)}; use error, warning, info, hint or off`);
      const { level, ...opts } = v as Record<string, unknown>;
      if (level !== undefined && !isRuleLevel(level)) fail(`rule "${k}" has level ${JSON.stringify(level)}; use error, warning, info, hint or off`);
      for (const [name, value] of Object.entries(opts)) {
        for (const r of rulesFor(k)) {
          const decl = r.options?.[name];
          if (!decl) fail(`rule "${k}" has no option "${name}"${r.options ? `; it takes ${Object.keys(r.options).join(', ')}` : ''}`);
          else if (!optionValueOk(decl, value)) fail(`option "${name}" of rule "${k}" must be ${decl.type === 'string[]' ? 'a list of strings' : decl.type === 'record' ? 'a map of strings' : `a ${decl.type}`}`);
        }
      }
    }
  }
  if (o.ignore !== undefined) {
    if (!Array.isArray(o.ignore) || o.ignore.some((x) => typeof x !== 'string')) fail('"ignore" must be a list of rule codes or names');
    for (const k of o.ignore as string[]) unknownRule(k);
  }
  for (const [key, { rule, option }] of configKeys) {
    const decl = rule.options?.[option];
    if (o[key] !== undefined && decl && !optionValueOk(decl, o[key])) fail(`"${key}" must be ${decl.type === 'string[]' ? 'a list of strings' : decl.type === 'record' ? 'a map of strings' : `a ${decl.type}`}`);
  }
  let failOn: ConfigFile['failOn'];
  if (o.failOn !== undefined) {
    if (o.failOn === 'none' || o.failOn === 'off') failOn = 'none';
    else if (typeof o.failOn === 'string' && (SEVERITIES as readonly string[]).includes(o.failOn)) failOn = o.failOn as Severity;
    else fail('"failOn" must be error, warning, info, hint or none');
  }
  return { path: file, settings: normalizeSettings(o), failOn, warnings };
}

/** The config file in a folder, if there is one. */
export function findConfigFile(dir: string): string | undefined {
  for (const name of CONFIG_NAMES) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}
