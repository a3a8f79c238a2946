import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isRuleLevel, normalizeSettings } from './settings';
import type { RuleLevel, Settings } from './settings';

/** A config file for the CLI: the editor's settings plus the failure threshold. */
export interface ConfigFile {
  path: string;
  settings: Settings;
  failOn: RuleLevel | 'none' | undefined;
}

export const CONFIG_NAMES = ['.bulkhead.json', '.bulkhead.yaml', '.bulkhead.yml'];

export class ConfigError extends Error {}

/** Reads a JSON or YAML config file; throws ConfigError with a one-line reason when it is unusable. */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`invalid config ${file}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`invalid config ${file}: expected an object`);
  const o = data as Record<string, unknown>;
  const known = new Set(['enable', 'rules', 'ignore', 'failOn']);
  const unknown = Object.keys(o).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new ConfigError(`invalid config ${file}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) throw new ConfigError(`invalid config ${file}: "rules" must be an object`);
    for (const [k, v] of Object.entries(o.rules)) {
      if (!isRuleLevel(v)) throw new ConfigError(`invalid config ${file}: rule "${k}" has level ${JSON.stringify(v)}; use error, warning, info, hint or off`);
    }
  }
  if (o.ignore !== undefined && (!Array.isArray(o.ignore) || o.ignore.some((x) => typeof x !== 'string'))) {
    throw new ConfigError(`invalid config ${file}: "ignore" must be a list of rule codes or names`);
  }
  let failOn: ConfigFile['failOn'];
  if (o.failOn !== undefined) {
    if (o.failOn !== 'none' && !isRuleLevel(o.failOn)) throw new ConfigError(`invalid config ${file}: "failOn" must be error, warning, info, hint or none`);
    failOn = o.failOn;
  }
  return { path: file, settings: normalizeSettings(o), failOn };
}

/** The config file in a folder, if there is one. */
export function findConfigFile(dir: string): string | undefined {
  for (const name of CONFIG_NAMES) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}
