import type { From } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../types';
import type { DockerfileModel } from '../../model/document';
import { HYGIENE_REFS, expand, metaArgs, suggestName } from './_util';

/** The range of a variable reference inside a FROM word, when the word is written as its value reads; else the word's. */
function useRange(model: DockerfileModel, wordRange: Range, value: string, use: { start: number; end: number }): Range {
  const [start, end] = model.offsets(wordRange);
  if (model.text.slice(start, end) !== value) return wordRange;
  return model.lines.range(start + use.start, start + use.end);
}

export const undefinedArgInFrom: Rule = {
  code: 'BH310',
  name: 'undefined-arg-in-from',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'UndefinedArgInFrom' }],
  references: [...HYGIENE_REFS],
  fixable: 'none',
  docs: {
    summary: 'A `FROM` uses a build argument that no `ARG` before the first `FROM` declares.',
    what:
      'A variable in the image or `--platform` of a `FROM` that is neither declared by an `ARG` before the first `FROM` nor one of the arguments BuildKit ' +
      'defines itself (`BUILDPLATFORM`, `TARGETPLATFORM`, `TARGETARCH`, …). An `ARG` inside a stage does not count: `FROM` only sees the global ones.',
    why:
      'An undeclared variable in `FROM` is silently replaced by nothing, even when `--build-arg` passes a value: `FROM alpine:$VERSION` becomes `FROM alpine:`, ' +
      'a build error at best, and at worst a different image than intended (`FROM ${REGISTRY}app` pulls `app` from Docker Hub).',
    bad: 'FROM node:${NODE_VERSION}-alpine\nRUN node --version\n',
    good: 'ARG NODE_VERSION=20.11\nFROM node:${NODE_VERSION}-alpine\nRUN node --version\n',
    useInstead: 'Declare the argument with an `ARG` before the first `FROM`, with a default value where one makes sense.',
    fixSafety: 'No fix: the right default value is for a person to choose.',
  },
  check({ model, report }) {
    const meta = metaArgs(model);
    const keys = new Set([...meta.values.keys(), ...meta.declared]);
    for (const stage of model.stages) {
      const image = stage.from.args[0];
      const flag = (stage.from.node as From).getPlatformFlag();
      const words: { value: string; range: Range }[] = [];
      if (image) words.push({ value: image.getValue(), range: image.getRange() });
      const platform = flag?.getValue();
      const platformRange = flag?.getValueRange();
      if (platform && platformRange) words.push({ value: platform, range: platformRange });
      for (const w of words) {
        const r = expand(w.value, meta.values, model.escapeChar);
        for (const name of r.unmatched) {
          if (keys.has(name)) continue;
          const use = r.uses.find((u) => u.name === name);
          const suggestion = suggestName(name, keys);
          report({
            message: `FROM uses "$${name}", which no ARG before the first FROM declares${suggestion ? ` (did you mean $${suggestion}?)` : ''}.`,
            range: use ? useRange(model, w.range, w.value, use) : w.range,
            instructionLine: stage.from.line,
          });
        }
      }
    }
  },
};
