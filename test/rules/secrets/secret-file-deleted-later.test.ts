import { secretFileDeletedLater } from '../../../server/src/rules/secrets/secret-file-deleted-later';
import { ruleTester } from '../../harness/rule-tester';

const M = (path: string, by: string): string => `rm deletes "${path}" in a later layer, but ${by} already put it in an earlier one.`;
const D = 'FROM debian:12\n';

ruleTester(secretFileDeletedLater, {
  valid: [
    { name: 'written and deleted in the same RUN', code: `${D}ARG NPM_TOKEN\nRUN echo "//r/:_authToken=$NPM_TOKEN" > /root/.npmrc && npm ci && rm /root/.npmrc\n` },
    { name: 'deleting an ordinary file', code: `${D}COPY app.tar.gz /tmp/\nRUN tar xf /tmp/app.tar.gz\nRUN rm /tmp/app.tar.gz\n` },
    { name: 'deleting a credential nothing earlier added', code: `${D}RUN rm -f /root/.netrc\n` },
    { name: 'a file of another path', code: `${D}COPY .netrc /root/.netrc\nRUN rm /home/app/.netrc\n` },
    { name: 'a build stage that does not ship', code: 'FROM debian:12 AS build\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@x:y && rm /root/.ssh/id_rsa\nRUN rm -rf /root/.ssh\nFROM debian:12\nCOPY --from=build /y /y\n' },
    { name: 'written on a tmpfs mount', code: `${D}RUN --mount=type=tmpfs,target=/secrets echo "$API_TOKEN" > /secrets/token\nRUN rm /secrets/token\n` },
    { name: 'rm before the copy', code: `${D}RUN rm -f /root/.npmrc\nCOPY .npmrc /root/.npmrc\n` },
  ],
  invalid: [
    {
      name: 'a copied credential deleted by a later RUN',
      code: `${D}COPY .netrc /root/.netrc\nRUN pip install app\nRUN rm /root/.netrc\n`,
      findings: [{ message: M('/root/.netrc', 'the COPY on line 2'), range: [3, 7, 3, 19] }],
      fixTitle: 'Mount the file as a build secret instead',
      output: `${D}RUN --mount=type=secret,id=netrc,target=/root/.netrc pip install app\n`,
    },
    {
      name: 'fixed: the rm in a list, a heredoc RUN in between, a line continuation',
      code: `${D}WORKDIR /src\nCOPY id_rsa /root/.ssh/id_rsa\nRUN <<EOF\ngit clone git@example.com:o/r .\nEOF\nRUN git submodule update --init && \\\n    rm /root/.ssh/id_rsa && make\n`,
      findings: [{ message: M('/root/.ssh/id_rsa', 'the COPY on line 3'), range: [7, 7, 7, 24] }],
      output: `${D}WORKDIR /src\nRUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa <<EOF\ngit clone git@example.com:o/r .\nEOF\nRUN --mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa git submodule update --init && make\n`,
    },
    {
      name: 'no fix: a USER in between, a COPY with --chown, an rm of more files',
      code: `${D}COPY .npmrc /root/.npmrc\nUSER app\nRUN npm ci\nUSER root\nRUN rm /root/.npmrc\nCOPY --chown=app .pypirc /root/.pypirc\nRUN rm /root/.pypirc\nCOPY .netrc /root/.netrc\nRUN rm /root/.netrc /tmp/x\n`,
      findings: [
        { message: M('/root/.npmrc', 'the COPY on line 2'), range: [5, 7, 5, 19] },
        { message: M('/root/.pypirc', 'the COPY on line 7'), range: [7, 7, 7, 20] },
        { message: M('/root/.netrc', 'the COPY on line 9'), range: [9, 7, 9, 19] },
      ],
    },
    {
      name: 'relative paths against WORKDIR, a glob and a folder with rm -rf',
      code: `${D}WORKDIR /app\nCOPY .npmrc ./\nADD id_ed25519 /root/.ssh/\nRUN npm ci\nRUN rm -f .npmrc && rm -rf /root/.ssh\nRUN rm /app/*rc\n`,
      findings: [
        { message: M('/app/.npmrc', 'the COPY on line 3'), range: [5, 10, 5, 16] },
        { message: M('/root/.ssh/id_ed25519', 'the ADD on line 4'), range: [5, 27, 5, 37] },
        { message: M('/app/.npmrc', 'the COPY on line 3'), range: [6, 7, 6, 15] },
      ],
    },
    {
      name: 'a secret written by echo, deleted later; ARG paths; continuation',
      code: `${D}ARG GH_TOKEN\nARG CREDS=/root/.git-credentials\nRUN echo "https://x:$GH_TOKEN@github.com" > $CREDS && git clone https://github.com/o/r\nRUN git -C r pull && \\\n    rm "$CREDS"\n`,
      findings: [{ message: M('/root/.git-credentials', 'the echo on line 4'), range: [5, 7, 5, 15] }],
    },
    {
      name: 'a credential-named file written with tee, in a heredoc RUN',
      code: `${D}RUN <<EOF\nprintf 'machine x login y password z' | tee /root/.netrc\nEOF\nRUN <<EOF\nrm /root/.netrc\nEOF\n`,
      findings: [{ message: M('/root/.netrc', 'the printf on line 3'), range: [5, 3, 5, 15] }],
    },
    {
      name: 'no fix for a folder',
      code: `${D}COPY .ssh /root/.ssh\nRUN git clone git@h:o/r\nRUN rm -rf /root/.ssh\n`,
      findings: [{ message: M('/root/.ssh', 'the COPY on line 2'), range: [3, 11, 3, 21] }],
    },
    {
      name: 'multi-stage: copied in the parent stage, deleted in the final one; exec form',
      code: 'FROM debian:12 AS base\nCOPY deploy.pem /etc/deploy.pem\nFROM base\nRUN ["rm", "/etc/deploy.pem"]\n',
      findings: [{ message: M('/etc/deploy.pem', 'the COPY on line 2'), range: [3, 11, 3, 28] }],
    },
    {
      name: 'copied from a build stage into the final one, then deleted',
      code: 'FROM debian:12 AS keys\nRUN ssh-keygen -q -N "" -f /k/id_rsa\nFROM debian:12\nCOPY --from=keys /k/id_rsa /root/.ssh/id_rsa\nRUN rm /root/.ssh/id_rsa\n',
      findings: [{ message: M('/root/.ssh/id_rsa', 'the COPY on line 4'), range: [4, 7, 4, 24] }],
    },
  ],
});
