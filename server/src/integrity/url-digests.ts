import type { DockerfileModel } from '../model/document';
import { urlsWithoutChecksum } from '../rules/integrity/add-url-without-checksum';
import { fetchDigest } from './fetch-digest';
import type { FetchDigestOptions, FetchDigestResult } from './fetch-digest';

/**
 * What the adapters learn of the files `ADD` downloads: each URL fetched at most once per run (the CLI with
 * `--online`) or per session (the language server, when a person asks for the fix), a few at a time, and never
 * an exception: a URL that cannot be fetched has no digest, so its finding keeps no fix.
 */
export class UrlDigests {
  private readonly results = new Map<string, Promise<FetchDigestResult>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly fetch: (url: string, options?: FetchDigestOptions) => Promise<FetchDigestResult> = fetchDigest,
    private readonly options: FetchDigestOptions & { concurrency?: number } = {},
  ) {}

  /** The digest of one URL (`sha256:<hex>`), or the reason there is none. */
  digest(url: string): Promise<FetchDigestResult> {
    let result = this.results.get(url);
    if (!result) {
      result = this.limited(() => this.fetch(url, this.options)).catch((e: unknown) => ({ ok: false as const, url, error: e instanceof Error ? e.message : String(e) }));
      this.results.set(url, result);
    }
    return result;
  }

  /** Digests of every URL the model's ADDs download without `--checksum`, for `DocumentFacts.urlDigests`. */
  forModel(model: DockerfileModel): Promise<{ digests: Record<string, string>; failures: { url: string; error: string }[] }> {
    return this.forUrls(urlsWithoutChecksum(model));
  }

  /** Digests of the URLs (each fetched once), and why the others have none. */
  async forUrls(urls: Iterable<string>): Promise<{ digests: Record<string, string>; failures: { url: string; error: string }[] }> {
    const digests: Record<string, string> = {};
    const failures: { url: string; error: string }[] = [];
    for (const r of await Promise.all([...new Set(urls)].map((u) => this.digest(u)))) {
      if (r.ok) digests[r.url] = r.digest;
      else failures.push({ url: r.url, error: r.error });
    }
    return { digests, failures };
  }

  private async limited<T>(run: () => Promise<T>): Promise<T> {
    const width = Math.max(1, this.options.concurrency ?? 4);
    while (this.running >= width) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await run();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
