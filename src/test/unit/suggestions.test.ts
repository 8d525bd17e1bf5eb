import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyAnnotationSet, idSequence, nextId, type AnnotationSet, type Entity } from '../../core/model';
import { loadNerModel, type NerModel } from '../../core/ner/nerModel';
import { detectQuotations } from '../../core/quotes/quotations';
import { speakerKey } from '../../core/speakerRanking';
import { mergeSuggestions } from '../../core/suggestions';
import { readSeed, repoRoot, seedNames } from './seedCorpus';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const numberOf = (id: string) => Number(id.slice(1));

let model: NerModel | undefined;
const ner = () => (model ??= loadNerModel(readFileSync(join(repoRoot(), 'models', 'ner-model.json'), 'utf8')));

describe('ids of new annotations', () => {
  it('idSequence gives what nextId gives when each id is added before the next', () => {
    for (const ids of [[], ['q1'], ['q3', 'q10', 'q2'], ['q1', 'x99', 'q', 'q07', 'e5']]) {
      const taken = ids.map((id) => ({ id }));
      const next = idSequence('q', [...taken]);
      for (let k = 0; k < 5; k++) {
        const id = next();
        assert.equal(id, nextId('q', taken));
        taken.push({ id });
      }
    }
  });
});

describe('suggestions for a large dump (all seeds, 20 times over)', function () {
  this.timeout(60_000); // the dump's size is the point here; its speed is measured by npm run bench
  const copies = 20;
  const names = seedNames();
  const article = names.map(readSeed).join('\n');
  const text = Array.from({ length: copies }, () => article).join('\n');
  const copyStart = (k: number) => k * (article.length + 1);
  const inCopy = (k: number, s: { start: number }) => s.start >= copyStart(k) && s.start < copyStart(k + 1);

  it('adds every detected quotation that meets no annotation or rejection, with new ids after the old ones', function () {
    if (names.length === 0) this.skip();
    const detection = detectQuotations(text);
    const inCopy3 = detection.quotations.filter((q) => inCopy(3, q));
    const inCopy5 = detection.quotations.filter((q) => inCopy(5, q));
    assert.ok(inCopy3.length >= 10, `the dump has quotations in every copy (copy 3: ${inCopy3.length})`);
    const set: AnnotationSet = emptyAnnotationSet();
    // A confirmed quotation blocks the suggestion it overlaps; an unanchored one blocks nothing.
    set.quotations.push({ id: 'q500', start: inCopy3[0].start + 2, end: inCopy3[0].end + 1, text: '', speaker: null, cue: null, anchor: 'ok', extra: {} });
    set.quotations.push({ id: 'q7', start: inCopy3[1].start, end: inCopy3[1].end, text: '', speaker: null, cue: null, anchor: 'unanchored', extra: {} });
    // A rejection holds where it was made, not where the same words recur.
    set.rejected.push({ kind: 'quotation', label: null, start: inCopy5[2].start, end: inCopy5[2].end, text: inCopy5[2].text });
    set.speakers.push({ id: 's40', name: 'جون كيري', aliases: [], mentions: [], extra: {} });
    // Every كيري is tagged, in reverse order of the text (a set is not kept in text order).
    const kerry: Entity[] = [...text.matchAll(/كيري/g)].reverse().map((m, k) => ({ id: `e${k + 1}`, label: 'PER', start: m.index, end: m.index + 4, text: 'كيري', anchor: 'ok', extra: {} }));
    set.entities.push(...kerry);

    const outcome = mergeSuggestions(set, text);

    const expected = detection.quotations.filter((q) => q !== inCopy3[0] && q !== inCopy5[2]);
    const added = set.quotations.slice(2);
    assert.equal(outcome.quotations, expected.length);
    assert.deepEqual(added.map((q) => [q.start, q.end, q.text, q.cue]), expected.map((q) => [q.start, q.end, q.text, q.cue]));
    assert.deepEqual(added.map((q) => q.id), expected.map((_, k) => `q${501 + k}`), 'ids go on from the highest one, in text order');
    assert.ok(added.some((q) => overlaps(q, inCopy3[1])), 'an unanchored quotation does not block a suggestion');
    assert.ok(added.some((q) => q.text === inCopy5[2].text && !inCopy(5, q)), 'the rejected words are still suggested in the other copies');

    // Speakers: one per name across the whole dump, the existing one reused, new ids after s40.
    const keys = set.speakers.map((s) => speakerKey(s.name));
    assert.equal(new Set(keys).size, keys.length, `no speaker twice: ${keys.join(', ')}`);
    assert.deepEqual(set.speakers.slice(1).map((s) => numberOf(s.id)), set.speakers.slice(1).map((_, k) => 41 + k));
    const detectedKerry = detection.speakers.find((s) => speakerKey(s.name) === speakerKey('جون كيري'))!;
    const kerryQuotes = detection.quotations.filter((q) => q.speaker === detectedKerry.id && expected.includes(q));
    assert.ok(kerryQuotes.length >= copies, 'Kerry speaks in every copy');
    for (const q of kerryQuotes) assert.equal(added[expected.indexOf(q)].speaker, 's40');
    const inside = kerry.filter((e) => detectedKerry.mentionSpans.some((m) => e.start >= m.start && e.end <= m.end));
    assert.ok(inside.length >= 2 * copies);
    assert.deepEqual([...set.speakers[0].mentions].sort(), inside.map((e) => e.id).sort(), 'every mention of Kerry in every copy is linked once');

    // Every copy after the first is suggested alike (the first has no article before it to take a speaker from).
    const shape = (k: number) => added.filter((q) => inCopy(k, q)).map((q) => [q.start - copyStart(k), q.end - copyStart(k), set.speakers.find((s) => s.id === q.speaker)?.name]);
    for (let k = 2; k < copies; k++) if (k !== 3 && k !== 5) assert.deepEqual(shape(k), shape(1), `copy ${k} is suggested like copy 1`);
  });

  it('adds entities only where no anchored entity or rejection of that label and text is', function () {
    if (names.length === 0) this.skip();
    const text = Array.from({ length: 5 }, () => article).join('\n'); // the tagger's own cost is not what is tested
    const plain = emptyAnnotationSet();
    mergeSuggestions(plain, text, { ner: ner() });
    const shoigu = plain.entities.filter((e) => e.text === 'شويغو');
    assert.ok(shoigu.length >= 5, 'the tagger finds شويغو in every copy');

    const set = emptyAnnotationSet();
    const confirmed: Entity = { id: 'e9000', label: 'MISC', start: shoigu[1].start - 1, end: shoigu[1].end + 1, text: '', anchor: 'ok', extra: {} };
    set.entities.push(confirmed);
    set.entities.push({ id: 'e12', label: 'LOC', start: shoigu[2].start, end: shoigu[2].end, text: '', anchor: 'unanchored', extra: {} });
    set.rejected.push({ kind: 'entity', label: 'PER', start: shoigu[3].start, end: shoigu[3].end, text: 'شويغو' });
    set.rejected.push({ kind: 'entity', label: 'LOC', start: shoigu[4].start, end: shoigu[4].end, text: 'شويغو' });
    const outcome = mergeSuggestions(set, text, { ner: ner() });

    const added = set.entities.slice(2);
    const expected = plain.entities.filter((e) => !overlaps(e, confirmed) && e !== shoigu[3]);
    assert.ok(!expected.includes(shoigu[1]));
    assert.equal(outcome.entities, expected.length);
    assert.deepEqual(added.map((e) => [e.label, e.start, e.end]), expected.map((e) => [e.label, e.start, e.end]));
    assert.deepEqual(added.map((e) => e.id), expected.map((_, k) => `e${9001 + k}`));
    assert.ok(added.some((e) => e.start === shoigu[4].start), 'a rejection of another label does not hold');
  });
});
