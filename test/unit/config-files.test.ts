import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { ConfigError, configErrorRange, findConfigFor, parseConfig, parseHadolintConfig } from '../../server/src/config/config-file';
import { configSchema, configSchemaText } from '../../server/src/config/schema';
import { mergeSettings, normalizeSettings, optionConfigKeys, resolveSettings } from '../../server/src/config/settings';
import { DocumentCache, lintText } from '../../server/src/engine';
import type { DocumentFacts } from '../../server/src/engine';
import { RULES } from '../../server/src/rules/index';
import { REPO_ROOT } from '../paths';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no ConfigError');
}

describe('config files: .hadolint.yaml', () => {
  it('maps ignored, override (style → hint), failure-threshold and no-fail', () => {
    const c = parseHadolintConfig('ignored: [DL3020, SC2086]\noverride:\n  error: [DL3006]\n  style: [DL3002]\nfailure-threshold: style\nformat: json\nno-color: true\n', '.hadolint.yaml');
    assert.deepEqual(c.settings, { enable: true, rules: { DL3006: 'error', DL3002: 'hint' }, ignore: ['DL3020', 'SC2086'] });
    assert.equal(c.failOn, 'hint');
    assert.deepEqual(c.warnings, []);
    const levels = resolveSettings(c.settings).levels;
    assert.deepEqual([levels.get('BH002'), levels.get('BH001'), levels.get('BH004')], ['error', 'hint', 'off']);
    assert.equal(parseHadolintConfig('failure-threshold: ignore\n', 'h.yaml').failOn, 'none');
    assert.equal(parseHadolintConfig('failure-threshold: error\nno-fail: true\n', 'h.yaml').failOn, 'none');
    assert.equal(parseHadolintConfig('no-fail: true\nfailure-threshold: error\n', 'h.yaml').failOn, 'none');
    assert.deepEqual(parseHadolintConfig('', 'h.yaml').settings, { enable: true, rules: {}, ignore: [] });
  });

  it('one top-level key sets the same option of every rule that declares it: secretNames', () => {
    const settings = resolveSettings(normalizeSettings({ secretNames: ['DEPLOY_PHRASE'] }));
    const codes = optionConfigKeys().get('secretNames')?.map((t) => t.rule.code) ?? [];
    assert.deepEqual(codes.sort(), ['BH312', 'BH400', 'BH402', 'BH403']);
    for (const code of codes) assert.deepEqual(settings.options.get(code)?.['extra-names'], ['DEPLOY_PHRASE'], code);
    const text = 'FROM debian:12\nARG DEPLOY_PHRASE=open-sesame\nRUN echo "$DEPLOY_PHRASE" > /etc/phrase\n';
    const found = (s?: Parameters<typeof lintText>[1]): string[] => lintText(text, s).findings.map((f) => f.code).filter((c) => /^BH(312|40\d)$/.test(c));
    assert.deepEqual(found(), []);
    assert.deepEqual(found(settings), ['BH312', 'BH400', 'BH403']);
  });

  it('maps the keys rule options declare: trustedRegistries, label-schema, strict-labels, disable-ignore-pragma', () => {
    const c = parseHadolintConfig('disable-ignore-pragma: true\ntrustedRegistries: [docker.io, ghcr.io]\nlabel-schema: {author: text}\nstrict-labels: true\n', 'h.yaml');
    const keys = optionConfigKeys();
    const pragma = keys.get('disableIgnorePragma')?.[0];
    assert.ok(pragma);
    assert.deepEqual(c.settings.rules[pragma.rule.code], { [pragma.option]: true });
    const registries = keys.get('trustedRegistries')?.[0];
    if (registries) assert.deepEqual((c.settings.rules[registries.rule.code] as Record<string, unknown>)[registries.option], ['docker.io', 'ghcr.io']);
    for (const [hadolint, own] of [['label-schema', 'labelSchema'], ['strict-labels', 'strictLabels'], ['trustedRegistries', 'trustedRegistries']] as const) {
      const warned = c.warnings.includes(`h.yaml: "${hadolint}" is not used: no rule takes it`);
      assert.equal(warned, !keys.has(own), `${hadolint} is taken by the rule that declares ${own}, or reported unused`);
    }
  });

  it('warns about unknown keys and IDs no rule has, except hadolint and ShellCheck IDs', () => {
    const c = parseHadolintConfig('ignored: [DL9999, SC1000, XYZ1]\nverbose: true\ncolor: no\n', 'h.yaml');
    assert.deepEqual(c.warnings, ['h.yaml: no rule is called "XYZ1"', 'h.yaml: unknown hadolint key "color"']);
  });

  it('rejects what does not mean anything, naming the key', () => {
    const cases: [string, string, (string | number)[]][] = [
      ['ignored: DL3020\n', '"ignored" must be a list of rule IDs', ['ignored']],
      ['override: [DL3020]\n', '"override" must map error, warning, info or style to lists of rule IDs', ['override']],
      ['override:\n  fatal: [DL3020]\n', '"override" has level "fatal"; use error, warning, info or style', ['override', 'fatal']],
      ['override:\n  info: DL3020\n', '"override.info" must be a list of rule IDs', ['override', 'info']],
      ['failure-threshold: loud\n', '"failure-threshold" must be error, warning, info, style, ignore or none', ['failure-threshold']],
      ['disable-ignore-pragma: yes please\n', '"disable-ignore-pragma" must be a boolean', ['disable-ignore-pragma']],
      ['[1]\n', 'expected a hadolint config: an object with ignored, override, failure-threshold, …', []],
    ];
    for (const [text, why, key] of cases) {
      const e = configError(() => parseHadolintConfig(text, 'h.yaml'));
      assert.equal(e.message, `invalid config h.yaml: ${why}`);
      assert.deepEqual(e.key ?? [], key, text);
    }
  });
});

describe('config files: lookup', () => {
  let dir: string;
  const write = (rel: string, text = ''): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-config-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the nearest folder with a config, Bulkhead\'s before hadolint\'s, and stops at the root given', () => {
    write('.hadolint.yml');
    write('a/b/c/.keep');
    const at = (rel: string, stop?: string): string | undefined => {
      const found = findConfigFor(path.join(dir, rel), stop === undefined ? undefined : path.join(dir, stop));
      return found === undefined ? undefined : path.relative(dir, found);
    };
    assert.equal(at('a/b/c'), '.hadolint.yml');
    write('.hadolint.yaml');
    assert.equal(at('a/b/c'), '.hadolint.yaml');
    write('a/.bulkhead.yml');
    write('a/.hadolint.yaml');
    assert.equal(at('a/b/c'), path.join('a', '.bulkhead.yml'));
    write('a/.bulkhead.json');
    assert.equal(at('a/b/c'), path.join('a', '.bulkhead.json'));
    assert.equal(at('a/b/c', 'a/b'), undefined, 'not above the root');
    assert.equal(at('a/b/c', 'a'), path.join('a', '.bulkhead.json'), 'the root itself counts');
    fs.mkdirSync(path.join(dir, 'a/b/.bulkhead.yaml'));
    assert.equal(at('a/b'), path.join('a', '.bulkhead.json'), 'a folder named like a config is not one');
  });
});

describe('config files: error positions', () => {
  const range = (text: string, fn: () => unknown): string => {
    const [s, e] = configErrorRange(text, configError(fn));
    return text.slice(s, e);
  };

  it('points at the offending key, in YAML and JSON', () => {
    const yaml = '# x\nrules:\n  root-user:\n    level: loud\n';
    assert.equal(range(yaml, () => parseConfig(yaml, 'c.yaml')), 'level');
    const json = '{"ignore": [], "rulez": {}}';
    assert.equal(range(json, () => parseConfig(json, 'c.json')), '"rulez"');
    const hadolint = 'override:\n  fatal: [DL3020]\n';
    assert.equal(range(hadolint, () => parseHadolintConfig(hadolint, '.hadolint.yaml')), 'fatal');
  });

  it('points where the parser stopped, to the end of the line', () => {
    const yaml = 'rules:\n  sshd: error\n   bad: x\n';
    assert.equal(range(yaml, () => parseConfig(yaml, 'c.yaml')), 'error', 'the value that cannot hold a nested mapping');
    const json = '{"rules": {"root-user": "error",}}';
    const [s] = configErrorRange(json, configError(() => parseConfig(json, 'c.json')));
    assert.ok(s > 0 && s <= json.length, `${s} is in the text`);
  });
});

describe('config files: JSON Schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(configSchema(RULES));

  it('accepts what the reader accepts', () => {
    const ok = [
      {},
      { $schema: './schemas/bulkhead.schema.json', enable: true, failOn: 'none', ignore: ['DL3008', 'sshd'] },
      { rules: { 'root-user': 'error', BH002: 'off', DL3020: 'hint', StageNameCasing: { level: 'info' } } },
      { rules: { 'disabled-ignore-pragma': { level: 'error', 'disable-ignore-pragma': true } }, disableIgnorePragma: true },
    ];
    for (const c of ok) {
      parseConfig(JSON.stringify(c), 'c.json');
      assert.ok(validate(c), `${JSON.stringify(c)}: ${ajv.errorsText(validate.errors)}`);
    }
  });

  it('rejects what the reader rejects', () => {
    const bad = [{ rule: {} }, { rules: { 'root-user': 'loud' } }, { failOn: 'fatal' }, { ignore: 'sshd' }, { rules: { 'disabled-ignore-pragma': { 'disable-ignore-pragma': 'yes' } } }, { disableIgnorePragma: 1 }, { rules: { sshd: { colour: 1 } } }];
    for (const c of bad) {
      assert.throws(() => parseConfig(JSON.stringify(c), 'c.json'), ConfigError);
      assert.equal(validate(c), false, JSON.stringify(c));
    }
  });

  it('is generated from the rule declarations (npm run docs)', () => {
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'bulkhead.schema.json'), 'utf8'), configSchemaText(RULES));
  });

  it('is contributed for YAML and JSON config files and shipped', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, { fileMatch: string; url: string }[]> };
    const matched = (kind: string): string[] => (pkg.contributes[kind] ?? []).filter((v) => v.url === './schemas/bulkhead.schema.json').map((v) => v.fileMatch);
    assert.deepEqual(matched('yamlValidation'), ['.bulkhead.yaml', '.bulkhead.yml']);
    assert.deepEqual(matched('jsonValidation'), ['.bulkhead.json']);
    assert.match(fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\*$/m);
  });
});

describe('settings: editor and config file', () => {
  it('the config file wins per rule; both ignore lists apply; either can turn linting off', () => {
    const merged = mergeSettings({ enable: true, rules: { 'root-user': 'error', sshd: 'info' }, ignore: ['DL3020'] }, { enable: true, rules: { BH001: 'hint', 'root-user': 'off' }, ignore: ['image-tag'] });
    assert.deepEqual(merged, { enable: true, rules: { 'root-user': 'off', sshd: 'info', BH001: 'hint' }, ignore: ['DL3020', 'image-tag'] });
    assert.equal(mergeSettings({ enable: false, rules: {}, ignore: [] }, { enable: true, rules: {}, ignore: [] }).enable, false);
  });
});

describe('document facts in the document cache', () => {
  it('lints again when the .dockerignore changes, not when it is read again unchanged', () => {
    const cache = new DocumentCache();
    const settings = resolveSettings({ enable: true, rules: {}, ignore: [] });
    const text = 'FROM alpine:3.20\nCOPY config/app.yml /etc/app.yml\nUSER 1\n';
    const ignored = (facts?: DocumentFacts): boolean => cache.lint('file:///w/Dockerfile', 1, text, settings, facts).findings.some((f) => f.name === 'copy-ignored-file');
    assert.equal(ignored({ dockerignore: null }), false);
    const first = cache.lint('file:///w/Dockerfile', 1, text, settings, { dockerignore: null });
    assert.equal(cache.lint('file:///w/Dockerfile', 1, text, settings, { dockerignore: null }), first, 'same facts: the cached result');
    assert.equal(ignored({ dockerignore: { path: '.dockerignore', text: 'config/\n' } }), true);
    assert.equal(cache.model('file:///w/Dockerfile', 1, text, { dockerignore: { path: '.dockerignore', text: 'config/\n' } }).facts.dockerignore?.text, 'config/\n');
    assert.equal(ignored({ dockerignore: { path: '.dockerignore', text: 'docs/\n' } }), false);
  });
});
