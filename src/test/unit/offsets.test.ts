// OffsetMap converts between UTF-16 (VS Code, JavaScript) and code points (sidecar, Python).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { OffsetMap } from '../../core/offsets';

describe('OffsetMap', () => {
  it('is the identity for Arabic text with combining marks (all in the BMP)', () => {
    const text = 'كَتَبَ الوزيرُ e\u0301'; // harakat and a decomposed é: separate code points, one unit each
    const map = new OffsetMap(text);
    assert.equal(map.codePointLength, [...text].length);
    assert.equal(map.codePointLength, text.length);
    for (let i = 0; i <= text.length; i++) {
      assert.equal(map.toCodePoint(i), i);
      assert.equal(map.toUtf16(i), i);
    }
  });

  it('counts an emoji as one code point and two UTF-16 units', () => {
    const text = 'a😀b😀';
    const map = new OffsetMap(text);
    assert.equal(map.utf16Length, 6);
    assert.equal(map.codePointLength, 4);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((i) => map.toCodePoint(i)), [0, 1, 1, 2, 3, 3, 4]);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => map.toUtf16(i)), [0, 1, 3, 4, 6]);
    assert.equal(map.splitsPair(2), true);
    assert.equal(map.splitsPair(3), false);
    assert.equal(map.splitsPair(5), true);
  });

  it('counts an emoji with a combining mark and an Arabic letter after it like Python', () => {
    const text = 'قال 😀\u0301 نعم';
    const map = new OffsetMap(text);
    const points = [...text];
    const s = points.indexOf('ن');
    assert.equal(text.slice(map.toUtf16(s), map.toUtf16(s + 3)), 'نعم');
  });

  // Text from Arabic, emoji, combining marks, plain ASCII, lone surrogates and any code point.
  const char = fc.oneof(
    fc.constantFrom('ك', 'َ', '\u0301', '😀', '👍🏽', '𝕏', 'a', ' ', '\n', '\ud800', '\udc00'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const text = fc.array(char, { maxLength: 40 }).map((cs) => cs.join(''));

  it('matches [...text] and round-trips at every boundary (property)', () => {
    fc.assert(fc.property(text, (t) => {
      const map = new OffsetMap(t);
      const points = [...t];
      assert.equal(map.codePointLength, points.length);
      for (let k = 0; k <= points.length; k++) {
        const u = map.toUtf16(k);
        assert.equal(map.toCodePoint(u), k);
        assert.equal(t.slice(0, u), points.slice(0, k).join(''));
      }
      for (let i = 0; i <= t.length; i++) {
        // Inside a pair maps to the pair's start; everywhere else the round trip is exact.
        assert.equal(map.toUtf16(map.toCodePoint(i)), map.splitsPair(i) ? i - 1 : i);
      }
    }), { numRuns: 500 });
  });
});
