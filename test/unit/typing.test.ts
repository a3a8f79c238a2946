import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { lintText } from '../../server/src/engine';
import { codeActions } from '../../server/src/features/code-actions';
import { fixText } from '../../server/src/features/fix';
import { hover } from '../../server/src/features/hover';
import { buildManifest } from '../../server/src/features/manifest';
import { random } from '../fuzz/mutators';
import { REPO_ROOT } from '../paths';

/**
 * While a person types, the editor holds every intermediate text: half a FROM line, an open quote, a heredoc
 * with no end. Each of those must lint, hover, offer fixes and describe its runtime without an exception, with
 * every range inside the text. Two sources of such texts: every prefix of the bundled examples (typing from top
 * to bottom), and seeded random edits of real Dockerfiles (typing in the middle). A failure names the seed and
 * the edit, so it can be replayed.
 */

const root = REPO_ROOT;
const examples = ['examples/node-app/Dockerfile', 'examples/python-sshd/Dockerfile', 'examples/go-hardened/Dockerfile', 'examples/legacy-ci/Containerfile'];
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'dockerfiles');

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function inside(range: Range, lengths: readonly number[]): boolean {
  const ok = (p: Range['start']): boolean => p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= (lengths[p.line] ?? 0);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

/** Everything the editor asks of one text; returns what went wrong, or nothing. */
function exercise(text: string, fix: boolean): string | undefined {
  try {
    const result = lintText(text);
    if (result.errors.length > 0) return `rule errors: ${result.errors.map((e) => `${e.code} ${e.message}`).join('; ')}`;
    const lengths = lineLengths(text);
    for (const f of result.findings) {
      if (!inside(f.range, lengths)) return `${f.name} range outside the text: ${JSON.stringify(f.range)}`;
    }
    const end = { line: lengths.length - 1, character: lengths[lengths.length - 1] ?? 0 };
    hover(result.model, result.findings, end);
    for (const f of result.findings) {
      hover(result.model, result.findings, f.range.start);
      for (const action of codeActions({ uri: 'file:///Dockerfile', model: result.model, findings: result.findings, range: f.range })) {
        for (const edit of action.edit?.changes?.['file:///Dockerfile'] ?? []) {
          if (!inside(edit.range, lengths)) return `"${action.title}" edits outside the text: ${JSON.stringify(edit.range)}`;
        }
      }
    }
    for (const stage of result.model.stages) if (stage.base.range) hover(result.model, result.findings, stage.base.range.start);
    buildManifest(result.model, result.findings);
    if (fix) {
      const fixed = fixText(text, { unsafe: true });
      if (!fixed.converged) return 'fixes do not converge';
      const again = lintText(fixed.text);
      if (again.errors.length > 0) return `rule errors after fixing: ${again.errors.map((e) => e.code).join(', ')}`;
    }
    return undefined;
  } catch (e) {
    return `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
}

/** Pieces a person types or pastes that change how the rest of a Dockerfile parses. */
const TOKENS = [
  '\\\n', '\\', '"', "'", '`', '[', ']', '["', '",', '${', '}', '$(', ')', '<<EOF\n', '<<-EOF\n', 'EOF\n', '\n', '\r\n', '\r', ' ', '\t',
  '#', '# escape=`\n', '# syntax=docker/dockerfile:1\n', '# bulkhead ignore=root-user\n', '&&', '||', '|', ';', '&', '=', '--', ':', '@', '/',
  'FROM ', 'FROM scratch\n', 'AS ', 'RUN ', 'USER ', 'USER root\n', 'ARG ', 'ENV ', 'ADD ', 'COPY --from=', 'EXPOSE 22', 'CMD ', 'ENTRYPOINT [',
  'SHELL ["powershell", "-Command"]\n', 'ONBUILD ', 'HEALTHCHECK ', 'sh -c "', 'curl -fsSL https://example.com/i.sh | sh', 'apt-get install -y openssh-server',
  '--mount=type=cache,target=/root/.cache ', '\u0000', '\ufeff', 'é', '😀',
];

function mutate(text: string, next: () => number): { text: string; edit: string } {
  const at = Math.floor(next() * (text.length + 1));
  const kind = next();
  if (kind < 0.55) {
    const token = TOKENS[Math.floor(next() * TOKENS.length)] ?? '';
    return { text: text.slice(0, at) + token + text.slice(at), edit: `insert ${JSON.stringify(token)} at ${at}` };
  }
  const len = 1 + Math.floor(next() * 40);
  if (kind < 0.85) return { text: text.slice(0, at) + text.slice(at + len), edit: `delete ${len} at ${at}` };
  return { text: text.slice(0, at) + text.slice(at, at + len) + text.slice(at), edit: `duplicate ${len} at ${at}` };
}

describe('typing: intermediate texts', function () {
  this.timeout(120_000);

  for (const example of examples) {
    it(`every prefix of ${example} lints, hovers, offers fixes and builds a manifest`, () => {
      const text = fs.readFileSync(path.join(root, example), 'utf8');
      const problems: string[] = [];
      for (let i = 0; i <= text.length; i++) {
        // Fixing is the heaviest step: check it at each line end, where a person pauses.
        const problem = exercise(text.slice(0, i), text[i] === '\n' || i === text.length);
        if (problem) problems.push(`prefix of ${i} chars: ${problem}`);
        if (problems.length >= 5) break;
      }
      assert.deepEqual(problems, []);
    });
  }

  (fs.existsSync(corpus) ? it : it.skip)('seeded random edits of real Dockerfiles keep every feature working', () => {
    const files = fs.readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(corpus, f)).isFile()).sort();
    assert.ok(files.length > 100, 'corpus has files');
    const next = random(0xb01d);
    const problems: string[] = [];
    let texts = 0;
    // Every seventh file, each edited five times in a row (so edits compound).
    for (let i = 0; i < files.length; i += 7) {
      const file = files[i] ?? '';
      let text = fs.readFileSync(path.join(corpus, file), 'utf8');
      const edits: string[] = [];
      for (let k = 0; k < 5; k++) {
        const m = mutate(text, next);
        text = m.text;
        edits.push(m.edit);
        texts++;
        const problem = exercise(text, k === 4);
        if (problem) problems.push(`${file} after ${edits.join(', ')}: ${problem}`);
      }
      if (problems.length >= 5) break;
    }
    assert.ok(texts > 400, `edited ${texts} texts`);
    assert.deepEqual(problems, []);
  });
});
