import { Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/**
 * Runs `work(i)` for i = 0 … count−1 on the calling thread and on `jobs − 1` worker threads, and hands the
 * results to `deliver` in index order, each as soon as every earlier one has been delivered. The output of a
 * parallel run is therefore the output of a sequential one, byte for byte, whatever finishes first.
 *
 * Workers start `workerFile` with `workerData` (the worker side calls `serveOrderedPool`) and take small batches
 * as they become free, so a slow file does not hold up the others; the calling thread works too, between
 * messages, so that the workers' start-up (loading the engine, compiling the grammar) overlaps real work. A
 * worker that fails hands its unfinished items back to the calling thread: a crash costs time, never output.
 */
export interface OrderedPoolOptions<T> {
  count: number;
  jobs: number;
  workerFile: string;
  workerData: unknown;
  work: (index: number) => T;
  deliver: (index: number, result: T) => void;
  /** Items per request to a worker (default 4). */
  batch?: number;
}

/** Messages from a worker. */
type FromWorker<T> = { type: 'ready' } | { type: 'result'; index: number; result: T };

/** Fewer items than this are not worth a worker's start-up. */
const MIN_ITEMS_PER_WORKER = 8;

export async function orderedPool<T>(options: OrderedPoolOptions<T>): Promise<void> {
  const { count, work, deliver } = options;
  const batch = Math.max(1, options.batch ?? 4);
  const results = new Map<number, T>();
  let delivered = 0;
  let next = 0;
  const flush = (): void => {
    while (results.has(delivered)) {
      const r = results.get(delivered) as T;
      results.delete(delivered);
      deliver(delivered, r);
      delivered++;
    }
  };
  const workerCount = Math.max(0, Math.min(options.jobs - 1, Math.floor(count / MIN_ITEMS_PER_WORKER)));
  // Items a crashed worker never finished, done on this thread before anything new.
  const orphaned: number[] = [];
  const workers = new Set<Worker>();
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  for (let k = 0; k < workerCount; k++) {
    const worker = new Worker(options.workerFile, { workerData: options.workerData });
    const pending = new Set<number>();
    const give = (): void => {
      const items: number[] = [];
      while (items.length < batch && next < count) items.push(next++);
      if (items.length === 0) {
        if (pending.size === 0) void worker.terminate();
        return;
      }
      for (const i of items) pending.add(i);
      worker.postMessage(items);
    };
    worker.on('message', (m: FromWorker<T>) => {
      if (m.type === 'result') {
        pending.delete(m.index);
        results.set(m.index, m.result);
        flush();
        poke();
      }
      // Two batches in flight, so that a worker never waits for this thread to finish its own item.
      if (m.type === 'ready') {
        give();
        give();
      } else if (pending.size <= batch) give();
    });
    const lost = (): void => {
      if (!workers.delete(worker)) return;
      orphaned.push(...pending);
      pending.clear();
      poke();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    workers.add(worker);
  }

  const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  for (;;) {
    const i = orphaned.length > 0 ? orphaned.shift() : next < count ? next++ : undefined;
    if (i !== undefined) {
      results.set(i, work(i));
      flush();
      if (workers.size > 0) await yieldToMessages();
      continue;
    }
    if (delivered >= count) break;
    // Everything is handed out: wait for the workers' last results (or for one to fail).
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (orphaned.length > 0 || delivered >= count || workers.size === 0) poke();
    });
    if (workers.size === 0 && orphaned.length === 0 && delivered < count) {
      // Cannot happen: every item is either delivered, pending in a live worker, or orphaned.
      throw new Error(`ordered pool lost items ${delivered}…${count - 1}`);
    }
  }
  await Promise.all([...workers].map((w) => w.terminate()));
}

/** The worker side: answers each batch of indices with one message per result. */
export function serveOrderedPool<T>(port: MessagePort, work: (index: number) => T): void {
  port.on('message', (items: number[]) => {
    for (const index of items) port.postMessage({ type: 'result', index, result: work(index) } satisfies FromWorker<T>);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker<T>);
}
