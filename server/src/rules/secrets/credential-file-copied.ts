import { stageChain } from '../../model/document';
import type { Instr } from '../../model/document';
import { shippedStages } from '../../model/run-context';
import { fromFlag, resolveWord } from '../instructions/_util';
import type { Rule } from '../types';
import { SECRET_REFS, copiedCredentials, copySources, credentialKind, joinPath, workdirs } from './_util';

export const credentialFileCopied: Rule = {
  code: 'BH401',
  name: 'credential-file-copied',
  category: 'attack-surface',
  severity: 'warning',
  trust: 'credential-file',
  aliases: [],
  references: [...SECRET_REFS, { standard: 'CWE', id: 'CWE-522', title: 'Insufficiently Protected Credentials', url: 'https://cwe.mitre.org/data/definitions/522.html' }],
  fixable: 'none',
  docs: {
    summary: '`COPY` or `ADD` puts a credential file (a private key, `.npmrc`, `.env`, a kubeconfig) into the image.',
    attack: 'Anyone who can pull the image extracts the key or token from the layer that holds it, even if a later step deletes the file.',
    what:
      'A source of `COPY` or `ADD` (build arguments resolved) named like a credential: private SSH keys (`id_rsa`, `id_dsa`, `id_ecdsa`, `id_ed25519`), `.ssh` folders, ' +
      '`*.key`, `*.pem`, `*.p12`, `*.pfx` (not names that say certificate or public key: `ca.pem`, `fullchain.pem`, `nginx_signing.key`), `.env` and `.env.*` (not `.env.example`, `.env.sample`, ' +
      '`.env.template`, `.env.dist`), `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.aws/credentials`, `.docker/config.json`, `.kube/config` and `kubeconfig`. ' +
      'Only stages that ship are checked (the final stage and the stages it builds on with `FROM`): a stage that is only a build step keeps the file in the build cache, not in the image. ' +
      'When the final stage copies from such a stage (`COPY --from=build /root /root`) a path that holds a credential file that stage copied, the `COPY --from` source is reported.',
    why:
      'Every layer of an image is a tarball anyone who can pull it can unpack: a credential copied into a layer is readable there for good, whatever later instructions do. ' +
      'A leaked deploy key, registry token or cloud credential gives access far beyond the container.',
    bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci && rm .npmrc\n',
    good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    useInstead:
      'Mount the file for the one RUN that needs it: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`, built with `docker build --secret id=npmrc,src=$HOME/.npmrc .` ' +
      '(buildah and podman take the same `--secret` flag); for SSH use `RUN --mount=type=ssh` with `docker build --ssh default`. List credential files in `.dockerignore` ' +
      '(`.env`, `*.pem`, `.npmrc`, `id_*`) so that `COPY . .` cannot pick them up.',
    fixSafety: 'No fix: a secret mount changes how the build is called, and the RUN that needs the file must be chosen by a person.',
    limitations:
      'Files are recognised by name only: a key under another name is not found, and a `.pem` or `.key` that holds only a certificate is reported unless its name says so. ' +
      'Sources that a build argument without a value names, and folders that happen to hold credentials (`COPY . .`), are not checked (see `copy-ignored-file` and `.dockerignore`).',
  },
  check({ model, report }) {
    if (!model.instructions.some((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) return;
    let dirs: Map<Instr, string | null> | undefined;
    const copied = copiedCredentials(model, () => (dirs ??= workdirs(model)));
    if (copied.length === 0) return;
    const shipped = shippedStages(model);
    for (const c of copied) {
      if (shipped.has(c.stage)) report({ message: `${c.instr.keyword} puts "${c.source}", ${c.kind}, into the image.`, range: c.range, instructionLine: c.instr.line });
    }
    const left = copied.filter((c) => !shipped.has(c.stage) && c.path !== null);
    if (left.length === 0) return;
    // The final image takes a path from a build stage that holds a credential file copied there.
    for (const instr of model.instructions) {
      if (instr.keyword !== 'COPY' || !instr.stage || !shipped.has(instr.stage)) continue;
      const from = fromFlag(instr);
      const fromStage = from ? model.stageByName(resolveWord(model, instr, from.written) ?? '') : undefined;
      if (!from || !fromStage || shipped.has(fromStage)) continue;
      const chain = stageChain(fromStage);
      for (const s of copySources(model, instr)?.sources ?? []) {
        if (credentialKind(s.value) !== undefined || /[*?[]/.test(s.value)) continue;
        const src = joinPath('/', s.value);
        const hit = left.find((l) => chain.includes(l.stage) && l.instr.start < instr.start && (l.path === src || (l.path ?? '').startsWith(src === '/' ? '/' : `${src}/`)));
        if (!hit) continue;
        report({
          message: `COPY --from=${from.written} carries ${hit.path ?? ''}, ${hit.kind} that stage ${hit.stage.name ?? String(hit.stage.index)} copied on line ${hit.instr.line + 1}, into the image.`,
          range: s.range,
          instructionLine: instr.line,
        });
      }
    }
  },
};
