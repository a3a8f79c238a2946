import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr } from '../../model/document';
import { resolveWord } from './_util';

export interface LabelPair {
  instr: Instr;
  key: string;
  /** The value after quotes are removed and build arguments resolved; null when unknown before build time. */
  value: string | null;
  keyRange: Range;
  /** The value's range, or the key's when the value is empty. */
  valueRange: Range;
}

interface PropertyNode {
  getName(): string;
  getNameRange(): Range;
  getValueRange(): Range | null;
}

/** The key/value pairs of a LABEL instruction. */
export function labelPairs(model: DockerfileModel, instr: Instr): LabelPair[] {
  const props = (instr.node as unknown as { getProperties(): PropertyNode[] }).getProperties();
  return props.map((p) => {
    const valueRange = p.getValueRange();
    const raw = valueRange ? model.text.slice(...model.offsets(valueRange)) : '';
    return {
      instr,
      key: p.getName(),
      value: resolveWord(model, instr, raw.replace(/\\\r?\n[ \t]*/g, '')),
      keyRange: p.getNameRange(),
      valueRange: valueRange ?? p.getNameRange(),
    };
  });
}
