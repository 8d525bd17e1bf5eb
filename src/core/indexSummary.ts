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
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unreadable', reason: `cannot be read (${err instanceof Error ? err.message : String(err)})` };
  }
  // A sidecar without its article (an export folder, a deleted dump) is not an article of the workspace.
  if (!file.articleKnown && !(await exists(file.article))) return { kind: 'absent' };
  const read = readSidecarSummary(text);
  return read.ok ? { kind: 'summary', summary: indexSummary(read.summary) } : { kind: 'unreadable', reason: read.reason };
}

/** Reads a batch, `concurrency` files in flight, results in the batch's order. */
export async function readIndexBatch(files: readonly IndexFile[], concurrency: number): Promise<IndexRead[]> {
  const reads = new Array<IndexRead>(files.length);
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      reads[i] = await readIndexSummary(files[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, reader));
  return reads;
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
