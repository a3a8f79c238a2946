import type { Rule } from '../types';
import type { From } from 'dockerfile-ast';
import { HYGIENE_REFS, expand, metaArgs } from './_util';

const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le',
  'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

function normalizeArch(arch: string, variant: string): [string, string] {
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64':
    case 'arm64':
      return ['arm64', ['8', 'v8', 'v8.0'].includes(variant) ? '' : variant];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') return ['arm', 'v7'];
      if (['5', '6', '8'].includes(variant)) return ['arm', `v${variant}`];
      return ['arm', variant];
    default:
      return [arch, variant];
  }
}

/** A platform as containerd reads and normalizes it (`os[/arch[/variant]]`), or null when it does not parse. */
export function parsePlatform(spec: string): { os: string; arch: string; variant: string } | null {
  const parts = spec.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_-]+$/.test(p))) return null;
  const os = (parts[0] ?? '') === 'macos' ? 'darwin' : (parts[0] ?? '');
  if (parts.length === 1) {
    if (KNOWN_OS.has(os)) return { os, arch: '', variant: '' };
    const [arch, variant] = normalizeArch(os, '');
    return KNOWN_ARCH.has(arch) ? { os: '', arch, variant } : null;
  }
  const [arch, variant] = normalizeArch(parts[1] ?? '', parts[2] ?? '');
  return { os, arch, variant };
}

export const fromPlatformFlagConst: Rule = {
  code: 'BH309',
  name: 'from-platform-flag-const',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'FromPlatformFlagConstDisallowed' }],
  references: [...HYGIENE_REFS],
  fixable: 'none',
  docs: {
    summary: '`FROM --platform` is set to a fixed platform.',
    what:
      'A `FROM` whose `--platform` is a constant such as `linux/amd64`, with no build argument in it. A stage whose name contains the platform\'s OS, ' +
      'architecture or variant (`AS build-amd64`) is taken to be platform-specific on purpose and not flagged.',
    why:
      'A fixed platform pins the stage to one architecture whatever the build targets: a multi-platform build then ships, for example, amd64 binaries in its arm64 image, ' +
      'which fail at run time or run under emulation.',
    bad: 'FROM --platform=linux/amd64 golang:1.22 AS build\nRUN go build -o /app .\n',
    good: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build -o /app .\n',
    useInstead:
      'Use `--platform=$BUILDPLATFORM` for stages that run tools on the build machine (and cross-compile for `$TARGETPLATFORM`), leave the flag out otherwise, ' +
      'or name the stage after the platform when it is meant for that platform only.',
    fixSafety: 'No fix: whether the stage should follow the build or the target platform is a design choice.',
  },
  check({ model, report }) {
    const meta = metaArgs(model);
    for (const stage of model.stages) {
      const flag = (stage.from.node as From).getPlatformFlag();
      const value = flag?.getValue();
      const valueRange = flag?.getValueRange();
      if (!flag || !value || !valueRange) continue;
      const r = expand(value, meta.values, model.escapeChar);
      if (r.matched.length > 0 || r.unmatched.length > 0) continue;
      const p = parsePlatform(r.value);
      if (!p) continue;
      const name = (stage.name ?? '').toLowerCase();
      if ([p.os, p.arch, p.variant].some((s) => s !== '' && name.includes(s))) continue;
      report({
        message: `--platform is set to the constant "${r.value}"; the stage ignores the platform the build targets.`,
        range: valueRange,
        instructionLine: stage.from.line,
      });
    }
  },
};
