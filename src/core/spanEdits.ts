// Keeps annotation spans on their text while the article is edited. A span may move, shrink or
// be flagged, but it never silently covers text it did not cover before.
//
// Policy, for one edit replacing [s, e) of the old text by `text` and a span [a, b):
// - edit entirely before the span (e <= a, including an insertion exactly at a): the span shifts;
// - edit entirely after it (s >= b, including an insertion exactly at b): unchanged;
// - edit strictly inside (a < s, e < b): the span grows or shrinks with it, `text` becomes the
//   newly covered text, anchor `edited`;
// - edit over one boundary (s <= a < e < b, or a < s < b <= e): the span shrinks to the part of
//   its old text that survives (never the inserted text), `text` updated, anchor `edited`;
// - edit covering the whole span (s <= a, e >= b): the annotation is kept, anchor `unanchored`,
//   collapsed to start = end = s, with its old `text` kept so it can be re-found.
// The edits of one event give the same result as applying them one at a time (last first), so
// a span shrunk by one edit and deleted by another keeps the text it had in between.
// An edit that rewrites the span's part with the very same characters does not count; any other
// edit touching the span marks it `edited`, even if its text comes out the same.
// Unanchored annotations are never re-attached by edits: their (collapsed) position just follows
// the text as a point, like a caret, so it stays a useful hint.
// A boundary that would fall between the halves of a surrogate pair moves inwards (the span
// shrinks: it never takes in half a character it did not hold); shrunk to nothing → unanchored.
// Afterwards every annotation not unanchored satisfies newText.slice(start, end) === text; one
// that does not (the caller's model was out of step with the document) is flagged unanchored
// rather than left covering other text.
// `edited` is never reset to `ok` here; `unanchored` is never left here.

import type { Anchored, AnnotationSet } from './model';

/** One replacement, in UTF-16 offsets of the text BEFORE the change: [start, end) becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What `applyEdits` changed, so that the caller can skip a redraw or a save. */
export interface EditOutcome {
  /** True when any annotation's start, end, text or anchor changed. */
  changed: boolean;
  /** Ids whose start or end changed (shifted, resized or collapsed). */
  moved: string[];
  /** Ids whose covered characters were rewritten or cut in this call; their anchor is now `edited`. */
  edited: string[];
  /** Ids that became `unanchored` in this call. */
  unanchored: string[];
}

/**
 * Applies the edits of one document change (ranges refer to the text before the change and do
 * not overlap, like VS Code's `contentChanges`, in any order) to the entities and quotations of
 * `set`, IN PLACE. `newText` is the whole text after the change.
 * @throws RangeError when edits overlap or have invalid offsets.
 */
export function applyEdits(set: AnnotationSet, edits: readonly TextEdit[], newText: string): EditOutcome {
  return applyEditsToSpans([...set.entities, ...set.quotations], edits, newText);
}

/** As `applyEdits`, for any list of anchored items (mutated in place). */
export function applyEditsToSpans(items: readonly Anchored[], edits: readonly TextEdit[], newText: string): EditOutcome {
  const ordered = descending(edits);
  const outcome: EditOutcome = { changed: false, moved: [], edited: [], unanchored: [] };
  for (const item of items) updateItem(item, ordered, newText, outcome);
  return outcome;
}

/** Edits from the last to the first: applying one then never shifts the offsets of the next. */
function descending(edits: readonly TextEdit[]): TextEdit[] {
  for (const ed of edits) {
    if (!(Number.isInteger(ed.start) && Number.isInteger(ed.end) && ed.start >= 0 && ed.start <= ed.end)) {
      throw new RangeError(`invalid edit range [${ed.start}, ${ed.end})`);
    }
  }
  // For equal starts the longer edit goes first, so an insertion at its start lands before it.
  const sorted = [...edits].sort((x, y) => y.start - x.start || y.end - x.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].end > sorted[i - 1].start) {
      throw new RangeError(`overlapping edits [${sorted[i].start}, ${sorted[i].end}) and [${sorted[i - 1].start}, ${sorted[i - 1].end})`);
    }
  }
  return sorted;
}

function updateItem(item: Anchored, edits: readonly TextEdit[], newText: string, outcome: EditOutcome): void {
  const wasUnanchored = item.anchor === 'unanchored';
  let a = item.start, b = item.end;
  let lost = wasUnanchored;
  let touched = false;
  // What the span covers as the edits apply one by one; for an annotation deleted by a later
  // edit of the same event this is the text it last covered, as if the edits came one at a time.
  let covered = item.text;
  for (const ed of edits) {
    const delta = ed.text.length - (ed.end - ed.start);
    if (lost || a >= b) {
      a = mapPoint(a, ed, delta);
      b = mapPoint(b, ed, delta);
      continue;
    }
    const { start: s, end: e } = ed;
    if (e <= a) { a += delta; b += delta; continue; }
    if (s >= b) continue;
    if (unchangedWithin(covered, a, b, ed)) continue;
    touched = true;
    if (s <= a && e >= b) { lost = true; a = b = s; }
    else if (s <= a) { covered = covered.slice(e - a); a = s + ed.text.length; b += delta; }
    else if (e >= b) { covered = covered.slice(0, s - a); b = s; }
    else { covered = covered.slice(0, s - a) + ed.text + covered.slice(e - a); b += delta; }
  }

  const len = newText.length;
  if (!lost) {
    // Never split a surrogate pair: move a boundary inside one inwards.
    if (a > 0 && a < len && isHigh(newText.charCodeAt(a - 1)) && isLow(newText.charCodeAt(a))) { a++; touched = true; }
    if (b > 0 && b < len && isHigh(newText.charCodeAt(b - 1)) && isLow(newText.charCodeAt(b))) { b--; touched = true; }
    if (a > len || b > len || a < 0) lost = true; // edits that do not match newText
    else if (touched && a >= b && item.text !== '') { lost = true; b = a; }
  }

  let text = item.text;
  let anchor = item.anchor;
  if (lost) {
    if (!wasUnanchored) text = covered;
    anchor = 'unanchored';
    a = clamp(a, len);
    b = clamp(Math.max(a, b), len);
  } else if (touched) {
    // Marked even if the characters happen to come out the same: they were rewritten.
    text = newText.slice(a, b);
    anchor = 'edited';
  } else if (newText.slice(a, b) !== item.text) {
    // The model was not in step with the document: flag it rather than cover other text.
    anchor = 'unanchored';
    b = a = clamp(a, len);
  }

  if (a !== item.start || b !== item.end) outcome.moved.push(item.id);
  if (touched && !lost) outcome.edited.push(item.id);
  // (`text` of an annotation lost in this call may have changed too: see `covered`.)
  if (anchor === 'unanchored' && !wasUnanchored) outcome.unanchored.push(item.id);
  if (a !== item.start || b !== item.end || text !== item.text || anchor !== item.anchor) outcome.changed = true;
  item.start = a;
  item.end = b;
  item.text = text;
  item.anchor = anchor;
}

/**
 * True when the edit rewrites the span's part with the same characters (a formatter or an
 * undo may report such edits): nothing the span covers changed. `covered` is the span's text
 * in the current coordinates, starting at `a`.
 */
function unchangedWithin(covered: string, a: number, b: number, ed: TextEdit): boolean {
  if (ed.text.length !== ed.end - ed.start) return false;
  const from = Math.max(a, ed.start), to = Math.min(b, ed.end);
  return ed.text.slice(from - ed.start, to - ed.start) === covered.slice(from - a, to - a);
}

/** A collapsed or unanchored position follows the text like a caret that never grows a span. */
function mapPoint(p: number, ed: TextEdit, delta: number): number {
  if (ed.end <= p) return p + delta;
  if (ed.start < p) return ed.start;
  return p;
}

function clamp(n: number, len: number): number {
  return Math.max(0, Math.min(n, len));
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
