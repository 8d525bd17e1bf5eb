// Shared by the NER scripts: bundles the TypeScript NER core (src/core/ner) with esbuild and loads it,
// so training, evaluation and the extension run the very same feature code. Also finds the shared
// data directory and reads the licence-compatible name lists.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = process.env.ANA_SHARED ? resolve(process.env.ANA_SHARED) : resolve(repoRoot, '..', 'shared');
export const modelsDir = join(repoRoot, 'models');

/** The NER core as a CommonJS module, bundled to .cache/ (git-ignored). */
export async function loadNerCore() {
  const outfile = join(repoRoot, '.cache', 'ner', `ner-core-${process.pid}.cjs`);
  const modules = ['training', 'conll', 'nerModel', 'lexicon', 'nerScore', 'tagger', 'tokenize', 'normalize', 'features'];
  await build({
    stdin: { contents: modules.map((m) => `export * from './src/core/ner/${m}';`).join('\n'), resolveDir: repoRoot, loader: 'ts' },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning',
  });
  const core = createRequire(import.meta.url)(outfile);
  rmSync(outfile, { force: true }); // loaded: the per-process file is not needed any more
  return core;
}

export function readAnercorp(core) {
  const path = join(sharedDir, 'data', 'anercorp', 'train.txt');
  if (!existsSync(path)) throw new Error(`ANERcorp not found at ${path} (set ANA_SHARED to the shared directory)`);
  return core.parseConll(readFileSync(path, 'utf8'));
}

const lines = (path) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim());

/** Kind words that world-cities prefixes to some names (ولاية قندهار); the bare name is listed too. */
const CITY_PREFIX = /^(ولاية|محافظة|مدينة|منطقة|إقليم|مقاطعة|بلدية|جزيرة)\s+/;

/**
 * Raw entries of the name lists whose licences allow shipping them inside the model file:
 * NERAr (BSD-2), arabic-names (MIT), world-cities-translations (CC BY 4.0).
 * ANERgazet and ANETAC (research use, no licence) are deliberately not read.
 */
export function readShippableGazetteers() {
  const g = join(sharedDir, 'data', 'gazetteers');
  const entries = [];
  const counts = {};
  const add = (source, cls, name) => { entries.push({ cls, name }); counts[source] = (counts[source] ?? 0) + 1; };
  for (const [file, cls] of [['PERS', 'PER'], ['LOC', 'LOC'], ['ORG', 'ORG']]) {
    for (const l of lines(join(g, 'nerar', 'arabic_script', `dico-mono-${file}.ar.txt`))) add('nerar', cls, l);
    for (const l of lines(join(g, 'nerar', 'arabic_script', `dico-bi-ar-fr.${file}.ar.txt`))) add('nerar', cls, l.split('\t')[0]);
  }
  for (const f of ['male-first--names-in-arabic.txt', 'female-first-names-in-arabic.txt']) {
    for (const l of lines(join(g, 'arabic_names', f))) add('arabic_names', 'FIRST', l);
  }
  for (const l of lines(join(g, 'arabic_names', 'last-names-in-arabic.txt'))) add('arabic_names', 'PER', l);
  const csv = lines(join(g, 'world_cities_ar', 'world-cities.csv')).slice(1);
  for (const row of csv) {
    const cols = [...row.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]);
    for (const name of [cols[0], cols[2]]) {
      if (!name) continue;
      add('world_cities_ar', 'LOC', name);
      if (CITY_PREFIX.test(name)) add('world_cities_ar', 'LOC', name.replace(CITY_PREFIX, ''));
    }
  }
  return { entries, counts };
}
