import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import type { Log } from 'sarif';
import { RULES } from '../../server/src/rules/index';
import { APP, SSH, cli, removeTree, tempTree, write } from './cli-helpers';
import { REPO_ROOT } from '../paths';

/** The OASIS SARIF 2.1.0 schema (its final draft, rtm.5), as shipped in @microsoft/jest-sarif. */
const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// RFC 3986 characters only, and every % starts an escape: what "uri" and "uri-reference" need and JSON Schema
// validators check. A space in a path, for one, is not allowed.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

function sarifValidator(): (data: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
  ajv.addFormat('uri', (s: string) => URI_CHARS.test(s) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s));
  ajv.addFormat('uri-reference', (s: string) => URI_CHARS.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

const idx = (code: string): number => RULES.findIndex((r) => r.code === code);

describe('CLI: bulkhead lint --format sarif', () => {
  let dir: string;
  const validate = sarifValidator();

  beforeEach(() => {
    dir = tempTree({ 'my app/Dockerfile': APP, 'svc/api.Dockerfile': SSH });
  });

  afterEach(() => removeTree(dir));

  it('is SARIF 2.1.0 that the schema accepts, and the validator rejects broken logs', () => {
    const r = cli(['lint', '--format', 'sarif'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout) as Log;
    assert.deepEqual(validate(log), []);
    const broken = (edit: (l: Log) => void): string[] => {
      const copy = JSON.parse(r.stdout) as Log;
      edit(copy);
      return validate(copy);
    };
    assert.notDeepEqual(broken((l) => Object.assign(l, { version: '2.0.0' })), []);
    assert.notDeepEqual(broken((l) => Object.assign(l.runs[0]?.results?.[0] ?? {}, { level: 'fatal' })), []);
    assert.notDeepEqual(broken((l) => Object.assign(l.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region ?? {}, { startLine: 0 })), []);
    assert.notDeepEqual(broken((l) => Object.assign(l.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation ?? {}, { uri: 'my app/Dockerfile' })), []);
  });

  it('describes the tool and every rule from its docs', () => {
    const log = JSON.parse(cli(['lint', '--format', 'sarif', 'svc'], dir).stdout) as Log;
    assert.equal(log.$schema, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]?.tool.driver;
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual([driver?.name, driver?.version], ['bulkhead', version]);
    assert.deepEqual(driver?.rules?.map((x) => x.id), RULES.map((r) => r.code));
    const copy = driver?.rules?.[idx('BH004')];
    const rule = RULES[idx('BH004')];
    assert.ok(copy && rule);
    assert.match(copy.help?.markdown ?? '', /^## add-instead-of-copy \(BH004\)\n\n/);
    assert.deepEqual({ ...copy, help: { ...copy.help, markdown: '' } }, {
      id: 'BH004',
      name: 'add-instead-of-copy',
      shortDescription: { text: rule.docs.summary },
      fullDescription: { text: rule.docs.what },
      help: { text: `${rule.docs.why}\n\n${rule.docs.useInstead}`, markdown: '' },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['build-hygiene'], aliases: ['DL3020', 'DS-0005', 'DS005', 'AVD-DS-0005', 'CKV_DOCKER_4'], fixable: 'safe' },
    });
    assert.equal(driver?.rules?.[idx('BH003')]?.defaultConfiguration?.level, 'error');
  });

  it('gives results with rule index, level, message and 1-based regions on percent-encoded relative URIs', () => {
    const log = JSON.parse(cli(['lint', '--format', 'sarif'], dir).stdout) as Log;
    const region = (startLine: number, startColumn: number, endLine: number, endColumn: number): object => ({ startLine, startColumn, endLine, endColumn });
    const at = (uri: string, r: object): object[] => [{ physicalLocation: { artifactLocation: { uri }, region: r } }];
    assert.equal(log.runs[0]?.columnKind, 'utf16CodeUnits');
    assert.deepEqual(log.runs[0]?.results, [
      {
        ruleId: 'BH001',
        ruleIndex: idx('BH001'),
        level: 'warning',
        message: { text: 'The container runs as root: no USER instruction sets a non-root user in the final stage.' },
        locations: at('my%20app/Dockerfile', region(1, 6, 1, 30)),
        properties: { aliases: ['DS-0002', 'DS002', 'AVD-DS-0002', 'CKV_DOCKER_3'] },
      },
      {
        ruleId: 'BH004',
        ruleIndex: idx('BH004'),
        level: 'warning',
        message: { text: 'ADD copies local "package.json" that is not an archive; COPY says what it does.' },
        locations: at('my%20app/Dockerfile', region(3, 1, 3, 4)),
        properties: { aliases: ['DL3020', 'DS-0005', 'DS005', 'AVD-DS-0005', 'CKV_DOCKER_4'] },
      },
      {
        ruleId: 'BH102',
        ruleIndex: idx('BH102'),
        level: 'warning',
        message: { text: 'apt-get update leaves the package lists in the image.' },
        locations: at('svc/api.Dockerfile', region(2, 5, 2, 19)),
        properties: { aliases: ['DL3009'] },
      },
      {
        ruleId: 'BH101',
        ruleIndex: idx('BH101'),
        level: 'note',
        message: { text: 'apt-get install also installs recommended packages.' },
        locations: at('svc/api.Dockerfile', region(2, 23, 2, 38)),
        properties: { aliases: ['DL3015', 'DS-0029', 'DS029', 'AVD-DS-0029'] },
      },
      {
        ruleId: 'BH104',
        ruleIndex: idx('BH104'),
        level: 'note',
        message: { text: 'apt-get install installs curl, openssh-server without a version.' },
        locations: at('svc/api.Dockerfile', region(2, 23, 2, 38)),
        properties: { aliases: ['DL3008'] },
      },
      // Installing the server is Bulkhead's own finding; Trivy and Checkov look at EXPOSE only.
      { ruleId: 'BH003', ruleIndex: idx('BH003'), level: 'error', message: { text: 'Installs the SSH server "openssh-server".' }, locations: at('svc/api.Dockerfile', region(2, 47, 2, 61)) },
      {
        ruleId: 'BH003',
        ruleIndex: idx('BH003'),
        level: 'error',
        message: { text: 'Exposes port 22, the SSH port.' },
        locations: at('svc/api.Dockerfile', region(3, 8, 3, 10)),
        properties: { aliases: ['DS-0004', 'DS004', 'AVD-DS-0004', 'CKV_DOCKER_1'] },
      },
    ]);
  });

  it('maps info and hint to note, and a path outside the current folder to a file URI', () => {
    // svc/api.Dockerfile sets USER 1000, so root-user never fires there: apt-lists-left is the hint.
    write(dir, 'sub/.bulkhead.yaml', 'rules:\n  sshd: info\n  root-user: hint\n  apt-lists-left: hint\n');
    const log = JSON.parse(cli(['lint', '--format', 'sarif', '../svc/api.Dockerfile'], path.join(dir, 'sub')).stdout) as Log;
    assert.deepEqual(validate(log), []);
    const results = log.runs[0]?.results ?? [];
    assert.deepEqual(
      results.map((x) => [x.ruleId, x.level]),
      [
        ['BH102', 'note'], // hint
        ['BH101', 'note'], // info by default
        ['BH104', 'note'], // info by default
        ['BH003', 'note'], // info
        ['BH003', 'note'], // info
      ],
    );
    assert.equal(results[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, pathToFileURL(path.join(fs.realpathSync(dir), 'svc', 'api.Dockerfile')).href);
  });
});
