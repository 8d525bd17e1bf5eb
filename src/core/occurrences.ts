// "Tag all occurrences": where else an entity's name appears, in any spelling the normaliser folds
// (أ/إ/آ/ا, ى/ي, ة/ه, diacritics, tatweel, foreign g شويغو/شويجو) and behind proclitics (وكارتر).
import { normalizeWithMap } from './arabicNormalize';

const WORD = /[\p{L}\p{M}\p{Nd}]/u;
/** Proclitics that may stand before a name inside the same token. */
const PROCLITIC = /^(?:[وف]?[بلك]?|[وف]?ال)$/;

/** Spans (UTF-16, half-open) where `name` occurs as whole words of `text`, proclitics left out. */
export function findOccurrences(text: string, name: string): Array<{ start: number; end: number }> {
  const needle = normalizeWithMap(name, { foldForeignG: true }).normalized.trim();
  if (!needle) return [];
  const hay = normalizeWithMap(text, { foldForeignG: true });
  const found: Array<{ start: number; end: number }> = [];
  for (let i = hay.normalized.indexOf(needle); i >= 0; i = hay.normalized.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if (end < hay.normalized.length && WORD.test(hay.normalized[end])) continue;
    // What precedes the match inside its token must be proclitics only.
    let tokenStart = i;
    while (tokenStart > 0 && WORD.test(hay.normalized[tokenStart - 1])) tokenStart--;
    if (!PROCLITIC.test(hay.normalized.slice(tokenStart, i)) || (tokenStart < i && needle.startsWith('ال'))) continue;
    found.push({ start: hay.toOriginal(i), end: hay.toOriginal(end) });
  }
  return found;
}
