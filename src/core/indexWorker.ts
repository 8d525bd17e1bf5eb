// Entry of the index worker threads (bundled as out/indexWorker.js): reads the sidecar batches the
// extension host sends and answers with their index summaries, one batch at a time. The parse
// garbage stays in this thread's heap, which goes away when the host terminates the thread.
import { parentPort } from 'node:worker_threads';
import { readIndexBatch, type IndexBatch, type IndexBatchResult } from './indexSummary';

/** Reads in flight in one worker: enough to hide file latency behind parsing. */
const READ_CONCURRENCY = 16;

const port = parentPort;
if (port) {
  const queue: IndexBatch[] = [];
  let busy = false;
  const drain = async (): Promise<void> => {
    busy = true;
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const reads = await readIndexBatch(batch.files, READ_CONCURRENCY);
      port.postMessage({ first: batch.first, reads } satisfies IndexBatchResult);
    }
    busy = false;
  };
  port.on('message', (batch: IndexBatch) => {
    queue.push(batch);
    if (!busy) void drain();
  });
}
