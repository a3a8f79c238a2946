import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel, Instr } from '../../model/document';
import { wordValue } from '../../model/run-context';

/** The text of a heredoc and where it is in the Dockerfile, with the file it goes to when that is known. */
export interface HeredocBody {
  instr: Instr;
  /** Offsets of the body, without the closing delimiter line. */
  start: number;
  end: number;
  /** The file written (`cat <<EOF > f`, `tee f <<EOF`, `COPY <<EOF f`), ARG and ENV substituted; null when unknown. */
  target: string | null;
}

const OPEN = /<<(-?)[ \t]*(["']?)([A-Za-z_][\w.-]*)\2/;

/** The body that starts on the line after `from` and ends at a line holding only the delimiter. */
function bodyAfter(text: string, from: number, limit: number, delim: string, tabs: boolean): { start: number; end: number } | undefined {
  const eol = text.indexOf('\n', from);
  if (eol < 0 || eol >= limit) return undefined;
  const start = eol + 1;
  const closing = new RegExp(`^${tabs ? '\\t*' : ''}${delim.replace(/[.]/g, '\\.')}[ \\t]*\\r?$`, 'm');
  const rest = text.slice(start, limit + 1);
  const m = closing.exec(rest);
  if (!m) return undefined;
  return { start, end: start + m.index };
}

/**
 * The heredoc a `cat` or `tee` command of a RUN reads (`cat <<EOF > /etc/x.repo`, `tee f <<'EOF'`), found in
 * the text of the command's line: tree-sitter-bash keeps the redirect and the body inside the heredoc node, which
 * the shell model does not expose.
 */
export function commandHeredoc(model: DockerfileModel, c: IndexedCommand): HeredocBody | undefined {
  const text = model.text;
  const lineEnd = text.indexOf('\n', c.start);
  const line = text.slice(c.start, lineEnd < 0 ? c.instr.end : lineEnd);
  const open = OPEN.exec(line);
  if (!open) return undefined;
  const body = bodyAfter(text, c.start, c.instr.end, open[3] ?? '', open[1] === '-');
  if (!body) return undefined;
  let target: string | null = null;
  if (c.name === 'tee') {
    const file = c.args.find((a) => !(a.value ?? '').startsWith('-'));
    target = file ? wordValue(c.instr, file) : null;
  } else {
    const redirect = c.command.redirects?.find((r) => r.op === '>' || r.op === '>>');
    if (redirect) target = wordValue(c.instr, redirect.target);
    else {
      const m = /(?:^|[^\d&<>])>>?[ \t]*(["']?)([^\s"'|;&<>]+)\1/.exec(line.replace(OPEN, ''));
      target = m?.[2] !== undefined && !m[2].includes('$') ? m[2] : null;
    }
  }
  return { instr: c.instr, ...body, target };
}

interface HeredocNode {
  getContentRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null;
}

/** The heredocs of `COPY <<EOF /dest` (and `ADD <<EOF /dest`), each with the destination. */
export function copyHeredocs(model: DockerfileModel, instr: Instr): HeredocBody[] {
  const node = instr.node as unknown as { getHeredocs?: () => HeredocNode[] };
  const heredocs = node.getHeredocs?.() ?? [];
  if (heredocs.length === 0) return [];
  // The destination is the last word of the first line; the body's lines follow as arguments too.
  const first = instr.args.filter((a) => a.getRange().start.line === instr.line);
  const dest = first.length >= 2 ? (first[first.length - 1]?.getValue() ?? null) : null;
  const out: HeredocBody[] = [];
  for (const h of heredocs) {
    const range = h.getContentRange();
    if (!range) continue;
    const [start, end] = model.offsets(range);
    out.push({ instr, start, end, target: dest });
  }
  return out;
}
