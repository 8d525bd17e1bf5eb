import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareIds } from '../../core/model';

describe('compareIds', () => {
  it('orders like localeCompare with numeric collation, fast path or not (property)', () => {
    const id = fc.oneof(
      fc.tuple(fc.constantFrom('e', 's', 'q', 'E', ''), fc.nat(2000), fc.constantFrom('', '0')).map(([p, n, z]) => `${p}${z}${n}`),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(fc.property(id, id, (a, b) => {
      assert.equal(Math.sign(compareIds(a, b)), Math.sign(a.localeCompare(b, 'en', { numeric: true })), `${a} vs ${b}`);
    }), { numRuns: 5000 });
    assert.ok(compareIds('e2', 'e10') < 0);
  });
});
