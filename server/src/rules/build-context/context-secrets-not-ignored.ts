import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { ignoreFileOf, stageChain } from '../../model/document';
import { shippedStages } from '../../model/run-context';
import { LineIndex } from '../../model/text';
import { IgnoreMatcher, cleanPath } from '../buildkit/_dockerignore';
import { fromFlag, resolveWord } from '../instructions/_util';
import { SECRET_REFS, absolute, copySources, joinPath, workdirs } from '../secrets/_util';
import type { DocumentFacts, Fix, Rule } from '../types';

/**
 * What the build context must not carry into an image, as the pattern the fix adds and the paths that show
 * whether an ignore file already excludes it (every probe must be excluded, by any pattern).
 */
export const CONTEXT_SECRETS: readonly { pattern: string; probes: readonly string[] }[] = [
  { pattern: '.git', probes: ['.git'] },
  { pattern: '**/.env*', probes: ['.env', '.env.local'] },
  { pattern: '**/*.pem', probes: ['key.pem', 'certs/key.pem'] },
  { pattern: '**/*.key', probes: ['server.key', 'certs/server.key'] },
  { pattern: '**/id_rsa*', probes: ['id_rsa', '.ssh/id_rsa'] },
  { pattern: '**/id_ed25519*', probes: ['id_ed25519', '.ssh/id_ed25519'] },
  { pattern: '**/.npmrc', probes: ['.npmrc'] },
  { pattern: '**/.aws', probes: ['.aws/credentials'] },
];

/** Sources that name the whole build context (cleaned): `.`, `./`, `/`, and every top-level entry with `*`. */
const WHOLE_CONTEXT = new Set(['.', '/', '*', '/*']);

/** The patterns of CONTEXT_SECRETS that the ignore file does not exclude (all of them when there is none). */
function missingPatterns(text: string | undefined): string[] | undefined {
  if (text === undefined) return CONTEXT_SECRETS.map((s) => s.pattern);
  const matcher = IgnoreMatcher.parse(text);
  // An invalid pattern fails the build: nothing is sent, nothing leaks.
  if (!matcher) return undefined;
  return CONTEXT_SECRETS.filter((s) => s.probes.some((p) => !matcher.excludes(p))).map((s) => s.pattern);
}

/**
 * For each stage that does not ship, the folders the shipped stages copy out of it with `COPY --from` (absolute;
 * a glob cut to the folder above it), given to the stages it builds on too.
 */
function copiedOut(model: DockerfileModel, shipped: ReadonlySet<Stage>): Map<Stage, string[]> {
  const out = new Map<Stage, string[]>();
  for (const stage of shipped) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'COPY') continue;
      const from = fromFlag(instr);
      const name = from ? resolveWord(model, instr, from.written) : null;
      const source = name === null ? undefined : model.stageByName(name);
      if (!source || shipped.has(source)) continue;
      for (const s of copySources(model, instr)?.sources ?? []) {
        const glob = s.value.search(/[*?[]/);
        const folder = joinPath('/', glob < 0 ? s.value : s.value.slice(0, s.value.lastIndexOf('/', glob) + 1));
        for (const st of stageChain(source)) out.set(st, [...(out.get(st) ?? []), folder]);
      }
    }
  }
  return out;
}

/** Whether copying `folder` out of a stage takes what was copied to `dest` (unknown: taken to). */
function takes(folder: string, dest: string | null): boolean {
  return dest === null || folder === '/' || dest === folder || dest.startsWith(`${folder}/`);
}

/** The fix: the missing patterns appended to the ignore file that applies, or a new one holding them. */
function excludeFix(facts: DocumentFacts, missing: readonly string[]): Fix {
  const path = ignoreFileOf(facts);
  const text = facts.dockerignore?.text ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = new LineIndex(text);
  const lead = text === '' || text.endsWith('\n') ? '' : eol;
  const added = `${lead}# Secrets and repository history stay out of the build context.${eol}${missing.join(eol)}${eol}`;
  return {
    title: `Exclude secrets in ${path}`,
    applicability: 'unsafe',
    edits: [],
    files: [{ path, create: !facts.dockerignore, edits: [{ range: lines.range(text.length, text.length), newText: added }] }],
  };
}

export const contextSecretsNotIgnored: Rule = {
  code: 'BH460',
  name: 'context-secrets-not-ignored',
  category: 'attack-surface',
  severity: 'warning',
  trust: 'credential-file',
  aliases: [],
  references: [
    ...SECRET_REFS,
    { standard: 'CWE', id: 'CWE-527', title: 'Exposure of Version-Control Repository to an Unauthorized Control Sphere', url: 'https://cwe.mitre.org/data/definitions/527.html' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: '`COPY . .` copies the whole build context into the image, and `.dockerignore` does not keep `.git`, `.env` files and private keys out of it.',
    attack: 'Anyone who can pull the image unpacks its layers and reads the `.env` secrets, private keys and git history that the developer had next to the Dockerfile.',
    what:
      'A `COPY` or `ADD` whose source is the whole build context (`.`, `./`, `/`, `*`, build arguments resolved) in the final stage or a stage it builds on, ' +
      'or in a build stage when the final image copies the folder it went to (or a folder above it) out of that stage with `COPY --from` (`COPY . /src` then `COPY --from=build /src /app`; not `COPY --from=build /src/bin/app /app`), ' +
      'when the ignore file that applies (`<Dockerfile name>.dockerignore` beside the Dockerfile, else `.dockerignore` in the context; read with Docker\'s pattern rules) is missing ' +
      'or does not exclude each of: `.git`, `**/.env*`, `**/*.pem`, `**/*.key`, `**/id_rsa*`, `**/id_ed25519*`, `**/.npmrc`, `**/.aws`. ' +
      'A pattern counts as excluded when the paths it stands for are excluded by any line (`*` then `!src` excludes them all). Needs the ignore file: editors and the CLI read it beside the Dockerfile.',
    why:
      'Whatever sits in the project folder on the machine that builds (a developer\'s `.env`, a deploy key, `.npmrc` with a registry token, the whole git history with secrets that were once committed) ' +
      'goes into a layer of the image, readable by anyone who can pull it; deleting it in a later step does not remove it from that layer.',
    bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\n',
    good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src/ ./src/\n',
    useInstead:
      'Copy what the image needs by name (`COPY package.json src/ ./`), or keep the ignore file an allow-list (`*` then `!src`, `!package.json`); ' +
      'at least exclude `.git`, `**/.env*`, keys (`**/*.pem`, `**/*.key`, `**/id_rsa*`, `**/id_ed25519*`), `**/.npmrc` and `**/.aws`.',
    fixSafety:
      'Unsafe: the fix appends the missing patterns to the ignore file that applies (or creates `.dockerignore`, or the Dockerfile\'s own ignore file when that is the one that applies). ' +
      'That changes what is sent to the builder: a build that needs one of those files (a `.npmrc` for a private registry, `.git` for a version stamp) then fails or changes, ' +
      'and another Dockerfile sharing the same context is affected too.',
    limitations:
      'Secrets under other names (`secrets.json`, `credentials.yml`) are not looked for; copying a folder that holds them (`COPY config/ …`) is not checked (see `credential-file-copied` for named files). ' +
      'A build stage whose files reach the image only through another build stage (copied twice) is not followed. ' +
      'Without a file system (standard input, an unsaved editor) the ignore file is unknown and nothing is reported. The build context is taken to be the Dockerfile\'s folder unless the CLI is given `--context`.',
    exampleFacts: { dockerignore: { path: '.dockerignore', text: 'node_modules\n' } },
  },
  check({ model, facts, report }) {
    const ignore = facts.dockerignore;
    if (ignore === undefined) return;
    let missing: string[] | undefined;
    let shipped: ReadonlySet<Stage> | undefined;
    let copied: Map<Stage, string[]> | undefined;
    let dirs: Map<Instr, string | null> | undefined;
    let fix: Fix | undefined;
    for (const instr of model.instructions) {
      if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || !instr.stage) continue;
      if (fromFlag(instr)) continue;
      const parts = copySources(model, instr);
      for (const s of parts?.sources ?? []) {
        const src = cleanPath(s.value.replace(/\\/g, '/'));
        if (!WHOLE_CONTEXT.has(src)) continue;
        shipped ??= shippedStages(model);
        let into = 'the image';
        if (!shipped.has(instr.stage)) {
          // A build stage: only what the final image copies out of it ships.
          copied ??= copiedOut(model, shipped);
          dirs ??= workdirs(model);
          const dest = parts?.dest == null ? null : absolute(parts.dest, dirs.get(instr));
          const folder = copied.get(instr.stage)?.find((f) => takes(f, dest));
          if (folder === undefined) continue;
          into = `stage ${instr.stage.name ?? String(instr.stage.index)}, whose ${folder} the final image copies`;
        }
        missing ??= missingPatterns(ignore?.text);
        if (!missing || missing.length === 0) return;
        fix ??= excludeFix(facts, missing);
        const file = ignoreFileOf(facts);
        const what = ignore
          ? `${file} does not exclude ${missing.join(', ')}`
          : `there is no ${file} to keep .git, .env files and private keys out`;
        report({
          message: `${instr.keyword} "${s.value}" copies the whole build context into ${into}, and ${what}.`,
          range: s.range,
          instructionLine: instr.line,
          fixes: [fix],
        });
      }
    }
  },
};
