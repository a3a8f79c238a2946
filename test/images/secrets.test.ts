import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FIXTURES, workFolder } from './cases';
import { BASE_IMAGES, CLI, buildah, checked, missingTools } from './toolchain';

/**
 * The secret fixes proven on real images. `secret-arg` passes a token to a RUN as a build argument (the original
 * image leaks it through its history: `secret-used-in-run`); `secret-copied-file` copies a `.netrc` and deletes it
 * in a later RUN (the COPY's layer keeps it: `secret-file-deleted-later`). Each image built from the fixed
 * Dockerfile with `buildah bud --secret` holds the secret nowhere (no layer, no config, no history), while its RUN
 * still saw it (it writes the secret's SHA-256 into the image, compared with the original's).
 */

/** Images of this suite only (another suite's prune must not take them mid-test, nor this one theirs). */
const PREFIX = 'localhost/bulkhead-secrets-test/';


/** Every file of a tar archive (plain or gzip), by name. */
function untar(bytes: Buffer): Map<string, Buffer> {
  const tar = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const files = new Map<string, Buffer>();
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number): string => header.subarray(from, to).toString('latin1').replace(/\0.*$/s, '');
    const name = (field(345, 500) ? `${field(345, 500)}/` : '') + field(0, 100);
    const size = parseInt(field(124, 136).trim() || '0', 8);
    files.set(name.replace(/^\.?\//, ''), tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

interface Exported {
  /** Each layer tarball's bytes (uncompressed) and its files. */
  layers: { bytes: Buffer; files: Map<string, Buffer> }[];
  /** The image configuration blob and what `buildah inspect` shows (config, history, manifest). */
  config: string;
  inspect: string;
}

/** Pushes the image to a `dir:` copy and reads every blob. */
async function exportImage(image: string, dir: string): Promise<Exported> {
  await checked(`buildah push ${image}`, buildah(['push', '--format', 'docker', image, `dir:${dir}`]));
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { config: { digest: string }; layers: { digest: string }[] };
  const blob = (digest: string): Buffer => fs.readFileSync(path.join(dir, digest.replace(/^sha256:/, '')));
  const layers = manifest.layers.map((l) => {
    const raw = blob(l.digest);
    const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    return { bytes, files: untar(bytes) };
  });
  const inspect = await checked(`buildah inspect ${image}`, buildah(['inspect', '--type', 'image', image]));
  return { layers, config: blob(manifest.config.digest).toString('utf8'), inspect };
}

function leaks(img: Exported, secret: string): string[] {
  const where: string[] = [];
  img.layers.forEach((l, i) => {
    if (l.bytes.includes(Buffer.from(secret))) where.push(`layer ${i}`);
  });
  if (img.config.includes(secret)) where.push('config');
  if (img.inspect.includes(secret)) where.push('buildah inspect');
  return where;
}

/** The content of a file in the image's top-most layer that holds it. */
function fileIn(img: Exported, name: string): string | undefined {
  for (const l of [...img.layers].reverse()) {
    const f = l.files.get(name);
    if (f) return f.toString('utf8').trim();
  }
  return undefined;
}

/** IDs of the base images: where the chain of an image built on them stops. */
let baseIds: Set<string> | undefined;

/** The image and the intermediate images a `--layers` build made under it, child first, down to the base image. */
async function imageChain(image: string): Promise<string[]> {
  const inspectId = async (ref: string): Promise<{ id: string; parent: string | undefined }> => {
    const j = JSON.parse(await checked(`buildah inspect ${ref}`, buildah(['inspect', '--type', 'image', ref]))) as { FromImageID: string; Docker?: { parent?: string } };
    return { id: j.FromImageID, parent: j.Docker?.parent?.replace(/^sha256:/, '') || undefined };
  };
  baseIds ??= new Set(await Promise.all(BASE_IMAGES.map(async (b) => (await inspectId(b)).id)));
  const ids: string[] = [];
  for (let ref: string | undefined = image; ref !== undefined; ) {
    const { id, parent } = await inspectId(ref);
    if (baseIds.has(id) || ids.includes(id)) break;
    ids.push(id);
    ref = parent;
  }
  return ids;
}

/** One fixture: how its secret reaches the original build and the fixed one, and what the fix must write. */
interface SecretCase {
  name: string;
  /** The secret's id in the fixed Dockerfile. */
  id: string;
  /** Writes what the original build needs into its context (the file a COPY takes). */
  prepare?: (context: string, secret: string) => void;
  /** Files the fixed build no longer needs in its context (the copied credential): left out to show it. */
  notInFixedContext?: string[];
  /**
   * Build one layer per instruction, as Docker does (`--layers`): without it buildah commits the whole build as one
   * layer, where a file deleted by a later RUN is gone.
   */
  layers?: boolean;
  /** Extra `buildah bud` arguments of the original build. */
  originalArgs: (secret: string) => string[];
  /** Lines the fixed Dockerfile must have and must not have. */
  fixedHas: RegExp[];
  fixedLacks: RegExp[];
  /** The file (in the image) where the RUN wrote the secret's SHA-256. */
  hashFile: string;
  /** The secret as the RUN must have seen it (the file's bytes, or the variable's value). */
  seen: (secret: string) => string;
}

const NETRC = (secret: string): string => `machine example.com login ci password ${secret}\n`;

const CASES: SecretCase[] = [
  {
    name: 'secret-arg',
    id: 'api_token',
    originalArgs: (secret) => ['--build-arg', `API_TOKEN=${secret}`],
    fixedHas: [/^RUN --mount=type=secret,id=api_token API_TOKEN="\$\(cat \/run\/secrets\/api_token\)" && export API_TOKEN && test -n "\$API_TOKEN"/m],
    fixedLacks: [/^ARG API_TOKEN/m],
    hashFile: 'token.sha256',
    seen: (secret) => secret,
  },
  {
    name: 'secret-copied-file',
    id: 'netrc',
    prepare: (context, secret) => fs.writeFileSync(path.join(context, '.netrc'), NETRC(secret)),
    notInFixedContext: ['.netrc'],
    layers: true,
    originalArgs: () => [],
    fixedHas: [/^RUN --mount=type=secret,id=netrc,target=\/root\/\.netrc sha256sum \/root\/\.netrc/m],
    fixedLacks: [/^COPY \.netrc/m, /^RUN rm /m],
    hashFile: 'netrc.sha256',
    seen: NETRC,
  },
];

describe('secrets on real images (buildah)', function () {
  this.timeout(900_000);
  let work = '';
  const made: string[] = [];

  before(function () {
    const missing = missingTools();
    if (missing.length > 0) {
      const message = `the real image suite needs ${missing.join('; ')}`;
      if (process.env.CI === 'true') throw new Error(message);
      console.log(`\n  SKIPPED: ${message}.\n  Run "bash scripts/images/prepare.sh" as root first.\n`);
      this.skip();
    }
    work = workFolder();
  });

  after(async function () {
    if (!work) return;
    // Children before parents: the intermediate images of a `--layers` build go after the image built on them.
    for (const id of made) await buildah(['rmi', '--force', id]);
    fs.rmSync(work, { recursive: true, force: true });
  });

  for (const spec of CASES) {
    describe(spec.name, () => {
      // A fresh value per run: nothing in the repository or the base image can hold it by chance.
      const secret = `s3cr3t-${randomBytes(16).toString('hex')}`;
      const images = { original: `${PREFIX}${spec.name}-original`, fixed: `${PREFIX}${spec.name}-fixed` };
      let fixedDockerfile = '';
      let original: Exported | undefined;
      let fixed: Exported | undefined;

      before(async () => {
        const dir = path.join(work, spec.name);
        const contexts = { original: path.join(dir, 'original'), fixed: path.join(dir, 'fixed') };
        for (const c of Object.values(contexts)) {
          fs.cpSync(path.join(FIXTURES, spec.name), c, { recursive: true });
          spec.prepare?.(c, secret);
        }
        const fix = spawnSync(process.execPath, [CLI, 'lint', '--fix', '--unsafe-fixes', '--fail-on', 'none', 'Dockerfile'], { cwd: contexts.fixed, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        assert.equal(fix.status, 0, `bulkhead lint --fix: ${fix.stderr}`);
        fixedDockerfile = fs.readFileSync(path.join(contexts.fixed, 'Dockerfile'), 'utf8');
        // The fixed build reads the secret from a file outside its context; the context loses the copied file.
        const secretFile = path.join(dir, spec.id);
        fs.writeFileSync(secretFile, spec.seen(secret));
        for (const f of spec.notInFixedContext ?? []) fs.rmSync(path.join(contexts.fixed, f), { force: true });
        // No cache: every image of the chain is this suite's own (and removed with it), and every RUN runs.
        const bud = ['bud', '--pull=never', '--isolation', 'chroot', `--layers=${String(spec.layers ?? false)}`, '--no-cache', '--force-rm', '--format', 'docker'];
        await checked('buildah bud (original)', buildah([...bud, ...spec.originalArgs(secret), '-t', images.original, contexts.original], { log: path.join(dir, 'original.log') }));
        made.push(...(await imageChain(images.original)));
        await checked('buildah bud (fixed)', buildah([...bud, '--secret', `id=${spec.id},src=${secretFile}`, '-t', images.fixed, contexts.fixed], { log: path.join(dir, 'fixed.log') }));
        made.push(...(await imageChain(images.fixed)));
        original = await exportImage(images.original, path.join(dir, 'original-image'));
        fixed = await exportImage(images.fixed, path.join(dir, 'fixed-image'));
      });

      it('the fix reads the secret from a build secret mount', () => {
        for (const re of spec.fixedHas) assert.match(fixedDockerfile, re);
        for (const re of spec.fixedLacks) assert.doesNotMatch(fixedDockerfile, re);
      });

      it('the original image leaks the secret (so this case can fail)', () => {
        assert.ok(original);
        assert.notDeepEqual(leaks(original, secret), []);
      });

      it('both RUNs saw the same secret', () => {
        assert.ok(original && fixed);
        const expected = createHash('sha256').update(spec.seen(secret)).digest('hex');
        assert.equal(fileIn(original, spec.hashFile), expected);
        assert.equal(fileIn(fixed, spec.hashFile), expected);
      });

      it('the fixed image holds the secret in no layer, nor in its config or history', () => {
        assert.ok(fixed);
        assert.ok(fixed.layers.length > 0 && fixed.config.includes('history'));
        assert.deepEqual(leaks(fixed, secret), []);
      });
    });
  }
});
