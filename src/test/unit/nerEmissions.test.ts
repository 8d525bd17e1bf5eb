// The tagger's fast emission path (core/ner/emissions.ts) against the reference it replaces at tagging
// time: sentenceFeatures + emissionScores for the first pass, and the same plus documentFeatures for
// the second, on the real seed articles and on the ANERcorp dev sentences, with both shipped models.
// Scores must agree to rounding, and the tags, spans and confidences must be identical.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConll, splitTrainDev } from '../../core/ner/conll';
import { logMarginals, tagSpans, TAG_COUNT, viterbi } from '../../core/ner/decode';
import { EmissionScorer } from '../../core/ner/emissions';
import { documentFeatures, sentenceFeatures } from '../../core/ner/features';
import { emissionScores, loadNerModel, type NerModel } from '../../core/ner/nerModel';
import { layoutForScoring } from '../../core/ner/nerScore';
import { tagDocument, type TokenSpan } from '../../core/ner/tagger';
import { sentenceRanges, tokenize } from '../../core/ner/tokenize';
import type { TrainingSentence } from '../../core/ner/training';
import { readSeed, repoRoot, seedNames, sharedDir } from './seedCorpus';

type Doc = string[][];

const models: Record<string, NerModel> = {};
const modelNamed = (name: string): NerModel => (models[name] ??= loadNerModel(readFileSync(join(repoRoot(), 'models', name), 'utf8')));

/** Sentences of an article as the tagger cuts them. */
function sentencesOf(text: string): Doc {
  const tokens = tokenize(text);
  return sentenceRanges(text, tokens).map(([from, to]) => tokens.slice(from, to).map((t) => t.text));
}

function devSentences(): TrainingSentence[] {
  const path = join(sharedDir(), 'data', 'anercorp', 'train.txt');
  assert.ok(existsSync(path), `${path} missing: set ANA_SHARED to the shared/ folder`);
  return splitTrainDev(parseConll(readFileSync(path, 'utf8'))).dev;
}

/** The documents checked: each seed, the dev split as eval:ner lays it out, and the dev sentences as ANERcorp tokenised them. */
function documents(): Array<[string, Doc]> {
  const seeds = seedNames();
  assert.equal(seeds.length, 5, `seed articles missing in ${sharedDir()}: set ANA_SHARED to the shared/ folder`);
  const dev = devSentences();
  assert.ok(dev.length > 300);
  return [
    ...seeds.map((name): [string, Doc] => [name, sentencesOf(readSeed(name))]),
    ...layoutForScoring(dev).map((f, k): [string, Doc] => [`dev file ${k}`, sentencesOf(f.text)]),
    ['dev sentences', dev.map((s) => s.tokens)],
  ];
}

/** What tagging computed before the fast path: feature strings and table lookups, log-space marginals. */
function reference(doc: Doc, model: NerModel) {
  const features = doc.map((s) => sentenceFeatures(s, model.lexicon, model.learned));
  const first = features.map((f) => emissionScores(f, model.first.weights));
  const paths = first.map((e, s) => viterbi(e, doc[s].length, model.first.transitions));
  const extra = documentFeatures(doc, paths);
  const second = features.map((f, s) => emissionScores(f.map((tf, j) => tf.concat(extra[s][j])), model.second!.weights));
  const finalPaths = second.map((e, s) => viterbi(e, doc[s].length, model.second!.transitions));
  const spans: TokenSpan[][] = finalPaths.map((path, s) => {
    const marg = logMarginals(second[s], path.length, model.second!.transitions, model.temperature);
    return tagSpans(path).map((span) => {
      let confidence = 1;
      for (let j = span.first; j <= span.last; j++) confidence = Math.min(confidence, marg[j * TAG_COUNT + path[j]]);
      return { ...span, confidence: Math.round(confidence * 1000) / 1000 };
    });
  });
  return { first, paths, second, spans };
}

function assertClose(actual: Float64Array, expected: Float64Array, where: string): void {
  assert.equal(actual.length, expected.length, where);
  for (let k = 0; k < expected.length; k++) {
    if (Math.abs(actual[k] - expected[k]) > 1e-9 * (1 + Math.abs(expected[k]))) {
      assert.fail(`${where}, token ${Math.floor(k / TAG_COUNT)} tag ${k % TAG_COUNT}: ${actual[k]} instead of ${expected[k]}`);
    }
  }
}

for (const modelName of ['ner-model.json', 'ner-model.dev.json']) {
  describe(`NER fast emissions against the reference features (${modelName})`, function () {
    this.timeout(60000);
    let docs: Array<[string, Doc]>;
    before(() => {
      docs = documents();
      assert.ok(modelNamed(modelName).second && modelNamed(modelName).learned, `${modelName} should have a second pass and learned names`);
    });

    it('gives the first- and second-pass emission scores of sentenceFeatures + emissionScores (+ documentFeatures)', () => {
      const model = modelNamed(modelName);
      const scorer = new EmissionScorer(model);
      let tokens = 0;
      for (const [name, doc] of docs) {
        const ref = reference(doc, model);
        const fast = doc.map((s) => scorer.sentence(s));
        fast.forEach((s, k) => assertClose(s.first, ref.first[k], `${name}, first pass, sentence ${k}`));
        scorer.documentScores(fast, ref.paths).forEach((e, k) => assertClose(e, ref.second[k], `${name}, second pass, sentence ${k}`));
        tokens += doc.reduce((n, s) => n + s.length, 0);
      }
      assert.ok(tokens > 20000, `only ${tokens} tokens compared`);
    });

    it('tags exactly the same entities, with the same confidences', () => {
      const model = modelNamed(modelName);
      let entities = 0;
      for (const [name, doc] of docs) {
        const expected = reference(doc, model).spans;
        assert.deepEqual(tagDocument(doc, model), expected, name);
        entities += expected.flat().length;
      }
      assert.ok(entities > 500, `only ${entities} entities compared`);
    });

    it('gives the same scores when its token cache is small enough to be renewed within a sentence', () => {
      const model = modelNamed(modelName);
      const roomy = new EmissionScorer(model), cramped = new EmissionScorer(model, 3);
      for (const [, doc] of docs.slice(0, 5)) {
        for (const s of doc) assert.deepEqual(cramped.sentence(s).first, roomy.sentence(s).first);
      }
    });
  });
}
