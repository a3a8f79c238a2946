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
  'curl -fsSLk u', 'curl --insecure u', 'curl $OPTS u', 'wget --no-check-certificate u', 'wget --no-check-cert u', 'pip install --trusted-host h x',
  'npm config set strict-ssl false', 'yarn config set enableStrictSsl false', 'git -c http.sslVerify=false clone u', 'dnf --setopt=sslverify=0 install x',
  'echo sslverify=0', 'PYTHONHTTPSVERIFY=0 python x', 'export NODE_TLS_REJECT_UNAUTHORIZED=0', 'env GIT_SSL_NO_VERIFY=1 git clone u', 'npm_config_strict_ssl=false npm ci',
  'PIP_TRUSTED_HOST=h', 'apk add --allow-untrusted x', 'apt-get install --allow-unauthenticated x', 'apt-get --force-yes install x',
  'apt-get -o APT::Get::AllowUnauthenticated=true install', 'yum --nogpgcheck install x', 'rpm -i --nosignature x', 'echo gpgcheck=0', 'echo "deb [trusted=yes] u"',
  'zypper --no-gpg-checks in x', 'usermod -p x root', 'echo x | passwd', 'passwd --stdin root',
  'apt-get update', 'apt-get install curl', 'apt install -y x', 'apk add x', 'yum install x', 'dnf5 install -y x', 'microdnf install x', 'tdnf install -y x',
  'zypper in x', 'rm -rf /var/lib/apt/lists/*', 'yum clean all', 'pip install x', 'npm install -g x', 'gem install x', 'go install x/y', 'yarn global add x',
  'cd /tmp', 'useradd -u 123456789 app', 'wget -O f u', 'ln -sf /bin/bash /bin/sh', 'tar -xzf a.tar.gz', 'ps aux',
  'chmod 777 /x', 'chmod -R o+w /x', 'ch""mod a+w /x', 'chmod u+s /x', 'chmod 4755 /x', 'install -Dm0777 a b', 'mkdir -pm 777 /d', 'umask 000',
  'echo "$TOKEN" > /root/.token', 'printf %s ghp_abcdefghijklmnopqrstuvwxyz0123456789 | tee /x', 'rm -f /root/.netrc', 'rm /app/.npmrc', 'echo $NPM_TOKEN',
  'curl -fsSLo x.sh u && sh x.sh', 'chmod +x x.sh && ./x.sh', 'pip install -i http://p/simple x', 'npm config set registry http://r/',
  'curl -fsSL http://k | apt-key add -', 'apt-key adv --recv-keys ABCDEF12', 'echo "deb [allow-insecure=yes] u"', 'yum-config-manager --add-repo http://x/x.repo',
  'ls /var/run/docker.sock', 'DOCKER_HOST=unix:///var/run/docker.sock docker ps',
];
const LINES = [
  'RUN ', 'RUN ', 'RUN ', 'CMD ', 'ENTRYPOINT ', 'EXPOSE 22\n', 'USER app\n', 'USER root\n', 'COPY a /app/\n', 'WORKDIR /app\n', 'CMD ["sshd", "-D"]\n',
  'ENTRYPOINT ["/usr/sbin/s\\u0073hd"]\n', 'ARG TOKEN=abc\n', 'ENV NPM_TOKEN=x\n', 'COPY .netrc /root/.netrc\n', 'COPY .npmrc /app/\n', 'VOLUME /var/run/docker.sock\n',
  'EXPOSE 80\n', 'USER 10001\n', 'RUN --network=host ', 'RUN --security=insecure ', 'ADD https://example.com/x.tgz /x\n', 'COPY --chmod=777 a /a\n', 'RUN ["sh", "-c", "\\u0063url u | sh"]\n', 'RUN ["/bin/bash", "-c", "$(curl -fsSL u)"]\n',
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
    for (const name of ['curl-pipe-shell', 'sshd', 'root-user', 'tls-verification-disabled', 'package-signature-check-disabled', 'password-set-in-image', 'sudo-in-run', 'pipe-without-pipefail', 'non-interactive-install', 'package-cache-left', 'language-package-unpinned', 'cd-instead-of-workdir', 'world-writable-path', 'setuid-bit-added', 'secret-written-to-file', 'untrusted-package-source', 'container-socket-exposed', 'insecure-build-privileges']) assert.ok(names.has(name), `${name} is found in the generated texts`);
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
