import { languagePackageUnpinned } from '../../../server/src/rules/language-packages/language-package-unpinned';
import { ruleTester } from '../../harness/rule-tester';

const M = (tool: string, pkg: string): string => `${tool} installs "${pkg}" without a pinned version.`;
const F = 'FROM python:3.12\n';
const N = 'FROM node:20\n';

ruleTester(languagePackageUnpinned, {
  valid: [
    { name: 'pip requirements file', code: `${F}RUN pip install -r requirements.txt\n` },
    { name: 'pip requirements file, long flag', code: `${F}RUN pip install --requirement requirements.txt\n` },
    { name: 'pip requirements file, attached value', code: `${F}RUN pip install --requirement=requirements.txt -rdev.txt\n` },
    { name: 'pip install .', code: `${F}RUN pip install .\n` },
    { name: 'pip ==, ~=, ===', code: `${F}RUN pip install a==1.0 b~=1.2.2 c===1.2.2\n` },
    { name: 'pip ranges', code: `${F}RUN pip install 'alabaster>=0.7' 'b<0.7' 'c!=0.7' "d<=2" 'e>1'\n` },
    { name: 'pip extras with a version', code: `${F}RUN pip install "requests[security]==2.31.0"\n` },
    { name: 'pip options with values are not packages', code: `${F}RUN pip3 install --build /opt/yamllint --prefix /usr --root / --target /t --trusted-host host --src /s --upgrade-strategy eager yamllint==1.20.0\n` },
    { name: 'pip --ignore-installed and --user', code: `${F}RUN pip install --ignore-installed --user MySQL_python==1.2.2\n` },
    { name: 'pip index urls', code: `${F}RUN pip install --index-url https://eg.com/foo -i https://eg.com/bar --extra-index-url https://eg.com/baz foobar==1.0.0\n` },
    { name: 'pip pinned git reference', code: `${F}RUN pip install git+https://github.com/rtfd/r2a.git@5aef4f5cc#egg=r2a\n` },
    { name: 'pip constraints file, long', code: `${F}RUN pip install pykafka --constraint http://foo.bar.baz\n` },
    { name: 'pip constraints file, short', code: `${F}RUN pip install pykafka -c http://foo.bar.baz\n` },
    { name: 'pip wheel and sdist files', code: `${F}RUN pip install /tmp/foo-1.0-py3-none-any.whl https://x/dist/bar-2.0.tar.gz\n` },
    { name: 'pip local folders', code: `${F}RUN pip install ./pkg ../lib /src/app ~/x\n` },
    { name: 'pip editable installs', code: `${F}RUN pip install -e . && pip install --editable git+https://x/y.git#egg=y\n` },
    { name: 'pip direct reference', code: `${F}RUN pip install "pkg @ https://example.com/pkg.zip"\n` },
    { name: 'pip version from an ARG', code: `${F}ARG FLASK_VERSION=3.0.3\nRUN pip install "flask==\${FLASK_VERSION}" gunicorn==$GUNICORN\n` },
    { name: 'pip package from a variable without a value', code: `${F}ARG PKGS\nRUN pip install $PKGS\n` },
    { name: 'python -m pip pinned', code: `${F}RUN python3 -m pip install foo==1.0\n` },
    { name: 'pip download and uninstall', code: `${F}RUN pip download foo && pip uninstall -y bar\n` },
    { name: 'pipx and pipenv', code: `${F}RUN pipx install black && pipenv install\n` },
    { name: 'words of another command', code: `${F}RUN echo pip install flask npm install express\n` },
    { name: 'npm install and npm ci', code: `${N}RUN npm install && npm ci\n` },
    { name: 'npm versions', code: `${N}RUN npm install express@4.1.1 @myorg/privatepackage@">=0.1.0" -g sax@1.1\n` },
    { name: 'npm pinned git, tarballs, folders', code: `${N}RUN npm install git+https://github.com/npm/npm.git#v1.0.27 https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz ./local ../x /abs ~/y file:../z user/repo#v1\n` },
    { name: 'npm option values', code: `${N}RUN npm install --prefix /app --loglevel warn express@4\n` },
    { name: 'npm version from an ARG', code: `${N}ARG V=4.18.2\nRUN npm install -g express@$V\n` },
    { name: 'gem name:version', code: 'FROM ruby:3\nRUN gem install bundler:2.5.6\n' },
    { name: 'gem -v and --version', code: 'FROM ruby:3\nRUN gem install bundler -v 2.5.6 && gem install rake --version 13.0 && gem install rails --version=7.1\n' },
    { name: 'gem local file', code: 'FROM ruby:3\nRUN gem install ./vendor/foo-1.0.gem\n' },
    { name: 'gem build options after --', code: 'FROM ruby:3\nRUN gem install mysql2:0.5.6 -- --with-mysql-dir=/usr local\n' },
    { name: 'go install local', code: 'FROM golang:1.22\nRUN go install ./... && go install . && go install\n' },
    { name: 'go install with a version', code: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1 && go install -ldflags "-s -w" -tags netgo github.com/x/y@v1.2.3\n' },
    { name: 'go install of the standard library or the main module', code: 'FROM golang:1.22\nRUN go install cmd/... && go install myapp/cmd/server\n' },
    { name: 'commands the container runs, not the build', code: `${F}CMD pip install flask && npm install express\n` },
    { name: 'go build and go get', code: 'FROM golang:1.22\nRUN go build github.com/x/y && go get github.com/x/z\n' },
  ],
  invalid: [
    {
      name: 'pip unpinned',
      code: `${F}RUN pip install MySQL_python\n`,
      findings: [{ message: M('pip', 'MySQL_python'), range: [1, 16, 1, 28], aliases: ['DL3013'] }],
    },
    {
      name: 'python -m pip',
      code: `${F}RUN python -m pip install example\n`,
      findings: [{ message: M('pip', 'example'), range: [1, 26, 1, 33] }],
    },
    {
      name: 'pip unpinned git reference',
      code: `${F}RUN pip install git+https://github.com/rtfd/r2a.git#egg=r2a\n`,
      findings: [{ message: M('pip', 'git+https://github.com/rtfd/r2a.git#egg=r2a'), range: [1, 16, 1, 59] }],
    },
    {
      name: 'pip git over ssh: the @ is the user',
      code: `${F}RUN pip install git+ssh://git@github.com/org/repo.git\n`,
      findings: [{ message: M('pip', 'git+ssh://git@github.com/org/repo.git'), range: [1, 16, 1, 53] }],
    },
    {
      name: 'pip upgrading pip itself',
      code: `${F}RUN pip install --upgrade pip\n`,
      findings: [{ message: M('pip', 'pip'), range: [1, 26, 1, 29] }],
    },
    {
      name: 'pip: a requirements file does not hide named packages',
      code: `${F}RUN pip install -r requirements.txt flask\n`,
      findings: [{ message: M('pip', 'flask'), range: [1, 36, 1, 41] }],
    },
    {
      name: 'pip: each unpinned package, in every stage, past sudo and env, across continuations',
      code: 'FROM python:3.12 AS build\nRUN sudo -H pip install a==1 b \\\n    c\nFROM python:3.12\nRUN env X=1 pip3 install d\n',
      findings: [
        { message: M('pip', 'b'), range: [1, 29, 1, 30] },
        { message: M('pip', 'c'), range: [2, 4, 2, 5] },
        { message: M('pip', 'd'), range: [4, 25, 4, 26] },
      ],
    },
    {
      name: 'pip package from an ARG default',
      code: `${F}ARG PKG=flask\nRUN pip install $PKG\n`,
      findings: [{ message: M('pip', 'flask'), range: [2, 16, 2, 20] }],
    },
    {
      name: 'pip in a heredoc',
      code: `${F}RUN <<EOF\npip install flask\nEOF\n`,
      findings: [{ message: M('pip', 'flask'), range: [2, 12, 2, 17] }],
    },
    {
      name: 'pip in exec form and in sh -c',
      code: `${F}RUN ["pip", "install", "flask"]\nRUN ["sh", "-c", "pip install requests"]\n`,
      findings: [
        { message: M('pip', 'flask'), range: [1, 23, 1, 30] },
        { message: M('pip', 'requests'), range: [2, 30, 2, 38] },
      ],
    },
    {
      name: 'pip with a cache mount',
      code: `${F}RUN --mount=type=cache,target=/root/.cache/pip pip install flask\n`,
      findings: [{ message: M('pip', 'flask'), range: [1, 59, 1, 64] }],
    },
    {
      name: 'npm unpinned',
      code: `${N}RUN npm install express\n`,
      findings: [{ message: M('npm', 'express'), range: [1, 16, 1, 23], aliases: ['DL3016'] }],
    },
    {
      name: 'npm scoped package without a version',
      code: `${N}RUN npm install --global @myorg/privatepackage\n`,
      findings: [{ message: M('npm', '@myorg/privatepackage'), range: [1, 25, 1, 46] }],
    },
    {
      name: 'npm i, add, @latest, unpinned git',
      code: `${N}RUN npm i -g pm2@latest && npm add left-pad@next && npm install git+https://github.com/npm/npm.git\n`,
      findings: [
        { message: M('npm', 'pm2@latest'), range: [1, 13, 1, 23] },
        { message: M('npm', 'left-pad@next'), range: [1, 35, 1, 48] },
        { message: M('npm', 'git+https://github.com/npm/npm.git'), range: [1, 64, 1, 98] },
      ],
    },
    {
      name: 'gem unpinned',
      code: 'FROM ruby:3\nRUN gem install bundler --no-document && gem i rake\n',
      findings: [
        { message: M('gem', 'bundler'), range: [1, 16, 1, 23], aliases: ['DL3028'] },
        { message: M('gem', 'rake'), range: [1, 47, 1, 51] },
      ],
    },
    {
      name: 'go install without a version, with @latest, after value flags',
      code: 'FROM golang:1.22\nRUN go install github.com/x/y && go install golang.org/x/tools/gopls@latest && go install -tags netgo example.com/z\n',
      findings: [
        { message: M('go', 'github.com/x/y'), range: [1, 15, 1, 29], aliases: ['DL3062'] },
        { message: M('go', 'golang.org/x/tools/gopls@latest'), range: [1, 44, 1, 75] },
        { message: M('go', 'example.com/z'), range: [1, 102, 1, 115] },
      ],
    },
  ],
});
