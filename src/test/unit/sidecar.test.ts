// The sidecar is the source of truth read by the Python pipeline: exact format, lossless round
// trips, every kind of bad input reported at its line, and re-anchoring when the article changed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { articleSha256 } from '../../core/articleHash';
import { DEFAULT_LABEL_IDS } from '../../core/labels';
import type { AnnotationSet } from '../../core/model';
import {
  ARTICLE_STATUSES, ENTITY_KEYS, QUOTATION_KEYS, SIDECAR_OFFSET_UNIT, SIDECAR_SCHEMA, SIDECAR_SCHEMA_VERSION, SPEAKER_KEYS, TOP_LEVEL_KEYS,
} from '../../core/sidecarFormat';
import { SidecarSerializer } from '../../core/sidecarWrite';
import {
  articlePathFor, isSidecarPath, MAX_SIDECAR_BYTES, parseSidecar, serializeSidecar, sidecarPathFor, type SidecarLoad, type SidecarProblem,
} from '../../core/sidecar';
import { annotateSeed, readSeed, repoRoot, seedNames, spanOf } from './seedCorpus';

const OPTS = { sidecarPath: 'tiny.txt.ann.yaml', articleFileName: 'tiny.txt', labels: DEFAULT_LABEL_IDS };

// A small article with an emoji before the annotations, so code points and UTF-16 units differ by one.
const TINY = 'قال الوزير 😀 “نحن هنا” في دمشق.\n';

function tinySet(): AnnotationSet {
  const at = (needle: string) => spanOf(TINY, needle);
  return {
    status: 'in-progress',
    entities: [
      { id: 'e2', label: 'LOC', ...at('دمشق'), text: 'دمشق', anchor: 'ok', extra: {} },
      { id: 'e1', label: 'PER', ...at('الوزير'), text: 'الوزير', anchor: 'ok', extra: {} },
    ],
    quotations: [{ id: 'q1', ...at('نحن هنا'), text: 'نحن هنا', speaker: 's1', cue: 'قال', anchor: 'ok', extra: {} }],
    speakers: [{ id: 's1', name: 'الوزير', aliases: [], mentions: ['e1'], extra: {} }],
    rejected: [],
    extra: {},
  };
}

const TINY_YAML = `schema: arabic-news-annotator/sidecar
schema_version: 1
article: "tiny.txt"
sha256: "${articleSha256(TINY)}"
offsets: code-points
status: in-progress
entities:
  - id: e1
    label: PER
    start: 4
    end: 10
    text: "الوزير"
  - id: e2
    label: LOC
    start: 26
    end: 30
    text: "دمشق"
quotations:
  - id: q1
    start: 14
    end: 21
    text: "نحن هنا"
    speaker: s1
    cue: "قال"
speakers:
  - id: s1
    name: "الوزير"
    aliases: []
    mentions: [e1]
`;

function loaded(result: SidecarLoad): Extract<SidecarLoad, { ok: true }> {
  if (!result.ok) assert.fail(`expected the sidecar to load, got:\n${result.problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`).join('\n')}`);
  return result;
}

/** 1-based line of the nth line containing `needle`. */
function lineOf(yaml: string, needle: string, nth = 1): number {
  const lines = yaml.split('\n');
  for (let i = 0, seen = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === nth) return i + 1;
  }
  return assert.fail(`"${needle}" (occurrence ${nth}) is not in the YAML`);
}

function brief(problems: SidecarProblem[]): Array<[string, number, string]> {
  return problems.map((p) => [p.code, p.line, p.severity]);
}

describe('sidecar paths', () => {
  it('names the sidecar after the article and back', () => {
    assert.equal(sidecarPathFor('/c/000_4cb1cd4800d685dd.txt'), '/c/000_4cb1cd4800d685dd.txt.ann.yaml');
    assert.equal(articlePathFor('/c/000_4cb1cd4800d685dd.txt.ann.yaml'), '/c/000_4cb1cd4800d685dd.txt');
    assert.equal(isSidecarPath('a.txt.ann.yaml'), true);
    assert.equal(isSidecarPath('a.txt'), false);
    assert.throws(() => articlePathFor('a.txt'), /not a sidecar path/);
    assert.throws(() => sidecarPathFor('a.txt.ann.yaml'), /itself a sidecar/);
  });

  it('hashes UTF-8 like Python hashlib', () => {
    assert.equal(articleSha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('serializeSidecar', () => {
  it('writes the documented format: fixed key order, code-point offsets, sorted items, UTF-8 Arabic', () => {
    assert.equal(serializeSidecar(tinySet(), TINY, 'tiny.txt'), TINY_YAML);
  });

  it('gives the same bytes whatever the in-memory order', () => {
    const set = tinySet();
    const shuffled = { ...set, entities: [...set.entities].reverse(), speakers: [...set.speakers].reverse() };
    assert.equal(serializeSidecar(shuffled, TINY, 'tiny.txt'), serializeSidecar(set, TINY, 'tiny.txt'));
  });

  it('orders spans by start, then longer first, then id in natural order', () => {
    const text = 'وزارة الدفاع الروسية';
    const e = (id: string, start: number, end: number) => ({ id, label: 'ORG', start, end, text: text.slice(start, end), anchor: 'ok' as const, extra: {} });
    const set: AnnotationSet = { status: 'done', entities: [e('e10', 0, 5), e('e2', 0, 5), e('e3', 0, 12), e('e1', 6, 12)], quotations: [], speakers: [], rejected: [], extra: {} };
    const ids = [...serializeSidecar(set, text, 'a.txt').matchAll(/- id: (\w+)/g)].map((m) => m[1]);
    assert.deepEqual(ids, ['e3', 'e2', 'e10', 'e1']);
  });

  it('escapes what PyYAML would misread and keeps everything else readable', () => {
    const set = tinySet();
    set.quotations[0].cue = 'a\u2028b\x85c\u00a0d\te"f\\g\u200fh\ud800';
    set.speakers[0].extra = { yes: 'no', '12': '007', 'a: b': 'x', 'on': null };
    const out = serializeSidecar(set, TINY, 'tiny.txt');
    assert.ok(out.includes('cue: "a\\Lb\\Nc\\xA0d\\te\\"f\\\\g\\u200Fh\\uD800"'), out);
    assert.ok(out.includes('"yes": "no"') && out.includes('"12": "007"') && out.includes('"a: b": x') && out.includes('"on": null'), out);
    assert.ok(out.includes('دمشق'), 'Arabic is written as UTF-8, not escaped');
  });
});

describe('SidecarSerializer (one per open article)', () => {
  it('writes what a fresh serialization writes after every kind of in-place change', () => {
    const serializer = new SidecarSerializer();
    const set = tinySet();
    let text = TINY;
    const same = (what: string) => assert.equal(serializer.serialize(set, text, 'tiny.txt'), serializeSidecar(set, text, 'tiny.txt'), what);
    same('first');
    set.entities[0].label = 'ORG';
    same('label changed in place');
    set.quotations[0].speaker = null;
    set.quotations[0].cue = null;
    same('speaker and cue cleared');
    set.entities[1].suggested = 0.5;
    same('marked suggested');
    delete set.entities[1].suggested;
    set.entities[1].anchor = 'edited';
    same('anchor changed');
    set.entities[0].extra.note = 'x';
    same('unknown key added');
    set.entities[0].extra.note = 'y';
    same('unknown key changed in place');
    // Two BMP characters replaced by one astral before every span: UTF-16 offsets stay, code points move.
    text = `${TINY.slice(0, 2)}😀${TINY.slice(4)}`;
    for (const e of set.entities) e.text = text.slice(e.start, e.end);
    same('code-point offsets moved under unchanged UTF-16 offsets');
    set.entities.push({ id: 'e3', label: 'MISC', ...spanOf(text, 'هنا'), text: 'هنا', anchor: 'ok', extra: {} });
    set.speakers[0].aliases.push('وزير');
    set.rejected.push({ kind: 'entity', label: 'PER', start: 0, end: 2, text: text.slice(0, 2) });
    same('items added');
    set.entities = [];
    set.quotations = [];
    same('lists emptied');
  });
});

describe('parseSidecar', () => {
  it('reads the format back into UTF-16 offsets', () => {
    const r = loaded(parseSidecar(TINY_YAML, TINY, OPTS));
    assert.deepEqual(r.problems, []);
    assert.equal(r.reanchored, false);
    const byId = Object.fromEntries(r.annotations.entities.map((e) => [e.id, e]));
    assert.equal(TINY.slice(byId.e2.start, byId.e2.end), 'دمشق');
    assert.equal(byId.e2.start, 27, 'one more than the code-point offset 26: the emoji is two units');
    assert.deepEqual(r.annotations.quotations[0], { id: 'q1', ...spanOf(TINY, 'نحن هنا'), text: 'نحن هنا', speaker: 's1', cue: 'قال', anchor: 'ok', extra: {} });
    assert.deepEqual(r.annotations.speakers, tinySet().speakers);
  });

  it('round-trips a file it wrote byte for byte', () => {
    const r = loaded(parseSidecar(TINY_YAML, TINY, OPTS));
    assert.equal(serializeSidecar(r.annotations, TINY, 'tiny.txt'), TINY_YAML);
  });

  it('keeps unknown keys at every level, after the known keys, in their order', () => {
    const yaml = TINY_YAML
      .replace('status: in-progress\n', 'status: in-progress\nreviewer: "ahmad"\n')
      .replace('    text: "دمشق"\n', '    text: "دمشق"\n    wikidata: Q3766\n    scores: {crf: 0.75, rules: 1}\n    __proto__: {polluted: true}\n')
      .replace('    mentions: [e1]\n', '    mentions: [e1]\n    gender: m\n    notes:\n      - first\n      - [nested, 2]\n')
      .concat('pipeline:\n  run: 7\n  tags: []\n');
    const r = loaded(parseSidecar(yaml, TINY, OPTS));
    assert.deepEqual(r.annotations.extra, { reviewer: 'ahmad', pipeline: { run: 7, tags: [] } });
    const e2 = r.annotations.entities.find((e) => e.id === 'e2')!;
    assert.deepEqual(Object.keys(e2.extra), ['wikidata', 'scores', '__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const again = serializeSidecar(r.annotations, TINY, 'tiny.txt');
    assert.ok(again.includes('    text: "دمشق"\n    wikidata: Q3766\n    scores:\n      crf: 0.75\n      rules: 1\n    __proto__:\n      polluted: true\n'), again);
    assert.ok(again.includes('    mentions: [e1]\n    gender: m\n    notes:\n      - first\n      - - nested\n        - 2\n'), again);
    assert.ok(again.endsWith('reviewer: ahmad\npipeline:\n  run: 7\n  tags: []\n'), again);
    const twice = loaded(parseSidecar(again, TINY, OPTS));
    assert.deepEqual(twice.annotations, r.annotations);
    assert.equal(serializeSidecar(twice.annotations, TINY, 'tiny.txt'), again);
  });

  it('round-trips any text and unknown values losslessly (property)', () => {
    const tricky = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u2028', '\x85', '\x7f', '\ud800', '😀', 'ً', ' ', ':', '#', '- ', 'yes', '~', '&a', '*a', '---'), { maxLength: 8 }).map((a) => a.join('')),
    );
    const extra = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tricky, { maxLength: 3 })), { maxKeys: 4, noNullPrototype: true });
    fc.assert(fc.property(tricky, tricky, extra, (cue, name, ext) => {
      const set = tinySet();
      set.quotations[0].cue = cue;
      set.speakers[0].name = name;
      set.speakers[0].aliases = [cue, name];
      set.extra = ext;
      const out = serializeSidecar(set, TINY, 'tiny.txt');
      const r = loaded(parseSidecar(out, TINY, OPTS));
      assert.equal(r.annotations.quotations[0].cue, cue);
      assert.equal(r.annotations.speakers[0].name, name);
      assert.deepEqual(r.annotations.extra, ext);
      assert.equal(serializeSidecar(r.annotations, TINY, 'tiny.txt'), out);
    }), { numRuns: 300 });
  });

  it('round-trips a real seed with an emoji inserted and writes Python-compatible offsets', function () {
    const seed = seedNames()[0];
    if (!seed) this.skip();
    const text = `😀${readSeed(seed).replace('سوريا', 'سوريا 😀')}`;
    const set = annotateSeed(text);
    const yaml = serializeSidecar(set, text, seed);
    const file = parseYaml(yaml) as { entities: Array<{ start: number; end: number; text: string }> };
    const points = [...text];
    for (const e of file.entities) assert.equal(points.slice(e.start, e.end).join(''), e.text);
    const r = loaded(parseSidecar(yaml, text, { ...OPTS, articleFileName: seed }));
    assert.deepEqual(r.annotations.entities.map((e) => text.slice(e.start, e.end)), r.annotations.entities.map((e) => e.text));
    assert.equal(serializeSidecar(r.annotations, text, seed), yaml);
  });

  describe('refuses bad input, naming the line', () => {
    const bad = (yaml: string): SidecarProblem[] => {
      const r = parseSidecar(yaml, TINY, OPTS);
      assert.equal(r.ok, false, 'expected the sidecar to be refused');
      for (const p of r.problems) assert.equal(p.file, 'tiny.txt.ann.yaml');
      return r.problems;
    };

    it('not YAML', () => {
      const yaml = TINY_YAML.replace('    mentions: [e1]', '    mentions: [e1');
      const problems = bad(yaml);
      assert.equal(problems[0].code, 'yaml-syntax');
      assert.ok(problems[0].line >= lineOf(yaml, 'mentions: [e1'), `line ${problems[0].line}`);
      assert.match(problems[0].message, /Not valid YAML/);
    });

    it('duplicate keys', () => {
      const yaml = TINY_YAML.replace('    end: 10\n', '    end: 10\n    end: 11\n');
      assert.deepEqual(brief(bad(yaml)), [['yaml-syntax', lineOf(yaml, 'end: 11'), 'error']]);
    });

    it('not a mapping, or empty', () => {
      assert.deepEqual(brief(bad('- a\n- b\n')), [['not-mapping', 1, 'error']]);
      assert.match(bad('')[0].message, /empty/);
      assert.match(bad('# only a comment\n')[0].message, /empty/);
    });

    it('missing, foreign or newer schema', () => {
      assert.deepEqual(brief(bad(TINY_YAML.replace('schema: arabic-news-annotator/sidecar\n', ''))), [['schema-missing', 1, 'error']]);
      assert.deepEqual(brief(bad(TINY_YAML.replace('schema: arabic-news-annotator/sidecar', 'schema: other-tool'))), [['schema-unknown', 1, 'error']]);
      assert.deepEqual(brief(bad(TINY_YAML.replace('schema_version: 1\n', ''))), [['schema-version-missing', 1, 'error']]);
      assert.deepEqual(brief(bad(TINY_YAML.replace('schema_version: 1', 'schema_version: "1"'))), [['schema-version-invalid', 2, 'error']]);
      const newer = bad(TINY_YAML.replace('schema_version: 1', 'schema_version: 2'));
      assert.deepEqual(brief(newer), [['schema-version-newer', 2, 'error']]);
      assert.match(newer[0].message, /version 2.*only version 1.*Update/);
      assert.equal(newer[0].column, 17);
    });

    it('inverted, empty and out-of-range spans', () => {
      const inverted = TINY_YAML.replace('    start: 4\n    end: 10', '    start: 10\n    end: 4');
      assert.deepEqual(brief(bad(inverted)), [['span-inverted', lineOf(inverted, 'start: 10'), 'error']]);
      assert.equal(bad(inverted)[0].column, 12);
      const empty = TINY_YAML.replace('    end: 10', '    end: 4');
      assert.deepEqual(brief(bad(empty)), [['span-empty', lineOf(empty, 'start: 4'), 'error']]);
      const beyond = TINY_YAML.replace('    end: 30', '    end: 300');
      assert.deepEqual(brief(bad(beyond)), [['span-out-of-range', lineOf(beyond, 'end: 300'), 'error']]);
      assert.match(bad(beyond)[0].message, /32 code points/);
    });

    it('offsets whose text differs (the article is unchanged)', () => {
      const shifted = TINY_YAML.replace('    start: 26\n    end: 30', '    start: 27\n    end: 31');
      const problems = bad(shifted);
      assert.deepEqual(brief(problems), [['text-mismatch', lineOf(shifted, 'text: "دمشق"'), 'error']]);
      assert.match(problems[0].message, /entity e2/);
      // UTF-16 offsets (one more after the emoji) are the classic mistake; they are caught the same way.
      const utf16 = TINY_YAML.replace('    start: 14\n    end: 21', '    start: 15\n    end: 22');
      assert.deepEqual(brief(bad(utf16)), [['text-mismatch', lineOf(utf16, 'text: "نحن هنا"'), 'error']]);
    });

    it('unknown labels, duplicate ids, dangling references', () => {
      const yaml = TINY_YAML
        .replace('    label: LOC', '    label: PLACE')
        .replace('  - id: q1', '  - id: e1')
        .replace('    speaker: s1', '    speaker: s9')
        .replace('    mentions: [e1]', '    mentions: [e1, e7]');
      const problems = bad(yaml);
      assert.deepEqual(brief(problems), [
        ['label-unknown', lineOf(yaml, 'PLACE'), 'error'],
        ['id-duplicate', lineOf(yaml, '- id: e1', 2), 'error'],
        ['speaker-dangling', lineOf(yaml, 'speaker: s9'), 'error'],
        ['mention-dangling', lineOf(yaml, 'mentions: [e1, e7]'), 'error'],
      ]);
      assert.match(problems[1].message, /already used on line 8/);
      assert.equal(problems[3].column, 20, 'points at e7 inside the list');
    });

    it('text mismatches together with other errors, in one run, in file order', () => {
      const yaml = TINY_YAML.replace('    speaker: s1', '    speaker: s9').replace('    label: PER', '    label: PERSON').replace('    end: 30', '    end: 29');
      assert.deepEqual(brief(bad(yaml)), [
        ['label-unknown', lineOf(yaml, 'PERSON'), 'error'],
        ['text-mismatch', lineOf(yaml, 'text: "دمشق"'), 'error'],
        ['speaker-dangling', lineOf(yaml, 'speaker: s9'), 'error'],
      ]);
    });

    it('wrong types, all reported at once', () => {
      const yaml = TINY_YAML
        .replace('    start: 4\n', '    start: "4"\n')
        .replace('    text: "دمشق"', '    text: 5')
        .replace('    cue: "قال"', '    cue: [قال]')
        .replace('    aliases: []', '    aliases: ok')
        .replace('status: in-progress', 'status: finished')
        .replace('offsets: code-points', 'offsets: utf-16')
        .replace(/sha256: "\w+"/, 'sha256: "abc"');
      const problems = bad(yaml);
      assert.deepEqual(brief(problems), [
        ['wrong-type', 4, 'error'],
        ['offsets-unit', 5, 'error'],
        ['status-invalid', 6, 'error'],
        ['wrong-type', lineOf(yaml, 'start: "4"'), 'error'],
        ['wrong-type', lineOf(yaml, 'text: 5'), 'error'],
        ['wrong-type', lineOf(yaml, 'cue: [قال]'), 'error'],
        ['wrong-type', lineOf(yaml, 'aliases: ok'), 'error'],
      ]);
      assert.match(problems[3].message, /whole number/);
      assert.match(problems[4].message, /quote it/);
      assert.deepEqual(brief(bad(TINY_YAML.replace(/entities:\n(.|\n)*?quotations:/, 'entities: {}\nquotations:'))), [['wrong-type', 7, 'error']]);
      assert.deepEqual(brief(bad(TINY_YAML.replace('  - id: e2\n', '  - just a string\n  - id: e2\n'))), [['wrong-type', 13, 'error']]);
    });

    it('missing keys on an item', () => {
      const yaml = TINY_YAML.replace('    label: PER\n', '').replace('  - id: q1\n    start: 14', '  - start: 14');
      const problems = bad(yaml);
      assert.deepEqual(brief(problems), [['missing-key', 8, 'error'], ['missing-key', lineOf(yaml, '- start: 14'), 'error']]);
      assert.match(problems[0].message, /entity e1 has no `label`; add one of PER, ORG, LOC, MISC/);
      assert.match(problems[1].message, /quotations item 1 has no `id`/);
    });

    it('aliases: unknown, cyclic, and billion laughs (maxAliasCount)', () => {
      assert.deepEqual(brief(bad(TINY_YAML.replace('    cue: "قال"', '    cue: *nowhere'))), [['alias-unknown', lineOf(TINY_YAML, 'cue: "قال"'), 'error']]);
      assert.deepEqual(brief(bad(`${TINY_YAML}loop: &x {self: *x}\n`)), [['alias-cycle', lineOf(TINY_YAML, 'mentions') + 1, 'error']]);
      const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (const [n, p] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) lol.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`);
      const problems = bad(`${TINY_YAML}laughs:\n${lol.map((l) => `  ${l}`).join('\n')}\n`);
      assert.deepEqual(problems.map((p) => p.code), ['alias-limit']);
      assert.match(problems[0].message, /billion laughs/);
    });

    it('harmless aliases (as PyYAML writes for shared lists) are fine', () => {
      const yaml = TINY_YAML.replace('    aliases: []', '    aliases: &names ["الوزير"]').concat('copy: *names\n');
      const r = loaded(parseSidecar(yaml, TINY, OPTS));
      assert.deepEqual(r.annotations.speakers[0].aliases, ['الوزير']);
      assert.deepEqual(r.annotations.extra, { copy: ['الوزير'] });
    });

    it('absurdly large files, before parsing', () => {
      assert.deepEqual(brief(bad('#'.repeat(MAX_SIDECAR_BYTES + 1))), [['too-large', 1, 'error']]);
      // Fewer characters than the limit, but more bytes: Arabic letters are two bytes each in UTF-8.
      assert.deepEqual(brief(bad('ش'.repeat(MAX_SIDECAR_BYTES / 2 + 1))), [['too-large', 1, 'error']]);
    });

    it('absurd nesting is refused, not a crash', () => {
      const problems = bad(`${TINY_YAML}deep: ${'['.repeat(3000)}\n`);
      assert.ok(problems.length > 0 && problems.length <= 201);
      assert.equal(problems.at(-1)!.code, 'too-many-problems');
    });
  });

  it('reads a sidecar that git checked out with CRLF line endings or that starts with a BOM', () => {
    const crlf = `\ufeff${TINY_YAML.replace(/\n/g, '\r\n')}`;
    const r = loaded(parseSidecar(crlf, TINY, OPTS));
    assert.equal(serializeSidecar(r.annotations, TINY, 'tiny.txt'), TINY_YAML);
    const broken = parseSidecar(crlf.replace('label: LOC', 'label: PLACE'), TINY, OPTS);
    assert.deepEqual(brief(broken.problems), [['label-unknown', lineOf(TINY_YAML, 'label: LOC'), 'error']]);
  });

  it('keeps unknown keys longer than YAML\'s 1024-character implicit-key limit', () => {
    const key = 'k'.repeat(2000);
    const set = tinySet();
    set.extra = { [key]: 'v', [`${key}2`]: { nested: [1] } };
    const out = serializeSidecar(set, TINY, 'tiny.txt');
    const r = loaded(parseSidecar(out, TINY, OPTS));
    assert.deepEqual(r.annotations.extra, set.extra);
    assert.equal(serializeSidecar(r.annotations, TINY, 'tiny.txt'), out);
  });

  it('warns about an unknown tag and reads the value as data', () => {
    const r = loaded(parseSidecar(`${TINY_YAML}meta: !!python/tuple [1, 2]\n`, TINY, OPTS));
    assert.deepEqual(brief(r.problems), [['yaml-warning', 30, 'warning']]);
  });

  it('warns about a different article name but loads', () => {
    const r = loaded(parseSidecar(TINY_YAML.replace('article: "tiny.txt"', 'article: "other.txt"'), TINY, OPTS));
    assert.deepEqual(brief(r.problems), [['article-name', 3, 'warning']]);
  });

  it('keeps an unanchored annotation, skips its text check and warns at its line', () => {
    const yaml = TINY_YAML.replace('    text: "دمشق"\n', '    text: "حلب"\n    anchor: unanchored\n');
    const r = loaded(parseSidecar(yaml, TINY, OPTS));
    assert.deepEqual(brief(r.problems), [['unanchored', lineOf(yaml, 'id: e2'), 'warning']]);
    assert.equal(r.annotations.entities.find((e) => e.id === 'e2')!.anchor, 'unanchored');
    assert.equal(serializeSidecar(r.annotations, TINY, 'tiny.txt'), yaml);
  });

  it('rejects an anchor value it does not know', () => {
    const r = parseSidecar(TINY_YAML.replace('    text: "دمشق"\n', '    text: "دمشق"\n    anchor: lost\n'), TINY, OPTS);
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems.map((p) => p.code), ['anchor-invalid']);
  });
});

describe('docs/sidecar.md', () => {
  it('its example is exactly what the extension writes for seed 000', function () {
    const seed = '000_4cb1cd4800d685dd.txt';
    if (!seedNames().includes(seed)) this.skip();
    const docs = readFileSync(join(repoRoot(), 'docs', 'sidecar.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)![1];
    const r = loaded(parseSidecar(example, readSeed(seed), { ...OPTS, sidecarPath: 'example', articleFileName: seed }));
    assert.deepEqual(r.problems.map((p) => p.code), ['unanchored']);
    assert.equal(serializeSidecar(r.annotations, readSeed(seed), seed), example);
  });

  it('agrees with schema/sidecar.schema.json on names and required keys', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'sidecar.schema.json'), 'utf8'));
    assert.equal(schema.properties.schema.const, SIDECAR_SCHEMA);
    assert.equal(schema.properties.schema_version.const, SIDECAR_SCHEMA_VERSION);
    assert.equal(schema.properties.offsets.const, SIDECAR_OFFSET_UNIT);
    assert.deepEqual(Object.keys(schema.properties), [...TOP_LEVEL_KEYS]);
    assert.deepEqual(Object.keys(schema.$defs.entity.properties), [...ENTITY_KEYS]);
    assert.deepEqual(Object.keys(schema.$defs.quotation.properties), [...QUOTATION_KEYS]);
    assert.deepEqual(Object.keys(schema.$defs.speaker.properties), [...SPEAKER_KEYS]);
    assert.deepEqual(schema.properties.status.enum, [...ARTICLE_STATUSES]);
  });
});

describe('re-anchoring when the article changed', () => {
  it('re-finds every annotation after a CRLF conversion of a real seed', function () {
    const names = seedNames();
    if (names.length === 0) this.skip();
    for (const name of names) {
      const text = readSeed(name);
      const set = annotateSeed(text);
      const yaml = serializeSidecar(set, text, name);
      const crlf = text.replace(/\n/g, '\r\n');
      const r = loaded(parseSidecar(yaml, crlf, { ...OPTS, articleFileName: name }));
      assert.equal(r.reanchored, true);
      assert.deepEqual(r.problems.map((p) => p.code), ['article-changed'], `${name}: ${JSON.stringify(r.problems)}`);
      assert.equal(r.problems[0].line, 4, 'reported at the sha256 line');
      for (const a of [...r.annotations.entities, ...r.annotations.quotations]) {
        const original = [...set.entities, ...set.quotations].find((o) => o.id === a.id)!;
        assert.equal(a.anchor, 'ok', `${name} ${a.id}`);
        // Whitespace inside a span follows the new text (a quotation across lines now holds \r\n).
        assert.equal(crlf.slice(a.start, a.end), a.text, `${name} ${a.id}`);
        assert.equal(a.text.replace(/\r\n/g, '\n'), original.text, `${name} ${a.id}`);
      }
      // Saved again, the sidecar matches the new text exactly and loads without warnings.
      const resaved = serializeSidecar(r.annotations, crlf, name);
      assert.deepEqual(loaded(parseSidecar(resaved, crlf, { ...OPTS, articleFileName: name })).problems, []);
    }
  });

  it('keeps and flags annotations whose text is gone, with their lines', () => {
    const edited = TINY.replace('دمشق', 'بيروت');
    const r = loaded(parseSidecar(TINY_YAML, edited, OPTS));
    assert.deepEqual(brief(r.problems), [['article-changed', 4, 'warning'], ['unanchored', lineOf(TINY_YAML, 'id: e2'), 'warning']]);
    const e2 = r.annotations.entities.find((e) => e.id === 'e2')!;
    assert.equal(e2.anchor, 'unanchored');
    assert.equal(e2.text, 'دمشق');
    const resaved = serializeSidecar(r.annotations, edited, 'tiny.txt');
    assert.ok(resaved.includes('    text: "دمشق"\n    anchor: unanchored\n'), resaved);
    const again = loaded(parseSidecar(resaved, edited, OPTS));
    assert.deepEqual(brief(again.problems), [['unanchored', lineOf(resaved, 'id: e2'), 'warning']]);
  });
});

describe('the Python pipeline reads what we write', () => {
  // Runs the snippet from docs/sidecar.md, so the documentation is tested too.
  function pythonCheck(this: Mocha.Context, articlePath: string, sidecarPath: string): { problems: string[]; probe: unknown; schemaErrors: string[] | null } {
    const probe = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      console.log('      (skipped: python3 with PyYAML is not installed; `pip install pyyaml` to run the Python contract test)');
      this.skip();
    }
    const docs = readFileSync(join(repoRoot(), 'docs', 'sidecar.md'), 'utf8');
    const snippet = [...docs.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes('def check_sidecar('));
    assert.ok(snippet, 'docs/sidecar.md has a ```python snippet defining check_sidecar');
    // Also validates against schema/sidecar.schema.json when the jsonschema package is there (null otherwise).
    const driver = `${snippet}
import json, sys
problems = check_sidecar(sys.argv[1], sys.argv[2])
with open(sys.argv[2], encoding="utf-8") as f:
    data = yaml.safe_load(f)
try:
    import jsonschema
    with open(sys.argv[3], encoding="utf-8") as f:
        schema = json.load(f)
    schema_errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
except ImportError:
    schema_errors = None
print(json.dumps({"problems": problems, "probe": data.get("probe"), "schemaErrors": schema_errors}))
`;
    const schemaPath = join(repoRoot(), 'schema', 'sidecar.schema.json');
    const run = spawnSync('python3', ['-c', driver, articlePath, sidecarPath, schemaPath], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
  }

  it('article_text[start:end] == text for every annotation, with emoji and CRLF', function () {
    const seed = seedNames()[0];
    const base = seed ? readSeed(seed) : TINY;
    const text = `😀 ${base.replace(/\n/g, '\r\n').replace('سوريا', '👍🏽 سوريا')}`;
    const set = seed ? annotateSeed(text) : tinySet();
    const tricky = 'a\u2028b\x85c\u00a0d\te"f\\g\u200fh 😀 yes: no';
    set.extra = { probe: tricky };
    const dir = mkdtempSync(join(tmpdir(), 'ana-py-'));
    try {
      const articlePath = join(dir, 'article.txt');
      writeFileSync(articlePath, `\ufeff${text}`); // a BOM, as some scrapers write: not part of the text
      writeFileSync(sidecarPathFor(articlePath), serializeSidecar(set, text, 'article.txt'));
      const result = pythonCheck.call(this, articlePath, sidecarPathFor(articlePath));
      assert.deepEqual(result.problems, []);
      assert.equal(result.probe, tricky, 'PyYAML reads the escaped string back exactly');
      if (result.schemaErrors === null) console.log('      (JSON Schema part skipped: the Python jsonschema package is not installed)');
      else assert.deepEqual(result.schemaErrors, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
