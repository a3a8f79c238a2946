import { strict as assert } from 'node:assert';
import { IgnoreMatcher, cleanPath, readIgnoreFile } from '../../../server/src/rules/buildkit/_dockerignore';
import { copyIgnoredFile } from '../../../server/src/rules/buildkit/copy-ignored-file';
import { ruleTester } from '../../harness/rule-tester';

const excludes = (patterns: string, path: string): boolean => {
  const m = IgnoreMatcher.parse(patterns);
  assert.ok(m, `patterns parse: ${patterns}`);
  return m.excludes(path);
};

describe('.dockerignore matcher', () => {
  it('cleans paths like Go', () => {
    assert.equal(cleanPath('./a/b/'), 'a/b');
    assert.equal(cleanPath('a/../b'), 'b');
    assert.equal(cleanPath('../a'), '../a');
    assert.equal(cleanPath('/a//b'), '/a/b');
    assert.equal(cleanPath(''), '.');
    assert.equal(cleanPath('./'), '.');
  });

  it('reads the file as Docker does', () => {
    assert.deepEqual(readIgnoreFile('\uFEFF# comment\n  ./a/  \n/b\n!/c/d/\n\n #x\r\nnode_modules\n! e \n'), ['a', 'b', '!c/d', '#x', 'node_modules', '!e']);
  });

  it('matches names, folders and their contents', () => {
    assert.ok(excludes('node_modules', 'node_modules'));
    assert.ok(excludes('node_modules', 'node_modules/a/b.js'));
    assert.ok(!excludes('node_modules', 'src/node_modules'));
    assert.ok(excludes('/secrets/', 'secrets/key.pem'));
    assert.ok(excludes('./build', 'build/out'));
  });

  it('matches * and ? within one path element', () => {
    assert.ok(excludes('*.md', 'README.md'));
    assert.ok(!excludes('*.md', 'docs/README.md'));
    assert.ok(excludes('*/*.md', 'docs/README.md'));
    assert.ok(excludes('file?.txt', 'file1.txt'));
    assert.ok(!excludes('file?.txt', 'file10.txt'));
    assert.ok(!excludes('file?.txt', 'file/.txt'));
    assert.ok(excludes('*', 'anything'));
  });

  it('matches ** across path elements', () => {
    assert.ok(excludes('**/*.go', 'a/b/c.go'));
    assert.ok(excludes('**/*.go', 'c.go'));
    assert.ok(excludes('**/foo', 'foo'));
    assert.ok(excludes('**/foo', 'a/b/foo'));
    assert.ok(excludes('**/foo', 'a/foo/bar'));
    assert.ok(!excludes('**/foo', 'a/xfoo'));
    assert.ok(excludes('docs/**', 'docs/a/b'));
    assert.ok(excludes('a/**/b', 'a/b'));
    assert.ok(excludes('a/**/b', 'a/x/y/b'));
    assert.ok(!excludes('a/**/b', 'c/a/b'));
    assert.ok(excludes('**', 'x/y'));
  });

  it('matches sets and escapes', () => {
    assert.ok(excludes('[abc].txt', 'b.txt'));
    assert.ok(!excludes('[abc].txt', 'd.txt'));
    assert.ok(excludes('[^abc].txt', 'd.txt'));
    assert.ok(excludes('[a-c]?.log', 'bx.log'));
    assert.ok(excludes('a\\*b', 'a\\*b'));
    assert.ok(excludes('x.y', 'x.y'));
    assert.ok(!excludes('x.y', 'xzy'));
    assert.ok(excludes('a+(b)', 'a+(b)'));
  });

  it('takes the last matching line, with ! exceptions', () => {
    assert.ok(!excludes('*.md\n!README.md', 'README.md'));
    assert.ok(excludes('*.md\n!README.md', 'CHANGES.md'));
    assert.ok(excludes('*.md\n!README.md\nREADME.md', 'README.md'));
    assert.ok(excludes('*\n!src', 'docs'));
    assert.ok(!excludes('*\n!src', 'src'));
    assert.ok(!excludes('*\n!src', 'src/main.go'));
    assert.ok(excludes('docs\n!docs/keep.md', 'docs/other.md'));
    assert.ok(!excludes('docs\n!docs/keep.md', 'docs/keep.md'));
  });

  it('rejects a lone !', () => {
    assert.equal(IgnoreMatcher.parse('a\n!\n'), null);
  });
});

const IGNORE = (text: string): { dockerignore: { path: string; text: string } } => ({ dockerignore: { path: '.dockerignore', text } });
const MSG = (k: string, src: string): string => `${k} source "${src}" is excluded by .dockerignore, so it is not in the build context.`;

ruleTester(copyIgnoredFile, {
  valid: [
    { name: 'ignore file not known', code: 'FROM alpine:3.20\nCOPY secrets /s\n' },
    { name: 'no ignore file', code: 'FROM alpine:3.20\nCOPY secrets /s\n', facts: { dockerignore: null } },
    { name: 'not excluded', code: 'FROM alpine:3.20\nCOPY src /src\n', facts: IGNORE('node_modules\n*.md\n') },
    { name: 'an exception', code: 'FROM alpine:3.20\nCOPY README.md /\n', facts: IGNORE('*.md\n!README.md\n') },
    { name: 'the whole context', code: 'FROM alpine:3.20\nCOPY . /app\n', facts: IGNORE('*\n!src\n') },
    { name: 'from another stage', code: 'FROM alpine:3.20 AS b\nRUN mkdir /dist\nFROM alpine:3.20\nCOPY --from=b /dist /dist\n', facts: IGNORE('dist\n') },
    { name: 'a URL', code: 'FROM alpine:3.20\nADD https://example.com/dist /dist\n', facts: IGNORE('https:\n') },
    { name: 'a heredoc', code: 'FROM alpine:3.20\nCOPY <<EOF /dist\nx\nEOF\n', facts: IGNORE('EOF\n') },
    { name: 'a variable without a known value', code: 'FROM alpine:3.20\nARG DIR\nCOPY $DIR /d\n', facts: IGNORE('dist\n') },
    { name: 'the destination is not a source', code: 'FROM alpine:3.20\nCOPY src dist\n', facts: IGNORE('dist\n') },
  ],
  invalid: [
    {
      name: 'an excluded file and folder',
      code: 'FROM alpine:3.20\nCOPY .env ./config/ /app/\nADD node_modules/x.tgz /opt/\n',
      facts: IGNORE('.env\nconfig\nnode_modules\n'),
      findings: [
        { message: MSG('COPY', '.env'), range: [1, 5, 1, 9] },
        { message: MSG('COPY', 'config'), range: [1, 10, 1, 19] },
        { message: MSG('ADD', 'node_modules/x.tgz'), range: [2, 4, 2, 22] },
      ],
    },
    {
      name: 'exec form, wildcards and a build argument, in a build stage',
      code: 'FROM alpine:3.20 AS b\nARG DOCS=docs\nCOPY ["*.md", "/d/"]\ncopy ${DOCS}/a.txt /d/\nFROM b\n',
      facts: IGNORE('*.md\n/docs/\n'),
      findings: [
        { message: MSG('COPY', '*.md'), range: [2, 6, 2, 12] },
        { message: MSG('copy', 'docs/a.txt'), range: [3, 5, 3, 18] },
      ],
    },
    {
      name: 'a re-included file inside an excluded folder is fine, its neighbour is not',
      code: 'FROM alpine:3.20\nCOPY docs/keep.md docs/other.md /d/\n',
      facts: IGNORE('docs\n!docs/keep.md\n'),
      findings: [{ message: MSG('COPY', 'docs/other.md'), range: [1, 18, 1, 31] }],
    },
  ],
});
