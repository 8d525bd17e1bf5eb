// What the workspace indexes (speakers, entities) keep of one sidecar on disk, read the same way
// on the extension host and in the index worker threads (indexWorker.ts): no quotation texts and no
// offsets, so that a worker sends back only what the indexes need.
import * as fs from 'node:fs';
import type { IndexedEntity } from './entityIndex';
import type { ArticleStatus } from './model';
import { readSidecarSummary, type SidecarSummary } from './sidecarSummary';
import type { IndexedSpeaker, SpeakerQuotation } from './speakerIndex';

export interface IndexSummary {
  status: ArticleStatus;
  speakers: IndexedSpeaker[];
  quotations: SpeakerQuotation[];
  entities: IndexedEntity[];
}

/** A sidecar read for the indexes: its summary, why it cannot be used, or nothing (no sidecar, or no article beside it). */
export type IndexRead =
  | { kind: 'summary'; summary: IndexSummary }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'absent' };

/** One sidecar to read; `articleKnown` when a scan already found its article (saves a stat). */
export interface IndexFile {
  sidecar: string;
  article: string;
  articleKnown?: boolean;
}

/** Messages between the extension host and an index worker: a batch of files, and their reads in the same order. */
export interface IndexBatch {
  first: number;
  files: IndexFile[];
}
export interface IndexBatchResult {
  first: number;
  reads: IndexRead[];
}

export async function readIndexSummary(file: IndexFile): Promise<IndexRead> {
  let text: string;
  try {
    text = await fs.promises.readFile(file.sidecar, 'utf8');
  } catch (err) {
    return readFailure(err);
  }
  // A sidecar without its article (an export folder, a deleted dump) is not an article of the workspace.
  if (!file.articleKnown && !(await exists(file.article))) return { kind: 'absent' };
  return summarise(text);
}

/**
 * readIndexSummary for a thread of its own (the index workers), where blocking reads cost nothing
 * and save the thread pool's round trips. The bytes go through one buffer, grown when needed,
 * instead of a buffer per file, whose freed memory the thread's allocator would keep.
 */
export function readIndexSummarySync(file: IndexFile, buffer: { bytes: Buffer }): IndexRead {
  let text: string;
  try {
    const fd = fs.openSync(file.sidecar, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (size + 1 > buffer.bytes.length) buffer.bytes = Buffer.allocUnsafe(Math.max(size + 1, buffer.bytes.length * 2));
      let length = 0;
      // Read to the end: the file may have grown since fstat.
      for (let n; (n = fs.readSync(fd, buffer.bytes, length, buffer.bytes.length - length, null)) > 0;) {
        length += n;
        if (length === buffer.bytes.length) {
          const bigger = Buffer.allocUnsafe(buffer.bytes.length * 2);
          buffer.bytes.copy(bigger);
          buffer.bytes = bigger;
        }
      }
      text = buffer.bytes.toString('utf8', 0, length);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return readFailure(err);
  }
  if (!file.articleKnown && !fs.existsSync(file.article)) return { kind: 'absent' };
  return summarise(text);
}

function readFailure(err: unknown): IndexRead {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
  return { kind: 'unreadable', reason: `cannot be read (${err instanceof Error ? err.message : String(err)})` };
}

function summarise(text: string): IndexRead {
  const read = readSidecarSummary(text);
  return read.ok ? { kind: 'summary', summary: indexSummary(read.summary) } : { kind: 'unreadable', reason: read.reason };
}

/** The parts of a summary the indexes use: no offsets, no quotation texts. */
export function indexSummary(s: SidecarSummary): IndexSummary {
  return {
    status: s.status,
    speakers: s.speakers.map((sp) => ({ id: sp.id, name: sp.name, aliases: sp.aliases, ...suggested(sp.suggested) })),
    quotations: s.quotations.map((q) => ({ id: q.id, speaker: q.speaker, anchor: q.anchor, ...suggested(q.suggested) })),
    entities: s.entities.map((e) => ({ id: e.id, label: e.label, text: e.text, anchor: e.anchor, ...suggested(e.suggested) })),
  };
}

/** `{ suggested }` for an unconfirmed suggestion, `{}` for a confirmed annotation (the key stays absent). */
function suggested(confidence: number | undefined): { suggested?: number } {
  return confidence === undefined ? {} : { suggested: confidence };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}
