import { performance } from 'node:perf_hooks';
import { lintModel, parseDockerfile } from '../server/src/engine';
import { commandIndex } from '../server/src/model/commands';
import type { IndexedCommand, PackageOp, PackageTool } from '../server/src/model/commands';
import { RULES } from '../server/src/rules/index';
import type { Rule, RuleContext } from '../server/src/rules/types';

/**
 * Rule costs over the corpus: each registered rule's own time (lintModel's timing hook), and what 100 synthetic
 * rules cost that each ask the shared command index one question (a program and a flag, a package manager and
 * an option), against the real rule set.
 */

const NAMES = [
  'apt-get', 'apk', 'curl', 'wget', 'chmod', 'chown', 'useradd', 'adduser', 'groupadd', 'mkdir', 'rm', 'tar', 'git', 'make', 'gosu', 'su-exec',
  'sed', 'ln', 'cp', 'mv', 'echo', 'gpg', 'sh', 'bash', 'cd', 'npm', 'pip', 'pip3', 'go', 'cargo',
];
const FLAGS = ['-f', '-r', '-x', '-y', '-q', '--no-cache', '-p', '-s', '-L', '--verbose', '-o', '-R', '-m', '--batch', '-k', '-O'];
const PACKAGE_CHECKS: { tools: PackageTool[]; ops: PackageOp[]; test: (c: IndexedCommand) => boolean }[] = [
  { tools: ['apt'], ops: ['install'], test: (c) => !c.hasFlag('--no-install-recommends') },
  { tools: ['apt'], ops: ['install'], test: (c) => !c.hasFlag('-y', '--yes', '--assume-yes') },
  { tools: ['apk'], ops: ['install'], test: (c) => !c.hasFlag('--no-cache') },
  { tools: ['pip'], ops: ['install'], test: (c) => !c.hasFlag('--no-cache-dir') },
  { tools: ['apt', 'apk', 'yum', 'dnf'], ops: ['install'], test: (c) => c.packages?.packages.some((p) => p.value !== null && !/[=<>~]/.test(p.value)) === true },
  { tools: ['apt', 'apk', 'yum', 'dnf', 'zypper'], ops: ['upgrade'], test: () => true },
  { tools: ['npm', 'yarn', 'pnpm'], ops: ['install'], test: (c) => c.packages?.packages.length === 0 },
  { tools: ['gem'], ops: ['install'], test: (c) => !c.hasFlag('--no-document') },
  { tools: ['yum', 'dnf', 'microdnf'], ops: ['install'], test: (c) => !c.hasFlag('-y', '--assumeyes') },
  { tools: ['apt', 'apk'], ops: ['update'], test: () => true },
];

function synthetic(i: number, check: (ctx: RuleContext) => void): Rule {
  const code = `SYN${String(i + 1).padStart(3, '0')}`;
  return {
    code,
    name: `synthetic-${i + 1}`,
    category: 'build-hygiene',
    severity: 'info',
    aliases: [],
    references: [],
    docs: {} as Rule['docs'],
    fixable: 'none',
    check,
  };
}

const report = (ctx: RuleContext, c: IndexedCommand, what: string): void => ctx.report({ message: what, range: c.range, instructionLine: c.instr.line });

/** 100 rules: 75 ask for a program and test a flag, 25 ask for a package-manager operation and test it. */
export const SYNTHETIC_RULES: readonly Rule[] = Array.from({ length: 100 }, (_, i) => {
  if (i % 4 === 3) {
    const p = PACKAGE_CHECKS[i % PACKAGE_CHECKS.length] as (typeof PACKAGE_CHECKS)[number];
    return synthetic(i, (ctx) => {
      for (const c of commandIndex(ctx.model).packageOps({ tools: p.tools, ops: p.ops })) if (p.test(c)) report(ctx, c, `${p.tools[0] ?? ''} ${p.ops[0] ?? ''}`);
    });
  }
  const name = NAMES[i % NAMES.length] as string;
  const flag = FLAGS[(i * 7) % FLAGS.length] as string;
  const final = i % 3 === 0;
  return synthetic(i, (ctx) => {
    const query = final && ctx.model.finalStage ? { stage: ctx.model.finalStage } : undefined;
    for (const c of commandIndex(ctx.model).named(name, query)) if (c.hasFlag(flag)) report(ctx, c, `${name} ${flag}`);
  });
});

export interface RuleTime {
  code: string;
  name: string;
  /** Median over the rounds of the rule's total over the corpus, ms. */
  totalMs: number;
  /** Largest time on one file, ms (median over rounds). */
  maxMs: number;
  findings: number;
}

export interface RuleCosts {
  /** The real rules, slowest first. */
  rules: RuleTime[];
  /** The synthetic rules, slowest first. */
  synthetic: RuleTime[];
  /** lintModel over the corpus (median of rounds' totals, ms; the model is parsed outside the timing). */
  realMs: number;
  syntheticMs: number;
  bothMs: number;
  /** The synthetic rules on models whose every shell was parsed and indexed beforehand: the queries alone. */
  queriesMs: number;
  parseMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/**
 * Per round and per file, in a rotating order: the real rules, the synthetic rules, and both, each on a model
 * of its own (the index is per model, so no set profits from another's parse).
 */
export function measureRules(texts: readonly string[], rounds: number): RuleCosts {
  const all = [...RULES, ...SYNTHETIC_RULES];
  const perRule = new Map(all.map((r) => [r.code, { totals: [] as number[], maxes: [] as number[], findings: 0 }]));
  // The fourth set is the synthetic rules again, on models indexed beforehand.
  const sets: (readonly Rule[])[] = [RULES, SYNTHETIC_RULES, all, SYNTHETIC_RULES];
  const setTotals = sets.map((): number[] => []);
  const parseTotals: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const roundTotal = new Map<string, number>();
    const roundMax = new Map<string, number>();
    const timer = (rule: Rule, ms: number): void => {
      roundTotal.set(rule.code, (roundTotal.get(rule.code) ?? 0) + ms);
      roundMax.set(rule.code, Math.max(roundMax.get(rule.code) ?? 0, ms));
    };
    const sums = sets.map(() => 0);
    let parse = 0;
    for (const text of texts) {
      for (let j = 0; j < sets.length; j++) {
        const k = (j + r) % sets.length;
        const t0 = performance.now();
        const model = parseDockerfile(text);
        if (k === 3) commandIndex(model).all();
        const t1 = performance.now();
        // The per-rule table times the sets run alone: in `both`, a synthetic rule would find the shell parsed.
        const result = lintModel(model, undefined, sets[k], k < 2 ? timer : undefined);
        sums[k] = (sums[k] ?? 0) + performance.now() - t1;
        if (k === 0) parse += t1 - t0;
        if (r === 0 && k < 2) for (const f of result.findings) (perRule.get(f.code) as { findings: number }).findings++;
      }
    }
    sums.forEach((s, k) => setTotals[k]?.push(s));
    parseTotals.push(parse);
    for (const [code, e] of perRule) {
      e.totals.push(roundTotal.get(code) ?? 0);
      e.maxes.push(roundMax.get(code) ?? 0);
    }
  }
  const times = (rules: readonly Rule[]): RuleTime[] =>
    rules
      .map((rule) => {
        const e = perRule.get(rule.code);
        return { code: rule.code, name: rule.name, totalMs: median(e?.totals ?? []), maxMs: median(e?.maxes ?? []), findings: e?.findings ?? 0 };
      })
      .sort((a, b) => b.totalMs - a.totalMs);
  return {
    rules: times(RULES),
    synthetic: times(SYNTHETIC_RULES),
    realMs: median(setTotals[0] ?? []),
    syntheticMs: median(setTotals[1] ?? []),
    bothMs: median(setTotals[2] ?? []),
    queriesMs: median(setTotals[3] ?? []),
    parseMs: median(parseTotals),
  };
}
