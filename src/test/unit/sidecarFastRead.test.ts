// The canonical reader must give exactly what the full reader gives, and decline everything else.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_LABEL_IDS } from '../../core/labels';
import type { AnnotationSet, Entity, Quotation, Speaker } from '../../core/model';
import { parseSidecar, serializeSidecar } from '../../core/sidecar';
import { readCanonicalSidecar } from '../../core/sidecarFastRead';

const OPTS = { sidecarPath: 'a.txt.ann.yaml', articleFileName: 'a.txt', labels: DEFAULT_LABEL_IDS };
/** A comment line changes nothing for YAML but leaves the canonical form: the full reader runs. */
const full = (yaml: string, text: string): AnnotationSet => {
  const r = parseSidecar(`${yaml}# read by the full reader\n`, text, OPTS);
  assert.ok(r.ok, JSON.stringify(r.problems));
  return r.annotations;
};

const piece = fc.array(fc.constantFrom('كارتر', 'ال', ' ', '"', '\\', '\n', '\t', '\u2028', '\x85', '\u200f', '\ud800', '😀', 'ً', ':', '#', '- ', 'yes', '~', ', ', '[', ']', 'e1'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

describe('readCanonicalSidecar (the fast path of parseSidecar)', () => {
  it('reads what serializeSidecar wrote exactly as the full reader does (property)', () => {
    const arb = fc.record({
      pieces: fc.array(piece, { minLength: 1, maxLength: 12 }),
      spans: fc.array(fc.record({ a: fc.nat(11), b: fc.nat(11), quote: fc.boolean(), label: fc.constantFrom(...DEFAULT_LABEL_IDS), edited: fc.boolean(), suggested: fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000)) }), { maxLength: 8 }),
      names: fc.array(fc.tuple(piece, fc.array(piece, { maxLength: 2 })), { maxLength: 3 }),
      cue: fc.option(piece),
      status: fc.constantFrom('not-started' as const, 'in-progress' as const, 'done' as const),
      rejected: fc.array(fc.record({ kind: fc.constantFrom('entity' as const, 'quotation' as const), start: fc.nat(40), len: fc.nat(5), label: fc.option(fc.constantFrom('PER', 'ORG')) }), { maxLength: 3 }),
    });
    fc.assert(fc.property(arb, ({ pieces, spans, names, cue, status, rejected }) => {
      const text = pieces.join('|');
      const starts = pieces.map((_, i) => pieces.slice(0, i).reduce((n, p) => n + p.length + 1, 0));
      const entities: Entity[] = [], quotations: Quotation[] = [];
      const speakers: Speaker[] = names.map(([name, aliases], i) => ({ id: `s${i + 1}`, name, aliases, mentions: [], extra: {} }));
      spans.forEach((s, k) => {
        const [i, j] = [s.a % pieces.length, s.b % pieces.length].sort((x, y) => x - y);
        const start = starts[i], end = starts[j] + pieces[j].length;
        const base = { start, end, text: text.slice(start, end), anchor: s.edited ? 'edited' as const : 'ok' as const, extra: {}, ...(s.suggested === null ? {} : { suggested: s.suggested }) };
        if (s.quote) quotations.push({ id: `q${k}`, ...base, speaker: speakers.length ? `s${(k % speakers.length) + 1}` : null, cue });
        else entities.push({ id: `e${k}`, ...base, label: s.label });
      });
      if (speakers.length && entities.length) speakers[0].mentions.push(entities[0].id);
      const set: AnnotationSet = {
        status, entities, quotations, speakers, extra: {},
        rejected: rejected.map((r) => ({ kind: r.kind, label: r.kind === 'entity' ? r.label : null, start: Math.min(r.start, text.length), end: Math.min(r.start + r.len, text.length), text: 'x' })),
      };
      const yaml = serializeSidecar(set, text, 'a.txt');
      const fast = readCanonicalSidecar(yaml, text, 'a.txt', DEFAULT_LABEL_IDS);
      assert.ok(fast, `the canonical reader declined:\n${yaml}`);
      assert.deepEqual(fast, full(yaml, text));
    }), { numRuns: 500 });
  });

  it('declines every file that the full reader would not load without a problem', () => {
    const text = 'قال كارتر في دمشق';
    const set: AnnotationSet = {
      status: 'in-progress',
      entities: [{ id: 'e1', label: 'PER', start: 4, end: 9, text: 'كارتر', anchor: 'ok', extra: {} }],
      quotations: [], speakers: [{ id: 's1', name: 'كارتر', aliases: [], mentions: ['e1'], extra: {} }], rejected: [], extra: {},
    };
    const yaml = serializeSidecar(set, text, 'a.txt');
    assert.ok(readCanonicalSidecar(yaml, text, 'a.txt', DEFAULT_LABEL_IDS));
    const declined: Array<[string, string, string, string]> = [
      ['the article changed', yaml, `${text}.`, 'a.txt'],
      ['another article name', yaml, text, 'b.txt'],
      ['an unknown label', yaml.replace('label: PER', 'label: XYZ'), text, 'a.txt'],
      ['a text that does not match', yaml.replace('text: "كارتر"', 'text: "كارتى"'), text, 'a.txt'],
      ['a dangling mention', yaml.replace('mentions: [e1]', 'mentions: [e2]'), text, 'a.txt'],
      ['a duplicate id', yaml.replace('- id: s1', '- id: e1'), text, 'a.txt'],
      ['an unanchored annotation', yaml.replace('    text: "كارتر"\n', '    text: "كارتر"\n    anchor: unanchored\n'), text, 'a.txt'],
      ['an unknown key', yaml.replace('    text: "كارتر"\n', '    text: "كارتر"\n    note: x\n'), text, 'a.txt'],
      ['CRLF line ends', yaml.replace(/\n/g, '\r\n'), text, 'a.txt'],
      ['a newer schema version', yaml.replace('schema_version: 1', 'schema_version: 2'), text, 'a.txt'],
      ['an empty span', yaml.replace('end: 9', 'end: 4'), text, 'a.txt'],
    ];
    for (const [what, y, t, name] of declined) assert.equal(readCanonicalSidecar(y, t, name, DEFAULT_LABEL_IDS), undefined, what);
  });
});
