import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel } from '../../model/document';
import { stageChain } from '../../model/document';
import { insertAt } from '../../model/edits';
import type { Fix, Rule } from '../types';
import { appendCommand, commandHead, mounted, removedLater, shippedStages, sudoPrefix, throwawayMounts, covers, verbOf } from './_util';

const LISTS = '/var/lib/apt/lists';
const ARCHIVES = '/var/cache/apt';

/** `apt-get dist-clean` (apt 2.7 and later) removes the lists too. */
function distCleanLater(model: DockerfileModel, c: IndexedCommand): boolean {
  return commandIndex(model)
    .of(c.instr)
    .some((o) => o.start >= c.end && (o.name === 'apt-get' || o.name === 'apt') && ['dist-clean', 'distclean'].includes(verbOf(o, 'apt')?.value ?? ''));
}

const USES_LISTS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'reinstall']);

/**
 * A later RUN (in the same stage or a stage built on it, or carried by ONBUILD) that installs from the lists of
 * this update without an update of its own before: removing the lists here would make it fail to find its packages.
 */
function laterUse(model: DockerfileModel, c: IndexedCommand): IndexedCommand | undefined {
  const index = commandIndex(model);
  for (const o of index.named(['apt-get', 'apt', 'aptitude'], { keywords: ['RUN'] })) {
    if (o.instr.start <= c.instr.start || !o.stage || !c.stage || !stageChain(o.stage).includes(c.stage)) continue;
    if (!USES_LISTS.has(verbOf(o, 'apt')?.value ?? '')) continue;
    const updated = index.of(o.instr).some((u) => u.end <= o.start && (u.name === 'apt-get' || u.name === 'apt' || u.name === 'aptitude') && verbOf(u, 'apt')?.value === 'update');
    if (!updated) return o;
  }
  return undefined;
}

/** Cache mounts for the lists (and the downloaded archives, unless the RUN mounts something there already). */
function mountFix(model: DockerfileModel, c: IndexedCommand): TextEdit {
  const [, kwEnd] = model.offsets(c.instr.node.getInstructionRange());
  const targets = throwawayMounts(c.instr);
  const mounts = [ARCHIVES, LISTS].filter((d) => !targets.some((t) => covers(t, d) || covers(d, t)));
  return insertAt(model, kwEnd, mounts.map((d) => ` --mount=type=cache,target=${d},sharing=locked`).join(''));
}

export const aptListsLeft: Rule = {
  code: 'BH102',
  name: 'apt-lists-left',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3009',
      differs:
        'Only stages that end up in the shipped image are checked; the `rm` must remove the lists folder (`/var/lib/apt/lists`, its contents or a parent) after the update in the same RUN; ' +
        '`apt-get dist-clean` and a cache or tmpfs mount over the folder count too.',
    },
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: '`apt-get update` leaves the package lists in the shipped image.',
    what:
      'An `apt-get update` (or `apt update`, `aptitude update`) in a `RUN` of a stage that ends up in the shipped image, with no `rm` of `/var/lib/apt/lists` ' +
      '(`rm -rf /var/lib/apt/lists/*`, or a parent folder) or `apt-get dist-clean` after it in the same `RUN`, and no cache or tmpfs mount over the folder. ' +
      'Build stages that are only copied from are not checked.',
    why:
      'The lists are tens of megabytes of package indexes that the running container never reads. Left in a layer they are shipped and pulled with every deployment, ' +
      'and they go stale the day the image is built: a later `apt-get install` that trusts them installs outdated versions.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    useInstead:
      'End the `RUN` that updates and installs with `rm -rf /var/lib/apt/lists/*`, or keep the lists in cache mounts, which never reach a layer: ' +
      '`RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install …`.',
    fixSafety:
      'Unsafe, both fixes: they change what the image holds. Neither is offered when a later `RUN` (in the stage, a stage built on it, or an `ONBUILD`) installs from ' +
      'these lists without an `apt-get update` of its own: it could no longer find its packages, so the message names it instead. ' +
      'The first fix appends `&& rm -rf /var/lib/apt/lists/*` to the `RUN` (a line of its own in a heredoc script); the second adds cache mounts instead, which needs BuildKit.',
    limitations:
      'A `RUN` in exec form, or one that holds a heredoc of its own, gets no fix. Lists removed in a later `RUN` are still in the earlier layer, and are flagged.',
  },
  check({ model, report }) {
    const shipped = shippedStages(model);
    for (const c of commandIndex(model).named(['apt-get', 'apt', 'aptitude'], { keywords: ['RUN'] })) {
      if (!c.stage || !shipped.has(c.stage)) continue;
      const verb = verbOf(c, 'apt');
      if (verb?.value !== 'update') continue;
      if (mounted(c.instr, [LISTS]) || removedLater(model, c, [LISTS]) || distCleanLater(model, c)) continue;
      const fixes: Fix[] = [];
      // Both fixes take the lists away from a later install that relies on them: none then, and the message says where.
      const later = laterUse(model, c);
      if (!later) {
        const append = appendCommand(model, c.instr, `${sudoPrefix(c)}rm -rf ${LISTS}/*`);
        if (append) fixes.push({ title: 'Remove the apt lists at the end of the RUN', applicability: 'unsafe', edits: [append] });
        fixes.push({ title: 'Keep the apt lists in a cache mount', applicability: 'unsafe', edits: [mountFix(model, c)] });
      }
      report({
        message: later
          ? `${c.name} update leaves the package lists in the image; the RUN on line ${later.instr.line + 1} installs from them too: update and remove them in each RUN that installs.`
          : `${c.name} update leaves the package lists in the image.`,
        range: commandHead(model, c, verb),
        instructionLine: c.instr.line,
        aliases: c.name === 'apt-get' ? ['DL3009'] : [],
        fixes,
      });
    }
  },
};
