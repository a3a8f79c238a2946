import type { Env, Label } from 'dockerfile-ast';
import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { DockerfileModel, Instr } from '../../model/document';
import { argumentsStart } from '../../model/document';
import { del, removeInstruction } from '../../model/edits';
import { shippedStages } from '../../model/run-context';
import { flagsOf } from '../buildkit/_util';
import { execForm, resolveWord } from '../instructions/_util';
import type { Rule, RuleFinding } from '../types';

/** A path to the socket of a container engine: Docker (and the host socket dev containers forward), containerd, Podman, CRI-O. */
const SOCKET = /\/(?:[\w.@-]+\/)*(?:docker(?:-host)?|containerd|podman|crio|cri-dockerd|dockershim)\.sock(?![\w.-])/;

/** Programs that serve a socket of their own (Docker in Docker): their command line naming it is no request for the host's. */
const DAEMONS = /^(?:dockerd|containerd|podman|crio|dockerd-entrypoint\.sh|dind)$/;

interface Word {
  value: string;
  start: number;
  end: number;
  /** The value is the text at [start, end) as it stands. */
  literal: boolean;
}

/** Where in a word the socket path is: the path itself when written literally, else the whole word. */
function socketRange(model: DockerfileModel, w: Word): { path: string; start: number; end: number } | undefined {
  const m = SOCKET.exec(w.value);
  if (!m) return undefined;
  const src = model.text.slice(w.start, w.end);
  const at = w.literal ? src.indexOf(m[0]) : -1;
  return at >= 0 ? { path: m[0], start: w.start + at, end: w.start + at + m[0].length } : { path: m[0], start: w.start, end: w.end };
}

/** The paths of a VOLUME, in JSON or shell form, with their values (variables substituted). */
function volumeWords(model: DockerfileModel, instr: Instr): Word[] {
  const json = execForm(model, instr);
  if (json) return json.strings.map((s) => ({ value: s.value, start: s.start, end: s.end, literal: model.text.slice(s.start + 1, s.end - 1) === s.value }));
  return instr.args.flatMap((a) => {
    const written = a.getValue();
    const value = resolveWord(model, instr, written);
    const [start, end] = model.offsets(a.getRange());
    return value === null ? [] : [{ value, start, end, literal: !written.includes('$') && model.text.slice(start, end) === value }];
  });
}

/** Removes one path of a VOLUME: the whole instruction when it is the only one. */
function removeVolumeEdit(model: DockerfileModel, instr: Instr, words: readonly Word[], i: number): TextEdit[] | undefined {
  if (words.length === 1) return [removeInstruction(model, instr)];
  const prev = words[i - 1];
  const next = words[i + 1];
  const w = words[i] as Word;
  if (prev) return [del(model, prev.end, w.end)];
  if (next) return [del(model, w.start, next.start)];
  return undefined;
}

export const containerSocketExposed: Rule = {
  code: 'BH422',
  name: 'container-socket-exposed',
  category: 'privileges',
  severity: 'warning',
  aliases: [],
  references: [
    { standard: 'NIST SP 800-190', id: '4.4.3', title: 'Insecure container runtime configurations' },
    { standard: 'Pod Security Standards (Baseline)', id: 'hostPath', title: 'HostPath Volumes', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { standard: 'CWE', id: 'CWE-250', title: 'Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: 'The image expects the host\'s Docker, containerd, Podman or CRI-O socket.',
    attack: 'Whoever gets code execution in the container asks the host\'s container engine to start a privileged container that mounts the host\'s root file system, and owns the host.',
    what:
      'A path to a container engine\'s socket (`/var/run/docker.sock`, `/run/docker.sock`, `/run/containerd/containerd.sock`, `podman.sock`, `crio.sock`, any folder) in a `VOLUME`, ' +
      'in an `ENV` value (`DOCKER_HOST=unix:///var/run/docker.sock`), in a `LABEL`, or in the `CMD`, `ENTRYPOINT` or `HEALTHCHECK` command of the shipped image (the final stage and the stages it builds on); ' +
      'and, in any stage, a `RUN --mount` that binds such a socket into the build. Values given by `ARG` variables are read when known. ' +
      'A command that runs its own engine (`dockerd`, `containerd`, `podman`: Docker in Docker) naming its socket is not flagged, nor is a `RUN` script that mentions one.',
    why:
      'The engine socket is an API that runs containers as root on the host: with it, a process can start a privileged container, mount `/` of the host and read or change anything there. ' +
      'Giving a container the socket gives it the host. An image that declares the socket as a volume or points its tools at it asks every user to do exactly that.',
    bad: 'FROM docker:27-cli\nVOLUME /var/run/docker.sock\nCMD ["docker", "ps"]\n',
    good: 'FROM docker:27-cli\nENV DOCKER_HOST=tcp://docker:2376 DOCKER_TLS_VERIFY=1\nCMD ["docker", "ps"]\n',
    useInstead:
      'Talk to a daemon over TLS with client certificates (`DOCKER_HOST=tcp://…:2376`, `DOCKER_TLS_VERIFY=1`), use a socket proxy that allows only the API calls needed (read-only container listing, for example), ' +
      'or a rootless engine in its own container. To build images inside a container, use a daemonless builder (BuildKit rootless, Kaniko, Buildah) rather than the host\'s engine.',
    fixSafety:
      'The only fix removes the socket from a `VOLUME` (the whole instruction when it is its only path). Unsafe: the image configuration loses the volume, so a container started without a mount no longer gets an empty anonymous volume at that path; ' +
      'whoever mounts the host socket there with `-v` still can. Other references have no fix: what the program should talk to instead is a decision.',
    limitations:
      'Sockets in scripts the image runs, in configuration files, or passed at run time (`docker run -v`, Compose, Kubernetes) are not seen here. A path named otherwise (`/var/run/engine.sock`) is not recognised.',
  },
  check({ model, report }) {
    // Every finding names a socket file, and every value an ARG or ENV can give is written in the file.
    const sockets: number[] = [];
    for (let at = model.text.indexOf('.sock'); at >= 0; at = model.text.indexOf('.sock', at + 1)) sockets.push(at);
    if (sockets.length === 0) return;
    const shipped = shippedStages(model);
    const findings: RuleFinding[] = [];
    const push = (instr: Instr, r: { start: number; end: number }, message: string, edits?: TextEdit[]): void => {
      findings.push({ message, range: model.lines.range(r.start, r.end), instructionLine: instr.line, fixes: edits ? [{ title: 'Remove the socket from VOLUME', applicability: 'unsafe', edits }] : [] });
    };
    for (const instr of model.instructions) {
      const k = instr.keyword;
      const mentions = sockets.some((o) => o >= instr.start && o < instr.end);
      // ENV and VOLUME values can come from variables; the rest is read as written.
      if (!mentions && k !== 'ENV' && k !== 'VOLUME') continue;
      if (k === 'RUN') {
        if (!mentions) continue;
        for (const flag of flagsOf(instr)) {
          const range = flag.getValueRange();
          const value = flag.getValue();
          if (flag.getName().toLowerCase() !== 'mount' || !range || value === null) continue;
          const [start, end] = model.offsets(range);
          const r = socketRange(model, { value, start, end, literal: model.text.slice(start, end) === value });
          if (r) push(instr, r, `RUN --mount binds the container engine socket ${r.path} into the build.`);
        }
        continue;
      }
      if (!instr.stage || !shipped.has(instr.stage)) continue;
      if (k === 'VOLUME') {
        const words = volumeWords(model, instr);
        words.forEach((w, i) => {
          const r = socketRange(model, w);
          if (r) push(instr, r, `VOLUME ${r.path} makes the container engine socket a mount point, inviting the host's socket to be mounted there.`, removeVolumeEdit(model, instr, words, i));
        });
      } else if (k === 'ENV') {
        for (const prop of (instr.node as Env).getProperties()) {
          const name = prop.getName();
          const value = instr.declares.find(([n]) => n === name)?.[1].value;
          const range = prop.getValueRange();
          if (typeof value !== 'string' || !range) continue;
          const [start, end] = model.offsets(range);
          const r = socketRange(model, { value, start, end, literal: true });
          if (r) push(instr, r, `ENV ${name} points the container at the container engine socket ${r.path}.`);
        }
      } else if (mentions && (k === 'LABEL' || k === 'CMD' || k === 'ENTRYPOINT' || k === 'HEALTHCHECK')) {
        if (k !== 'LABEL' && commandIndex(model).of(instr).some((c) => c.name !== null && DAEMONS.test(c.name))) continue;
        const from = k === 'LABEL' ? (instr.node as Label).getProperties()[0] : undefined;
        const start = from ? model.offsets(from.getNameRange())[0] : argumentsStart(model, instr);
        if (start === undefined) continue;
        // The first mention: `-v /var/run/docker.sock:/var/run/docker.sock` is one request.
        const m = SOCKET.exec(model.text.slice(start, instr.end));
        if (!m) continue;
        const at = start + m.index;
        const message =
          k === 'LABEL'
            ? `LABEL refers to the container engine socket ${m[0]}, asking for the host's socket to be mounted into the container.`
            : `${k} uses the container engine socket ${m[0]}, which the container can only reach if the host's socket is mounted into it.`;
        push(instr, { start: at, end: at + m[0].length }, message);
      }
    }
    for (const f of findings) report(f);
  },
};
