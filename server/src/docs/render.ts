import type { PeerCheck } from '../rules/peer-checks';
import type { Reference, Rule, Uncovered } from '../rules/types';

/**
 * One rule declaration rendered everywhere: the hover, the generated page under docs/rules/, the README
 * table and the SARIF help text all come from here.
 */

const TOOL_NAMES: Record<string, string> = { hadolint: 'hadolint', trivy: 'Trivy', checkov: 'Checkov', buildkit: 'BuildKit' };

export function fixLabel(rule: Rule): string {
  return rule.fixable === 'none' ? 'no automatic fix' : rule.fixable === 'safe' ? 'safe fix (joins fix-all)' : 'unsafe fix (quick fix only)';
}

/** Alias IDs without Trivy's older spellings (`DS002`, `AVD-DS-0002`), which name the same check. */
export function primaryAliases(rule: Rule): string[] {
  return rule.aliases.filter((a) => !(a.tool === 'trivy' && /^(DS\d{3}|AVD-DS-\d{4})$/.test(a.id))).map((a) => a.id);
}

export function aliasList(rule: Rule): string {
  if (rule.aliases.length === 0) return 'none';
  const byTool = new Map<string, string[]>();
  for (const a of rule.aliases) if (primaryAliases(rule).includes(a.id)) byTool.set(a.tool, [...(byTool.get(a.tool) ?? []), a.id]);
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
  if (d.attack) out.push(`**The attack:** ${d.attack}`, '');
  out.push(
    `**Category:** ${rule.category} · **Default severity:** ${rule.enabledByDefault === false ? `off (${rule.severity} when turned on)` : rule.severity} · **Fix:** ${fixLabel(rule)}`,
    '',
  );
  out.push(`${h(level + 1)} What it finds`, '', d.what, '');
  out.push(`${h(level + 1)} Why it matters`, '', d.why, '');
  out.push(`${h(level + 1)} What to do`, '', d.useInstead, '');
  if (options.examples !== false) {
    out.push(`${h(level + 1)} Example`, '', 'Flagged:', '', fence(d.bad), '', 'Instead:', '', fence(d.good), '');
    const ignore = d.exampleFacts?.dockerignore;
    if (ignore) out.push(`With this \`${ignore.path}\` beside the Dockerfile:`, '', '```gitignore\n' + ignore.text.replace(/\n$/, '') + '\n```', '');
  }
  out.push(`${h(level + 1)} Fix safety`, '', d.fixSafety, '');
  if (d.limitations) out.push(`${h(level + 1)} Limitations`, '', d.limitations, '');
  const opts = Object.entries(rule.options ?? {});
  if (opts.length > 0) {
    out.push(
      `${h(level + 1)} Options`,
      '',
      `In \`.bulkhead.yaml\`: \`rules: { ${rule.name}: { level: ${rule.severity}, <option>: <value> } }\`.`,
      '',
      ...opts.map(([name, o]) => `- \`${name}\` (${o.type}, default \`${JSON.stringify(o.default)}\`${o.configKey ? `; also the top-level \`${o.configKey}\`` : ''}): ${o.description}`),
      '',
    );
    if (d.exampleOptions && options.examples !== false) out.push(`The example above is checked with \`${JSON.stringify(d.exampleOptions)}\`.`, '');
  }
  out.push(`${h(level + 1)} Equivalent checks`, '', aliasList(rule), '');
  const differing = rule.aliases.filter((a) => a.differs !== undefined && primaryAliases(rule).includes(a.id));
  if (differing.length > 0) out.push(...differing.map((a) => `- Differs from \`${a.id}\`: ${a.differs ?? ''}`), '');
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
  return `<!-- Generated from the declaration of rule ${rule.code} by \`npm run docs\`. Do not edit. -->\n\n${renderRule(rule, { level: 1 })}`;
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
    ...(d.attack ? [`**The attack:** ${d.attack}`, ''] : []),
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
      `| \`${r.code}\` | [${r.name}](${linkBase}${r.name}.md) | ${r.docs.summary.replace(/\|/g, '\\|')} | ${r.category} | ${r.severity} | ${r.fixable} | ${primaryAliases(r).join(', ') || '—'} |`,
  );
  return ['| Code | Name | Finds | Category | Severity | Fix | Same as |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * docs/compatibility.md: for each check of another tool, the Bulkhead rule that answers for it and whether it
 * means the same on the same inputs, or why none does.
 */
export function renderCompatibility(rules: readonly Rule[], uncovered: readonly Uncovered[], peers: readonly PeerCheck[], linkBase = 'rules/'): string {
  const out: string[] = [
    '<!-- Generated by `npm run docs` from the rule declarations. Do not edit. -->',
    '',
    '# Compatibility with hadolint, Trivy, Checkov and BuildKit',
    '',
    'Each check of the other tools, the Bulkhead rule that reports the same thing, and whether it fires on the same inputs. ' +
      "Their ignore comments and config files name Bulkhead's rules by these IDs (`# hadolint ignore=DL3008`, `# trivy:ignore:DS-0029`, " +
      '`# checkov:skip=CKV_DOCKER_3`, `# check=skip=StageNameCasing`). Trivy\'s older spellings (`DS002`, `AVD-DS-0002`) work too.',
    '',
    '"Same" means the same meaning on the same inputs, clean cases included; "differs" says where Bulkhead deliberately reports something else, and why.',
    '',
  ];
  for (const tool of ['hadolint', 'trivy', 'checkov', 'buildkit'] as const) {
    out.push(`## ${TOOL_NAMES[tool] ?? tool}`, '', '| Check | What it finds | Bulkhead rule | Same? | Notes |', '|---|---|---|---|---|');
    for (const p of peers.filter((c) => c.tool === tool)) {
      const rule = rules.find((r) => r.aliases.some((a) => a.id === p.id));
      const alias = rule?.aliases.find((a) => a.id === p.id);
      const cell = (t: string): string => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      if (rule && alias) {
        out.push(`| \`${p.id}\` | ${cell(p.title)} | [${rule.name}](${linkBase}${rule.name}.md) | ${alias.differs ? 'differs' : 'same'} | ${cell(alias.differs ?? '')} |`);
        continue;
      }
      const u = uncovered.find((x) => x.id === p.id);
      const see = u?.see ? rules.find((r) => r.code === u.see) : undefined;
      out.push(`| \`${p.id}\` | ${cell(p.title)} | ${see ? `(see [${see.name}](${linkBase}${see.name}.md))` : '—'} | no rule | ${cell(u?.why ?? 'Not covered yet.')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
