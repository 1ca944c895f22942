/*
 * Preview worker threads. A preview validates and renders a payload and
 * serialises a few hundred KiB: done on the HTTP thread it stalls every other
 * request. The pool hands previews to worker threads (previewWorker.ts), each
 * with its own engine over the same template roots, so the HTTP thread only
 * parses and sends. The answers are the same bytes (same engine, same code).
 *
 * Run from TypeScript source (dev backend, tests), the workers get Backstage's
 * TypeScript transform (the one `backstage-cli package start` uses); built,
 * they run the built module.
 *
 * If a worker cannot start (e.g. an environment that cannot load it), the
 * pool turns itself off and render() answers undefined: the caller renders
 * in-process and the answer says so (X-Iac-Preview-Source: http-thread). A
 * worker that dies later is replaced on the next request.
 */
import { Worker } from 'node:worker_threads';
import { LoggerService } from '@backstage/backend-plugin-api';
import { GenerateKind } from '@iacforge/plugin-iac-node';
import { PreviewOutcome, RenderMode, ZipOutcome } from './preview';
import { previewWorkerFile, PreviewWorkerData } from './previewWorker';

/** A worker's answer: a Buffer crosses the thread boundary as a Uint8Array. */
type Reply = {
  id: number;
  threadId: number;
  outcome?:
    | { type: 'ok'; body: Uint8Array; etag: string }
    | (Omit<Extract<ZipOutcome, { type: 'zip' }>, 'body'> & {
        body: Uint8Array;
      })
    | Extract<PreviewOutcome, { type: 'issues' }>;
  error?: string;
};

type Slot = {
  worker: Worker;
  pending: Map<number, (reply: Reply | undefined) => void>;
  answered: boolean;
  /** Replaced after a change of roots: ends once its jobs are answered. */
  retired?: boolean;
};

export type PreviewPoolOptions = {
  /** Number of worker threads (0 = none). */
  size: number;
  /** The template roots of the engine (each worker loads its own; see setRoots). */
  roots: string[];
  logger: LoggerService;
  /** Node options of the workers (default: the process's own). */
  execArgv?: string[];
  /** The worker module (default: previewWorker.ts / its build). */
  file?: string;
  /** CPU priority of the workers (Linux nice value; default: unchanged). */
  nice?: number;
  /** The workers' thread name (Linux, e.g. in `top -H`; default iac-preview). */
  name?: string;
};

/** A preview rendered by a worker, with the worker's thread id. */
export type PooledOutcome = PreviewOutcome & { threadId: number };

/** A ZIP made by a worker, with the worker's thread id. */
export type PooledZip = ZipOutcome & { threadId: number };

const toBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const TS_TRANSFORM = '@backstage/cli-node/config/nodeTransform.cjs';

/**
 * The Node options of a worker running `file`: the process's own, plus
 * Backstage's TypeScript transform when the file is TypeScript source and
 * the process does not have it already.
 */
export function workerExecArgv(file: string): string[] {
  const own = process.execArgv;
  if (
    !/\.[cm]?tsx?$/.test(file) ||
    own.some(a => a.includes('nodeTransform'))
  ) {
    return own;
  }
  return [...own, '--require', require.resolve(TS_TRANSFORM)];
}

export class PreviewPool {
  private readonly slots: Array<Slot | undefined>;
  private disabled = false;
  private nextId = 0;
  private roots: string[];

  constructor(private readonly options: PreviewPoolOptions) {
    this.slots = new Array(Math.max(0, options.size)).fill(undefined);
    this.roots = options.roots;
  }

  /**
   * Serves another set of template trees: new jobs go to new workers over
   * `roots`; the old workers answer the jobs they have, then stop.
   */
  setRoots(roots: string[]): void {
    this.roots = roots;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (!slot) {
        continue;
      }
      slot.retired = true;
      this.slots[i] = undefined;
      if (slot.pending.size === 0) {
        slot.worker.terminate().catch(() => undefined);
      }
      if (this.active) {
        // it was started (warm or busy): so is its replacement
        this.start(i);
      }
    }
  }

  /** Whether previews go to workers (false after a worker failed to start). */
  get active(): boolean {
    return !this.disabled && this.slots.length > 0;
  }

  private start(index: number): Slot {
    const data: PreviewWorkerData = {
      iacforgePreviewWorker: true,
      roots: this.roots,
      nice: this.options.nice,
      name: this.options.name ?? 'iac-preview',
    };
    const file = this.options.file ?? previewWorkerFile();
    const worker = new Worker(file, {
      workerData: data,
      execArgv: this.options.execArgv ?? workerExecArgv(file),
    });
    const slot: Slot = { worker, pending: new Map(), answered: false };
    const fail = (reason: string) => {
      if (this.slots[index] === slot) {
        this.slots[index] = undefined;
      }
      if (!slot.answered && !this.disabled && !slot.retired) {
        this.disabled = true;
        this.options.logger.warn(
          `Preview workers are off, previews render on the HTTP thread: ${reason}`,
        );
      }
      for (const resolve of slot.pending.values()) {
        resolve(undefined);
      }
      slot.pending.clear();
    };
    worker.on('message', (reply: Reply) => {
      slot.answered = true;
      const resolve = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      resolve?.(reply);
      if (slot.retired && slot.pending.size === 0) {
        slot.worker.terminate().catch(() => undefined);
      }
    });
    worker.on('error', (error: Error) => fail(error.message));
    worker.on('exit', code => fail(`worker exited with code ${code}`));
    worker.unref();
    this.slots[index] = slot;
    return slot;
  }

  /**
   * Starts every worker now (they load the engine and the output checks in
   * the background) instead of on the first request, which would wait for
   * it: seconds, more from TypeScript source.
   */
  warm(): void {
    if (!this.active) {
      return;
    }
    for (let i = 0; i < this.slots.length; i++) {
      if (!this.slots[i]) {
        this.start(i);
      }
    }
  }

  /**
   * Renders a preview in a worker (the least busy one); `checks` adds the
   * output checks' findings. Undefined when the pool is off or the worker
   * died: render in-process then.
   */
  async render(
    kind: GenerateKind,
    body: unknown,
    mode: 'preview' | 'checks' = 'preview',
  ): Promise<PooledOutcome | undefined> {
    const reply = await this.send(kind, body, mode);
    const outcome = reply?.outcome;
    if (!reply || !outcome || outcome.type === 'zip') {
      return undefined;
    }
    if (outcome.type === 'ok') {
      return {
        type: 'ok',
        etag: outcome.etag,
        body: toBuffer(outcome.body),
        threadId: reply.threadId,
      };
    }
    return { ...outcome, threadId: reply.threadId };
  }

  /** The generated files as a ZIP, made in a worker (undefined: pool off). */
  async zip(kind: GenerateKind, body: unknown): Promise<PooledZip | undefined> {
    const reply = await this.send(kind, body, 'zip');
    const outcome = reply?.outcome;
    if (!reply || !outcome || outcome.type === 'ok') {
      return undefined;
    }
    if (outcome.type === 'zip') {
      return {
        ...outcome,
        body: toBuffer(outcome.body),
        threadId: reply.threadId,
      };
    }
    return { ...outcome, threadId: reply.threadId };
  }

  private async send(
    kind: GenerateKind,
    body: unknown,
    mode: RenderMode,
  ): Promise<Reply | undefined> {
    if (!this.active) {
      return undefined;
    }
    let index = 0;
    for (let i = 1; i < this.slots.length; i++) {
      const size = this.slots[i]?.pending.size ?? 0;
      if (size < (this.slots[index]?.pending.size ?? 0)) {
        index = i;
      }
    }
    const slot = this.slots[index] ?? this.start(index);
    const id = this.nextId++;
    const reply = await new Promise<Reply | undefined>(resolve => {
      slot.pending.set(id, resolve);
      slot.worker.postMessage({ id, kind, body, mode });
    });
    if (reply?.error !== undefined) {
      throw new Error(reply.error);
    }
    return reply;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.disabled = true;
    await Promise.all(
      this.slots.map(slot => slot?.worker.terminate().catch(() => undefined)),
    );
  }
}
