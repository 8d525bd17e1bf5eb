// Finding and reshaping annotations around a caret: what the keyboard commands act on.
import type { AnnotationSet, Entity, Quotation } from './model';
import { tokenAt } from './snapping';

export type AnnotationRef = { kind: 'entity'; annotation: Entity } | { kind: 'quotation'; annotation: Quotation };

/**
 * The annotation under a caret: the smallest one whose span contains it (an entity inside a
 * quotation wins over the quotation); a caret right after a span's last letter still counts.
 */
export function annotationAt(set: AnnotationSet, offset: number): AnnotationRef | undefined {
  let best: AnnotationRef | undefined;
  const consider = (ref: AnnotationRef) => {
    const a = ref.annotation;
    if (a.anchor === 'unanchored' || offset < a.start || offset > a.end) return;
    if (!best || a.end - a.start < best.annotation.end - best.annotation.start) best = ref;
  };
  for (const annotation of set.entities) consider({ kind: 'entity', annotation });
  for (const annotation of set.quotations) consider({ kind: 'quotation', annotation });
  return best;
}

/** The next (or previous) annotation start after (before) an offset, in document order; wraps around. */
export function adjacentAnnotation(set: AnnotationSet, offset: number, direction: 1 | -1): AnnotationRef | undefined {
  const all: AnnotationRef[] = [
    ...set.entities.map((annotation) => ({ kind: 'entity' as const, annotation })),
    ...set.quotations.map((annotation) => ({ kind: 'quotation' as const, annotation })),
  ].filter((r) => r.annotation.anchor !== 'unanchored')
    .sort((a, b) => a.annotation.start - b.annotation.start || a.annotation.end - b.annotation.end);
  if (all.length === 0) return undefined;
  if (direction === 1) return all.find((r) => r.annotation.start > offset) ?? all[0];
  for (let i = all.length - 1; i >= 0; i--) if (all[i].annotation.start < offset) return all[i];
  return all[all.length - 1];
}

/**
 * A span grown or shrunk by one word at one edge; undefined when it cannot (no word beyond the
 * edge, or the span would become empty). Spaces between words are never left at an edge.
 */
export function resizeByWord(text: string, start: number, end: number, edge: 'start' | 'end', change: 'grow' | 'shrink'): { start: number; end: number } | undefined {
  if (edge === 'end') {
    if (change === 'grow') {
      let i = end;
      while (i < text.length && !isWordChar(text[i]) && text[i] !== '\n') i++;
      const word = i < text.length ? tokenAt(text, i) : undefined;
      return word && word.start >= end ? { start, end: word.end } : undefined;
    }
    let i = end;
    while (i > start && isWordChar(text[i - 1])) i--;
    while (i > start && !isWordChar(text[i - 1])) i--;
    return i > start ? { start, end: i } : undefined;
  }
  if (change === 'grow') {
    let i = start;
    while (i > 0 && !isWordChar(text[i - 1]) && text[i - 1] !== '\n') i--;
    const word = i > 0 ? tokenAt(text, i - 1) : undefined;
    return word && word.end <= start ? { start: word.start, end } : undefined;
  }
  let i = start;
  while (i < end && isWordChar(text[i])) i++;
  while (i < end && !isWordChar(text[i])) i++;
  return i < end ? { start: i, end } : undefined;
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{M}\p{Nd}\u0640]/u.test(c);
}

/** The unconfirmed suggestion under a caret (the smallest one), if any. */
export function suggestionAt(set: AnnotationSet, offset: number): AnnotationRef | undefined {
  const suggested: AnnotationSet = { ...set, entities: set.entities.filter((e) => e.suggested !== undefined), quotations: set.quotations.filter((q) => q.suggested !== undefined) };
  return annotationAt(suggested, offset);
}
