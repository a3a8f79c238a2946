import { strict as assert } from 'node:assert';
import { lintModel } from '../../server/src/features/lint';
import { fixText } from '../../server/src/features/fix';
import { parseDockerfile } from '../../server/src/model/document';
import { resolveSettings } from '../../server/src/config/settings';
import type { ResolvedSettings } from '../../server/src/config/settings';
import { hasEdits } from '../../server/src/rules/types';
import type { DocumentFacts, Finding, Rule, Severity } from '../../server/src/rules/types';

/** [startLine, startCharacter, endLine, endCharacter], 0-based like LSP. */
export type RangeTuple = [number, number, number, number];

export interface ExpectedFinding {
  message: string | RegExp;
  range: RangeTuple;
  severity?: Severity;
  /** The other tools' IDs the finding carries, exactly (default: not checked). */
  aliases?: string[];
}

/** What a case sets besides its text: the rule's options (as the config file would) and the document's facts. */
export interface CaseContext {
  options?: Record<string, unknown>;
  facts?: DocumentFacts;
}

export interface ValidCase extends CaseContext {
  name?: string;
  code: string;
}

export interface InvalidCase extends CaseContext {
  name?: string;
  code: string;
  /** Every finding of the rule, in order: no more, no fewer. */
  findings: ExpectedFinding[];
  /**
   * The exact text after applying the rule's fixes (unsafe included) until they converge. Leave it out to
   * assert that no fix is offered.
   */
  output?: string;
  /**
   * The exact text of each other file the fixes edit (the ignore file), by the path the fix names; the facts of
   * the case are updated with it before `afterFix` and the idempotence check. Default: no other file edited.
   */
  outputFiles?: Record<string, string>;
  /** Title every finding's fix must have. */
  fixTitle?: string;
  /**
   * Findings the rule still reports on `output` (default: none). For fixes that deliberately leave
   * something for a person to decide.
   */
  afterFix?: ExpectedFinding[];
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** The rule's own findings on a text, each tied to the first line of an instruction. */
export function findingsOf(rule: Rule, text: string, ctx: CaseContext = {}): Finding[] {
  const model = parseDockerfile(text, { facts: ctx.facts });
  const result = lintModel(model, settingsFor(rule, ctx), [rule]);
  assert.deepEqual(result.errors, [], 'the rule does not throw');
  const lines = new Set(model.instructions.map((i) => i.line));
  for (const f of result.findings) {
    assert.ok(lines.has(f.instructionLine), `instructionLine ${f.instructionLine} is the first line of an instruction`);
    assert.ok(f.instructionLine <= f.range.start.line, `instructionLine ${f.instructionLine} is not after the finding`);
  }
  return result.findings;
}

const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** Instructions a text parses into that Docker would reject, or whose shell does not parse. */
function brokenInstructions(text: string): string[] {
  const model = parseDockerfile(text);
  const broken: string[] = [];
  for (const instr of model.instructions) {
    const source = text.slice(instr.start, instr.end);
    if (!KEYWORDS.has(instr.keyword)) broken.push(`unknown instruction: ${source}`);
    else if (model.shell(instr)?.hasErrors) broken.push(`shell syntax error: ${source}`);
  }
  return broken;
}

/** The fixed text parses as well as the original did, and keeps its line breaks. */
export function checkReparses(original: string, output: string): void {
  const before = new Set(brokenInstructions(original));
  assert.deepEqual(brokenInstructions(output).filter((b) => !before.has(b)), [], 'the fixed text parses');
  if (original.includes('\r\n') && !/(^|[^\r])\n/.test(original)) assert.doesNotMatch(output, /(^|[^\r])\n/, 'a CRLF file keeps CRLF line breaks');
}

function tuple(f: Finding): RangeTuple {
  return [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
}

function caseName(c: { name?: string; code: string }): string {
  return c.name ?? JSON.stringify(c.code.length > 70 ? `${c.code.slice(0, 67)}...` : c.code);
}

/** Settings that turn the rule on (even one off by default) with the case's options. */
function settingsFor(rule: Rule, ctx: CaseContext): ResolvedSettings {
  return resolveSettings({ enable: true, rules: { [rule.code]: { ...(rule.enabledByDefault === false ? { level: rule.severity } : {}), ...(ctx.options ?? {}) } }, ignore: [] });
}

/** Applies the rule's fixes until none is left; checks convergence and idempotence. */
export function fixWith(rule: Rule, text: string, ctx: CaseContext = {}): string {
  return fixWithFiles(rule, text, ctx).text;
}

/** fixWith, with the other files the fixes edited and the facts after them. */
export function fixWithFiles(rule: Rule, text: string, ctx: CaseContext = {}): { text: string; files: Record<string, string>; facts: DocumentFacts | undefined } {
  const codes = new Set([rule.code]);
  const settings = settingsFor(rule, ctx);
  const fixed = fixText(text, { unsafe: true, codes, rules: [rule], settings, facts: ctx.facts });
  assert.ok(fixed.converged, 'fixes converge');
  const again = fixText(fixed.text, { unsafe: true, codes, rules: [rule], settings, facts: fixed.facts });
  assert.equal(again.text, fixed.text, 'fixing again changes nothing');
  assert.deepEqual(again.files, [], 'fixing again edits no other file');
  return { text: fixed.text, files: Object.fromEntries(fixed.files.map((f) => [f.path, f.text])), facts: fixed.facts };
}

export function checkNoDuplicates(tests: RuleTests): void {
  const codes = [...tests.valid, ...tests.invalid].map((c) => JSON.stringify([c.code, c.options, c.facts]));
  const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
  assert.deepEqual(dupes, [], 'duplicate case code');
}

/** The declared `fixable` matches what the fixes of every case and of the documented examples are. */
export function checkDeclaration(rule: Rule, tests: RuleTests): void {
  const docs = { options: rule.docs.exampleOptions, facts: rule.docs.exampleFacts };
  const cases: (CaseContext & { code: string })[] = [...tests.valid, ...tests.invalid, { code: rule.docs.bad, ...docs }, { code: rule.docs.good, ...docs }];
  const fixes = cases.flatMap((c) => findingsOf(rule, c.code, c).flatMap((f) => f.fixes));
  if (rule.fixable === 'none') {
    assert.deepEqual(fixes.map((f) => f.title), [], `${rule.name} declares no fix but offers some`);
    return;
  }
  assert.ok(fixes.length > 0 && tests.invalid.some((c) => c.output !== undefined), `${rule.name} declares ${rule.fixable} fixes but no case exercises one`);
  for (const f of fixes) assert.equal(f.applicability, rule.fixable, `fix "${f.title}" is ${f.applicability}, rule declares ${rule.fixable}`);
}

/** docs.bad triggers the rule (and its fix clears it); docs.good does not. */
export function checkDocs(rule: Rule): void {
  const ctx: CaseContext = { options: rule.docs.exampleOptions, facts: rule.docs.exampleFacts };
  assert.ok(findingsOf(rule, rule.docs.bad, ctx).length > 0, 'docs.bad triggers the rule');
  assert.deepEqual(findingsOf(rule, rule.docs.good, ctx).map((f) => f.message), [], 'docs.good does not trigger the rule');
  if (rule.fixable !== 'none') {
    const fixed = fixWithFiles(rule, rule.docs.bad, ctx);
    checkReparses(rule.docs.bad, fixed.text);
    assert.deepEqual(findingsOf(rule, fixed.text, { ...ctx, facts: fixed.facts }).map((f) => f.message), [], 'fixing docs.bad leaves no finding');
  }
}

export function checkValid(rule: Rule, c: ValidCase): void {
  assert.deepEqual(findingsOf(rule, c.code, c).map((f) => `${tuple(f).join(',')} ${f.message}`), []);
}

/** Exactly the expected findings, in order: ranges, messages and severities. */
function checkFindings(rule: Rule, found: readonly Finding[], expected: readonly ExpectedFinding[], what: string): void {
  assert.deepEqual(
    found.map((f) => tuple(f)),
    expected.map((f) => f.range),
    `${what}: ranges of ${found.map((f) => f.message).join(' | ')}`,
  );
  expected.forEach((exp, i) => {
    const f = found[i] as Finding;
    if (typeof exp.message === 'string') assert.equal(f.message, exp.message, `${what}: message`);
    else assert.match(f.message, exp.message, `${what}: message`);
    assert.equal(f.severity, exp.severity ?? rule.severity, `${what}: severity`);
    if (exp.aliases) assert.deepEqual(f.aliases, exp.aliases, `${what}: aliases`);
  });
}

export function checkInvalid(rule: Rule, c: InvalidCase): void {
  assert.ok(c.findings.length > 0, 'an invalid case expects at least one finding (a case without any is a valid case)');
  const found = findingsOf(rule, c.code, c);
  checkFindings(rule, found, c.findings, 'findings');
  if (c.fixTitle !== undefined) for (const f of found) assert.deepEqual(f.fixes.map((x) => x.title), [c.fixTitle], 'fix title');
  const offered = found.some((f) => f.fixes.some((x) => hasEdits(x)));
  if (c.output === undefined) {
    assert.equal(offered, false, 'no fix offered');
    return;
  }
  assert.ok(offered, 'a fix is offered');
  const fixed = fixWithFiles(rule, c.code, c);
  const output = fixed.text;
  assert.equal(output, c.output);
  assert.deepEqual(fixed.files, c.outputFiles ?? {}, 'other files after the fix');
  checkReparses(c.code, output);
  checkFindings(rule, findingsOf(rule, output, { ...c, facts: fixed.facts }), c.afterFix ?? [], 'after the fix');
}

/** Every case text of the rule tests loaded in this run: more inputs for the fix invariants. */
export const testedTexts: string[] = [];

/** The cases loaded in this run that set facts (an ignore file): the fix invariants check them with their facts. */
export const testedWithFacts: { code: string; facts: DocumentFacts }[] = [];

/** Per rule code, how many valid and invalid cases the rule tests loaded in this run have. */
export const testedRules = new Map<string, { valid: number; invalid: number }>();

/**
 * Registers mocha tests for a rule (ESLint RuleTester style): exact findings, exact fixed text, convergence,
 * the declared fix availability, and the documented examples.
 */
export function ruleTester(rule: Rule, tests: RuleTests): void {
  for (const c of [...tests.valid, ...tests.invalid]) {
    testedTexts.push(c.code);
    if (c.facts) testedWithFacts.push({ code: c.code, facts: c.facts });
  }
  const counts = testedRules.get(rule.code) ?? { valid: 0, invalid: 0 };
  testedRules.set(rule.code, { valid: counts.valid + tests.valid.length, invalid: counts.invalid + tests.invalid.length });
  describe(`${rule.code} ${rule.name}`, () => {
    it('has no duplicate cases', () => checkNoDuplicates(tests));
    it('declares the fix availability its fixes have', () => checkDeclaration(rule, tests));
    it('flags its documented bad example, not its good one', () => checkDocs(rule));
    for (const c of tests.valid) it(`valid: ${caseName(c)}`, () => checkValid(rule, c));
    for (const c of tests.invalid) it(`invalid: ${caseName(c)}`, () => checkInvalid(rule, c));
  });
}
