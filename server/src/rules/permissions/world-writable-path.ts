import type { TextEdit } from 'vscode-languageserver-types';
import { replace } from '../../model/edits';
import { removeCommandEdit } from '../trust/_util';
import type { Fix, Rule } from '../types';
import { isTemporaryVariable, isTmpLike, listPaths, maskedUmask, modeEffect, modeSites, reachesImage, spelled, withoutOthersWrite } from './_modes';

const REMOVE = 'Remove write access for others';
const STICKY = 'Add the sticky bit';

/** Whether the umask leaves others' write bit unmasked: octal without the 2 bit, or a symbolic umask that allows `o` to write. */
function umaskAllowsOthers(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) return (parseInt(mode, 8) & 0o2) === 0;
  return modeEffect(mode, false)?.othersWrite === true;
}

export const worldWritablePath: Rule = {
  code: 'BH420',
  name: 'world-writable-path',
  category: 'privileges',
  severity: 'warning',
  aliases: [],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
    { standard: 'CWE', id: 'CWE-732', title: 'Incorrect Permission Assignment for Critical Resource', url: 'https://cwe.mitre.org/data/definitions/732.html' },
    { standard: 'CWE', id: 'CWE-276', title: 'Incorrect Default Permissions', url: 'https://cwe.mitre.org/data/definitions/276.html' },
  ],
  fixable: 'unsafe',
  options: {
    'sticky-folders': {
      type: 'boolean',
      default: false,
      description:
        'Also report folders outside /tmp made writable by every user with the sticky bit (`chmod 1777 /var/www/html`), at info level. Official images do this on purpose so that any `--user` can write there.',
    },
  },
  docs: {
    summary: 'A file or folder of the image is made writable by every user.',
    attack: 'Any process in the container, under any user ID, rewrites the program, script or configuration and runs its code as whoever uses that file next.',
    what:
      'A mode that gives others (the `o` of `ugo`) write access: `chmod 777`, `0666`, `-R 777`, `o+w`, `a+w`, `a=rwx`, `u+rwx,o+w`; `install -m 777`; `mkdir -m 777`; `COPY --chmod=777` and `ADD --chmod=777`; ' +
      'and `umask 000` (any umask that leaves the others\' write bit unmasked; `umask 0002` masks it and is not flagged). Modes and paths given by `ARG` or `ENV` variables are read when their value is known. ' +
      '`chmod +w` and `chmod =rw` are not flagged: without `u`, `g`, `o` or `a` chmod filters the mode through the umask, which is 022 in a build. ' +
      'The sticky bit on `/tmp`, `/var/tmp`, `/dev/shm` and what is under them (`chmod 1777 /tmp`) is their normal mode and not flagged; elsewhere `1777` is a shared folder by design (official images ' +
      'make their data and web folders so, for any `--user`) and is reported, at info level, only with the `sticky-folders` option: the sticky bit keeps users from deleting each other\'s files. ' +
      'A path held by a shell variable named for a temporary folder (`chmod 777 "$tempDir"` after `mktemp -d`) is not flagged. ' +
      'Only what reaches the shipped image counts: the final stage and the stages it builds on, and in other stages the paths the final stage `COPY --from`s (a copy keeps the mode).',
    why:
      'A container often runs several processes, or runs under an arbitrary user ID (OpenShift, `--user`); a file every user may write is a file any of them, or an attacker who gets code execution as any of them, can replace. ' +
      'A world-writable binary, script, library folder or configuration turns a foothold into code running as the user or service that reads it, root included.',
    bad: 'FROM debian:bookworm-slim\nCOPY app /opt/app\nRUN chmod -R 777 /opt/app\nUSER 10001\nCMD ["/opt/app/run"]\n',
    good: 'FROM debian:bookworm-slim\nCOPY app /opt/app\nRUN chmod -R 755 /opt/app\nUSER 10001\nCMD ["/opt/app/run"]\n',
    useInstead:
      'Give the files to the user that needs to write them (`COPY --chown=10001:10001`, `chown`) and keep the mode at `755` for folders and programs, `644` for data; ' +
      'for a folder several users share, use a group (`chgrp` and `775`) rather than everyone. The application\'s writable state belongs in a volume or a folder it owns, not next to its code.',
    fixSafety:
      'Unsafe: `777` becomes `755` and `666` becomes `644` (group and others lose write access), a symbolic clause such as `o+w` loses the others\' part, `umask 000` becomes `022`; ' +
      'on `/tmp`-like folders the sticky bit is added instead (`777` → `1777`). A process that runs under another user and relied on writing there gets "permission denied" until it is given ownership.',
    limitations:
      '`chmod` run by `find -exec` or `xargs`, permissions set by scripts, archives or `setfacl`, and a later `chmod` that takes the access back are not read. ' +
      'Which paths the final stage copies from other stages is compared by path (a stage that copies from a third one is not followed); a relative path in another stage counts when anything is copied from that stage. ' +
      '`umask` is reported wherever it runs in a shipped stage, whether or not the RUN creates files after it.',
  },
  check({ model, options, report }) {
    const stickyFolders = options['sticky-folders'] === true;
    for (const site of modeSites(model)) {
      const umask = site.tool === 'umask';
      let sticky = false;
      if (umask) {
        if (!umaskAllowsOthers(site.mode)) continue;
      } else {
        const effect = modeEffect(site.mode, site.tool === 'chmod');
        if (effect?.othersWrite !== true) continue;
        sticky = effect.sticky === true;
      }
      const tmp = site.paths.length > 0 && site.paths.every((p) => p.absolute !== null && isTmpLike(p.absolute));
      if ((sticky && (tmp || !stickyFolders)) || (site.paths.length > 0 && site.paths.every(isTemporaryVariable))) continue;
      if (!reachesImage(model, site.instr, site.paths)) continue;
      const written = model.text.slice(site.start, site.end) === site.mode;
      let fix: Fix | undefined;
      if (site.literal && written) {
        let edits: TextEdit[] | undefined;
        let title = REMOVE;
        if (umask) {
          const mode = /^[0-7]{1,4}$/.test(site.mode) ? maskedUmask(site.mode) : withoutOthersWrite(site.mode, false);
          edits = mode === undefined ? undefined : [replace(model, site.start, site.end, mode)];
        } else if (tmp && /^[0-7]{3,4}$/.test(site.mode)) {
          title = STICKY;
          edits = [replace(model, site.start, site.end, (parseInt(site.mode, 8) | 0o1000).toString(8))];
        } else {
          const mode = withoutOthersWrite(site.mode, site.tool === 'chmod');
          if (mode !== undefined) edits = [replace(model, site.start, site.end, mode)];
          else if (site.command && /^[ao]+\+w$/.test(site.mode)) edits = removeCommandEdit(model, site.command);
        }
        if (edits) fix = { title, applicability: 'unsafe', edits };
      }
      const what = spelled(site);
      const message = umask
        ? `${what} makes the files this RUN creates after it writable by every user.`
        : tmp
          ? `${what} makes ${listPaths(site.paths)} writable by every user without the sticky bit, so any user can delete or replace the others' files.`
          : sticky
            ? `${what} makes ${listPaths(site.paths)} writable by every user; the sticky bit only keeps them from deleting each other's files.`
            : `${what} makes ${listPaths(site.paths) || 'the file'} writable by every user.`;
      report({
        message,
        range: model.lines.range(site.start, site.end),
        instructionLine: site.instr.line,
        severity: sticky ? 'info' : undefined,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
