// How a user's selection or caret becomes an annotation span. Snapping is an explicit policy that
// may refuse (like spaCy's char_span): a selection of nothing but spaces or marks is no annotation.
//
// Policy:
// - selections are trimmed of spaces and quote marks at both ends; entities also lose punctuation
//   and symbols (a quotation keeps its own final full stop: the words are the speaker's);
// - an entity taken from the caret is the Arabic word under it without its proclitics
//   (و ف conjunctions, ب ل ك prepositions): وكارتر → كارتر, لشويغو → شويغو, وبالقاهرة → القاهرة;
//   the article ال stays (البنتاغون). Since many names start with those letters (وليد, بغداد,
//   لبنان, كارتر), a proclitic is only cut when what remains carries the article (بال…) or is
//   itself a word of the article or of a lexicon; ل before ال (للقاهرة) is kept, since cutting it
//   would leave a word without its alef. `wholeToken` takes the token as written.

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

/** Letters, diacritics and tatweel of Arabic, plus Latin letters and digits: what a word is made of. */
const WORD_CHAR = /[\p{L}\p{M}\p{Nd}\u0640]/u;

/** The token (maximal run of word characters) around a caret offset, or undefined between words. */
export function tokenAt(text: string, offset: number): { start: number; end: number } | undefined {
  let start = offset, end = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  return start === end ? undefined : { start, end };
}

export interface CliticOptions {
  /** Take the token as written, proclitics included. */
  wholeToken?: boolean;
  /** Whether a word (without proclitics) is known: a word of the article or of a lexicon. */
  isKnownWord?: (word: string) => boolean;
}

const CONJUNCTION = '[وف]';
const PREPOSITION = '[بلك]';
const WITH_ARTICLE = new RegExp(`^(${CONJUNCTION}?[بك]?)(?=ال\\p{L}{2})`, 'u');
const PREFIXES = new RegExp(`^(${CONJUNCTION}?${PREPOSITION}?)`, 'u');

/** Length (UTF-16) of the proclitics to leave out of an entity that starts with `token`, by the policy above. */
export function procliticLength(token: string, options: CliticOptions = {}): number {
  if (options.wholeToken) return 0;
  const article = WITH_ARTICLE.exec(token);
  if (article && article[1]) return article[1].length;
  const prefix = PREFIXES.exec(token)?.[1] ?? '';
  // Longest cut first, so that وبكارتر gives كارتر rather than بكارتر.
  for (let cut = prefix.length; cut > 0; cut--) {
    const rest = token.slice(cut);
    if (letterCount(rest) >= 3 && options.isKnownWord?.(rest)) return cut;
  }
  return 0;
}

/** An entity span from a caret: the token under it, less its proclitics. */
export function entityAtCaret(text: string, offset: number, options: CliticOptions = {}): SnapResult {
  const token = tokenAt(text, offset);
  if (!token) return { ok: false, reason: 'the caret is not inside a word' };
  const cut = procliticLength(text.slice(token.start, token.end), options);
  return { ok: true, start: token.start + cut, end: token.end };
}

/** An entity span from a selection: trimmed, then its first word less its proclitics. */
export function entityFromSelection(text: string, start: number, end: number, options: CliticOptions = {}): SnapResult {
  const trimmed = trimSpan(text, start, end, 'entity');
  if (!trimmed.ok) return trimmed;
  const first = tokenAt(text, trimmed.start);
  if (!first || first.start !== trimmed.start) return trimmed;
  const cut = procliticLength(text.slice(first.start, first.end), options);
  // A proclitic is never the whole selection.
  return trimmed.start + cut < trimmed.end ? { ok: true, start: trimmed.start + cut, end: trimmed.end } : trimmed;
}

/** The set of tokens of a text, for `isKnownWord`: a name written alone somewhere is a word. */
export function tokenSet(text: string): Set<string> {
  return new Set(text.match(TOKEN_RUN) ?? []);
}

const TOKEN_RUN = /[\p{L}\p{M}\u0640]+/gu;
const TOKEN_WORD = /^[\p{L}\p{M}\u0640]+$/u;
const TOKEN_CHAR = /^[\p{L}\p{M}\u0640]$/u;

/**
 * Whether `word` is one of the tokens of `text`, as `tokenSet(text).has(word)` but without building
 * the set: on a 1 MB dump that takes tens of milliseconds, too much for every keystroke.
 */
export function containsToken(text: string, word: string): boolean {
  if (!TOKEN_WORD.test(word)) return false;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if ((at === 0 || !TOKEN_CHAR.test(charBefore(text, at))) && (end === text.length || !TOKEN_CHAR.test(charAt(text, end)))) return true;
  }
  return false;
}

function letterCount(word: string): number {
  return word.match(/\p{L}/gu)?.length ?? 0;
}

function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i)!);
}

function charBefore(text: string, i: number): string {
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

/** Marks that open or close a quotation, whichever way they point. */
const QUOTATION_MARK = /["“”«»„‟]/g;

/**
 * The words between the quote marks around a caret, on the caret's line: marks are paired by
 * position (first with second, third with fourth), since scraped text uses “ ” reversed and
 * ASCII " for both ends. The span leaves the marks out.
 */
export function quotationAtCaret(text: string, offset: number): SnapResult {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const marks = [...text.slice(lineStart, lineEnd).matchAll(QUOTATION_MARK)].map((m) => lineStart + m.index!);
  for (let i = 0; i + 1 < marks.length; i += 2) {
    if (marks[i] < offset && offset <= marks[i + 1]) return trimSpan(text, marks[i] + 1, marks[i + 1], 'quotation');
  }
  return { ok: false, reason: 'the caret is not between quote marks on this line' };
}
