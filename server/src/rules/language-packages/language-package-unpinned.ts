import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { ShellWord } from '../../model/shell';
import type { Rule, RuleContext } from '../types';
import { wordValue } from './_util';

/** pip options that take the next word as their value (hadolint's list and pip's other ones). */
const PIP_VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target',
  '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar',
  '--cache-dir', '--log', '--log-file', '--proxy', '--src', '-b', '--build', '--upgrade-strategy', '--retries', '--timeout', '--global-option',
  '--install-option', '--config-settings', '-C', '--report', '--cert', '--client-cert', '--exists-action', '--python', '--keyring-provider',
  '--use-feature', '--use-deprecated', '--root-user-action', '--python-platform', '--group',
]);

const NPM_VALUE_OPTIONS = new Set(['--prefix', '--registry', '-w', '--workspace', '--omit', '--include', '--tag', '--cache', '--loglevel', '--userconfig', '--globalconfig', '--install-strategy', '--before']);

const GEM_VALUE_OPTIONS = new Set(['-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform', '-P', '--trust-policy', '--build-root', '-g', '--file', '--target-rbconfig']);

/** go build flags that take the next word as their value (`-tags netgo`; `-tags=netgo` is one word). */
const GO_VALUE_FLAGS = new Set(['C', 'p', 'asmflags', 'buildmode', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'coverpkg', 'covermode', 'o', 'exec']);

const PIP_VERSION = /==|>=|<=|!=|~=|[<>]/;
const LOCAL_PATH = /^(?:\.{1,2}(?:\/|$)|\/|~\/|file:)/;

/** The words after the verb that are not options nor option values; stops at `--`. */
function operands(args: readonly ShellWord[], from: number, valueOptions: ReadonlySet<string>): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = from; i < args.length; i++) {
    const v = args[i]?.value;
    if (v === '--') break;
    if (v !== null && v !== undefined && v.startsWith('-')) {
      if (valueOptions.has(v)) i++;
      continue;
    }
    const w = args[i];
    if (w) out.push(w);
  }
  return out;
}

/** Whether a pip requirement names a fixed release: a version specifier, a pinned VCS URL, a local path or archive, a direct reference. */
export function pipPinned(req: string): boolean {
  const vcs = /^(?:git|hg|svn|bzr)\+[a-z]+:\/\/([^#]*)/i.exec(req);
  if (vcs) {
    // `git+https://host/org/repo.git@v1.2#egg=x`: the ref follows the path (an `@` before the first `/` is a user).
    const rest = vcs[1] ?? '';
    const slash = rest.indexOf('/');
    return slash >= 0 && rest.slice(slash).includes('@');
  }
  if (LOCAL_PATH.test(req) || /\.(?:whl|tar\.gz)$/i.test(req)) return true;
  if (/^[A-Za-z0-9._-]+(?:\[[^\]]*\])?\s*@\s*\S/.test(req)) return true;
  return PIP_VERSION.test(req);
}

/** Whether an npm package spec names a fixed release. */
export function npmPinned(spec: string): boolean {
  if (/^(?:git(?:\+(?:ssh|https?|file))?:\/\/|github:|gitlab:|bitbucket:|gist:)/i.test(spec)) return spec.includes('#');
  if (/\.(?:tar|tar\.gz|tgz)$/i.test(spec)) return true;
  if (LOCAL_PATH.test(spec)) return true;
  if (/^https?:\/\//i.test(spec)) return false;
  const at = spec.indexOf('@', 1);
  if (at < 0) {
    // GitHub shorthand `user/repo`, pinned by a `#ref`.
    return !spec.startsWith('@') && spec.includes('/') ? spec.includes('#') : false;
  }
  const version = spec.slice(at + 1);
  return version !== '' && !/^(?:latest|next|\*|x)$/i.test(version);
}

/** Whether a `gem install` argument names a fixed release (`rails:7.1.3`, a local `.gem` file). */
function gemPinned(arg: string): boolean {
  return arg.includes(':') || /\.gem$/.test(arg) || LOCAL_PATH.test(arg);
}

/** Whether a `go install` argument builds a fixed release: `pkg@v1.2.3`, a local package, or the standard library or main module. */
export function goPinned(arg: string): boolean {
  if (LOCAL_PATH.test(arg)) return true;
  const at = arg.lastIndexOf('@');
  if (at >= 0) return !/^(?:latest|upgrade|patch)?$/.test(arg.slice(at + 1));
  const first = arg.split('/')[0] ?? '';
  return !first.includes('.');
}

type Tool = 'pip' | 'npm' | 'gem' | 'go';
const RUN = ['RUN'];
const ALIAS: Record<Tool, string> = { pip: 'DL3013', npm: 'DL3016', gem: 'DL3028', go: 'DL3062' };

function reportUnpinned(ctx: RuleContext, c: IndexedCommand, tool: Tool, words: readonly ShellWord[], pinned: (value: string) => boolean): void {
  for (const w of words) {
    const value = wordValue(c.instr, w);
    if (value === null) continue;
    if (pinned(value)) continue;
    ctx.report({
      message: `${tool} installs "${value}" without a pinned version.`,
      range: ctx.model.lines.range(w.start, w.end),
      instructionLine: c.instr.line,
      aliases: [ALIAS[tool]],
    });
  }
}

function verbIndex(c: IndexedCommand): number {
  const verb = c.packages?.verb;
  return verb ? c.args.indexOf(verb) : -1;
}

export const languagePackageUnpinned: Rule = {
  code: 'BH140',
  name: 'language-package-unpinned',
  category: 'supply-chain',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3013',
      differs: 'Local folders (`./pkg`, `/src/pkg`) count as pinned, and a `-r` or `.` beside named packages no longer hides those packages; hadolint flags the first and skips the whole command for the second.',
    },
    {
      tool: 'hadolint',
      id: 'DL3016',
      differs: 'Also checks `npm i` and `npm add`, and flags the moving tags `@latest` and `@next`, which hadolint accepts as versions.',
    },
    { tool: 'hadolint', id: 'DL3028', differs: 'Local `.gem` files count as pinned.' },
    {
      tool: 'hadolint',
      id: 'DL3062',
      differs: '`@latest` is flagged like a missing version, and packages of the standard library or the main module (no dot in the first path element, or a local path) are not.',
    },
  ],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.5', title: 'Use of untrusted images' },
    { standard: 'CWE', id: 'CWE-1357', title: 'Reliance on Insufficiently Trustworthy Component', url: 'https://cwe.mitre.org/data/definitions/1357.html' },
    { standard: 'CWE', id: 'CWE-494', title: 'Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A pip, npm, gem or go package is installed without a fixed version.',
    attack: 'A malicious or broken new release of the package, or of a name someone took over, lands in your next build without a change to this file.',
    what:
      'A package named on `pip install` (or `python -m pip install`), `npm install` / `npm i` / `npm add`, `gem install` or `go install` without a version: ' +
      '`pip install flask` rather than `flask==3.0.3`, `npm install -g pm2` rather than `pm2@5.4.2`, `gem install bundler` rather than `bundler:2.5.6` or `-v 2.5.6`, ' +
      '`go install golang.org/x/tools/gopls` rather than `…@v0.16.1`. Version ranges (`>=`, `~=`, `<`), pinned VCS references (`git+https://…@v1.2`, `git+https://…#v1.2` for npm), ' +
      'local paths and archives, requirement and constraint files (`-r`, `-c`), `npm install` and `npm ci` with no package, and go packages of the standard library or of ' +
      'the module being built are clean. `@latest` and `@next` are tags, not versions, and are flagged. Values from `ARG` and `ENV` are substituted.',
    why:
      'An unpinned package is whatever the registry serves on the day of the build: two builds of the same Dockerfile get different code, a new release with a ' +
      'breaking change or a compromised upload lands in the image without anyone choosing it, and a rebuilt image cannot be traced back to what was tested.',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\n',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0\n',
    useInstead:
      'Pin each package to a version (`flask==3.0.3`, `pm2@5.4.2`, `bundler:2.5.6`, `gopls@v0.16.1`), or better, install from a lock or requirements file kept ' +
      'in the repository (`pip install -r requirements.txt` with hashes, `npm ci`, `bundle install`, `go install` inside a module).',
    fixSafety: 'No automatic fix: which version to pin is for you to decide.',
    limitations:
      'A version range (`>=1.0`) counts as pinned, as hadolint counts it; it still moves. Package words that depend on a variable without a known value are not checked.',
  },
  check(ctx) {
    const index = commandIndex(ctx.model);
    for (const c of index.packageOps({ tools: ['pip', 'npm'], ops: ['install'], keywords: RUN })) {
      const p = c.packages;
      if (!p) continue;
      const from = verbIndex(c) + 1;
      if (from <= 0) continue;
      if (p.tool === 'pip') {
        // A constraints file pins what it lists.
        if (c.flags.some((f) => f.name === '--constraint' || /^-[a-zA-Z]*c/.test(f.name) && !f.name.startsWith('--'))) continue;
        reportUnpinned(ctx, c, 'pip', operands(c.args, from, PIP_VALUE_OPTIONS), (v) => pipPinned(v));
      } else if (p.verb.value !== 'ci') {
        reportUnpinned(ctx, c, 'npm', operands(c.args, from, NPM_VALUE_OPTIONS), (v) => npmPinned(v));
      }
    }
    for (const c of index.named('gem', { keywords: RUN })) {
      const verb = c.args.findIndex((a) => a.value === null || !a.value.startsWith('-'));
      const v = c.args[verb]?.value;
      if (v !== 'install' && v !== 'i') continue;
      const versioned = c.flags.some((f) => f.name === '--version' || (/^-[a-zA-Z]*v/.test(f.name) && !f.name.startsWith('--')));
      if (versioned) continue;
      reportUnpinned(ctx, c, 'gem', operands(c.args, verb + 1, new Set([...GEM_VALUE_OPTIONS, '-v', '--version'])), (val) => gemPinned(val));
    }
    for (const c of index.named('go', { keywords: RUN })) {
      if (c.args[0]?.value !== 'install') continue;
      const words: ShellWord[] = [];
      for (let i = 1; i < c.args.length; i++) {
        const a = c.args[i];
        const v = a?.value;
        if (!a) continue;
        if (v !== null && v !== undefined && v.startsWith('-')) {
          const name = v.replace(/^--?/, '');
          if (!name.includes('=') && GO_VALUE_FLAGS.has(name)) i++;
          continue;
        }
        words.push(a);
      }
      reportUnpinned(ctx, c, 'go', words, (val) => goPinned(val));
    }
  },
};
