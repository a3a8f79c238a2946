/**
 * Image references per the distribution reference grammar:
 * `[registry[:port]/][namespace/]name[:tag][@algorithm:hex]`, with Docker Hub's defaults.
 */
export interface ImageReference {
  /** The reference as written (after ARG/ENV substitution). */
  raw: string;
  /** Registry host, with port when given; `docker.io` when none is written. */
  registry: string;
  /** Whether the registry was written or defaulted. */
  registryExplicit: boolean;
  /** Repository path below the registry, e.g. `library/node` or `myorg/app`. */
  repository: string;
  /** Last path component, e.g. `node`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** The canonical form, e.g. `docker.io/library/node:20`. */
  canonical: string;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;

export type ParsedReference = { ok: true; ref: ImageReference } | { ok: false; error: string };

export function parseImageReference(raw: string): ParsedReference {
  if (raw.length === 0) return { ok: false, error: 'empty image reference' };
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: `invalid digest "${digest}"` };
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: `invalid tag "${tag}"` };
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  let registryExplicit = false;
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first))) {
    if (!HOST.test(first)) return { ok: false, error: `invalid registry "${first}"` };
    registry = first === 'index.docker.io' || first === 'registry-1.docker.io' ? 'docker.io' : first;
    registryExplicit = true;
    parts.shift();
  }
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    return { ok: false, error: `invalid repository name "${rest}"` };
  }
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  const name = parts[parts.length - 1] ?? repository;
  const canonical = `${registry}/${repository}${tag !== null ? `:${tag}` : ''}${digest !== null ? `@${digest}` : ''}`;
  return { ok: true, ref: { raw, registry, registryExplicit, repository, name, tag, digest, canonical } };
}
