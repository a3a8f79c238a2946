import { strict as assert } from 'node:assert';
import { lintText } from '../../server/src/engine';
import { fixText } from '../../server/src/features/fix';
import { buildManifest } from '../../server/src/features/manifest';

/** Malformed input gets diagnostics or nothing: never an exception, never a hang. */
const CASES: Record<string, string> = {
  empty: '',
  'only whitespace': '   \n\t\n',
  'binary bytes': '\u0000\u0001\u0002\u00ff\ufffd\u0007FROM\u0000 x\n\u001b[31m',
  'CRLF line ends': 'FROM node\r\nADD a.txt /a\r\nRUN curl https://x | sh\r\n',
  'byte order mark': '\uFEFFFROM node\nADD a.txt /a\n',
  tabs: 'FROM\tnode\nRUN\tapt-get\tinstall\t-y\topenssh-server\n\tUSER\troot\n',
  'backtick escape': '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\n',
  'unterminated heredoc': 'FROM alpine:3.20\nRUN <<EOF\napk add openssh\n',
  'invalid JSON in CMD': 'FROM alpine:3.20\nCMD ["sshd", "-D"\nENTRYPOINT [unquoted]\n',
  'continuation at EOF': 'FROM alpine:3.20\nRUN apk add curl \\',
  'FROM without image': 'FROM\nFROM --platform=linux/amd64\nUSER\n',
  'variables everywhere': 'ARG A\nFROM ${A:-${B}}:${C:+x}\nUSER ${U}\nEXPOSE ${P}/udp $Q\nRUN $CMD | $SH\n',
  'unbalanced quotes': 'FROM alpine:3.20\nRUN echo "unterminated && apt-get install -y openssh-server\nRUN sh -c \'curl x | sh\n',
  'deep nesting': `FROM alpine:3.20\nRUN ${'sh -c "'.repeat(30)}curl x | sh${'"'.repeat(30)}\n`,
  'a thousand nested substitutions': `FROM alpine:3.20\nRUN ${'$('.repeat(1000)}curl x | sh${')'.repeat(1000)}\n`,
  'a thousand nested braces and quotes': `FROM alpine:3.20\nRUN ${'{ "$(echo '.repeat(1000)}x${')"; }'.repeat(1000)}\nCMD ${'('.repeat(5000)}sshd -D${')'.repeat(5000)}\n`,
  'twenty thousand ARG and ENV lines': `ARG G0=x\n${Array.from({ length: 5000 }, (_, i) => `ARG G${i + 1}=$G${i}\n`).join('')}FROM alpine:3.20\n${Array.from({ length: 15000 }, (_, i) => `ENV V${i}=\${V${i - 1}:-a}b\n`).join('')}USER $V14999\n`,
  'defaults nested five thousand deep': `ARG A=\${X:-${'${Y:-'.repeat(5000)}node${'}'.repeat(5000)}}\nFROM $A\n`,
  'instruction soup': 'ONBUILD ONBUILD RUN x\nHEALTHCHECK\nHEALTHCHECK CMD\nSHELL []\nSTOPSIGNAL\nLABEL =\nENV =x\nARG =\nCOPY\nADD\n',
};

describe('bad input', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`${name}: lints, fixes and builds a manifest without throwing`, () => {
      const result = lintText(text);
      assert.deepEqual(result.errors, []);
      for (const f of result.findings) {
        assert.ok(f.range.start.line >= 0 && f.range.end.line < Math.max(1, text.split(/\r\n|\r|\n/).length) + 1, `range inside the text: ${JSON.stringify(f.range)}`);
      }
      const fixed = fixText(text, { unsafe: true });
      assert.ok(fixed.converged, 'fixes converge');
      assert.deepEqual(lintText(fixed.text).errors, []);
      buildManifest(result.model, result.findings);
    });
  }

  it('a 5 MB file', function () {
    this.timeout(60_000);
    const block = 'FROM debian:bookworm AS s\nRUN apt-get update && apt-get install -y curl openssh-server && curl -fsSL https://x | sh\nADD a.txt /a\nEXPOSE 22 80\n';
    const text = block.repeat(Math.ceil((5 * 1024 * 1024) / block.length));
    const result = lintText(text);
    assert.deepEqual(result.errors, []);
    const stages = result.model.stages.length;
    assert.equal(result.findings.filter((f) => f.name === 'add-instead-of-copy').length, stages);
    assert.equal(result.findings.filter((f) => f.name === 'curl-pipe-shell').length, stages);
  });

  it('CRLF files keep CRLF when fixed', () => {
    const fixed = fixText('FROM node:20\r\nADD a.txt /a\r\nCMD ["node"]\r\n', { unsafe: true });
    assert.equal(
      fixed.text,
      'FROM node:20\r\nCOPY a.txt /a\r\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\r\nUSER 10001:10001\r\nCMD ["node"]\r\n',
    );
  });

  it('a byte order mark does not shift ranges', () => {
    const result = lintText('\uFEFFFROM node\nADD a.txt /a\n');
    const add = result.findings.find((f) => f.name === 'add-instead-of-copy');
    assert.deepEqual(add?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    const root = result.findings.find((f) => f.name === 'root-user');
    assert.deepEqual(root?.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } });
  });
});
