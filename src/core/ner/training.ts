// Training of the NER tagger: averaged structured perceptrons (Collins 2002) over the features of
// features.ts, decoded with constrained Viterbi, in two passes: the first pass tags each sentence
// alone; the second also sees what the first said about the other mentions of the same names in the
// document. The second pass learns from first-pass output on data the first pass did not see
// (k-fold jackknife), so that it learns to trust the first pass only as far as it deserves.
// The names tagged in the training data form a second name list (the model's `learned` section); each
// training sentence sees it built from the other folds only, so that the weights learn how far a name
// seen elsewhere is evidence, as it will be for new text.
//
// Deterministic by construction: features get ids in order of first appearance, sentences are
// shuffled by a seeded generator, and the output is quantised and written with sorted keys, so the
// same data and options give byte-identical model files.

import { NER_TAGS, TAG_COUNT, viterbi } from './decode';
import { documentFeatures, FEATURE_VERSION, sentenceFeatures } from './features';
import { compileLexicon, emptyLexiconData, phraseKey, type LexiconData } from './lexicon';
import { normalizeWord, splitClitics } from './normalize';
import { compileWeights, emissionScores, NER_MODEL_FORMAT, type NerModelFile } from './nerModel';

export interface TrainingSentence {
  tokens: string[];
  /** IOB2 tags over PER ORG LOC MISC (see NER_TAGS). */
  tags: string[];
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Features seen fewer times in the training data are not learned (smaller model, less overfitting). */
  minFeatureCount: number;
  /** After training, weights below this magnitude (in score units) are dropped. */
  pruneBelow: number;
  /** Integer weights are score × scale. */
  scale: number;
  temperature: number;
  /** Consecutive sentences that form one document for the second pass (ANERcorp has no article marks). */
  sentencesPerDocument: number;
  /** Folds of the jackknife that feeds the second pass; 0 trains the first pass only. */
  folds: number;
  /** Folds of the jackknife of the learned name list (names tagged in the training data); 0: no such list. */
  learnedFolds: number;
  lexicon?: LexiconData;
  meta?: Record<string, string | number>;
  /** Progress: the pass being trained and, after each epoch, the number of sentences tagged wrong. */
  onEpoch?: (pass: string, epoch: number, mistakes: number) => void;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'lexicon' | 'meta' | 'onEpoch'> = {
  epochs: 12,
  seed: 20150918,
  minFeatureCount: 3,
  pruneBelow: 1,
  scale: 100,
  temperature: 1,
  sentencesPerDocument: 25,
  folds: 5,
  learnedFolds: 5,
};

/** mulberry32: small, fast, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weights { weights: Record<string, number[]>; transitions: number[] }

export function trainNer(sentences: readonly TrainingSentence[], options: TrainOptions): NerModelFile {
  const tagIndex = new Map(NER_TAGS.map((t, k) => [t, k]));
  const lexiconData = options.lexicon ?? emptyLexiconData();
  const lexicon = compileLexicon(lexiconData);
  const gold = sentences.map((s) => Int32Array.from(s.tags, (t, j) => {
    const idx = tagIndex.get(t);
    if (idx === undefined) throw new Error(`unknown tag ${t}`);
    // An I- that continues no span of its label starts one, as the scorer reads it (ANERcorp has a few).
    return idx > 0 && idx % 2 === 0 && (j === 0 || (s.tags[j - 1] !== t && s.tags[j - 1] !== 'B-' + t.slice(2))) ? idx - 1 : idx;
  }));
  const all = sentences.map((_, k) => k);
  // Documents of consecutive sentences; jackknife folds of consecutive documents.
  const docs: number[][] = [];
  for (let k = 0; k < sentences.length; k += options.sentencesPerDocument) {
    docs.push(all.slice(k, Math.min(k + options.sentencesPerDocument, sentences.length)));
  }
  let learnedData: LexiconData | undefined;
  let base: string[][][];
  if (options.learnedFolds > 1) {
    const foldOf = (k: number) => Math.floor((Math.floor(k / options.sentencesPerDocument) * options.learnedFolds) / docs.length);
    const perFold = Array.from({ length: options.learnedFolds }, (_, fold) => compileLexicon(learnedNames(sentences.filter((_, k) => foldOf(k) !== fold))));
    base = sentences.map((s, k) => sentenceFeatures(s.tokens, lexicon, perFold[foldOf(k)]));
    learnedData = learnedNames(sentences);
  } else {
    base = sentences.map((s) => sentenceFeatures(s.tokens, lexicon));
  }
  const first = trainPerceptron(base, gold, all, options, 'pass 1');
  let second: Weights | undefined;
  if (options.folds > 1) {
    const paths: Int32Array[] = new Array(sentences.length);
    for (let fold = 0; fold < options.folds; fold++) {
      const inFold = (d: number) => Math.floor((d * options.folds) / docs.length) === fold;
      const trainIdx = docs.filter((_, d) => !inFold(d)).flat();
      const w = trainPerceptron(base, gold, trainIdx, options, `pass 1, fold ${fold + 1}`);
      const table = compileWeights(w.weights, options.scale);
      const transitions = Float64Array.from(w.transitions, (x) => x / options.scale);
      for (const k of docs.filter((_, d) => inFold(d)).flat()) {
        paths[k] = viterbi(emissionScores(base[k], table), base[k].length, transitions);
      }
    }
    const stacked: string[][][] = new Array(sentences.length);
    for (const doc of docs) {
      const extra = documentFeatures(doc.map((k) => sentences[k].tokens), doc.map((k) => paths[k]));
      doc.forEach((k, i) => { stacked[k] = base[k].map((f, j) => f.concat(extra[i][j])); });
    }
    second = trainPerceptron(stacked, gold, all, options, 'pass 2');
  }
  return {
    format: NER_MODEL_FORMAT,
    featureVersion: FEATURE_VERSION,
    tags: [...NER_TAGS],
    scale: options.scale,
    temperature: options.temperature,
    transitions: first.transitions,
    weights: first.weights,
    ...(second ? { secondPass: second } : {}),
    lexicon: lexiconData,
    ...(learnedData ? { learned: learnedData } : {}),
    meta: {
      ...options.meta,
      algorithm: 'averaged structured perceptron, constrained Viterbi' + (second ? `, second pass on document features (${options.folds}-fold jackknife)` : ''),
      epochs: options.epochs,
      seed: options.seed,
      minFeatureCount: options.minFeatureCount,
      pruneBelow: options.pruneBelow,
      learnedFolds: options.learnedFolds,
      trainingSentences: sentences.length,
      trainingTokens: sentences.reduce((a, s) => a + s.tokens.length, 0),
      features: Object.keys(first.weights).length + (second ? Object.keys(second.weights).length : 0),
    },
  };
}

/**
 * The entity names of tagged sentences as lexicon data (normalised; the proclitics of the first word
 * cut, the article kept), so that a name seen in training is known again in any clitic form.
 */
export function learnedNames(sentences: readonly TrainingSentence[]): LexiconData {
  const sets = { PER: new Set<string>(), LOC: new Set<string>(), ORG: new Set<string>(), MISC: new Set<string>() };
  for (const s of sentences) {
    for (let i = 0; i < s.tags.length; i++) {
      if (s.tags[i] === 'O') continue;
      const label = s.tags[i].slice(2) as keyof typeof sets;
      let j = i;
      while (j + 1 < s.tags.length && s.tags[j + 1] === 'I-' + label) j++;
      const words = s.tokens.slice(i, j + 1).map(normalizeWord);
      const split = splitClitics(words[0]);
      words[0] = split.article ? 'ال' + split.stem : split.stem;
      const key = phraseKey(words.join(' '));
      if (key) sets[label].add(key);
      i = j;
    }
  }
  const data = emptyLexiconData();
  for (const l of ['PER', 'LOC', 'ORG', 'MISC'] as const) data[l] = [...sets[l]].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return data;
}

/** One averaged perceptron over the sentences `subset` (indices), returned quantised and pruned. */
function trainPerceptron(features: readonly string[][][], gold: readonly Int32Array[], subset: readonly number[], options: TrainOptions, pass: string): Weights {
  const T = TAG_COUNT;
  const counts = new Map<string, number>();
  for (const k of subset) for (const tok of features[k]) for (const f of tok) counts.set(f, (counts.get(f) ?? 0) + 1);
  // Ids in order of first appearance, frequent features only.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const encoded = subset.map((k) => {
    const list: number[] = [];
    const offsets = new Int32Array(features[k].length + 1);
    features[k].forEach((tok, j) => {
      for (const f of tok) {
        if ((counts.get(f) ?? 0) < options.minFeatureCount) continue;
        let id = ids.get(f);
        if (id === undefined) { id = names.length; ids.set(f, id); names.push(f); }
        list.push(id);
      }
      offsets[j + 1] = list.length;
    });
    return { ids: Int32Array.from(list), offsets, gold: gold[k] };
  });

  const F = names.length;
  const w = new Float64Array(F * T), u = new Float64Array(F * T);
  const tw = new Float64Array((T + 1) * T), tu = new Float64Array((T + 1) * T);
  let c = 1;
  const random = seededRandom(options.seed);
  const order = encoded.map((_, k) => k);
  let buffer = new Float64Array(256 * T);

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    // Fisher–Yates with the seeded generator.
    for (let k = order.length - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      [order[k], order[r]] = [order[r], order[k]];
    }
    let mistakes = 0;
    for (const k of order) {
      const s = encoded[k];
      const n = s.gold.length;
      if (buffer.length < n * T) buffer = new Float64Array(n * T * 2);
      buffer.fill(0, 0, n * T);
      for (let j = 0; j < n; j++) {
        for (let q = s.offsets[j]; q < s.offsets[j + 1]; q++) {
          const base = s.ids[q] * T;
          for (let t = 0; t < T; t++) buffer[j * T + t] += w[base + t];
        }
      }
      const pred = viterbi(buffer, n, tw);
      let wrong = false;
      for (let j = 0; j < n; j++) {
        const g = s.gold[j], p = pred[j];
        if (g !== p) {
          wrong = true;
          for (let q = s.offsets[j]; q < s.offsets[j + 1]; q++) {
            const base = s.ids[q] * T;
            w[base + g] += 1; u[base + g] += c;
            w[base + p] -= 1; u[base + p] -= c;
          }
        }
        const gp = j === 0 ? -1 : s.gold[j - 1], pp = j === 0 ? -1 : pred[j - 1];
        if (g !== p || gp !== pp) {
          tw[(gp + 1) * T + g] += 1; tu[(gp + 1) * T + g] += c;
          tw[(pp + 1) * T + p] -= 1; tu[(pp + 1) * T + p] -= c;
        }
      }
      if (wrong) mistakes++;
      c++;
    }
    options.onEpoch?.(pass, epoch, mistakes);
  }

  // Averaged weights, quantised; rows left with no weight are dropped.
  const quantise = (x: number) => Math.round(x * options.scale);
  const weights: Record<string, number[]> = {};
  for (let f = 0; f < F; f++) {
    const row: number[] = [];
    for (let t = 0; t < T; t++) {
      const avg = w[f * T + t] - u[f * T + t] / c;
      if (Math.abs(avg) < options.pruneBelow) continue;
      const q = quantise(avg);
      if (q !== 0) row.push(t, q);
    }
    if (row.length > 0) weights[names[f]] = row;
  }
  return { weights, transitions: Array.from(tw, (x, k) => quantise(x - tu[k] / c)) };
}
