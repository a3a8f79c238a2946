import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../types';
import { HYGIENE, resolveWord } from './_util';

const AUTOMATIC = /BUILDPLATFORM|TARGETPLATFORM/;

export const fromPlatform: Rule = {
  code: 'BH209',
  name: 'from-platform',
  category: 'build-hygiene',
  severity: 'info',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3029',
      differs: 'hadolint also flags a platform from a build argument with no default; Bulkhead resolves build arguments and skips what is only known at build time.',
    },
  ],
  references: [...HYGIENE],
  fixable: 'none',
  docs: {
    summary: '`FROM --platform` pins a stage to a fixed platform.',
    what:
      'A `FROM --platform=<value>` whose value, after build arguments are resolved, does not come from `$BUILDPLATFORM` or `$TARGETPLATFORM`. ' +
      'A value that depends on a build argument with no default is not flagged.',
    why:
      'A fixed platform ignores the platform the build asks for: a multi-platform build produces the same architecture under every tag, ' +
      'and a build on another architecture runs the stage under emulation, slowly, or ships a binary the host cannot run.',
    bad: 'FROM --platform=linux/amd64 debian:bookworm-slim\nRUN echo hi\n',
    good: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN echo hi\n',
    useInstead:
      'Leave `--platform` out and choose the platform with `docker build --platform`, or use `--platform=$BUILDPLATFORM` for build stages that cross-compile. ' +
      'Where an image only exists for one architecture, suppress the finding with a comment saying so.',
    fixSafety: 'No fix: dropping the flag changes which image variant is pulled.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const node = stage.from.node as unknown as { getPlatformFlag(): { getValue(): string | null; getValueRange(): Range | null; getRange(): Range } | null };
      const flag = node.getPlatformFlag();
      const written = flag?.getValue();
      if (!flag || written === null || written === undefined) continue;
      if (AUTOMATIC.test(written)) continue;
      const value = resolveWord(model, stage.from, written);
      if (value === null || value === '') continue;
      report({
        message: `FROM pins the stage to platform "${value}".`,
        range: flag.getRange(),
        instructionLine: stage.from.line,
      });
    }
  },
};
