import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { containsToken, entityAtCaret, entityFromSelection, procliticLength, quotationAtCaret, tokenSet, trimSpan } from '../../core/snapping';

const SAMPLE = 'بحث سيرغي شويغو مع أشتون كارتر. وكارتر قال لشويغو إن وزير الدفاع وصل إلى القاهرة وبالقاهرة التقى وليد في بغداد والبنتاغون ثم البنتاغون “داعش”.';
const known = tokenSet(SAMPLE);
const isKnownWord = (w: string) => known.has(w);
/** Offset of `word` standing alone (not inside a longer token). */
const wordAt = (word: string) => {
  const m = new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'u').exec(SAMPLE);
  assert.ok(m, `${word} stands alone in the sample`);
  return m.index;
};
const slice = (r: ReturnType<typeof trimSpan>) => (r.ok ? SAMPLE.slice(r.start, r.end) : r.reason);

describe('snapping selections and carets to annotation spans', () => {
  it('trims spaces, punctuation and quote marks from entity selections', () => {
    const at = SAMPLE.indexOf(' “داعش”.');
    assert.equal(slice(trimSpan(SAMPLE, at, at + ' “داعش”.'.length, 'entity')), 'داعش');
  });

  it('keeps a quotation\'s own final punctuation but drops the marks', () => {
    const text = 'وقال: “نبحث عن سبل.” ثم غادر';
    const r = trimSpan(text, text.indexOf('“'), text.indexOf('”') + 1, 'quotation');
    assert.ok(r.ok);
    assert.equal(text.slice(r.start, r.end), 'نبحث عن سبل.');
  });

  it('refuses a selection of only marks and spaces', () => {
    const r = trimSpan('  “ ” ', 0, 6, 'entity');
    assert.equal(r.ok, false);
  });

  it('handles reversed selections and astral characters at the edges', () => {
    const text = '😀 كارتر 😀';
    const r = trimSpan(text, text.length, 0, 'entity');
    assert.ok(r.ok);
    assert.equal(text.slice(r.start, r.end), 'كارتر');
  });

  for (const [token, expected] of [
    ['وكارتر', 'كارتر'],
    ['لشويغو', 'شويغو'],
    ['وبالقاهرة', 'القاهرة'],
    ['والبنتاغون', 'البنتاغون'],
    ['البنتاغون', 'البنتاغون'],
    ['كارتر', 'كارتر'],
    ['وليد', 'وليد'],
    ['بغداد', 'بغداد'],
  ] as const) {
    it(`caret in ${token} tags ${expected}`, () => {
      const at = wordAt(token);
      assert.equal(slice(entityAtCaret(SAMPLE, at + 2, { isKnownWord })), expected);
    });
  }

  it('takes the whole token on request', () => {
    const at = SAMPLE.indexOf('وكارتر');
    assert.equal(slice(entityAtCaret(SAMPLE, at + 1, { isKnownWord, wholeToken: true })), 'وكارتر');
  });

  it('leaves a proclitic on when the rest is not a known word', () => {
    assert.equal(procliticLength('وكارتر'), 0);
    assert.equal(procliticLength('للقاهرة', { isKnownWord }), 0);
  });

  it('cuts proclitics from the first word of a selection', () => {
    const at = SAMPLE.indexOf('وكارتر قال');
    assert.equal(slice(entityFromSelection(SAMPLE, at, at + 'وكارتر'.length, { isKnownWord })), 'كارتر');
  });

  it('refuses a caret between words', () => {
    assert.equal(entityAtCaret('كارتر  قال', 6).ok, false);
  });
});

describe('quotation at the caret', () => {
  it('takes the words between the marks, whichever way they point', () => {
    for (const [open, close] of [['“', '”'], ['”', '“'], ['«', '»'], ['"', '"']]) {
      const text = `وقال كيري ${open}نبحث عن سبل إيجاد موقف مشترك${close} وأضاف ${open}سنواصل${close}.`;
      const r = quotationAtCaret(text, text.indexOf('سبل'));
      assert.ok(r.ok);
      assert.equal(text.slice(r.start, r.end), 'نبحث عن سبل إيجاد موقف مشترك');
      const second = quotationAtCaret(text, text.indexOf('سنواصل') + 2);
      assert.ok(second.ok);
      assert.equal(text.slice(second.start, second.end), 'سنواصل');
      assert.equal(quotationAtCaret(text, text.indexOf('وأضاف')).ok, false);
    }
  });

  it('finds a token in the text exactly as the token set does, without building it', () => {
    // Letters, a mark, tatweel, digits, an astral letter and separators: token edges of every kind.
    const units = ['ك', 'ا', 'ر', 'ت', 'و', 'ب', 'ال', '\u064E', '\u0640', '1', '𐐀', ' ', '.', '“', '\n'];
    const piece = fc.array(fc.constantFrom(...units), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(fc.property(piece, piece, (text, word) => {
      assert.equal(containsToken(text, word), tokenSet(text).has(word), `${JSON.stringify(word)} in ${JSON.stringify(text)}`);
    }), { numRuns: 3000 });
    assert.equal(containsToken('وكارتر قال', 'كارتر'), false, 'inside a longer token');
    assert.equal(containsToken('وكارتر قال. كارتر', 'كارتر'), true, 'alone later on');
  });
});
