// Setting the cue of a quotation by hand: the cue words (وقال, مضيفا, على حد تعبيره) stand
// outside the quotation, so they are selected (or the caret put on one) and the quotation they
// introduce is found next to them on the same line.
import type { AnnotationSet, Quotation } from './model';
import { tokenAt, trimSpan } from './snapping';

export type CueTarget = { ok: true; quotation: Quotation; cue: string } | { ok: false; reason: string };

const SENTENCE_END = /[.!?؟]/;
/** Only what separates a quotation from a cue right after it: marks, spaces, commas (“…”، قال). */
const JUST_AFTER = /^["“”«»„‟'\s،,:-]*$/;

/**
 * The cue words at [start, end) (the word under the caret when empty) and the quotation they
 * introduce: the next one on the line (وقال كيري: “…”), or the one just before when the cue
 * follows it and closes its sentence («…»، قال الوزير.).
 */
export function cueTarget(set: AnnotationSet, text: string, start: number, end: number): CueTarget {
  const trimmed = start === end ? undefined : trimSpan(text, start, end, 'entity');
  const span = start === end ? tokenAt(text, start) : trimmed?.ok ? trimmed : undefined;
  if (!span) return { ok: false, reason: start === end ? 'there is no word at the caret' : 'the selection holds no word' };
  const quotations = set.quotations.filter((q) => q.anchor !== 'unanchored');
  if (quotations.some((q) => q.start < span.end && span.start < q.end)) {
    return { ok: false, reason: 'the cue is the reporting word outside the quoted words, and these are inside a quotation' };
  }
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', span.end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const next = quotations.filter((q) => q.start >= span.end && q.start <= lineEnd).sort((a, b) => a.start - b.start)[0];
  const previous = quotations.filter((q) => q.end <= span.start && q.end >= lineStart).sort((a, b) => b.end - a.end)[0];
  const cue = text.slice(span.start, span.end);
  const follows = previous && JUST_AFTER.test(text.slice(previous.end, span.start));
  if (previous && follows && (!next || SENTENCE_END.test(text.slice(span.end, next.start)))) return { ok: true, quotation: previous, cue };
  const quotation = next ?? previous;
  if (!quotation) return { ok: false, reason: 'no quotation is tagged on this line' };
  return { ok: true, quotation, cue };
}
