// Word and punctuation tokens of an article for the quotation rules, each with a matching key
// (src/core/arabicNormalize.ts: alef, ى/ي, ة/ه, diacritics, tatweel) and its UTF-16 span.

import { normalizeArabic } from '../arabicNormalize';

export type TokenKind = 'word' | 'number' | 'punct' | 'break';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Normalised for matching; equal to `text` for punctuation. */
  norm: string;
  kind: TokenKind;
  /** Index in the token array, so that rules can step left and right. */
  index: number;
}

// Arabic letters and marks, Latin letters, and the tatweel; digits go to numbers.
const WORD_CHAR = /[\p{L}\p{M}\u0640\u200C\u200D]/u;
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
const SEPARATOR = /[.,\u066B\u066C]/;

// What those tests say of each UTF-16 code unit, learnt on first sight: the tokeniser asks it for
// every character, and a table read costs less than a one-character string and a regex test.
const UNKNOWN = 0, SPACE = 1, DIGIT_UNIT = 2, WORD_UNIT = 4, SEPARATOR_UNIT = 8, OTHER = 16;
const unitClass = new Uint8Array(0x10000);

function classOf(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code !== code) return OTHER; // past the end (NaN)
  let k = unitClass[code];
  if (k === UNKNOWN) {
    const c = text[i];
    k = (/\s/.test(c) ? SPACE : 0) | (DIGIT.test(c) ? DIGIT_UNIT : 0) | (WORD_CHAR.test(c) ? WORD_UNIT : 0) | (SEPARATOR.test(c) ? SEPARATOR_UNIT : 0);
    unitClass[code] = k ||= OTHER;
  }
  return k;
}

/** Tokens of text[from, to); a line break becomes a `break` token (paragraph boundary). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  const push = (start: number, end: number, kind: TokenKind): void => {
    const t = text.slice(start, end);
    out.push({ start, end, text: t, norm: kind === 'word' ? normalizeArabic(t) : t, kind, index: out.length });
  };
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === 10) { push(i, i + 1, 'break'); i++; continue; }
    const k = classOf(text, i);
    if (k & SPACE) { i++; continue; }
    if (k & DIGIT_UNIT) {
      let j = i + 1;
      while (j < to && (classOf(text, j) & DIGIT_UNIT || (classOf(text, j) & SEPARATOR_UNIT && classOf(text, j + 1) & DIGIT_UNIT))) j++;
      push(i, j, 'number');
      i = j;
      continue;
    }
    if (k & WORD_UNIT) {
      let j = i + 1;
      while (j < to && classOf(text, j) & WORD_UNIT) j++;
      push(i, j, 'word');
      i = j;
      continue;
    }
    // Two apostrophes are one quotation mark; any other symbol stands alone.
    const len = code === 39 && text.charCodeAt(i + 1) === 39 ? 2 : 1;
    push(i, i + len, 'punct');
    i += len;
  }
  return out;
}

/** Index of the first token whose start is at or after `offset` (tokens.length when none). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The word without the conjunction و/ف written on it, when enough remains to be a word. */
export function withoutConjunction(norm: string): string {
  return /^[وف].{3,}/.test(norm) ? norm.slice(1) : norm;
}

/** Proclitics (conjunction, preposition) and the article stripped: والوزارة → وزاره, للمركز → مركز. */
export function bareStem(norm: string): string {
  let w = norm;
  const m = /^([وف]?)(ب|ك|ل)?ال(.{2,})$/.exec(w) ?? /^([وف]?)لل(.{2,})$/.exec(w);
  if (m) return m[m.length - 1];
  w = withoutConjunction(w);
  return w;
}

/**
 * Readings of a word once its proclitics are cut, for lexicon lookups: the word itself, without
 * the article (والوزارة, للمركز), without a conjunction (وفيلم) or a preposition (بفريق). The
 * caller's lexicon decides which reading is real (وكالة keeps its و, وفيلم loses it).
 */
export function stemVariants(norm: string): string[] {
  const out = [norm];
  const art = /^([وف]?)(ب|ك|ل)?ال(.{2,})$/.exec(norm) ?? /^([وف]?)لل(.{2,})$/.exec(norm);
  if (art) out.push(art[art.length - 1]);
  if (/^[وف].{3,}/.test(norm)) out.push(norm.slice(1));
  if (/^[وف]?[بلك].{3,}/.test(norm)) out.push(norm.replace(/^[وف]?[بلك]/, ''));
  return out;
}

/** The word carries the article ال (possibly after و/ف and ب/ك/ل, or as لل). */
export function hasArticle(norm: string): boolean {
  return /^[وف]?[بكل]?ال.{2,}/.test(norm) || /^[وف]?لل.{2,}/.test(norm);
}

const SENTENCE_END = new Set(['.', '!', '?', '\u061F', '\u2026']);

export function isSentenceEnd(t: Token): boolean {
  return t.kind === 'break' || (t.kind === 'punct' && SENTENCE_END.has(t.text));
}

const CLAUSE_PUNCT = new Set([',', '\u060C', '\u061B', ';', ':', '-', '\u2013', '\u2014']);

export function isClausePunct(t: Token): boolean {
  return t.kind === 'punct' && CLAUSE_PUNCT.has(t.text);
}
