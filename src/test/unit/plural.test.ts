import * as assert from 'node:assert/strict';
import { countOf } from '../../core/plural';

describe('counts in messages', () => {
  it('take the singular for one only', () => {
    assert.deepEqual([0, 1, 2, 11].map((n) => countOf(n, 'quotation')), ['0 quotations', '1 quotation', '2 quotations', '11 quotations']);
    assert.equal(countOf(1, 'entity', 'entities'), '1 entity');
    assert.equal(countOf(3, 'entity', 'entities'), '3 entities');
  });
});
