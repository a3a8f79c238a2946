import { commandIndex } from '../../model/commands';
import type { Rule } from '../types';
import { hadolintSees } from './_shell';

/** The commands hadolint's DL3001 looks for (its message also names ifconfig, its list does not). */
const HADOLINT = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);
/** Bulkhead's list: hadolint's, and ifconfig, which its message names. */
const NAMES = [...HADOLINT, 'ifconfig'];

export const pointlessCommandInRun: Rule = {
  code: 'BH260',
  name: 'pointless-command-in-run',
  category: 'attack-surface',
  severity: 'info',
  aliases: [{ tool: 'hadolint', id: 'DL3001', differs: 'Bulkhead also flags `ifconfig` (named in hadolint\'s message, missing from its list) and commands behind `sudo`/`env` or inside `sh -c "…"`, which hadolint does not read; those findings do not carry DL3001.' }],
  references: [{ standard: 'CWE', id: 'CWE-1164', title: 'Irrelevant Code', url: 'https://cwe.mitre.org/data/definitions/1164.html' }],
  fixable: 'none',
  docs: {
    summary: 'A RUN runs a command that has nothing to act on while an image is built.',
    attack: 'Commands that cannot work in a build (a service start, a shell session) hint at processes or tools left in the image for an attacker to use.',
    what:
      'A command of a `RUN` (past `sudo` and `env`, inside `sh -c "…"` too) that is one of `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` or `ifconfig`. ' +
      'Only running them counts: installing a package named `ssh` or `vim` is not flagged.',
    why:
      'A build step runs once, without a terminal, with no services, no init system and no network setup of its own. An editor waits for input that never comes, ' +
      '`service` and `shutdown` talk to an init that is not there, `ps`, `top` and `free` describe the build container and are gone with it, and `ssh` from a build ' +
      'usually means credentials in the image. Such a step is either dead weight or a sign that the image is treated like a virtual machine.',
    bad: 'FROM debian:bookworm-slim\nRUN service nginx start\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\nCMD ["nginx", "-g", "daemon off;"]\n',
    useInstead:
      'Start services from `CMD` or `ENTRYPOINT` in the foreground, one per container; edit files with `COPY` or `sed`; fetch sources with `COPY`, `ADD` or a ' +
      '`RUN --mount=type=ssh` step that uses git; inspect processes and memory in a running container, not in the build.',
    fixSafety: 'No automatic fix: what the command was meant to do has to be done another way.',
    limitations: 'A `kill` of a process the same RUN started in the background (a database for migrations) is flagged too.',
  },
  check({ model, report }) {
    for (const c of commandIndex(model).named(NAMES, { keywords: ['RUN'] })) {
      const name = c.name ?? '';
      report({
        message: `\`${name}\` has nothing to act on in a build step.`,
        range: model.lines.range(c.nameWord.start, c.nameWord.end),
        instructionLine: c.instr.line,
        aliases: HADOLINT.has(name) && hadolintSees(c) ? ['DL3001'] : [],
      });
    }
  },
};
