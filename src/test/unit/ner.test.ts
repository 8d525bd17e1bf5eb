// Offline NER: tokeniser offsets on the real seed dumps, the shipped model on seed 000, proclitics
// left out of suggested spans, the dev-split F1 floor of test-floors.json, and byte-identical
// retraining. Plain Node: no `vscode` import.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConll, splitTrainDev } from '../../core/ner/conll';
import { FEATURE_VERSION } from '../../core/ner/features';
import { compileLexicon, matchLexicon, maskNames, type LexiconData } from '../../core/ner/lexicon';
import { loadNerModel, serializeNerModel, type NerModel, type NerModelFile } from '../../core/ner/nerModel';
import { layoutForScoring, scoreEntities } from '../../core/ner/nerScore';
import { foldForeign, normalizeWord, splitClitics } from '../../core/ner/normalize';
import { tagEntities } from '../../core/ner/tagger';
import { sentenceRanges, tokenize } from '../../core/ner/tokenize';
import { DEFAULT_TRAIN_OPTIONS, learnedNames, trainNer } from '../../core/ner/training';
import { repoRoot, sharedDir } from './seedCorpus';

const ROOT = repoRoot();
const SHARED = sharedDir();
const SEEDS = join(SHARED, 'corpus', 'seeds');
const ANERCORP = join(SHARED, 'data', 'anercorp', 'train.txt');
const SEED_000 = '000_4cb1cd4800d685dd.txt';

const readShared = (path: string) => {
  assert.ok(existsSync(path), `${path} missing: set ANA_SHARED to the shared/ folder`);
  return readFileSync(path, 'utf8');
};
const modelFile = (name: string) => JSON.parse(readFileSync(join(ROOT, 'models', name), 'utf8')) as NerModelFile;

let shipped: NerModel | undefined;
const model = () => (shipped ??= loadNerModel(modelFile('ner-model.json')));

describe('NER: normalisation and lexicon', () => {
  it('folds the spelling variants of one foreign name together', () => {
    assert.equal(foldForeign(normalizeWord('شويجو')), foldForeign(normalizeWord('شويغو')));
    assert.equal(foldForeign(normalizeWord('البنتاجون')), foldForeign(normalizeWord('البنتاغون')));
    assert.equal(normalizeWord('كيرى'), normalizeWord('كيري'));
    assert.equal(normalizeWord('أشتون'), 'اشتون');
    assert.equal(normalizeWord('عاماً'), 'عاما');
  });

  it('splits proclitics and the article off for features', () => {
    assert.deepEqual(splitClitics(normalizeWord('وبالقاهرة')), { prefix: 'وب', article: true, stem: 'قاهره', deepStem: 'قاهره' });
    assert.deepEqual(splitClitics(normalizeWord('للأمم')), { prefix: 'ل', article: true, stem: 'امم', deepStem: 'امم' });
    assert.deepEqual(splitClitics('وكارتر'), { prefix: 'و', article: false, stem: 'كارتر', deepStem: 'ارتر' });
    assert.deepEqual(splitClitics('وبواشنطن'), { prefix: 'و', article: false, stem: 'بواشنطن', deepStem: 'واشنطن' });
    assert.equal(splitClitics('من').stem, 'من');
  });

  it('matches multi-word names through the proclitics of their first word', () => {
    const data: LexiconData = { PER: ['سيرغي شويغو'], LOC: ['القاهره', 'الولايات المتحده'], ORG: [], MISC: [], FIRST: [] };
    const lex = compileLexicon(data);
    const words = ['وبالقاهرة', 'وفي', 'الولايات', 'المتحدة', 'التقى', 'سيرجي', 'شويجو'].map(normalizeWord);
    const m = matchLexicon(lex, words);
    assert.deepEqual(maskNames(m[2].begin), ['LOC']);
    assert.deepEqual(maskNames(m[3].inside), ['LOC']);
    // وبالقاهرة is known only once its proclitics are cut; شويجو only by folding, as a surname.
    assert.deepEqual(maskNames(m[0].wordStripped), ['LOC']);
    assert.deepEqual(maskNames(m[6].wordFolded), ['LAST']);
    assert.deepEqual(maskNames(m[5].wordFolded), ['FIRST']);
  });
});

describe('NER: names learned from the training data', () => {
  it('lists tagged names with the proclitics of the first word cut and the article kept', () => {
    const data = learnedNames([
      { tokens: ['قال', 'وكارتر', 'في', 'بالقاهرة', 'إن', 'الأمم', 'المتحدة'], tags: ['O', 'B-PER', 'O', 'B-LOC', 'O', 'B-ORG', 'I-ORG'] },
    ]);
    assert.deepEqual(data.PER, ['كارتر']);
    assert.deepEqual(data.LOC, ['القاهره']);
    assert.deepEqual(data.ORG, ['الامم المتحده']);
  });

  it('ships them in the model, matched by features of their own', () => {
    const file = modelFile('ner-model.json');
    assert.ok((file.learned?.PER.length ?? 0) > 500, 'models/ner-model.json has no learned names: npm run train:ner');
    assert.ok(model().learned?.phrases.has('الامم المتحده'));
    assert.ok(Object.keys(file.weights).some((f) => f.startsWith('tw=')));
  });
});

describe('NER: tokenisation with UTF-16 offsets', () => {
  const seeds = existsSync(SEEDS) ? readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort() : [];

  it('finds the five seed articles', () => assert.equal(seeds.length, 5, `seeds missing at ${SEEDS}: set ANA_SHARED to the shared/ folder`));

  it('gives tokens that are exact, ordered slices of each seed and skip only spaces', () => {
    for (const name of seeds) {
      const text = readShared(join(SEEDS, name));
      const tokens = tokenize(text);
      assert.ok(tokens.length > 100, name);
      let last = 0;
      for (const t of tokens) {
        assert.equal(text.slice(t.start, t.end), t.text, `${name} @${t.start}`);
        assert.ok(t.start >= last, `${name}: tokens overlap at ${t.start}`);
        assert.match(text.slice(last, t.start), /^[\s\p{Cf}]*$/u, `${name}: something other than space skipped before ${t.start}`);
        last = t.end;
      }
      assert.match(text.slice(last), /^[\s\p{Cf}]*$/u);
      const ranges = sentenceRanges(text, tokens);
      assert.equal(ranges[0][0], 0);
      assert.equal(ranges[ranges.length - 1][1], tokens.length);
    }
  });

  it('keeps clitics on words and splits punctuation, quote marks and slashes off', () => {
    const text = readShared(join(SEEDS, SEED_000));
    const texts = tokenize(text).map((t) => t.text);
    const at = (needle: string) => {
      const start = text.indexOf(needle);
      assert.ok(start >= 0, needle);
      return tokenize(text.slice(start, start + needle.length)).map((t) => t.text);
    };
    assert.ok(texts.includes('وكارتر'));
    assert.deepEqual(at('سبتمبر/أيلول،'), ['سبتمبر', '/', 'أيلول', '،']);
    assert.deepEqual(at('(البنتاغون)'), ['(', 'البنتاغون', ')']);
    assert.deepEqual(at('“داعش”'), ['“', 'داعش', '”']);
    assert.deepEqual(tokenize('بـ”المهنية 18.5 مليون'), [
      { text: 'بـ', start: 0, end: 2 }, { text: '”', start: 2, end: 3 }, { text: 'المهنية', start: 3, end: 10 },
      { text: '18.5', start: 11, end: 15 }, { text: 'مليون', start: 16, end: 21 },
    ]);
    // Astral characters keep UTF-16 offsets right.
    assert.deepEqual(tokenize('😀 كارتر').map((t) => [t.text, t.start]), [['😀', 0], ['كارتر', 3]]);
  });
});

describe('NER: the shipped model', function () {
  this.timeout(20000);

  it('loads, and refuses a model trained with other features', () => {
    const file = modelFile('ner-model.json');
    assert.equal(file.featureVersion, FEATURE_VERSION, 'models/ner-model.json is stale: npm run train:ner');
    assert.ok(model().first.weights.size > 1000);
    assert.throws(() => loadNerModel({ ...file, featureVersion: FEATURE_VERSION + 1 }), /retrain/);
    assert.throws(() => loadNerModel({ format: 'other' }), /not an NER model/);
  });

  it('finds the ministers and the country of seed 000, with spans that match their text', () => {
    const text = readShared(join(SEEDS, SEED_000));
    const found = tagEntities(text, model());
    for (const e of found) {
      assert.equal(text.slice(e.start, e.end), e.text);
      assert.ok(e.confidence > 0 && e.confidence <= 1, `${e.text}: confidence ${e.confidence}`);
    }
    const has = (label: string, name: string) => found.some((e) => e.label === label && e.text === name);
    assert.ok(has('PER', 'سيرغي شويغو'), 'سيرغي شويغو (PER)');
    assert.ok(has('PER', 'أشتون كارتر'), 'أشتون كارتر (PER)');
    assert.ok(has('LOC', 'سوريا'), 'سوريا (LOC)');
    const mistakes = found.filter((e) => ['شويغو', 'كارتر', 'كيري', 'سوريا', 'روسيا'].includes(e.text) && e.label !== (e.text.endsWith('يا') ? 'LOC' : 'PER'));
    assert.deepEqual(mistakes, []);
  });

  it('leaves proclitics out of suggested spans, and keeps them on request', () => {
    const text = readShared(join(SEEDS, SEED_000));
    const needle = 'بين شويغو وكارتر';
    const at = text.indexOf(needle) + needle.indexOf('وكارتر');
    const near = (opts: { keepProclitics?: boolean }) => tagEntities(text, model(), opts).find((e) => e.end === at + 'وكارتر'.length);
    assert.equal(near({})?.text, 'كارتر');
    assert.equal(near({})?.start, at + 1);
    assert.equal(near({ keepProclitics: true })?.text, 'وكارتر');
    // The article stays, a name the lexicon knows is not cut, and prepositions go before the article.
    const sample = 'وصل وزير الدفاع الأمريكي أشتون كارتر إلى لبنان وبالقاهرة التقى وليد جنبلاط ثم زار البنتاغون بين موسكو وواشنطن.';
    const texts = tagEntities(sample, model()).map((e) => e.text);
    assert.ok(texts.includes('لبنان'), texts.join(' | '));
    assert.ok(texts.includes('القاهرة'), texts.join(' | '));
    assert.ok(texts.includes('واشنطن'), texts.join(' | '));
    assert.ok(!texts.some((t) => t.startsWith('ليد')), texts.join(' | '));
  });
});

describe('NER: quality and reproducibility', function () {
  this.timeout(60000);

  it('keeps entity micro-F1 on the dev split above the floor in test-floors.json', () => {
    const floor = (JSON.parse(readFileSync(join(ROOT, 'test-floors.json'), 'utf8')) as { ner: { devF1: number } }).ner.devF1;
    // The dev model was trained without the dev split; the shipped model was not.
    const dev = splitTrainDev(parseConll(readShared(ANERCORP))).dev;
    const devModel = loadNerModel(modelFile('ner-model.dev.json'));
    const files = layoutForScoring(dev);
    const score = scoreEntities(files, files.map((f) => tagEntities(f.text, devModel)));
    assert.ok(score.micro.f1 >= floor, `dev micro-F1 ${score.micro.f1.toFixed(3)} fell below the floor ${floor}`);
  });

  it('trains byte-identical models from the same data', () => {
    const sentences = parseConll(readShared(ANERCORP)).slice(0, 150);
    const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: 3, folds: 2, lexicon: modelFile('ner-model.json').lexicon };
    const a = serializeNerModel(trainNer(sentences, options));
    const b = serializeNerModel(trainNer(sentences, options));
    assert.ok(a.length > 10000);
    assert.equal(a, b);
    // …and the result is a working model.
    const tiny = loadNerModel(a);
    assert.ok(Array.isArray(tagEntities('قال الرئيس جورج بوش في واشنطن .', tiny)));
  });
});
