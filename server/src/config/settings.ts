import { SEVERITIES } from '../rules/types';
import type { Severity } from '../rules/types';
import { rulesFor } from '../rules/index';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** Settings shared by the editor, the CLI's config file and the tests. */
export interface Settings {
  /** Lint at all. */
  enable: boolean;
  /** Per rule (code, name or another tool's ID): a severity override, or `off`. */
  rules: Record<string, RuleLevel>;
  /** Rules (code, name or another tool's ID) to ignore everywhere. */
  ignore: string[];
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, ignore: [] };

export interface ResolvedSettings {
  enable: boolean;
  /** Severity per rule code; absent = the rule's default. */
  levels: Map<string, RuleLevel>;
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
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) if (isRuleLevel(v)) out.rules[k] = v;
  }
  if (Array.isArray(o.ignore)) out.ignore = o.ignore.filter((x): x is string => typeof x === 'string');
  return out;
}

export function resolveSettings(settings: Settings): ResolvedSettings {
  const levels = new Map<string, RuleLevel>();
  for (const [key, level] of Object.entries(settings.rules)) for (const r of rulesFor(key)) levels.set(r.code, level);
  for (const key of settings.ignore) for (const r of rulesFor(key)) levels.set(r.code, 'off');
  return { enable: settings.enable, levels };
}
