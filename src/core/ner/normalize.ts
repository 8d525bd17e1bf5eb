// Word normalisation for NER features and lexicon lookups. Kept small and allocation-light because it
// runs on every token at tagging time; it maps one word to one key and needs no offset map (spans are
// always whole tokens). src/core/arabicNormalize.ts, with offset maps, serves the editor side.

/** Harakat, Quranic marks, superscript alef and tatweel: absent from most news text, so dropped. */
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D]/g;
const ALEF = /[أإآٱ]/g;

/**
 * Spelling-variant-insensitive key of a word: alef forms → ا, ى → ي, ة → ه, Persian letters to Arabic,
 * marks and tatweel removed, Latin lower-cased. The same convention as the NERAr dictionaries.
 */
export function normalizeWord(word: string): string {
  let w = word.replace(MARKS, '');
  if (w.length === 0) return word;
  w = w.replace(ALEF, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه').replace(/[یې]/g, 'ي').replace(/ک/g, 'ك');
  return /[A-Z]/.test(w) ? w.toLowerCase() : w;
}

const FOLD: Readonly<Record<string, string>> = { 'ج': 'G', 'غ': 'G', 'ق': 'G', 'گ': 'G', 'ڤ': 'ف', 'ڥ': 'ف', 'ؤ': 'و', 'ئ': 'ي' };

/**
 * Coarser key for transliterated foreign names, whose spelling varies by outlet: the g sound
 * (ج Egypt, غ Levant, ق/گ Gulf; Persian ک), v (ڤ/ف), hamza seats and doubled long vowels fold together,
 * so شويغو/شويجو and البنتاغون/البنتاجون share a key. Expects a normalised word.
 */
export function foldForeign(normalized: string): string {
  // One pass over the characters: this runs for every lexicon word at load and every token at tagging.
  let out = '';
  let prev = '';
  for (const ch of normalized) {
    const c = FOLD[ch] ?? ch;
    if (c === prev && (c === 'ا' || c === 'و' || c === 'ي')) continue;
    out += c;
    prev = c;
  }
  return out;
}

export interface CliticSplit {
  /** Proclitics cut before the stem: و ف (conjunction), then ب ك ل before the article. */
  prefix: string;
  /** The word carries the article (ال, or لل after ل). */
  article: boolean;
  /** What remains without those proclitics and the article; the whole word when nothing can be cut safely. */
  stem: string;
  /**
   * The stem with a preposition cut as well when there is no article (وبواشنطن → واشنطن). Ambiguous
   * (وكارتر: كارتر, not ارتر), so only lexicon lookups try it.
   */
  deepStem: string;
}

const WITH_ARTICLE = /^([وف]?[بك]?)ال(..+)$/;
const WITH_LIL = /^([وف]?)لل(..+)$/;
const CONJUNCTION = /^([وف])(...+)$/;
const PREPOSITION = /^([بكل])(...+)$/;

/**
 * Proclitic analysis of a normalised word, for features only (the learner decides whether it matters):
 * وبالقاهره → {وب, article, قاهره}; للامم → {ل, article, امم}; وكارتر → {و, كارتر}.
 * A plain proclitic is cut only when at least three letters remain, which keeps short words whole.
 */
export function splitClitics(normalized: string): CliticSplit {
  let m = WITH_ARTICLE.exec(normalized);
  if (m) return { prefix: m[1], article: true, stem: m[2], deepStem: m[2] };
  m = WITH_LIL.exec(normalized);
  if (m) return { prefix: m[1] + 'ل', article: true, stem: m[2], deepStem: m[2] };
  const conj = CONJUNCTION.exec(normalized);
  const stem = conj ? conj[2] : normalized;
  const prep = PREPOSITION.exec(stem);
  return { prefix: conj ? conj[1] : '', article: false, stem, deepStem: prep ? prep[2] : stem };
}
