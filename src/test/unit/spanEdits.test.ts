import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Anchored, AnchorState, AnnotationSet, Entity } from '../../core/model';
import { applyEdits, applyEditsToSpans, type TextEdit } from '../../core/spanEdits';
import { readSeed, seedNames, spanOf } from './seedCorpus';

/** The text after applying one change event (ranges in the old text, any order). */
function applyText(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const ed of [...edits].sort((x, y) => y.start - x.start || y.end - x.end)) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end);
  return out;
}

function entity(id: string, text: string, needle: string, from = 0): Entity {
  const { start, end } = spanOf(text, needle, from);
  return { id, label: 'PER', start, end, text: needle, anchor: 'ok', extra: {} };
}

function span(item: Anchored): { start: number; end: number; text: string; anchor: AnchorState } {
  return { start: item.start, end: item.end, text: item.text, anchor: item.anchor };
}

/** Applies one event to the items and returns the new text, checking the invariant on the way. */
function change(items: Anchored[], text: string, edits: TextEdit[]) {
  const next = applyText(text, edits);
  const outcome = applyEditsToSpans(items, edits, next);
  for (const it of items) if (it.anchor !== 'unanchored') assert.equal(next.slice(it.start, it.end), it.text, `${it.id} covers its text`);
  return { next, outcome };
}

const SEED = '000_4cb1cd4800d685dd.txt';

describe('span updates under edits (spanEdits)', () => {
  let article = '';
  before(function () {
    assert.ok(seedNames().includes(SEED), `seed ${SEED} missing: set ANA_SHARED to the shared/ folder`);
    article = readSeed(SEED);
  });

  describe('on a real article', () => {
    it('shifts a span when text is inserted or deleted before it, and leaves it when the edit is after', () => {
      const e = entity('e1', article, 'أشتون كارتر');
      const at = article.indexOf('بحث وزير');
      const { next, outcome } = change([e], article, [{ start: at, end: at, text: 'عاجل: ' }]);
      assert.equal(e.start, article.indexOf('أشتون كارتر') + 'عاجل: '.length);
      assert.equal(e.anchor, 'ok');
      assert.deepEqual(outcome, { changed: true, moved: ['e1'], edited: [], unanchored: [] });

      const tail = next.indexOf('البنتاغون');
      const after = change([e], next, [{ start: tail, end: tail + 'البنتاغون'.length, text: 'البنتاجون' }]);
      assert.deepEqual(after.outcome, { changed: false, moved: [], edited: [], unanchored: [] });

      const del = next.indexOf('عاجل: ');
      change([e], next, [{ start: del, end: del + 'عاجل: '.length, text: '' }]);
      assert.deepEqual(span(e), { start: article.indexOf('أشتون كارتر'), end: article.indexOf('أشتون كارتر') + 11, text: 'أشتون كارتر', anchor: 'ok' });
    });

    it('does not grow a span when text is typed exactly at its start or its end', () => {
      const e = entity('e1', article, 'شويغو', article.indexOf('سيرغي'));
      const { start, end } = e;
      const r = change([e], article, [{ start, end: start, text: 'و' }]); // وشويغو: the proclitic stays outside
      assert.deepEqual(span(e), { start: start + 1, end: end + 1, text: 'شويغو', anchor: 'ok' });
      change([e], r.next, [{ start: end + 1, end: end + 1, text: 'ي' }]);
      assert.deepEqual(span(e), { start: start + 1, end: end + 1, text: 'شويغو', anchor: 'ok' });
    });

    it('lets a span grow or shrink with an edit strictly inside it, updating its text and marking it edited', () => {
      const q = entity('q1', article, 'سير الحديث أظهر تقارب وجهتي نظر الجانبين');
      const at = q.start + 'سير الحديث'.length;
      const r = change([q], article, [{ start: at, end: at, text: ' الهاتفي' }]);
      assert.deepEqual(span(q), { start: q.start, end: q.end, text: 'سير الحديث الهاتفي أظهر تقارب وجهتي نظر الجانبين', anchor: 'edited' });
      assert.deepEqual(r.outcome.edited, ['q1']);
      const w = r.next.indexOf(' تقارب');
      change([q], r.next, [{ start: w, end: w + ' تقارب'.length, text: '' }]);
      assert.equal(q.text, 'سير الحديث الهاتفي أظهر وجهتي نظر الجانبين');
      assert.equal(q.anchor, 'edited');
    });

    it('shrinks a span to what survives of its own text when an edit crosses one boundary', () => {
      const s = article.indexOf('حسبما أفادت وزارة');
      const e = entity('e1', article, 'وزارة الدفاع الروسية', s);
      const original = { ...e };
      // Replace "حسبما أفادت وزارة" (crossing the start) by new words: the span keeps what is left
      // of its own text, " الدفاع الروسية", and never takes in the new "وزارة".
      const L = 'كما قالت وزارة'.length;
      change([e], article, [{ start: s, end: s + 'حسبما أفادت وزارة'.length, text: 'كما قالت وزارة' }]);
      assert.deepEqual(span(e), { start: s + L, end: s + L + ' الدفاع الروسية'.length, text: ' الدفاع الروسية', anchor: 'edited' });

      // Crossing the end: "الروسية." → "الروسيه." keeps "وزارة الدفاع ال".
      const f = { ...original };
      const t = f.end - 'الروسية'.length;
      change([f], article, [{ start: t + 2, end: f.end + 1, text: 'روسيه.' }]);
      assert.deepEqual(span(f), { start: original.start, end: t + 2, text: 'وزارة الدفاع ال', anchor: 'edited' });
    });

    it('keeps a deleted annotation, unanchored and collapsed, with its old text; later edits never re-attach it', () => {
      const e = entity('e1', article, 'سيرغي شويغو');
      const p = article.indexOf('وزير الدفاع الروسي سيرغي شويغو');
      const r = change([e], article, [{ start: p, end: p + 'وزير الدفاع الروسي سيرغي شويغو'.length, text: 'الوزير' }]);
      assert.deepEqual(span(e), { start: p, end: p, text: 'سيرغي شويغو', anchor: 'unanchored' });
      assert.deepEqual(r.outcome, { changed: true, moved: ['e1'], edited: [], unanchored: ['e1'] });

      // Typing the name back at the same place does not bring the annotation back silently.
      const r2 = change([e], r.next, [{ start: p, end: p, text: 'سيرغي شويغو ' }]);
      assert.equal(e.anchor, 'unanchored');
      assert.equal(e.start, e.end);
      assert.deepEqual(r2.outcome.unanchored, []);
      // Its collapsed position still follows the text.
      change([e], r2.next, [{ start: 0, end: 0, text: 'x' }]);
      assert.equal(e.start, p + 'سيرغي شويغو '.length + 1);
    });

    it('applies several edits of one event given in any order, like VS Code contentChanges', () => {
      const a = article.indexOf('شويغو', 1), k = article.indexOf('البنتاغون');
      const items = [entity('e1', article, 'شويغو', a), entity('e2', article, 'كارتر'), entity('e3', article, 'البنتاغون')];
      const clone = items.map((i) => ({ ...i }));
      const edits: TextEdit[] = [
        { start: 0, end: 0, text: '😀 ' },
        { start: k + 'البنتا'.length, end: k + 'البنتاغ'.length, text: 'ج' }, // inside: البنتاجون
        { start: a, end: a, text: 'ال' }, // at a start
      ];
      const next = applyText(article, edits);
      applyEditsToSpans(items, edits, next);
      applyEditsToSpans(clone, [...edits].reverse(), next);
      assert.deepEqual(items.map(span), clone.map(span));
      assert.equal(items[0].start, a + 3 + 2);
      assert.equal(items[2].text, 'البنتاجون');
      assert.equal(items[2].anchor, 'edited');
    });

    it('updates the entities and quotations of an annotation set and leaves speakers alone', () => {
      const set: AnnotationSet = {
        status: 'in-progress',
        entities: [entity('e1', article, 'كارتر')],
        quotations: [{ ...entity('q1', article, 'سير الحديث أظهر'), speaker: 's1', cue: 'وشدد' }],
        speakers: [{ id: 's1', name: 'المكتب الصحفي', aliases: [], mentions: [], extra: {} }],
        rejected: [],
        extra: {},
      };
      const speakers = structuredClone(set.speakers);
      const next = applyText(article, [{ start: 0, end: 0, text: '\n' }]);
      const outcome = applyEdits(set, [{ start: 0, end: 0, text: '\n' }], next);
      assert.deepEqual(outcome.moved, ['e1', 'q1']);
      assert.equal(next.slice(set.quotations[0].start, set.quotations[0].end), 'سير الحديث أظهر');
      assert.deepEqual(set.speakers, speakers);
    });

    it('ignores an edit that rewrites a span with the very same characters', () => {
      const e = entity('e1', article, 'كارتر');
      const outcome = applyEditsToSpans([e], [{ start: e.start - 1, end: e.end, text: article.slice(e.start - 1, e.end) }], article);
      assert.deepEqual(outcome, { changed: false, moved: [], edited: [], unanchored: [] });
      assert.equal(e.anchor, 'ok');
    });

    it('flags an annotation that no longer covers its text when the caller was out of step, rather than covering other text', () => {
      const e = entity('e1', article, 'أشتون كارتر');
      // Two characters were inserted at the start, but the caller reported no edit.
      const outcome = applyEditsToSpans([e], [], 'ab' + article);
      assert.equal(e.anchor, 'unanchored');
      assert.equal(e.start, e.end);
      assert.equal(e.text, 'أشتون كارتر');
      assert.deepEqual(outcome.unanchored, ['e1']);
    });

    it('rejects overlapping or invalid edits', () => {
      const e = entity('e1', article, 'كارتر');
      assert.throws(() => applyEditsToSpans([e], [{ start: 5, end: 10, text: '' }, { start: 8, end: 12, text: 'x' }], article), RangeError);
      assert.throws(() => applyEditsToSpans([e], [{ start: 10, end: 5, text: '' }], article), RangeError);
    });
  });

  describe('astral characters and combining marks', () => {
    it('shifts by two code units per emoji and keeps emoji inside a span', () => {
      const text = 'قال كيري 😀 اليوم';
      const e = entity('e1', text, 'كيري 😀');
      const r = change([e], text, [{ start: 0, end: 0, text: '😀😀' }]);
      assert.deepEqual(span(e), { start: 4 + 4, end: 4 + 4 + 7, text: 'كيري 😀', anchor: 'ok' });
      // Deleting the emoji at the span's end: edited, covers what is left.
      const at = r.next.indexOf('😀', e.start);
      change([e], r.next, [{ start: at, end: at + 2, text: '' }]);
      assert.deepEqual(span(e), { start: 8, end: 13, text: 'كيري ', anchor: 'edited' });
    });

    it('moves a boundary that would split a surrogate pair inwards', () => {
      // A lone high surrogate, then X, then a lone low surrogate starting the span: deleting X
      // joins the halves into one character, which the span held only half of.
      const text = 'a\uD83DX\uDE00bc';
      const e: Entity = { id: 'e1', label: 'MISC', start: 3, end: 6, text: '\uDE00bc', anchor: 'ok', extra: {} };
      const r = change([e], text, [{ start: 2, end: 3, text: '' }]);
      assert.equal(r.next, 'a😀bc');
      assert.deepEqual(span(e), { start: 3, end: 5, text: 'bc', anchor: 'edited' });

      // Same at the end: the span ends with a lone high surrogate and a low one is typed after it.
      const t2 = 'xy\uD83D';
      const f: Entity = { id: 'e2', label: 'MISC', start: 0, end: 3, text: t2, anchor: 'ok', extra: {} };
      change([f], t2, [{ start: 3, end: 3, text: '\uDE00!' }]);
      assert.deepEqual(span(f), { start: 0, end: 2, text: 'xy', anchor: 'edited' });

      // A span that was only half a pair shrinks to nothing: unanchored.
      const g: Entity = { id: 'e3', label: 'MISC', start: 3, end: 4, text: '\uDE00', anchor: 'ok', extra: {} };
      change([g], text, [{ start: 2, end: 3, text: '' }]);
      assert.equal(g.anchor, 'unanchored');
    });

    it('counts combining marks as text: adding a shadda inside edits the span, deleting its last letter leaves the marks', () => {
      const text = 'قال مُحَمَّد اليوم';
      const e = entity('e1', text, 'مُحَمَّد');
      const r = change([e], text, [{ start: e.start + 1, end: e.start + 1, text: '\u0651' }]);
      assert.equal(e.text, 'م\u0651ُحَمَّد');
      assert.equal(e.anchor, 'edited');
      change([e], r.next, [{ start: e.end - 1, end: e.end, text: '' }]);
      assert.equal(e.text, 'م\u0651ُحَمَّ');
    });
  });

  describe('properties under random edit sequences', () => {
    const TOKENS = ['ا', 'ك', 'ي', 'ر', 'ة', 'ـ', ' ', '\n', '😀', '👍🏽', '\u064E', '\u0651', 'a', '،'];
    const tokens = (max: number) => fc.array(fc.constantFrom(...TOKENS), { maxLength: max }).map((a) => a.join(''));
    const rawEdit = fc.record({ p: fc.nat(), q: fc.nat({ max: 8 }), ins: tokens(4) });
    const scenario = fc.record({
      text: tokens(40),
      spans: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 })), { minLength: 1, maxLength: 6 }),
      events: fc.array(fc.array(rawEdit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
    });

    function boundaries(text: string, codePoints: boolean): number[] {
      const b = [0];
      for (let i = 1; i <= text.length; i++) if (!codePoints || i === text.length || !isLowAfterHigh(text, i)) b.push(i);
      return b;
    }
    function isLowAfterHigh(text: string, i: number): boolean {
      return (text.charCodeAt(i - 1) & 0xfc00) === 0xd800 && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
    }
    function makeItems(text: string, spans: Array<[number, number]>): Entity[] {
      const b = boundaries(text, true);
      return spans.flatMap(([p, q], i) => {
        const si = p % b.length, ei = Math.min(b.length - 1, si + 1 + q);
        if (ei <= si) return [];
        return [{ id: `e${i + 1}`, label: 'PER', start: b[si], end: b[ei], text: text.slice(b[si], b[ei]), anchor: 'ok' as const, extra: {} }];
      });
    }
    /** Concrete, non-overlapping edits (distinct starts, so their order is unambiguous), in generated order. */
    function makeEdits(text: string, raw: Array<{ p: number; q: number; ins: string }>, codePoints: boolean): TextEdit[] {
      const b = boundaries(text, codePoints);
      const kept: TextEdit[] = [];
      for (const { p, q, ins } of raw) {
        const si = p % b.length, ei = Math.min(b.length - 1, si + q);
        const ed = { start: b[si], end: b[ei], text: ins };
        if (ed.start === ed.end && ins === '') continue;
        if (kept.every((k) => ed.end <= k.start || ed.start >= k.end) && kept.every((k) => k.start !== ed.start)) kept.push(ed);
      }
      return kept;
    }
    function checkAfter(before: Entity[], items: Entity[], edits: TextEdit[], next: string): void {
      assert.equal(items.length, before.length, 'no annotation dropped');
      const ordered = [...edits].sort((x, y) => x.start - y.start);
      items.forEach((it, i) => {
        const old = before[i];
        assert.equal(it.id, old.id);
        assert.ok(it.start >= 0 && it.start <= it.end && it.end <= next.length, `${it.id} in range`);
        if (old.anchor === 'unanchored') assert.equal(it.anchor, 'unanchored', 'unanchored stays unanchored');
        if (old.anchor === 'edited') assert.notEqual(it.anchor, 'ok', 'edited never silently becomes ok');
        if (it.anchor === 'unanchored') {
          assert.equal(it.start, it.end, 'unanchored is collapsed');
          return;
        }
        assert.equal(next.slice(it.start, it.end), it.text, `${it.id} covers exactly its text`);
        assert.ok(!isLowAfterHigh(next, it.start) && !(it.end < next.length && it.end > 0 && isLowAfterHigh(next, it.end)), 'no split pair');
        // Inserted text is never covered unless its edit lay strictly inside the old span.
        let shift = 0;
        for (const ed of ordered) {
          const at = ed.start + shift;
          shift += ed.text.length - (ed.end - ed.start);
          const inside = old.start < ed.start && ed.end < old.end;
          // Rewriting the span's part with the same characters is no edit to it.
          const from = Math.max(old.start, ed.start), to = Math.min(old.end, ed.end);
          const same = ed.text.length === ed.end - ed.start && ed.text.slice(from - ed.start, to - ed.start) === old.text.slice(from - old.start, to - old.start);
          if (!inside && !same && ed.text.length > 0) {
            assert.ok(it.end <= at || it.start >= at + ed.text.length, `${it.id} does not cover text inserted at ${at}`);
          }
        }
      });
    }

    for (const codePoints of [true, false]) {
      it(`keeps every span on exactly its text, never drops one, never covers inserted boundary text (${codePoints ? 'code-point' : 'any UTF-16'} offsets)`, () => {
        fc.assert(fc.property(scenario, ({ text, spans, events }) => {
          const items = makeItems(text, spans);
          let current = text;
          for (const raw of events) {
            const edits = makeEdits(current, raw, codePoints);
            const before = items.map((i) => ({ ...i }));
            const next = applyText(current, edits);
            const outcome = applyEditsToSpans(items, edits, next);
            checkAfter(before, items, edits, next);
            const changed = items.some((it, i) => JSON.stringify(span(it)) !== JSON.stringify(span(before[i])));
            assert.equal(outcome.changed, changed, 'changed reports any change');
            assert.deepEqual(outcome.unanchored, items.filter((it, i) => it.anchor === 'unanchored' && before[i].anchor !== 'unanchored').map((it) => it.id));
            current = next;
          }
        }), { numRuns: 400 });
      });
    }

    it('applying the edits of one event together equals applying them one by one, and does not depend on their order', () => {
      fc.assert(fc.property(scenario, fc.nat(), ({ text, spans, events }, seed) => {
        const together = makeItems(text, spans);
        const oneByOne = together.map((i) => ({ ...i }));
        const shuffled = together.map((i) => ({ ...i }));
        let current = text;
        for (const raw of events) {
          const edits = makeEdits(current, raw, true);
          const next = applyText(current, edits);
          applyEditsToSpans(together, edits, next);
          const rotated = edits.map((_, i) => edits[(i + seed) % edits.length]);
          applyEditsToSpans(shuffled, rotated, next);
          let step = current;
          for (const ed of [...edits].sort((x, y) => y.start - x.start)) {
            step = applyText(step, [ed]);
            applyEditsToSpans(oneByOne, [ed], step);
          }
          assert.equal(step, next);
          assert.deepEqual(oneByOne.map(span), together.map(span));
          assert.deepEqual(shuffled.map(span), together.map(span));
          current = next;
        }
      }), { numRuns: 400 });
    });
  });
});
