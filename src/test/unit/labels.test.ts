import * as assert from 'node:assert/strict';
import { checkLabelTable, RESERVED_KEYS } from '../../core/labels';

describe('label keys', () => {
  it('cannot take a key that tagging mode keeps for an action, V (set the cue) included', () => {
    for (const key of Object.keys(RESERVED_KEYS)) {
      const r = checkLabelTable({ labels: [{ id: 'DATE', key }] });
      assert.equal(r.ok, false, `key ${key}`);
      assert.match(r.ok ? '' : r.problems[0].message, new RegExp(`key "${key}" is reserved in tagging mode to ${RESERVED_KEYS[key].replace(/[()+]/g, '\\$&')}; pick another`));
    }
    assert.match(RESERVED_KEYS.v, /cue/);
    assert.equal(checkLabelTable({ labels: [{ id: 'DATE', key: 't' }] }).ok, true);
  });
});
