import { SEVERITIES } from '../rules/types';
import type { Rule, RuleOption, Severity } from '../rules/types';
import { RULES, rulesFor } from '../rules/index';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** A rule's entry in the config: a level, or a level and the rule's options. */
export type RuleSetting = RuleLevel | { level?: RuleLevel; [option: string]: unknown };

/** Settings shared by the editor, the CLI's config file and the tests. */
export interface Settings {
  /** Lint at all. */
  enable: boolean;
  /** Per rule (code, name or another tool's ID): a severity override or `off`, or an object with `level` and options. */
  rules: Record<string, RuleSetting>;
  /** Rules (code, name or another tool's ID) to ignore everywhere. */
  ignore: string[];
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, ignore: [] };

export interface ResolvedSettings {
  enable: boolean;
  /** Severity per rule code; absent = the rule's default. */
  levels: Map<string, RuleLevel>;
  /** Options per rule code, defaults filled in; absent = the defaults. */
  options: Map<string, Readonly<Record<string, unknown>>>;
}

const defaults = new WeakMap<Rule, Readonly<Record<string, unknown>>>();

/** A rule's declared option defaults. */
export function defaultOptions(rule: Rule): Readonly<Record<string, unknown>> {
  let d = defaults.get(rule);
  if (!d) {
    d = Object.fromEntries(Object.entries(rule.options ?? {}).map(([k, o]) => [k, o.default]));
    defaults.set(rule, d);
  }
  return d;
}

/** Whether a value fits an option's type; config files report a mismatch, editor settings drop it. */
export function optionValueOk(option: RuleOption, v: unknown): boolean {
  switch (option.type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
      return typeof v === 'string';
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'record':
      return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
  }
}

/**
 * Top-level config keys that set a rule option (`trustedRegistries`), from the rules' declarations; one key may set
 * the same option of several rules (`secretNames`, for every rule that judges whether a name is a secret).
 */
export function optionConfigKeys(): Map<string, { rule: Rule; option: string }[]> {
  const keys = new Map<string, { rule: Rule; option: string }[]>();
  for (const rule of RULES) {
    for (const [name, o] of Object.entries(rule.options ?? {})) {
      if (o.configKey) keys.set(o.configKey, [...(keys.get(o.configKey) ?? []), { rule, option: name }]);
    }
  }
  return keys;
}

export function isRuleLevel(v: unknown): v is RuleLevel {
  return v === 'off' || (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v));
}

/** Merges untrusted input (workspace settings, a config file) into settings, dropping what is malformed. */
export function normalizeSettings(input: unknown): Settings {
  const out: Settings = { enable: true, rules: {}, ignore: [] };
  if (typeof input !== 'object' || input === null) return out;
  const o = input as Record<string, unknown>;
  if (typeof o.enable === 'boolean') out.enable = o.enable;
  if (typeof o.rules === 'object' && o.rules !== null) {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (isRuleLevel(v)) out.rules[k] = v;
      else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const { level, ...rest } = v as Record<string, unknown>;
        out.rules[k] = level === undefined || isRuleLevel(level) ? { ...rest, ...(level === undefined ? {} : { level }) } : rest;
      }
    }
  }
  // Top-level keys that stand for a rule option (`trustedRegistries: [...]`).
  for (const [key, targets] of optionConfigKeys()) {
    if (o[key] === undefined) continue;
    for (const { rule, option } of targets) {
      const entry = out.rules[rule.code];
      const obj = typeof entry === 'object' ? entry : entry === undefined ? {} : { level: entry };
      out.rules[rule.code] = { ...obj, [option]: o[key] };
    }
  }
  if (Array.isArray(o.ignore)) out.ignore = o.ignore.filter((x): x is string => typeof x === 'string');
  return out;
}

export function resolveSettings(settings: Settings): ResolvedSettings {
  const levels = new Map<string, RuleLevel>();
  const options = new Map<string, Readonly<Record<string, unknown>>>();
  for (const [key, setting] of Object.entries(settings.rules)) {
    for (const r of rulesFor(key)) {
      if (typeof setting === 'string') {
        levels.set(r.code, setting);
        continue;
      }
      if (setting.level !== undefined) levels.set(r.code, setting.level);
      const merged: Record<string, unknown> = { ...(options.get(r.code) ?? defaultOptions(r)) };
      for (const [name, decl] of Object.entries(r.options ?? {})) {
        const v = setting[name];
        if (v !== undefined && optionValueOk(decl, v)) merged[name] = v;
      }
      options.set(r.code, merged);
    }
  }
  for (const key of settings.ignore) for (const r of rulesFor(key)) levels.set(r.code, 'off');
  return { enable: settings.enable, levels, options };
}

/**
 * The editor's settings with a config file's over them: the file's level or options for a rule replace the
 * editor's, both `ignore` lists apply, and either can turn linting off.
 */
export function mergeSettings(editor: Settings, file: Settings): Settings {
  return { enable: editor.enable && file.enable, rules: { ...editor.rules, ...file.rules }, ignore: [...editor.ignore, ...file.ignore] };
}
