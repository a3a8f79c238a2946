import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { argumentsStart, argumentsStartFromAst, parseDockerfile } from '../../server/src/model/document';
import { CORPUS_DOCKERFILES } from '../paths';

/** Where an instruction's arguments start is read from the text; dockerfile-ast's tokenizer is the reference. */
const TEXTS = [
  'FROM alpine:3.20\nRUN echo hi\n',
  'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk --network=none apk add curl\n',
  'FROM alpine:3.20\nRUN \\\n  # a comment\n\n  --mount=type=bind,source=a,target=/a \\\n  echo hi\n',
  'FROM alpine:3.20\nRUN --mount=type=secret,id="a b" cat /run/secrets/a\n',
  'FROM alpine:3.20\nRUN \\\n\\\n   ls\n',
  'FROM alpine:3.20\nRUN ["sh", "-c", "echo"]\n',
  'FROM alpine:3.20\nRUN <<EOF\necho\nEOF\n',
  'FROM alpine:3.20\nRUN\n',
  'FROM alpine:3.20\nRUN \\\n',
  'FROM alpine:3.20\nRUN --help\n',
  'FROM alpine:3.20\nrun\techo tab\n',
  'FROM alpine:3.20\r\nRUN \\\r\n  echo crlf\r\n',
  '# escape=`\nFROM alpine:3.20\nRUN --mount=type=cache,target=/x `\n  echo backtick\n',
  'FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\nCMD echo\nENTRYPOINT ["a"]\nCOPY --from=x --chown=1:1 a b\n',
  'FROM alpine:3.20\nRUN \\ \n  echo space after the backslash\n',
  'FROM alpine:3.20\nRUN echo\\\n hi\n',
  'e --\n',
  'FROM alpine:3.20\nCMD --help\nENTRYPOINT --x y\nLABEL --a=b\nRUN -- echo\nUSER --1\n',
];

describe('where arguments start', () => {
  it('agrees with dockerfile-ast on tricky instructions', () => {
    for (const text of TEXTS) {
      const model = parseDockerfile(text);
      for (const instr of model.instructions) assert.equal(argumentsStart(model, instr), argumentsStartFromAst(model, instr), `${JSON.stringify(text.slice(instr.start, instr.end))}`);
    }
  });

  (fs.existsSync(CORPUS_DOCKERFILES) ? it : it.skip)('agrees with dockerfile-ast on every instruction of the corpus', () => {
    let n = 0;
    for (const f of fs.readdirSync(CORPUS_DOCKERFILES, { recursive: true, encoding: 'utf8' })) {
      const p = path.join(CORPUS_DOCKERFILES, f);
      if (!fs.statSync(p).isFile()) continue;
      const model = parseDockerfile(fs.readFileSync(p, 'utf8'));
      for (const instr of model.instructions) {
        assert.equal(argumentsStart(model, instr), argumentsStartFromAst(model, instr), `${f}:${instr.line + 1}`);
        n++;
      }
    }
    assert.ok(n > 5000, `${n} instructions`);
  });
});
