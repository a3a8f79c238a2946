import type { Log, ReportingDescriptor, Result } from 'sarif';
import { renderRule } from '../../docs/render';
import { RULES } from '../../rules/index';
import type { Fix, Severity } from '../../rules/types';
import { besideReport } from './report';
import type { FileReport } from './report';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
  /** The tool's version, for `tool.driver.version`. */
  version: string;
}

/**
 * A report path as a SARIF artifact URI: a relative reference with forward slashes and percent-encoded
 * segments (`my app/Dockerfile` → `my%20app/Dockerfile`), or a `file://` URI for an absolute path.
 */
export function artifactUri(reportPath: string): string {
  const p = reportPath.split('\\').join('/');
  const encoded = p.split('/').map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s))).join('/');
  if (p.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(p)) return `file:///${encoded}`;
  return encoded;
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
      tags: [r.category],
      aliases: r.aliases.map((a) => a.id),
      fixable: r.fixable,
    },
  }));
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const results: Result[] = [];
  for (const file of files) {
    const uri = artifactUri(file.path);
    for (const f of file.findings) {
      const ruleIndex = index.get(f.code);
      results.push({
        ruleId: f.code,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri },
              // LSP ends are exclusive, as SARIF's endColumn is: both only shift to 1-based.
              region: {
                startLine: f.range.start.line + 1,
                startColumn: f.range.start.character + 1,
                endLine: f.range.end.line + 1,
                endColumn: f.range.end.character + 1,
              },
            },
          },
        ],
        ...(f.aliases.length > 0 ? { properties: { aliases: f.aliases } } : {}),
        ...sarifFixes(file.path, f.fixes),
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
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

/** 1-based SARIF region of a 0-based LSP range (ends are exclusive in both). */
function region(r: { start: { line: number; character: number }; end: { line: number; character: number } }): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * SARIF `fixes` for the fixes that edit files besides the Dockerfile (the ignore file), whose change a reader of
 * the Dockerfile alone cannot see: each with its edits of every file as replacements.
 */
function sarifFixes(reportPath: string, fixes: readonly Fix[]): Pick<Result, 'fixes'> {
  const out: NonNullable<Result['fixes']> = [];
  for (const fix of fixes) {
    if (!fix.files?.length || fix.applicability === 'display-only') continue;
    const changes = [
      ...(fix.edits.length > 0 ? [{ artifactLocation: { uri: artifactUri(reportPath) }, replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }] : []),
      ...fix.files.map((o) => ({
        artifactLocation: { uri: artifactUri(besideReport(reportPath, o.path)) },
        replacements: o.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
      })),
    ];
    out.push({ description: { text: fix.title }, artifactChanges: changes });
  }
  return out.length > 0 ? { fixes: out } : {};
}

export function formatSarif(files: readonly FileReport[], options: SarifOptions): string {
  return JSON.stringify(toSarif(files, options), null, 2);
}
