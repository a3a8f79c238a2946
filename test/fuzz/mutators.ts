/**
 * Seeded mutations of real Dockerfiles. Every mutator is a pure function of (text, random, corpus), so an input
 * is replayed exactly from the run's seed and its index (`--seed N --input I`).
 */

export type Random = () => number;

/** mulberry32: small, fast, seeded. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of input `index` of a run: inputs do not depend on each other, so any one can be replayed alone. */
export function inputSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const int = (next: Random, n: number): number => Math.floor(next() * n);
const pick = <T>(next: Random, items: readonly T[]): T => items[int(next, items.length)] as T;

/** Splits keeping each line's own break, so the text is the lines joined back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function eolOf(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

/** A line boundary offset (0, after a line break, or the end). */
function lineBoundary(text: string, next: Random): number {
  const lines = splitLines(text);
  const k = int(next, lines.length + 1);
  let at = 0;
  for (let i = 0; i < k; i++) at += (lines[i] ?? '').length;
  return at;
}

function insertAt(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}

const PACKAGES = ['curl', 'openssh-server', 'ca-certificates', 'git', 'openssh-client', 'dropbear', 'wget', 'gnupg', 'python3', 'build-essential'];

/** Characters that trip text handling: astral, combining, bidi controls, NUL, lone surrogates, odd spaces. */
const UNICODE = [
  '\u{1F600}', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '\u{10FFFF}', '\u{1D54F}', 'e\u0301', '\u0301', '\u0301\u0302\u0303\u0304',
  '\u202E', '\u202D', '\u2066', '\u2069', '\u200F', '\u05D0\u05D1', '\u0627\u0644', '\u0000', '\uD800', '\uDC00', '\uDBFF', '\uFFFE', '\uFFFF',
  '\uFEFF', '\u00A0', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C', '\u3000', '\u200B', '\u0007', '\u001B[31m', 'İ', 'ß', 'ﬃ', 'Ω',
];

/** Lines that change how what follows parses, or that rules look at. */
const SNIPPETS = [
  'FROM scratch', 'FROM node', 'FROM node:latest AS build', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS b', 'FROM build', 'FROM $BASE', 'FROM ${BASE:-alpine}:${TAG}',
  'ARG BASE=debian:bookworm', 'ARG TAG', 'USER root', 'USER 0:0', 'USER app', 'USER ${UID}', 'USER', 'EXPOSE 22', 'EXPOSE 22/tcp 80', 'EXPOSE ${PORT}',
  'ADD . /app', 'ADD https://example.com/x.tar.gz /x/', 'ADD --chown=app:app src /src', 'COPY --from=build /out /out', 'WORKDIR /app',
  'RUN apt-get update && apt-get install -y openssh-server && rm -rf /var/lib/apt/lists/*', 'RUN apk add --no-cache openssh', 'RUN mkdir /var/run/sshd',
  'RUN curl -fsSL https://example.com/install.sh | sh', 'RUN wget -qO- https://x | bash -s --', 'RUN ["sh", "-c", "curl x | sh"]', 'RUN set -eux; \\',
  'CMD ["/usr/sbin/sshd", "-D"]', 'CMD sshd -D', 'ENTRYPOINT ["service", "ssh", "start"]', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["powershell", "-Command"]', 'ONBUILD RUN curl x | sh', 'ENV PASSWORD=hunter2 TOKEN="a b"',
  'LABEL a=b "c d"=e', 'VOLUME ["/data"]', 'STOPSIGNAL SIGTERM', '# bulkhead ignore=root-user', '# bulkhead global ignore=BH003', '# hadolint ignore=DL3002',
  '# syntax=docker/dockerfile:1', '# escape=`', '# escape=\\', '#', '\\', '`', '"', "'", '[', '${', '$(', '<<EOF', 'EOF',
];

/** A heredoc in one of the shapes BuildKit accepts (and some it does not). */
function heredoc(next: Random, eol: string): string {
  const body = Array.from({ length: 1 + int(next, 4) }, () => pick(next, ['apt-get install -y openssh-server', 'curl -fsSL https://x | sh', 'set -e', 'echo "$HOME"', 'sshd -D', 'EOF2', ''])).join(eol);
  switch (int(next, 7)) {
    case 0:
      return `RUN <<EOF${eol}${body}${eol}EOF${eol}`;
    case 1:
      return `RUN <<-EOT${eol}\t${body}${eol}\tEOT${eol}`;
    case 2:
      return `RUN <<'EOF' bash -ex${eol}${body}${eol}EOF${eol}`;
    case 3:
      return `COPY <<EOF /etc/ssh/sshd_config${eol}${body}${eol}EOF${eol}`;
    case 4:
      return `RUN <<A <<"B"${eol}${body}${eol}A${eol}${body}${eol}B${eol}`;
    case 5:
      return `RUN python3 <<EOF${eol}${body}${eol}`; // never closed
    default:
      return `RUN cat <<EOF > /x && curl x | sh${eol}${body}${eol}EOF${eol}`;
  }
}

export interface Mutator {
  name: string;
  /** How often it is picked relative to the others (default 1): the huge inputs are slow to exercise. */
  weight?: number;
  /** Returns the new text and a short description of what it did. */
  apply(text: string, next: Random, corpus: readonly string[]): { text: string; did: string };
}

export const MUTATORS: readonly Mutator[] = [
  {
    name: 'byte-flip',
    apply(text, next) {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return { text: String.fromCharCode(int(next, 256)), did: 'byte-flip on empty' };
      const n = 1 + int(next, 8);
      for (let i = 0; i < n; i++) {
        const at = int(next, bytes.length);
        bytes[at] = (bytes[at] ?? 0) ^ (1 << int(next, 8));
      }
      return { text: bytes.toString('utf8'), did: `flip ${n} bits` };
    },
  },
  {
    name: 'char-flip',
    apply(text, next) {
      if (text.length === 0) return { text, did: 'char-flip on empty' };
      const chars = text.split('');
      const n = 1 + int(next, 8);
      for (let i = 0; i < n; i++) {
        const at = int(next, chars.length);
        chars[at] = String.fromCharCode((chars[at] ?? ' ').charCodeAt(0) ^ (1 << int(next, 16)));
      }
      return { text: chars.join(''), did: `flip ${n} UTF-16 units` };
    },
  },
  {
    name: 'delete-lines',
    apply(text, next) {
      const lines = splitLines(text);
      const at = int(next, lines.length + 1);
      const n = 1 + int(next, Math.min(8, lines.length + 1));
      lines.splice(at, n);
      return { text: lines.join(''), did: `delete ${n} lines at ${at}` };
    },
  },
  {
    name: 'duplicate-lines',
    apply(text, next) {
      const lines = splitLines(text);
      const at = int(next, lines.length + 1);
      const n = 1 + int(next, 6);
      const times = 1 + int(next, 3);
      const block = lines.slice(at, at + n);
      for (let i = 0; i < times; i++) lines.splice(at + n, 0, ...block);
      return { text: lines.join(''), did: `duplicate ${n} lines at ${at} x${times}` };
    },
  },
  {
    name: 'swap-lines',
    apply(text, next) {
      const lines = splitLines(text);
      if (lines.length < 2) return { text, did: 'swap on one line' };
      const a = int(next, lines.length);
      const b = int(next, lines.length);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return { text: lines.join(''), did: `swap lines ${a} and ${b}` };
    },
  },
  {
    name: 'truncate',
    apply(text, next) {
      const at = int(next, text.length + 1);
      return { text: text.slice(0, at), did: `truncate at ${at}` };
    },
  },
  {
    name: 'huge-line',
    weight: 0.35,
    apply(text, next) {
      const size = 50_000 + int(next, 100_000);
      const at = lineBoundary(text, next);
      const eol = eolOf(text);
      const kind = int(next, 7);
      let line: string;
      if (kind === 0) line = `RUN apt-get install -y ${Array.from({ length: Math.ceil(size / 16) }, (_, i) => `${pick(next, PACKAGES)}${i}`).join(' ')} openssh-server`;
      else if (kind === 1) line = `# ${'x'.repeat(size)}`;
      else if (kind === 2) line = `LABEL description="${'a '.repeat(size / 2)}"`;
      else if (kind === 3) line = `ENV X=${'$Y'.repeat(size / 2)}`;
      else if (kind === 4) line = `RUN echo ${'"a" '.repeat(size / 4)}| sh`;
      else if (kind === 5) line = `FROM ${'a/'.repeat(size / 2)}b:${'1'.repeat(200)}`;
      else line = `RUN ${'curl x | sh && '.repeat(size / 15)}true`;
      return { text: insertAt(text, at, line + eol), did: `${line.length}-char line (${line.slice(0, 12)}…) at ${at}` };
    },
  },
  {
    name: 'deep-continuation',
    weight: 0.35,
    apply(text, next) {
      const n = 1000 + int(next, 4000);
      const at = lineBoundary(text, next);
      const eol = eolOf(text);
      const kind = int(next, 4);
      const item = (i: number): string => (kind === 0 ? `    ${pick(next, PACKAGES)}${i % 7 === 0 ? '' : i} \\` : kind === 1 ? `    && echo ${i} \\` : kind === 2 ? '\\' : `# comment ${i} \\`);
      const head = kind === 2 ? 'RUN \\' : kind === 3 ? 'RUN apt-get install -y \\' : kind === 1 ? 'RUN true \\' : 'RUN apt-get update && apt-get install -y \\';
      const lines = [head, ...Array.from({ length: n }, (_, i) => item(i)), int(next, 2) === 0 ? '    curl -fsSL https://x | sh' : ''];
      return { text: insertAt(text, at, lines.join(eol) + eol), did: `${n} continued lines (kind ${kind}) at ${at}` };
    },
  },
  {
    name: 'unicode',
    apply(text, next) {
      let out = text;
      const n = 1 + int(next, 6);
      const used: string[] = [];
      for (let i = 0; i < n; i++) {
        const u = pick(next, UNICODE);
        used.push(JSON.stringify(u));
        out = insertAt(out, int(next, out.length + 1), u);
      }
      return { text: out, did: `insert ${used.join(' ')}` };
    },
  },
  {
    name: 'line-endings',
    apply(text, next) {
      const mode = int(next, 4);
      const lines = text.split(/\r\n|\r|\n/);
      const eols = ['\n', '\r\n', '\r'];
      const pickEol = (): string => (mode === 3 ? pick(next, eols) : (eols[mode] ?? '\n'));
      let out = '';
      for (let i = 0; i < lines.length; i++) out += (lines[i] ?? '') + (i < lines.length - 1 ? pickEol() : '');
      return { text: out, did: `line endings ${['LF', 'CRLF', 'CR', 'mixed'][mode]}` };
    },
  },
  {
    name: 'bom',
    apply(text, next) {
      if (int(next, 3) > 0) return { text: `\uFEFF${text}`, did: 'leading BOM' };
      const at = lineBoundary(text, next);
      return { text: insertAt(text, at, '\uFEFF'), did: `BOM at ${at}` };
    },
  },
  {
    name: 'directive',
    apply(text, next) {
      const eol = eolOf(text);
      const kind = int(next, 6);
      if (kind === 0) {
        // The whole file switched to backtick escapes, as a Windows Dockerfile would be.
        return { text: `# escape=\`${eol}${text.replace(/\\(\r\n|\r|\n)/g, '`$1')}`, did: 'escape=` with backtick continuations' };
      }
      if (kind === 1) return { text: `# escape=\`${eol}${text}`, did: 'escape=` above backslash continuations' };
      if (kind === 2) return { text: `# syntax=docker/dockerfile:1.7${eol}# escape=\\${eol}${text}`, did: 'syntax and escape=\\ directives' };
      if (kind === 3) return { text: `#escape=\`${eol}#  syntax = x${eol}# check=skip=all${eol}${text}`, did: 'spaced directives' };
      if (kind === 4) return { text: `# escape=${pick(next, ['x', '', '``', '\\\\', '$', '#'])}${eol}${text}`, did: 'invalid escape directive' };
      const at = lineBoundary(text, next);
      return { text: insertAt(text, at, `# escape=\`${eol}`), did: `escape directive at ${at} (not a directive there)` };
    },
  },
  {
    name: 'heredoc',
    apply(text, next) {
      const at = lineBoundary(text, next);
      const h = heredoc(next, eolOf(text));
      return { text: insertAt(text, at, h), did: `heredoc ${JSON.stringify(h.slice(0, 24))}… at ${at}` };
    },
  },
  {
    name: 'snippet',
    apply(text, next) {
      const eol = eolOf(text);
      const s = pick(next, SNIPPETS);
      if (int(next, 2) === 0) {
        const at = lineBoundary(text, next);
        return { text: insertAt(text, at, s + eol), did: `line ${JSON.stringify(s)} at ${at}` };
      }
      const at = int(next, text.length + 1);
      return { text: insertAt(text, at, s), did: `${JSON.stringify(s)} at ${at}` };
    },
  },
  {
    name: 'splice',
    apply(text, next, corpus) {
      if (corpus.length === 0) return { text, did: 'splice without corpus' };
      const donorIndex = int(next, corpus.length);
      const donor = splitLines(corpus[donorIndex] ?? '');
      const from = int(next, donor.length + 1);
      const n = 1 + int(next, 30);
      let piece = donor.slice(from, from + n).join('');
      if (piece.length > 0 && !/[\r\n]$/.test(piece)) piece += '\n';
      const at = int(next, 4) === 0 ? int(next, text.length + 1) : lineBoundary(text, next);
      return { text: insertAt(text, at, piece), did: `splice ${n} lines from corpus #${donorIndex}:${from} at ${at}` };
    },
  },
  {
    name: 'keyword',
    apply(text, next) {
      const lines = splitLines(text);
      const idx = lines.map((l, i) => (/^\s*[A-Za-z]+\s/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) return { text, did: 'no keyword to change' };
      const i = pick(next, idx);
      const to = pick(next, ['FROM', 'RUN', 'ADD', 'COPY', 'USER', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'ONBUILD', 'HEALTHCHECK CMD', 'SHELL', 'ARG', 'ENV', 'run', 'From', 'MAINTAINER', 'XYZ']);
      lines[i] = (lines[i] ?? '').replace(/^(\s*)[A-Za-z]+/, `$1${to}`);
      return { text: lines.join(''), did: `keyword of line ${i} to ${to}` };
    },
  },
];

function pickMutator(next: Random): Mutator {
  const total = MUTATORS.reduce((s, m) => s + (m.weight ?? 1), 0);
  let x = next() * total;
  for (const m of MUTATORS) {
    x -= m.weight ?? 1;
    if (x < 0) return m;
  }
  return MUTATORS[MUTATORS.length - 1] as Mutator;
}

/** One fuzz input: a corpus file with 1 to 4 mutations applied in a row. */
export function makeInput(seed: number, index: number, corpus: readonly string[], names: readonly string[]): { text: string; label: string } {
  const next = random(inputSeed(seed, index));
  const fileIndex = int(next, corpus.length);
  let text = corpus[fileIndex] ?? '';
  const steps: string[] = [];
  const n = 1 + int(next, 4);
  for (let k = 0; k < n; k++) {
    const m = pickMutator(next);
    const r = m.apply(text, next, corpus);
    text = r.text;
    steps.push(`${m.name}: ${r.did}`);
  }
  return { text, label: `${names[fileIndex] ?? '?'} + ${steps.join('; ')}` };
}
