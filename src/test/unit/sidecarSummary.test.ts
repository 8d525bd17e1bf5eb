// The light sidecar read of the workspace views: the line reader of the writer's own form must
// give exactly what the `yaml` package gives, and anything else must fall back to the package.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AnnotationSet, Rejection } from '../../core/model';
import { serializeSidecar } from '../../core/sidecar';
import { readSidecarSummary, readWrittenForm } from '../../core/sidecarSummary';
import { annotateSeed, readSeed, seedNames } from './seedCorpus';

function both(text: string): { fast: ReturnType<typeof readSidecarSummary>; slow: ReturnType<typeof readSidecarSummary> } {
  return { fast: readSidecarSummary(text), slow: readSidecarSummary(text, { fastPath: false }) };
}

describe('light sidecar read for the views (sidecarSummary)', () => {
  it('reads every seed sidecar the writer produces exactly as the yaml package does', function () {
    const names = seedNames();
    if (names.length === 0) this.skip();
    for (const name of names) {
      const text = readSeed(name);
      const set = annotateSeed(text);
      set.speakers[0].aliases = ['كيرى', 'with "quotes" and \\ and \u200f'];
      set.entities[0].anchor = 'edited';
      set.quotations[0].extra = { reviewer: { name: 'ahmad', checks: [1, 2] } };
      const yaml = serializeSidecar(set, text, name);
      const { fast, slow } = both(yaml);
      assert.ok(fast.ok && slow.ok, name);
      assert.deepEqual(fast, slow, name);
      assert.deepEqual(readWrittenForm(yaml), fast.summary, 'read by the line reader');
      assert.equal(fast.summary.speakers[0].aliases[1], 'with "quotes" and \\ and \u200f');
    }
  });

  it('agrees with the yaml package on any names, texts, suggestions and rejections', function () {
    this.timeout(20_000);
    const str = fc.string({ unit: fc.oneof(fc.constantFrom('ك', 'ي', 'ى', '"', '\\', '\n', '\u2028', '\u200f', ' ', ':', '#', '\x85', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 });
    // Any confidence (the writer rounds to 3 places), the ends 0 and 1, or none (confirmed).
    const confidence = fc.option(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5, 1e-7, 0.9995)), { nil: undefined });
    const rejection = fc.record({
      kind: fc.constantFrom('entity' as const, 'quotation' as const), label: fc.constantFrom('PER', 'LOC', 'yes', '12', 'ك'),
      start: fc.nat(40), end: fc.nat(40), text: str,
    }).map(({ kind, label, start, end, text }): Rejection => ({ kind, label: kind === 'entity' ? label : null, start: Math.min(start, end), end: Math.max(start, end), text }));
    fc.assert(fc.property(fc.array(fc.tuple(str, str, confidence), { maxLength: 4 }), str, confidence, confidence, fc.array(rejection, { maxLength: 4 }), (speakers, extraKey, entityConf, quoteConf, rejected) => {
      const text = speakers.map(([n]) => n).join(' ') || 'x';
      const suggested = (c: number | undefined): { suggested?: number } => (c === undefined ? {} : { suggested: c });
      const set: AnnotationSet = {
        status: 'done',
        entities: [{ id: 'e1', label: 'PER', start: 0, end: 1, text: text.slice(0, 1), anchor: 'ok', ...suggested(entityConf), extra: {} }],
        quotations: [{ id: 'q1', start: 0, end: 1, text: text.slice(0, 1), speaker: speakers.length ? 's1' : null, cue: null, anchor: 'unanchored', ...suggested(quoteConf), extra: extraKey ? { [extraKey]: 1 } : {} }],
        speakers: speakers.map(([name, alias, c], i) => ({ id: `s${i + 1}`, name, aliases: [alias], mentions: [], ...suggested(c), extra: extraKey ? { [extraKey]: { [alias]: [name] } } : {} })),
        rejected,
        extra: extraKey ? { [extraKey]: [extraKey] } : {},
      };
      const yaml = serializeSidecar(set, text, 'a.txt');
      const slow = readSidecarSummary(yaml, { fastPath: false });
      assert.ok(slow.ok);
      assert.deepEqual(readWrittenForm(yaml), slow.summary, 'the line reader took the file and agrees');
      const rounded = (c: number | undefined): number | undefined => (c === undefined ? undefined : Math.round(c * 1000) / 1000);
      assert.equal(slow.summary.entities[0].suggested, rounded(entityConf));
      assert.equal(slow.summary.quotations[0].suggested, rounded(quoteConf));
      assert.deepEqual(slow.summary.speakers.map((s) => s.suggested), speakers.map(([, , c]) => rounded(c)));
      assert.equal('suggested' in slow.summary.entities[0], entityConf !== undefined, 'confirmed items have no `suggested` key at all');
    }), { numRuns: 200 });
  });

  describe('suggestions and rejections', () => {
    const TEXT = 'وقال كيري إن المحادثات مفيدة في موسكو';
    const at = (needle: string): { start: number; end: number; text: string } => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length, text: needle });
    const set = (): AnnotationSet => ({
      status: 'in-progress',
      entities: [
        { id: 'e1', label: 'PER', ...at('كيري'), anchor: 'ok', suggested: 0.91234, extra: {} },
        { id: 'e2', label: 'LOC', ...at('موسكو'), anchor: 'edited', extra: { reviewer: 'ahmad' } },
      ],
      quotations: [{ id: 'q1', ...at('المحادثات مفيدة'), speaker: 's1', cue: 'وقال', anchor: 'ok', suggested: 0.6, extra: { note: 'x' } }],
      speakers: [
        { id: 's1', name: 'كيري', aliases: [], mentions: ['e1'], suggested: 1, extra: {} },
        { id: 's2', name: 'لافروف', aliases: ['لافروف'], mentions: [], extra: {} },
      ],
      rejected: [
        { kind: 'entity', label: 'ORG', ...at('المحادثات') },
        { kind: 'quotation', label: null, ...at('مفيدة في موسكو') },
        { kind: 'entity', label: 'yes', start: 0, end: 4, text: 'a "quoted" \\ text\u200f' },
      ],
      extra: { reviewed_by: 'ahmad' },
    });

    it('reads the confidence of suggested entities, quotations and speakers on the line reader, and skips the rejected list', () => {
      const yaml = serializeSidecar(set(), TEXT, 'a.txt');
      assert.match(yaml, /\nrejected:\n {2}- kind: entity\n/);
      const fast = readWrittenForm(yaml);
      assert.ok(fast, 'a file with suggestions and rejections is still read line by line');
      const slow = readSidecarSummary(yaml, { fastPath: false });
      assert.ok(slow.ok);
      assert.deepEqual(fast, slow.summary);
      assert.equal(fast.entities[0].suggested, 0.912);
      assert.ok(!('suggested' in fast.entities[1]));
      assert.equal(fast.quotations[0].suggested, 0.6);
      assert.deepEqual(fast.speakers, [{ id: 's1', name: 'كيري', aliases: [], suggested: 1 }, { id: 's2', name: 'لافروف', aliases: ['لافروف'] }]);
      assert.deepEqual(fast.entities.map((e) => e.id), ['e1', 'e2'], 'rejections are not entities');
    });

    it('falls back to the yaml package for a rejected list or confidence not in the writer\'s form, and agrees with it', () => {
      const yaml = serializeSidecar(set(), TEXT, 'a.txt');
      const variants = [
        yaml.replace('suggested: 0.6', 'suggested: .6'),
        yaml.replace('suggested: 0.6', 'suggested: 6e-1'),
        yaml.replace('suggested: 1\n', 'suggested: 1.\n'),
        yaml.replace('suggested: 0.6', 'suggested: +0.6'),
        yaml.replace(/\n {2}- kind: quotation\n/, '\n  - kind: quotation\n    why: "too short"\n'),
        yaml.replace(/\n {2}- kind: quotation\n/, '\n  - {kind: quotation, start: 1, end: 2, text: "x"}\n  - kind: quotation\n'),
        yaml.replace(/rejected:\n/, 'rejected:\n  - kind: entity\n    label: PER\n    label: PER\n'),
        yaml.replace(/rejected:\n/, 'rejected:\n  - kind: person\n'),
        yaml.replace(/rejected:\n/, 'rejected:\n    start: 1\n  - kind: entity\n'),
        yaml.replace(/rejected:\n[\s\S]*?\nreviewed_by/, 'rejected: []\nreviewed_by'),
      ];
      for (const text of variants) {
        assert.notEqual(text, yaml);
        const slow = readSidecarSummary(text, { fastPath: false });
        assert.deepEqual(readSidecarSummary(text), slow, text);
        if (!text.includes('rejected: []')) assert.equal(readWrittenForm(text), undefined, text);
      }
      const halfRead = readSidecarSummary(variants[0]);
      assert.ok(halfRead.ok && halfRead.summary.quotations[0].suggested === 0.6);
      assert.ok(readWrittenForm(variants[variants.length - 1]), 'an empty rejected list, as a hand edit leaves it, is read line by line');
    });

    it('refuses a confidence that is not a number from 0 to 1, as the full reader does', () => {
      const yaml = serializeSidecar(set(), TEXT, 'a.txt');
      for (const bad of ['high', '1.5', '-0.1', 'null', '"0.5"', '.nan']) {
        const text = yaml.replace('suggested: 0.6', `suggested: ${bad}`);
        assert.equal(readWrittenForm(text), undefined, bad);
        const r = readSidecarSummary(text);
        assert.ok(!r.ok, bad);
        assert.match(r.reason, /suggested/);
      }
    });
  });

  it('falls back to the yaml package for hand-edited layouts, and refuses what is not a sidecar', () => {
    const base = 'schema: arabic-news-annotator/sidecar\nschema_version: 1\narticle: "a.txt"\nsha256: "x"\noffsets: code-points\nstatus: done\n';
    const handEdited = [
      `# a comment\n${base}entities: []\nquotations: []\nspeakers:\n  - id: s1\n    name: كيري\n`,
      `${base}speakers:\n  - {id: s1, name: "كيري", aliases: [كيرى]}\n`,
      `${base}speakers:\n  - name: "كيري"\n    id: s1\n`.replace(/\n/g, '\r\n'),
      `${base}quotations:\n  - id: q1\n    start: 0\n    end: 2\n    text: >-\n      ab\n    speaker: s1\n`,
    ];
    for (const text of handEdited) {
      assert.equal(readWrittenForm(text), undefined, text);
      const r = readSidecarSummary(text);
      assert.ok(r.ok, text);
      assert.deepEqual(r, readSidecarSummary(text, { fastPath: false }));
    }
    assert.equal((readSidecarSummary(handEdited[0]) as { summary: { speakers: Array<{ name: string }> } }).summary.speakers[0].name, 'كيري');
    for (const bad of ['entities: [', 'schema: other\n', `${base.replace('done', 'finished')}`, `${base}speakers:\n  - id: s1\n    name: 3\n`, '- a\n']) {
      const r = readSidecarSummary(bad);
      assert.ok(!r.ok, bad);
      assert.ok(r.reason.length > 0);
    }
  });

  it('reads a typical sidecar, suggestions and rejections included, line by line and as the yaml package does', () => {
    const text = readSeed(seedNames()[0] ?? '');
    const set = annotateSeed(text);
    // As the suggester leaves it: half the items suggested, and a list of rejected ones.
    set.entities.forEach((e, i) => { if (i % 2) e.suggested = 0.5 + i / 100; });
    set.quotations.forEach((q) => { q.suggested = 0.75; });
    set.speakers.forEach((s) => { s.suggested = 0.8; });
    set.rejected = set.entities.map((e, i) => ({ kind: i % 3 ? 'entity' : 'quotation', label: i % 3 ? 'MISC' : null, start: e.start, end: e.end, text: e.text }));
    const yaml = serializeSidecar(set, text, 'a.txt');
    assert.match(yaml, /suggested: 0\.75\n[\s\S]*\nrejected:\n/);
    assert.ok(readWrittenForm(yaml), 'read line by line');
    assert.deepEqual(readSidecarSummary(yaml, { fastPath: true }), readSidecarSummary(yaml, { fastPath: false }));
  });
});
