// The NER model file and its in-memory form. The file is JSON: quantised weights of the features that
// survived pruning and the tag transition matrix, for each of the two passes, the name lists the
// lexicon features read, and the names tagged in the training data (read by the learned-name
// features). Keys are written sorted, so the same training gives byte-identical files.

import { NER_TAGS, TAG_COUNT } from './decode';
import { FEATURE_VERSION } from './features';
import { compileLexicon, LEXICON_CLASSES, type Lexicon, type LexiconData } from './lexicon';

export const NER_MODEL_FORMAT = 'arabic-news-annotator/ner-perceptron';

export interface NerModelFile {
  format: typeof NER_MODEL_FORMAT;
  featureVersion: number;
  tags: string[];
  /** Weights are stored as integers; the score is integer / scale. */
  scale: number;
  /** Softens scores before forward-backward so that confidences are roughly calibrated. */
  temperature: number;
  /** First pass: (tags + 1) × tags transitions, the first row from the sentence start. */
  transitions: number[];
  /** First pass: feature → [tag index, weight, tag index, weight, …] (non-zero weights only). */
  weights: Record<string, number[]>;
  /** Second pass, over sentence and document features; absent in a single-pass model. */
  secondPass?: { transitions: number[]; weights: Record<string, number[]> };
  lexicon: LexiconData;
  /** Entity names of the training data, read by the learned-name features. */
  learned?: LexiconData;
  /** How the model was trained (data, sizes, hyper-parameters); informative only. */
  meta: Record<string, string | number>;
}

/** Feature → score per tag. */
export type WeightTable = Map<string, Float32Array>;

export interface NerPass {
  weights: WeightTable;
  transitions: Float64Array;
}

export interface NerModel {
  first: NerPass;
  second?: NerPass;
  temperature: number;
  lexicon: Lexicon;
  learned?: Lexicon;
  meta: Record<string, string | number>;
}

/** Checks and compiles a model file (parsed or as text); throws with a reason when it cannot be used. */
export function loadNerModel(json: unknown): NerModel {
  const file = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<NerModelFile> | null;
  if (!file || file.format !== NER_MODEL_FORMAT) throw new Error('not an NER model file');
  if (file.featureVersion !== FEATURE_VERSION) {
    throw new Error(`NER model was trained with features v${file.featureVersion}, this build computes v${FEATURE_VERSION}: retrain it (npm run train:ner)`);
  }
  if (!Array.isArray(file.tags) || file.tags.join() !== NER_TAGS.join()) throw new Error('NER model has an unknown tag set');
  const scale = Number(file.scale);
  if (!(scale > 0)) throw new Error('NER model is malformed (scale)');
  const pass = (p: { transitions?: unknown; weights?: Record<string, number[]> }): NerPass => {
    if (!Array.isArray(p.transitions) || p.transitions.length !== (TAG_COUNT + 1) * TAG_COUNT) throw new Error('NER model is malformed (transitions)');
    return { weights: compileWeights(p.weights ?? {}, scale), transitions: Float64Array.from(p.transitions as number[], (w) => w / scale) };
  };
  const lexicon = (data: Partial<LexiconData>) => compileLexicon(Object.fromEntries(LEXICON_CLASSES.map((c) => [c, data[c] ?? []])) as unknown as LexiconData);
  return {
    first: pass(file),
    ...(file.secondPass ? { second: pass(file.secondPass) } : {}),
    temperature: Number(file.temperature) > 0 ? Number(file.temperature) : 1,
    lexicon: lexicon(file.lexicon ?? {}),
    ...(file.learned ? { learned: lexicon(file.learned) } : {}),
    meta: file.meta ?? {},
  };
}

/** Dense per-tag rows from the sparse integer pairs of a file. */
export function compileWeights(sparse: Record<string, number[]>, scale: number): WeightTable {
  const table: WeightTable = new Map();
  const entries = Object.entries(sparse);
  // One buffer for all rows: tens of thousands of small allocations would slow loading.
  const buffer = new Float32Array(entries.length * TAG_COUNT);
  entries.forEach(([feature, pairs], i) => {
    const row = buffer.subarray(i * TAG_COUNT, (i + 1) * TAG_COUNT);
    for (let k = 0; k + 1 < pairs.length; k += 2) row[pairs[k]] = pairs[k + 1] / scale;
    table.set(feature, row);
  });
  return table;
}

/** Emission scores (token × tag, row-major) of a sentence's features. */
export function emissionScores(features: readonly string[][], weights: WeightTable): Float64Array {
  const T = TAG_COUNT;
  const out = new Float64Array(features.length * T);
  for (let j = 0; j < features.length; j++) {
    for (const f of features[j]) {
      const row = weights.get(f);
      if (row) for (let t = 0; t < T; t++) out[j * T + t] += row[t];
    }
  }
  return out;
}

/** JSON text of a model file with sorted keys and one weight row per line: stable and diffable. */
export function serializeNerModel(file: NerModelFile): string {
  const table = (weights: Record<string, number[]>) => Object.keys(weights).sort(byCodeUnit)
    .map((k) => `    ${JSON.stringify(k)}: [${weights[k].join(',')}]`).join(',\n');
  const lists = (data: LexiconData) => LEXICON_CLASSES.map((c) => `    ${JSON.stringify(c)}: ${JSON.stringify(data[c])}`).join(',\n');
  const meta = Object.keys(file.meta).sort(byCodeUnit).map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(file.meta[k])}`);
  return [
    '{',
    `  "format": ${JSON.stringify(file.format)},`,
    `  "featureVersion": ${file.featureVersion},`,
    `  "tags": ${JSON.stringify(file.tags)},`,
    `  "scale": ${file.scale},`,
    `  "temperature": ${file.temperature},`,
    `  "meta": {\n${meta.join(',\n')}\n  },`,
    `  "transitions": [${file.transitions.join(',')}],`,
    `  "weights": {\n${table(file.weights)}\n  },`,
    ...(file.secondPass ? [
      `  "secondPass": {`,
      `    "transitions": [${file.secondPass.transitions.join(',')}],`,
      `    "weights": {\n${table(file.secondPass.weights).replace(/^ {4}/gm, '      ')}\n    }`,
      `  },`,
    ] : []),
    `  "lexicon": {\n${lists(file.lexicon)}\n  }${file.learned ? ',' : ''}`,
    ...(file.learned ? [`  "learned": {\n${lists(file.learned)}\n  }`] : []),
    '}',
    '',
  ].join('\n');
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
