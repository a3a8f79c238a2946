import type { IndexedCommand } from '../../model/commands';
import { commandIndex } from '../../model/commands';
import type { DockerfileModel, Instr } from '../../model/document';
import { mayHold, withCarried } from '../../model/document';
import { mountTargets, wordValue } from '../../model/run-context';
import type { ShellWord } from '../../model/shell';
import { looksSecret } from '../buildkit/secret-env';
import { CREDENTIAL_NAME_HINT, TOKEN_HINT, looksLikeToken, variablesIn } from './_util';

/** A file a RUN's command writes with `>`, `>>` or `| tee`. */
export interface FileWrite {
  instr: Instr;
  command: IndexedCommand;
  /** The redirection or the `tee` command, Dockerfile offsets. */
  start: number;
  end: number;
  /** The file's word and its value (ARG and ENV substituted; null when unknown). */
  target: ShellWord;
  path: string | null;
  /** What secret the command writes (`$NPM_TOKEN`, `"ghp_…"`), when its arguments hold one. */
  secret: string | undefined;
}

const DEVICES = /^\/(?:dev|proc)\//;
const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);
const WRITERS = ['echo', 'printf'];

/** What secret a word holds, as the message shows it: `$TOKEN` for a variable with a secret name, an elided literal for a token. */
function secretIn(instr: Instr, word: ShellWord, extra: ReadonlySet<string>): string | undefined {
  for (const name of variablesIn(word.raw)) {
    if (looksSecret(name, extra) || looksLikeToken(instr.scope.get(name)?.value ?? '')) return `$${name}`;
  }
  const value = wordValue(instr, word);
  if (value !== null && looksLikeToken(value)) {
    const m = /gh[pousr]_|github_pat_|AKIA|ASIA|xox[abposr]-|glpat-|-----BEGIN[A-Z ]*PRIVATE KEY-----/.exec(value);
    return `"${m?.[0] ?? ''}…"`;
  }
  return undefined;
}

/** A reference to a variable with a secret-looking word in its name (see `looksSecret`), for prefilters. */
const SECRET_WORD = /\$\{?[A-Za-z0-9_]*(?:apikey|auth|credential|key|password|pword|passwd|secret|token)/i;

/**
 * The files the RUN instructions write with `echo` or `printf` (redirected, or piped into `tee`), with the secret
 * each writes if any. Only RUNs whose words may hold a writer, a redirection and a secret (or, with
 * `credentialTargets`, a credential file name) are parsed.
 */
export function fileWrites(model: DockerfileModel, extra: ReadonlySet<string>, credentialTargets = false): FileWrite[] {
  // Variables whose value is a token, whatever their name.
  const tokenVars: string[] = [];
  for (const instr of model.instructions) {
    if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
    for (const [name, v] of instr.declares) if (v.value !== undefined && looksLikeToken(v.value)) tokenVars.push(name);
  }
  const extraNames = [...extra];
  const may = (w: string): boolean => {
    if (!w.includes('>') && !w.includes('tee')) return false;
    if (!w.includes('echo') && !w.includes('printf')) return false;
    if (SECRET_WORD.test(w) || TOKEN_HINT.test(w) || (credentialTargets && CREDENTIAL_NAME_HINT.test(w))) return true;
    const lower = extraNames.length > 0 ? w.toLowerCase() : '';
    return tokenVars.some((n) => w.includes(n)) || extraNames.some((n) => lower.includes(n));
  };
  const out: FileWrite[] = [];
  const index = commandIndex(model);
  for (const instr of withCarried(model)) {
    if (instr.keyword !== 'RUN' || !mayHold(model, instr, may)) continue;
    for (const c of index.of(instr)) {
      if (c.name === null || !WRITERS.includes(c.name)) continue;
      let secret: string | undefined;
      for (const a of c.args) if ((secret = secretIn(instr, a, extra))) break;
      for (const r of c.command.redirects ?? []) {
        if (!WRITE_OPS.has(r.op) || (r.fd !== null && r.fd !== '1')) continue;
        out.push({ instr, command: c, start: r.start, end: r.end, target: r.target, path: wordValue(instr, r.target), secret });
      }
      const next = c.command.pipeline[c.command.pipelineIndex + 1];
      if (next && next.name.value !== null && /(?:^|\/)tee$/.test(next.name.value)) {
        for (const a of next.args) {
          if (a.value !== null && a.value.startsWith('-')) continue;
          out.push({ instr, command: c, start: next.start, end: next.end, target: a, path: wordValue(instr, a), secret });
        }
      }
    }
  }
  return out.filter((w) => w.path === null || !DEVICES.test(w.path));
}

/** Whether a path is in a folder a mount of the RUN (`tmpfs`, `secret`, `cache`, `bind`) covers: what is written there is not in the layer. */
export function mounted(instr: Instr, path: string): boolean {
  return mountTargets(instr, ['tmpfs', 'secret', 'cache', 'bind']).some((t) => path === t || path.startsWith(t === '/' ? '/' : `${t}/`));
}
