import { parseExecForm, withCarried } from '../../model/document';
import type { DockerfileModel, Instr } from '../../model/document';
import { insertAt } from '../../model/edits';
import { substitute } from '../../model/variables';
import { flagsOf } from '../buildkit/_util';
import type { Rule } from '../types';

/** A source of an ADD: its value with ARG and ENV substituted (null when unknown) and where it is written. */
interface Source {
  value: string | null;
  written: string;
  start: number;
  end: number;
}

/** Sources that make ADD fetch something; the rest is local. */
const REMOTE = /^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;
const FULL_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const DIGEST = /^sha(?:256|384|512):[0-9a-f]{64,128}$/;

/**
 * Whether BuildKit reads a remote source as a git repository: `git@host:path`, `git://` and `ssh://` always; an
 * http(s) URL when its path ends in `.git` (what `gitutil.ParseGitRef` takes for a repository).
 */
function isGit(url: string): boolean {
  if (/^(?:git@|git:\/\/|ssh:\/\/)/i.test(url)) return true;
  const path = url.replace(/[?#].*$/s, '');
  return /\.git\/?$/i.test(path);
}

/**
 * The ref a git source names and whether it pins a commit: `#<ref>[:<subdir>]`, or the query form
 * `?ref=<ref>`, `?tag=…`, `?branch=…`, `?checksum=<commit>` (BuildKit 0.17 and later). A branch or tag can move;
 * only a full commit id, or a `checksum` BuildKit compares the commit with, pins the content.
 */
function gitRef(url: string): { ref: string | null; pinned: boolean } {
  const hash = url.indexOf('#');
  const query = url.indexOf('?');
  if (query >= 0 && (hash < 0 || query < hash)) {
    const params = new URLSearchParams(url.slice(query + 1, hash >= 0 ? hash : undefined));
    if (/^[0-9a-f]{7,64}$/.test(params.get('checksum') ?? '')) return { ref: params.get('checksum'), pinned: true };
    const ref = params.get('ref') ?? params.get('tag') ?? params.get('branch');
    if (ref !== null) return { ref, pinned: FULL_COMMIT.test(ref) };
  }
  if (hash >= 0) {
    const ref = url.slice(hash + 1).split(':')[0] ?? '';
    if (ref !== '') return { ref, pinned: FULL_COMMIT.test(ref) };
  }
  return { ref: null, pinned: false };
}

function sourcesOf(model: DockerfileModel, instr: Instr): Source[] | undefined {
  const args = instr.args;
  const first = args[0];
  if (!first || args.length < 2) return undefined;
  const argStart = model.lines.offsetAt(first.getRange().start);
  if (/^<</.test(first.getValue())) return undefined;
  const exec = parseExecForm(model.text, argStart, instr.end);
  const written = exec
    ? exec.strings.map((s) => ({ written: s.value, start: s.start, end: s.end }))
    : args.map((a) => ({ written: a.getValue(), start: model.lines.offsetAt(a.getRange().start), end: model.lines.offsetAt(a.getRange().end) }));
  return written.slice(0, -1).map((w) => ({ ...w, value: substitute(w.written, instr.scope, { undeclaredUnknown: true }).value }));
}

function hasChecksum(instr: Instr): boolean {
  return flagsOf(instr).some((f) => f.getName().toLowerCase() === 'checksum' && (f.getValue() ?? '') !== '');
}

/**
 * The http(s) URLs that an ADD of one source downloads without `--checksum`, as the rule reads them (ARG and ENV
 * substituted): the URLs whose digest, once an adapter has downloaded them (`facts.urlDigests`), the fix pins.
 */
export function urlsWithoutChecksum(model: DockerfileModel): string[] {
  const out = new Set<string>();
  for (const instr of withCarried(model)) {
    if (instr.keyword !== 'ADD' || !model.text.slice(instr.start, instr.end).includes('://') || hasChecksum(instr)) continue;
    const sources = sourcesOf(model, instr);
    const url = sources?.length === 1 ? sources[0]?.value : null;
    if (url && /^https?:\/\//i.test(url) && !isGit(url)) out.add(url);
  }
  return [...out];
}

export const addUrlWithoutChecksum: Rule = {
  code: 'BH441',
  name: 'add-url-without-checksum',
  category: 'supply-chain',
  severity: 'warning',
  trust: 'insecure',
  aliases: [],
  references: [
    { standard: 'CWE', id: 'CWE-494', title: 'Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
    { standard: 'CWE', id: 'CWE-353', title: 'Missing Support for Integrity Check', url: 'https://cwe.mitre.org/data/definitions/353.html' },
    { standard: 'NIST SP 800-190', id: '4.1.3', title: 'Embedded malware' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: '`ADD` downloads a file without `--checksum`, or clones a git repository at a branch or tag instead of a commit.',
    attack: 'Whoever controls the server, the DNS name or the repository (or the network, for `http://`) changes what goes into the image, and the build takes it without a complaint.',
    what:
      'An `ADD` of an `http://` or `https://` URL without `--checksum=sha256:…`, and an `ADD` of a git repository (`git@host:repo`, `ssh://`, `git://`, or an http(s) URL ending in `.git`) ' +
      'that is not pinned to a full commit: no `#<ref>`, a branch or tag as the ref (`#v1.2`, `?ref=main`, `?tag=v1.2`), and no `--checksum` or `?checksum=` naming the commit. ' +
      'Sources are read with ARG and ENV values substituted. Every stage is checked: what a build stage downloads reaches the final image through what it builds.',
    why:
      'Without a checksum, `ADD` takes whatever the server returns on the day of the build: a compromised release page, a re-tagged version or a hijacked domain ends up in the image, ' +
      'and two builds of the same Dockerfile can differ. Git branches move, and tags can be moved or deleted and re-created; only a commit id names fixed content.',
    bad: 'FROM debian:bookworm-slim\nADD https://example.com/tool-1.2.tar.gz /tmp/tool.tar.gz\n',
    good:
      'FROM debian:bookworm-slim\nADD --checksum=sha256:5f2b8f7c1a7e8d6b0f4a1e3c9d2b7a6f8e0c1d3b5a7f9e2c4d6b8a0f1e3c5d7b https://example.com/tool-1.2.tar.gz /tmp/tool.tar.gz\n',
    useInstead:
      'Record the digest of the file you reviewed and add it: `ADD --checksum=sha256:<hex> URL dest` (`sha256sum file` gives it). For git, pin the commit: ' +
      '`ADD https://github.com/org/repo.git#<40-hex commit> /src` or `ADD --checksum=<commit> https://github.com/org/repo.git#v1.2 /src`.',
    fixSafety:
      'Unsafe, and only offered when the digest of the URL is known (an adapter that downloaded it): `--checksum=sha256:…` is inserted after `ADD`. The build then fails when the file changes, ' +
      'which is the point; the digest is what was downloaded, not what was reviewed, so someone has to stand by it.',
    limitations:
      'A source whose value depends on a variable without a value is not judged. `--checksum` is taken as given; whether its value matches is for BuildKit to check. Downloads made in `RUN` (`curl`, `wget`) are not this rule\'s.',
    exampleFacts: { urlDigests: { 'https://example.com/tool-1.2.tar.gz': 'sha256:5f2b8f7c1a7e8d6b0f4a1e3c9d2b7a6f8e0c1d3b5a7f9e2c4d6b8a0f1e3c5d7b' } },
  },
  check({ model, facts, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'ADD') continue;
      const raw = model.text.slice(instr.start, instr.end);
      if (!raw.includes('://') && !raw.includes('git@') && !raw.includes('$')) continue;
      const sources = sourcesOf(model, instr);
      if (!sources) continue;
      if (hasChecksum(instr)) continue;
      for (const s of sources) {
        const url = s.value;
        if (url === null || !REMOTE.test(url)) continue;
        const range = model.lines.range(s.start, s.end);
        if (isGit(url)) {
          const { ref, pinned } = gitRef(url);
          if (pinned) continue;
          report({
            message:
              ref === null
                ? `ADD clones ${url} at its default branch, not at a pinned commit.`
                : `ADD clones ${url} at "${ref}", a branch or tag that can move, not at a pinned commit.`,
            range,
            instructionLine: instr.line,
          });
          continue;
        }
        const plain = /^http:/i.test(url);
        const digest = facts.urlDigests?.[url];
        const [kwStart, kwEnd] = model.offsets(instr.node.getInstructionRange());
        const fix = digest !== undefined && DIGEST.test(digest) && sources.length === 1 && kwEnd > kwStart;
        report({
          message: `ADD downloads ${url}${plain ? ' over plain HTTP' : ''} without a --checksum to verify it.`,
          range,
          instructionLine: instr.line,
          fixes: fix ? [{ title: 'Pin with --checksum', applicability: 'unsafe', edits: [insertAt(model, kwEnd, ` --checksum=${digest}`)] }] : [],
        });
      }
    }
  },
};
