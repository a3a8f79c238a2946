import { strict as assert } from 'node:assert';
import { lintText } from '../../server/src/engine';
import { applyEdits } from '../../server/src/features/fix';
import { parseDockerfile } from '../../server/src/model/document';

/** Findings as `name@line:start-end`, on one rule set's view of the text. */
function found(text: string): string[] {
  return lintText(text).findings.map((f) => `${f.name}@${f.range.start.line}:${f.range.start.character}-${f.range.end.character}`);
}

describe('ONBUILD contents are checked as the instruction they carry', () => {
  it('keeps the carried instruction out of the stage, with its own offsets', () => {
    const text = 'FROM debian:12\nONBUILD  run apt-get install \\\n    curl\nUSER 10001\n';
    const model = parseDockerfile(text);
    assert.deepEqual(model.instructions.map((i) => i.keyword), ['FROM', 'ONBUILD', 'USER']);
    const [carried] = model.carried;
    assert.ok(carried);
    assert.equal(carried.keyword, 'RUN');
    assert.equal(carried.carriedBy, model.instructions[1]);
    assert.equal(text.slice(carried.start, carried.end), 'run apt-get install \\\n    curl');
    assert.deepEqual(model.shell(carried)?.commands.map((c) => c.name.value), ['apt-get']);
  });

  it('reports the shell-command rules on an ONBUILD RUN, in any stage', () => {
    const text = 'FROM debian:12 AS base\nONBUILD RUN apt-get install curl && sudo make install\nFROM base\nUSER 10001\n';
    assert.deepEqual(found(text), ['non-interactive-install@1:12-27', 'no-install-recommends@1:12-27', 'unpinned-system-package@1:12-27', 'sudo-in-run@1:36-40']);
    // The same RUN outside ONBUILD: the same findings, shifted by the keyword.
    assert.deepEqual(found('FROM debian:12 AS base\nRUN apt-get install curl && sudo make install\nFROM base\nUSER 10001\n'), [
      'non-interactive-install@1:4-19',
      'no-install-recommends@1:4-19',
      'unpinned-system-package@1:4-19',
      'sudo-in-run@1:28-32',
    ]);
  });

  it('offers the fixes that edit inside the carried instruction, and applies them there', () => {
    const text = 'FROM debian:12\nONBUILD RUN apt-get install curl\nUSER 10001\n';
    const finding = lintText(text).findings.find((f) => f.name === 'non-interactive-install');
    const fix = finding?.fixes[0];
    assert.ok(fix, 'a fix');
    assert.equal(applyEdits(text, fix.edits), 'FROM debian:12\nONBUILD RUN apt-get install -y curl\nUSER 10001\n');
  });

  it('drops fixes that would add an instruction to this image for a carried RUN', () => {
    const text = 'FROM debian:12\nONBUILD RUN curl -fsSL https://example.com/x | tar -x\nUSER 10001\n';
    const plain = lintText('FROM debian:12\nRUN curl -fsSL https://example.com/x | tar -x\nUSER 10001\n').findings.find((f) => f.name === 'pipe-without-pipefail');
    assert.ok(plain && plain.fixes.some((f) => f.edits.some((e) => e.newText.includes('SHELL'))), 'the plain RUN gets the SHELL fix');
    const carried = lintText(text).findings.find((f) => f.name === 'pipe-without-pipefail');
    assert.ok(carried, 'the carried RUN is reported');
    assert.ok(carried.fixes.every((f) => f.edits.every((e) => !e.newText.includes('SHELL'))), 'no SHELL is added for it');
    for (const fix of carried.fixes) {
      const out = applyEdits(text, fix.edits);
      assert.ok(out.startsWith('FROM debian:12\nONBUILD RUN ') && out.endsWith('\nUSER 10001\n'), out);
    }
  });

  it('does not count carried instructions as this image\'s (no ONBUILD FROM or ONBUILD ONBUILD carried)', () => {
    const model = parseDockerfile('FROM debian:12\nONBUILD ONBUILD RUN x\nONBUILD FROM alpine\nONBUILD\n');
    assert.deepEqual(model.carried, []);
    assert.equal(model.stages.length, 1);
  });
});
