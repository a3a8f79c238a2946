import type { Rule } from '../types';
import type { From } from 'dockerfile-ast';
import { del } from '../../model/edits';
import { HYGIENE_REFS, expand, metaArgs } from './_util';

export const redundantTargetPlatform: Rule = {
  code: 'BH308',
  name: 'redundant-target-platform',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'RedundantTargetPlatform' }],
  references: [...HYGIENE_REFS],
  fixable: 'safe',
  docs: {
    summary: '`FROM --platform=$TARGETPLATFORM`, which is what FROM does anyway.',
    what:
      'A `FROM` whose `--platform` uses only the `TARGETPLATFORM` build argument and comes out as its value: `$TARGETPLATFORM`, `${TARGETPLATFORM}`, ' +
      'or `${TARGETPLATFORM:-…}`.',
    why: 'A stage is built for the target platform unless told otherwise, so the flag says nothing, yet suggests the stage is special.',
    bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN echo hi\n',
    good: 'FROM alpine:3.20\nRUN echo hi\n',
    useInstead: 'Leave `--platform` out for stages built for the target; use `--platform=$BUILDPLATFORM` for stages that must run on the build machine (cross-compilers).',
    fixSafety: 'Safe: without the flag the stage is built for the target platform, which is what the flag asked for.',
  },
  check({ model, report }) {
    const meta = metaArgs(model);
    const redeclared = meta.declared.has('TARGETPLATFORM');
    for (const stage of model.stages) {
      const flag = (stage.from.node as From).getPlatformFlag();
      const value = flag?.getValue();
      const valueRange = flag?.getValueRange();
      if (!flag || !value || !valueRange) continue;
      const r = expand(value, meta.values, model.escapeChar);
      if (r.matched.length !== 1 || r.matched[0] !== 'TARGETPLATFORM' || r.value !== meta.values.get('TARGETPLATFORM')) continue;
      const [start, flagEnd] = model.offsets(flag.getRange());
      let end = flagEnd;
      while (model.text[end] === ' ' || model.text[end] === '\t') end++;
      report({
        message: `Setting --platform to ${value} is redundant: a stage is built for the target platform by default.`,
        range: valueRange,
        instructionLine: stage.from.line,
        fixes: redeclared ? [] : [{ title: 'Remove the --platform flag', applicability: 'safe', edits: [del(model, start, end)] }],
      });
    }
  },
};
