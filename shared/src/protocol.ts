/**
 * Messages between the language server, the client and the preview webview. One place for their shapes:
 * the server builds these, the CLI prints them, the webview renders them.
 */

/** Custom request: the runtime manifest of a document. */
export const MANIFEST_REQUEST = 'bulkhead/manifest';
export interface ManifestParams {
  uri: string;
}

/** Server-side command: open a rule's documentation page. Argument: the rule code. */
export const SHOW_DOCUMENTATION_COMMAND = 'bulkhead.showDocumentation';

export type CommandForm = 'exec' | 'shell';

export interface ManifestCommand {
  form: CommandForm;
  /** Exec form: the argv; shell form: the command line as one element. */
  command: string[];
  /** As it runs: shell form wrapped in the stage's SHELL (`/bin/sh -c …`). */
  effective: string[];
  line: number;
}

export interface ManifestImage {
  /** As written in FROM. */
  written: string;
  /** After ARG substitution; null when it depends on a build argument without default. */
  resolved: string | null;
  registry: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  /** `image`, a previous `stage`, `scratch`, or `unknown`. */
  kind: 'image' | 'stage' | 'scratch' | 'unknown';
  stage: string | null;
  platform: string | null;
  line: number;
}

export interface ManifestStage {
  index: number;
  name: string | null;
  base: ManifestImage;
  os: string;
  isFinal: boolean;
  user: string | null;
  line: number;
}

export interface ManifestUser {
  /** As it takes effect (after substitution): `10001:10001`, `app`, `root`; null when unknown. */
  value: string | null;
  user: string | null;
  group: string | null;
  uid: number | null;
  gid: number | null;
  /** true / false, or null when it cannot be known before build. */
  isRoot: boolean | null;
  /** USER gives a numeric UID (what Kubernetes runAsNonRoot can verify). */
  numeric: boolean;
  source: 'USER' | 'parent-stage' | 'base-image' | 'default';
  line: number | null;
}

export interface ManifestPort {
  port: number | null;
  /** As written, e.g. `${PORT}` when unresolved. */
  written: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  line: number;
}

export interface ManifestVolume {
  path: string;
  line: number;
}

export interface ManifestHealthcheck {
  disabled: boolean;
  test: ManifestCommand | null;
  interval: string | null;
  timeout: string | null;
  startPeriod: string | null;
  startInterval: string | null;
  retries: number | null;
  line: number;
}

export interface ManifestEnv {
  name: string;
  /** The value, or a mask when the name looks like a secret; null when unknown before build. */
  value: string | null;
  masked: boolean;
  line: number;
}

export interface ManifestLabel {
  key: string;
  value: string;
  line: number;
}

/** One line of the "Secrets and trust" section: what it is, why it is listed, where. */
export interface ManifestTrustItem {
  /** `secret`: a secret reaches the image or its build; `credential-file`: a file that looks like a credential is shipped; `insecure`: trust turned off. */
  kind: 'secret' | 'credential-file' | 'insecure';
  /** The name, path or flag, short (`DB_PASSWORD`, `id_rsa`, `curl -k`). */
  subject: string;
  /** One sentence: why it is listed (a finding's message, or what the name looks like). */
  detail: string;
  /** The rule that reported it, when one did. */
  code: string | null;
  line: number;
}

export interface ManifestFinding {
  code: string;
  name: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  line: number;
}

export interface RuntimeManifest {
  /** Schema version of this object. */
  version: 1;
  /** Index of the final stage, or null for a file without FROM. */
  finalStage: number | null;
  stages: ManifestStage[];
  /** The chain of images the final stage builds on, nearest first. */
  baseImages: ManifestImage[];
  user: ManifestUser;
  ports: ManifestPort[];
  volumes: ManifestVolume[];
  workdir: string | null;
  entrypoint: ManifestCommand | null;
  cmd: ManifestCommand | null;
  shell: string[];
  healthcheck: ManifestHealthcheck | null;
  env: ManifestEnv[];
  labels: ManifestLabel[];
  stopSignal: string | null;
  /**
   * Secrets and trust: secret-looking ENV and ARG names of the final stage and the findings of the rules about
   * secrets, shipped credential files and trust turned off, in line order.
   */
  trust: ManifestTrustItem[];
  /** The document's findings, so the preview can show what to fix next to what runs. */
  findings: ManifestFinding[];
}

/** Webview → extension. */
export type WebviewMessage = { type: 'ready' } | { type: 'reveal'; line: number };

/** Extension → webview. */
export type HostMessage = { type: 'manifest'; manifest: RuntimeManifest | null; fileName: string; error?: string };
