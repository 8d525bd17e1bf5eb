#!/usr/bin/env node
// Evaluates the NER model on the ANERcorp dev split (npm run eval:ner): tags the dev articles as laid
// out by /shared/tools/score_ner.py, scores them with that scorer (and with the TypeScript twin in
// src/core/ner/nerScore.ts), then measures load time and tagging speed on real SaudiNewsNet articles.
//
// With --cv K it also reports K-fold cross-validated F1 over all of train.txt (contiguous folds,
// retraining each time: a few minutes), a steadier guide for tuning than the 398-sentence dev split.
//
// usage: node scripts/eval-ner.mjs [--model models/ner-model.dev.json] [--articles N] [--cv K]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadNerCore, readAnercorp, readShippableGazetteers, repoRoot, sharedDir } from './ner-lib.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
// The dev model never saw the dev split; the shipped model did, so scoring it here would flatter it.
const modelPath = resolve(repoRoot, arg('--model', 'models/ner-model.dev.json'));
const core = await loadNerCore();

let t0 = performance.now();
const modelText = readFileSync(modelPath, 'utf8');
const model = core.loadNerModel(JSON.parse(modelText));
console.log(`model ${modelPath}: ${(modelText.length / 1e6).toFixed(2)} M chars, loaded in ${(performance.now() - t0).toFixed(0)} ms`);

const { dev } = core.splitTrainDev(readAnercorp(core));
const work = mkdtempSync(join(tmpdir(), 'ner-eval-'));
const conll = join(work, 'dev.conll');
writeFileSync(conll, dev.map((s) => s.tokens.map((t, j) => `${t} ${s.tags[j].replace(/-PER$/, '-PERS')}`).join('\n')).join('\n\n') + '\n');

// Our own layout and score.
const files = core.layoutForScoring(dev);
const predicted = files.map((f) => core.tagEntities(f.text, model));
t0 = performance.now(); // timed on a second run, once the JIT has warmed up
for (const f of files) core.tagEntities(f.text, model);
const devMs = performance.now() - t0;
const s = core.scoreEntities(files, predicted);
console.log(`TypeScript scorer: dev entity micro-F1 ${s.micro.f1.toFixed(3)} (P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)})`);
for (const [l, v] of Object.entries(s.labels)) console.log(`  ${l.padEnd(5)} F1=${v.f1.toFixed(3)}  tp=${v.tp} fp=${v.fp} fn=${v.fn}`);

// The official scorer, on the texts it lays out itself.
const scorer = join(sharedDir, 'tools', 'score_ner.py');
const textDir = join(work, 'text'), predDir = join(work, 'pred');
mkdirSync(predDir);
try {
  execFileSync('python3', [scorer, 'prepare', conll, textDir], { stdio: 'ignore' });
  for (const name of readdirSync(textDir).sort()) {
    const text = readFileSync(join(textDir, name), 'utf8');
    const cp = codePointIndex(text);
    const yaml = core.tagEntities(text, model).map((e) => `  - {label: ${e.label}, start: ${cp(e.start)}, end: ${cp(e.end)}}`);
    writeFileSync(join(predDir, `${name}.ann.yaml`), `entities:\n${yaml.join('\n')}${yaml.length ? '\n' : ' []\n'}`);
  }
  console.log('score_ner.py:');
  console.log(execFileSync('python3', [scorer, 'score', conll, textDir, predDir], { encoding: 'utf8' }).trimEnd().replace(/^/gm, '  '));
} catch (err) {
  console.log(`score_ner.py not run: ${err.message.split('\n')[0]}`);
}
rmSync(work, { recursive: true, force: true });

// Speed on real articles.
const chars = files.reduce((a, f) => a + f.text.length, 0);
console.log(`dev: ${chars.toLocaleString('en')} chars in ${devMs.toFixed(0)} ms (${Math.round(chars / (devMs / 1000)).toLocaleString('en')} chars/s)`);
const sampleDir = join(sharedDir, 'data', 'saudinewsnet', 'sample_300');
if (existsSync(sampleDir)) {
  const names = readdirSync(sampleDir).filter((n) => n.endsWith('.txt')).sort().slice(0, Number(arg('--articles', '100')));
  const texts = names.map((n) => readFileSync(join(sampleDir, n), 'utf8'));
  for (const t of texts.slice(0, 5)) core.tagEntities(t, model); // warm-up
  t0 = performance.now();
  let entities = 0, worst = 0, longest = 0;
  for (const t of texts) {
    const a = performance.now();
    entities += core.tagEntities(t, model).length;
    const ms = performance.now() - a;
    if (t.length > longest) { longest = t.length; worst = ms; }
  }
  const ms = performance.now() - t0;
  const total = texts.reduce((a, t) => a + t.length, 0);
  console.log(`SaudiNewsNet: ${texts.length} articles, ${total.toLocaleString('en')} chars, ${entities} entities in ${ms.toFixed(0)} ms: ` +
    `${Math.round(total / (ms / 1000)).toLocaleString('en')} chars/s, ${(ms / texts.length).toFixed(1)} ms per article, longest (${longest} chars) ${worst.toFixed(1)} ms`);
}

if (argv.includes('--cv')) {
  const K = Number(arg('--cv', '5'));
  const sentences = readAnercorp(core);
  const lexicon = core.buildLexiconData(readShippableGazetteers().entries);
  const total = { tp: 0, fp: 0, fn: 0 }, folds = [];
  for (let k = 0; k < K; k++) {
    const a = Math.floor((sentences.length * k) / K), b = Math.floor((sentences.length * (k + 1)) / K);
    const foldModel = core.loadNerModel(core.trainNer(sentences.slice(0, a).concat(sentences.slice(b)), { ...core.DEFAULT_TRAIN_OPTIONS, lexicon }));
    const held = core.layoutForScoring(sentences.slice(a, b));
    const fs = core.scoreEntities(held, held.map((f) => core.tagEntities(f.text, foldModel)));
    for (const x of ['tp', 'fp', 'fn']) total[x] += fs.micro[x];
    folds.push(fs.micro.f1.toFixed(3));
  }
  console.log(`${K}-fold cross-validation over train.txt: micro-F1 ${(2 * total.tp / (2 * total.tp + total.fp + total.fn)).toFixed(3)} (folds ${folds.join(' ')})`);
}

/** UTF-16 offset → code point offset (the sidecar and the scorer count code points). */
function codePointIndex(text) {
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff)) cp++;
  }
  map[text.length] = cp;
  return (i) => map[i];
}
