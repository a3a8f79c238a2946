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

export interface HoverOptions {
  /**
   * Whether a finding's hover starts with its message. Editors that show a diagnostic's message in the same
   * hover already (VS Code) turn this off, so the message is not said twice.
   */
  messages?: boolean;
}

/**
 * Hover: the explanation of the findings under the position, and the parsed image when it is a FROM image
 * (both when a finding covers the image); else a note on the instruction.
 */
export function hover(model: DockerfileModel, findings: readonly Finding[], position: Position, options: HoverOptions = {}): Hover | null {
  const messages = options.messages ?? true;
  const parts: string[] = [];
  let range: Range | undefined;
  for (const f of findings) {
    if (!contains(f.range, position)) continue;
    const rule = findRule(f.code);
    parts.push(rule ? renderHover(rule, messages ? f.message : undefined) : f.message);
    range ??= f.range;
  }
  const stage = model.stages.find((s) => (s.base.range ? contains(s.base.range, position) : false));
  if (stage?.base.range) {
    parts.push(imageHover(model, stage));
    range ??= stage.base.range;
  }
  if (parts.length > 0) return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range };
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
