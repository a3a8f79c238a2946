import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendLines } from '../../server/src/model/edits';
import { RULES } from '../../server/src/rules/index';
import type { Rule } from '../../server/src/rules/types';
import { checkFixInvariants } from '../harness/fix-invariants';
import type { InvariantViolation } from '../harness/fix-invariants';
import { testedRules, testedTexts, testedWithFacts } from '../harness/rule-tester';
import { REPO_ROOT } from '../paths';

/**
 * The fix-safety invariants (test/harness/fix-invariants.ts) over every fix the registered rules offer: on
 * their documented examples, every case of the rule tests, the bundled examples, and each of those rewritten
 * the ways real files differ (line endings, BOM, directives, backtick escapes, heredocs, a continuation left
 * open at the end of the file, comments and empty lines inside continued instructions). A new rule is covered
 * by registering it: its documented bad example must exercise its fixes here.
 */
const root = REPO_ROOT;
const examples = ['examples/node-app/Dockerfile', 'examples/python-sshd/Dockerfile', 'examples/go-hardened/Dockerfile', 'examples/legacy-ci/Containerfile'].map((f) => fs.readFileSync(path.join(root, f), 'utf8'));

/** Ways the same Dockerfile is written in the wild; each keeps what Docker reads, or adds what it says. */
export const VARIANTS: Record<string, (text: string) => string> = {
  'as written': (t) => t,
  CRLF: (t) => t.replace(/\r?\n/g, '\r\n'),
  BOM: (t) => `\uFEFF${t}`,
  'no trailing newline': (t) => t.replace(/(\r?\n)+$/, ''),
  'syntax directive': (t) => `# syntax=docker/dockerfile:1\n${t}`,
  'open continuation at the end': (t) => `${t.replace(/(\r?\n)*$/, '\n')}ENV LAST=1 \\`,
  'open continuation, then a newline': (t) => `${t.replace(/(\r?\n)*$/, '\n')}ENV LAST=1 \\\n`,
  'open continuation, then a comment': (t) => `${t.replace(/(\r?\n)*$/, '\n')}RUN echo last \\\n\n# the end\n`,
  'open continuation, CRLF, no newline': (t) => `${t.replace(/(\r?\n)*$/, '\n')}ENV LAST=1 \\`.replace(/\r?\n/g, '\r\n'),
  'comments and empty lines in continuations': (t) => t.replace(/\\(\r?\n)/g, '\\$1  # a note$1$1'),
  'backtick escape': (t) => `# escape=\`\n${t.replace(/\\(\r?\n)/g, '`$1')}`,
  'heredoc after FROM': (t) => t.replace(/^(FROM[^\n]*\n)/m, '$1RUN <<EOF\necho "hello \\\\"\nEOF\n'),
  'heredoc at the end': (t) => `${t.replace(/(\r?\n)*$/, '\n')}COPY <<EOF /etc/motd\nhello\nEOF\n`,
};

function format(violations: readonly InvariantViolation[]): string[] {
  return violations.map((v) => `${v.code} "${v.fix}" breaks ${v.invariant}: ${v.detail}`);
}

describe('rule tests', () => {
  it('every rule has a firing and a clean case besides its documented examples', function () {
    // Only meaningful when the rule tests are loaded in the same run (npm test loads them all).
    if (testedRules.size === 0) this.skip();
    const thin = RULES.filter((r) => (testedRules.get(r.code)?.valid ?? 0) < 1 || (testedRules.get(r.code)?.invalid ?? 0) < 1).map((r) => r.name);
    assert.deepEqual(thin, []);
  });
});

describe('fix invariants', function () {
  // Every seed in 13 variants, and the seeds with facts (an ignore file) once more with them.
  this.timeout(300_000);

  it('hold for every fix of every rule on documented examples, rule-test cases and bundled examples, in every variant', () => {
    const plain = [...new Set([...RULES.flatMap((r) => [r.docs.bad, r.docs.good]), ...testedTexts, ...examples])].map((text) => ({ text, facts: undefined }));
    // Cases that need the Dockerfile's surroundings (an ignore file) are checked with them too.
    const withFacts = [...RULES.flatMap((r) => (r.docs.exampleFacts ? [r.docs.bad, r.docs.good].map((text) => ({ text, facts: r.docs.exampleFacts })) : [])), ...testedWithFacts.map((c) => ({ text: c.code, facts: c.facts }))];
    const exercised = new Map<string, Set<string>>();
    const problems: string[] = [];
    for (const { text: seed, facts } of [...plain, ...withFacts]) {
      for (const [variant, make] of Object.entries(VARIANTS)) {
        const text = make(seed);
        const found = checkFixInvariants(text, {
          facts,
          onFix: (code, title) => {
            if (!exercised.has(code)) exercised.set(code, new Set());
            exercised.get(code)?.add(title);
          },
        });
        for (const p of format(found)) problems.push(`${variant} of ${JSON.stringify(seed.slice(0, 50))}: ${p}`);
      }
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} violations`);
    const fixable = RULES.filter((r) => r.fixable !== 'none');
    assert.deepEqual(
      fixable.filter((r) => !exercised.has(r.code)).map((r) => r.name),
      [],
      'every rule that declares fixes had them checked',
    );
  });

  describe('catch a broken fix', () => {
    /** A rule whose fix appends a USER at the end of the file without closing an open continuation. */
    const naive: Rule = {
      ...(RULES[0] as Rule),
      code: 'TEST1',
      name: 'naive-append',
      check({ model, report }) {
        const last = model.instructions[model.instructions.length - 1];
        if (!last || last.keyword === 'USER') return;
        const end = model.lines.range(model.text.length, model.text.length);
        report({ message: 'No USER at the end.', range: last.range, instructionLine: last.line, fixes: [{ title: 'Append USER', applicability: 'safe', edits: [{ range: end, newText: '\nUSER 10001\n' }] }] });
      },
    };
    /** The same rule, appending with the shared edit builder. */
    const careful: Rule = {
      ...naive,
      check({ model, report }) {
        const last = model.instructions[model.instructions.length - 1];
        if (!last || last.keyword === 'USER') return;
        report({ message: 'No USER at the end.', range: last.range, instructionLine: last.line, fixes: [{ title: 'Append USER', applicability: 'safe', edits: [appendLines(model, ['USER 10001']) ?? { range: last.range, newText: '' }] }] });
      },
    };
    const text = 'FROM debian:bookworm-slim\nENV a=b \\';

    it('an instruction glued to an open continuation at the end of the file', () => {
      const found = checkFixInvariants(text, { rules: [naive], unsafeTogether: false });
      assert.ok(
        found.some((v) => v.invariant === 'untouched' && v.detail === 'line 2 "ENV a=b \\\\" became "ENV a=b \\\\\\nUSER 10001"'),
        format(found).join('\n'),
      );
    });

    it('passes the shared builder, which closes the continuation', () => {
      assert.deepEqual(format(checkFixInvariants(text, { rules: [careful] })), []);
    });

    it('an edit outside the document, overlapping edits, a finding left, a new dockerfile-utils error', () => {
      const broken: Rule = {
        ...naive,
        check({ model, report }) {
          const first = model.instructions[0];
          if (!first || model.text.includes('FORM')) return;
          report({
            message: 'Broken.',
            range: first.range,
            instructionLine: first.line,
            fixes: [
              { title: 'Outside', applicability: 'safe', edits: [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, newText: 'x' }] },
              {
                title: 'Overlapping',
                applicability: 'safe',
                edits: [
                  { range: model.lines.range(0, 4), newText: 'FROM' },
                  { range: model.lines.range(2, 6), newText: '' },
                ],
              },
              { title: 'Nothing', applicability: 'unsafe', edits: [{ range: model.lines.range(0, 0), newText: '# hello\n' }] },
              { title: 'Misspell', applicability: 'unsafe', edits: [{ range: model.lines.range(0, 4), newText: 'FORM' }] },
            ],
          });
        },
      };
      const found = checkFixInvariants('FROM debian:bookworm-slim\n', { rules: [broken], unsafeTogether: false });
      const kinds = found.map((v) => `${v.fix}: ${v.invariant}`);
      assert.ok(kinds.includes('Outside: edit-range'), kinds.join('\n'));
      assert.ok(kinds.includes('Overlapping: edit-range'), kinds.join('\n'));
      assert.ok(kinds.includes('Nothing: fixed'), kinds.join('\n'));
      assert.ok(kinds.includes('Nothing: converges'), kinds.join('\n'));
      assert.ok(kinds.includes('Misspell: utils-error'), kinds.join('\n'));
    });
  });
});
