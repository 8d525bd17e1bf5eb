import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnnotationHistory, sameEntity, sameQuotation, sameSpeaker } from '../../core/annotationHistory';
import { compareIds, compareSpans, emptyAnnotationSet, type AnnotationSet } from '../../core/model';
import { applyEdits } from '../../core/spanEdits';

const TEXT = 'قال وزير الدفاع سيرغي شويغو إن موسكو تدعم دمشق وبغداد';

/** The set as the store keeps it: document order, speakers by id. */
function normal(set: AnnotationSet): AnnotationSet {
  const copy = structuredClone(set);
  copy.entities.sort(compareSpans);
  copy.quotations.sort(compareSpans);
  copy.speakers.sort((a, b) => compareIds(a.id, b.id));
  return copy;
}

type Op = { kind: 'add'; at: number } | { kind: 'remove'; at: number } | { kind: 'relabel'; at: number } | { kind: 'status' } | { kind: 'reject'; at: number } | { kind: 'speaker'; at: number };

function apply(set: AnnotationSet, op: Op, next: () => number): void {
  const words = [...TEXT.matchAll(/\S+/g)];
  switch (op.kind) {
    case 'add': {
      const w = words[op.at % words.length];
      set.entities.push({ id: `e${next()}`, label: 'PER', start: w.index, end: w.index + w[0].length, text: w[0], anchor: 'ok', extra: {} });
      break;
    }
    case 'remove': if (set.entities.length) set.entities.splice(op.at % set.entities.length, 1); break;
    case 'relabel': if (set.entities.length) set.entities[op.at % set.entities.length].label = 'LOC'; break;
    case 'status': set.status = set.status === 'done' ? 'in-progress' : 'done'; break;
    case 'reject': set.rejected.push({ kind: 'entity', label: 'ORG', start: op.at % 10, end: (op.at % 10) + 2, text: TEXT.slice(op.at % 10, (op.at % 10) + 2) }); break;
    case 'speaker': {
      const s = set.speakers[0];
      if (s) s.mentions.push(`e${op.at}`);
      else set.speakers.push({ id: 's1', name: 'شويغو', aliases: [], mentions: [], extra: {} });
      break;
    }
  }
}

describe('annotation history (undo without snapshots)', () => {
  it('undo and redo give back every earlier state exactly (property)', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), at: fc.nat(20) }), fc.record({ kind: fc.constant('remove' as const), at: fc.nat(20) }),
      fc.record({ kind: fc.constant('relabel' as const), at: fc.nat(20) }), fc.record({ kind: fc.constant('status' as const) }),
      fc.record({ kind: fc.constant('reject' as const), at: fc.nat(20) }), fc.record({ kind: fc.constant('speaker' as const), at: fc.nat(20) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 25 }), fc.nat(25), (ops, back) => {
      let id = 0;
      const set = emptyAnnotationSet();
      const history = new AnnotationHistory(set);
      const states = [normal(set)];
      for (const o of ops) {
        apply(set, o, () => ++id);
        set.entities.sort(compareSpans);
        if (history.record(set)) states.push(normal(set));
      }
      const steps = Math.min(back, states.length - 1);
      for (let k = 1; k <= steps; k++) {
        assert.ok(history.undo(set));
        assert.deepEqual(normal(set), states[states.length - 1 - k]);
      }
      for (let k = steps - 1; k >= 0; k--) {
        assert.ok(history.undo(set, 'redo'));
        assert.deepEqual(normal(set), states[states.length - 1 - k]);
      }
      assert.equal(history.undo(set, 'redo'), false, 'nothing left to redo');
    }), { numRuns: 300 });
  });

  it('records nothing for a change that changes nothing, and forgets redo after a new change', () => {
    const set = emptyAnnotationSet();
    const history = new AnnotationHistory(set);
    assert.equal(history.record(set), false);
    set.status = 'done';
    assert.ok(history.record(set));
    assert.ok(history.undo(set));
    assert.equal(set.status, 'not-started');
    set.status = 'in-progress';
    assert.ok(history.record(set));
    assert.equal(history.undo(set, 'redo'), false);
  });

  it('steps follow text edits, so an undo lands on the current text', () => {
    const set = emptyAnnotationSet();
    const history = new AnnotationHistory(set);
    const at = TEXT.indexOf('شويغو');
    set.entities.push({ id: 'e1', label: 'PER', start: at, end: at + 5, text: 'شويغو', anchor: 'ok', extra: {} });
    assert.ok(history.record(set));
    set.entities[0].label = 'ORG';
    assert.ok(history.record(set));
    const edits = [{ start: 0, end: 0, text: 'عاجل: ' }];
    const text = `عاجل: ${TEXT}`;
    applyEdits(set, edits, text);
    history.applyEdits(edits, text);
    assert.ok(history.undo(set));
    assert.deepEqual(set.entities.map((e) => [e.label, text.slice(e.start, e.end)]), [['PER', 'شويغو']]);
    assert.equal(history.record(set), false, 'the kept copy moved with the text too');
  });

  it('keeps at most `limit` steps', () => {
    const set = emptyAnnotationSet();
    const history = new AnnotationHistory(set, 3);
    for (let i = 0; i < 5; i++) {
      set.status = i % 2 ? 'done' : 'in-progress';
      history.record(set);
    }
    assert.equal(history.undoCount, 3);
  });

  it('notices a change in any field of an entity, a quotation or a speaker', () => {
    // Every field the model has: a field added to model.ts and not compared fails here once added below.
    const samples: Array<[Record<string, unknown>, (a: never, b: never) => boolean]> = [
      [{ id: 'e1', label: 'PER', start: 1, end: 3, text: 'ab', anchor: 'ok', suggested: 0.5, extra: { k: 1 } }, sameEntity],
      [{ id: 'q1', start: 1, end: 3, text: 'ab', speaker: 's1', cue: 'قال', anchor: 'ok', suggested: 0.5, extra: { k: 1 } }, sameQuotation],
      [{ id: 's1', name: 'x', aliases: ['y'], mentions: ['e1'], suggested: 0.5, extra: { k: 1 } }, sameSpeaker],
    ];
    for (const [item, same] of samples) {
      assert.ok(same(item as never, structuredClone(item) as never));
      for (const key of Object.keys(item)) {
        const changed = structuredClone(item);
        const v = changed[key];
        changed[key] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}x` : Array.isArray(v) ? [...v, 'z'] : { k: 2 };
        assert.equal(same(item as never, changed as never), false, `a change of ${key}`);
      }
    }
  });
});
