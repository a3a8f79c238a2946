import { strict as assert } from 'node:assert';
import { replace } from '../../server/src/model/edits';
import { addInsteadOfCopy } from '../../server/src/rules/add-instead-of-copy';
import type { Rule } from '../../server/src/rules/types';
import { checkDeclaration, checkDocs, checkInvalid, checkNoDuplicates, checkReparses, checkValid, fixWith } from '../harness/rule-tester';

/** The rule tester must fail when an expectation is wrong; otherwise its passing means nothing. */
describe('rule tester', () => {
  const ok = { code: 'FROM a:1\nADD f /f\n', findings: [{ message: /ADD copies/, range: [1, 0, 1, 3] as [number, number, number, number] }], output: 'FROM a:1\nCOPY f /f\n' };

  it('passes a correct case', () => {
    checkInvalid(addInsteadOfCopy, ok);
    checkValid(addInsteadOfCopy, { code: 'FROM a:1\nCOPY f /f\n' });
  });

  it('catches a wrong range, message, severity, output, or a missing finding', () => {
    assert.throws(() => checkInvalid(addInsteadOfCopy, { ...ok, findings: [{ ...ok.findings[0]!, range: [1, 0, 1, 4] }] }));
    assert.throws(() => checkInvalid(addInsteadOfCopy, { ...ok, findings: [{ ...ok.findings[0]!, message: 'other' }] }));
    assert.throws(() => checkInvalid(addInsteadOfCopy, { ...ok, findings: [{ ...ok.findings[0]!, severity: 'error' }] }));
    assert.throws(() => checkInvalid(addInsteadOfCopy, { ...ok, output: 'FROM a:1\nCOPY  f /f\n' }));
    assert.throws(() => checkInvalid(addInsteadOfCopy, { ...ok, output: undefined }), /no fix offered/);
    assert.throws(() => checkInvalid(addInsteadOfCopy, { ...ok, findings: [] }));
    assert.throws(() => checkValid(addInsteadOfCopy, { code: ok.code }));
    assert.throws(() => checkNoDuplicates({ valid: [{ code: 'x' }], invalid: [{ code: 'x', findings: [] }] }), /duplicate/);
  });

  it('rejects an invalid case without findings, and checks what is left after the fix', () => {
    assert.throws(() => checkInvalid(addInsteadOfCopy, { code: 'FROM a:1\nCOPY f /f\n', findings: [] }), /valid case/);
    assert.throws(() => checkInvalid(addInsteadOfCopy, { ...ok, afterFix: [{ message: /ADD/, range: [1, 0, 1, 3] }] }), /after the fix/);
  });

  it('catches a fixed text that no longer parses, or lost its CRLF line breaks', () => {
    assert.throws(() => checkReparses('FROM a:1\nRUN a && b\n', 'FROM a:1\nRUN a &&\n'), /parses/);
    assert.throws(() => checkReparses('FROM a:1\nRUN a\n', 'FROM a:1\nRNU a\n'), /parses/);
    assert.throws(() => checkReparses('FROM a:1\r\nRUN a\r\n', 'FROM a:1\r\nUSER 1\nRUN a\r\n'), /CRLF/);
    // A text that was already broken may stay as broken.
    checkReparses('FROM a:1\nRUN a &&\nUSER 0\n', 'FROM a:1\nRUN a &&\n');
  });

  it('catches a fix that does not converge, and a wrong fix declaration', () => {
    // A rule whose "fix" rewrites ADD to ADD: the finding never goes away.
    const stubborn: Rule = {
      ...addInsteadOfCopy,
      check(ctx) {
        addInsteadOfCopy.check({
          ...ctx,
          report: (f) => ctx.report({ ...f, fixes: [{ title: 'noop', applicability: 'safe', edits: [replace(ctx.model, ctx.model.lines.offsetAt(f.range.start), ctx.model.lines.offsetAt(f.range.end), 'ADD')] }] }),
        });
      },
    };
    assert.throws(() => fixWith(stubborn, ok.code), /converge/);
    assert.throws(() => checkDeclaration({ ...addInsteadOfCopy, fixable: 'unsafe' }, { valid: [], invalid: [ok] }), /declares unsafe/);
    assert.throws(() => checkDeclaration({ ...addInsteadOfCopy, fixable: 'none' }, { valid: [], invalid: [ok] }), /declares no fix/);
    // A fixable rule whose cases never check a fixed text.
    assert.throws(() => checkDeclaration(addInsteadOfCopy, { valid: [], invalid: [{ ...ok, output: undefined }] }), /no case exercises one/);
    assert.throws(() => checkDocs({ ...addInsteadOfCopy, docs: { ...addInsteadOfCopy.docs, good: addInsteadOfCopy.docs.bad } }), /docs.good/);
  });
});
