// Entry of the index worker threads (bundled as out/indexWorker.js): reads the sidecar batches the
// extension host sends and answers with their index summaries. The parse garbage stays in this
// thread's heap, which goes away when the host terminates the thread.
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { readIndexSummarySync, type IndexBatch, type IndexBatchResult } from './indexSummary';

// On Linux a nice value is per thread (setpriority of "0" is the calling thread): the extension
// host's thread, which fills the indexes from what this one sends, then wins when the cores are
// busy, and this one takes what is left. Elsewhere it would be the whole process's: not touched.
if (process.platform === 'linux') {
  try {
    os.setPriority(10);
  } catch {
    // Not allowed here: the read goes on at normal priority.
  }
}

const buffer = { bytes: Buffer.allocUnsafe(1 << 20) };
parentPort?.on('message', (batch: IndexBatch) => {
  parentPort!.postMessage({ first: batch.first, reads: batch.files.map((file) => readIndexSummarySync(file, buffer)) } satisfies IndexBatchResult);
});
