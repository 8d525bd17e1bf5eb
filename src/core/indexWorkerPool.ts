// Reads sidecars for the workspace indexes in worker threads (indexWorker.ts), so that the parsing
// runs beside the caller's thread and its garbage never enters the caller's heap.
import { Worker } from 'node:worker_threads';
import type { IndexBatch, IndexBatchResult, IndexFile, IndexRead } from './indexSummary';

/** Files per message: large enough that messages are few, small enough to spread the work evenly. */
const BATCH = 256;
/** Batches queued per worker, so that it never waits for the next one. */
const AHEAD = 2;
/**
 * A worker's garbage is short-lived (one sidecar's parse), so a small young generation is enough.
 * The memory a worker used stays resident after it ends (Node 24 does not give the pages back):
 * over the 30,877 bench sidecars, two workers left about 270 MB with the default, 110 MB with this.
 */
const YOUNG_GENERATION_MB = 4;

/**
 * Reads `files` in `threads` workers running `script` and hands each read to `take` (index into
 * `files`), batch by batch as they come back. Resolves when all are taken, or early once
 * `cancelled()` is true. Rejects when a worker cannot start or fails; the files not yet taken are
 * then the caller's to read. The workers are terminated either way.
 */
export function readInWorkers(script: string, files: readonly IndexFile[], threads: number, take: (i: number, read: IndexRead) => void, cancelled: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let remaining = files.length;
    let settled = false;
    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      // Nothing of this read (the files, `take` and what it holds) stays reachable from the
      // listeners of a worker that takes its time to exit; its late errors no longer matter.
      for (const w of workers) {
        w.removeAllListeners();
        w.on('error', ignore);
        void w.terminate();
      }
      workers.length = 0;
      if (err) reject(err);
      else resolve();
    };
    const send = (worker: Worker): boolean => {
      if (next >= files.length) return false;
      const batch: IndexBatch = { first: next, files: files.slice(next, next + BATCH) };
      next += batch.files.length;
      worker.postMessage(batch);
      return true;
    };
    if (files.length === 0) return finish();
    for (let t = 0; t < Math.max(1, threads) && next < files.length; t++) {
      let worker: Worker;
      try {
        worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      } catch (err) {
        return finish(err instanceof Error ? err : new Error(String(err)));
      }
      workers.push(worker);
      worker.on('message', (result: IndexBatchResult) => {
        if (settled) return;
        if (cancelled()) return finish();
        result.reads.forEach((read, k) => take(result.first + k, read));
        remaining -= result.reads.length;
        if (remaining === 0) return finish();
        send(worker);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => finish(new Error(`an index worker stopped early (exit code ${code})`)));
      for (let k = 0; k < AHEAD; k++) send(worker);
    }
  });
}

function ignore(): void {
  // A worker's error after the read has ended.
}
