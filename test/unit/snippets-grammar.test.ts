import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine';
import { REPO_ROOT } from '../paths';

const root = REPO_ROOT;

/** A snippet body with every placeholder at its default, as it lands in the editor on Tab. */
function expand(body: string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  return text.replace(/\$\d+/g, '');
}

describe('snippets', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'dockerfile.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;

  it('cover a hardened image per ecosystem, a user per OS family, and a healthcheck', () => {
    assert.deepEqual(Object.keys(snippets).length, 9);
    for (const s of Object.values(snippets)) assert.ok(s.prefix.length > 0 && s.description.length > 0);
  });

  for (const [name, s] of Object.entries(snippets).filter(([n]) => n.startsWith('Hardened'))) {
    it(`${name} has no findings`, () => {
      const result = lintText(expand(s.body));
      assert.deepEqual(result.findings.map((f) => `${f.name}: ${f.message}`), []);
      assert.equal(result.model.finalStage?.user.isRoot, false);
    });
  }
});

describe('pragma grammar', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes', 'bulkhead-pragmas.tmLanguage.json'), 'utf8')) as {
    scopeName: string;
    injectionSelector: string;
    repository: { pragma: { match: string } };
  };
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string }[] } };

  it('is the grammar package.json contributes', () => {
    assert.deepEqual(pkg.contributes.grammars.map((g) => [g.scopeName, path.normalize(g.path)]), [[grammar.scopeName, path.normalize('./syntaxes/bulkhead-pragmas.tmLanguage.json')]]);
  });

  it('matches ignore comments of both dialects and nothing else', () => {
    const re = new RegExp(grammar.repository.pragma.match);
    const m = re.exec('# bulkhead global ignore=root-user,BH002 reviewed in ticket 12');
    assert.deepEqual(m?.slice(2, 8), ['bulkhead', 'global', 'ignore', '=', 'root-user,BH002', ' reviewed in ticket 12']);
    assert.equal(re.exec('  # hadolint ignore=DL3008, DL3009')?.[6], 'DL3008, DL3009');
    assert.equal(re.exec('# just a comment about ignore=things'), null);
    assert.equal(re.exec('RUN echo "# bulkhead ignore=x"'), null);
  });
});
