// Name lists (gazetteers) for NER: multi-word phrase lookup with proclitics cut from the first word,
// and single-word lookup with foreign-spelling folding (شويجو finds شويغو). Entries are stored
// normalised (normalizeWord), words separated by one space, so lookups are plain Map hits.

import { foldForeign, normalizeWord, splitClitics } from './normalize';

/** The lists a lexicon file carries: full names by class, plus given names. */
export interface LexiconData {
  PER: string[];
  LOC: string[];
  ORG: string[];
  MISC: string[];
  /** Given names, which identify a person even when the surname is unknown. */
  FIRST: string[];
}

export const LEXICON_CLASSES = ['PER', 'LOC', 'ORG', 'MISC', 'FIRST'] as const;
export type LexiconClass = (typeof LEXICON_CLASSES)[number];
/** Bit of each class in a mask; LAST is derived: the final word of a multi-word person name. */
export const CLASS_BIT = { PER: 1, LOC: 2, ORG: 4, MISC: 8, FIRST: 16, LAST: 32 } as const;
const BIT_NAMES = Object.entries(CLASS_BIT) as Array<[keyof typeof CLASS_BIT, number]>;

/**
 * Function words and common words (folded) that the name lists carry as parts of names (عبد الله بن …, من) or
 * through conversion noise; as single words they would mark half of every sentence as a name.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(`
  في من على الى إلى عن ان أن إن الذي التي الذين ما لا لم لن بين كان كانت يكون خلال قبل بعد و او أو هو هي هم
  غير انه أنه إنه اي أي ايضا أيضا له لها بها به امس أمس الا إلا امام أمام دون تم ثم قد كل مع عند منذ حتى
  هذا هذه ذلك تلك هناك هنا حيث اذا إذا لكن بل ليس اما أما وقد كما فقط مثل نحو عبر ضد حول وفي ومن وعلى وان
  بن ابن بنت ابو أبو ام أم ال آل عبد العام اليوم الاول الأول الثاني الثانية الجديد الجديدة رئيس قال وقال
  فان فإن وأن بأن باسم الف ألف م
`.trim().split(/\s+/).map((w) => foldForeign(normalizeWord(w))));

/** Longer phrases are rare and slow the scan. */
const MAX_WORDS = 6;

export interface Lexicon {
  /** Whole normalised phrase → class mask. */
  phrases: Map<string, number>;
  /** Every proper prefix of a phrase, so a scan can stop as soon as no entry can follow. */
  prefixes: Set<string>;
  /** Single word → mask: one-word entries, given names, and the first and last words of person names. */
  words: Map<string, number>;
  /** The same keyed by foldForeign, for spelling variants of foreign names (weaker evidence). */
  folded: Map<string, number>;
}

export function emptyLexiconData(): LexiconData {
  return { PER: [], LOC: [], ORG: [], MISC: [], FIRST: [] };
}

/** Normalises, filters and sorts raw entries, so that a lexicon file is byte-stable for the same sources. */
export function buildLexiconData(entries: Iterable<{ cls: LexiconClass; name: string }>): LexiconData {
  const sets = Object.fromEntries(LEXICON_CLASSES.map((c) => [c, new Set<string>()])) as Record<LexiconClass, Set<string>>;
  for (const { cls, name } of entries) {
    const key = phraseKey(name);
    if (key) sets[cls].add(key);
  }
  const data = emptyLexiconData();
  for (const c of LEXICON_CLASSES) data[c] = [...sets[c]].sort(byCodeUnit);
  return data;
}

/** The lookup key of a name, or undefined for entries that would only add noise (Latin, digits, too short). */
export function phraseKey(name: string): string | undefined {
  const words = name.trim().split(/\s+/).map(normalizeWord);
  if (words.length === 0 || words.length > MAX_WORDS) return undefined;
  if (!words.every((w) => /^[\u0621-\u064A]+$/.test(w))) return undefined;
  if (words.join('').length < 3) return undefined;
  return words.join(' ');
}

export function compileLexicon(data: LexiconData): Lexicon {
  const phrases = new Map<string, number>();
  const prefixes = new Set<string>();
  const words = new Map<string, number>();
  const folded = new Map<string, number>();
  const addWord = (w: string, bit: number) => {
    const k = foldForeign(w);
    if (STOP_WORDS.has(k) || k.length < 2) return;
    words.set(w, (words.get(w) ?? 0) | bit);
    folded.set(k, (folded.get(k) ?? 0) | bit);
  };
  for (const cls of LEXICON_CLASSES) {
    const bit = CLASS_BIT[cls];
    for (const entry of data[cls]) {
      const parts = entry.split(' ');
      if (cls === 'FIRST') {
        addWord(parts[0], bit);
        continue;
      }
      phrases.set(entry, (phrases.get(entry) ?? 0) | bit);
      for (let at = entry.indexOf(' '); at > 0; at = entry.indexOf(' ', at + 1)) prefixes.add(entry.slice(0, at));
      if (parts.length === 1) addWord(entry, bit);
      else if (cls === 'PER') {
        addWord(parts[0], CLASS_BIT.FIRST);
        addWord(parts[parts.length - 1], CLASS_BIT.LAST);
      }
    }
  }
  return { phrases, prefixes, words, folded };
}

/** Forms under which the first word of a name may be listed: as written, then with proclitics cut. */
export function lookupForms(normalized: string): string[] {
  const forms = [normalized];
  const split = splitClitics(normalized);
  if (split.article) {
    if (split.prefix) forms.push('ال' + split.stem);
  } else {
    if (split.stem !== normalized) forms.push(split.stem);
    if (split.deepStem !== split.stem) forms.push(split.deepStem);
  }
  return forms;
}

export interface LexiconMatch {
  /** Class mask of the longest phrases starting at this token. */
  begin: number;
  /** Class mask of phrases covering this token but starting before it. */
  inside: number;
  /** Class mask of this single word as written (normalised). */
  word: number;
  /** Same, but only through a clitic-stripped form (وكارتر → كارتر). */
  wordStripped: number;
  /** Same, but only through foreign-spelling folding of some form (شويجو → شويغو). */
  wordFolded: number;
}

/** Lexicon evidence for every token of a sentence (normalised words). */
export function matchLexicon(lex: Lexicon, normalized: readonly string[]): LexiconMatch[] {
  const forms = normalized.map(lookupForms);
  const out: LexiconMatch[] = forms.map((f) => ({ begin: 0, inside: 0, ...matchWord(lex, f) }));
  matchPhrases(lex, normalized, forms, out);
  return out;
}

/** The single-word part of a LexiconMatch, from the lookupForms of one word. */
export function matchWord(lex: Lexicon, forms: readonly string[]): Pick<LexiconMatch, 'word' | 'wordStripped' | 'wordFolded'> {
  const word = lex.words.get(forms[0]) ?? 0;
  let stripped = 0, folded = 0;
  for (let f = 0; f < forms.length; f++) {
    if (f > 0) stripped |= lex.words.get(forms[f]) ?? 0;
    folded |= lex.folded.get(foldForeign(forms[f])) ?? 0;
  }
  stripped &= ~word;
  return { word, wordStripped: stripped, wordFolded: folded & ~(word | stripped) };
}

/** The forms of a word (lookupForms) that may start a listed phrase: only these need matchPhrases' scan. */
export function phraseStarts(lex: Lexicon, forms: readonly string[]): string[] {
  return forms.filter((f) => lex.prefixes.has(f));
}

/**
 * Sets `begin` and `inside` of `out` from the phrases starting at each token under one of its
 * `forms[i]` (forms that are no phrase prefix are skipped at once, so phraseStarts gives the same).
 */
export function matchPhrases(lex: Lexicon, normalized: readonly string[], forms: ReadonlyArray<readonly string[] | undefined>, out: ReadonlyArray<Pick<LexiconMatch, 'begin' | 'inside'>>): void {
  for (let i = 0; i < normalized.length; i++) {
    const starts = forms[i];
    if (!starts || starts.length === 0) continue;
    // Longest phrase per class from i.
    const longest = new Map<number, number>();
    for (const form of starts) {
      let phrase = form;
      for (let j = i; j < normalized.length && j < i + MAX_WORDS; j++) {
        // A phrase of one word is no match (names of one word are matchWord's), so it is not looked up.
        if (j > i) {
          phrase += ' ' + normalized[j];
          const mask = lex.phrases.get(phrase);
          if (mask !== undefined) for (const [, bit] of BIT_NAMES) if (mask & bit) longest.set(bit, Math.max(longest.get(bit) ?? i, j));
        }
        if (!lex.prefixes.has(phrase)) break;
      }
    }
    for (const [bit, last] of longest) {
      out[i].begin |= bit;
      for (let j = i + 1; j <= last; j++) out[j].inside |= bit;
    }
  }
}

/** Class names of a mask, in a fixed order (feature strings must be stable). */
export function maskNames(mask: number): string[] {
  const names: string[] = [];
  for (const [name, bit] of BIT_NAMES) if (mask & bit) names.push(name);
  return names;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
