import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CaseSpec, PreparedCase, Variant } from './cases';
import { prepareCase, workFolder } from './cases';
import { manifestDisagreements, tree } from './oracle';
import type { ImageConfig } from './toolchain';
import { build, inspect, missingTools, pool, pruneTestImages, runContainer, storageSize, withRootfs } from './toolchain';

/**
 * Fixes proven on real images: each fixture is built before and after `bulkhead lint --fix --unsafe-fixes` with
 * buildah and run with podman (scripts/images/prepare.sh makes the toolchain and the base images), and the claims
 * of the fixes and of the runtime manifest are checked on the images themselves.
 */

/** Probes, as the image's user, whether each path can be written (a file opened for append, a file made in a folder). */
const WRITE_PROBE =
  'for p in "$@"; do if [ -d "$p" ]; then t="$p/.bulkhead-probe"; if (: >"$t") 2>/dev/null; then rm -f "$t"; echo "writable $p"; else echo "read-only $p"; fi; ' +
  'elif (: >>"$p") 2>/dev/null; then echo "writable $p"; else echo "read-only $p"; fi; done';

interface Ctx {
  c: PreparedCase;
  original: ImageConfig;
  fixed: ImageConfig;
}

const CASES: (CaseSpec & { checks?: Record<string, (ctx: Ctx) => Promise<void>> })[] = [
  {
    name: 'busybox-add',
    archives: { 'bundle.tar.gz': 'bundle' },
    fixes: ['Add a non-root USER', 'Use COPY instead of ADD'],
    user: '10001:10001',
    starts: /^hello from 10001:10001$/m,
    owned: ['/app/bin', '/app/bin/start', '/app/docs', '/app/docs/a.txt', '/app/docs/b.txt', '/app/name with space.txt'],
    readOnly: ['/etc/app/secret.conf', '/srv/shared/shared.txt', '/usr/share/doc/app/README.md', '/opt/bundle', '/opt/bundle/sub/y.txt'],
    sameTrees: ['/app', '/etc/app', '/srv/shared', '/usr/share/doc/app', '/opt/bundle'],
    checks: {
      'the local archive is unpacked, before and after': async ({ c }) => {
        for (const v of [c.original, c.fixed]) {
          await withRootfs(v.image, (root) => {
            assert.equal(fs.readFileSync(path.join(root, 'opt/bundle/sub/y.txt'), 'utf8'), 'nested\n', v.image);
            assert.ok(!fs.existsSync(path.join(root, 'opt/bundle/bundle.tar.gz')), `${v.image}: the archive was copied, not unpacked`);
          });
        }
      },
    },
  },
  {
    name: 'context-secrets',
    fixes: ['Add a non-root USER', 'Exclude secrets in .dockerignore'],
    user: '10001:10001',
    starts: /^started as 10001:10001$/m,
    owned: ['/app/bin/start', '/app/README.md'],
    readOnly: ['/bin'],
    sameTrees: [],
    checks: {
      'the written .dockerignore keeps the .env file and the keys out of the image; the rest is copied as before': async ({ c }) => {
        assert.equal(fs.existsSync(path.join(c.original.context, '.dockerignore')), false);
        assert.match(fs.readFileSync(path.join(c.fixed.context, '.dockerignore'), 'utf8'), /^\*\*\/\.env\*$/m);
        const files = async (image: string): Promise<string[]> => withRootfs(image, (root) => fs.readdirSync(path.join(root, 'app')).sort());
        assert.deepEqual(await files(c.original.image), ['.env', 'Dockerfile', 'README.md', 'bin', 'deploy.key', 'id_rsa']);
        assert.deepEqual(await files(c.fixed.image), ['.dockerignore', 'Dockerfile', 'README.md', 'bin']);
      },
    },
  },
  {
    name: 'manifest-edges',
    fixes: ['Add a non-root USER', 'Use the key=value form'],
    user: '10001:10001',
    starts: /^hello world from 10001:10001 in \/srv\/app\/data$/m,
    owned: [],
    readOnly: ['/srv/app', '/etc/passwd'],
    sameTrees: [],
    checks: {
      'ENV in the legacy "key value" form sets the same variable after the fix': ({ original, fixed }) => {
        const legacy = (env: readonly string[] | null | undefined): string[] => (env ?? []).filter((e) => e.startsWith('LEGACY='));
        assert.deepEqual(legacy(original.Env), ['LEGACY=value with spaces']);
        assert.deepEqual(legacy(fixed.Env), legacy(original.Env));
        return Promise.resolve();
      },
    },
  },
  {
    name: 'debian-app',
    archives: { 'vendor.tar.gz': 'vendor' },
    fixes: ['Add a non-root USER', 'Use COPY instead of ADD'],
    user: '10001:10001',
    starts: /^serving as 10001:10001, config mode=production$/m,
    owned: ['/app/app.sh', '/app/static', '/app/static/index.html', '/app/static/css/site.css', '/app/data', '/app/data/seed.txt'],
    readOnly: ['/etc/app', '/etc/app/app.conf', '/opt/vendor', '/opt/vendor/lib.txt'],
    sameTrees: ['/app', '/etc/app', '/opt/vendor'],
    checks: {
      'the local archive is unpacked, before and after': async ({ c }) => {
        for (const v of [c.original, c.fixed]) {
          await withRootfs(v.image, (root) => {
            assert.equal(fs.readFileSync(path.join(root, 'opt/vendor/lib.txt'), 'utf8'), 'vendored library\n', v.image);
            assert.ok(!fs.existsSync(path.join(root, 'opt/vendor/vendor.tar.gz')), `${v.image}: the archive was copied, not unpacked`);
          });
        }
      },
      'the healthcheck passes as the user, under the hardened settings': async ({ c, fixed }) => {
        const test = fixed.Healthcheck?.Test ?? [];
        assert.equal(test[0], 'CMD-SHELL', show(test));
        const shell = fixed.Shell && fixed.Shell.length > 0 ? fixed.Shell : ['/bin/sh', '-c'];
        const r = await runContainer(c.fixed.image, [...shell.slice(1), test[1] ?? ''], { user: c.spec.user, hardened: true, entrypoint: shell[0] ?? '/bin/sh' });
        assert.equal(r.status, 0, `${show(test)} exited ${String(r.status)}: ${r.stdout}${r.stderr}`);
      },
    },
  },
  {
    name: 'multistage-arg',
    fixes: ['Switch to the existing user "web"'],
    user: '1500:1500',
    starts: /^site as 1500:1500 --port 8080: built from 1\.2\.3$/m,
    owned: ['/srv/www/run.sh', '/srv/www/BUILD', '/srv/www/lib', '/srv/www/lib/helper.txt', '/srv/www/state'],
    readOnly: ['/etc/site.conf', '/var/cache/site'],
    sameTrees: ['/srv/www'],
  },
  {
    name: 'sshd',
    fixes: ['Add a non-root USER', 'Remove the SSH server'],
    user: '10001:10001',
    starts: /^service as 10001:10001, OpenSSH_\S+/m,
    owned: ['/srv/service.sh'],
    readOnly: ['/etc/ssh', '/usr/bin/ssh'],
    sameTrees: ['/srv'],
    checks: {
      'no SSH server and no port 22 after the fix; the SSH client stays, as the fix says': async ({ c, original, fixed }) => {
        assert.ok(Object.keys(original.ExposedPorts ?? {}).includes('22/tcp'), 'the original image exposes 22');
        assert.ok(!Object.keys(fixed.ExposedPorts ?? {}).includes('22/tcp'), `the fixed image still exposes 22: ${show(fixed.ExposedPorts)}`);
        assert.match(c.fixOutput, /Remove the SSH server/);
        assert.match(c.fixed.dockerfile, /apt-get install -y --no-install-recommends openssh-client netbase/);
        const present = (root: string, p: string): boolean => fs.existsSync(path.join(root, p));
        await withRootfs(c.original.image, (root) => {
          assert.ok(present(root, 'usr/sbin/sshd'), 'the original image has sshd');
          assert.ok(present(root, 'usr/bin/ssh'), 'the original image has the client');
        });
        await withRootfs(c.fixed.image, (root) => {
          assert.ok(!present(root, 'usr/sbin/sshd'), 'the fixed image still has /usr/sbin/sshd');
          assert.ok(!present(root, 'etc/ssh/sshd_config'), 'the fixed image still has sshd_config');
          assert.ok(!present(root, 'var/lib/dpkg/info/openssh-server.list'), 'openssh-server is still installed');
          assert.ok(present(root, 'usr/bin/ssh') && present(root, 'usr/bin/scp'), 'the fixed image lost the SSH client');
        });
        const r = await runContainer(c.fixed.image, ['-V'], { hardened: true, entrypoint: 'ssh' });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stderr, /^OpenSSH_/);
      },
    },
  },
  {
    name: 'apt-hygiene',
    fixes: [
      'Add -y',
      'Add --no-install-recommends',
      'Remove the apt lists at the end of the RUN',
      'Add -l to useradd',
      'Set SHELL to bash with pipefail',
      'Replace MAINTAINER with the org.opencontainers.image.authors label',
      'Write the CMD in exec form',
      'Switch to the existing user "batch"',
      'Remove write access for others',
    ],
    user: '123456:123456',
    starts: /^service as 123456:123456, Hello, world!, curl \d/m,
    owned: ['/srv/service.sh'],
    readOnly: ['/usr/bin/curl', '/etc/passwd', '/srv/cache'],
    sameTrees: [],
    checks: {
      'the install without -y still installs; without recommends the same programs run with fewer packages': async ({ c }) => {
        const installed = async (image: string): Promise<Set<string>> =>
          withRootfs(image, (root) => {
            const status = fs.readFileSync(path.join(root, 'var/lib/dpkg/status'), 'utf8');
            return new Set(status.split('\n\n').filter((p) => /^Status: install ok installed$/m.test(p)).map((p) => /^Package: (.+)$/m.exec(p)?.[1] ?? ''));
          });
        const before = await installed(c.original.image);
        const after = await installed(c.fixed.image);
        for (const p of ['curl', 'hello']) assert.ok(before.has(p) && after.has(p), `${p} installed before and after`);
        const added = [...after].filter((p) => !before.has(p));
        const dropped = [...before].filter((p) => !after.has(p));
        assert.deepEqual(added, [], 'the fixed image installs nothing the original did not');
        assert.ok(dropped.length > 0, 'the fixed image installs exactly as much: recommends were not left out');
        const r = await runContainer(c.fixed.image, [], { hardened: true });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /Hello, world!, curl \d/);
      },
      'the apt lists are gone from the fixed image and nowhere else changed': async ({ c }) => {
        const lists = async (image: string): Promise<string[]> =>
          withRootfs(image, (root) => fs.readdirSync(path.join(root, 'var/lib/apt/lists')).filter((f) => f !== 'partial' && f !== 'lock' && f !== 'auxfiles'));
        assert.ok((await lists(c.original.image)).some((f) => f.endsWith('_Packages') || f.endsWith('_Packages.lz4')), 'the original keeps the lists');
        assert.deepEqual(await lists(c.fixed.image), []);
      },
      'useradd -l: the same user, group and home, as the fix claims (the lastlog only matters where the base keeps one)': async ({ c }) => {
        const account = async (image: string): Promise<string[]> =>
          withRootfs(image, (root) => {
            const line = (file: string, name: string): string => fs.readFileSync(path.join(root, file), 'utf8').split('\n').find((l) => l.startsWith(`${name}:`)) ?? '';
            const home = fs.statSync(path.join(root, 'home/batch'));
            return [line('etc/passwd', 'batch'), line('etc/group', 'batch'), `home ${home.uid}:${home.gid} ${(home.mode & 0o777).toString(8)}`];
          });
        const before = await account(c.original.image);
        assert.deepEqual(await account(c.fixed.image), before);
        assert.match(before[0] ?? '', /^batch:x:123456:123456::\/home\/batch:/);
        assert.match(c.fixed.dockerfile, /useradd -l --uid 123456/);
      },
      'pipefail: the failure of the first command of the pipe is the status of the pipe after the fix, not before': async ({ c }) => {
        const status = async (image: string): Promise<string> => withRootfs(image, (root) => fs.readFileSync(path.join(root, 'pipe-status'), 'utf8').trim());
        assert.equal(await status(c.original.image), '0');
        assert.equal(await status(c.fixed.image), '2');
      },
      'chmod 777 becomes 755: the folder is no longer writable by every user': async ({ c }) => {
        const mode = async (image: string): Promise<string> => withRootfs(image, (root) => (fs.statSync(path.join(root, 'srv/cache')).mode & 0o7777).toString(8));
        assert.equal(await mode(c.original.image), '777');
        assert.equal(await mode(c.fixed.image), '755');
        assert.match(c.fixed.dockerfile, /chmod 755 \/srv\/cache/);
      },
      'MAINTAINER becomes the authors label; the shell-form CMD becomes the same command in exec form': ({ original, fixed }) => {
        assert.equal(fixed.Labels?.['org.opencontainers.image.authors'], 'Example Maintainer <maintainer@example.com>');
        assert.deepEqual(original.Cmd, ['/bin/sh', '-c', '/srv/service.sh']);
        assert.deepEqual(fixed.Cmd, ['/srv/service.sh']);
        return Promise.resolve();
      },
    },
  },
];

const show = (v: unknown): string => JSON.stringify(v);

/** `BULKHEAD_IMAGES_ONLY=sshd,apt-hygiene npm run test:images` builds and checks those cases alone. */
const only = process.env.BULKHEAD_IMAGES_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const SELECTED = only && only.length > 0 ? CASES.filter((c) => only.includes(c.name)) : CASES;

describe('real images: fixes built with buildah and run with podman', function () {
  this.timeout(10 * 60_000);
  const prepared = new Map<string, PreparedCase>();
  const failures = new Map<string, Error>();
  const workdirProbes = new Map<string, string>();
  let work = '';
  let sizeBefore = '';

  before(async function () {
    const missing = missingTools();
    if (missing.length > 0) {
      const message = `the real image suite needs ${missing.join('; ')}`;
      if (process.env.CI === 'true') throw new Error(message);
      console.log(`\n  SKIPPED: ${message}.\n  Run "bash scripts/images/prepare.sh" as root first (Debian: it installs buildah, podman, runc, mmdebstrap, busybox-static).\n`);
      this.skip();
    }
    sizeBefore = storageSize();
    work = workFolder();
    for (const spec of SELECTED) prepared.set(spec.name, prepareCase(spec, work));
    // The cases that install packages first, so that the two cores stay busy to the end.
    const order = [...prepared.values()].sort((a, b) => Number(/apt-get/.test(b.original.dockerfile)) - Number(/apt-get/.test(a.original.dockerfile)));
    const tasks = order.flatMap((c) =>
      (['original', 'fixed'] as const).map((which) => async () => {
        const v = c[which];
        const started = Date.now();
        await build(v.context, v.image, path.join(c.logs, `${which}.log`)).catch((e: unknown) => {
          failures.set(v.image, e instanceof Error ? e : new Error(String(e)));
        });
        console.log(`    built ${v.image} in ${((Date.now() - started) / 1000).toFixed(0)} s${failures.has(v.image) ? ' (FAILED)' : ''}`);
      }),
    );
    await pool(2, tasks);
  });

  after(async function () {
    if (!work) return;
    await pruneTestImages();
    fs.rmSync(work, { recursive: true, force: true });
    console.log(`  .tools/containers: ${sizeBefore} before the suite, ${storageSize()} after (fixture images pruned, base images kept)`);
  });

  for (const spec of SELECTED) {
    describe(spec.name, () => {
      const c = (): PreparedCase => {
        const got = prepared.get(spec.name);
        if (!got) throw new Error(`case ${spec.name} was not prepared`);
        return got;
      };
      const built = (v: Variant): void => {
        const failure = failures.get(v.image);
        if (failure) throw new Error(`${v.image} did not build:\n--- Dockerfile\n${v.dockerfile}--- build\n${failure.message}`);
      };
      let configs: Promise<Ctx> | undefined;
      const ctx = async (): Promise<Ctx> => {
        built(c().original);
        built(c().fixed);
        configs ??= Promise.all([inspect(c().original.image), inspect(c().fixed.image)]).then(([original, fixed]) => ({ c: c(), original, fixed }));
        return configs;
      };

      it('lint --fix --unsafe-fixes applies its fixes and leaves none of the fixable findings', () => {
        const { original, fixed, fixOutput, fixStatus } = c();
        for (const title of spec.fixes) assert.ok(fixOutput.includes(title), `"${title}" not in:\n${fixOutput}`);
        assert.equal(fixStatus, 0, fixOutput);
        const fixable = original.findings.filter((f) => f.fixable);
        assert.ok(fixable.length > 0, 'the fixture has nothing to fix');
        const codes = new Set(fixable.map((f) => f.code));
        assert.deepEqual(fixed.findings.filter((f) => codes.has(f.code)), [], `still found after the fix:\n${fixed.dockerfile}`);
      });

      it('the original builds', () => built(c().original));

      it('the fixed Dockerfile builds', () => built(c().fixed));

      it(`the fixed image runs as ${spec.user}, and podman run … id -u prints it`, async () => {
        const { c: cc, original, fixed } = await ctx();
        assert.equal(original.User ?? '', '', 'the original image runs as root');
        assert.equal(fixed.User, spec.user);
        assert.equal(cc.fixed.manifest.user.value, spec.user);
        const u = await runContainer(cc.fixed.image, ['-u'], { entrypoint: 'id' });
        assert.equal(u.status, 0, u.stderr);
        assert.equal(u.stdout.trim(), spec.user.split(':')[0]);
      });

      it("the files the fix gave the user are its own and writable; the others are not writable", async () => {
        const { c: cc } = await ctx();
        await withRootfs(cc.fixed.image, (root) => {
          for (const p of spec.owned) {
            const st = fs.lstatSync(path.join(root, p));
            assert.equal(`${st.uid}:${st.gid}`, spec.user, `owner of ${p}`);
          }
        });
        // One container for all: the ids, then each path, then the working directory (for the test after the cases).
        const workdir = cc.fixed.manifest.workdir ?? '/';
        const r = await runContainer(cc.fixed.image, ['-c', `id -u; id -g; ${WRITE_PROBE}`, 'probe', ...spec.owned, ...spec.readOnly, workdir], { entrypoint: '/bin/sh' });
        assert.equal(r.status, 0, r.stderr);
        const [uid = '', gid = '', ...probed] = r.stdout.trim().split('\n');
        workdirProbes.set(spec.name, probed.pop() ?? '');
        assert.equal(`${uid}:${gid}`, spec.user, 'id -u; id -g');
        assert.deepEqual(probed, [...spec.owned.map((p) => `writable ${p}`), ...spec.readOnly.map((p) => `read-only ${p}`)]);
      });

      if (spec.sameTrees.length > 0) {
        it(`the same file trees and contents before and after the fix: ${spec.sameTrees.join(', ')}`, async () => {
          const { c: cc } = await ctx();
          for (const dir of spec.sameTrees) {
            const before = await withRootfs(cc.original.image, (root) => tree(root, dir));
            const after = await withRootfs(cc.fixed.image, (root) => tree(root, dir));
            assert.deepEqual([...after.keys()], [...before.keys()], `the listing of ${dir}`);
            for (const [rel, b] of before) {
              const a = after.get(rel);
              assert.equal(a?.shape, b.shape, `${dir}/${rel}`);
              // Only the fix's --chown may change an owner: from root to the user.
              if (a && a.owner !== b.owner) assert.ok(b.owner === '0:0' && a.owner === spec.user, `owner of ${dir}/${rel}: ${b.owner} → ${a.owner}`);
            }
          }
        });
      }

      for (const which of ['original', 'fixed'] as const) {
        it(`the runtime manifest of the ${which} Dockerfile matches its image`, async () => {
          const all = await ctx();
          const v = all.c[which];
          const image = all[which];
          const root = v.manifest.baseImages[v.manifest.baseImages.length - 1];
          assert.ok(root?.kind === 'image' && root.resolved, `the manifest names no base image: ${show(v.manifest.baseImages)}`);
          const base = await inspect(root.resolved);
          assert.deepEqual(manifestDisagreements(v.manifest, image, base), [], `${v.dockerfile}`);
        });
      }

      it('the fixed container starts under the hardened settings (--user, --cap-drop ALL, no-new-privileges, --read-only with a --tmpfs per volume)', async () => {
        const { c: cc } = await ctx();
        const m = cc.fixed.manifest;
        assert.ok(m.user.value, 'the manifest knows the user');
        const volumes = m.volumes.map((v) => v.path);
        const r = await runContainer(cc.fixed.image, [], { user: m.user.value, hardened: true, readOnly: volumes.length > 0, tmpfs: volumes });
        assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
        assert.match(r.stdout, spec.starts);
      });

      for (const [title, check] of Object.entries(spec.checks ?? {})) {
        it(title, async () => check(await ctx()));
      }
    });
  }

  describe('every fixed image', () => {
    // The builder creates WORKDIR owned by root, mode 755: the root-user fix gives it to the user where it knows the
    // base has a shell to chown with. An unrecognised base (this project's BusyBox image) may have none, so there the
    // fix sets USER only and the working directory stays root's, as the rule's docs say.
    const ROOT_OWNED_WORKDIR = new Set(['busybox-add', 'manifest-edges', 'context-secrets']);
    it('the user can create a file in its working directory, as the root-user fix documents', async () => {
      const wrong: string[] = [];
      for (const c of prepared.values()) {
        const dir = c.fixed.manifest.workdir;
        if (failures.has(c.fixed.image) || !dir) continue;
        const probed = workdirProbes.get(c.spec.name) ?? (await runContainer(c.fixed.image, ['-c', WRITE_PROBE, 'probe', dir], { entrypoint: '/bin/sh' })).stdout.trim();
        const expected = ROOT_OWNED_WORKDIR.has(c.spec.name) ? `read-only ${dir}` : `writable ${dir}`;
        if (probed !== expected) wrong.push(`${c.spec.name}: ${c.spec.user} in WORKDIR ${dir}: ${probed}, expected ${expected}`);
      }
      assert.deepEqual(wrong, []);
    });
  });
});
