import type { DockerfileModel, Instr } from '../../model/document';
import { substitute } from '../../model/variables';

/** One port word of an EXPOSE: as written, its offsets, and its value once variables are substituted (null when unknown). */
export interface ExposeWord {
  written: string;
  start: number;
  end: number;
  value: string | null;
  literal: boolean;
}

export function exposeWords(model: DockerfileModel, instr: Instr): ExposeWord[] {
  if (instr.keyword !== 'EXPOSE') return [];
  return instr.args.map((a) => {
    const written = a.getValue();
    const [start, end] = model.offsets(a.getRange());
    const literal = !written.includes('$') && model.text.slice(start, end) === written;
    const value = literal ? written : substitute(written, instr.scope, { escapeChar: model.escapeChar }).value;
    return { written, start, end, value, literal };
  });
}

/** A port spec split as Docker splits `ip:hostPort:containerPort` (an IPv6 address keeps its colons). */
export function splitPortSpec(spec: string): { ip: string; host: string; container: string } {
  const parts = spec.split(':');
  const n = parts.length;
  const container = parts[n - 1] ?? '';
  if (n === 1) return { ip: '', host: '', container };
  if (n === 2) return { ip: '', host: parts[0] ?? '', container };
  return { ip: parts.slice(0, n - 2).join(':'), host: parts[n - 2] ?? '', container };
}
