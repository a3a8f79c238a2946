import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { shellText, stageChain } from '../../model/document';
import type { Scope } from '../../model/variables';
import type { Rule } from '../types';
import { AUTOMATIC_PLATFORM_ARGS, HYGIENE_REFS, PROXY_ARGS, flagsOf, keywordSpan, suggestName } from './_util';

/** Instructions whose words BuildKit expands itself (RUN, CMD and the like are left to the shell). */
const EXPANDED = new Set(['ENV', 'ARG', 'LABEL', 'COPY', 'ADD', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL']);
/** Flags whose values are not expanded as words. */
const UNEXPANDED_FLAGS = new Set(['from', 'mount']);
const EXEMPT = new Set([...AUTOMATIC_PLATFORM_ARGS, ...PROXY_ARGS]);

/** Base images whose configuration sets no variable but PATH (BuildKit gives `scratch` a PATH too). */
const PATH_ONLY_IMAGES = new Set(['library/alpine', 'library/busybox', 'library/debian', 'library/ubuntu']);

/** The variables the root of a stage's chain brings, when known; undefined when the base image may set any. */
function imageEnv(stage: Stage): readonly string[] | undefined {
  const chain = stageChain(stage);
  const root = chain[chain.length - 1] ?? stage;
  const base = root.base;
  if (base.kind === 'scratch') return ['PATH'];
  if (base.kind === 'image' && base.ref.registry === 'docker.io' && PATH_ONLY_IMAGES.has(base.ref.repository)) return ['PATH'];
  return undefined;
}

/** The variables an instruction sees before it runs (an ENV or ARG does not see what it declares itself). */
function scopeBefore(stage: Stage, index: number): Scope | readonly string[] {
  const instr = stage.instructions[index];
  if (!instr) return [];
  if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') return instr.scope;
  const prev = stage.instructions[index - 1];
  if (prev && prev.keyword !== 'FROM') return prev.scope;
  // First after FROM: what the parent stage's ENV left.
  const parentEnd = stage.parent?.instructions[stage.parent.instructions.length - 1]?.scope;
  return parentEnd ? [...parentEnd].filter(([, v]) => v.kind === 'ENV').map(([n]) => n) : [];
}

function namesOf(scope: Scope | readonly string[]): string[] {
  if (Array.isArray(scope)) return [...(scope as readonly string[])];
  return [...(scope as Scope)].map(([n]) => n);
}

interface Use {
  name: string;
  start: number;
  end: number;
}

/** Variable references in the words of an instruction BuildKit expands, outside single quotes and escapes. */
function variableUses(model: DockerfileModel, instr: Instr): Use[] {
  const kw = keywordSpan(model, instr);
  const text = shellText(model, kw.end, instr.end);
  const base = kw.end;
  const skip: [number, number][] = flagsOf(instr)
    .filter((f) => UNEXPANDED_FLAGS.has(f.getName().toLowerCase()))
    .map((f) => model.offsets(f.getRange()));
  const esc = model.escapeChar;
  const uses: Use[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === esc && quote !== "'") {
      i++;
      continue;
    }
    if (c === "'" && quote !== '"') quote = quote === "'" ? null : "'";
    else if (c === '"' && quote !== "'") quote = quote === '"' ? null : '"';
    if (c !== '$' || quote === "'") continue;
    const braced = text[i + 1] === '{';
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + (braced ? 2 : 1), i + 200));
    if (!m) continue;
    // `${name}` or `${name` and a modifier BuildKit knows; anything else (`${opt:name}`) is a syntax error, not a variable.
    if (braced && !/^(?:\}|:?[-+?]|[#%/])/.test(text.slice(i + 2 + m[0].length, i + 4 + m[0].length))) continue;
    const start = base + i;
    const nameEnd = i + (braced ? 2 : 1) + m[0].length;
    let end = base + nameEnd;
    if (braced) {
      const close = text.indexOf('}', nameEnd);
      if (close >= 0 && !text.slice(nameEnd, close).includes('$')) end = base + close + 1;
    }
    if (!skip.some(([s, e]) => start >= s && start < e)) uses.push({ name: m[0], start, end });
    i = nameEnd - 1;
  }
  return uses;
}

export const undefinedVar: Rule = {
  code: 'BH313',
  name: 'undefined-var',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    {
      tool: 'buildkit',
      id: 'UndefinedVar',
      differs:
        'BuildKit reads the base image\'s own ENV and checks only the stages the build target needs; Bulkhead does not fetch images, so it checks stages built on `scratch` or on images whose environment it knows (alpine, busybox, debian, ubuntu: PATH only) and stays silent elsewhere, but checks every such stage, since any can be built with `--target`.',
    },
  ],
  references: [
    ...HYGIENE_REFS,
    { standard: 'CWE', id: 'CWE-457', title: 'Use of Uninitialized Variable', url: 'https://cwe.mitre.org/data/definitions/457.html' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A variable is used where no `ARG` or `ENV` has defined it.',
    what:
      'A `$NAME` or `${NAME…}` in an instruction Docker expands itself (`ENV`, `ARG`, `LABEL`, `COPY`, `ADD`, `WORKDIR`, `USER`, `VOLUME`, `STOPSIGNAL`) that no `ARG` or `ENV` ' +
      'of the stage, no `ENV` of a stage it builds on and no variable of its base image defines by then. A global `ARG` counts only once the stage declares it again (`ARG NAME`). ' +
      'Variables inside `RUN`, `CMD` and `ENTRYPOINT` belong to the shell and are not checked; the platform arguments (`TARGETARCH`, …) and proxy variables are exempt.',
    why:
      'Docker replaces an undefined variable with nothing, without a word: `COPY app-$VERSION.jar /app.jar` copies `app-.jar`, `WORKDIR $APP_HOME` works in `/`. ' +
      'It is most often a typo or a global `ARG` that the stage forgot to declare again.',
    bad: 'ARG VERSION=1.2.0\nFROM alpine:3.20\nCOPY dist/app-${VERSION}.tar.gz /opt/\n',
    good: 'ARG VERSION=1.2.0\nFROM alpine:3.20\nARG VERSION\nCOPY dist/app-${VERSION}.tar.gz /opt/\n',
    useInstead: 'Declare the variable with `ARG` (again, inside the stage, for a global one) or `ENV` before using it, or fix the name.',
    fixSafety: 'No fix: whether the name is a typo or a missing declaration is for a person to say.',
    limitations:
      'Base images other than `scratch`, alpine, busybox, debian and ubuntu may set variables this file cannot see, so stages built on them are not checked. ' +
      'Heredoc bodies of `COPY` and `ADD` are not checked.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const env = imageEnv(stage);
      if (!env) continue;
      stage.instructions.forEach((instr, index) => {
        if (!EXPANDED.has(instr.keyword)) return;
        if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && model.text.slice(instr.start, instr.end).includes('<<')) return;
        if (!model.text.slice(instr.start, instr.end).includes('$')) return;
        // Look names up in the scope; list them all only to suggest one (a list per instruction is quadratic).
        const before = scopeBefore(stage, index);
        const isKnown = (name: string): boolean => env.includes(name) || (Array.isArray(before) ? (before as readonly string[]).includes(name) : (before as Scope).has(name));
        const reported = new Set<string>();
        for (const use of variableUses(model, instr)) {
          if (isKnown(use.name) || EXEMPT.has(use.name) || reported.has(use.name)) continue;
          reported.add(use.name);
          const suggestion = suggestName(use.name, new Set([...namesOf(before), ...env]));
          report({
            message: `"$${use.name}" is not defined by an ARG or ENV before this instruction${suggestion ? ` (did you mean $${suggestion}?)` : ''}.`,
            range: model.lines.range(use.start, use.end),
            instructionLine: instr.line,
          });
        }
      });
    }
  },
};
