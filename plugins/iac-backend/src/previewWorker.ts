/*
 * A preview worker thread: its own engine over the same template roots,
 * answering { id, kind, body, mode } with a PreviewOutcome or ZipOutcome
 * (see preview.ts): plain previews, previews with output checks, ZIPs.
 * Started by PreviewPool; importing this module on the main thread does
 * nothing.
 */
import {
  isMainThread,
  parentPort,
  threadId,
  workerData,
} from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import { createEngine, GenerateKind } from '@iacforge/plugin-iac-node';
import { renderFor, RenderMode } from './preview';

/** The workerData a PreviewPool starts this module with. */
export type PreviewWorkerData = {
  iacforgePreviewWorker: true;
  roots: string[];
  /** CPU priority of this thread (Linux nice value), e.g. 10 for heavy work. */
  nice?: number;
  /** The thread's name in `top -H` / `ps -L` (Linux, at most 15 bytes). */
  name?: string;
};

/**
 * Names this thread (Linux: /proc/thread-self/comm), so that its CPU time
 * can be told apart from the HTTP thread's (`top -H`, yarn bench:cpu).
 * Elsewhere a no-op.
 */
function nameThread(name: string) {
  try {
    fs.writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    // no /proc: keep the default name
  }
}

/**
 * Lowers this thread's CPU priority (Linux: setpriority on the thread id,
 * found through /proc/thread-self): checked previews then yield the CPU to
 * the HTTP thread and the plain previews. Elsewhere a no-op.
 */
function lowerPriority(nice: number) {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) {
      os.setPriority(tid, nice);
    }
  } catch {
    // no /proc or not permitted: keep the default priority
  }
}

/** The ArrayBuffer of a body the worker can hand over without a copy. */
function transferable(outcome: { type: string; body?: Buffer }) {
  const body = outcome.body;
  return body &&
    body.byteOffset === 0 &&
    body.byteLength === body.buffer.byteLength
    ? [body.buffer as ArrayBuffer]
    : [];
}

/** This module's file (source or built), for new Worker(). */
export function previewWorkerFile(): string {
  return __filename;
}

export type PreviewRequest = {
  id: number;
  kind: GenerateKind;
  body: unknown;
  mode?: RenderMode;
};

function serve(data: PreviewWorkerData) {
  // the pool's engine resolved these roots already (shipped ones included)
  const engine = createEngine(data.roots, { shipped: false });
  if (data.nice) {
    lowerPriority(data.nice);
  }
  if (data.name) {
    nameThread(data.name);
  }
  parentPort!.on('message', async (request: PreviewRequest) => {
    const { id, kind, body, mode = 'preview' } = request;
    try {
      const outcome = await renderFor(mode, engine, kind, body);
      parentPort!.postMessage(
        { id, threadId, outcome },
        transferable(outcome as { type: string; body?: Buffer }),
      );
    } catch (error) {
      parentPort!.postMessage({
        id,
        threadId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
}

if (!isMainThread && workerData?.iacforgePreviewWorker) {
  serve(workerData as PreviewWorkerData);
}
