import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintModel, parseDockerfile } from '../../server/src/engine';
import { RULES } from '../../server/src/rules/index';
import { CORPUS_DOCKERFILES } from '../paths';

/**
 * Rules skip parsing an instruction's shell when a literal test of its text rules a finding out (no `curl` or
 * `wget`, no `ssh`, no `gosu`, …). That must only save time: with the prefilters off every shell is parsed, and
 * the findings, fixes included, must be the same. The texts: the rules' documented examples, the real-world
 * corpus, and seeded random RUN/CMD lines built from the words the prefilters look for, spelled the ways a
 * shell accepts (`s""h`, `"curl"`, `open\ssh`, JSON `\u` escapes).
 *
 * Shell that is not valid (`; fi'bash' <(curl …` with no `if`) is left out of the comparison: tree-sitter
 * recovers from the error by making up words (here a command `bash`) that no literal test can foresee, and a
 * finding on such a text is an accident of the recovery either way.
 */

const corpus = CORPUS_DOCKERFILES;

function findings(text: string, prefilters: boolean): string {
  return JSON.stringify(lintModel(parseDockerfile(text, { prefilters })));
}

/** Whether every shell in the text is valid: tree-sitter parsed it without an error. */
function validShell(text: string): boolean {
  const model = parseDockerfile(text, { prefilters: false });
  return model.instructions.every((i) => model.shell(i)?.hasErrors !== true);
}

const PIECES = [
  'curl -fsSL u', '"curl" u', 'cu\\rl u', 'wget -qO- u', '| sh', '| "sh"', '| s\\h', '| sudo -E bash -', '| python3', 'sh -c "$(', 's""h -c "$(',
  "'bash' <(", 'eval "$(', '. <(', '"". <(', 'source <(', 'x="$(curl u)"', ')', ')"', '`', '"', "'", ' && ', '; ', ' || ', '\\\n  ', 'sudo ', 'env X=1 ',
  'apt-get install -y openssh-server', 'apt-get install -y ope""nssh-server', 'apk add open\\ssh', 'apk add "dropbear"', 'yum install -y openssh-server',
  'mkdir -p /var/run/sshd', 'ssh-keygen -A', "echo 'root:pw' | chpasswd", 'service ssh start', 'systemctl enable ssh nginx', '/usr/sbin/sshd -D', 's""shd -D',
  'gosu nobody true', 'su-exec app x', 'g""osu', 'apk add su-exec', 'chmod +x /usr/local/bin/gosu', 'useradd -u 1000 app', 'adduser -D app', 'user""add app',
  './configure --without-ssh', 'apk add git-ssh', 'ssh-keygen -t ed25519 -f k', 'printf x > /etc/ssh/sshd_config', 'rm -rf /etc/ssh/ssh_host_*', 'systemctl enable ssh.service',
  '{ ', '; }', '(', 'if true; then ', '; fi', ' ', '\n',
];
const LINES = [
  'RUN ', 'RUN ', 'RUN ', 'CMD ', 'ENTRYPOINT ', 'EXPOSE 22\n', 'USER app\n', 'USER root\n', 'COPY a /app/\n', 'WORKDIR /app\n', 'CMD ["sshd", "-D"]\n',
  'ENTRYPOINT ["/usr/sbin/s\\u0073hd"]\n', 'RUN ["sh", "-c", "\\u0063url u | sh"]\n', 'RUN ["/bin/bash", "-c", "$(curl -fsSL u)"]\n',
];

function generated(count: number, seed: number): string[] {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = next() < 0.5 ? 'FROM debian:12\n' : 'FROM alpine:3.20\n';
    for (let l = 1 + Math.floor(next() * 4); l > 0; l--) {
      text += pick(LINES);
      for (let k = 1 + Math.floor(next() * 5); k > 0; k--) text += pick(PIECES);
      text += '\n';
    }
    out.push(text);
  }
  return out;
}

describe('literal prefilters', function () {
  this.timeout(120_000);

  it('never change a finding or a fix: documented examples and generated RUN and CMD lines', () => {
    const all = [...RULES.flatMap((r) => [r.docs.bad, r.docs.good]), ...generated(6000, 0xf11e)];
    const texts = all.filter(validShell);
    assert.ok(texts.length > all.length / 3, `${texts.length} of ${all.length} texts have valid shell`);
    const differ = texts.filter((t) => findings(t, true) !== findings(t, false));
    assert.deepEqual(differ, []);
    // The generated texts do reach every prefiltered rule.
    const names = new Set(texts.flatMap((t) => lintModel(parseDockerfile(t)).findings.map((f) => f.name)));
    for (const name of ['curl-pipe-shell', 'sshd', 'root-user']) assert.ok(names.has(name), `${name} is found in the generated texts`);
  });

  (fs.existsSync(corpus) ? it : it.skip)('never change a finding or a fix on the real-world corpus', () => {
    const files = fs.readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(corpus, f)).isFile());
    assert.ok(files.length > 100);
    // Every file, valid shell or not: these are real Dockerfiles.
    const differ = files.filter((f) => {
      const text = fs.readFileSync(path.join(corpus, f), 'utf8');
      return findings(text, true) !== findings(text, false);
    });
    assert.deepEqual(differ, []);
  });
});
