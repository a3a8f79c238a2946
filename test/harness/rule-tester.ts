import { strict as assert } from 'node:assert';
import { lintModel } from '../../server/src/features/lint';
import { fixText } from '../../server/src/features/fix';
import { parseDockerfile } from '../../server/src/model/document';
import type { Finding, Rule, Severity } from '../../server/src/rules/types';

/** [startLine, startCharacter, endLine, endCharacter], 0-based like LSP. */
export type RangeTuple = [number, number, number, number];

export interface ExpectedFinding {
  message: string | RegExp;
  range: RangeTuple;
  severity?: Severity;
}

export interface ValidCase {
  name?: string;
  code: string;
}

export interface InvalidCase {
  name?: string;
  code: string;
  /** Every finding of the rule, in order: no more, no fewer. */
  findings: ExpectedFinding[];
  /**
   * The exact text after applying the rule's fixes (unsafe included) until they converge. Leave it out to
   * assert that no fix is offered.
   */
  output?: string;
  /** Title every finding's fix must have. */
  fixTitle?: string;
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** The rule's own findings on a text. */
export function findingsOf(rule: Rule, text: string): Finding[] {
  const result = lintModel(parseDockerfile(text), undefined, [rule]);
  assert.deepEqual(result.errors, [], 'the rule does not throw');
  return result.findings;
}

function tuple(f: Finding): RangeTuple {
  return [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
}

function caseName(c: { name?: string; code: string }): string {
  return c.name ?? JSON.stringify(c.code.length > 70 ? `${c.code.slice(0, 67)}...` : c.code);
}

/** Applies the rule's fixes until none is left; checks convergence and idempotence. */
export function fixWith(rule: Rule, text: string): string {
  const codes = new Set([rule.code]);
  const fixed = fixText(text, { unsafe: true, codes, rules: [rule] });
  assert.ok(fixed.converged, 'fixes converge');
  const again = fixText(fixed.text, { unsafe: true, codes, rules: [rule] });
  assert.equal(again.text, fixed.text, 'fixing again changes nothing');
  return fixed.text;
}

export function checkNoDuplicates(tests: RuleTests): void {
  const codes = [...tests.valid, ...tests.invalid].map((c) => c.code);
  const dupes = codes.filter((c, i) => codes.indexOf(c) !== i);
  assert.deepEqual(dupes, [], 'duplicate case code');
}

/** The declared `fixable` matches what the fixes of the invalid cases are. */
export function checkDeclaration(rule: Rule, tests: RuleTests): void {
  const fixes = tests.invalid.flatMap((c) => findingsOf(rule, c.code).flatMap((f) => f.fixes));
  if (rule.fixable === 'none') {
    assert.deepEqual(fixes.map((f) => f.title), [], `${rule.name} declares no fix but offers some`);
    return;
  }
  assert.ok(fixes.length > 0, `${rule.name} declares ${rule.fixable} fixes but no case exercises one`);
  for (const f of fixes) assert.equal(f.applicability, rule.fixable, `fix "${f.title}" is ${f.applicability}, rule declares ${rule.fixable}`);
}

/** docs.bad triggers the rule (and its fix clears it); docs.good does not. */
export function checkDocs(rule: Rule): void {
  assert.ok(findingsOf(rule, rule.docs.bad).length > 0, 'docs.bad triggers the rule');
  assert.deepEqual(findingsOf(rule, rule.docs.good).map((f) => f.message), [], 'docs.good does not trigger the rule');
  if (rule.fixable !== 'none') {
    assert.deepEqual(findingsOf(rule, fixWith(rule, rule.docs.bad)).map((f) => f.message), [], 'fixing docs.bad leaves no finding');
  }
}

export function checkValid(rule: Rule, c: ValidCase): void {
  assert.deepEqual(findingsOf(rule, c.code).map((f) => `${tuple(f).join(',')} ${f.message}`), []);
}

export function checkInvalid(rule: Rule, c: InvalidCase): void {
  const found = findingsOf(rule, c.code);
  assert.deepEqual(
    found.map((f) => tuple(f)),
    c.findings.map((f) => f.range),
    `ranges of ${found.map((f) => f.message).join(' | ')}`,
  );
  c.findings.forEach((exp, i) => {
    const f = found[i] as Finding;
    if (typeof exp.message === 'string') assert.equal(f.message, exp.message);
    else assert.match(f.message, exp.message);
    assert.equal(f.severity, exp.severity ?? rule.severity, 'severity');
    if (c.fixTitle !== undefined) assert.deepEqual(f.fixes.map((x) => x.title), [c.fixTitle]);
  });
  const offered = found.some((f) => f.fixes.some((x) => x.edits.length > 0));
  if (c.output === undefined) {
    assert.equal(offered, false, 'no fix offered');
    return;
  }
  assert.ok(offered, 'a fix is offered');
  const output = fixWith(rule, c.code);
  assert.equal(output, c.output);
  parseDockerfile(output);
  assert.deepEqual(findingsOf(rule, output).map((f) => f.message), [], 'the fixed text no longer triggers the rule');
}

/**
 * Registers mocha tests for a rule (ESLint RuleTester style): exact findings, exact fixed text, convergence,
 * the declared fix availability, and the documented examples.
 */
export function ruleTester(rule: Rule, tests: RuleTests): void {
  describe(`${rule.code} ${rule.name}`, () => {
    it('has no duplicate cases', () => checkNoDuplicates(tests));
    it('declares the fix availability its fixes have', () => checkDeclaration(rule, tests));
    it('flags its documented bad example, not its good one', () => checkDocs(rule));
    for (const c of tests.valid) it(`valid: ${caseName(c)}`, () => checkValid(rule, c));
    for (const c of tests.invalid) it(`invalid: ${caseName(c)}`, () => checkInvalid(rule, c));
  });
}
