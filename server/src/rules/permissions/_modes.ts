import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { mayHold, stageChain, withCarried } from '../../model/document';
import { shippedStages } from '../../model/run-context';
import type { ShellWord } from '../../model/shell';
import { flagsOf } from '../buildkit/_util';
import { copyParts, fromFlag, resolveWord } from '../instructions/_util';
import { joinPath } from '../secrets/_util';
import { argsOf } from '../trust/_util';
import type { Arg } from '../trust/_util';

/** Where a Dockerfile gives files a mode: `chmod`, `install -m`, `mkdir -m`, `umask`, `COPY --chmod`, `ADD --chmod`. */
export interface ModeSite {
  instr: Instr;
  /** `chmod`, `install -m`, `mkdir -m`, `umask`, `COPY --chmod`, `ADD --chmod`. */
  tool: 'chmod' | 'install -m' | 'mkdir -m' | 'umask' | 'COPY --chmod' | 'ADD --chmod';
  /** The mode, variables substituted. */
  mode: string;
  /** Offsets of the mode as written (inside its word or flag). */
  start: number;
  end: number;
  /** The paths it applies to, absolute when known, as written otherwise (relative, unknown variable); empty for umask. */
  paths: { shown: string; absolute: string | null }[];
  /** Whether a fix may rewrite the mode in place: written literally, not through a variable. */
  literal: boolean;
  /** Every path is known to be a folder (`mkdir -m`, `install -d`, a path the same RUN creates with `mkdir`) and the mode is not applied recursively. */
  directories: boolean;
  /** The shell command, for RUN sites. */
  command?: IndexedCommand;
}

/** What a mode does to the bits the permission rules care about; undefined: left as it was. */
export interface ModeEffect {
  othersWrite: boolean | undefined;
  setuid: boolean | undefined;
  setgid: boolean | undefined;
  sticky: boolean | undefined;
}

const OCTAL = /^[0-7]{1,5}$/;
const CLAUSE = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/;
const OP = /([-+=])([rwxXst]*|[ugo])/g;

/**
 * What `mode` does, as chmod reads it. `umaskApplies`: a symbolic clause without `u`, `g`, `o` or `a` (`+w`,
 * `=rw`) is filtered by the umask, which is 022 in a build: it never gives others write access then. BuildKit's
 * `--chmod` has no umask. Undefined when the mode does not parse.
 */
export function modeEffect(mode: string, umaskApplies: boolean): ModeEffect | undefined {
  if (OCTAL.test(mode)) {
    const n = parseInt(mode, 8);
    if (n > 0o7777) return undefined;
    return { othersWrite: (n & 0o2) !== 0, setuid: (n & 0o4000) !== 0, setgid: (n & 0o2000) !== 0, sticky: (n & 0o1000) !== 0 };
  }
  const effect: ModeEffect = { othersWrite: undefined, setuid: undefined, setgid: undefined, sticky: undefined };
  for (const clause of mode.split(',')) {
    const m = CLAUSE.exec(clause);
    if (!m) return undefined;
    const who = m[1] ?? '';
    const all = who === '' || who.includes('a');
    const others = who.includes('o') || who.includes('a') || (who === '' && !umaskApplies);
    const user = all || who.includes('u');
    const group = all || who.includes('g');
    for (const [, op = '', perms = ''] of (m[2] ?? '').matchAll(OP)) {
      if (/^[ugo]$/.test(perms)) {
        // `o=u`: copies bits whose value is not known here.
        if (others) effect.othersWrite = undefined;
        continue;
      }
      const set = (has: boolean, current: boolean | undefined): boolean | undefined => (op === '+' ? (has ? true : current) : op === '-' ? (has ? false : current) : has);
      if (others) effect.othersWrite = set(perms.includes('w'), effect.othersWrite);
      // `=rx` without a who: the result is filtered by the umask, which takes others' write away.
      else if (who === '' && op === '=') effect.othersWrite = false;
      // Special bits are not filtered by the umask.
      if (user) effect.setuid = set(perms.includes('s'), effect.setuid);
      if (group) effect.setgid = set(perms.includes('s'), effect.setgid);
      if (all || who.includes('o')) effect.sticky = set(perms.includes('t'), effect.sticky);
    }
  }
  return effect;
}

/**
 * The mode without write access for group and others (`777` → `755`, `0666` → `0644`, `u+rwx,o+w` → `u+rwx`,
 * `a+rwx` → `ug+rwx,o+rx`). Undefined when it cannot be rewritten clause by clause (or nothing would be left).
 */
export function withoutOthersWrite(mode: string, umaskApplies: boolean): string | undefined {
  if (OCTAL.test(mode)) return (parseInt(mode, 8) & ~0o22).toString(8).padStart(mode.length, '0');
  const out: string[] = [];
  for (const clause of mode.split(',')) {
    const m = CLAUSE.exec(clause);
    if (!m) return undefined;
    const who = m[1] ?? '';
    const ops = m[2] ?? '';
    const grants = modeEffect(clause, umaskApplies)?.othersWrite === true;
    if (!grants) {
      out.push(clause);
      continue;
    }
    const single = /^([+=])([rwxXst]*)$/.exec(ops);
    if (!single) return undefined;
    const op = single[1] ?? '+';
    const perms = single[2] ?? '';
    const rest = perms.replace(/w/g, '').replace(/t/g, '');
    const sticky = perms.includes('t') ? 't' : '';
    const who2 = [...new Set((who === '' || who.includes('a') ? 'ug' : who).replace(/o/g, ''))].join('');
    if (who2 !== '') out.push(`${who2}${op}${perms}`);
    if (op === '=' || rest + sticky !== '') out.push(`o${op}${rest}${sticky}`);
  }
  const result = out.join(',');
  return result === '' ? undefined : result;
}

/** A umask that keeps others' write bit masked (`000` → `022`). */
export function maskedUmask(mode: string): string {
  return (parseInt(mode, 8) | 0o22).toString(8).padStart(Math.max(mode.length, 3), '0');
}

/** Folders that are world-writable with the sticky bit on any Linux system: `/tmp`, `/var/tmp`, `/dev/shm` and what is under them (`/tmp/.X11-unix`). */
export function isTmpLike(path: string): boolean {
  return /^\/(?:tmp|var\/tmp|dev\/shm|run\/shm|run\/lock|var\/lock)(?:\/|$)/.test(path);
}

/**
 * A path whose value is not known but whose variable names a temporary folder (`"$tempDir"` from `mktemp -d`,
 * `$TMPDIR`): a build's scratch space, removed or never shipped.
 */
export function isTemporaryVariable(path: { shown: string; absolute: string | null }): boolean {
  return path.absolute === null && /^["']?\$\{?\w*(?:te?mp)\w*\}?["']?$/i.test(path.shown);
}

/** The offsets of a part of a word's value, in the Dockerfile (the whole word when they cannot be known). */
function partOf(model: DockerfileModel, word: ShellWord, value: string, offset: number, length: number): [number, number] {
  const src = model.text.slice(word.start, word.end);
  if (src === value) return [word.start + offset, word.start + offset + length];
  if (src === `"${value}"` || src === `'${value}'` || src === JSON.stringify(value)) return [word.start + 1 + offset, word.start + 1 + offset + length];
  return [word.start, word.end];
}

function pathOf(value: string): { shown: string; absolute: string | null } {
  return { shown: value, absolute: value.startsWith('/') && !value.includes('\u0000') ? joinPath('/', value) : null };
}

/** chmod's options: any other word starting with `-` is a mode (`-w`, `-x`). */
const CHMOD_OPTION = /^-[RcfvHLP]+$/;

function chmodSites(model: DockerfileModel, c: IndexedCommand): ModeSite[] {
  const args = argsOf(c);
  let mode: Arg | undefined;
  const paths: Arg[] = [];
  let options = true;
  let recursive = false;
  for (const a of args) {
    if (options && a.value === '--') {
      options = false;
      continue;
    }
    if (options && a.value.startsWith('--')) {
      if (a.value.startsWith('--reference')) return [];
      if (a.value === '--recursive') recursive = true;
      continue;
    }
    if (options && CHMOD_OPTION.test(a.value)) {
      if (a.value.includes('R')) recursive = true;
      continue;
    }
    if (!mode) mode = a;
    else paths.push(a);
  }
  if (!mode || mode.value === '\u0000') return [];
  const [start, end] = mode.fromVariable ? [mode.word.start, mode.word.end] : partOf(model, mode.word, mode.value, 0, mode.value.length);
  const made = recursive ? undefined : createdFolders(model, c);
  const directories = made !== undefined && paths.length > 0 && paths.every((p) => made.has(p.word.raw) || made.has(p.value));
  return [{ instr: c.instr, tool: 'chmod', mode: mode.value, start, end, paths: paths.map((p) => pathOf(p.value === '\u0000' ? p.word.raw : p.value)), literal: !mode.fromVariable, directories, command: c }];
}

/** The folders `mkdir` creates in the command's instruction before it, as written and as valued. */
function createdFolders(model: DockerfileModel, c: IndexedCommand): Set<string> {
  const out = new Set<string>();
  for (const m of commandIndex(model).of(c.instr)) {
    if (m.start >= c.start || m.name !== 'mkdir') continue;
    for (const a of argsOf(m)) {
      if (a.value.startsWith('-')) continue;
      out.add(a.word.raw);
      out.add(a.value);
    }
  }
  return out;
}

/**
 * `install -m MODE` and `mkdir -m MODE`: the mode given attached (`-m755`, `-Dm755`, `--mode=755`) or as the next
 * word. `valueShort` lists the short options that take a value.
 */
function modeOptionSites(model: DockerfileModel, c: IndexedCommand, tool: 'install -m' | 'mkdir -m', valueShort: string): ModeSite[] {
  const args = argsOf(c);
  let mode: { arg: Arg; offset: number; value: string } | undefined;
  let target: Arg | undefined;
  let dirs = tool === 'mkdir -m';
  const operands: Arg[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (options && v === '--') {
      options = false;
      continue;
    }
    if (options && v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      const takes = /^--(?:mode|group|owner|suffix|target-directory|context|strip-program)$/.test(name);
      const value = eq >= 0 ? { arg: a, offset: eq + 1, value: v.slice(eq + 1) } : takes && args[i + 1] ? { arg: args[i + 1] as Arg, offset: 0, value: (args[i + 1] as Arg).value } : undefined;
      if (takes && eq < 0) i++;
      if (name === '--mode' && value) mode = value;
      if (name === '--target-directory' && value) target = value.arg;
      if (name === '--directory') dirs = true;
      continue;
    }
    if (options && /^-[A-Za-z]/.test(v)) {
      for (let k = 1; k < v.length; k++) {
        const letter = v[k] ?? '';
        if (letter === 'd' && tool === 'install -m') dirs = true;
        if (!valueShort.includes(letter)) continue;
        const value = k < v.length - 1 ? { arg: a, offset: k + 1, value: v.slice(k + 1) } : args[i + 1] ? { arg: args[i + 1] as Arg, offset: 0, value: (args[i + 1] as Arg).value } : undefined;
        if (k === v.length - 1) i++;
        if (letter === 'm' && value) mode = value;
        if (letter === 't' && value) target = value.arg;
        break;
      }
      continue;
    }
    operands.push(a);
  }
  if (!mode || mode.value === '' || mode.value.includes('\u0000')) return [];
  const files = target ? [target] : dirs ? operands : operands.slice(-1);
  const [start, end] = mode.arg.fromVariable ? [mode.arg.word.start, mode.arg.word.end] : partOf(model, mode.arg.word, mode.arg.value, mode.offset, mode.value.length);
  return [{ instr: c.instr, tool, mode: mode.value, start, end, paths: files.map((p) => pathOf(p.value === '\u0000' ? p.word.raw : p.value)), literal: !mode.arg.fromVariable, directories: dirs, command: c }];
}

function umaskSites(model: DockerfileModel, c: IndexedCommand): ModeSite[] {
  const mode = argsOf(c).find((a) => !a.value.startsWith('-'));
  if (!mode || mode.value === '\u0000') return [];
  const [start, end] = mode.fromVariable ? [mode.word.start, mode.word.end] : partOf(model, mode.word, mode.value, 0, mode.value.length);
  return [{ instr: c.instr, tool: 'umask', mode: mode.value, start, end, paths: [], literal: !mode.fromVariable, directories: false, command: c }];
}

function copySites(model: DockerfileModel, instr: Instr): ModeSite[] {
  const flag = flagsOf(instr).find((f) => f.getName().toLowerCase() === 'chmod');
  const written = flag?.getValue();
  const range = flag?.getValueRange();
  if (!flag || !written || !range) return [];
  const mode = resolveWord(model, instr, written);
  if (mode === null) return [];
  const [start, end] = model.offsets(range);
  const dest = copyParts(model, instr).dest;
  const destValue = dest ? resolveWord(model, instr, dest.value) : null;
  const paths = dest ? [destValue === null ? { shown: dest.value, absolute: null } : pathOf(destValue)] : [];
  const literal = !written.includes('$') && model.text.slice(start, end) === written;
  return [{ instr, tool: instr.keyword === 'ADD' ? 'ADD --chmod' : 'COPY --chmod', mode, start, end, paths, literal, directories: false }];
}

/** A mode (digits, a symbolic clause, a variable) that may give others write or set a special bit: ends in 2, 3, 6 or 7, has a `w` or `s`, four digits from 2000. */
const MODE_MAY = /^(?:[0-7]|[ugoa]*[-+=]|\$|#)/;
const MODE_BITS = /[2367]$|[ws]|^[0-7]*[2-7][0-7]{3}$|\$|#/;
/** A umask that may leave others' write unmasked: ends in 0, 1, 4 or 5, symbolic, a variable. */
const UMASK_MAY = /[0145]$|=|\$|#/;

const mayBeMode = (w: string): boolean => MODE_MAY.test(w) && MODE_BITS.test(w);
const mayBeUmask = (w: string): boolean => UMASK_MAY.test(w);

/** Word separators in an instruction's words: blanks, and the commas of exec form. */
function isSeparator(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',';
}

/**
 * Whether a word after `key` passes `test`: the first word that is not an option (`chmod -R 777`), or with
 * `modeOption`, the value of a `-m` / `--mode` option up to the end of the command (`install -Dm0777`,
 * `mkdir -p -m 777`). A hand-written scan: regular expressions without a literal start cost more on long RUNs.
 */
function afterKey(words: string, key: string, modeOption: boolean, test: (w: string) => boolean): boolean {
  const n = words.length;
  for (let i = words.indexOf(key); i >= 0; i = words.indexOf(key, i + key.length)) {
    // The program's name, not part of a word (`--no-install-recommends`): a path or an operator may come before it.
    const before = words[i - 1];
    const after = words[i + key.length];
    if ((before !== undefined && !isSeparator(before) && !NAME_BEFORE.has(before)) || (after !== undefined && !isSeparator(after) && !OPERATOR.has(after))) continue;
    let j = i + key.length;
    let valueNext = false;
    for (;;) {
      while (j < n && (isSeparator(words[j]) || words[j] === '=')) j++;
      if (j >= n) break;
      let k = j;
      // Where an operator ends the command inside the word (`-m777;`), if it does.
      let ends = -1;
      while (k < n && !isSeparator(words[k])) {
        if (ends < 0 && OPERATOR.has(words[k] ?? '')) ends = k;
        k++;
      }
      const start = j;
      const stop = ends < 0 ? k : ends;
      j = k;
      if (!modeOption) {
        if (words[start] === '-' && stop - start > 1) continue;
        if (test(words.slice(start, stop))) return true;
        break;
      }
      if (valueNext) {
        if (test(words.slice(start, stop))) return true;
        valueNext = false;
      } else if (words[start] === '-') {
        const m = /^(?:-[A-Za-z]*m|--mode)=?(.*)$/.exec(words.slice(start, stop));
        if (m?.[1]) {
          if (test(m[1])) return true;
        } else if (m) valueNext = true;
      }
      if (ends >= 0) break;
    }
  }
  return false;
}

const OPERATOR = new Set([';', '&', '|', ')']);
const NAME_BEFORE = new Set(['/', ';', '&', '|', '(', '`', '{', '[']);

/** A literal test every mode site the rules report implies (see `mayHold`). */
function mayGiveMode(words: string): boolean {
  return (
    afterKey(words, 'chmod', false, mayBeMode) ||
    afterKey(words, 'umask', false, mayBeUmask) ||
    afterKey(words, 'install', true, mayBeMode) ||
    afterKey(words, 'mkdir', true, mayBeMode)
  );
}

const sitesCache = new WeakMap<DockerfileModel, ModeSite[]>();

/** Every place the Dockerfile sets a mode, in text order (computed once per model). */
export function modeSites(model: DockerfileModel): ModeSite[] {
  let sites = sitesCache.get(model);
  if (sites) return sites;
  sites = [];
  sitesCache.set(model, sites);
  if (!/chmod|install|mkdir|umask/.test(model.text)) return sites;
  const index = commandIndex(model);
  const chmodFlags = model.text.includes('--chmod');
  for (const instr of withCarried(model)) {
    const k = instr.keyword;
    if (chmodFlags && (k === 'COPY' || k === 'ADD') && !instr.carriedBy) sites.push(...copySites(model, instr));
    if (k !== 'RUN' || !mayHold(model, instr, mayGiveMode)) continue;
    for (const c of index.of(instr)) {
      if (c.name === 'chmod') sites.push(...chmodSites(model, c));
      else if (c.name === 'install') sites.push(...modeOptionSites(model, c, 'install -m', 'gmoSt'));
      else if (c.name === 'mkdir') sites.push(...modeOptionSites(model, c, 'mkdir -m', 'm'));
      else if (c.name === 'umask') sites.push(...umaskSites(model, c));
    }
  }
  sites.sort((a, b) => a.start - b.start);
  return sites;
}

/** Whether two absolute paths overlap: one is the other or lies under it. A glob is cut at its first wildcard. */
function overlaps(a: string, b: string): boolean {
  const cut = (p: string): string => {
    const i = p.search(/[*?[]/);
    return i < 0 ? p : p.slice(0, p.lastIndexOf('/', i) + 1).replace(/\/+$/, '') || '/';
  };
  const x = cut(a);
  const y = cut(b);
  return x === y || x === '/' || y === '/' || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

interface StageCopy {
  from: Stage;
  sources: (string | null)[];
}

const copiesCache = new WeakMap<DockerfileModel, StageCopy[]>();

/** What the shipped stages `COPY --from` other stages: the stage and the source paths (null when unknown). */
function shippedCopies(model: DockerfileModel): StageCopy[] {
  let copies = copiesCache.get(model);
  if (copies) return copies;
  copies = [];
  for (const stage of shippedStages(model)) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'COPY') continue;
      const flag = fromFlag(instr);
      if (!flag) continue;
      const name = resolveWord(model, instr, flag.written);
      if (name === null) continue;
      const from = /^\d+$/.test(name) ? model.stages[Number(name)] : model.stageByName(name);
      if (!from || from === stage) continue;
      const sources = copyParts(model, instr).sources.map((s) => {
        const v = resolveWord(model, instr, s.value);
        return v === null ? null : joinPath('/', v);
      });
      copies.push({ from, sources });
    }
  }
  copiesCache.set(model, copies);
  return copies;
}

/**
 * Whether what an instruction does to these paths can end up in the shipped image: it is in the final stage or
 * a stage it builds on, or in a stage the shipped stages `COPY --from` a path of that overlaps them (an unknown or
 * relative path overlaps anything copied from its stage).
 */
export function reachesImage(model: DockerfileModel, instr: Instr, paths: readonly { absolute: string | null }[]): boolean {
  const stage = instr.stage;
  if (!stage || shippedStages(model).has(stage)) return true;
  for (const copy of shippedCopies(model)) {
    if (!stageChain(copy.from).includes(stage)) continue;
    if (paths.length === 0 || paths.some((p) => p.absolute === null)) return true;
    if (copy.sources.some((s) => s === null || paths.some((p) => p.absolute !== null && overlaps(p.absolute, s)))) return true;
  }
  return false;
}

/** `a`, `a and b`, `a, b, c and 2 more`. */
export function listPaths(paths: readonly { shown: string }[]): string {
  const shown = paths.map((p) => p.shown);
  if (shown.length <= 1) return shown[0] ?? '';
  if (shown.length <= 3) return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
  return `${shown.slice(0, 3).join(', ')} and ${shown.length - 3} more`;
}

/** The mode as the command line spells it: `chmod 777`, `install -m 777`, `COPY --chmod=777`. */
export function spelled(site: ModeSite): string {
  if (site.tool === 'COPY --chmod' || site.tool === 'ADD --chmod') return `${site.tool}=${site.mode}`;
  return `${site.tool} ${site.mode}`;
}
