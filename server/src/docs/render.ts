import type { Reference, Rule } from '../rules/types';

/**
 * One rule declaration rendered everywhere: the hover, the generated page under docs/rules/, the README
 * table and the SARIF help text all come from here.
 */

const TOOL_NAMES: Record<string, string> = { hadolint: 'hadolint', trivy: 'Trivy', checkov: 'Checkov', buildkit: 'BuildKit' };

export function fixLabel(rule: Rule): string {
  return rule.fixable === 'none' ? 'no automatic fix' : rule.fixable === 'safe' ? 'safe fix (joins fix-all)' : 'unsafe fix (quick fix only)';
}

export function aliasList(rule: Rule): string {
  if (rule.aliases.length === 0) return 'none';
  const byTool = new Map<string, string[]>();
  for (const a of rule.aliases) byTool.set(a.tool, [...(byTool.get(a.tool) ?? []), a.id]);
  return [...byTool].map(([tool, ids]) => `${TOOL_NAMES[tool] ?? tool} ${ids.map((i) => `\`${i}\``).join(', ')}`).join('; ');
}

function reference(r: Reference): string {
  const text = `${r.standard} ${r.id}: ${r.title}`;
  return r.url ? `[${text}](${r.url})` : text;
}

function fence(code: string): string {
  return '```dockerfile\n' + code.replace(/\n$/, '') + '\n```';
}

export interface RenderOptions {
  /** Markdown heading level of the rule's title (sections go one deeper). */
  level?: number;
  /** Leave out the example (hovers stay short). */
  examples?: boolean;
}

/** The rule's documentation as Markdown. */
export function renderRule(rule: Rule, options: RenderOptions = {}): string {
  const level = options.level ?? 1;
  const h = (n: number): string => '#'.repeat(Math.min(6, n));
  const d = rule.docs;
  const out: string[] = [];
  out.push(`${h(level)} ${rule.name} (${rule.code})`, '', d.summary, '');
  out.push(`**Category:** ${rule.category} · **Default severity:** ${rule.severity} · **Fix:** ${fixLabel(rule)}`, '');
  out.push(`${h(level + 1)} What it finds`, '', d.what, '');
  out.push(`${h(level + 1)} Why it matters`, '', d.why, '');
  out.push(`${h(level + 1)} What to do`, '', d.useInstead, '');
  if (options.examples !== false) {
    out.push(`${h(level + 1)} Example`, '', 'Flagged:', '', fence(d.bad), '', 'Instead:', '', fence(d.good), '');
  }
  out.push(`${h(level + 1)} Fix safety`, '', d.fixSafety, '');
  if (d.limitations) out.push(`${h(level + 1)} Limitations`, '', d.limitations, '');
  out.push(`${h(level + 1)} Equivalent checks`, '', aliasList(rule), '');
  if (rule.references.length > 0) {
    out.push(`${h(level + 1)} References`, '', ...rule.references.map((r) => `- ${reference(r)}`), '');
  }
  out.push(
    `${h(level + 1)} Ignoring it`,
    '',
    `Above the instruction: \`# bulkhead ignore=${rule.name}\` (a reason may follow). For the whole file: \`# bulkhead global ignore=${rule.name}\`.` +
      (rule.aliases.some((a) => a.tool === 'hadolint') ? ` hadolint's \`# hadolint ignore=${rule.aliases.find((a) => a.tool === 'hadolint')?.id ?? ''}\` is honoured too.` : ''),
    '',
  );
  return out.join('\n');
}

/** The generated page docs/rules/<name>.md. */
export function renderRulePage(rule: Rule): string {
  return `<!-- Generated from server/src/rules/${rule.name}.ts by \`npm run docs\`. Do not edit. -->\n\n${renderRule(rule, { level: 1 })}`;
}

/**
 * The hover for a finding: the message (left out when the editor shows it already), then the rule's docs
 * without the long example.
 */
export function renderHover(rule: Rule, message: string | undefined): string {
  const d = rule.docs;
  return [
    ...(message !== undefined ? [`**${message}**`, ''] : []),
    `\`${rule.code}\` ${rule.name} · ${rule.severity} · ${fixLabel(rule)}`,
    '',
    `**Why:** ${d.why}`,
    '',
    `**What to do:** ${d.useInstead}`,
    '',
    'Before:',
    '',
    fence(d.bad),
    '',
    'After:',
    '',
    fence(d.good),
    '',
    rule.references.length > 0 ? `**Standards:** ${rule.references.map((r) => `${r.standard} ${r.id}`).join(' · ')}` : '',
    '',
    `**Same as:** ${aliasList(rule)}`,
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n');
}

/** The rule table of the README and of docs/rules/README.md. */
export function renderRuleTable(rules: readonly Rule[], linkBase = 'docs/rules/'): string {
  const rows = rules.map(
    (r) =>
      `| \`${r.code}\` | [${r.name}](${linkBase}${r.name}.md) | ${r.docs.summary.replace(/\|/g, '\\|')} | ${r.category} | ${r.severity} | ${r.fixable} | ${r.aliases.map((a) => a.id).join(', ') || '—'} |`,
  );
  return ['| Code | Name | Finds | Category | Severity | Fix | Same as |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}
