// The light sidecar read of the workspace views: the line reader of the writer's own form must
// give exactly what the `yaml` package gives, and anything else must fall back to the package.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AnnotationSet } from '../../core/model';
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

  it('agrees with the yaml package on any names and texts', function () {
    this.timeout(20_000);
    const str = fc.string({ unit: fc.oneof(fc.constantFrom('ك', 'ي', 'ى', '"', '\\', '\n', '\u2028', '\u200f', ' ', ':', '#', '\x85', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 });
    fc.assert(fc.property(fc.array(fc.tuple(str, str), { maxLength: 4 }), str, (speakers, extraKey) => {
      const text = speakers.map(([n]) => n).join(' ') || 'x';
      const set: AnnotationSet = {
        status: 'done',
        entities: [{ id: 'e1', label: 'PER', start: 0, end: 1, text: text.slice(0, 1), anchor: 'ok', extra: {} }],
        quotations: [{ id: 'q1', start: 0, end: 1, text: text.slice(0, 1), speaker: speakers.length ? 's1' : null, cue: null, anchor: 'unanchored', extra: {} }],
        speakers: speakers.map(([name, alias], i) => ({ id: `s${i + 1}`, name, aliases: [alias], mentions: [], extra: extraKey ? { [extraKey]: { [alias]: [name] } } : {} })),
        rejected: [],
        extra: extraKey ? { [extraKey]: [extraKey] } : {},
      };
      const yaml = serializeSidecar(set, text, 'a.txt');
      const slow = readSidecarSummary(yaml, { fastPath: false });
      assert.ok(slow.ok);
      assert.deepEqual(readWrittenForm(yaml), slow.summary, 'the line reader took the file and agrees');
    }), { numRuns: 150 });
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

  it('reads a typical sidecar at least 10 times faster than the yaml package', () => {
    const text = readSeed(seedNames()[0] ?? '');
    const yaml = serializeSidecar(annotateSeed(text), text, 'a.txt');
    const time = (fast: boolean): number => {
      const t = performance.now();
      for (let i = 0; i < 100; i++) readSidecarSummary(yaml, { fastPath: fast });
      return performance.now() - t;
    };
    time(true); time(false);
    const fast = time(true), slow = time(false);
    assert.ok(fast * 10 < slow, `fast ${fast.toFixed(1)} ms, yaml ${slow.toFixed(1)} ms for 100 reads`);
  });
});
