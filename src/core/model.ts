// The annotation model of one article. In memory every offset counts UTF-16 code units, like
// JavaScript strings and VS Code; the sidecar converts to code points at its boundary.

/** Keys of a sidecar object that this version does not know; kept and written back unchanged. */
export type Extras = Record<string, unknown>;

/**
 * How an annotation stands against the current text:
 * - `ok`: its span covers exactly its `text`;
 * - `edited`: the text under it was edited; the span still covers what survived and `text` was updated;
 * - `unanchored`: its text could not be found (deleted, or the article changed); kept for review,
 *   `start`/`end` are only the last known position.
 */
export type AnchorState = 'ok' | 'edited' | 'unanchored';

export interface Anchored {
  id: string;
  /** UTF-16 offset, inclusive. */
  start: number;
  /** UTF-16 offset, exclusive. */
  end: number;
  /** The covered text, copied so that it can be checked and re-found. */
  text: string;
  anchor: AnchorState;
  /** Confidence (0..1) of a suggestion the team has not confirmed yet; absent once confirmed. */
  suggested?: number;
  extra: Extras;
}

export interface Entity extends Anchored {
  label: string;
}

export interface Quotation extends Anchored {
  /** Id of a speaker of the same article, or null when unknown. */
  speaker: string | null;
  /** The speech verb or attribution word as written (وقال, مشيرا, بحسب), or null. */
  cue: string | null;
}

export interface Speaker {
  id: string;
  name: string;
  aliases: string[];
  /** Ids of the entities that name this speaker. */
  mentions: string[];
  /** Confidence (0..1) when the speaker was found by the suggestion engine and not confirmed yet. */
  suggested?: number;
  extra: Extras;
}

/** A suggestion the team rejected: it is never suggested again for that article. */
export interface Rejection {
  kind: 'entity' | 'quotation';
  /** The entity label; null for quotations. */
  label: string | null;
  /** UTF-16 offsets where it was rejected: a hint, since the text may have moved since. */
  start: number;
  end: number;
  text: string;
}

export type ArticleStatus = 'not-started' | 'in-progress' | 'done';

export interface AnnotationSet {
  status: ArticleStatus;
  entities: Entity[];
  quotations: Quotation[];
  speakers: Speaker[];
  rejected: Rejection[];
  /** Unknown top-level keys of the sidecar. */
  extra: Extras;
}

export const ID_PREFIX = { entity: 'e', quotation: 'q', speaker: 's' } as const;

export function emptyAnnotationSet(): AnnotationSet {
  return { status: 'not-started', entities: [], quotations: [], speakers: [], rejected: [], extra: {} };
}

/** Next free id with the given prefix (`e12`): ids are never reused within an article, so they stay stable. */
export function nextId(prefix: string, taken: Iterable<{ id: string }>): string {
  return idSequence(prefix, taken)();
}

/**
 * The ids `nextId` would give one after another while each is added to `taken`, without scanning
 * `taken` again for every new item (adding thousands of suggestions to a large article).
 */
export function idSequence(prefix: string, taken: Iterable<{ id: string }>): () => string {
  let max = 0;
  const re = new RegExp(`^${prefix}(\\d+)$`);
  for (const { id } of taken) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return () => `${prefix}${++max}`;
}

/** Document order: by start, then longer span first, then id; gives stable, diff-friendly files. */
export function compareSpans(a: Anchored, b: Anchored): number {
  return a.start - b.start || b.end - a.end || compareIds(a.id, b.id);
}

const SIMPLE_ID = /^([A-Za-z]*)(\d{1,15})$/;

/** Natural order of ids, so that e2 comes before e10. */
export function compareIds(a: string, b: string): number {
  // Ids as this extension writes them (e12, s3) compare by number: localeCompare with options costs
  // microseconds a call, and sorting speakers runs on every keystroke.
  const x = SIMPLE_ID.exec(a), y = x && SIMPLE_ID.exec(b);
  if (x && y && x[1] === y[1] && Number(x[2]) !== Number(y[2])) return Number(x[2]) - Number(y[2]);
  return a.localeCompare(b, 'en', { numeric: true });
}
