import * as assert from 'node:assert/strict';
import { findOccurrences } from '../../core/occurrences';
import { readSeed } from './seedCorpus';

describe('tag all occurrences', () => {
  it('finds a name in every spelling and behind proclitics, but not inside other words', () => {
    const text = 'قال شويغو إن وزير الدفاع سيرجي شويجو وشويغو ولشويغو تحدثوا، وليس شويغوف.';
    const spans = findOccurrences(text, 'شويغو').map((s) => text.slice(s.start, s.end));
    assert.deepEqual(spans, ['شويغو', 'شويجو', 'شويغو', 'شويغو']);
  });

  it('folds alef forms, ى/ي and diacritics', () => {
    const text = 'أكد أوباما وقال اوباما ثم أُوباما، وجون كيرى وجون كيري.';
    assert.deepEqual(findOccurrences(text, 'أوباما').map((s) => text.slice(s.start, s.end)), ['أوباما', 'اوباما', 'أُوباما']);
    assert.deepEqual(findOccurrences(text, 'جون كيري').map((s) => text.slice(s.start, s.end)), ['جون كيرى', 'جون كيري']);
  });

  it('finds the four mentions of كيري in seed 003', () => {
    const text = readSeed('003_83f8822d896d3ab0.txt');
    const spans = findOccurrences(text, 'كيري');
    assert.equal(spans.length, 4);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), 'كيري');
  });
});
