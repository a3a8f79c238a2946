import type { Log, ReportingDescriptor, Result } from 'sarif';
import { renderRule } from '../../docs/render';
import { RULES } from '../../rules/index';
import type { Severity } from '../../rules/types';
import type { FileReport } from './json';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
  version: string;
}

/** SARIF 2.1.0: one run, every rule's metadata with its full help, and results with 1-based regions. */
export function toSarif(files: readonly FileReport[], options: SarifOptions): Log {
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: r.docs.summary },
    fullDescription: { text: r.docs.what },
    help: { text: `${r.docs.why}\n\n${r.docs.useInstead}`, markdown: renderRule(r, { level: 2 }) },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', r.category],
      aliases: r.aliases.map((a) => a.id),
      fixable: r.fixable,
    },
  }));
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const results: Result[] = [];
  for (const file of files) {
    for (const f of file.findings) {
      results.push({
        ruleId: f.code,
        ruleIndex: index.get(f.code) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: file.path.split('\\').join('/') },
              region: {
                startLine: f.range.start.line + 1,
                startColumn: f.range.start.character + 1,
                endLine: f.range.end.line + 1,
                endColumn: f.range.end.character + 1,
              },
            },
          },
        ],
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'bulkhead', version: options.version, rules } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function formatSarif(files: readonly FileReport[], options: SarifOptions): string {
  return JSON.stringify(toSarif(files, options), null, 2);
}
