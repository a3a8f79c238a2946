import type { Rule } from '../types';
import { HYGIENE } from './_util';
import { labelPairs } from './_labels';

type LabelType = 'text' | 'url' | 'hash' | 'rfc3339' | 'spdx' | 'semver' | 'email';

const CHECKS: Record<Exclude<LabelType, 'text'>, { id: string; what: string; test: (v: string) => boolean }> = {
  url: { id: 'DL3052', what: 'an absolute URL', test: isUrl },
  hash: { id: 'DL3055', what: 'a git commit hash', test: (v) => /^[0-9a-fA-F]{7,40}$/.test(v) },
  rfc3339: { id: 'DL3053', what: 'an RFC 3339 date and time', test: (v) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(v) },
  spdx: { id: 'DL3054', what: 'an SPDX license expression', test: isSpdxExpression },
  semver: {
    id: 'DL3056',
    what: 'a semantic version',
    test: (v) => /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/.test(v),
  },
  email: { id: 'DL3058', what: 'an email address', test: (v) => /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(v) },
};

function isUrl(v: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/** SPDX license expressions: ids (`MIT`, `GPL-2.0+`, `LicenseRef-x`), `WITH` exceptions, `AND`, `OR` and parentheses. */
export function isSpdxExpression(v: string): boolean {
  const tokens = v.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const id = (t: string | undefined): boolean => t !== undefined && /^(?:(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.-]*\+?)$/.test(t) && !/^(AND|OR|WITH)$/i.test(t);
  const simple = (): boolean => {
    if (tokens[i] === '(') {
      i++;
      if (!expr() || tokens[i] !== ')') return false;
      i++;
      return true;
    }
    if (!id(tokens[i])) return false;
    i++;
    if (tokens[i] === 'WITH') {
      i++;
      if (!id(tokens[i])) return false;
      i++;
    }
    return true;
  };
  const expr = (): boolean => {
    if (!simple()) return false;
    while (tokens[i] === 'AND' || tokens[i] === 'OR') {
      i++;
      if (!simple()) return false;
    }
    return true;
  };
  return tokens.length > 0 && expr() && i === tokens.length;
}

function schemaOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v.toLowerCase();
  return out;
}

export const labelSchema: Rule = {
  code: 'BH216',
  name: 'label-schema',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3049', differs: 'hadolint checks required labels stage by stage; Bulkhead checks the final stage, the image that is shipped, with what it inherits from earlier stages.' },
    { tool: 'hadolint', id: 'DL3050' },
    { tool: 'hadolint', id: 'DL3051' },
    { tool: 'hadolint', id: 'DL3052' },
    { tool: 'hadolint', id: 'DL3053' },
    { tool: 'hadolint', id: 'DL3054', differs: 'hadolint checks license ids against the SPDX list; Bulkhead checks that the value is a well-formed SPDX expression.' },
    { tool: 'hadolint', id: 'DL3055' },
    { tool: 'hadolint', id: 'DL3056' },
    { tool: 'hadolint', id: 'DL3058' },
  ],
  references: [...HYGIENE],
  options: {
    schema: {
      type: 'record',
      default: {},
      description: 'Labels every image must have, each with its type: text, url, hash, rfc3339, spdx, semver or email.',
      configKey: 'labelSchema',
    },
    strict: {
      type: 'boolean',
      default: false,
      description: 'Also report labels that are not in the schema.',
      configKey: 'strictLabels',
    },
  },
  fixable: 'none',
  docs: {
    summary: 'Labels do not follow the configured label schema.',
    what:
      'With a `schema` of required labels and their types: a label of the schema missing from the final stage (and the stages it builds on); a label of the schema that is empty; ' +
      'a value that is not of its type (`url`: an absolute URL, `hash`: a git commit hash, `rfc3339`: a date and time, `spdx`: a license expression, `semver`: a semantic version, ' +
      '`email`: an email address; `text`: anything not empty); and, with `strict`, a label not in the schema. Values that depend on a build argument with no default are not checked. ' +
      'Silent when no schema is configured and `strict` is off.',
    why:
      'Registries, scanners and inventories find an image\'s source, version, owner and license through its labels. A missing or malformed label breaks that trail: ' +
      'a vulnerable image cannot be traced to its commit or its team.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/example/app"\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/app" org.opencontainers.image.version="1.4.2"\n',
    useInstead: 'Set every label of the schema in the final stage with a value of its type, usually from build arguments filled in by CI.',
    fixSafety: 'No fix: the values are facts about your build only you know.',
    limitations: 'Labels the base image sets are not known, so a required label inherited from the base image is reported as missing.',
    exampleOptions: { schema: { 'org.opencontainers.image.source': 'url', 'org.opencontainers.image.version': 'semver' } },
  },
  check({ model, options, report }) {
    const schema = schemaOf(options.schema);
    const strict = options.strict === true;
    const keys = Object.keys(schema);
    if (keys.length === 0 && !strict) return;
    for (const instr of model.instructions) {
      if (instr.keyword !== 'LABEL' || !instr.stage) continue;
      for (const pair of labelPairs(model, instr)) {
        const type = schema[pair.key];
        if (type === undefined) {
          if (strict) report({ message: `Label "${pair.key}" is not in the label schema.`, range: pair.keyRange, instructionLine: instr.line, aliases: ['DL3050'] });
          continue;
        }
        if (pair.value === null) continue;
        if (pair.value.trim() === '') {
          report({ message: `Label "${pair.key}" is empty.`, range: pair.keyRange, instructionLine: instr.line, aliases: ['DL3051'] });
          continue;
        }
        const check = CHECKS[type as keyof typeof CHECKS] as (typeof CHECKS)[keyof typeof CHECKS] | undefined;
        if (!check || check.test(pair.value)) continue;
        report({ message: `Label "${pair.key}" is not ${check.what}: "${pair.value}".`, range: pair.valueRange, instructionLine: instr.line, aliases: [check.id] });
      }
    }
    const final = model.finalStage;
    if (!final || keys.length === 0) return;
    const present = new Set<string>();
    for (let s: typeof final | undefined = final, n = 0; s && n < 100; s = s.parent, n++) {
      for (const instr of s.instructions) if (instr.keyword === 'LABEL') for (const p of labelPairs(model, instr)) present.add(p.key);
    }
    for (const key of keys) {
      if (present.has(key)) continue;
      report({
        message: `Label "${key}" of the label schema is missing from the final stage.`,
        range: final.from.node.getInstructionRange(),
        instructionLine: final.from.line,
        aliases: ['DL3049'],
      });
    }
  },
};
