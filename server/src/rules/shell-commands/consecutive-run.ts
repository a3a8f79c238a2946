import { argumentsStart } from '../../model/document';
import type { DockerfileModel, Instr } from '../../model/document';
import type { Rule } from '../types';

/** A RUN's flags (`--mount=…`, `--network=…`) as written, spaces and line continuations aside. */
function flagsOf(model: DockerfileModel, instr: Instr): string {
  const [, kwEnd] = model.offsets(instr.node.getInstructionRange());
  const start = argumentsStart(model, instr) ?? instr.end;
  return model.text.slice(kwEnd, start).replace(new RegExp(`\\${model.escapeChar}\\r?\\n`, 'g'), ' ').trim().split(/\s+/).filter((w) => w !== '').join(' ');
}

export const consecutiveRun: Rule = {
  code: 'BH266',
  name: 'consecutive-run',
  category: 'build-hygiene',
  severity: 'info',
  enabledByDefault: false,
  aliases: [{ tool: 'hadolint', id: 'DL3059' }],
  references: [{ standard: 'CWE', id: 'CWE-710', title: 'Improper Adherence to Coding Standards', url: 'https://cwe.mitre.org/data/definitions/710.html' }],
  fixable: 'none',
  docs: {
    summary: 'Two RUN instructions in a row that could be one (off by default).',
    what:
      'A `RUN` that directly follows another `RUN` with the same flags (`--mount`, `--network`, `--security`). Comments and blank lines between them do not separate them; ' +
      'any other instruction does. Off by default: turn it on in the config where image size matters more than cache reuse.',
    why:
      'Each RUN is a layer. Files a step creates and a later step deletes stay in the earlier layer, so splitting "download, build, clean up" over several RUNs ships ' +
      'what was meant to be removed, and every layer adds a little to pulls. On the other hand, separate RUNs are cached separately: a change to the last step ' +
      'does not redo the first, which is why this check is a trade-off and not on by default.',
    bad: 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl\n',
    useInstead:
      'Join steps that belong together, above all those that create and delete the same files, with `&&` (or a heredoc `RUN <<EOF`). Keep apart steps that change at ' +
      'different rates, so that the slow, stable ones stay cached.',
    fixSafety: 'No automatic fix: which steps belong together is a choice between layer size and cache reuse.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      let prev: Instr | undefined;
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'RUN') {
          prev = undefined;
          continue;
        }
        if (prev && flagsOf(model, prev) === flagsOf(model, instr)) {
          report({
            message: 'This RUN follows another RUN; consider joining them into one layer.',
            range: instr.node.getInstructionRange(),
            instructionLine: instr.line,
          });
        }
        prev = instr;
      }
    }
  },
};
