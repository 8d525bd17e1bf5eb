// Emission scores for tagging, computed without building feature strings per token. sentenceFeatures
// (the reference, which training uses) makes ~35 strings per token and looks each up; but almost all
// of them depend on one token alone: its own, and those it gives its neighbours as n-1, n-2, n+1, n+2
// (tokenFeatures). Those are summed once per distinct token into per-tag vectors, for both passes,
// and kept in a bounded cache across sentences and articles; a token then costs five vector additions
// plus the few pairwise features (bos, n-1|n, the shape trigram, phrase matches), each one table hit.
// The second pass reuses the sentence part and adds the document features from precomputed rows.
// Sums are reordered, so scores equal the reference to rounding (checked by the unit tests).

import { NER_LABELS, NER_TAGS, TAG_COUNT } from './decode';
import { infoOf, mentionKeyOf, PAD, SHAPES, SLOT_AS_NEXT1, SLOT_AS_NEXT2, SLOT_AS_PREV1, SLOT_AS_PREV2, SLOT_SELF, tokenFeatures, type FeatureSink, type WordMasks } from './features';
import { lookupForms, maskNames, matchPhrases, matchWord, phraseStarts, type Lexicon } from './lexicon';
import type { NerModel, NerPass, WeightTable } from './nerModel';

const T = TAG_COUNT;
const SLOTS = 5;
/** Class masks of the lexicon (6 bits). */
const MASKS = 64;

interface TokenType {
  norm: string;
  /** Index into SHAPES. */
  shape: number;
  /** mentionKey of the token, for the document features. */
  key: string | undefined;
  /** Forms that may start a listed phrase, of the lexicon and of the learned names; undefined when none. */
  lexStarts: string[] | undefined;
  learnedStarts: string[] | undefined;
  /** Per pass, SLOTS × T: the summed weights of each slot of tokenFeatures. */
  scores: Float64Array;
  /** Per pass: the n-1|n rows where this token is n, by the norm of n-1. */
  pairs: Array<Map<string, Float32Array> | undefined>;
}

/** One pass's weights arranged for the fast path. */
interface PassTables {
  weights: WeightTable;
  /** n → n-1 → row of 'n-1|n=' + n-1 + '|' + n. */
  pairs: Map<string, Map<string, Float32Array>>;
  /** (shape-1 × 10 + shape) × 10 + shape+1 → row of the shape trigram. */
  shapes: Array<Float32Array | undefined>;
  bos: Float32Array | undefined;
  /** Class mask → summed rows of gB=, gI=, tB=, tI= (MASKS × T each). */
  gB: Float64Array;
  gI: Float64Array;
  tB: Float64Array;
  tI: Float64Array;
  /** Document features of the second pass, by tag or label index (see documentScores). */
  p1: Array<Float32Array | undefined>;
  p1Before: Array<Float32Array | undefined>;
  p1After: Array<Float32Array | undefined>;
  dl: Array<Float32Array | undefined>;
  dm: Array<Float32Array | undefined>;
  dmOwn: Array<Float32Array | undefined>;
}

/** Labels of the document features: O, then NER_LABELS. */
const DOC_LABELS = ['O', ...NER_LABELS];
const labelIndex = (tag: number) => (tag === 0 ? 0 : (tag + 1) >> 1);

/**
 * Token types kept per generation; two generations, so memory stays bounded (about 1 KB a type, so
 * up to ~130 MB a thread). An article has a few thousand; over half of SaudiNewsNet (one of two
 * threads: 5 M tokens, 228 K distinct) 65,536 miss 340 K times and promote 300 K types, 32,768
 * 542 K and 462 K, at ~20 µs a miss.
 */
const DEFAULT_CACHE_SIZE = 65536;
/** Token types whose scores share one buffer. */
const SLAB_TYPES = 1024;

/** Emission scores of one sentence: the first pass's, and the sentence part of the second's. */
export interface SentenceScores {
  types: readonly TokenType[];
  first: Float64Array;
  second: Float64Array | undefined;
}

export class EmissionScorer {
  private readonly passes: PassTables[];
  /** Every feature by name, then value (see FeatureSink): its rows of all passes, passes × T. */
  private readonly features = new Map<string, Map<string | undefined, Float64Array>>();
  private readonly pad: TokenType;
  /** Scores per token type: passes × SLOTS × T. */
  private readonly stride: number;
  private current = new Map<string, TokenType>();
  private previous = new Map<string, TokenType>();
  // Scores of SLAB_TYPES types share a buffer: a typed array with a buffer of its own per type costs
  // more to allocate and collect than the type costs to compute.
  private slab = new Float64Array(0);
  private slabUsed = 0;

  constructor(private readonly model: NerModel, private readonly cacheSize = DEFAULT_CACHE_SIZE) {
    this.passes = [model.first, ...(model.second ? [model.second] : [])].map(passTables);
    this.passes.forEach(({ weights }, p) => {
      for (const [feature, row] of weights) {
        // Names have no '='; values may ('n==').
        const cut = feature.indexOf('=');
        const name = cut < 0 ? feature : feature.slice(0, cut), value = cut < 0 ? undefined : feature.slice(cut + 1);
        let byValue = this.features.get(name);
        if (!byValue) this.features.set(name, (byValue = new Map()));
        let rows = byValue.get(value);
        if (!rows) byValue.set(value, (rows = new Float64Array(this.passes.length * T)));
        rows.set(row, p * T);
      }
    });
    this.stride = this.passes.length * SLOTS * T;
    const pad = new Float64Array(this.stride);
    tokenFeatures(PAD, { word: 0, wordStripped: 0, wordFolded: 0 }, this.adder(pad));
    this.pad = { norm: PAD.norm, shape: SHAPES.indexOf(PAD.shape), key: undefined, lexStarts: undefined, learnedStarts: undefined, scores: pad, pairs: [] };
  }

  /** Scores of one sentence (tokens as written), for both passes. */
  sentence(tokens: readonly string[]): SentenceScores {
    const n = tokens.length;
    const types = tokens.map((t) => this.type(t));
    const lex = this.phraseMasks(types, 'lexStarts', this.model.lexicon);
    const learned = this.model.learned ? this.phraseMasks(types, 'learnedStarts', this.model.learned) : undefined;
    const all = new Float64Array(this.passes.length * n * T);
    const out = this.passes.map((_, p) => all.subarray(p * n * T, (p + 1) * n * T));
    const pad = this.pad;
    for (let i = 0; i < n; i++) {
      const t = types[i];
      const p1 = i > 0 ? types[i - 1] : pad, p2 = i > 1 ? types[i - 2] : pad;
      const n1 = i + 1 < n ? types[i + 1] : pad, n2 = i + 2 < n ? types[i + 2] : pad;
      for (let p = 0; p < this.passes.length; p++) {
        const tables = this.passes[p], e = out[p], o = i * T, base = p * SLOTS * T;
        const self = base + SLOT_SELF * T, a1 = base + SLOT_AS_PREV1 * T, a2 = base + SLOT_AS_PREV2 * T;
        const b1 = base + SLOT_AS_NEXT1 * T, b2 = base + SLOT_AS_NEXT2 * T;
        for (let k = 0; k < T; k++) {
          e[o + k] = t.scores[self + k] + p1.scores[a1 + k] + p2.scores[a2 + k] + n1.scores[b1 + k] + n2.scores[b2 + k];
        }
        addRow(e, o, t.pairs[p]?.get(p1.norm));
        addRow(e, o, tables.shapes[(p1.shape * 10 + t.shape) * 10 + n1.shape]);
        if (i === 0) addRow(e, o, tables.bos);
        if (lex) {
          addMasks(e, o, tables.gB, lex.begin[i]);
          addMasks(e, o, tables.gI, lex.inside[i]);
        }
        if (learned) {
          addMasks(e, o, tables.tB, learned.begin[i]);
          addMasks(e, o, tables.tI, learned.inside[i]);
        }
      }
    }
    return { types, first: out[0], second: out[1] };
  }

  /**
   * Second-pass scores of a document: each sentence's second-pass part plus documentFeatures of the
   * first pass's paths (what it said about each token, its neighbours and the other mentions of the
   * name). Adds to the `second` scores of `sentences` in place, and returns them.
   */
  documentScores(sentences: readonly SentenceScores[], paths: ReadonlyArray<ArrayLike<number>>): Float64Array[] {
    const tables = this.passes[1];
    if (!tables) throw new Error('documentScores needs a model with a second pass');
    // Per mention key: first-pass label counts, and the labels in the order first met, which breaks
    // ties of the most frequent label as documentFeatures' Map iteration does.
    const counts = new Map<string, { n: number[]; order: number[] }>();
    sentences.forEach((s, si) => s.types.forEach((t, j) => {
      if (t.key === undefined) return;
      const label = labelIndex(paths[si][j]);
      let c = counts.get(t.key);
      if (!c) counts.set(t.key, (c = { n: [0, 0, 0, 0, 0], order: [] }));
      if (c.n[label]++ === 0) c.order.push(label);
    }));
    return sentences.map((s, si) => {
      const e = s.second!;
      const path = paths[si], n = path.length;
      for (let j = 0; j < n; j++) {
        const o = j * T, own = labelIndex(path[j]);
        addRow(e, o, tables.p1[path[j]]);
        addRow(e, o, tables.p1Before[j > 0 ? path[j - 1] : T]);
        addRow(e, o, tables.p1After[j + 1 < n ? path[j + 1] : T]);
        const key = s.types[j].key;
        if (key === undefined) continue;
        const c = counts.get(key)!;
        let others = 0, best = 0, bestLabel = 0;
        for (const label of c.order) {
          const n2 = c.n[label] - (label === own ? 1 : 0);
          if (n2 <= 0) continue;
          others += n2;
          if (label !== 0) addRow(e, o, tables.dl[label]);
          if (n2 > best) { best = n2; bestLabel = label; }
        }
        if (others > 0) {
          addRow(e, o, tables.dm[bestLabel]);
          addRow(e, o, tables.dmOwn[bestLabel * DOC_LABELS.length + own]);
        }
      }
      return e;
    });
  }

  private type(token: string): TokenType {
    let t = this.current.get(token);
    if (t) return t;
    const old = this.previous.get(token);
    if (this.current.size >= this.cacheSize) {
      this.previous = this.current;
      this.current = new Map();
    }
    if (this.slabUsed === this.slab.length) {
      this.slab = new Float64Array(SLAB_TYPES * this.stride);
      this.slabUsed = 0;
    }
    const scores = this.slab.subarray(this.slabUsed, (this.slabUsed += this.stride));
    if (old) scores.set(old.scores);
    t = old ? { ...old, scores } : this.newType(token, scores);
    this.current.set(token, t);
    return t;
  }

  private newType(token: string, scores: Float64Array): TokenType {
    const info = infoOf(token);
    const forms = lookupForms(info.norm);
    const masks: WordMasks = matchWord(this.model.lexicon, forms);
    let learnedStarts: string[] | undefined;
    if (this.model.learned) {
      const l = matchWord(this.model.learned, forms);
      masks.learnedWord = l.word;
      masks.learnedStripped = l.wordStripped;
      learnedStarts = nonEmpty(phraseStarts(this.model.learned, forms));
    }
    tokenFeatures(info, masks, this.adder(scores));
    return {
      norm: info.norm, shape: SHAPES.indexOf(info.shape), key: mentionKeyOf(info.norm, info.stem),
      lexStarts: nonEmpty(phraseStarts(this.model.lexicon, forms)), learnedStarts, scores,
      pairs: this.passes.map((tables) => tables.pairs.get(info.norm)),
    };
  }

  /** A FeatureSink that adds each feature's rows of all passes into `scores` (passes × SLOTS × T). */
  private adder(scores: Float64Array): FeatureSink {
    const passes = this.passes.length;
    return (slot, name, value) => {
      const rows = this.features.get(name)?.get(value);
      if (!rows) return;
      for (let p = 0; p < passes; p++) {
        const at = (p * SLOTS + slot) * T;
        for (let k = 0; k < T; k++) scores[at + k] += rows[p * T + k];
      }
    };
  }

  /** gB/gI (or tB/tI) masks of a sentence; undefined when no token can start a phrase. */
  private phraseMasks(types: readonly TokenType[], starts: 'lexStarts' | 'learnedStarts', lexicon: Lexicon): { begin: Uint8Array; inside: Uint8Array } | undefined {
    if (!types.some((t) => t[starts])) return undefined;
    const found = types.map(() => ({ begin: 0, inside: 0 }));
    matchPhrases(lexicon, types.map((t) => t.norm), types.map((t) => t[starts]), found);
    return { begin: Uint8Array.from(found, (m) => m.begin), inside: Uint8Array.from(found, (m) => m.inside) };
  }
}

const scorers = new WeakMap<NerModel, EmissionScorer>();

/** The scorer of a model, made on first use and kept as long as the model (its cache serves every article). */
export function scorerFor(model: NerModel): EmissionScorer {
  let s = scorers.get(model);
  if (!s) scorers.set(model, (s = new EmissionScorer(model)));
  return s;
}

function passTables(pass: NerPass): PassTables {
  const w = pass.weights;
  const pairs = new Map<string, Map<string, Float32Array>>();
  for (const [feature, row] of w) {
    if (!feature.startsWith('n-1|n=')) continue;
    // Split at every '|': a split that rebuilds the same key is the same lookup (a norm may be '|').
    const rest = feature.slice('n-1|n='.length);
    for (let at = rest.indexOf('|'); at >= 0; at = rest.indexOf('|', at + 1)) {
      const n = rest.slice(at + 1);
      let byPrev = pairs.get(n);
      if (!byPrev) pairs.set(n, (byPrev = new Map()));
      byPrev.set(rest.slice(0, at), row);
    }
  }
  const shapes: Array<Float32Array | undefined> = [];
  for (const a of SHAPES) for (const b of SHAPES) for (const c of SHAPES) shapes.push(w.get('sh-1|sh|sh+1=' + a + b + c));
  const masks = (prefix: string) => {
    const sums = new Float64Array(MASKS * T);
    for (let m = 0; m < MASKS; m++) for (const name of maskNames(m)) addRow(sums, m * T, w.get(prefix + name));
    return sums;
  };
  return {
    weights: w, pairs, shapes, bos: w.get('bos'),
    gB: masks('gB='), gI: masks('gI='), tB: masks('tB='), tI: masks('tI='),
    p1: NER_TAGS.map((tag) => w.get('p1=' + tag)),
    p1Before: [...NER_TAGS, '<s>'].map((tag) => w.get('p1-1=' + tag)),
    p1After: [...NER_TAGS, '</s>'].map((tag) => w.get('p1+1=' + tag)),
    dl: DOC_LABELS.map((l) => w.get('dl=' + l)),
    dm: DOC_LABELS.map((l) => w.get('dm=' + l)),
    dmOwn: DOC_LABELS.flatMap((best) => DOC_LABELS.map((own) => w.get('dm|p1=' + best + '|' + own))),
  };
}

function addRow(out: Float64Array, at: number, row: ArrayLike<number> | undefined): void {
  if (row) for (let k = 0; k < T; k++) out[at + k] += row[k];
}

function addMasks(out: Float64Array, at: number, sums: Float64Array, mask: number): void {
  if (mask !== 0) for (let k = 0; k < T; k++) out[at + k] += sums[mask * T + k];
}

const nonEmpty = (a: string[]): string[] | undefined => (a.length > 0 ? a : undefined);
