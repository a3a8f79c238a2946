import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine';
import { fixText } from '../../server/src/features/fix';
import { buildManifest } from '../../server/src/features/manifest';
import { RULES } from '../../server/src/rules/index';
import { checkFixInvariants } from '../harness/fix-invariants';
import { CORPUS_DOCKERFILES } from '../paths';

/**
 * Every rule over the real-world corpus in ../shared/corpus (when present): no exception, every fix
 * re-parses and converges, and fixed files no longer carry fixable findings. Per-rule counts are printed so
 * a change shows its blast radius.
 */
const corpus = CORPUS_DOCKERFILES;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

(fs.existsSync(corpus) ? describe : describe.skip)('corpus', function () {
  this.timeout(300_000);
  const files = fs.existsSync(corpus) ? walk(corpus) : [];

  it(`lints, fixes and describes ${files.length} real Dockerfiles without an exception`, () => {
    assert.ok(files.length > 100, 'corpus has files');
    const counts = new Map<string, { findings: number; files: Set<string>; fixed: number }>(RULES.map((r) => [r.name, { findings: 0, files: new Set(), fixed: 0 }]));
    const problems: string[] = [];
    for (const file of files) {
      const rel = path.relative(corpus, file);
      const text = fs.readFileSync(file, 'utf8');
      const result = lintText(text);
      for (const e of result.errors) problems.push(`${rel}: rule ${e.code} threw: ${e.message.split('\n')[0] ?? ''}`);
      for (const f of result.findings) {
        const c = counts.get(f.name);
        if (!c) continue;
        c.findings++;
        c.files.add(rel);
      }
      buildManifest(result.model, result.findings);
      const fixed = fixText(text, { unsafe: true });
      if (!fixed.converged) problems.push(`${rel}: fixes did not converge`);
      for (const a of fixed.applied) {
        const rule = RULES.find((r) => r.code === a.code);
        if (rule) (counts.get(rule.name) as { fixed: number }).fixed++;
      }
      const after = lintText(fixed.text);
      for (const e of after.errors) problems.push(`${rel} (fixed): rule ${e.code} threw: ${e.message.split('\n')[0] ?? ''}`);
      const left = after.findings.filter((f) => f.fixes.some((x) => x.applicability !== 'display-only' && x.edits.length > 0));
      for (const f of left) problems.push(`${rel}: ${f.name} still fixable after fixing: ${f.message}`);
    }
    console.log(`\n      ${files.length} files`);
    const width = Math.max(...[...counts.keys()].map((n) => n.length));
    console.log(`      ${'rule'.padEnd(width)} findings  files  fixes applied  share of files`);
    for (const [name, c] of counts) {
      const share = `${((100 * c.files.size) / Math.max(1, files.length)).toFixed(0)}%`;
      console.log(`      ${name.padEnd(width)} ${String(c.findings).padStart(8)} ${String(c.files.size).padStart(6)} ${String(c.fixed).padStart(14)} ${share.padStart(15)}`);
    }
    assert.deepEqual(problems, []);
  });

  it('keeps the fix invariants for every fix offered on every file', () => {
    const problems: string[] = [];
    let fixes = 0;
    for (const file of files) {
      const rel = path.relative(corpus, file);
      const found = checkFixInvariants(fs.readFileSync(file, 'utf8'), { onFix: () => fixes++ });
      for (const v of found) problems.push(`${rel}: ${v.code} "${v.fix}" breaks ${v.invariant}: ${v.detail}`);
    }
    console.log(`\n      ${fixes} fixes applied alone, then all safe fixes and all fixes together, on ${files.length} files`);
    assert.deepEqual(problems.slice(0, 30), [], `${problems.length} violations`);
  });
});
