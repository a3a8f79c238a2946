import type { Rule, RuleOption } from '../rules/types';
import { SEVERITIES } from '../rules/types';

/** A JSON Schema (draft-07) object: plain data, written to schemas/bulkhead.schema.json by the docs generator. */
export type JsonSchema = Record<string, unknown>;

function optionSchema(o: RuleOption): JsonSchema {
  const base = { description: o.description, default: o.default };
  switch (o.type) {
    case 'boolean':
    case 'number':
    case 'string':
      return { type: o.type, ...base };
    case 'string[]':
      return { type: 'array', items: { type: 'string' }, ...base };
    case 'record':
      return { type: 'object', additionalProperties: { type: 'string' }, ...base };
  }
}

/**
 * The schema of `.bulkhead.yaml` / `.bulkhead.yml` / `.bulkhead.json`, generated from the rule declarations: each
 * rule by code and name with its options, the top-level keys rule options declare (`configKey`), `ignore`,
 * `failOn`, `enable`. Other tools' IDs are accepted as rule keys with a level or `{ level }`.
 */
export function configSchema(rules: readonly Rule[]): JsonSchema {
  const definitions: Record<string, JsonSchema> = {
    level: { enum: [...SEVERITIES, 'off'], description: 'A severity, or off.' },
    anyRule: {
      description: 'A rule by code, name or another tool\'s ID (DL3008, DS-0002, CKV_DOCKER_3, StageNameCasing): a level, or an object with level and the rule\'s options.',
      anyOf: [{ $ref: '#/definitions/level' }, { type: 'object', properties: { level: { $ref: '#/definitions/level' } } }],
    },
  };
  const ruleProps: Record<string, JsonSchema> = {};
  const topLevel: Record<string, JsonSchema> = {};
  const keyRules = new Map<string, string[]>();
  for (const r of [...rules].sort((a, b) => a.code.localeCompare(b.code))) {
    const options = Object.fromEntries(Object.entries(r.options ?? {}).map(([k, o]) => [k, optionSchema(o)]));
    definitions[r.code] = {
      description: `${r.code} ${r.name}: ${r.docs.summary}`,
      anyOf: [{ $ref: '#/definitions/level' }, { type: 'object', properties: { level: { $ref: '#/definitions/level' }, ...options }, additionalProperties: false }],
    };
    ruleProps[r.code] = { $ref: `#/definitions/${r.code}` };
    ruleProps[r.name] = { $ref: `#/definitions/${r.code}` };
    for (const [, o] of Object.entries(r.options ?? {})) {
      if (!o.configKey) continue;
      // A key several rules share names them all.
      const names = [...(keyRules.get(o.configKey) ?? []), r.name];
      keyRules.set(o.configKey, names);
      topLevel[o.configKey] = { ...optionSchema(o), description: `${o.description} (${names.length === 1 ? 'rule' : 'rules'} ${names.join(', ')})` };
    }
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Bulkhead config',
    description: 'Bulkhead settings for the Dockerfiles in this folder and below: .bulkhead.yaml, .bulkhead.yml or .bulkhead.json.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      enable: { type: 'boolean', default: true, description: 'Lint at all.' },
      rules: {
        type: 'object',
        description: 'Per rule (code, name or another tool\'s ID): error, warning, info, hint or off, or { level, <option>: value }.',
        properties: ruleProps,
        additionalProperties: { $ref: '#/definitions/anyRule' },
      },
      ignore: { type: 'array', items: { type: 'string' }, description: 'Rules (codes, names or other tools\' IDs) to ignore everywhere.' },
      failOn: { enum: [...SEVERITIES, 'none', 'off'], default: 'warning', description: 'The lowest severity that makes `bulkhead lint` exit 1.' },
      ...topLevel,
    },
    definitions,
  };
}

/** The schema file's text, as the docs generator writes it. */
export function configSchemaText(rules: readonly Rule[]): string {
  return `${JSON.stringify(configSchema(rules), null, 2)}\n`;
}
