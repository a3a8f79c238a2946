import { resolveSettings } from './config/settings';
import type { ResolvedSettings, Settings } from './config/settings';
import { lintModel } from './features/lint';
import type { LintResult } from './features/lint';
import { parseDockerfile } from './model/document';
import type { DocumentFacts, DockerfileModel } from './model/document';
import { initShellParser } from './model/shell';
import type { ShellParserOptions } from './model/shell';

/**
 * The engine's entry points: pure functions of text and settings, shared by the language server, the CLI,
 * the tests and the benchmark. Only `initEngine` is asynchronous (it loads the shell grammar once).
 */
export async function initEngine(options: ShellParserOptions): Promise<void> {
  await initShellParser(options);
}

/** `facts`: what the adapter knows of the Dockerfile's surroundings (its `.dockerignore`). */
export function lintText(text: string, settings?: Settings | ResolvedSettings, facts?: DocumentFacts): LintResult & { model: DockerfileModel } {
  const model = parseDockerfile(text, { facts });
  const resolved = settings === undefined ? undefined : 'levels' in settings ? settings : resolveSettings(settings);
  return { ...lintModel(model, resolved), model };
}

/** How many open documents keep their parsed model; the others keep only their findings. */
const MODELS_KEPT = 32;

interface CacheEntry {
  version: number;
  text: string;
  /** Dropped for documents not used lately, and parsed again when asked for. */
  model: DockerfileModel | undefined;
  /** What the model was parsed with (see `factsKey`): other facts mean another model. */
  facts: string;
  result?: LintResult;
  settingsKey?: unknown;
}

/** Facts compared by content: an adapter may read the same .dockerignore into a new object. */
function factsKey(facts: DocumentFacts | undefined): string {
  const d = facts?.dockerignore;
  const key = d === undefined ? 'unknown' : d === null ? 'none' : `${d.path}\0${d.text}`;
  // Where fixes put the ignore file, and the download digests fixes pin: others mean other fixes.
  const withFile = facts?.ignoreFile === undefined ? key : `${key}\0${facts.ignoreFile}`;
  const digests = facts?.urlDigests;
  return digests === undefined ? withFile : `${withFile}\0${JSON.stringify(digests)}`;
}

/**
 * Keeps the lint result of every open document's current version, and the parsed model of the most recently
 * used ones: a model holds the whole syntax tree, about ten times the text, so hundreds of open Dockerfiles would
 * otherwise hold hundreds of trees that only a hover or a code action may ever ask for again.
 */
export class DocumentCache {
  private readonly entries = new Map<string, CacheEntry>();
  /** URIs whose entry holds a model, least recently used first. */
  private readonly withModel = new Set<string>();

  /** `facts`: the document's surroundings; when they change (an edited .dockerignore), the model is made again. */
  model(uri: string, version: number, text: string, facts?: DocumentFacts): DockerfileModel {
    let e = this.entries.get(uri);
    const key = factsKey(facts);
    // The model of the version before an edit: what did not change is not parsed again.
    let previous: DockerfileModel | undefined;
    if (!e || e.version !== version || e.text !== text || e.facts !== key) {
      previous = e?.facts === key ? e.model : undefined;
      e = { version, text, model: undefined, facts: key };
      this.entries.set(uri, e);
    }
    e.model ??= parseDockerfile(text, { previous, facts });
    this.touch(uri);
    return e.model;
  }

  lint(uri: string, version: number, text: string, settings: ResolvedSettings, facts?: DocumentFacts): LintResult {
    const e = this.entries.get(uri);
    if (e?.result && e.version === version && e.text === text && e.settingsKey === settings && e.facts === factsKey(facts)) return e.result;
    const model = this.model(uri, version, text, facts);
    const result = lintModel(model, settings);
    const fresh = this.entries.get(uri);
    if (fresh) {
      fresh.result = result;
      fresh.settingsKey = settings;
    }
    return result;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.withModel.delete(uri);
  }

  private touch(uri: string): void {
    this.withModel.delete(uri);
    this.withModel.add(uri);
    if (this.withModel.size <= MODELS_KEPT) return;
    const oldest = this.withModel.values().next().value;
    if (oldest === undefined) return;
    this.withModel.delete(oldest);
    const e = this.entries.get(oldest);
    if (e) e.model = undefined;
  }
}

export { parseDockerfile, lintModel, resolveSettings };
export type { DocumentFacts, DockerfileModel, LintResult, ResolvedSettings, Settings };
