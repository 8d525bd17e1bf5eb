import * as assert from 'node:assert/strict';
import { cueTarget } from '../../core/cueTarget';
import { emptyAnnotationSet } from '../../core/model';
import { spanOf } from './seedCorpus';

describe('the quotation a cue belongs to', () => {
  const text = 'وقال كيري: “نبحث عن سبل”، مضيفا أن ذلك “ضروري جدا”. وأضاف: “سنرى”\n«لا تعليق»، قال الوزير. وتابع: «غدا»';
  const set = emptyAnnotationSet();
  for (const words of ['نبحث عن سبل', 'ضروري جدا', 'سنرى', 'لا تعليق', 'غدا']) {
    set.quotations.push({ id: `q${set.quotations.length + 1}`, ...spanOf(text, words), text: words, speaker: null, cue: null, anchor: 'ok', extra: {} });
  }
  const at = (word: string, inside = 1) => spanOf(text, word).start + inside;
  const target = (start: number, end = start) => {
    const r = cueTarget(set, text, start, end);
    return r.ok ? [r.quotation.id, r.cue] : r.reason;
  };

  it('is the next one on the line, from the word at the caret or the selected words', () => {
    assert.deepEqual(target(at('وقال')), ['q1', 'وقال']);
    assert.deepEqual(target(at('مضيفا')), ['q2', 'مضيفا'], 'a cue right after one quotation still opens the next');
    const selected = spanOf(text, ' وأضاف: ');
    assert.deepEqual(target(selected.start, selected.end), ['q3', 'وأضاف']);
  });

  it('is the one before when the cue follows it and ends the sentence («…»، قال الوزير.)', () => {
    assert.deepEqual(target(at('قال الوزير')), ['q4', 'قال']);
    assert.deepEqual(target(at('وتابع')), ['q5', 'وتابع']);
  });

  it('is none inside a quotation or between words', () => {
    assert.match(String(target(at('سبل'))), /inside a quotation/);
    assert.match(String(target(spanOf(text, '، مضيفا').start + 1)), /no word/);
  });
});
