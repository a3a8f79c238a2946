import { curlPipeShell } from '../../server/src/rules/curl-pipe-shell';
import { ruleTester } from '../harness/rule-tester';

const PIPED = (tool: string, runner: string): string => `A download from ${tool} is piped into ${runner} without an integrity check.`;
const RUNS = (runner: string, tool: string): string => `${runner} runs a script downloaded by ${tool} without an integrity check.`;
const SAVED = (runner: string, file: string, tool: string): string => `${runner} runs ${file}, downloaded by ${tool}, without an integrity check.`;
const SAVED_RUN = (file: string, tool: string): string => `${file}, downloaded by ${tool}, is run without an integrity check.`;
const SUM = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

ruleTester(curlPipeShell, {
  valid: [
    { name: 'download to a file, check it, then run it', code: `FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && echo "${SUM}  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\n` },
    { name: 'wget, a signature check, then run', code: 'FROM debian:12\nRUN wget -O i.sh https://x/i.sh && wget -O i.sh.asc https://x/i.sh.asc && gpg --verify i.sh.asc i.sh && bash i.sh\n' },
    { name: 'a checksum list checked', code: 'FROM debian:12\nRUN curl -fsSLO https://x/install.sh && curl -fsSLO https://x/SHA256SUMS && sha256sum -c --ignore-missing SHA256SUMS && sh install.sh\n' },
    { name: 'a downloaded archive unpacked, a local script run', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://x/a.tgz && tar -xzf /tmp/a.tgz -C /opt && sh /opt/local.sh\n' },
    { name: 'the shell runs its -c argument, not the file', code: 'FROM debian:12\nRUN curl -fsSLo i.sh https://x/i.sh && sh -c "cat i.sh"\n' },
    { name: 'run by its path without chmod: it cannot run', code: 'FROM debian:12\nRUN curl -fsSLO https://x/install && ./install\n' },
    { name: 'run before the download', code: 'FROM debian:12\nRUN sh /tmp/i.sh && curl -fsSLo /tmp/i.sh https://x/i.sh\n' },
    { name: 'another file than the one downloaded', code: 'FROM debian:12\nRUN wget https://x/a.sh && bash b.sh\n' },
    { name: 'curl writing to stdout into a pipe, not a file', code: 'FROM debian:12\nRUN curl -fsSL https://x/i.sh | tee /dev/null && sh i.sh\n' },
    { name: 'curl -o file piped on (nothing reaches the shell)', code: 'FROM debian:12\nRUN curl -o /tmp/i.sh https://x/i.sh | sh\n' },
    { name: 'curl --output file and --output=file', code: 'FROM debian:12\nRUN curl https://x/i.sh --output /tmp/i.sh | sh\nRUN curl --output=/tmp/j.sh https://x/j.sh | sh\n' },
    { name: 'curl -O', code: 'FROM debian:12\nRUN curl -fsSLO https://x/i.sh\n' },
    { name: 'curl -O in combined flags piped on', code: 'FROM debian:12\nRUN curl -fsSLO https://x/i.sh | sh\n' },
    { name: 'wget writes a file by default', code: 'FROM debian:12\nRUN wget https://x/i.sh | sh\n' },
    { name: 'wget -O file', code: 'FROM debian:12\nRUN wget -qO /tmp/i.sh https://x/i.sh | sh\n' },
    { name: 'piped into tar', code: 'FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /opt\n' },
    { name: 'piped into a checksum', code: 'FROM debian:12\nRUN curl -fsSL https://x/a | sha256sum\n' },
    { name: 'piped into gpg', code: 'FROM debian:12\nRUN curl -fsSL https://x/key | gpg --dearmor -o /usr/share/keyrings/x.gpg\n' },
    { name: 'piped into tee, a file', code: 'FROM debian:12\nRUN curl -fsSL https://x/i.sh | tee /tmp/i.sh\n' },
    { name: 'piped into a shell that runs a script file', code: 'FROM debian:12\nRUN curl -fsSL https://x/a | bash ./local.sh\n' },
    { name: 'piped into a shell that runs a script file after --', code: 'FROM debian:12\nRUN curl -fsSL https://x/a | bash -- ./local.sh\n' },
    { name: 'a shell running its -c argument', code: 'FROM debian:12\nRUN curl -fsSL https://x | sh -c "cat > /tmp/f"\n' },
    { name: 'python -c runs its argument', code: 'FROM debian:12\nRUN curl -fsSL https://x/a.json | python3 -c "import json,sys; json.load(sys.stdin)"\n' },
    { name: 'a version read with $(curl)', code: 'FROM debian:12\nRUN VERSION=$(curl -fsSL https://x/version) && echo "$VERSION"\n' },
    { name: 'a downloaded value inside a sh -c script is not the script', code: 'FROM debian:12\nRUN bash -c "echo $(curl -fsSL https://x/version)"\n' },
    { name: 'sh -c "$(wget …)": wget wrote a file, not the script', code: 'FROM debian:12\nRUN sh -c "$(wget https://x/i.sh)"\n' },
    { name: 'not in RUN', code: 'FROM debian:12\nCMD curl -fsSL https://x | sh\n' },
    { name: 'a quoted pipe is text', code: 'FROM debian:12\nRUN echo "curl https://x | sh" > /tmp/readme\n' },
    { name: 'a comment line inside a continued RUN', code: 'FROM debian:12\nRUN apt-get update \\\n# curl https://x | sh\n && apt-get install -y curl\n' },
  ],
  invalid: [
    {
      name: 'curl | sh',
      code: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n',
      findings: [{ message: PIPED('curl', 'sh'), range: [1, 4, 1, 50] }],
    },
    {
      name: 'curl | bash in an && chain across lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n && curl -sL https://deb.nodesource.com/setup_20.x | bash - \\\n && apt-get install -y nodejs\n',
      findings: [{ message: PIPED('curl', 'bash'), range: [2, 4, 2, 59] }],
    },
    {
      name: 'the pipe at a line end',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/i.sh | \\\n    bash\n',
      findings: [{ message: PIPED('curl', 'bash'), range: [1, 4, 2, 8] }],
    },
    {
      name: 'curl -fsSLo- (output attached)',
      code: 'FROM debian:12\nRUN curl -fsSLo- https://x/i.sh | sh\n',
      findings: [{ message: PIPED('curl', 'sh'), range: [1, 4, 1, 36] }],
    },
    {
      name: 'curl --output -',
      code: 'FROM debian:12\nRUN curl --output - https://x/i.sh | sh\n',
      findings: [{ message: PIPED('curl', 'sh'), range: [1, 4, 1, 39] }],
    },
    {
      name: 'wget -qO- | sh and wget -O - | sudo bash',
      code: 'FROM debian:12\nRUN wget -qO- https://x/a | sh\nRUN wget -O - https://x/b | sudo bash\n',
      findings: [
        { message: PIPED('wget', 'sh'), range: [1, 4, 1, 30] },
        { message: PIPED('wget', 'bash'), range: [2, 4, 2, 37] },
      ],
    },
    {
      name: 'wget with the URL first',
      code: 'FROM debian:12\nRUN wget https://x/i.sh -O - | sh\n',
      findings: [{ message: PIPED('wget', 'sh'), range: [1, 4, 1, 33] }],
    },
    {
      name: 'sudo -E bash -',
      code: 'FROM debian:12\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -\n',
      findings: [{ message: PIPED('curl', 'bash'), range: [1, 4, 1, 69] }],
    },
    {
      name: 'env bash and /bin/bash',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/i.sh | env bash\nRUN curl -fsSL https://x/i.sh | /bin/bash\n',
      findings: [
        { message: PIPED('curl', 'bash'), range: [1, 4, 1, 40] },
        { message: PIPED('curl', 'bash'), range: [2, 4, 2, 41] },
      ],
    },
    {
      name: 'bash -s with arguments for the script',
      code: 'FROM debian:12\nRUN curl -sSL https://get.rvm.io | bash -s stable\n',
      findings: [{ message: PIPED('curl', 'bash'), range: [1, 4, 1, 49] }],
    },
    {
      name: 'sh -s -- and bash /dev/stdin',
      code: 'FROM debian:12\nRUN curl -sSf https://sh.rustup.rs | sh -s -- -y\nRUN curl -fsSL https://x/i.sh | bash /dev/stdin -y\n',
      findings: [
        { message: PIPED('curl', 'sh'), range: [1, 4, 1, 48] },
        { message: PIPED('curl', 'bash'), range: [2, 4, 2, 50] },
      ],
    },
    {
      name: 'piped into python3',
      code: 'FROM debian:12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n',
      findings: [{ message: PIPED('curl', 'python3'), range: [1, 4, 1, 59] }],
    },
    {
      name: 'python3 - with arguments for the script',
      code: 'FROM debian:12\nRUN curl -sSL https://install.python-poetry.org | python3 - --version 1.8.2\n',
      findings: [{ message: PIPED('curl', 'python3'), range: [1, 4, 1, 75] }],
    },
    {
      name: 'perl and ruby',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/a.pl | perl\nRUN wget -qO- https://x/a.rb | ruby\n',
      findings: [
        { message: PIPED('curl', 'perl'), range: [1, 4, 1, 36] },
        { message: PIPED('wget', 'ruby'), range: [2, 4, 2, 35] },
      ],
    },
    {
      name: 'through another filter',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/a | tee /tmp/log | sh -s -- --yes\n',
      findings: [{ message: PIPED('curl', 'sh'), range: [1, 4, 1, 58] }],
    },
    {
      name: 'two in one RUN',
      code: 'FROM debian:12\nRUN curl -fsSL https://a | sh && wget -qO- https://b | bash\n',
      findings: [
        { message: PIPED('curl', 'sh'), range: [1, 4, 1, 29] },
        { message: PIPED('wget', 'bash'), range: [1, 33, 1, 59] },
      ],
    },
    {
      name: 'inside sh -c',
      code: 'FROM debian:12\nRUN sh -c "curl -fsSL https://x/a | bash"\n',
      findings: [{ message: PIPED('curl', 'bash'), range: [1, 11, 1, 40] }],
    },
    {
      name: "inside sh -c '…'",
      code: "FROM debian:12\nRUN sh -c 'curl -fsSL https://x/a | sh'\n",
      findings: [{ message: PIPED('curl', 'sh'), range: [1, 11, 1, 38] }],
    },
    {
      name: 'inside exec form sh -c',
      code: 'FROM debian:12\nRUN ["/bin/bash", "-c", "curl -fsSL https://x/a | bash"]\n',
      findings: [{ message: PIPED('curl', 'bash'), range: [1, 25, 1, 54] }],
    },
    {
      name: 'sh -c "$(curl …)"',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://x/install.sh)"\n',
      findings: [{ message: RUNS('sh', 'curl'), range: [1, 4, 1, 46] }],
    },
    {
      name: 'sudo sh -c "$(curl …)"',
      code: 'FROM debian:12\nRUN sudo sh -c "$(curl -fsSL https://x/i.sh)"\n',
      findings: [{ message: RUNS('sh', 'curl'), range: [1, 4, 1, 45] }],
    },
    {
      name: 'sh -c with backticks',
      code: 'FROM debian:12\nRUN sh -c "`curl -fsSL https://x/i.sh`"\n',
      findings: [{ message: RUNS('sh', 'curl'), range: [1, 4, 1, 39] }],
    },
    {
      name: 'bash -c "$(wget -O- …)"',
      code: 'FROM debian:12\nRUN bash -c "$(wget -O- https://x/i.sh)"\n',
      findings: [{ message: RUNS('bash', 'wget'), range: [1, 4, 1, 40] }],
    },
    {
      name: 'bash <(curl …)',
      code: 'FROM debian:12\nRUN bash <(curl -fsSL https://x/install.sh)\n',
      findings: [{ message: RUNS('bash', 'curl'), range: [1, 4, 1, 43] }],
    },
    {
      name: 'bash <(wget -qO- …) with arguments',
      code: 'FROM debian:12\nRUN bash <(wget -qO- https://x/i.sh) --yes\n',
      findings: [{ message: RUNS('bash', 'wget'), range: [1, 4, 1, 42] }],
    },
    {
      name: 'eval "$(curl …)"',
      code: 'FROM debian:12\nRUN eval "$(curl -fsSL https://x/env.sh)"\n',
      findings: [{ message: RUNS('eval', 'curl'), range: [1, 4, 1, 41] }],
    },
    {
      name: 'source <(curl …)',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN source <(curl -fsSL https://x/env.sh)\n',
      findings: [{ message: RUNS('source', 'curl'), range: [2, 4, 2, 41] }],
    },
    {
      name: 'heredoc RUN',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://x/a | sh\nEOF\n',
      findings: [{ message: PIPED('curl', 'sh'), range: [3, 0, 3, 27] }],
    },
    {
      name: 'lower-case run, with a --mount flag',
      code: 'FROM debian:12\nrun --mount=type=cache,target=/root/.cache curl -fsSL https://x/a | sh\n',
      findings: [{ message: PIPED('curl', 'sh'), range: [1, 43, 1, 70] }],
    },
    {
      name: 'download to a file, then run it',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sh /tmp/i.sh\n',
      findings: [{ message: SAVED('sh', '/tmp/i.sh', 'curl'), range: [1, 4, 1, 56] }],
    },
    {
      name: 'curl -o, wget -O, wget to its default name, curl --output=',
      code: 'FROM debian:12\nRUN curl -o x.sh https://x/x.sh && bash ./x.sh\nRUN wget -O y.sh https://x/y.sh; bash y.sh -y\nRUN wget -q https://x/z/get.py?v=1 && python3 get.py\nRUN curl --output=/t/w.pl https://x/w && perl /t/w.pl\n',
      findings: [
        { message: SAVED('bash', 'x.sh', 'curl'), range: [1, 4, 1, 46] },
        { message: SAVED('bash', 'y.sh', 'wget'), range: [2, 4, 2, 45] },
        { message: SAVED('python3', 'get.py', 'wget'), range: [3, 4, 3, 52] },
        { message: SAVED('perl', '/t/w.pl', 'curl'), range: [4, 4, 4, 53] },
      ],
    },
    {
      name: 'curl -fsSLO, chmod +x, then run by its path',
      code: 'FROM debian:12\nRUN curl -fsSLO https://x/install.sh && chmod +x install.sh && ./install.sh --prefix /usr\n',
      findings: [{ message: SAVED_RUN('install.sh', 'curl'), range: [1, 4, 1, 89] }],
    },
    {
      name: 'curl redirected to a file, and wget -P into a folder, sourced',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/i.sh > /tmp/i.sh && sudo sh /tmp/i.sh\nRUN wget -P /etc/profile.d https://x/env.sh && . /etc/profile.d/env.sh\n',
      findings: [
        { message: SAVED('sh', '/tmp/i.sh', 'curl'), range: [1, 4, 1, 62] },
        { message: SAVED('.', '/etc/profile.d/env.sh', 'wget'), range: [2, 4, 2, 70] },
      ],
    },
    {
      name: 'the file and URL from ARG and ENV',
      code: 'FROM debian:12\nARG SCRIPT=/tmp/setup.sh\nENV URL=https://x/setup.sh\nRUN curl -fsSL -o "$SCRIPT" "$URL" && bash "$SCRIPT"\nRUN curl -fsSLO $URL && sh setup.sh\n',
      findings: [
        { message: SAVED('bash', '/tmp/setup.sh', 'curl'), range: [3, 4, 3, 52] },
        { message: SAVED('sh', 'setup.sh', 'curl'), range: [4, 4, 4, 35] },
      ],
    },
    {
      name: 'a heredoc RUN over several lines',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\nwget -O /tmp/i.sh https://x/i.sh\nchmod 755 /tmp/i.sh\n/tmp/i.sh\nEOF\n',
      findings: [{ message: SAVED_RUN('/tmp/i.sh', 'wget'), range: [3, 0, 5, 9] }],
    },
    {
      name: 'exec form sh -c, continuation lines',
      code: 'FROM debian:12\nRUN ["sh", "-c", "curl -fsSLo i.sh https://x/i.sh && sh i.sh"]\nRUN curl -fsSLo i.sh https://x/i.sh \\\n && sh i.sh\n',
      findings: [
        { message: SAVED('sh', 'i.sh', 'curl'), range: [1, 18, 1, 60] },
        { message: SAVED('sh', 'i.sh', 'curl'), range: [2, 4, 3, 11] },
      ],
    },
    {
      name: 'a check before the download does not count',
      code: `FROM debian:12\nRUN echo "${SUM}  old" | sha256sum -c - && curl -fsSLo i.sh https://x/i.sh && sh i.sh\n`,
      findings: [{ message: SAVED('sh', 'i.sh', 'curl'), range: [1, 101, 1, 143] }],
    },
    {
      name: 'a build stage too',
      code: 'FROM debian:12 AS build\nRUN curl -fsSL https://x/a | sh\nRUN curl -fsSLo /i.sh https://x/i.sh && sh /i.sh\nFROM scratch\nCOPY --from=build /out /out\n',
      findings: [
        { message: PIPED('curl', 'sh'), range: [1, 4, 1, 31] },
        { message: SAVED('sh', '/i.sh', 'curl'), range: [2, 4, 2, 48] },
      ],
    },
  ],
});
