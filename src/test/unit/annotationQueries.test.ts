import * as assert from 'node:assert/strict';
import { adjacentAnnotation, annotationAt, resizeByWord } from '../../core/annotationQueries';
import { emptyAnnotationSet, Entity, Quotation } from '../../core/model';

const TEXT = 'وقال المتحدث باسم الوزارة مارك تونير: “نبذل جهدا من أجل الحصول على مزيد من المعلومات”.';
const span = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length, text: needle });
const entity = (id: string, needle: string): Entity => ({ id, label: 'PER', anchor: 'ok', extra: {}, ...span(needle) });
const quote = (id: string, needle: string): Quotation => ({ id, speaker: null, cue: null, anchor: 'ok', extra: {}, ...span(needle) });

describe('annotation queries for keyboard commands', () => {
  const set = emptyAnnotationSet();
  set.entities.push(entity('e1', 'مارك تونير'), entity('e2', 'المعلومات'));
  set.quotations.push(quote('q1', 'نبذل جهدا من أجل الحصول على مزيد من المعلومات'));

  it('finds the smallest annotation under the caret, inside or just after it', () => {
    assert.equal(annotationAt(set, TEXT.indexOf('تونير'))?.annotation.id, 'e1');
    assert.equal(annotationAt(set, TEXT.indexOf('المعلومات') + 2)?.annotation.id, 'e2');
    assert.equal(annotationAt(set, TEXT.indexOf('جهدا'))?.annotation.id, 'q1');
    assert.equal(annotationAt(set, TEXT.indexOf('تونير') + 'تونير'.length)?.annotation.id, 'e1');
    assert.equal(annotationAt(set, 1), undefined);
  });

  it('ignores unanchored annotations', () => {
    const s = structuredClone(set);
    s.entities[0].anchor = 'unanchored';
    assert.equal(annotationAt(s, TEXT.indexOf('تونير')), undefined);
  });

  it('walks annotations in document order and wraps around', () => {
    assert.equal(adjacentAnnotation(set, 0, 1)?.annotation.id, 'e1');
    assert.equal(adjacentAnnotation(set, set.entities[0].start, 1)?.annotation.id, 'q1');
    assert.equal(adjacentAnnotation(set, set.entities[1].start, 1)?.annotation.id, 'e1');
    assert.equal(adjacentAnnotation(set, 0, -1)?.annotation.id, 'e2');
  });

  it('grows and shrinks a span by whole words at either edge', () => {
    const { start, end } = span('مارك');
    const grown = resizeByWord(TEXT, start, end, 'end', 'grow')!;
    assert.equal(TEXT.slice(grown.start, grown.end), 'مارك تونير');
    const back = resizeByWord(TEXT, grown.start, grown.end, 'end', 'shrink')!;
    assert.equal(TEXT.slice(back.start, back.end), 'مارك');
    const before = resizeByWord(TEXT, start, end, 'start', 'grow')!;
    assert.equal(TEXT.slice(before.start, before.end), 'الوزارة مارك');
    const trimmed = resizeByWord(TEXT, before.start, before.end, 'start', 'shrink')!;
    assert.equal(TEXT.slice(trimmed.start, trimmed.end), 'مارك');
    assert.equal(resizeByWord(TEXT, start, end, 'end', 'shrink'), undefined);
  });
});
