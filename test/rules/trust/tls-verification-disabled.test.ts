import { tlsVerificationDisabled } from '../../../server/src/rules/trust/tls-verification-disabled';
import { ruleTester } from '../../harness/rule-tester';

const M = (what: string): string => `${what} turns off TLS certificate verification.`;
const F = 'FROM debian:12\n';

ruleTester(tlsVerificationDisabled, {
  valid: [
    { name: 'curl with verification', code: `${F}RUN curl -fsSL https://x/a -o /tmp/a\n` },
    { name: 'the words as arguments of other commands', code: `${F}RUN echo "-k" --insecure --no-check-certificate && printf -- '-k'\n` },
    { name: 'a k in an option value', code: `${F}RUN curl -fsSLo/tmp/k https://x/a && curl -H "X-k: 1" -o -k https://x/b && curl -sSLo -k https://x/c\n` },
    { name: 'wget with verification', code: `${F}RUN wget -q --no-clobber https://x/a\n` },
    { name: 'pip with an index', code: `${F}RUN pip install --index-url https://x/simple flask==3.0.3 && pip config set global.index-url https://x/simple\n` },
    { name: 'npm and yarn settings that keep verification', code: `${F}RUN npm config set registry https://x && npm config set strict-ssl true && yarn config set strict-ssl true && npm install --strict-ssl=true\n` },
    { name: 'git settings that keep verification', code: `${F}RUN git config --global http.sslVerify true && git -c http.sslVerify=true clone https://x/r && git config user.name x\n` },
    { name: 'dnf options that keep verification', code: `${F}RUN dnf --setopt=sslverify=1 --setopt=install_weak_deps=False install -y x\n` },
    { name: 'sslverify=1 written', code: `${F}RUN echo "sslverify=1" >> /etc/yum.conf && sed -i 's/sslverify=0/sslverify=1/' /etc/yum.conf\n` },
    { name: 'variables with values that keep verification', code: `${F}ENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1 NPM_CONFIG_STRICT_SSL=true PIP_TRUSTED_HOST=\n` },
    { name: 'an ARG without a value', code: `${F}ARG GIT_SSL_NO_VERIFY\nARG NODE_TLS_REJECT_UNAUTHORIZED\n` },
    { name: 'a variable with an unknown value', code: `${F}ARG V\nENV PYTHONHTTPSVERIFY=$V\n` },
    { name: 'the assignment as an argument of another command', code: `${F}RUN echo PYTHONHTTPSVERIFY=0 NODE_TLS_REJECT_UNAUTHORIZED=0\n` },
    { name: 'a flag variable without a value', code: `${F}ARG CURL_OPTS\nRUN curl $CURL_OPTS https://x/a\n` },
    { name: 'commands the container runs, not the build', code: `${F}HEALTHCHECK CMD curl -k https://localhost/health\nCMD ["sh", "-c", "curl -k https://localhost"]\n` },
  ],
  invalid: [
    {
      name: 'curl -k',
      code: `${F}RUN curl -k https://x/a\n`,
      findings: [{ message: M('curl -k'), range: [1, 9, 1, 11], aliases: ['CKV2_DOCKER_2'] }],
      fixTitle: 'Remove the TLS-disabling flag',
      output: `${F}RUN curl https://x/a\n`,
    },
    {
      name: 'curl -fsSLk: the letter leaves the cluster',
      code: `${F}RUN curl -fsSLk https://x/a -o /tmp/a\n`,
      findings: [{ message: M('curl -k'), range: [1, 9, 1, 15] }],
      output: `${F}RUN curl -fsSL https://x/a -o /tmp/a\n`,
    },
    {
      name: 'curl --insecure, quoted clusters, sudo, env',
      code: `${F}RUN curl --insecure -fsSL https://x/a && sudo curl "-sk" https://x/b && env A=1 curl '-kL' https://x/c\n`,
      findings: [
        { message: M('curl --insecure'), range: [1, 9, 1, 19] },
        { message: M('curl -k'), range: [1, 51, 1, 56] },
        { message: M('curl -k'), range: [1, 85, 1, 90] },
      ],
      output: `${F}RUN curl -fsSL https://x/a && sudo curl "-s" https://x/b && env A=1 curl '-L' https://x/c\n`,
    },
    {
      name: 'curl across continuations',
      code: `${F}RUN curl \\\n      -k \\\n      https://x/a\n`,
      findings: [{ message: M('curl -k'), range: [2, 6, 2, 8] }],
      output: `${F}RUN curl \\\n      https://x/a\n`,
    },
    {
      name: 'curl in exec form',
      code: `${F}RUN ["curl", "-k", "https://x/a"]\nRUN ["curl", "-sk", "https://x/b"]\n`,
      findings: [
        { message: M('curl -k'), range: [1, 13, 1, 17] },
        { message: M('curl -k'), range: [2, 13, 2, 18] },
      ],
      output: `${F}RUN ["curl", "https://x/a"]\nRUN ["curl", "-s", "https://x/b"]\n`,
    },
    {
      name: 'curl in a heredoc and in sh -c',
      code: `${F}RUN <<EOF\ncurl -k https://x/a\nEOF\nRUN sh -c "curl --insecure https://x/b"\n`,
      findings: [
        { message: M('curl -k'), range: [2, 5, 2, 7] },
        { message: M('curl --insecure'), range: [4, 16, 4, 26] },
      ],
      output: `${F}RUN <<EOF\ncurl https://x/a\nEOF\nRUN sh -c "curl https://x/b"\n`,
    },
    {
      name: 'curl flags from an ARG: flagged, no fix',
      code: `${F}ARG CURL_OPTS=-fsSLk\nRUN curl $CURL_OPTS https://x/a\n`,
      findings: [{ message: M('curl -k'), range: [2, 9, 2, 19] }],
    },
    {
      name: 'wget, abbreviated too, in a build stage',
      code: `FROM debian:12 AS build\nRUN wget --no-check-certificate https://x/a && wget --no-check-cert https://x/b\nFROM scratch\n`,
      findings: [
        { message: M('wget --no-check-certificate'), range: [1, 9, 1, 31], aliases: ['CKV2_DOCKER_3'] },
        { message: M('wget --no-check-certificate'), range: [1, 52, 1, 67] },
      ],
      output: `FROM debian:12 AS build\nRUN wget https://x/a && wget https://x/b\nFROM scratch\n`,
    },
    {
      name: 'pip --trusted-host',
      code: `${F}RUN pip install --trusted-host pypi.org flask==3.0.3 && python3 -m pip install --trusted-host=x.org y==1\n`,
      findings: [
        { message: M('pip --trusted-host'), range: [1, 16, 1, 39], aliases: ['CKV2_DOCKER_4'] },
        { message: M('pip --trusted-host'), range: [1, 79, 1, 99] },
      ],
      output: `${F}RUN pip install flask==3.0.3 && python3 -m pip install y==1\n`,
    },
    {
      name: 'pip config set trusted-host',
      code: `${F}RUN pip config set global.trusted-host pypi.org && pip install flask==3.0.3\n`,
      findings: [{ message: M('pip config set trusted-host'), range: [1, 19, 1, 38] }],
      fixTitle: 'Remove the TLS-disabling setting',
      output: `${F}RUN pip install flask==3.0.3\n`,
    },
    {
      name: 'npm and yarn strict-ssl',
      code: `${F}RUN npm config set strict-ssl false && npm ci\nRUN yarn config set strict-ssl false\nRUN npm install --strict-ssl=false && npm --no-strict-ssl install && npm set strict-ssl=false\n`,
      findings: [
        { message: M('npm strict-ssl false'), range: [1, 19, 1, 29], aliases: ['CKV2_DOCKER_13'] },
        { message: M('yarn strict-ssl false'), range: [2, 20, 2, 30] },
        { message: M('npm --strict-ssl false'), range: [3, 16, 3, 34] },
        { message: M('npm --no-strict-ssl'), range: [3, 42, 3, 57] },
        { message: M('npm strict-ssl false'), range: [3, 77, 3, 93] },
      ],
      output: `${F}RUN npm ci\nRUN npm install && npm install\n`,
    },
    {
      name: 'Yarn 2 enableStrictSsl',
      code: `${F}RUN yarn config set enableStrictSsl false && yarn install\n`,
      findings: [{ message: M('yarn strict-ssl false'), range: [1, 20, 1, 35], aliases: ['CKV2_DOCKER_13'] }],
      output: `${F}RUN yarn install\n`,
    },
    {
      name: 'git sslVerify',
      code: `${F}RUN git -c http.sslVerify=false clone https://x/r && git config --global http.sslverify false\n`,
      findings: [
        { message: M('git http.sslVerify=false'), range: [1, 8, 1, 31], aliases: [] },
        { message: M('git http.sslVerify false'), range: [1, 73, 1, 87], aliases: [] },
      ],
      output: `${F}RUN git clone https://x/r\n`,
    },
    {
      name: 'yum and dnf sslverify',
      code: `${F}RUN yum --setopt=sslverify=false install -y x && dnf --setopt myrepo.sslverify=0 install -y y && echo "sslverify=0" >> /etc/yum.conf\n`,
      findings: [
        { message: M('yum sslverify=false'), range: [1, 8, 1, 32], aliases: ['CKV2_DOCKER_15'] },
        { message: M('dnf sslverify=0'), range: [1, 53, 1, 80] },
        { message: M('sslverify=0'), range: [1, 102, 1, 115] },
      ],
      output: `${F}RUN yum install -y x && dnf install -y y && echo "sslverify=0" >> /etc/yum.conf\n`,
      afterFix: [{ message: M('sslverify=0'), range: [1, 49, 1, 62] }],
    },
    {
      name: 'ENV variables',
      code: `${F}ENV PYTHONHTTPSVERIFY=0\nENV A=1 NODE_TLS_REJECT_UNAUTHORIZED=0\nENV NPM_CONFIG_STRICT_SSL=false B=2\nENV GIT_SSL_NO_VERIFY false\nENV npm_config_strict_ssl=0 PIP_TRUSTED_HOST=pypi.org\n`,
      findings: [
        { message: M('PYTHONHTTPSVERIFY=0'), range: [1, 4, 1, 23], aliases: ['CKV2_DOCKER_5'] },
        { message: M('NODE_TLS_REJECT_UNAUTHORIZED=0'), range: [2, 8, 2, 38], aliases: ['CKV2_DOCKER_6'] },
        { message: M('NPM_CONFIG_STRICT_SSL=false'), range: [3, 4, 3, 31], aliases: ['CKV2_DOCKER_12'] },
        { message: M('GIT_SSL_NO_VERIFY=false'), range: [4, 4, 4, 27], aliases: ['CKV2_DOCKER_14'] },
        { message: M('npm_config_strict_ssl=0'), range: [5, 4, 5, 27], aliases: ['CKV2_DOCKER_12'] },
        { message: M('PIP_TRUSTED_HOST=pypi.org'), range: [5, 28, 5, 53], aliases: ['CKV2_DOCKER_16'] },
      ],
      fixTitle: 'Remove the TLS-disabling variable',
      output: `${F}ENV A=1\nENV B=2\n`,
    },
    {
      name: 'ENV across continuations',
      code: `${F}ENV A=1 \\\n    PYTHONHTTPSVERIFY=0\n`,
      findings: [{ message: M('PYTHONHTTPSVERIFY=0'), range: [2, 4, 2, 23] }],
      output: `${F}ENV A=1\n`,
    },
    {
      name: 'an ARG default: no Checkov alias',
      code: `${F}ARG PIP_TRUSTED_HOST=pypi.org\nRUN pip install flask==3.0.3\n`,
      findings: [{ message: M('PIP_TRUSTED_HOST=pypi.org'), range: [1, 4, 1, 29], aliases: [] }],
      output: `${F}RUN pip install flask==3.0.3\n`,
    },
    {
      name: 'variables a RUN sets',
      code: `${F}RUN PYTHONHTTPSVERIFY=0 python3 x.py && export NODE_TLS_REJECT_UNAUTHORIZED=0 && env GIT_SSL_NO_VERIFY=1 git clone https://x/r\n`,
      findings: [
        { message: M('PYTHONHTTPSVERIFY=0'), range: [1, 4, 1, 23], aliases: ['CKV2_DOCKER_5'] },
        { message: M('NODE_TLS_REJECT_UNAUTHORIZED=0'), range: [1, 47, 1, 77], aliases: ['CKV2_DOCKER_6'] },
        { message: M('GIT_SSL_NO_VERIFY=1'), range: [1, 85, 1, 104], aliases: ['CKV2_DOCKER_14'] },
      ],
      output: `${F}RUN python3 x.py && env git clone https://x/r\n`,
    },
  ],
});
