import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** A JSON-RPC message as the benchmark reads it. */
export interface Message {
  id?: number;
  method?: string;
  params?: { uri?: string; version?: number; diagnostics?: unknown[] };
  result?: unknown;
}

/**
 * A language server over stdio for the benchmark: frames messages, answers the server's own requests
 * (configuration with null, anything else with null) and stamps every message with the time it was read.
 */
export class LspProcess {
  readonly proc: ChildProcess;
  /** Why the server is gone, once it is. */
  exited: string | undefined;
  readonly exitedPromise: Promise<void>;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly listeners: ((m: Message, at: number) => void)[] = [];
  private nextId = 1;

  constructor(command: readonly string[]) {
    const [cmd, ...args] = command;
    this.proc = spawn(cmd ?? process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    this.exitedPromise = new Promise<void>((resolve) =>
      this.proc.on('exit', (code, signal) => {
        this.exited = `the server exited (${signal ?? code})`;
        resolve();
      }),
    );
    this.proc.stdin?.on('error', () => undefined);
    this.proc.stdout?.on('data', (chunk: Buffer) => this.read(chunk, performance.now()));
  }

  private read(chunk: Buffer, now: number): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const header = this.buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, header).toString());
      const len = Number(m?.[1] ?? 0);
      if (this.buffer.length < header + 4 + len) return;
      const msg = JSON.parse(this.buffer.subarray(header + 4, header + 4 + len).toString()) as Message;
      this.buffer = this.buffer.subarray(header + 4 + len);
      if (msg.method === 'workspace/configuration' && msg.id !== undefined) this.send({ jsonrpc: '2.0', id: msg.id, result: [null] });
      else if (msg.id !== undefined && msg.method !== undefined) this.send({ jsonrpc: '2.0', id: msg.id, result: null });
      else if (msg.id !== undefined) this.pending.get(msg.id)?.(msg);
      for (const l of [...this.listeners]) l(msg, now);
    }
  }

  send(m: object): void {
    if (this.exited) return;
    const s = JSON.stringify(m);
    this.proc.stdin?.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Calls `listener` with every message the server sends, and the time it was read. */
  onMessage(listener: (m: Message, at: number) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves with the read time of the next message that passes the test. */
  next(test: (m: Message) => boolean): Promise<number> {
    return new Promise((resolve) => {
      const l = (m: Message, at: number): void => {
        if (!test(m)) return;
        this.listeners.splice(this.listeners.indexOf(l), 1);
        resolve(at);
      };
      this.listeners.push(l);
    });
  }

  /** `p`, or `fallback` when the server exits or `ms` pass first. */
  within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([p, this.exitedPromise.then(() => fallback), new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
  }

  async initialize(): Promise<boolean> {
    const ok = await this.within(
      this.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } }).then(() => true),
      10_000,
      false,
    );
    if (ok) this.notify('initialized', {});
    return ok;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      await this.within(this.request('shutdown', null), 2000, undefined);
      this.notify('exit', null);
      await this.within(this.exitedPromise, 2000, undefined);
    }
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}
