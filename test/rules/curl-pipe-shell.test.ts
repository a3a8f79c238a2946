import { curlPipeShell } from '../../server/src/rules/curl-pipe-shell';
import { ruleTester } from '../harness/rule-tester';

ruleTester(curlPipeShell, {
  valid: [
    { name: 'download to a file', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sh /tmp/i.sh\n' },
    { name: 'curl -O', code: 'FROM debian:12\nRUN curl -fsSLO https://x/i.sh\n' },
    { name: 'wget writes a file by default', code: 'FROM debian:12\nRUN wget https://x/i.sh | sh\n' },
    { name: 'piped into tar', code: 'FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz -C /opt\n' },
    { name: 'piped into a checksum', code: 'FROM debian:12\nRUN curl -fsSL https://x/a | sha256sum\n' },
    { name: 'piped into a shell that runs a script file', code: 'FROM debian:12\nRUN curl -fsSL https://x/a | bash ./local.sh\n' },
    { name: 'a shell running its -c argument', code: 'FROM debian:12\nRUN curl -fsSL https://x | sh -c "cat > /tmp/f"\n' },
    { name: 'not in RUN', code: 'FROM debian:12\nCMD curl -fsSL https://x | sh\n' },
    { name: 'a quoted pipe is text', code: 'FROM debian:12\nRUN echo "curl https://x | sh" > /tmp/readme\n' },
  ],
  invalid: [
    {
      name: 'curl | sh',
      code: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n',
      findings: [{ message: 'A download from curl is piped into sh without an integrity check.', range: [1, 4, 1, 50] }],
    },
    {
      name: 'curl | bash in an && chain across lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n && curl -sL https://deb.nodesource.com/setup_20.x | bash - \\\n && apt-get install -y nodejs\n',
      findings: [{ message: 'A download from curl is piped into bash without an integrity check.', range: [2, 4, 2, 59] }],
    },
    {
      name: 'wget -qO- | sh and wget -O - | sudo bash',
      code: 'FROM debian:12\nRUN wget -qO- https://x/a | sh\nRUN wget -O - https://x/b | sudo bash\n',
      findings: [
        { message: 'A download from wget is piped into sh without an integrity check.', range: [1, 4, 1, 30] },
        { message: 'A download from wget is piped into bash without an integrity check.', range: [2, 4, 2, 37] },
      ],
    },
    {
      name: 'piped into python3',
      code: 'FROM debian:12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n',
      findings: [{ message: 'A download from curl is piped into python3 without an integrity check.', range: [1, 4, 1, 59] }],
    },
    {
      name: 'through another filter',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/a | tee /tmp/log | sh -s -- --yes\n',
      findings: [{ message: 'A download from curl is piped into sh without an integrity check.', range: [1, 4, 1, 58] }],
    },
    {
      name: 'inside sh -c',
      code: 'FROM debian:12\nRUN sh -c "curl -fsSL https://x/a | bash"\n',
      findings: [{ message: 'A download from curl is piped into bash without an integrity check.', range: [1, 11, 1, 40] }],
    },
    {
      name: 'inside exec form sh -c',
      code: 'FROM debian:12\nRUN ["/bin/bash", "-c", "curl -fsSL https://x/a | bash"]\n',
      findings: [{ message: 'A download from curl is piped into bash without an integrity check.', range: [1, 25, 1, 54] }],
    },
    {
      name: 'command substitution',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://x/install.sh)"\n',
      findings: [{ message: 'sh runs a script downloaded by curl without an integrity check.', range: [1, 4, 1, 46] }],
    },
    {
      name: 'process substitution',
      code: 'FROM debian:12\nRUN bash <(curl -fsSL https://x/install.sh)\n',
      findings: [{ message: 'bash runs a script downloaded by curl without an integrity check.', range: [1, 4, 1, 43] }],
    },
    {
      name: 'heredoc RUN',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://x/a | sh\nEOF\n',
      findings: [{ message: 'A download from curl is piped into sh without an integrity check.', range: [3, 0, 3, 27] }],
    },
  ],
});
