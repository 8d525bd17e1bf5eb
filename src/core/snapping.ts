// How a user's selection becomes an annotation span. Snapping is explicit and may refuse:
// a selection with nothing but spaces, punctuation or quote marks is not an annotation.

/** Quote marks of every style seen in scraped Arabic news. */
export const QUOTE_MARKS = '"“”«»„‟\'‘’';
/** Entities lose surrounding punctuation; a quotation keeps its own (a final full stop is the speaker's). */
const TRIMMED = {
  entity: new RegExp(`[\\s\\p{P}\\p{S}${QUOTE_MARKS}]`, 'u'),
  quotation: new RegExp(`[\\s${QUOTE_MARKS}]`, 'u'),
} as const;
export type SpanKind = keyof typeof TRIMMED;

export type SnapResult = { ok: true; start: number; end: number } | { ok: false; reason: string };

/** Trims spaces and quote marks (and for entities punctuation and symbols) from both ends of [start, end), UTF-16 offsets. */
export function trimSpan(text: string, start: number, end: number, kind: SpanKind): SnapResult {
  const trimmed = TRIMMED[kind];
  if (start > end) [start, end] = [end, start];
  while (start < end && trimmed.test(charAt(text, start))) start += charAt(text, start).length;
  while (end > start && trimmed.test(charBefore(text, end))) end -= charBefore(text, end).length;
  if (start === end) return { ok: false, reason: `the selection holds only spaces${kind === 'entity' ? ', punctuation' : ''} or quote marks` };
  return { ok: true, start, end };
}

function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i)!);
}

function charBefore(text: string, i: number): string {
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(i - 1, i);
}
