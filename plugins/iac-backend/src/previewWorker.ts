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
import { createEngine, GenerateKind } from '@iacforge/plugin-iac-node';
import { renderFor, RenderMode } from './preview';

/** The workerData a PreviewPool starts this module with. */
export type PreviewWorkerData = {
  iacforgePreviewWorker: true;
  roots: string[];
};

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
  parentPort!.on('message', async (request: PreviewRequest) => {
    const { id, kind, body, mode = 'preview' } = request;
    try {
      parentPort!.postMessage({
        id,
        threadId,
        outcome: await renderFor(mode, engine, kind, body),
      });
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
