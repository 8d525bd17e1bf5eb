// Feature extraction for the NER tagger. The training script bundles this very file, so training and
// tagging compute identical features; any change here must bump FEATURE_VERSION and retrain, and
// loadNerModel refuses a model trained with other features.

import { CUE_CLASSES } from './cues';
import { NER_TAGS } from './decode';
import { matchLexicon, maskNames, type Lexicon, type LexiconMatch } from './lexicon';
import { foldForeign, normalizeWord, splitClitics } from './normalize';

export const FEATURE_VERSION = 3;

const QUOTE = /^["“”«»„‟'‘’]$/;

export interface TokenInfo {
  norm: string;
  stem: string;
  prefix: string;
  article: boolean;
  shape: string;
  /** Cue classes (one letter each) of the stem. */
  cues: string;
}

function shapeOf(token: string): string {
  if (QUOTE.test(token)) return 'Q';
  if (/^\p{Nd}+([.,٫٬]\p{Nd}+)*$/u.test(token)) return 'D';
  if (/^[\p{P}\p{S}]+$/u.test(token)) return 'P';
  if (/^[A-Za-z]+$/.test(token)) return /^[A-Z]/.test(token) ? (/^[A-Z]+$/.test(token) ? 'LU' : 'LC') : 'Ll';
  if (/\p{Nd}/u.test(token)) return 'M';
  if (/[\u0600-\u06FF]/.test(token)) return 'A';
  return 'X';
}

export function infoOf(token: string): TokenInfo {
  const norm = normalizeWord(token);
  const split = splitClitics(norm);
  let cues = '';
  for (const [code, set] of CUE_CLASSES) if (set.has(split.stem)) cues += code;
  return { norm, stem: split.stem, prefix: split.prefix, article: split.article, shape: shapeOf(token), cues };
}

/** What stands before the first token and after the last one. */
export const PAD: TokenInfo = { norm: '<s>', stem: '<s>', prefix: '', article: false, shape: 'S', cues: '' };
const NO_MATCH: LexiconMatch = { begin: 0, inside: 0, word: 0, wordStripped: 0, wordFolded: 0 };

/**
 * Features of every token of one sentence (tokens as written). Feature strings are emitted in a fixed
 * order, which keeps the training deterministic. `learned` is the list of names tagged in the training
 * data (see learnedNames in training.ts), matched like the name lists but under features of its own.
 */
export function sentenceFeatures(tokens: readonly string[], lexicon?: Lexicon, learned?: Lexicon): string[][] {
  const info = tokens.map(infoOf);
  const norms = info.map((t) => t.norm);
  const lex = lexicon ? matchLexicon(lexicon, norms) : tokens.map(() => NO_MATCH);
  const seen = learned ? matchLexicon(learned, norms) : undefined;
  const at = (i: number) => (i >= 0 && i < info.length ? info[i] : PAD);
  const lexAt = (i: number) => (i >= 0 && i < lex.length ? lex[i] : NO_MATCH);
  const out: string[][] = [];
  for (let i = 0; i < info.length; i++) {
    const t = info[i];
    const f: string[] = ['b', 'n=' + t.norm, 'sh=' + t.shape];
    const stem = t.stem;
    if (stem !== t.norm) f.push('st=' + stem);
    f.push('fo=' + foldForeign(stem), 'pre=' + t.prefix + (t.article ? '+ال' : ''));
    f.push('len=' + Math.min(stem.length, 8));
    if (stem.length >= 3) f.push('p2=' + stem.slice(0, 2), 'p3=' + stem.slice(0, 3));
    if (t.norm.length >= 3) f.push('s1=' + t.norm.slice(-1), 's2=' + t.norm.slice(-2), 's3=' + t.norm.slice(-3));
    if (i === 0) f.push('bos');
    // Context words, and their stems so that proclitics do not hide them.
    const p1 = at(i - 1), p2 = at(i - 2), n1 = at(i + 1), n2 = at(i + 2);
    f.push('n-1=' + p1.norm, 'n-2=' + p2.norm, 'n+1=' + n1.norm, 'n+2=' + n2.norm);
    f.push('st-1=' + p1.stem, 'st+1=' + n1.stem, 'n-1|n=' + p1.norm + '|' + t.norm);
    f.push('sh-1|sh|sh+1=' + p1.shape + t.shape + n1.shape);
    if (n1.norm.length >= 3) f.push('s2+1=' + n1.norm.slice(-2) + (n1.article ? '+ال' : ''));
    // Cue words around the token.
    for (const [k, c] of [[-2, p2.cues], [-1, p1.cues], [0, t.cues], [1, n1.cues]] as const) {
      for (const code of c) f.push(`c${k}=${code}`);
    }
    // Lexicon evidence for the token and its neighbours.
    const m = lex[i];
    for (const name of maskNames(m.begin)) f.push('gB=' + name);
    for (const name of maskNames(m.inside)) f.push('gI=' + name);
    for (const name of maskNames(m.word)) f.push('gw=' + name);
    for (const name of maskNames(m.wordStripped)) f.push('gs=' + name);
    for (const name of maskNames(m.wordFolded)) f.push('gf=' + name);
    for (const name of maskNames(lexAt(i - 1).word | lexAt(i - 1).wordStripped)) f.push('gw-1=' + name);
    for (const name of maskNames(lexAt(i + 1).word | lexAt(i + 1).wordStripped)) f.push('gw+1=' + name);
    // Names tagged in the training data: phrase start, inside, the word as written, without proclitics.
    if (seen) {
      const l = seen[i];
      for (const name of maskNames(l.begin)) f.push('tB=' + name);
      for (const name of maskNames(l.inside)) f.push('tI=' + name);
      for (const name of maskNames(l.word)) f.push('tw=' + name);
      for (const name of maskNames(l.wordStripped)) f.push('ts=' + name);
    }
    if (p1.shape === 'Q') f.push('q-1');
    if (n1.shape === 'Q') f.push('q+1');
    out.push(f);
  }
  return out;
}

/** Lexicon evidence of a single word, whatever its neighbours (see LexiconMatch). */
export interface WordMasks {
  word: number;
  wordStripped: number;
  wordFolded: number;
  /** The same from the names learned from the training data (no folding); absent without them. */
  learnedWord?: number;
  learnedStripped?: number;
}

/** Slots of tokenFeatures: the token's own features, then what it gives the token 1 and 2 after it, 1 and 2 before it. */
export const SLOT_SELF = 0, SLOT_AS_PREV1 = 1, SLOT_AS_PREV2 = 2, SLOT_AS_NEXT1 = 3, SLOT_AS_NEXT2 = 4;

/**
 * Receives one feature of tokenFeatures: the string `name=value`, or `name` alone when the value is
 * undefined. Kept apart so that lookups hash only the value (often the same string), and nothing is built.
 */
export type FeatureSink = (slot: number, name: string, value?: string) => void;

/**
 * The features of sentenceFeatures that depend on one token alone, by the position they land on: its
 * own (SLOT_SELF), and those it contributes as n-1, n-2, n+1, n+2 of its neighbours (PAD contributes
 * them at the sentence edges). Together with the few pairwise ones (bos, n-1|n, the shape trigram,
 * phrase matches gB gI tB tI) they are exactly the features of sentenceFeatures, which the tagger's
 * fast path relies on and the unit tests check; sentenceFeatures stays the reference, and the order
 * training sees.
 */
export function tokenFeatures(t: TokenInfo, m: WordMasks, add: FeatureSink): void {
  const stem = t.stem, norm = t.norm;
  add(SLOT_SELF, 'b');
  add(SLOT_SELF, 'n', norm);
  add(SLOT_SELF, 'sh', t.shape);
  if (stem !== norm) add(SLOT_SELF, 'st', stem);
  add(SLOT_SELF, 'fo', foldForeign(stem));
  add(SLOT_SELF, 'pre', t.prefix + (t.article ? '+ال' : ''));
  add(SLOT_SELF, 'len', String(Math.min(stem.length, 8)));
  if (stem.length >= 3) {
    add(SLOT_SELF, 'p2', stem.slice(0, 2));
    add(SLOT_SELF, 'p3', stem.slice(0, 3));
  }
  if (norm.length >= 3) {
    add(SLOT_SELF, 's1', norm.slice(-1));
    add(SLOT_SELF, 's2', norm.slice(-2));
    add(SLOT_SELF, 's3', norm.slice(-3));
    add(SLOT_AS_NEXT1, 's2+1', norm.slice(-2) + (t.article ? '+ال' : ''));
  }
  add(SLOT_AS_PREV1, 'n-1', norm);
  add(SLOT_AS_PREV1, 'st-1', stem);
  add(SLOT_AS_PREV2, 'n-2', norm);
  add(SLOT_AS_NEXT1, 'n+1', norm);
  add(SLOT_AS_NEXT1, 'st+1', stem);
  add(SLOT_AS_NEXT2, 'n+2', norm);
  for (const code of t.cues) {
    add(SLOT_SELF, 'c0', code);
    add(SLOT_AS_PREV1, 'c-1', code);
    add(SLOT_AS_PREV2, 'c-2', code);
    add(SLOT_AS_NEXT1, 'c1', code);
  }
  for (const name of maskNames(m.word)) add(SLOT_SELF, 'gw', name);
  for (const name of maskNames(m.wordStripped)) add(SLOT_SELF, 'gs', name);
  for (const name of maskNames(m.wordFolded)) add(SLOT_SELF, 'gf', name);
  for (const name of maskNames(m.word | m.wordStripped)) {
    add(SLOT_AS_PREV1, 'gw-1', name);
    add(SLOT_AS_NEXT1, 'gw+1', name);
  }
  for (const name of maskNames(m.learnedWord ?? 0)) add(SLOT_SELF, 'tw', name);
  for (const name of maskNames(m.learnedStripped ?? 0)) add(SLOT_SELF, 'ts', name);
  if (t.shape === 'Q') {
    add(SLOT_AS_PREV1, 'q-1');
    add(SLOT_AS_NEXT1, 'q+1');
  }
}

/** Shapes that shapeOf gives (and PAD's 'S'), for tables indexed by shape. */
export const SHAPES: readonly string[] = ['Q', 'D', 'P', 'LU', 'LC', 'Ll', 'M', 'A', 'X', 'S'];

/**
 * Key under which mentions of one name are grouped across a document: the folded stem without the
 * conjunction, so that كارتر and وكارتر meet (and شويغو with شويجو). Short and non-word tokens are not grouped.
 */
export function mentionKey(token: string): string | undefined {
  const norm = normalizeWord(token);
  return mentionKeyOf(norm, splitClitics(norm).stem);
}

/** mentionKey from the token's normalised form and stem (see infoOf). */
export function mentionKeyOf(norm: string, stem: string): string | undefined {
  if (!/^[\p{L}\p{M}]{3,}$/u.test(norm)) return undefined;
  return stem.length >= 3 ? foldForeign(stem) : undefined;
}

/** Label (PER…, or O) of a tag index. */
const labelOf = (tag: number) => (tag === 0 ? 'O' : NER_TAGS[tag].slice(2));

/**
 * Second-pass features from a first tagging of the whole document: what the first pass said about
 * this token and its neighbours, and about the other mentions of the same name elsewhere in the
 * document. A name tagged after a title (الرئيس كارتر) thus helps its bare mentions (كارتر).
 */
export function documentFeatures(doc: ReadonlyArray<readonly string[]>, firstPass: ReadonlyArray<ArrayLike<number>>): string[][][] {
  const keys = doc.map((sentence) => sentence.map(mentionKey));
  // Per key: count of first-pass labels over the document.
  const counts = new Map<string, Map<string, number>>();
  keys.forEach((sentence, s) => sentence.forEach((key, j) => {
    if (key === undefined) return;
    const label = labelOf(firstPass[s][j]);
    let c = counts.get(key);
    if (!c) counts.set(key, (c = new Map()));
    c.set(label, (c.get(label) ?? 0) + 1);
  }));
  return keys.map((sentence, s) => sentence.map((key, j) => {
    const path = firstPass[s];
    const own = labelOf(path[j]);
    const f = ['p1=' + NER_TAGS[path[j]], 'p1-1=' + (j > 0 ? NER_TAGS[path[j - 1]] : '<s>'), 'p1+1=' + (j + 1 < path.length ? NER_TAGS[path[j + 1]] : '</s>')];
    if (key === undefined) return f;
    const c = counts.get(key)!;
    let others = 0, bestLabel = 'O', best = 0;
    for (const [label, n] of c) {
      const n2 = n - (label === own ? 1 : 0);
      if (n2 <= 0) continue;
      others += n2;
      if (label !== 'O') f.push('dl=' + label);
      if (n2 > best) { best = n2; bestLabel = label; }
    }
    if (others > 0) f.push('dm=' + bestLabel, 'dm|p1=' + bestLabel + '|' + own);
    return f;
  }));
}
