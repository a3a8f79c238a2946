import { undefinedVar } from '../../../server/src/rules/buildkit/undefined-var';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (n: string, s?: string): string => `"$${n}" is not defined by an ARG or ENV before this instruction${s ? ` (did you mean $${s}?)` : ''}.`;

ruleTester(undefinedVar, {
  valid: [
    { name: 'declared by ARG and ENV', code: 'FROM alpine\nARG DIR=/app\nENV HOME_DIR=$DIR\nWORKDIR $HOME_DIR\nCOPY . ${DIR}\n' },
    { name: 'an ARG without default counts', code: 'FROM alpine\nARG VERSION\nCOPY app-$VERSION.jar /app.jar\n' },
    { name: 'a global ARG declared again in the stage', code: 'ARG V=1\nFROM busybox\nARG V\nLABEL version=$V\n' },
    { name: 'PATH of the base image', code: 'FROM alpine\nENV PATH=$PATH:/opt/bin\n' },
    { name: 'scratch has a PATH too', code: 'FROM scratch\nENV PATH=/opt/bin:${PATH}\n' },
    { name: 'RUN, CMD and ENTRYPOINT belong to the shell', code: 'FROM alpine\nRUN echo $HOME\nCMD echo $USER\nENTRYPOINT ["sh", "-c", "echo $X"]\n' },
    { name: 'platform and proxy arguments', code: 'FROM alpine\nCOPY bin/$TARGETARCH/app /app\nENV P=$HTTP_PROXY\n' },
    { name: 'escaped and single-quoted', code: 'FROM alpine\nENV A=\\$NOPE B=\'$NOPE\'\n' },
    { name: 'an unknown base image may set anything', code: 'FROM node:20\nWORKDIR $NODE_HOME\n' },
    { name: 'ENV of the parent stage', code: 'FROM alpine AS base\nENV APP=/app\nFROM base\nWORKDIR $APP\n' },
    { name: 'COPY --from with a variable is not a word', code: 'FROM alpine\nCOPY --from=$STAGE /a /a\n' },
    { name: 'not a variable reference BuildKit accepts', code: 'FROM alpine\nARG Z="${templateOption:installZsh}"\n' },
    { name: 'a heredoc body', code: 'FROM alpine\nCOPY <<EOF /etc/motd\nhello $USER\nEOF\n' },
  ],
  invalid: [
    {
      name: 'a global ARG not declared in the stage',
      code: 'ARG VERSION=1.2.0\nFROM alpine\nCOPY dist/app-${VERSION}.tar.gz /opt/\n',
      findings: [{ message: MSG('VERSION'), range: [2, 14, 2, 24] }],
    },
    {
      name: 'a typo, with a suggestion',
      code: 'FROM alpine\nENV PATH=$PAHT:/opt/bin\n',
      findings: [{ message: MSG('PAHT', 'PATH'), range: [1, 9, 1, 14] }],
    },
    {
      name: 'a close declared name',
      code: 'FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n',
      findings: [{ message: MSG('DIR_ASSET', 'DIR_ASSETS'), range: [3, 5, 3, 15] }],
    },
    {
      name: 'ENV does not see what it sets itself',
      code: 'FROM scratch\nENV A=1 B=$A\nENV C=$A\n',
      findings: [{ message: MSG('A'), range: [1, 10, 1, 12] }],
    },
    {
      name: 'used before it is declared; a default does not help',
      code: 'FROM busybox\nWORKDIR ${BASE:-/srv}\nARG BASE\nUSER $OWNER:$OWNER\n',
      findings: [
        { message: MSG('BASE'), range: [1, 8, 1, 21] },
        { message: MSG('OWNER'), range: [3, 5, 3, 11] },
      ],
    },
    {
      name: 'ARG of the parent stage is not inherited; flags and continuation lines',
      code: 'FROM debian AS base\nARG UID=1000\nFROM base\nCOPY --chown=$UID \\\n  # a note\n  a /a\nLABEL a=$UID\n',
      findings: [
        { message: MSG('UID'), range: [3, 13, 3, 17] },
        { message: MSG('UID'), range: [6, 8, 6, 12] },
      ],
    },
    {
      name: 'pattern modifiers',
      code: 'FROM alpine\nARG FILE=a.tar.gz\nCOPY ${FILE%.tar.gz}.txt ${DEST#/} /d/\n',
      findings: [{ message: MSG('DEST'), range: [2, 25, 2, 34] }],
    },
  ],
});
