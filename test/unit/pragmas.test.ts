import { strict as assert } from 'node:assert';
import { collectIgnores, DIALECTS, parseCheckDirective, parsePragma } from '../../server/src/config/pragmas';
import { normalizeSettings, resolveSettings } from '../../server/src/config/settings';
import { lintText } from '../../server/src/engine';
import { parseDockerfile } from '../../server/src/model/document';
import { RULES } from '../../server/src/rules/index';

/** `name@line` of each finding of the core rules (families others add may come and go). */
const CORE = new Set(['root-user', 'image-tag', 'sshd', 'add-instead-of-copy', 'curl-pipe-shell', 'stage-name-casing', 'disabled-ignore-pragma']);
function found(text: string, settings?: Parameters<typeof lintText>[1]): string[] {
  return lintText(text, settings)
    .findings.filter((f) => CORE.has(f.name))
    .map((f) => `${f.name}@${f.range.start.line}`);
}

/** Runs as root (line of FROM), no tag on `FROM node` (DL3006), ADD of a local file (DL3020), sshd. */
const BASE = 'FROM node\nADD a /a\nRUN apt-get install -y openssh-server\n';
const ALL = ['root-user@0', 'image-tag@0', 'add-instead-of-copy@1', 'sshd@2'];

describe('ignore comments: dialects', () => {
  it('has one entry per comment dialect', () => {
    assert.deepEqual(DIALECTS.map((d) => d.dialect), ['bulkhead', 'hadolint', 'checkov', 'trivy', 'kics', 'dockerfile-utils']);
  });

  it('finds nothing to ignore without comments', () => {
    assert.deepEqual(found(BASE), ALL);
  });

  describe('bulkhead', () => {
    it('parses the IDs and the reason; next instruction or, with global, the file', () => {
      assert.deepEqual(parsePragma('# bulkhead ignore=root-user,BH002 base image drops privileges', 3), {
        dialect: 'bulkhead', global: false, keys: ['root-user', 'BH002'], codes: ['BH001', 'BH002'], line: 3, reason: 'base image drops privileges',
      });
      assert.deepEqual(found(`${BASE.replace('ADD', '# bulkhead ignore=DL3020 any ID names the rule\n\nADD')}`), ['root-user@0', 'image-tag@0', 'sshd@4']);
      assert.deepEqual(found(`# bulkhead global ignore=sshd,BH002\n${BASE}`), ['root-user@1', 'add-instead-of-copy@2']);
    });
  });

  describe('hadolint', () => {
    it('ignore= applies to the next instruction, global ignore= to the file', () => {
      assert.deepEqual(parsePragma('#hadolint global ignore=DL3006, DL3020', 0)?.codes, ['BH002', 'BH004']);
      assert.deepEqual(found(BASE.replace('ADD', '# hadolint ignore=DL3008,DL3020\nADD')), ['root-user@0', 'image-tag@0', 'sshd@3']);
      assert.deepEqual(found(`# hadolint global ignore=DL3006\n${BASE}`), ['root-user@1', 'add-instead-of-copy@2', 'sshd@3']);
    });

    it('ignores the findings that carry the ID, not every finding of the rule', () => {
      // image-tag answers to DL3006 (no tag) and DL3007 (latest).
      const text = '# hadolint global ignore=DL3007\nFROM node AS a\nFROM node:latest\nUSER 1\n';
      assert.deepEqual(found(text), ['image-tag@1']);
      assert.deepEqual(found(text.replace('DL3007', 'DL3006')), ['image-tag@2']);
      // A finding hadolint has no ID for goes with its rule: root-user without any USER is not DL3002's meaning.
      assert.deepEqual(found('# hadolint global ignore=DL3002\nFROM alpine:3.20\n'), []);
    });

    it('takes hadolint IDs only, not Bulkhead names', () => {
      assert.deepEqual(parsePragma('# hadolint ignore=root-user', 0)?.codes, []);
    });

    it('does nothing when the config turns inline hadolint ignores off (disable-ignore-pragma)', () => {
      const text = BASE.replace('ADD', '# hadolint ignore=DL3020\nADD');
      const off = resolveSettings(normalizeSettings({ disableIgnorePragma: true }));
      assert.deepEqual(found(text, off), ['root-user@0', 'image-tag@0', 'add-instead-of-copy@2', 'disabled-ignore-pragma@2', 'sshd@3']);
      assert.deepEqual(found(text.replace('hadolint', 'bulkhead'), off), ['root-user@0', 'image-tag@0', 'sshd@3'], "Bulkhead's own comments still work");
      assert.deepEqual(collectIgnores(parseDockerfile(text), { hadolintPragmas: false }).pragmas, []);
    });
  });

  describe('BuildKit # check= directive', () => {
    const casing = 'FROM alpine:3.20 AS Build\nFROM alpine:3.20\nUSER 1\n';
    it('parses skip, all and error', () => {
      assert.deepEqual(parseCheckDirective('skip=StageNameCasing, FromAsCasing;error=true', 0), { skip: ['StageNameCasing', 'FromAsCasing'], skipAll: false, error: true, line: 0 });
      assert.deepEqual(parseCheckDirective('skip=all', 2), { skip: [], skipAll: true, error: false, line: 2 });
      assert.deepEqual(parseCheckDirective('error=false;experimental=all', 0), { skip: [], skipAll: false, error: false, line: 0 });
    });

    it('skip= ignores the findings of the named BuildKit checks in the whole file', () => {
      assert.deepEqual(found(casing), ['stage-name-casing@0']);
      assert.deepEqual(found(`# check=skip=StageNameCasing\n${casing}`), []);
      assert.deepEqual(found(`# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended,StageNameCasing\n${casing}`), []);
      assert.deepEqual(found(`# check=skip=DL3006\nFROM node\nUSER 1\n`), ['image-tag@1'], 'not a BuildKit check name');
    });

    it('skip=all ignores every BuildKit-aliased finding and nothing else', () => {
      assert.deepEqual(found(`# check=skip=all\n${casing}FROM node\n`), ['root-user@4', 'image-tag@4']);
    });

    it('is a directive only among the leading directives', () => {
      assert.deepEqual(found(`# a comment\n# check=skip=StageNameCasing\n${casing}`), ['stage-name-casing@2']);
    });

    it('error=true makes BuildKit-aliased findings errors, unless the config sets their level', () => {
      const sev = (text: string, settings?: Parameters<typeof lintText>[1]): string[] => lintText(text, settings).findings.filter((f) => CORE.has(f.name)).map((f) => `${f.name}/${f.severity}`);
      assert.deepEqual(sev(`# check=error=true\n${casing}FROM node\n`), ['stage-name-casing/error', 'root-user/warning', 'image-tag/warning']);
      assert.deepEqual(sev(`# check=error=true\n${casing}`, normalizeSettings({ rules: { StageNameCasing: 'info' } })), ['stage-name-casing/info']);
      assert.deepEqual(sev(`# check=skip=StageNameCasing;error=true\n${casing}`), []);
    });
  });

  describe('checkov', () => {
    it('a skip comment anywhere skips the check in the whole file', () => {
      assert.deepEqual(parsePragma('# checkov:skip=CKV_DOCKER_3:the entrypoint drops privileges', 7), {
        dialect: 'checkov', global: true, keys: ['CKV_DOCKER_3'], codes: ['BH001'], line: 7, reason: 'the entrypoint drops privileges',
      });
      assert.deepEqual(parsePragma('#bridgecrew:skip=CKV_DOCKER_1,CKV_DOCKER_4', 0)?.codes, ['BH003', 'BH004']);
      assert.deepEqual(found(`${BASE}# checkov:skip=CKV_DOCKER_1\n`), ['root-user@0', 'image-tag@0', 'add-instead-of-copy@1']);
      assert.deepEqual(found(`${BASE.replace('ADD', '# checkov:skip=CKV_DOCKER_4: reason\nADD')}`), ['root-user@0', 'image-tag@0', 'sshd@3']);
    });
  });

  describe('trivy', () => {
    it('#trivy:ignore:<id> applies to the next instruction, in each of Trivy\'s spellings', () => {
      assert.deepEqual(parsePragma('#trivy:ignore:DS-0002', 0)?.codes, ['BH001']);
      assert.deepEqual(parsePragma('# trivy:ignore:AVD-DS-0002', 0)?.codes, ['BH001']);
      assert.deepEqual(parsePragma('#trivy:ignore:DS002:exp:2030-01-01', 0)?.codes, ['BH001']);
      assert.deepEqual(found(`#trivy:ignore:AVD-DS-0001\n#trivy:ignore:DS-0002\n${BASE}`), ['add-instead-of-copy@3', 'sshd@4']);
      assert.deepEqual(found(BASE.replace('RUN', '#trivy:ignore:DS004\nRUN')), ['root-user@0', 'image-tag@0', 'add-instead-of-copy@1']);
      assert.deepEqual(found(BASE.replace('ADD', '#trivy:ignore:DS-0002\nADD')), ALL.map((f) => (f === 'add-instead-of-copy@1' ? 'add-instead-of-copy@2' : f === 'sshd@2' ? 'sshd@3' : f)), 'another instruction');
    });
  });

  describe('kics', () => {
    it('ignore-line: every finding of the instruction that starts on the next line', () => {
      assert.deepEqual(found(BASE.replace('ADD', '# kics-scan ignore-line\nADD')), ['root-user@0', 'image-tag@0', 'sshd@3']);
      assert.deepEqual(found(BASE.replace('ADD', '# kics-scan ignore-line\n\nADD')), ['root-user@0', 'image-tag@0', 'add-instead-of-copy@3', 'sshd@4'], 'not past a blank line');
    });

    it('ignore-block: the next instruction, or the whole stage below a FROM', () => {
      assert.deepEqual(found(`# kics-scan ignore-block\n${BASE}`), []);
      assert.deepEqual(found(BASE.replace('RUN', '# kics-scan ignore-block\nRUN')), ['root-user@0', 'image-tag@0', 'add-instead-of-copy@1']);
    });

    it('ignore at the top: the whole file; disable= names KICS queries, which no rule aliases', () => {
      assert.deepEqual(found(`# kics-scan ignore\n${BASE}`), []);
      assert.deepEqual(found(`${BASE}# kics-scan ignore\n`), ALL, 'only at the top');
      const disable = parsePragma('# kics-scan disable=fd54f200-402c-4333-a5a4-36ef6709af2f', 0);
      assert.deepEqual([disable?.global, disable?.keys, disable?.codes], [true, ['fd54f200-402c-4333-a5a4-36ef6709af2f'], []]);
      assert.deepEqual(found(`# kics-scan disable=fd54f200-402c-4333-a5a4-36ef6709af2f\n${BASE}`), ALL.map((f) => f.replace(/@(\d)/, (_, n: string) => `@${Number(n) + 1}`)));
    });
  });

  describe('dockerfile-utils', () => {
    it('# dockerfile-utils: ignore drops every finding of the instruction on the next line', () => {
      assert.deepEqual(parsePragma('# dockerfile-utils: ignore', 0)?.codes, RULES.map((r) => r.code));
      assert.deepEqual(found(BASE.replace('RUN', '# dockerfile-utils: ignore\nRUN')), ['root-user@0', 'image-tag@0', 'add-instead-of-copy@1']);
      assert.deepEqual(found(BASE.replace('RUN', '# dockerfile-utils: ignore\n# another\nRUN')), ['root-user@0', 'image-tag@0', 'add-instead-of-copy@1', 'sshd@4']);
      assert.equal(parsePragma('# dockerfile-utils: ignore this', 0), undefined);
    });
  });

  it('never reads a parser directive as an ignore comment', () => {
    assert.deepEqual(collectIgnores(parseDockerfile('# syntax=docker/dockerfile:1\nFROM node\n')).pragmas, []);
  });
});
