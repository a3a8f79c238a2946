import type { TextEdit } from 'vscode-languageserver-types';
import type { IndexedCommand } from '../../model/commands';
import type { Rule, RuleContext } from '../types';
import { argsOf, commandsWhere, removeWordsEdit, writtenText } from './_util';
import type { Arg } from './_util';

const APT = new Set(['apt-get', 'apt', 'aptitude']);
const RPM_MANAGERS = new Set(['yum', 'dnf', 'dnf5', 'tdnf', 'microdnf', 'yum-config-manager', 'zypper']);
const RPM_FLAGS = new Set(['--nodigest', '--nosignature', '--noverify', '--nofiledigest']);
const WRITERS = new Set(['echo', 'printf', 'sed']);
const TRUE = /^(?:true|1|yes|on)$/i;
/** `gpgcheck=0` (also `repo_gpgcheck`, `localpkg_gpgcheck`, per repository) for yum and dnf. */
const GPGCHECK_OFF = /^(?:[\w.*-]+\.)?(?:repo_|localpkg_)?gpgcheck\s*=\s*(?:0|false|no|off)$/i;

interface Site {
  cmd: IndexedCommand;
  start: number;
  end: number;
  what: string;
  aliases: string[];
  edits: TextEdit[] | undefined;
}

function site(ctx: RuleContext, c: IndexedCommand, words: Arg[], what: string, aliases: string[]): Site {
  const first = words[0] as Arg;
  const last = words[words.length - 1] as Arg;
  const edits = words.some((w) => w.fromVariable) ? undefined : removeWordsEdit(ctx.model, c.command, [...new Set(words.map((w) => w.word))]);
  return { cmd: c, start: first.word.start, end: last.word.end, what, aliases, edits };
}

function sitesOf(ctx: RuleContext, c: IndexedCommand): Site[] {
  const name = c.name ?? '';
  const args = argsOf(c);
  const out: Site[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') break;
    if (name === 'apk') {
      if (v === '--allow-untrusted') out.push(site(ctx, c, [a], 'apk --allow-untrusted', ['CKV2_DOCKER_7']));
    } else if (APT.has(name)) {
      if (v === '--allow-unauthenticated') out.push(site(ctx, c, [a], `${name} --allow-unauthenticated`, ['CKV2_DOCKER_8']));
      else if (v === '--force-yes') out.push(site(ctx, c, [a], `${name} --force-yes`, ['CKV2_DOCKER_11']));
      else if (v === '--allow-insecure-repositories') out.push(site(ctx, c, [a], `${name} --allow-insecure-repositories`, []));
      else if (v === '-o' || v === '--option' || /^-o./.test(v) || v.startsWith('--option=')) {
        const next = v === '-o' || v === '--option' ? args[i + 1] : undefined;
        const opt = next ? next.value : v.replace(/^(?:-o|--option=)/, '');
        const m = /^([^=]+)=(.*)$/.exec(opt);
        const key = m?.[1]?.toLowerCase() ?? '';
        if (m && TRUE.test(m[2] ?? '') && (key === 'apt::get::allowunauthenticated' || key === 'acquire::allowinsecurerepositories')) {
          out.push(site(ctx, c, next ? [a, next] : [a], `${name} -o ${m[1] ?? ''}=${m[2] ?? ''}`, key === 'apt::get::allowunauthenticated' ? ['CKV2_DOCKER_8'] : []));
        }
        if (next) i++;
      }
    } else if (RPM_MANAGERS.has(name)) {
      if (v === '--nogpgcheck') out.push(site(ctx, c, [a], `${name} --nogpgcheck`, ['CKV2_DOCKER_9']));
      else if (v === '--no-gpg-checks' && name === 'zypper') out.push(site(ctx, c, [a], 'zypper --no-gpg-checks', []));
      else if (v === '--setopt' || v.startsWith('--setopt=')) {
        const next = v === '--setopt' ? args[i + 1] : undefined;
        const opt = next ? next.value : v.slice('--setopt='.length);
        if (GPGCHECK_OFF.test(opt)) out.push(site(ctx, c, next ? [a, next] : [a], `${name} ${opt.replace(/\s+/g, '')}`, ['CKV2_DOCKER_9']));
        if (next) i++;
      }
    } else if (name === 'rpm') {
      if (RPM_FLAGS.has(v)) out.push(site(ctx, c, [a], `rpm ${v}`, ['CKV2_DOCKER_10']));
    } else if (WRITERS.has(name)) {
      const text = writtenText(name, v);
      const m = /(?:^|[\s/;|\\])((?:repo_|localpkg_)?gpgcheck\s*=\s*(?:0|false|no|off))(?!\w)/i.exec(text) ?? /(\[[^\]]*\btrusted=yes\b[^\]]*\])/.exec(text);
      if (m) out.push({ cmd: c, start: a.word.start, end: a.word.end, what: m[1] ?? v, aliases: [], edits: undefined });
    }
  }
  return out;
}

export const packageSignatureCheckDisabled: Rule = {
  code: 'BH171',
  name: 'package-signature-check-disabled',
  category: 'supply-chain',
  severity: 'error',
  trust: 'insecure',
  aliases: [
    { tool: 'checkov', id: 'CKV2_DOCKER_7' },
    { tool: 'checkov', id: 'CKV2_DOCKER_8' },
    { tool: 'checkov', id: 'CKV2_DOCKER_9', differs: 'Also reads `--setopt=gpgcheck=0`, which turns the same check off.' },
    { tool: 'checkov', id: 'CKV2_DOCKER_10' },
    { tool: 'checkov', id: 'CKV2_DOCKER_11' },
  ],
  references: [
    { standard: 'CWE', id: 'CWE-494', title: 'Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
    { standard: 'CWE', id: 'CWE-345', title: 'Insufficient Verification of Data Authenticity', url: 'https://cwe.mitre.org/data/definitions/345.html' },
    { standard: 'NIST SP 800-190', id: '4.1.3', title: 'Embedded malware' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: 'A package manager is told to install packages whose signature it did not check.',
    attack: 'A mirror, proxy or attacker on the network can slip a modified package into the image, and nothing checks it.',
    what:
      '`apk --allow-untrusted`; `apt-get --allow-unauthenticated`, `--force-yes`, `--allow-insecure-repositories` or `-o APT::Get::AllowUnauthenticated=true`; `--nogpgcheck` or ' +
      '`--setopt=gpgcheck=0` on yum, dnf, tdnf or microdnf; `zypper --no-gpg-checks`; `rpm --nosignature`, `--nodigest`, `--nofiledigest` or `--noverify`; and `gpgcheck=0` or an ' +
      'apt source marked `[trusted=yes]` written with `echo`, `printf` or `sed`. The same words as arguments of other commands are not flagged.',
    why:
      'Package signatures are what ties a package to the distribution or vendor that built it. Without the check, a mirror, a proxy or anyone on the network path can hand the ' +
      'build a modified package, and it is installed as root into the image with nothing to show for it.',
    bad: 'FROM alpine:3.20\nCOPY tool.apk /tmp/\nRUN apk add --allow-untrusted /tmp/tool.apk\n',
    good: 'FROM alpine:3.20\nCOPY tool.apk /tmp/\nCOPY tool-signing.rsa.pub /etc/apk/keys/\nRUN apk add /tmp/tool.apk\n',
    useInstead:
      'Import the signing key of the repository or package (`/etc/apk/keys/`, `/etc/apt/keyrings/` with `signed-by=`, `rpm --import`) and let the package manager check it. ' +
      'For a package you built yourself, sign it, or verify its checksum before installing it.',
    fixSafety: 'Unsafe: without the flag the install fails until the signing key is in place, which is the point; someone has to add the key.',
    limitations: 'Repository files copied into the image or written by a heredoc are not read.',
  },
  check(ctx) {
    const sites: Site[] = [];
    const needs = /allow-untrusted|allow-unauthenticated|force-yes|allow-insecure|allowunauthenticated|allowinsecure|nogpgcheck|no-gpg-checks|gpgcheck|nodigest|nosignature|noverify|nofiledigest|trusted=yes|\$/i;
    for (const c of commandsWhere(ctx, /apk|apt|yum|dnf|zypper|rpm|echo|printf|sed/, needs, (n) => n === 'apk' || n === 'rpm' || APT.has(n) || RPM_MANAGERS.has(n) || WRITERS.has(n))) {
      sites.push(...sitesOf(ctx, c));
    }
    for (const s of sites) {
      ctx.report({
        message: `${s.what} turns off package signature checks.`,
        range: ctx.model.lines.range(s.start, s.end),
        instructionLine: s.cmd.instr.line,
        aliases: s.aliases,
        fixes: s.edits ? [{ title: 'Remove the flag that turns off signature checks', applicability: 'unsafe', edits: s.edits }] : [],
      });
    }
  },
};
