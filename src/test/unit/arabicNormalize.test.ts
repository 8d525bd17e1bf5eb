import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeArabic, normalizeWithMap, type ArabicNormalizeOptions } from '../../core/arabicNormalize';
import { readSeed, seedNames } from './seedCorpus';

/** Where `needle` (normalised) occurs in the normalised `text`, as an original span and its text. */
function findNormalized(text: string, needle: string, options?: ArabicNormalizeOptions): { start: number; end: number; original: string } | undefined {
  const n = normalizeWithMap(text, options);
  const at = n.normalized.indexOf(normalizeArabic(needle, options));
  if (at < 0) return undefined;
  const start = n.toOriginal(at), end = n.toOriginal(at + normalizeArabic(needle, options).length);
  return { start, end, original: text.slice(start, end) };
}

describe('Arabic normalisation for matching (arabicNormalize)', () => {
  let seeds: Map<string, string>;
  before(function () {
    const names = seedNames();
    assert.equal(names.length, 5, 'the five seed articles: set ANA_SHARED to the shared/ folder');
    seeds = new Map(names.map((n) => [n.slice(0, 3), readSeed(n)]));
  });

  it('removes diacritics, Quranic marks, dagger alef and tatweel', () => {
    assert.equal(normalizeArabic('مُحَمَّدٌ'), 'محمد');
    assert.equal(normalizeArabic('هٰذا'), 'هذا');
    assert.equal(normalizeArabic('كـــيري'), 'كيري');
    assert.equal(normalizeArabic('ذٰلِكَ ۖ'), 'ذلك ');
    assert.equal(normalizeArabic('\u0610ب\u061a'), 'ب');
  });

  it('unifies alef forms, alef maqsura, teh marbuta, Persian yeh and keheh', () => {
    assert.equal(normalizeArabic('أإآٱا'), 'ااااا');
    assert.equal(normalizeArabic('التى على'), 'التي علي');
    assert.equal(normalizeArabic('وزارة'), 'وزاره');
    assert.equal(normalizeArabic('کیری'), 'كيري');
    assert.equal(normalizeArabic('الأمريكى'), normalizeArabic('الامريكي'));
  });

  it('turns Arabic-Indic and Persian digits into Western ones (unless asked not to)', () => {
    assert.equal(normalizeArabic('١٨ سبتمبر ۲۰۱۵'), '18 سبتمبر 2015');
    assert.equal(normalizeArabic('١٨', { foldDigits: false }), '١٨');
  });

  it('drops invisible marks that scraped pages put inside words', () => {
    assert.equal(normalizeArabic('كي\u200fري\u200c \ufeffداعش\u00ad'), 'كيري داعش');
  });

  it('folds the foreign g (ج غ ق ك) only when asked', () => {
    assert.notEqual(normalizeArabic('شويجو'), normalizeArabic('شويغو'));
    const g = { foldForeignG: true };
    assert.equal(normalizeArabic('شويجو', g), normalizeArabic('شويغو', g));
    assert.equal(normalizeArabic('البنتاجون', g), normalizeArabic('البنتاغون', g));
  });

  it('leaves other text, emoji and lone surrogates alone, returning the same string when nothing changes', () => {
    const latin = 'Pentagon 😀 \uD800 x';
    assert.equal(normalizeArabic(latin), latin);
    const n = normalizeWithMap(latin);
    assert.equal(n.normalized, latin);
    assert.equal(n.toOriginal(7), 7);
    assert.equal(normalizeArabic('😀أ😀'), '😀ا😀');
  });

  it('matches Egyptian spelling against Levantine in the real seeds (002 vs 000)', () => {
    const g = { foldForeignG: true };
    const egyptian = seeds.get('002')!;
    for (const name of ['سيرغي شويغو', 'البنتاغون', 'الأمريكي']) {
      const hit = findNormalized(egyptian, name, g);
      assert.ok(hit, `${name} found in 002`);
      assert.equal(normalizeArabic(hit.original, g), normalizeArabic(name, g));
    }
    assert.equal(findNormalized(egyptian, 'سيرغي شويغو', g)!.original, 'سيرجى شويجو');
    assert.equal(findNormalized(egyptian, 'سيرغي شويغو'), undefined, 'not without the option');
  });

  it('maps a match back to exact original offsets, taking in the diacritics that trail the word', () => {
    const text = seeds.get('002')!;
    const hit = findNormalized(text, 'شاهد ايضا')!;
    assert.equal(hit.original, 'شاهد أيضاً', 'the tanween after the last letter belongs to the word');
    assert.equal(text[hit.end], '\n');
    const month = findNormalized(text, 'شهرا')!;
    assert.equal(month.original, 'شهرًا');

    const t001 = seeds.get('001')!;
    assert.equal(findNormalized(t001, 'وصرح')!.original, 'وصرّح');
    assert.equal(findNormalized(t001, 'عرض موسكو')!.original, 'عرضِ موسكو', 'a kasra inside the match is kept');
    // The tatweel of 004's "بـ”المهنية" is not part of the quoted word.
    const t004 = seeds.get('004')!;
    const q = findNormalized(t004, 'المهنيه')!;
    assert.equal(t004.slice(q.start - 2, q.start), 'ـ”');
    assert.equal(q.original, 'المهنية');
  });

  it('maps start offsets past the marks of the letter before, and the end of the text to its end', () => {
    const text = 'بَّ كِتَابٌ ُ';
    const n = normalizeWithMap(text);
    assert.equal(n.normalized, 'ب كتاب ');
    assert.equal(n.toOriginal(0), 0);
    assert.equal(n.toOriginal(1), 3, 'after the marks of ب');
    assert.equal(n.toOriginal(2), 4);
    assert.equal(n.toOriginal(n.normalized.length), text.length);
    assert.throws(() => n.toOriginal(n.normalized.length + 1), RangeError);
    assert.throws(() => n.toOriginal(-1), RangeError);
  });

  it('normalises every seed article consistently with and without the map', () => {
    for (const text of seeds.values()) {
      const n = normalizeWithMap(text);
      assert.equal(n.normalized, normalizeArabic(text));
      assert.equal(n.toOriginal(n.normalized.length), text.length);
      assert.equal(normalizeArabic(n.normalized), n.normalized, 'idempotent');
    }
  });

  it('is fast enough for a 50 M character corpus', () => {
    const text = [...seeds.values()].join('\n').repeat(200); // ~3.7 M characters
    const t0 = process.hrtime.bigint();
    const n = normalizeWithMap(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(n.normalized.length > 0);
    // Generous bound (a few hundred ms on a laptop); guards against an accidental quadratic step.
    assert.ok(ms < 5000, `normalising ${text.length} characters took ${ms.toFixed(0)} ms`);
  });

  describe('properties', () => {
    const UNITS = ['ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ي', 'ة', 'ه', 'ك', 'ج', 'غ', 'ق', 'ـ', '\u064B', '\u0651', '\u0670', '\u06D6', '\u0610',
      '\u200F', '٣', '۷', ' ', '\n', 'a', '😀', '\uD83D', '\uDE00'];
    const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 60 }).map((a) => a.join(''));
    const opts = fc.record({ foldForeignG: fc.boolean(), foldDigits: fc.boolean() });

    it('maps any normalised slice back to an original slice that normalises to it', () => {
      fc.assert(fc.property(text, opts, fc.nat(), fc.nat(), (t, o, x, y) => {
        const n = normalizeWithMap(t, o);
        const len = n.normalized.length;
        const i = x % (len + 1), j = i + (y % (len - i + 1));
        const start = n.toOriginal(i), end = n.toOriginal(j);
        assert.ok(0 <= start && start <= end && end <= t.length);
        assert.equal(normalizeArabic(t.slice(start, end), o), n.normalized.slice(i, j));
        // A boundary between the halves of a pair maps only from one between the same halves.
        const splits = (s: string, k: number) => k > 0 && k < s.length && (s.charCodeAt(k - 1) & 0xfc00) === 0xd800 && (s.charCodeAt(k) & 0xfc00) === 0xdc00;
        if (!splits(n.normalized, i)) assert.ok(!splits(t, start));
      }), { numRuns: 1000 });
    });

    it('is monotonic, ends at the text length, agrees with normalizeArabic and is idempotent', () => {
      fc.assert(fc.property(text, opts, (t, o) => {
        const n = normalizeWithMap(t, o);
        assert.equal(n.normalized, normalizeArabic(t, o));
        assert.equal(normalizeArabic(n.normalized, o), n.normalized);
        assert.ok(n.normalized.length <= t.length);
        let prev = -1;
        for (let i = 0; i <= n.normalized.length; i++) {
          const p = n.toOriginal(i);
          assert.ok(p > prev, 'strictly increasing');
          prev = p;
        }
        assert.equal(n.toOriginal(n.normalized.length), t.length);
      }), { numRuns: 1000 });
    });
  });
});
