import type { Rule } from '../types';
import { parseImageReference } from '../../model/image-ref';
import { HYGIENE_REFS, expand, metaArgs } from './_util';

export const invalidDefaultArgInFrom: Rule = {
  code: 'BH311',
  name: 'invalid-default-arg-in-from',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'InvalidDefaultArgInFrom' }],
  references: [...HYGIENE_REFS],
  fixable: 'none',
  docs: {
    summary: 'With the default values of its build arguments, a `FROM` names no valid image.',
    what:
      'A `FROM` whose image, with every global build argument at its default (an `ARG` without a default is empty), is empty or not a valid image reference: ' +
      '`ARG TAG` then `FROM alpine:$TAG` gives `alpine:`.',
    why:
      'A build that works only when the right `--build-arg` is passed fails for everyone who does not know it, and tools that read the Dockerfile without build ' +
      'arguments (scanners, dependency bots, IDEs) cannot tell which image it uses.',
    bad: 'ARG ALPINE_VERSION\nFROM alpine:${ALPINE_VERSION}\nRUN echo hi\n',
    good: 'ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nRUN echo hi\n',
    useInstead: 'Give each build argument used in `FROM` a default that makes a valid image reference.',
    fixSafety: 'No fix: the right default value is for a person to choose.',
  },
  check({ model, report }) {
    const meta = metaArgs(model);
    for (const stage of model.stages) {
      const image = stage.from.args[0];
      if (!image) continue;
      const written = image.getValue();
      const r = expand(written, meta.values, model.escapeChar);
      if (parseImageReference(r.value).ok) continue;
      report({
        message:
          r.uses.length === 0
            ? `"${written}" is not a valid image reference.`
            : r.value === ''
            ? `With the default values of its build arguments, "${written}" is empty.`
            : `With the default values of its build arguments, "${written}" is "${r.value}", which is not a valid image reference.`,
        range: image.getRange(),
        instructionLine: stage.from.line,
      });
    }
  },
};
