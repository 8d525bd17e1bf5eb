import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeArabic } from '../../core/arabicNormalize';
import type { Anchored } from '../../core/model';
import { align, reanchor } from '../../core/reanchor';
import { readSeed, seedNames } from './seedCorpus';

const SEED = '003_83f8822d896d3ab0.txt';

function item(id: string, text: string, start: number, end = start + text.length): Anchored {
  return { id, start, end, text, anchor: 'ok', extra: {} };
}

/** Annotations on every occurrence of each needle (ids e1, e2, … in document order). */
function annotate(text: string, needles: string[]): Anchored[] {
  const found: Array<{ start: number; text: string }> = [];
  for (const n of needles) {
    for (let at = text.indexOf(n); at >= 0; at = text.indexOf(n, at + 1)) found.push({ start: at, text: n });
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((f, i) => item(`e${i + 1}`, f.text, f.start));
}

/** Where an old offset is after replacing [from, to) by `by`. */
function moveOffset(p: number, from: number, to: number, by: string): number {
  return p >= to ? p + by.length - (to - from) : p;
}

function checkCovers(items: Anchored[], text: string): void {
  for (const it of items) if (it.anchor !== 'unanchored') assert.equal(text.slice(it.start, it.end), it.text, `${it.id} covers its text`);
}

describe('re-finding annotations in a changed article (reanchor)', () => {
  let article = '';
  const NAMES = ['كيري', 'عبدالله بن زايد آل نهيان', 'بشار الأسد', 'اللاذقية', 'البنتاجون', 'أوكرانيا', 'القرم'];
  before(function () {
    assert.ok(seedNames().includes(SEED), `seed ${SEED} missing: set ANA_SHARED to the shared/ folder`);
    article = readSeed(SEED);
  });

  it('leaves annotations alone when the text at their position is still theirs', () => {
    const items = annotate(article, NAMES);
    const before = structuredClone(items);
    const outcome = reanchor(items, article);
    assert.deepEqual(items, before);
    assert.deepEqual(outcome, { moved: 0, edited: [], unanchored: [], changed: false });
  });

  it('puts a name tagged four times back on four distinct occurrences, in order, after text was added before and between', () => {
    const items = annotate(article, NAMES);
    const kerry = items.filter((i) => i.text === 'كيري');
    assert.equal(kerry.length, 4);
    const headline = 'عاجل | ';
    const para = article.indexOf('وتعارض الولايات المتحدة');
    const inserted = 'وكانت واشنطن قد أعلنت الأسبوع الماضي عن مراجعة شاملة لسياستها.\n\n';
    // A re-scrape: a prefix, a new paragraph in the middle, new related headlines at the end naming كيري again.
    const changed = headline + article.slice(0, para) + inserted + article.slice(para) + '\nكيري يلتقي لافروف في نيويورك\n';
    const expected = items.map((i) => i.start + headline.length + (i.start >= para ? inserted.length : 0));

    const outcome = reanchor(items, changed);
    assert.deepEqual(items.map((i) => i.start), expected);
    assert.ok(items.every((i) => i.anchor === 'ok'));
    assert.equal(outcome.moved, items.length);
    assert.deepEqual(outcome.unanchored, []);
    checkCovers(items, changed);
  });

  it('flags the annotation whose text was deleted and keeps the others on their own occurrences', () => {
    const items = annotate(article, NAMES);
    const from = article.indexOf('وقال كيري أن');
    const to = article.indexOf('وتعارض الولايات المتحدة');
    const changed = article.slice(0, from) + article.slice(to);
    const lost = items.find((i) => i.start >= from && i.start < to)!;
    const expected = items.map((i) => moveOffset(i.start, from, to, ''));

    const outcome = reanchor(items, changed);
    assert.deepEqual(outcome.unanchored, [lost.id]);
    assert.equal(lost.anchor, 'unanchored');
    assert.equal(lost.text, 'كيري', 'its text is kept so that it can be re-found');
    assert.equal(lost.start, lost.end);
    assert.ok(Math.abs(lost.start - from) < 20, 'collapsed near where it was');
    items.filter((i) => i !== lost).forEach((i) => assert.equal(i.start, expected[items.indexOf(i)], i.id));
    assert.equal(items.length, annotate(article, NAMES).length, 'nothing dropped');
  });

  it('follows a CRLF conversion, re-finding a quotation that spans paragraphs by ignoring the line-ending change', () => {
    const items = annotate(article, NAMES);
    const qStart = article.indexOf('تركيزنا لا يزال');
    const qEnd = article.indexOf('مع روسيا.', qStart) + 'مع روسيا'.length; // two paragraphs
    const quote = item('q1', article.slice(qStart, qEnd), qStart, qEnd);
    assert.ok(quote.text.includes('\n\n'));
    const all = [...items, quote];
    const crlf = article.replace(/\n/g, '\r\n');
    const linesBefore = (p: number) => article.slice(0, p).split('\n').length - 1;
    const expected = all.map((i) => i.start + linesBefore(i.start));

    const outcome = reanchor(all, crlf);
    assert.deepEqual(all.map((i) => i.start), expected);
    assert.ok(all.every((i) => i.anchor === 'ok'), 'a line-ending change is no edit');
    assert.equal(quote.text, crlf.slice(quote.start, quote.end));
    assert.ok(quote.text.includes('\r\n\r\n'));
    assert.deepEqual(outcome.edited, []);
    checkCovers(all, crlf);
  });

  it('re-finds a respaced name exactly (ok) and a respelled one by normalised match (edited, text updated)', () => {
    const minister = item('e1', 'وزير الخارجية الأمريكي', article.indexOf('وزير الخارجية الأمريكي'));
    const obama = item('e2', 'باراك أوباما', article.indexOf('باراك أوباما'));
    const sheikh = item('e3', 'عبدالله بن زايد آل نهيان', article.indexOf('عبدالله بن زايد'));
    const changed = '\n' + article
      .replace('باراك أوباما', 'باراك\u00a0 أوباما')
      .replaceAll('الأمريكي', 'الأمريكى')
      .replace('بن زايد', 'بن زايـد');
    const outcome = reanchor([minister, obama, sheikh], changed);
    assert.equal(obama.text, 'باراك\u00a0 أوباما');
    assert.equal(obama.anchor, 'ok');
    assert.equal(minister.text, 'وزير الخارجية الأمريكى');
    assert.equal(minister.anchor, 'edited');
    assert.equal(minister.start, article.indexOf('وزير الخارجية الأمريكي') + 1, 'the first of its two occurrences, nearest its old place');
    assert.equal(sheikh.text, 'عبدالله بن زايـد آل نهيان');
    assert.deepEqual(outcome.edited.sort(), ['e1', 'e3']);
    checkCovers([minister, obama, sheikh], changed);
  });

  it('uses the old length to scale positions when there is no other context (CRLF of a repetitive text)', () => {
    const old = 'قال كيري\n'.repeat(10);
    const crlf = old.replace(/\n/g, '\r\n');
    const seventh = 6 * 9 + 4;
    const a = item('e1', 'كيري', seventh);
    reanchor([a], crlf, { oldLength: old.length });
    assert.equal(a.start, 6 * 10 + 4);
    const b = item('e1', 'كيري', seventh);
    reanchor([b], crlf);
    assert.equal(b.start, 5 * 10 + 4, 'without it, the nearest occurrence to the old offset');
  });

  it('handles emoji around and inside annotations, and combining marks in them', () => {
    const old = '😀 قال كيري 😀 ثم قال مُحَمَّد 👍🏽';
    const items = [item('e1', 'كيري 😀', old.indexOf('كيري')), item('e2', 'مُحَمَّد 👍🏽', old.indexOf('مُحَمَّد'))];
    const changed = '🇸🇦😀 ' + old.replace('مُحَمَّد', 'محمد');
    reanchor(items, changed);
    assert.equal(items[0].start, old.indexOf('كيري') + '🇸🇦😀 '.length);
    assert.equal(items[0].anchor, 'ok');
    assert.equal(items[1].text, 'محمد 👍🏽');
    assert.equal(items[1].anchor, 'edited');
    checkCovers(items, changed);
  });

  it('re-anchors an annotation that was unanchored once its text is back, and keeps shared spans shared', () => {
    const latakia = article.indexOf('اللاذقية');
    const lost: Anchored = { ...item('e1', 'اللاذقية', 0, 0), anchor: 'unanchored' };
    const twinA = item('e2', 'بشار الأسد', 5);
    const twinB = { ...item('q1', 'بشار الأسد', 5) };
    const outcome = reanchor([lost, twinA, twinB], article);
    assert.equal(lost.anchor, 'ok');
    assert.equal(lost.start, latakia);
    assert.equal(twinA.start, twinB.start);
    assert.equal(outcome.moved, 3);
  });

  it('keeps an annotation that cannot be found, flagged, never dropped', () => {
    const items = [item('e1', 'سيرغي لافروف', 100), item('e2', '', 3, 3)];
    const outcome = reanchor(items, article);
    assert.deepEqual(outcome.unanchored, ['e1', 'e2']);
    assert.ok(items.every((i) => i.anchor === 'unanchored' && i.start === i.end));
    assert.equal(items[0].text, 'سيرغي لافروف');
  });

  it('does not keep a short text that sits at its old offset only by chance after the article moved', () => {
    const x = article.indexOf('الجوية في سوريا') + 'الجوية '.length;
    const latakia = article.indexOf('اللاذقية');
    const q = article.lastIndexOf(' في ', latakia) + 1; // an earlier في, before the landmark اللاذقية
    const d = x - q;
    const changed = '*'.repeat(d) + article; // so that the old offset of our في now holds the earlier one
    assert.equal(changed.slice(x, x + 2), 'في');
    const items = [...annotate(article, NAMES), item('f1', 'في', x)];
    const old = items.map((i) => i.start);
    reanchor(items, changed);
    assert.ok(items.every((i) => i.anchor === 'ok'));
    assert.equal(items.find((i) => i.id === 'f1')!.start, x + d);
    assert.deepEqual(items.map((i) => i.start - d), old, 'every annotation moved with the text');
  });

  it('aligns monotonically, placing as many as possible, nearest first', () => {
    assert.deepEqual([...align([10, 20, 30], [9, 12, 21, 29, 40])], [0, 2, 3]);
    assert.deepEqual([...align([10, 20, 30], [19])], [-1, 0, -1]);
    assert.deepEqual([...align([10, 11], [100, 200])], [0, 1], 'distinct even when both prefer the first');
    assert.deepEqual([...align([], [1])], []);
  });

  describe('properties', () => {
    it('align places as many as a brute force does, at no greater total distance, in increasing order', () => {
      const sorted = (max: number) => fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: max }).map((a) => a.sort((x, y) => x - y));
      fc.assert(fc.property(sorted(5), sorted(6), (expected, positions) => {
        const choice = [...align(expected, positions)];
        const used = choice.filter((j) => j >= 0);
        used.forEach((j, i) => { if (i > 0) assert.ok(j > used[i - 1], 'strictly increasing'); });
        const cost = (c: number[]) => c.reduce((s, j, i) => s + (j >= 0 ? Math.abs(positions[j] - expected[i]) : 0), 0);
        // Brute force over every increasing partial assignment.
        let best = { n: -1, d: Infinity };
        const walk = (i: number, from: number, acc: number[]): void => {
          if (i === expected.length) {
            const n = acc.filter((j) => j >= 0).length, d = cost(acc);
            if (n > best.n || (n === best.n && d < best.d)) best = { n, d };
            return;
          }
          walk(i + 1, from, [...acc, -1]);
          for (let j = from; j < positions.length; j++) walk(i + 1, j + 1, [...acc, j]);
        };
        walk(0, 0, []);
        assert.equal(used.length, best.n);
        assert.equal(cost(choice), best.d);
      }), { numRuns: 300 });
    });

    const TOKENS = ['ك', 'ي', 'ر', 'ا', 'أ', 'ة', ' ', ' ', '\n', '😀', 'a'];
    const tokens = (max: number) => fc.array(fc.constantFrom(...TOKENS), { maxLength: max }).map((a) => a.join(''));
    const scenario = fc.record({
      text: tokens(60),
      spans: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 })), { minLength: 1, maxLength: 8 }),
      inserts: fc.array(fc.tuple(fc.nat(), tokens(8)), { maxLength: 5 }),
      withLength: fc.boolean(),
    });
    const isSpace = (c: string) => /\s/.test(c);

    function cpBoundaries(text: string): number[] {
      const b = [0];
      for (let i = 1; i <= text.length; i++) if (i === text.length || !((text.charCodeAt(i - 1) & 0xfc00) === 0xd800 && (text.charCodeAt(i) & 0xfc00) === 0xdc00)) b.push(i);
      return b;
    }
    /** Spans on code-point boundaries that neither start nor end with whitespace (as tagging trims them). */
    function makeItems(text: string, spans: Array<[number, number]>): Anchored[] {
      const b = cpBoundaries(text);
      return spans.flatMap(([p, q], i) => {
        const si = p % b.length, ei = Math.min(b.length - 1, si + 1 + q);
        const t = text.slice(b[si], b[ei]);
        if (ei <= si || isSpace(t[0]) || isSpace(t[t.length - 1])) return [];
        return [item(`e${i + 1}`, t, b[si], b[ei])];
      });
    }
    function checkDistinct(before: Anchored[], items: Anchored[]): void {
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const sameOld = before[i].start === before[j].start && before[i].end === before[j].end;
          if (before[i].text === before[j].text && !sameOld) assert.notEqual(items[i].start, items[j].start, `${items[i].id} and ${items[j].id} on distinct occurrences`);
          if (sameOld) assert.equal(items[i].start, items[j].start);
        }
      }
    }

    it('finds every annotation on its text after random text is inserted before and after spans', () => {
      fc.assert(fc.property(scenario, ({ text, spans, inserts, withLength }) => {
        const items = makeItems(text, spans);
        const before = structuredClone(items);
        // Insert only at code-point boundaries that are not strictly inside any span.
        const free = cpBoundaries(text).filter((p) => items.every((i) => p <= i.start || p >= i.end));
        let changed = text;
        for (const [p, ins] of [...inserts].map(([p, ins]) => [free[p % free.length], ins] as const).sort((x, y) => y[0] - x[0])) {
          changed = changed.slice(0, p) + ins + changed.slice(p);
        }
        const outcome = reanchor(items, changed, withLength ? { oldLength: text.length } : {});
        assert.equal(items.length, before.length);
        assert.deepEqual(outcome.unanchored, []);
        items.forEach((it, i) => {
          assert.equal(it.anchor, 'ok');
          assert.equal(it.text, before[i].text);
          assert.equal(changed.slice(it.start, it.end), it.text);
        });
        checkDistinct(before, items);
      }), { numRuns: 500 });
    });

    it('finds every annotation after a CRLF conversion, covering the same text up to line endings', () => {
      fc.assert(fc.property(scenario, ({ text, spans, withLength }) => {
        const items = makeItems(text, spans);
        const before = structuredClone(items);
        const crlf = text.replace(/\n/g, '\r\n');
        reanchor(items, crlf, withLength ? { oldLength: text.length } : {});
        const collapse = (s: string) => s.replace(/\s+/g, ' ');
        items.forEach((it, i) => {
          assert.equal(it.anchor, 'ok');
          assert.equal(crlf.slice(it.start, it.end), it.text);
          assert.equal(collapse(it.text), collapse(before[i].text));
        });
        checkDistinct(before, items);
      }), { numRuns: 500 });
    });

    it('finds every annotation after diacritics and tatweel are sprinkled through the text, by normalised match', () => {
      const marks = fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u064E', '\u064B', '\u0651', 'ـ')), { maxLength: 6 });
      fc.assert(fc.property(scenario, marks, ({ text, spans }, adds) => {
        const items = makeItems(text, spans);
        const before = structuredClone(items);
        // Marks go after a letter (where a writer puts them), never inside a surrogate pair.
        const letters = cpBoundaries(text).filter((p) => p > 0 && /\p{L}/u.test(text[p - 1]));
        if (letters.length === 0) return;
        let changed = text;
        for (const [p, m] of adds.map(([p, m]) => [letters[p % letters.length], m] as const).sort((x, y) => y[0] - x[0])) {
          changed = changed.slice(0, p) + m + changed.slice(p);
        }
        reanchor(items, changed);
        items.forEach((it, i) => {
          assert.notEqual(it.anchor, 'unanchored', `${it.id} found`);
          assert.equal(changed.slice(it.start, it.end), it.text);
          // Stage 3 and 4 also ignore whitespace differences.
          const form = (t: string) => normalizeArabic(t).replace(/\s+/g, ' ');
          assert.equal(form(it.text), form(before[i].text));
          const spaced = (t: string) => t.replace(/\s+/g, ' ');
          if (spaced(it.text) !== spaced(before[i].text)) assert.equal(it.anchor, 'edited', 'found only by normalising: edited');
        });
      }), { numRuns: 500 });
    });
  });
});
