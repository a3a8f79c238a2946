import type { Range } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { argumentsStart, parseExecForm } from '../../model/document';
import type { DockerfileModel, Instr } from '../../model/document';
import { hasVariables, substitute } from '../../model/variables';
import type { Rule } from '../types';
import { hadolintSees, resolvedWord } from './_shell';

/** Archive extensions, as hadolint reads them. */
const ARCHIVE = /\.(tar|Z|bz2|gz|lz|lzma|tZ|tb2|tbz|tbz2|tgz|tlz|tpz|txz|xz)$/;

interface Copied {
  instr: Instr;
  range: Range;
  source: string;
  /** Paths the archive may have in the image: the destination itself, or the source's name under it. */
  paths: string[];
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts[parts.length - 1] ?? '';
}

/** Archives a COPY (not from another stage or image) brings in from the build context. */
function copiedArchives(model: DockerfileModel, instr: Instr): Copied[] {
  const node = instr.node as unknown as { getFlags(): { getName(): string }[] };
  if (node.getFlags().some((f) => f.getName().toLowerCase() === 'from')) return [];
  const start = argumentsStart(model, instr);
  if (start === undefined || /^<</.test(instr.args[0]?.getValue() ?? '')) return [];
  const exec = parseExecForm(model.text, start, instr.end);
  const items = exec
    ? exec.strings.map((s) => ({ value: s.value, range: model.lines.range(s.start, s.end) }))
    : instr.args.map((a) => {
        // As written: dockerfile-ast drops the backslash of a Windows path (`build\app.tar`).
        const [s, e] = model.offsets(a.getRange());
        return { value: model.text.slice(s, e).replace(/^(["'])(.*)\1$/, '$2'), range: a.getRange() };
      });
  if (items.length < 2) return [];
  const resolve = (v: string): string | null => (hasVariables(v) ? substitute(v, instr.scope, { escapeChar: model.escapeChar, undeclaredUnknown: true }).value : v);
  const dest = resolve((items[items.length - 1]?.value ?? '').replace(/^["']|["']$/g, ''));
  if (dest === null) return [];
  const out: Copied[] = [];
  for (const src of items.slice(0, -1)) {
    const value = resolve(src.value);
    if (value === null || /[*?[]/.test(value) || !ARCHIVE.test(value)) continue;
    const name = baseName(value);
    const under = `${dest.replace(/\/+$/, '')}/${name}`;
    out.push({ instr, range: src.range, source: src.value, paths: dest.endsWith('/') ? [under] : [dest, under] });
  }
  return out;
}

/** Whether a tar command extracts (`tar -xf`, `tar xzf`, `tar --extract`). */
function extracts(c: IndexedCommand): boolean {
  const first = c.args[0]?.value ?? '';
  if (/^[A-Za-z]+$/.test(first) && first.includes('x')) return true;
  return c.flags.some((f) => f.name === '--extract' || f.name === '--get' || (/^-[A-Za-z]+$/.test(f.name) && f.name.slice(1).split('').some((ch, i, all) => ch === 'x' && !all.slice(0, i).includes('f'))));
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string): string => p.replace(/\/+/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
  if (norm(a) === norm(b)) return true;
  // A relative path is read against a working directory not followed here: compare names.
  return (!a.startsWith('/') || !b.startsWith('/')) && baseName(a) === baseName(b);
}

export const copiedArchiveExtracted: Rule = {
  code: 'BH263',
  name: 'copied-archive-extracted',
  category: 'build-hygiene',
  severity: 'info',
  aliases: [{ tool: 'hadolint', id: 'DL3010', differs: 'A `tar` behind `sudo` or inside `sh -c "…"` counts for Bulkhead too; those findings do not carry DL3010.' }],
  references: [{ standard: 'CWE', id: 'CWE-1164', title: 'Irrelevant Code', url: 'https://cwe.mitre.org/data/definitions/1164.html' }],
  fixable: 'none',
  docs: {
    summary: 'A local archive is copied in and then unpacked with tar, where ADD unpacks it.',
    what:
      'A `COPY` of a local file with an archive extension (`.tar`, `.tar.gz`, `.tgz`, `.tar.xz`, `.tar.bz2`, …) into the image, and a later `RUN` of the same stage ' +
      'that extracts it with `tar` (`tar -xf`, `tar xzf`, `tar --extract`), by its path or its name.',
    why:
      'The copied archive stays in the COPY\'s layer even if the RUN deletes it afterwards, so the image carries both the archive and its unpacked content. ' +
      '`ADD` of a local tar archive unpacks it in one step and stores only the files.',
    bad: 'FROM debian:bookworm-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n',
    good: 'FROM debian:bookworm-slim\nADD app.tar.gz /opt/\n',
    useInstead:
      'Use `ADD archive.tar.gz /dest/` for local tar archives (plain or gzip, bzip2, xz compressed); or extract from a bind mount without copying: ' +
      '`RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt`.',
    fixSafety: 'No automatic fix: ADD unpacks into the destination folder with its own rules for ownership and existing files, which may differ from the tar options used.',
    limitations: 'Archives unpacked by other tools (`gunzip`, `unzip`, `bsdtar`) are not followed; ADD does not unpack zip files anyway.',
  },
  check({ model, report }) {
    const index = commandIndex(model);
    for (const stage of model.stages) {
      const copies = stage.instructions.filter((i) => i.keyword === 'COPY').flatMap((i) => copiedArchives(model, i));
      if (copies.length === 0) continue;
      const tars = index.named('tar', { stage, keywords: ['RUN'] }).filter(extracts);
      for (const copy of copies) {
        const later = tars.find((t) => t.instr.start > copy.instr.start && t.args.some((a) => {
          const v = resolvedWord(model, t.instr, a);
          return v !== null && copy.paths.some((p) => samePath(v, p));
        }));
        if (!later) continue;
        report({
          message: `"${copy.source}" is copied and then extracted with tar; ADD extracts it in one step.`,
          range: copy.range,
          instructionLine: copy.instr.line,
          aliases: hadolintSees(later) ? ['DL3010'] : [],
        });
      }
    }
  },
};
