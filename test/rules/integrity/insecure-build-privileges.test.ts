import { insecureBuildPrivileges } from '../../../server/src/rules/integrity/insecure-build-privileges';
import { ruleTester } from '../../harness/rule-tester';

const SEC = '--security=insecure runs this step as a privileged container, with every capability and no seccomp profile.';
const NET = "--network=host gives this step the builder host's network, its localhost services and metadata endpoint included.";
const D = 'FROM debian:12\n';

ruleTester(insecureBuildPrivileges, {
  valid: [
    { name: 'no flags', code: `${D}RUN make\n` },
    { name: 'sandbox and other networks', code: `${D}RUN --security=sandbox --network=none make\nRUN --network=default make\n` },
    { name: 'a cache mount', code: `${D}RUN --mount=type=cache,target=/root/.cache pip install x\n` },
    { name: 'a variable in the value: BuildKit does not expand it (the build fails to parse)', code: `${D}ARG NET=host\nARG SEC=insecure\nRUN --network=$NET --security=\${SEC} make\n` },
    { name: 'the words in the command are not flags', code: `${D}RUN docker build --network=host . && echo --security=insecure\n` },
    { name: 'exec form, words in the command', code: `${D}RUN ["docker", "run", "--network=host", "x"]\n` },
    { name: 'BuildKit flag names and values are case-sensitive', code: `${D}RUN --network=HOST make\n` },
    { name: 'not on COPY', code: `${D}COPY --link a /a\n` },
  ],
  invalid: [
    {
      name: '--security=insecure',
      code: `${D}RUN --security=insecure make\n`,
      findings: [{ message: SEC, range: [1, 4, 1, 23] }],
      fixTitle: 'Remove --security=insecure',
      output: `${D}RUN make\n`,
    },
    {
      name: '--network=host is a warning',
      code: `${D}RUN --network=host curl -fsS http://localhost:8080/x\n`,
      findings: [{ message: NET, range: [1, 4, 1, 18], severity: 'warning' }],
      fixTitle: 'Remove --network=host',
      output: `${D}RUN curl -fsS http://localhost:8080/x\n`,
    },
    {
      name: 'both, with other flags kept byte for byte',
      code: `${D}RUN --mount=type=cache,target=/var/cache/apt   --network=host\t--security=insecure  --mount=type=secret,id=npm apt-get update\n`,
      findings: [
        { message: NET, range: [1, 47, 1, 61], severity: 'warning' },
        { message: SEC, range: [1, 62, 1, 81] },
      ],
      output: `${D}RUN --mount=type=cache,target=/var/cache/apt   --mount=type=secret,id=npm apt-get update\n`,
    },
    {
      name: 'every stage: a build stage and the final stage',
      code: 'FROM golang:1.22 AS build\nRUN --network=host go build ./...\nFROM debian:12\nCOPY --from=build /go/bin/app /app\nRUN --security=insecure /app --selftest\n',
      findings: [
        { message: NET, range: [1, 4, 1, 18], severity: 'warning' },
        { message: SEC, range: [4, 4, 4, 23] },
      ],
      output: 'FROM golang:1.22 AS build\nRUN go build ./...\nFROM debian:12\nCOPY --from=build /go/bin/app /app\nRUN /app --selftest\n',
    },
    {
      name: 'heredoc RUN',
      code: `${D}RUN --security=insecure <<EOF\nmount -t tmpfs none /mnt\nEOF\n`,
      findings: [{ message: SEC, range: [1, 4, 1, 23] }],
      output: `${D}RUN <<EOF\nmount -t tmpfs none /mnt\nEOF\n`,
    },
    {
      name: 'exec form',
      code: `${D}RUN --network=host ["curl", "-fsS", "http://169.254.169.254/"]\n`,
      findings: [{ message: NET, range: [1, 4, 1, 18], severity: 'warning' }],
      output: `${D}RUN ["curl", "-fsS", "http://169.254.169.254/"]\n`,
    },
    {
      name: 'flags on continuation lines',
      code: `${D}RUN --mount=type=cache,target=/root/.cache \\\n    --network=host \\\n    pip install -r requirements.txt\n`,
      findings: [{ message: NET, range: [2, 4, 2, 18], severity: 'warning' }],
      output: `${D}RUN --mount=type=cache,target=/root/.cache \\\n    \\\n    pip install -r requirements.txt\n`,
    },
    {
      name: 'lower-case run, and ONBUILD RUN',
      code: `${D}run --security=insecure make\nONBUILD RUN --network=host make\n`,
      findings: [
        { message: SEC, range: [1, 4, 1, 23] },
        { message: NET, range: [2, 12, 2, 26], severity: 'warning' },
      ],
      output: `${D}run make\nONBUILD RUN make\n`,
    },
  ],
});
