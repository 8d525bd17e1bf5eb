// Undo and redo of annotation changes without snapshots of the whole set: a copy of the set is kept
// in step with it, each change is found by comparing the two (by id, no allocation for what did not
// change), and a step keeps only the previous versions of what changed. On a dump with 10,000
// annotations a step weighs a few hundred bytes instead of megabytes, and text edits move the
// copies of the few annotations that steps hold rather than 100 whole sets.
import { compareIds, compareSpans, type AnnotationSet, type ArticleStatus, type Entity, type Extras, type Quotation, type Rejection, type Speaker } from './model';
import { applyEditsToSpans, type TextEdit } from './spanEdits';
import { shiftRejections } from './suggestions';

/** What one change replaced: the earlier versions of the items it changed or removed, and the ids it added. */
interface ItemsStep<T> {
  before: T[];
  added: string[];
}

export interface HistoryStep {
  entities: ItemsStep<Entity>;
  quotations: ItemsStep<Quotation>;
  speakers: ItemsStep<Speaker>;
  /** Present when the change touched them. */
  status?: ArticleStatus;
  rejected?: Rejection[];
  extra?: Extras;
}

/** The set as of the last recorded change: copies, by id. */
interface Baseline {
  entities: Map<string, Entity>;
  quotations: Map<string, Quotation>;
  speakers: Map<string, Speaker>;
  status: ArticleStatus;
  rejected: Rejection[];
  extra: Extras;
}

export class AnnotationHistory {
  private baseline: Baseline;
  private undoSteps: HistoryStep[] = [];
  private redoSteps: HistoryStep[] = [];

  constructor(set: AnnotationSet, private readonly limit = 100) {
    this.baseline = {
      entities: byId(set.entities), quotations: byId(set.quotations), speakers: byId(set.speakers),
      status: set.status, rejected: cloneData(set.rejected), extra: cloneData(set.extra),
    };
  }

  get status(): ArticleStatus {
    return this.baseline.status;
  }

  get undoCount(): number {
    return this.undoSteps.length;
  }

  /**
   * Records what changed in `set` since the last record as one undo step (clearing redo); false
   * when nothing did. `adjust` runs only when something changed, before status, rejections and
   * unknown keys are compared, so that what it changes belongs to the same step.
   */
  record(set: AnnotationSet, adjust?: (set: AnnotationSet) => void): boolean {
    const step = this.diff(set, adjust);
    if (!step) return false;
    this.push(this.undoSteps, step);
    this.redoSteps = [];
    return true;
  }

  /** Puts `set` back as it was before the last change (or after the last undo); false when there is none. */
  undo(set: AnnotationSet, direction: 'undo' | 'redo' = 'undo'): boolean {
    const [from, to] = direction === 'undo' ? [this.undoSteps, this.redoSteps] : [this.redoSteps, this.undoSteps];
    const step = from.pop();
    if (!step) return false;
    revert(set, step);
    const inverse = this.diff(set);
    if (inverse) this.push(to, inverse);
    return true;
  }

  /** Moves the kept copies with a text edit already applied to `set` (spanEdits, suggestions.shiftRejections). */
  applyEdits(edits: readonly TextEdit[], newText: string): void {
    const b = this.baseline;
    applyEditsToSpans([...b.entities.values(), ...b.quotations.values()], edits, newText);
    shiftRejections(b.rejected, edits);
    for (const step of [...this.undoSteps, ...this.redoSteps]) {
      applyEditsToSpans([...step.entities.before, ...step.quotations.before], edits, newText);
      if (step.rejected) shiftRejections(step.rejected, edits);
    }
  }

  private push(stack: HistoryStep[], step: HistoryStep): void {
    stack.push(step);
    if (stack.length > this.limit) stack.shift();
  }

  /** What changed since the baseline, as a step back to it; the baseline becomes `set`. */
  private diff(set: AnnotationSet, adjust?: (set: AnnotationSet) => void): HistoryStep | undefined {
    const b = this.baseline;
    const entities = diffItems(set.entities, b.entities, sameEntity);
    const quotations = diffItems(set.quotations, b.quotations, sameQuotation);
    const speakers = diffItems(set.speakers, b.speakers, sameSpeaker);
    const itemsChanged = [entities, quotations, speakers].some((s) => s.before.length > 0 || s.added.length > 0);
    if (!itemsChanged && set.status === b.status && sameData(set.rejected, b.rejected) && sameData(set.extra, b.extra)) return undefined;
    adjust?.(set);
    const step: HistoryStep = { entities, quotations, speakers };
    if (set.status !== b.status) {
      step.status = b.status;
      b.status = set.status;
    }
    if (!sameData(set.rejected, b.rejected)) {
      step.rejected = b.rejected;
      b.rejected = cloneData(set.rejected);
    }
    if (!sameData(set.extra, b.extra)) {
      step.extra = b.extra;
      b.extra = cloneData(set.extra);
    }
    return step;
  }
}

/** Compares the items with the baseline's copies by id, and brings the baseline up to date. */
function diffItems<T extends { id: string }>(items: readonly T[], baseline: Map<string, T>, same: (a: T, b: T) => boolean): ItemsStep<T> {
  const step: ItemsStep<T> = { before: [], added: [] };
  const known = baseline.size;
  let matched = 0;
  for (const item of items) {
    const old = baseline.get(item.id);
    if (old) matched++;
    if (old && same(old, item)) continue;
    if (old) step.before.push(old);
    else step.added.push(item.id);
    baseline.set(item.id, cloneData(item));
  }
  // Removed items are looked for only when some are missing (rare: most changes add or edit).
  if (matched < known) {
    const present = new Set(items.map((x) => x.id));
    for (const [id, old] of baseline) {
      if (present.has(id)) continue;
      step.before.push(old);
      baseline.delete(id);
    }
  }
  return step;
}

// Field by field rather than sameData: a keystroke compares every item, and on 10,000 items the
// generic walk costs several milliseconds. Every field of model.ts is listed (a unit test checks it).
export function sameEntity(a: Entity, b: Entity): boolean {
  return a.id === b.id && a.label === b.label && a.start === b.start && a.end === b.end && a.text === b.text
    && a.anchor === b.anchor && a.suggested === b.suggested && sameData(a.extra, b.extra);
}

export function sameQuotation(a: Quotation, b: Quotation): boolean {
  return a.id === b.id && a.start === b.start && a.end === b.end && a.text === b.text && a.speaker === b.speaker
    && a.cue === b.cue && a.anchor === b.anchor && a.suggested === b.suggested && sameData(a.extra, b.extra);
}

export function sameSpeaker(a: Speaker, b: Speaker): boolean {
  return a.id === b.id && a.name === b.name && a.suggested === b.suggested
    && sameData(a.aliases, b.aliases) && sameData(a.mentions, b.mentions) && sameData(a.extra, b.extra);
}

function revert(set: AnnotationSet, step: HistoryStep): void {
  set.entities = revertItems(set.entities, step.entities, compareSpans);
  set.quotations = revertItems(set.quotations, step.quotations, compareSpans);
  set.speakers = revertItems(set.speakers, step.speakers, (a, b) => compareIds(a.id, b.id));
  if (step.status !== undefined) set.status = step.status;
  if (step.rejected) set.rejected = cloneData(step.rejected);
  if (step.extra) set.extra = cloneData(step.extra);
}

/** The items with the step's changes taken back, in the store's order (document order, speakers by id). */
function revertItems<T extends { id: string }>(items: T[], step: ItemsStep<T>, order: (a: T, b: T) => number): T[] {
  if (step.before.length === 0 && step.added.length === 0) return items;
  const gone = new Set([...step.added, ...step.before.map((x) => x.id)]);
  // Copies, so that changing the set later never alters what the history keeps.
  return [...items.filter((x) => !gone.has(x.id)), ...step.before.map((x) => cloneData(x))].sort(order);
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, cloneData(x)]));
}

/** A deep copy of plain data (objects, arrays, primitives: what an annotation set is made of). */
export function cloneData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneData) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneData((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Whether two plain-data values are equal as JSON would write them (keys with undefined count as absent). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  // for-in rather than Object.keys: no arrays allocated, which matters at 10,000 items per keystroke.
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    const v = x[key];
    if (v === undefined) continue;
    keys++;
    if (v !== y[key] && !sameData(v, y[key])) return false;
  }
  for (const key in y) if (y[key] !== undefined) keys--;
  return keys === 0;
}
