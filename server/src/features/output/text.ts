import { hasEdits } from '../../rules/types';
import type { Finding, Severity } from '../../rules/types';
import type { FileReport } from './report';

export interface TextOptions {
  color: boolean;
}

const COLORS: Record<Severity | 'dim' | 'bold' | 'fix', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  hint: [90, 39],
  dim: [2, 22],
  bold: [1, 22],
  fix: [32, 39],
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

/** `[fix]` when --fix would apply a fix to the finding, `[unsafe fix]` when only --unsafe-fixes would. */
function fixMarker(f: Finding): string {
  const applicable = f.fixes.filter((x) => hasEdits(x));
  if (applicable.some((x) => x.applicability === 'safe')) return ' [fix]';
  if (applicable.some((x) => x.applicability === 'unsafe')) return ' [unsafe fix]';
  return '';
}

/** One line per finding (`path:line:col: severity CODE name: message`, 1-based), then a summary. */
export function formatText(files: readonly FileReport[], options: TextOptions): string {
  const c = (kind: keyof typeof COLORS, s: string): string => (options.color ? `\u001b[${COLORS[kind][0]}m${s}\u001b[${COLORS[kind][1]}m` : s);
  const lines: string[] = [];
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let safe = 0;
  let unsafe = 0;
  let total = 0;
  let withFindings = 0;
  let fixedCount = 0;
  for (const file of files) {
    for (const fx of file.fixed ?? []) {
      lines.push(`${c('bold', file.path)}: ${c('fix', 'fixed')} ${fx.code} ${fx.title}`);
      fixedCount++;
    }
    if (file.findings.length > 0) withFindings++;
    for (const f of file.findings) {
      total++;
      bySeverity[f.severity]++;
      const marker = fixMarker(f);
      if (marker === ' [fix]') safe++;
      if (marker === ' [unsafe fix]') unsafe++;
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${c('bold', `${file.path}:${pos}`)}: ${c(f.severity, f.severity)} ${c('dim', f.code)} ${f.name}: ${f.message}${c('fix', marker)}`);
    }
  }
  const parts = (Object.keys(bySeverity) as Severity[]).filter((s) => bySeverity[s] > 0).map((s) => plural(bySeverity[s], s));
  let summary =
    total === 0
      ? `No findings in ${plural(files.length, 'file')}.`
      : `${plural(total, 'finding')} (${parts.join(', ')}) in ${plural(withFindings, 'file')} of ${files.length}`;
  if (total > 0) {
    const fixable: string[] = [];
    if (safe > 0) fixable.push(`${safe} fixable with --fix`);
    if (unsafe > 0) fixable.push(`${unsafe} with --fix --unsafe-fixes`);
    summary += fixable.length > 0 ? `; ${fixable.join(', ')}.` : '.';
  }
  if (fixedCount > 0) summary = `Applied ${(fixedCount === 1 ? '1 fix' : `${fixedCount} fixes`)}. ${summary}`;
  if (lines.length > 0) lines.push('');
  lines.push(summary);
  return lines.join('\n');
}
