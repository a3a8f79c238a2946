import { sudoInRun } from '../../../server/src/rules/shell-commands/sudo-in-run';
import { ruleTester } from '../../harness/rule-tester';

const MSG = 'RUN uses sudo; build steps run as the stage\'s USER.';
const ALL = ['DL3004', 'DS-0010', 'DS010', 'AVD-DS-0010', 'CKV2_DOCKER_1'];
const NOT_TRIVY = ['DL3004', 'CKV2_DOCKER_1'];

ruleTester(sudoInRun, {
  valid: [
    { name: 'no sudo', code: 'FROM debian:12\nRUN apt-get update\n' },
    { name: 'installing the sudo package', code: 'FROM debian:12\nRUN apt-get install -y sudo\n' },
    { name: 'a sudoers file', code: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\n' },
    { name: 'sudo in CMD is not a build step', code: 'FROM debian:12\nCMD ["sudo", "nginx"]\n' },
    { name: 'gosu in the entrypoint', code: 'FROM debian:12\nENTRYPOINT ["gosu", "app", "server"]\n' },
  ],
  invalid: [
    {
      name: 'at the start of the RUN, as root: sudo goes',
      code: 'FROM debian:12\nRUN sudo apt-get update\n',
      findings: [{ message: MSG, range: [1, 4, 1, 8], aliases: ALL }],
      fixTitle: 'Remove sudo',
      output: 'FROM debian:12\nRUN apt-get update\n',
    },
    {
      name: 'after && with options that take no value',
      code: 'FROM debian:12\nRUN apt-get update && sudo -E -H apt-get install -y curl\n',
      findings: [{ message: MSG, range: [1, 22, 1, 26], aliases: ALL }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'after ; and in a pipe: Trivy reads only parts split on &&',
      code: 'FROM debian:12\nRUN echo hi; sudo ls | sudo tee /x\n',
      findings: [
        { message: MSG, range: [1, 13, 1, 17], aliases: NOT_TRIVY },
        { message: MSG, range: [1, 23, 1, 27], aliases: NOT_TRIVY },
      ],
      output: 'FROM debian:12\nRUN echo hi; ls | tee /x\n',
    },
    {
      name: 'as another user: no fix',
      code: 'FROM debian:12\nRUN useradd app\nUSER app\nRUN sudo apt-get update\n',
      findings: [{ message: MSG, range: [3, 4, 3, 8], aliases: ALL }],
    },
    {
      name: 'back to root before it: fixed',
      code: 'FROM debian:12\nUSER app\nUSER root\nRUN sudo ls\n',
      findings: [{ message: MSG, range: [3, 4, 3, 8], aliases: ALL }],
      output: 'FROM debian:12\nUSER app\nUSER root\nRUN ls\n',
    },
    {
      name: 'a USER from a build argument: no fix',
      code: 'FROM debian:12\nARG U\nUSER $U\nRUN sudo ls\n',
      findings: [{ message: MSG, range: [3, 4, 3, 8], aliases: ALL }],
    },
    {
      name: 'a stage built on a stage that ends as a user',
      code: 'FROM debian:12 AS base\nUSER app\nFROM base\nRUN sudo ls\n',
      findings: [{ message: MSG, range: [3, 4, 3, 8], aliases: ALL }],
    },
    {
      name: 'a later USER in the stage does not matter',
      code: 'FROM debian:12\nRUN sudo ls\nUSER app\n',
      findings: [{ message: MSG, range: [1, 4, 1, 8], aliases: ALL }],
      output: 'FROM debian:12\nRUN ls\nUSER app\n',
    },
    {
      name: 'sudo -u another user: no fix',
      code: 'FROM debian:12\nRUN sudo -u app ls\n',
      findings: [{ message: MSG, range: [1, 4, 1, 8], aliases: ALL }],
    },
    {
      name: 'sudo -u root as root: fixed',
      code: 'FROM debian:12\nRUN sudo -u root -E ls && sudo --user=0 ls\n',
      findings: [
        { message: MSG, range: [1, 4, 1, 8], aliases: ALL },
        { message: MSG, range: [1, 26, 1, 30], aliases: ALL },
      ],
      output: 'FROM debian:12\nRUN ls && ls\n',
    },
    {
      name: 'sudo with nothing to run: no fix',
      code: 'FROM debian:12\nRUN sudo -v\n',
      findings: [{ message: MSG, range: [1, 4, 1, 8], aliases: ALL }],
    },
    {
      name: 'sudo -- and behind env',
      code: 'FROM debian:12\nRUN env X=1 sudo -- ls\n',
      findings: [{ message: MSG, range: [1, 12, 1, 16], aliases: ['CKV2_DOCKER_1'] }],
      output: 'FROM debian:12\nRUN env X=1 ls\n',
    },
    {
      name: 'inside sh -c',
      code: 'FROM debian:12\nRUN sh -c "sudo ls"\n',
      findings: [{ message: MSG, range: [1, 11, 1, 15], aliases: ['CKV2_DOCKER_1'] }],
      output: 'FROM debian:12\nRUN sh -c "ls"\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["sudo", "ls"]\n',
      findings: [{ message: MSG, range: [1, 5, 1, 11], aliases: NOT_TRIVY }],
      output: 'FROM debian:12\nRUN ["ls"]\n',
    },
    {
      name: 'line continuation, cache mount',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n  && sudo \\\n  apt-get install -y x\n',
      findings: [{ message: MSG, range: [2, 5, 2, 9], aliases: ALL }],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update \\\n  && apt-get install -y x\n',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nsudo ls\nEOF\n',
      findings: [{ message: MSG, range: [2, 0, 2, 4], aliases: NOT_TRIVY }],
      output: 'FROM debian:12\nRUN <<EOF\nls\nEOF\n',
    },
    {
      name: 'multi-stage: each stage\'s user',
      code: 'FROM debian:12 AS build\nRUN sudo make\nFROM debian:12\nUSER app\nRUN sudo ls\n',
      findings: [
        { message: MSG, range: [1, 4, 1, 8], aliases: ALL },
        { message: MSG, range: [4, 4, 4, 8], aliases: ALL },
      ],
      output: 'FROM debian:12 AS build\nRUN make\nFROM debian:12\nUSER app\nRUN sudo ls\n',
      afterFix: [{ message: MSG, range: [4, 4, 4, 8] }],
    },
  ],
});
