#!/usr/bin/env node
// Trains the offline NER model (npm run train:ner): an averaged perceptron over ANERcorp with name-list
// features (the shippable lists, and the names tagged in ANERcorp itself). First a dev model on the
// first 90% of the sentences, scored on the last 10% and used to calibrate confidences; then the
// shipped model on all of train.txt with the same settings.
// Deterministic: the same data and options give byte-identical files.
//
// usage: node scripts/train-ner.mjs [--dev-only] [--epochs N] [--min-count N] [--prune X] [--learned-folds N] [--no-lexicon]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNerCore, modelsDir, readAnercorp, readShippableGazetteers } from './ner-lib.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const core = await loadNerCore();
const options = {
  ...core.DEFAULT_TRAIN_OPTIONS,
  epochs: opt('--epochs', core.DEFAULT_TRAIN_OPTIONS.epochs),
  minFeatureCount: opt('--min-count', core.DEFAULT_TRAIN_OPTIONS.minFeatureCount),
  pruneBelow: opt('--prune', core.DEFAULT_TRAIN_OPTIONS.pruneBelow),
  learnedFolds: opt('--learned-folds', core.DEFAULT_TRAIN_OPTIONS.learnedFolds),
};

const sentences = readAnercorp(core);
const { train, dev } = core.splitTrainDev(sentences);
const gazetteers = readShippableGazetteers();
const lexicon = argv.includes('--no-lexicon') ? core.emptyLexiconData() : core.buildLexiconData(gazetteers.entries);
console.log(`ANERcorp: ${sentences.length} sentences (train ${train.length}, dev ${dev.length}); lexicon: ${
  Object.entries(lexicon).map(([k, v]) => `${k} ${v.length}`).join(', ')}`);

function trainTimed(name, data, extra) {
  const t0 = performance.now();
  const file = core.trainNer(data, {
    ...options, lexicon, ...extra,
    meta: { data: name, lexiconSources: 'NERAr (BSD-2), arabic-names (MIT), world-cities-translations (CC BY 4.0)' },
    onEpoch: (p, e, m) => process.stdout.write(`  ${p}, epoch ${e}: ${m} sentences wrong     \r`),
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${name}: trained in ${seconds.toFixed(1)} s, ${file.meta.features} features kept`);
  return file;
}

/** The temperature whose confidences best predict which dev suggestions are right (Brier score). */
function calibrate(model) {
  const files = core.layoutForScoring(dev);
  let best = { t: 1, brier: Infinity };
  for (const t of [1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 25, 30, 40]) {
    model.temperature = t;
    let brier = 0, n = 0;
    for (const f of files) {
      for (const e of core.tagEntities(f.text, model, { keepProclitics: true })) {
        const correct = core.scoreEntities([f], [[e]]).micro.tp;
        brier += (e.confidence - correct) ** 2;
        n++;
      }
    }
    if (brier / n < best.brier) best = { t, brier: brier / n };
  }
  return best;
}

function evaluate(model) {
  const files = core.layoutForScoring(dev);
  const t0 = performance.now();
  const predicted = files.map((f) => core.tagEntities(f.text, model));
  const ms = performance.now() - t0;
  const chars = files.reduce((a, f) => a + f.text.length, 0);
  const s = core.scoreEntities(files, predicted);
  console.log(`dev entity micro-F1 ${s.micro.f1.toFixed(3)} (P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}); ${
    Object.entries(s.labels).map(([l, v]) => `${l} ${v.f1.toFixed(3)}`).join(', ')}; ${Math.round(chars / (ms / 1000)).toLocaleString('en')} chars/s`);
  return s;
}

mkdirSync(modelsDir, { recursive: true });
const devFile = trainTimed('dev model (ANERcorp train.txt, first 90% of sentences)', train);
const devModel = core.loadNerModel(devFile);
evaluate(devModel);
const { t, brier } = calibrate(devModel);
console.log(`temperature ${t} (dev span Brier score ${brier.toFixed(3)})`);
devFile.temperature = t;
writeFileSync(join(modelsDir, 'ner-model.dev.json'), core.serializeNerModel(devFile));

if (!argv.includes('--dev-only')) {
  const fullFile = trainTimed('shipped model (ANERcorp train.txt, all sentences)', sentences, { temperature: t });
  const text = core.serializeNerModel(fullFile);
  writeFileSync(join(modelsDir, 'ner-model.json'), text);
  console.log(`models/ner-model.json: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB`);
}
