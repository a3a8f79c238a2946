import { withCarried } from '../../model/document';
import type { Arg, Env, Property } from 'dockerfile-ast';
import { trivy } from '../aliases';
import type { Rule } from '../types';

/** BuildKit's secret-looking name tokens, matched whole between underscores or the ends of the name, in any case. */
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
/**
 * Names with one of these tokens are taken to be public on purpose: `PUBLIC_KEY` (BuildKit's exception), and the
 * GPG/PGP key fingerprints official images publish to verify downloads (`GPG_KEY`, `RABBITMQ_PGP_KEY_ID`).
 */
const ALLOWED = /(?:_|^)(?:public|gpg|pgp)(?:_|$)/i;

export function looksSecret(name: string, extra: ReadonlySet<string>): boolean {
  if (extra.has(name.toLowerCase())) return true;
  return SECRET.test(name) && !ALLOWED.test(name);
}

export const secretEnv: Rule = {
  code: 'BH312',
  name: 'secret-env',
  category: 'attack-surface',
  severity: 'warning',
  trust: 'secret',
  aliases: [
    {
      tool: 'buildkit',
      id: 'SecretsUsedInArgOrEnv',
      differs: 'Bulkhead does not flag names with a `GPG` or `PGP` word (`GPG_KEY`, `PGP_KEY_ID`): official images use them for the public key fingerprints that verify downloads; BuildKit flags them.',
    },
    ...trivy(
      '0031',
      'Trivy matches its own list of secret names and also flags copying well-known secret files (private keys, `.npmrc`, credentials files); Bulkhead matches ARG and ENV names with BuildKit\'s token heuristic and does not look at copied files.',
    ),
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
    { standard: 'NIST SP 800-190', id: '4.1.4', title: 'Embedded clear text secrets' },
    { standard: 'CWE', id: 'CWE-538', title: 'Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
  ],
  fixable: 'none',
  options: {
    'extra-names': {
      type: 'string[]',
      default: [],
      description: 'More ARG and ENV names (compared without regard to case) to treat as secrets.',
      configKey: 'secretNames',
    },
  },
  docs: {
    summary: 'An `ARG` or `ENV` whose name says it holds a secret.',
    attack: 'Anyone who can pull the image, or read its build history, reads the secret in plain text.',
    what:
      'An `ARG` or `ENV` name with a word such as `password`, `passwd`, `pword`, `secret`, `token`, `key`, `apikey`, `auth` or `credential(s)` in it, ' +
      'words being separated by underscores (`DB_PASSWORD`, `github_token`, `API_KEY`), in any case. A name with the word `public`, `gpg` or `pgp` (`PUBLIC_KEY`, `GPG_KEY`: fingerprints of public keys) is not flagged. ' +
      'The `extra-names` option adds names of your own.',
    why:
      'ENV values are stored in the image configuration and shown by `docker inspect` to anyone who can pull the image; build argument values are recorded in the image history ' +
      'and build provenance, and any ARG used by a RUN is in its environment. A secret passed this way leaks with the image.',
    bad: 'FROM node:20-alpine\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc\n',
    good: 'FROM node:20-alpine\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    useInstead: 'Pass secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=…`, `docker build --secret`) or ssh mounts, and give them to the running container at run time.',
    fixSafety: 'No fix: moving a secret to a secret mount changes how the build is called.',
    limitations: 'Only names are looked at, not values; a secret under an innocent name is not found, and a name such as `CACHE_KEY` may hold nothing secret.',
  },
  check({ model, options, report }) {
    const extraOption = options['extra-names'];
    const extra = new Set(Array.isArray(extraOption) ? extraOption.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : []);
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      // `ARG a=1 b=2` declares two build arguments, as `ENV a=1 b=2` sets two variables.
      const props: Property[] = (instr.node as Env | Arg).getProperties();
      for (const prop of props) {
        const name = prop.getName();
        if (!looksSecret(name, extra)) continue;
        report({
          message: `${instr.keyword} "${name}" looks like it holds a secret, which the image would keep.`,
          range: prop.getNameRange(),
          instructionLine: instr.line,
        });
      }
    }
  },
};
