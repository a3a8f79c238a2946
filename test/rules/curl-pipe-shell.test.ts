import { curlPipeShell } from '../../server/src/rules/curl-pipe-shell';
import { ruleTester } from '../harness/rule-tester';

const PIPED = (tool: string, runner: string): string => `A download from ${tool} is piped into ${runner} without an integrity check.`;
const RUNS = (runner: string, tool: string): string => `${runner} runs a script downloaded by ${tool} without an integrity check.`;

ruleTester(curlPipeShell, {
  valid: [
    { name: 'download to a file, then run it', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sh /tmp/i.sh\n' },
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
      name: 'a build stage too',
      code: 'FROM debian:12 AS build\nRUN curl -fsSL https://x/a | sh\nFROM scratch\n',
      findings: [{ message: PIPED('curl', 'sh'), range: [1, 4, 1, 31] }],
    },
  ],
});
