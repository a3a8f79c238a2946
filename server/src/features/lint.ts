import { collectIgnores, ignoreOptions } from '../config/pragmas';
import type { ResolvedSettings } from '../config/settings';
import type { DockerfileModel } from '../model/document';
import { RULES } from '../rules/index';
import type { Range } from 'vscode-languageserver-types';
import type { Finding, Fix, Rule } from '../rules/types';
import { defaultOptions } from '../config/settings';

export interface LintResult {
  findings: Finding[];
  /** Rules that threw: reported, never allowed to take the others down. */
  errors: { code: string; message: string }[];
}

/** Called after each rule's check with its own time in ms (the benchmark's per-rule table). */
export type RuleTimer = (rule: Rule, ms: number) => void;

/**
 * Runs every enabled rule over the model and applies settings and ignore comments. With `onRuleTime`, each
 * rule's check is timed; work the model shares (a shell parse, the command index) is timed in the first rule
 * that asks for it.
 */
export function lintModel(model: DockerfileModel, settings?: ResolvedSettings, rules: readonly Rule[] = RULES, onRuleTime?: RuleTimer): LintResult {
  const findings: Finding[] = [];
  const errors: LintResult['errors'] = [];
  if (settings && !settings.enable) return { findings, errors };
  const ignores = collectIgnores(model, ignoreOptions(settings));
  for (const rule of rules) {
    const level = settings?.levels.get(rule.code);
    if (level === 'off' || (level === undefined && rule.enabledByDefault === false)) continue;
    const allAliases = rule.aliases.map((a) => a.id);
    const before = findings.length;
    const t0 = onRuleTime ? performance.now() : 0;
    try {
      rule.check({
        model,
        options: settings?.options.get(rule.code) ?? defaultOptions(rule),
        facts: model.facts,
        report(f) {
          const aliases = f.aliases ? allAliases.filter((id) => f.aliases?.includes(id)) : allAliases;
          if (ignores.isIgnored(rule.code, f.instructionLine, { aliases })) return;
          findings.push({
            code: rule.code,
            name: rule.name,
            severity: level ?? ignores.severity(rule.code, { aliases }) ?? f.severity ?? rule.severity,
            message: f.message,
            range: f.range,
            instructionLine: f.instructionLine,
            fixes: model.carried.length > 0 && f.fixes ? fixesForCarried(model, f.range, f.fixes) : (f.fixes ?? []),
            aliases,
          });
        },
      });
    } catch (e) {
      // What a rule reported before it failed may be half a finding set (a fix without its twin): drop it.
      findings.length = before;
      errors.push({ code: rule.code, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
    if (onRuleTime) onRuleTime(rule, performance.now() - t0);
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  return { findings, errors };
}

/**
 * A finding on an instruction that ONBUILD carries keeps only the fixes that edit inside that instruction: a fix
 * that adds an instruction (a SHELL above a piped RUN) would change this image, not the one the ONBUILD runs in.
 */
function fixesForCarried(model: DockerfileModel, range: Range, fixes: readonly Fix[]): Fix[] {
  const at = model.lines.offsetAt(range.start);
  const carried = model.carried.find((c) => c.start <= at && at <= c.end);
  if (!carried) return [...fixes];
  return fixes.filter((fix) =>
    fix.edits.every((e) => model.lines.offsetAt(e.range.start) >= carried.start && model.lines.offsetAt(e.range.end) <= carried.end),
  );
}
