import * as assert from 'node:assert/strict';
import { emptyAnnotationSet } from '../../core/model';
import { parseSidecar, serializeSidecar } from '../../core/sidecar';

const TEXT = '😀 وقال كيري: “نبحث عن سبل إيجاد موقف مشترك” في موسكو.';
const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length, text: needle });
const opts = { sidecarPath: 'a.txt.ann.yaml', articleFileName: 'a.txt', labels: ['PER', 'ORG', 'LOC', 'MISC'] };

describe('suggestions and rejections in the sidecar', () => {
  const set = emptyAnnotationSet();
  set.entities.push({ id: 'e1', label: 'PER', ...at('كيري'), anchor: 'ok', suggested: 0.8765, extra: {} });
  set.quotations.push({ id: 'q1', ...at('نبحث عن سبل إيجاد موقف مشترك'), speaker: 's1', cue: 'وقال', anchor: 'ok', suggested: 0.9, extra: {} });
  set.speakers.push({ id: 's1', name: 'كيري', aliases: [], mentions: ['e1'], suggested: 0.9, extra: {} });
  set.rejected.push({ kind: 'entity', label: 'LOC', ...at('موسكو') });

  it('writes the confidence of unconfirmed suggestions and the rejected ones, in code points', () => {
    const yaml = serializeSidecar(set, TEXT, 'a.txt');
    assert.match(yaml, /text: "كيري"\n {4}suggested: 0\.877\n/);
    assert.match(yaml, /rejected:\n {2}- kind: entity\n {4}label: LOC\n {4}start: (\d+)\n/);
    const start = Number(/rejected:[\s\S]*?start: (\d+)/.exec(yaml)![1]);
    assert.equal([...TEXT].slice(start, start + 5).join(''), 'موسكو');
  });

  it('reads them back unchanged, and saving again gives the same bytes', () => {
    const yaml = serializeSidecar(set, TEXT, 'a.txt');
    const loaded = parseSidecar(yaml, TEXT, opts);
    assert.ok(loaded.ok);
    assert.equal(loaded.annotations.entities[0].suggested, 0.877);
    assert.equal(loaded.annotations.speakers[0].suggested, 0.9);
    assert.deepEqual(loaded.annotations.rejected, set.rejected);
    assert.equal(serializeSidecar(loaded.annotations, TEXT, 'a.txt'), yaml);
  });

  it('leaves confirmed annotations and files without rejections as they were', () => {
    const plain = emptyAnnotationSet();
    plain.entities.push({ id: 'e1', label: 'PER', ...at('كيري'), anchor: 'ok', extra: {} });
    const yaml = serializeSidecar(plain, TEXT, 'a.txt');
    assert.doesNotMatch(yaml, /suggested|rejected/);
  });

  it('reports a confidence outside 0..1 with its line', () => {
    const yaml = serializeSidecar(set, TEXT, 'a.txt').replace('suggested: 0.877', 'suggested: high');
    const loaded = parseSidecar(yaml, TEXT, opts);
    assert.equal(loaded.ok, false);
    const problem = loaded.problems.find((p) => p.message.includes('suggested'))!;
    assert.equal(problem.line, yaml.split('\n').findIndex((l) => l.includes('suggested: high')) + 1);
  });
});
