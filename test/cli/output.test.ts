import { strict as assert } from 'node:assert';
import { formatJson } from '../../server/src/features/output/json';
import type { FileReport } from '../../server/src/features/output/report';
import { artifactUri } from '../../server/src/features/output/sarif';
import { formatText } from '../../server/src/features/output/text';
import type { Finding, Severity } from '../../server/src/rules/types';

function finding(code: string, name: string, severity: Severity, line: number, fixes: Finding['fixes'] = [], aliases: string[] = []): Finding {
  const range = { start: { line, character: 0 }, end: { line, character: 4 } };
  return { code, name, severity, message: 'Message.', range, instructionLine: line, fixes, aliases };
}

const EDIT = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'COPY' }];

describe('output formatters', () => {
  const reports: FileReport[] = [
    {
      path: 'a/Dockerfile',
      findings: [
        finding(
          'BH003',
          'sshd',
          'info',
          0,
          [
            { title: 'Unsafe', applicability: 'unsafe', edits: EDIT },
            { title: 'Safe', applicability: 'safe', edits: EDIT },
          ],
          ['DS-0004', 'DS004', 'AVD-DS-0004', 'CKV_DOCKER_1'],
        ),
        finding('BH002', 'image-tag', 'hint', 1, [{ title: 'Advice', applicability: 'display-only', edits: [] }]),
        finding('BH001', 'root-user', 'hint', 2),
      ],
      fixed: [{ code: 'BH004', title: 'Use COPY instead of ADD' }],
    },
    { path: 'b/Dockerfile', findings: [] },
  ];

  it('text: a safe fix wins the marker; display-only advice is no fix; info is not pluralised', () => {
    assert.equal(
      formatText(reports, { color: false }),
      [
        'a/Dockerfile: fixed BH004 Use COPY instead of ADD',
        'a/Dockerfile:1:1: info BH003 sshd: Message. [fix]',
        'a/Dockerfile:2:1: hint BH002 image-tag: Message.',
        'a/Dockerfile:3:1: hint BH001 root-user: Message.',
        '',
        'Applied 1 fix. 3 findings (1 info, 2 hints) in 1 file of 2; 1 fixable with --fix.',
      ].join('\n'),
    );
    assert.equal(formatText([], { color: false }), 'No findings in 0 files.');
  });

  it('text: colours only when asked, with the same words', () => {
    const plain = formatText(reports, { color: false });
    const coloured = formatText(reports, { color: true });
    const esc = '\u001b';
    assert.ok(coloured.includes(`${esc}[36minfo${esc}[39m`), coloured);
    assert.equal(coloured.replace(new RegExp(`${esc}\\[\\d+m`, 'g'), ''), plain);
    assert.equal(plain.includes(esc), false);
  });

  it('JSON: only the documented keys, even after fixes', () => {
    const json = JSON.parse(formatJson(reports)) as { files: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(json), ['files']);
    assert.deepEqual(json.files.map((f) => Object.keys(f)), [
      ['path', 'findings'],
      ['path', 'findings'],
    ]);
    assert.deepEqual((json.files[0]?.findings as Record<string, unknown>[])[0], {
      code: 'BH003',
      name: 'sshd',
      severity: 'info',
      message: 'Message.',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      aliases: ['DS-0004', 'DS004', 'AVD-DS-0004', 'CKV_DOCKER_1'],
      fixes: [
        { title: 'Unsafe', applicability: 'unsafe' },
        { title: 'Safe', applicability: 'safe' },
      ],
    });
    // A finding's own aliases, not its rule's: a finding that no other tool reports lists none.
    assert.deepEqual((json.files[0]?.findings as Record<string, unknown>[])[2]?.aliases, []);
  });

  it('SARIF artifact URIs: relative and percent-encoded, file URIs for absolute paths', () => {
    assert.equal(artifactUri('svc/api.Dockerfile'), 'svc/api.Dockerfile');
    assert.equal(artifactUri('my app/Dockerfile#1'), 'my%20app/Dockerfile%231');
    assert.equal(artifactUri('a:b/Dockerfile'), 'a%3Ab/Dockerfile');
    assert.equal(artifactUri('svc\\win\\Dockerfile'), 'svc/win/Dockerfile');
    assert.equal(artifactUri('/srv/my app/Dockerfile'), 'file:///srv/my%20app/Dockerfile');
    assert.equal(artifactUri('C:/src/Dockerfile'), 'file:///C:/src/Dockerfile');
  });
});
