import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { renderHover } from '../docs/render';
import type { DockerfileModel } from '../model/document';
import { findRule } from '../rules/index';
import type { Finding } from '../rules/types';
import { INSTRUCTION_DOCS } from './instruction-docs';

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** Hover: a finding's explanation, else the parsed image of a FROM, else a note on the instruction. */
export function hover(model: DockerfileModel, findings: readonly Finding[], position: Position): Hover | null {
  const here = findings.filter((f) => contains(f.range, position));
  if (here.length > 0) {
    const parts = here.map((f) => {
      const rule = findRule(f.code);
      return rule ? renderHover(rule, f.message) : f.message;
    });
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: here[0]?.range };
  }
  for (const stage of model.stages) {
    const base = stage.base;
    if (base.range && contains(base.range, position)) return { contents: { kind: 'markdown', value: imageHover(model, stage) }, range: base.range };
  }
  const instr = model.instructions.find((i) => contains(i.node.getInstructionRange(), position));
  if (instr) {
    const doc = INSTRUCTION_DOCS[instr.keyword];
    if (doc) return { contents: { kind: 'markdown', value: `**${instr.keyword}**\n\n${doc}` }, range: instr.node.getInstructionRange() };
  }
  return null;
}

function imageHover(model: DockerfileModel, stage: DockerfileModel['stages'][number]): string {
  const base = stage.base;
  const lines: string[] = [];
  const stageLabel = stage.name ? `stage "${stage.name}" (#${stage.index})` : `stage #${stage.index}`;
  switch (base.kind) {
    case 'image': {
      const r = base.ref;
      lines.push(`**Base image of ${stageLabel}**`, '', `\`${r.canonical}\``, '');
      lines.push('| | |', '|---|---|');
      lines.push(`| Registry | \`${r.registry}\`${r.registryExplicit ? '' : ' (Docker Hub, by default)'} |`);
      lines.push(`| Repository | \`${r.repository}\` |`);
      lines.push(`| Tag | ${r.tag !== null ? `\`${r.tag}\`` : r.digest !== null ? '— (pinned by digest)' : '— (means `latest`)'} |`);
      lines.push(`| Digest | ${r.digest !== null ? `\`${r.digest}\`` : '— (not pinned)'} |`);
      if (stage.platform) lines.push(`| Platform | \`${stage.platform}\` |`);
      lines.push(`| OS family | ${stage.os === 'unknown' ? 'unknown' : stage.os} |`);
      if (base.variables.length > 0) {
        const defs = base.variables.map((v) => {
          const arg = model.globalArgs.find((a) => a.scope.get(v)?.line === a.line && a.scope.has(v));
          return `\`$${v}\`${arg ? ` (ARG on line ${arg.line + 1})` : ''}`;
        });
        lines.push('', `Resolved from ${defs.join(', ')}: \`${base.written}\` → \`${base.text}\`.`);
      }
      break;
    }
    case 'stage':
      lines.push(`**Stage reference**`, '', `${stageLabel} builds on stage "${base.stage.name ?? base.stage.index}" (line ${base.stage.from.line + 1}), not on a registry image.`);
      break;
    case 'scratch':
      lines.push('**scratch**', '', 'An empty image: no shell, no users, no packages. The smallest attack surface; the binary must be static.');
      break;
    default:
      lines.push(`**Unresolved image** \`${base.written}\``, '', `The image is unknown until build time: ${base.reason}.`);
  }
  return lines.join('\n');
}
